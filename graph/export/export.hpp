// Export of the graph, or a part of it, to the formats other tools read:
// GraphViz DOT, GraphML, Cytoscape.js JSON, neo4j-admin import CSV and RDF
// N-Triples (docs/export.md).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <kgraph/status.hpp>

#include "graph/graph.hpp"

namespace kgraph::graph {

// The part of the graph to export: vertices, and edges between them.
struct Subgraph {
    std::vector<VertexIndex> vertices;  // sorted, unique, live
    std::vector<EdgeIndex> edges;       // sorted, unique, live, both ends in `vertices`
};

// Every live vertex and edge.
Subgraph wholeGraph(const Graph& g);

// A selection by filters; empty filters select everything. Edges are kept when
// their type passes and both ends are selected.
struct SubgraphFilter {
    std::vector<std::string> labels;  // vertices with any of these labels
    std::vector<std::string> types;   // edges of any of these types
    // When set: only vertices within `depth` hops (either direction, over edges
    // passing `types`) of the vertices named `around` (by name or alias).
    std::string around;
    int depth = 1;
};

// NOT_FOUND when `around` names no vertex.
Result<Subgraph> selectSubgraph(const Graph& g, const SubgraphFilter& filter);

// Exactly these nodes and relationships, with the ends of each relationship:
// what a query's result holds. Ids the graph no longer has are left out.
Subgraph selectElements(const Graph& g, const std::vector<NodeId>& nodes, const std::vector<RelId>& relationships);

enum class ExportFormat { DOT, GRAPHML, JSON, CSV, NTRIPLES };

// "dot", "graphml", "json", "csv", "nt"; INVALID_INPUT otherwise.
Result<ExportFormat> parseExportFormat(const std::string& name);

struct ExportOptions {
    ExportFormat format = ExportFormat::DOT;
    // DOT: one cluster per (first) label.
    bool clusterByLabel = false;
    // N-Triples: entity IRIs are <iriBase><label>/<id>, properties <iriBase>prop/<key>.
    std::string iriBase = "https://kgraph.local/";
    // DOT: evidence sentences as tooltips and the source URL as URL, read from the store.
    bool withEvidence = true;
};

// Writes one file's content (every format but CSV) to `out`.
Status writeExport(const Graph& g, const Subgraph& sub, const ExportOptions& options, std::ostream& out);

// Writes to `path` atomically: into a temporary file beside it, renamed over
// `path` only when complete. For CSV, `path` is a directory that receives one
// nodes file per label set and one relationships file per type, plus
// `import.sh`-style argument list `import.args` for `kg import`.
Status exportToPath(const Graph& g, const Subgraph& sub, const ExportOptions& options, const std::string& path);

}  // namespace kgraph::graph
