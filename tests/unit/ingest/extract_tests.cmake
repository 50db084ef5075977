# kgraph_ingest_extract: the rules format, the phrase index, extraction, the founding article.
kg_test(extract_test SOURCES extract_test.cpp LIBS kgraph_ingest_extract kgraph_ingest_text)
