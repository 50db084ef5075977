// The query engine's entry points: a statement in, a QueryResult out.
#pragma once

#include <string_view>

#include <kgraph/kgraph.hpp>

#include "graph/graph.hpp"
#include "query/ast.hpp"
#include "storage/store.hpp"

namespace kgraph::query {

// Parses one statement; see query/parser/parser.hpp.
Result<ast::Statement> parseStatement(std::string_view text, QueryError* error);

// Whether running `statement` may write (the caller then needs exclusive access).
bool writes(const ast::Statement& statement);

// Plans and runs `statement` over `graph`. A statement that writes does so
// through one batch of `store`, committed at its end: on any failure neither
// the store nor the graph changes. `readOnly` refuses writes (BUSY).
Result<QueryResult> run(graph::Graph& graph, storage::Store& store, bool readOnly, const ast::Statement& statement,
                        const QueryOptions& options, QueryError* error);

}  // namespace kgraph::query
