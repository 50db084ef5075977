// Choosing what to export: the whole graph, or a selection by label, type and
// neighbourhood.
#include <algorithm>
#include <deque>

#include <fmt/format.h>

#include "graph/export/export.hpp"

namespace kgraph::graph {

namespace {

using storage::TokenKind;

// Known tokens for `names`; unknown names are left out, so they select nothing.
std::vector<TokenId> knownTokens(const storage::Store& store, TokenKind kind, const std::vector<std::string>& names) {
    std::vector<TokenId> out;
    for (const auto& name : names)
        if (auto t = store.findToken(kind, name)) out.push_back(*t);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Visits the out-edges of `v` whose type passes `types` (all when unfiltered).
template <typename Visit>
void forEachOutTyped(const Graph& g, VertexIndex v, bool typeFilter, const std::vector<TokenId>& types,
                     Visit&& visit) {
    if (!typeFilter) {
        g.forEachOut(v, std::nullopt, visit);
        return;
    }
    for (TokenId t : types) g.forEachOut(v, t, visit);
}

template <typename Visit>
void forEachInTyped(const Graph& g, VertexIndex v, bool typeFilter, const std::vector<TokenId>& types,
                    Visit&& visit) {
    if (!typeFilter) {
        g.forEachIn(v, std::nullopt, visit);
        return;
    }
    for (TokenId t : types) g.forEachIn(v, t, visit);
}

}  // namespace

Subgraph wholeGraph(const Graph& g) {
    Subgraph sub;
    sub.vertices.reserve(g.vertexCount());
    for (VertexIndex v = 0; v < g.vertexCapacity(); ++v)
        if (g.vertexLive(v)) sub.vertices.push_back(v);
    sub.edges.reserve(g.edgeCount());
    for (EdgeIndex e = 0; e < g.edgeCapacity(); ++e)
        if (g.edgeLive(e)) sub.edges.push_back(e);
    return sub;
}

Subgraph selectElements(const Graph& g, const std::vector<NodeId>& nodes, const std::vector<RelId>& relationships) {
    Subgraph sub;
    for (NodeId id : nodes)
        if (VertexIndex v = g.vertexOf(id); v != kNoVertex && g.vertexLive(v)) sub.vertices.push_back(v);
    for (RelId id : relationships) {
        EdgeIndex e = g.edgeOf(id);
        if (e == kNoEdge || !g.edgeLive(e)) continue;
        sub.edges.push_back(e);
        sub.vertices.push_back(g.source(e));
        sub.vertices.push_back(g.target(e));
    }
    for (auto* list : {&sub.vertices, &sub.edges}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    return sub;
}

Result<Subgraph> selectSubgraph(const Graph& g, const SubgraphFilter& filter) {
    if (filter.labels.empty() && filter.types.empty() && filter.around.empty()) return wholeGraph(g);
    if (filter.depth < 0) return Status::invalidInput(fmt::format("depth {} is negative", filter.depth));
    const storage::Store& store = g.store();
    const bool typeFilter = !filter.types.empty();
    const std::vector<TokenId> types = knownTokens(store, TokenKind::TYPE, filter.types);

    // Candidate vertices as a bitmap over vertex indexes.
    std::vector<bool> selected(g.vertexCapacity(), false);
    if (filter.around.empty()) {
        for (VertexIndex v = 0; v < g.vertexCapacity(); ++v) selected[v] = g.vertexLive(v);
    } else {
        std::vector<VertexIndex> seeds = g.findByAlias(filter.around);
        for (const auto& [label, name] : store.tokens(TokenKind::LABEL)) {
            std::vector<VertexIndex> found = g.findByName(label, filter.around);
            seeds.insert(seeds.end(), found.begin(), found.end());
        }
        if (seeds.empty()) return Status::notFound(fmt::format("no node is named '{}'", filter.around));
        // Breadth-first in both directions, `depth` hops at most.
        std::deque<std::pair<VertexIndex, int>> queue;
        for (VertexIndex s : seeds) {
            if (selected[s]) continue;
            selected[s] = true;
            queue.emplace_back(s, 0);
        }
        while (!queue.empty()) {
            auto [v, hops] = queue.front();
            queue.pop_front();
            if (hops == filter.depth) continue;
            auto reach = [&](EdgeIndex, VertexIndex other) {
                if (!selected[other]) {
                    selected[other] = true;
                    queue.emplace_back(other, hops + 1);
                }
                return true;
            };
            forEachOutTyped(g, v, typeFilter, types, reach);
            forEachInTyped(g, v, typeFilter, types, reach);
        }
    }
    // Labels narrow the selection after the neighbourhood is found, so
    // `--label Company --around X --depth 2` finds companies two hops away
    // even when the hop between is a Topic.
    if (!filter.labels.empty()) {
        const std::vector<TokenId> labels = knownTokens(store, TokenKind::LABEL, filter.labels);
        for (VertexIndex v = 0; v < g.vertexCapacity(); ++v) {
            if (!selected[v]) continue;
            selected[v] = std::any_of(labels.begin(), labels.end(), [&](TokenId l) { return g.hasLabel(v, l); });
        }
    }

    Subgraph sub;
    for (VertexIndex v = 0; v < g.vertexCapacity(); ++v)
        if (selected[v]) sub.vertices.push_back(v);
    for (VertexIndex v : sub.vertices) {
        forEachOutTyped(g, v, typeFilter, types, [&](EdgeIndex e, VertexIndex other) {
            if (selected[other]) sub.edges.push_back(e);
            return true;
        });
    }
    std::sort(sub.edges.begin(), sub.edges.end());
    sub.edges.erase(std::unique(sub.edges.begin(), sub.edges.end()), sub.edges.end());
    return sub;
}

}  // namespace kgraph::graph
