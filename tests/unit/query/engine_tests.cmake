# The query engine end to end through the public API: logic tests as data
# files (tests/data/query/logic/*.test, format in logic_test.cpp).
kg_test(query_logic_test SOURCES logic_test.cpp LIBS kgraph_api nlohmann_json::nlohmann_json)
