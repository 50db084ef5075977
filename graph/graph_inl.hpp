// Inline traversal of graph/graph.hpp: the hot loops of every expansion.
#pragma once

#include <algorithm>

namespace kgraph::graph {

namespace detail {

// The part of [begin, end) whose entries in `types` equal `type` (each
// vertex's out-edges and in-entries are grouped by type); all without a type.
inline std::pair<EdgeIndex, EdgeIndex> typeRange(std::span<const TokenId> types, EdgeIndex begin, EdgeIndex end,
                                                 std::optional<TokenId> type) {
    if (!type) return {begin, end};
    auto first = types.begin();
    auto lo = std::lower_bound(first + begin, first + end, *type);
    auto hi = std::upper_bound(lo, first + end, *type);
    return {static_cast<EdgeIndex>(lo - first), static_cast<EdgeIndex>(hi - first)};
}

}  // namespace detail

inline std::pair<EdgeIndex, EdgeIndex> Graph::csrOutRange(VertexIndex v, std::optional<TokenId> type) const {
    return detail::typeRange(topo_.edgeType, topo_.outStart[v], topo_.outStart[v + 1], type);
}

inline std::pair<EdgeIndex, EdgeIndex> Graph::csrInRange(VertexIndex v, std::optional<TokenId> type) const {
    return detail::typeRange(topo_.inType, topo_.inStart[v], topo_.inStart[v + 1], type);
}

template <typename Visit>
void Graph::forEachOut(VertexIndex v, std::optional<TokenId> type, Visit&& visit) const {
    const Topology& t = topo_;
    if (v < t.csrVertices) {
        auto [begin, end] = csrOutRange(v, type);
        for (EdgeIndex e = begin; e < end; ++e) {
            if ((*t.edgeDead)[e]) continue;
            if (!visit(e, t.outTarget[e])) return;
        }
    }
    if (v < t.deltaOut->size()) {
        for (EdgeIndex e : (*t.deltaOut)[v]) {
            if ((*t.edgeDead)[e] || (type && t.edgeType[e] != *type)) continue;
            if (!visit(e, t.edgeTarget[e - t.csrEdges])) return;
        }
    }
}

template <typename Visit>
void Graph::forEachIn(VertexIndex v, std::optional<TokenId> type, Visit&& visit) const {
    const Topology& t = topo_;
    if (v < t.csrVertices) {
        auto [begin, end] = csrInRange(v, type);
        for (EdgeIndex i = begin; i < end; ++i) {
            EdgeIndex e = t.inEdge[i];
            if ((*t.edgeDead)[e]) continue;
            if (!visit(e, t.inSource[i])) return;
        }
    }
    if (v < t.deltaIn->size()) {
        for (EdgeIndex e : (*t.deltaIn)[v]) {
            if ((*t.edgeDead)[e] || (type && t.edgeType[e] != *type)) continue;
            if (!visit(e, t.edgeSource[e - t.csrEdges])) return;
        }
    }
}

}  // namespace kgraph::graph
