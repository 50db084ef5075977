# kgraph_ingest_eval: scores, the JSON of DocumentAnnotations, the report (and examples/gold/ when present).
kg_test(eval_test SOURCES eval_test.cpp LIBS kgraph_ingest_eval nlohmann_json::nlohmann_json)
