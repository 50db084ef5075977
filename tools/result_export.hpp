// `:export` and `:render` in the REPL: a query result written to a file.
#pragma once

#include <string>

#include <kgraph/kgraph.hpp>

namespace kgraph::tools {

struct ResultExport {
    uint64_t nodes = 0;
    uint64_t relationships = 0;
    uint64_t rows = 0;
};

// Writes `result` to `path` atomically (a temporary beside it, then renamed):
//   dot, graphml, json   the nodes and relationships of the result and the ends of
//                        its relationships, written as `kg export` writes a graph
//                        (docs/export.md)
//   csv                  the rows, as `kg query --format csv` prints them
// INVALID_INPUT for a graph format when the result refers to no node or
// relationship, or for an unknown format.
Result<ResultExport> exportResult(Database& db, const QueryResult& result, const std::string& format,
                                  const std::string& path);

}  // namespace kgraph::tools
