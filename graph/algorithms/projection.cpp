#include "graph/algorithms/projection.hpp"

#include <algorithm>

namespace kgraph::graph::detail {

Projection project(const Graph& g, const AlgoScope& scope, Direction direction) {
    Projection p;
    const VertexIndex capacity = g.vertexCapacity();
    p.local.assign(capacity, kOutOfScope);
    for (VertexIndex v = 0; v < capacity; ++v) {
        if (!g.vertexLive(v)) continue;
        if (!scope.labels.empty() &&
            std::none_of(scope.labels.begin(), scope.labels.end(), [&](TokenId l) { return g.hasLabel(v, l); }))
            continue;
        p.local[v] = static_cast<uint32_t>(p.global.size());
        p.global.push_back(v);
    }

    // A single type is a range of each vertex's out-edges; several are a filter.
    std::optional<TokenId> onlyType;
    if (scope.types.size() == 1) onlyType = scope.types[0];
    auto typeOk = [&](EdgeIndex e) {
        return scope.types.size() <= 1 ||
               std::find(scope.types.begin(), scope.types.end(), g.type(e)) != scope.types.end();
    };

    // Vertices are visited in order, so the pairs come sorted by source.
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (uint32_t lv = 0; lv < p.size(); ++lv) {
        VertexIndex v = p.global[lv];
        auto add = [&](EdgeIndex e, VertexIndex other) {
            if (p.local[other] != kOutOfScope && typeOk(e)) {
                pairs.emplace_back(lv, p.local[other]);
                p.edge.push_back(e);
            }
            return true;
        };
        if (direction != Direction::IN) g.forEachOut(v, onlyType, add);
        if (direction != Direction::OUT) g.forEachIn(v, onlyType, add);
    }
    p.csr = ProjectedCsr(boost::edges_are_sorted, pairs.begin(), pairs.end(), p.size());
    return p;
}

}  // namespace kgraph::graph::detail
