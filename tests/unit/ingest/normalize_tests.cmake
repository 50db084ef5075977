# Normalisers (ingest/normalize): money, shares and periods in German and English text.
kg_test(normalize_test SOURCES normalize_test.cpp LIBS kgraph_ingest_normalize)
