// Projection: the part of the graph an algorithm may see, as a compact Boost
// CSR with vertices renumbered 0..n-1. Private to graph/algorithms.
#pragma once

#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "graph/algorithms/algorithms.hpp"

namespace kgraph::graph::detail {

using ProjectedCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                        boost::no_property, uint32_t, uint32_t>;

inline constexpr uint32_t kOutOfScope = UINT32_MAX;

struct Projection {
    std::vector<VertexIndex> global;  // local vertex -> graph vertex
    std::vector<uint32_t> local;      // graph vertex -> local vertex, or kOutOfScope
    std::vector<EdgeIndex> edge;      // CSR edge index -> graph edge
    ProjectedCsr csr;

    uint32_t size() const { return static_cast<uint32_t>(global.size()); }
};

// Projects `scope` of `g`, following edges in `direction` (BOTH: each edge
// both ways).
Projection project(const Graph& g, const AlgoScope& scope, Direction direction);

}  // namespace kgraph::graph::detail
