// Inline traversal of graph/graph.hpp: the hot loops of every expansion.
#pragma once

#include <algorithm>

namespace kgraph::graph {

template <typename Visit>
void Graph::forEachOut(VertexIndex v, std::optional<TokenId> type, Visit&& visit) const {
    const Topology& t = topo_;
    if (v < t.csrVertices) {
        EdgeIndex begin = t.outStart[v], end = t.outStart[v + 1];
        if (type) {
            // Out-edges of a vertex are grouped by type: find the group.
            auto types = t.edgeType.begin();
            begin = static_cast<EdgeIndex>(std::lower_bound(types + begin, types + end, *type) - types);
            end = static_cast<EdgeIndex>(std::upper_bound(types + begin, types + end, *type) - types);
        }
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
        EdgeIndex begin = t.inStart[v], end = t.inStart[v + 1];
        if (type) {
            // In-entries are grouped by type as well.
            auto typeOf = [&](EdgeIndex i) { return t.edgeType[t.inEdge[i]]; };
            EdgeIndex lo = begin, hi = end;
            while (lo < hi) {
                EdgeIndex mid = lo + (hi - lo) / 2;
                if (typeOf(mid) < *type) lo = mid + 1;
                else hi = mid;
            }
            begin = lo;
            hi = end;
            while (lo < hi) {
                EdgeIndex mid = lo + (hi - lo) / 2;
                if (typeOf(mid) <= *type) lo = mid + 1;
                else hi = mid;
            }
            end = lo;
        }
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
