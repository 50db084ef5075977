// The planner: binds an AST (scopes, variables, aggregates) and turns it into
// a tree of physical operators. Errors in the query (an undefined variable,
// an aggregate where none may be) throw QueryException at compile time.
#pragma once

#include <string>
#include <vector>

#include <kgraph/kgraph.hpp>

#include "graph/graph.hpp"
#include "query/ast.hpp"
#include "query/operator.hpp"

namespace kgraph::query {

struct Plan {
    OperatorPtr root;
    std::vector<std::string> columns;
    std::vector<int> columnSlots;
    int slotCount = 0;
    bool writes = false;
};

// Whether the statement has an updating clause (CREATE, MERGE, SET, REMOVE, DELETE).
bool statementWrites(const ast::Statement& statement);

// `graph` and `store` give the statistics that choose where a pattern starts.
Plan planStatement(const ast::Statement& statement, const graph::Graph& graph, const storage::Store& store,
                   const Value::Map& parameters);

}  // namespace kgraph::query
