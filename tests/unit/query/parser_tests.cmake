# The parser alone (query/parser): query text -> AST, syntax errors, nesting
# bounds, and every openCypher TCK query that must parse.
kg_test(parser_test SOURCES parser_test.cpp LIBS kgraph_query_parser fmt::fmt)
