# The expression part alone (query/expr): value semantics and scalar functions.
kg_test(expr_test SOURCES expr_test.cpp expr_functions_test.cpp LIBS kgraph_query_expr)
