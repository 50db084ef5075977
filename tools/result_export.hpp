// `:export` and `:render` in the REPL: a query result written to a file. The
// graph formats take the nodes and relationships the result refers to (and
// the ends of those relationships); csv takes its rows.
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
//   dot      GraphViz DOT, a node per entity labelled by its name, coloured by its first label
//   graphml  GraphML with `labels`, `type` and every property as string data
//   json     Cytoscape.js elements, {"elements":{"nodes":[{"data":{...}}],"edges":[...]}}
//   csv      the rows, as `kg query --format csv` prints them
// `db` is asked for the nodes at the ends of the result's relationships that
// the result itself does not hold. INVALID_INPUT for a graph format when the
// result refers to no node or relationship, or for an unknown format.
Result<ResultExport> exportResult(Database& db, const QueryResult& result, const std::string& format,
                                  const std::string& path);

}  // namespace kgraph::tools
