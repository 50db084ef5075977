// Graph algorithms over the in-memory graph, limited to labels and
// relationship types and run in the direction asked (docs/algorithms.md).
//
// Each call first projects the part of the graph it may see into a compact
// Boost CSR (vertices renumbered densely, edges of the direction asked, both
// directions for BOTH), as graph-data-science libraries do, then runs Boost's
// algorithm on it: breadth-first search, Dijkstra, connected and strong
// components, Brandes betweenness. PageRank is our own loop because its
// treatment of dangling vertices must match NetworkX (their rank is spread
// evenly over all vertices), which Boost's page_rank does not do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <kgraph/status.hpp>

#include "graph/graph.hpp"

namespace kgraph::graph {

// What an algorithm sees. Empty label and type lists mean all.
struct AlgoScope {
    std::vector<TokenId> labels;  // vertices with any of these labels
    std::vector<TokenId> types;   // edges of any of these types
    Direction direction = Direction::OUT;
};

// A path: vertices v0..vn and the edges between them (n edges).
struct Path {
    std::vector<VertexIndex> vertices;
    std::vector<EdgeIndex> edges;
};

// Hop distances from `source` to every vertex (-1: unreachable or out of scope),
// indexed by VertexIndex (size vertexCapacity()).
std::vector<int64_t> bfsDistances(const Graph& g, VertexIndex source, const AlgoScope& scope);

// One shortest path by hops; nullopt when `target` is unreachable.
std::optional<Path> shortestPath(const Graph& g, VertexIndex source, VertexIndex target, const AlgoScope& scope);

// Every shortest path by hops, at most `limit` of them (LIMIT_EXCEEDED past it).
Result<std::vector<Path>> allShortestPaths(const Graph& g, VertexIndex source, VertexIndex target,
                                           const AlgoScope& scope, size_t limit = 100000);

struct WeightedPath {
    Path path;
    double cost = 0;
};

// Dijkstra with weight = the numeric property `weightKey` of each edge.
// INVALID_INPUT when an edge in scope lacks it or it is negative or not a number;
// nullopt when unreachable.
Result<std::optional<WeightedPath>> weightedShortestPath(const Graph& g, VertexIndex source, VertexIndex target,
                                                         const AlgoScope& scope, TokenId weightKey);

// Components, indexed by VertexIndex; UINT32_MAX for vertices out of scope.
// Component ids are dense from 0, numbered in order of their smallest vertex.
// Weakly connected ignores direction; strongly connected follows it.
std::vector<uint32_t> weaklyConnectedComponents(const Graph& g, const AlgoScope& scope);
std::vector<uint32_t> stronglyConnectedComponents(const Graph& g, const AlgoScope& scope);

struct PageRankOptions {
    double damping = 0.85;
    int iterations = 100;     // at most
    double tolerance = 1e-6;  // stop when the L1 change summed over vertices < n * tolerance (NetworkX's rule)
};

struct PageRankResult {
    std::vector<double> scores;  // by VertexIndex; NaN out of scope
    int iterations = 0;
    bool converged = false;
};

// PageRank as NetworkX computes it: uniform start and teleport, parallel
// edges counted, dangling vertices' rank spread evenly over all vertices.
PageRankResult pageRank(const Graph& g, const AlgoScope& scope, const PageRankOptions& options = {});

// Brandes betweenness (exact), scaled as NetworkX scales it: unnormalized,
// BOTH counts each undirected pair once; normalized, the sums are divided by
// (n-1)(n-2) with n the vertices in scope. NaN out of scope.
std::vector<double> betweenness(const Graph& g, const AlgoScope& scope, bool normalized);

// Degree within the scope, in the scope's direction (BOTH: in + out).
// -1 out of scope.
std::vector<int64_t> degrees(const Graph& g, const AlgoScope& scope);

}  // namespace kgraph::graph
