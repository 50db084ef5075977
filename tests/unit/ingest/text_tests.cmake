# kgraph_ingest_text: reading documents, language detection, segmentation.
kg_test(text_test
  SOURCES text_document_test.cpp text_detect_language_test.cpp text_segment_test.cpp
  LIBS kgraph_ingest_text)
