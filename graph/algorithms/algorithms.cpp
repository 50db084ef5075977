#include "graph/algorithms/algorithms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include <boost/property_map/property_map.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/pending/disjoint_sets.hpp>
#include <boost/range/iterator_range.hpp>
#include <fmt/format.h>

#include "graph/algorithms/projection.hpp"

namespace kgraph::graph {

using detail::kOutOfScope;
using detail::Projection;

namespace {

constexpr uint32_t kUnreached = UINT32_MAX;

// Hop distances in the projection (kUnreached where not reached), by Boost's BFS.
std::vector<uint32_t> projectedDistances(const Projection& p, uint32_t source) {
    std::vector<uint32_t> dist(p.size(), kUnreached);
    dist[source] = 0;
    auto recorder = boost::record_distances(dist.data(), boost::on_tree_edge());
    boost::breadth_first_search(p.csr, source, boost::visitor(boost::make_bfs_visitor(recorder)));
    return dist;
}

// Global-indexed copy of a local-indexed vector.
template <typename T>
std::vector<T> toGlobal(const Graph& g, const Projection& p, const std::vector<T>& local, T outside) {
    std::vector<T> out(g.vertexCapacity(), outside);
    for (uint32_t lv = 0; lv < p.size(); ++lv) out[p.global[lv]] = local[lv];
    return out;
}

// Renumbers arbitrary component labels densely, in order of each component's smallest vertex.
std::vector<uint32_t> canonicalComponents(const std::vector<uint32_t>& raw) {
    std::vector<uint32_t> remap(raw.size(), kUnreached), out(raw.size());
    uint32_t next = 0;
    for (size_t v = 0; v < raw.size(); ++v) {
        uint32_t& id = remap[raw[v]];
        if (id == kUnreached) id = next++;
        out[v] = id;
    }
    return out;
}

}  // namespace

std::vector<int64_t> bfsDistances(const Graph& g, VertexIndex source, const AlgoScope& scope) {
    Projection p = detail::project(g, scope, scope.direction);
    std::vector<int64_t> out(g.vertexCapacity(), -1);
    if (source >= p.local.size() || p.local[source] == kOutOfScope) return out;
    std::vector<uint32_t> dist = projectedDistances(p, p.local[source]);
    for (uint32_t lv = 0; lv < p.size(); ++lv)
        if (dist[lv] != kUnreached) out[p.global[lv]] = dist[lv];
    return out;
}

namespace {

// Shortest paths by hops from source to target, at most `limit` of them.
// Past the limit: LIMIT_EXCEEDED when `failPastLimit`, else the first `limit`.
Result<std::vector<Path>> shortestPaths(const Graph& g, VertexIndex source, VertexIndex target,
                                        const AlgoScope& scope, size_t limit, bool failPastLimit) {
    Projection p = detail::project(g, scope, scope.direction);
    std::vector<Path> paths;
    if (source >= p.local.size() || target >= p.local.size() || p.local[source] == kOutOfScope ||
        p.local[target] == kOutOfScope)
        return paths;
    const uint32_t s = p.local[source], t = p.local[target];
    std::vector<uint32_t> dist = projectedDistances(p, s);
    if (dist[t] == kUnreached) return paths;

    // Predecessor edges on shortest paths, then every path from t back to s.
    std::vector<std::vector<std::pair<uint32_t, EdgeIndex>>> pred(p.size());
    for (uint32_t u = 0; u < p.size(); ++u) {
        if (dist[u] == kUnreached || dist[u] >= dist[t]) continue;
        for (auto e : boost::make_iterator_range(boost::out_edges(u, p.csr))) {
            uint32_t x = boost::target(e, p.csr);
            if (dist[x] == dist[u] + 1) pred[x].emplace_back(u, p.edge[boost::get(boost::edge_index, p.csr, e)]);
        }
    }
    std::vector<uint32_t> vertices{t};
    std::vector<EdgeIndex> edges;
    Status tooMany;
    bool done = false;
    auto walk = [&](auto&& self, uint32_t x) -> void {
        if (done) return;
        if (x == s) {
            if (paths.size() >= limit) {
                if (failPastLimit) tooMany = Status::limitExceeded(fmt::format("more than {} shortest paths", limit));
                done = true;
                return;
            }
            Path path;
            for (auto it = vertices.rbegin(); it != vertices.rend(); ++it) path.vertices.push_back(p.global[*it]);
            path.edges.assign(edges.rbegin(), edges.rend());
            paths.push_back(std::move(path));
            return;
        }
        for (const auto& [u, e] : pred[x]) {
            vertices.push_back(u);
            edges.push_back(e);
            self(self, u);
            vertices.pop_back();
            edges.pop_back();
        }
    };
    walk(walk, t);  // depth is the path length, bounded by the vertex count
    if (!tooMany.isOk()) return tooMany;
    return paths;
}

}  // namespace

Result<std::vector<Path>> allShortestPaths(const Graph& g, VertexIndex source, VertexIndex target,
                                           const AlgoScope& scope, size_t limit) {
    return shortestPaths(g, source, target, scope, limit, /*failPastLimit=*/true);
}

std::optional<Path> shortestPath(const Graph& g, VertexIndex source, VertexIndex target, const AlgoScope& scope) {
    auto paths = shortestPaths(g, source, target, scope, 1, /*failPastLimit=*/false);
    if (!paths.isOk() || paths->empty()) return std::nullopt;
    return std::move(paths->front());
}

Result<std::optional<WeightedPath>> weightedShortestPath(const Graph& g, VertexIndex source, VertexIndex target,
                                                         const AlgoScope& scope, TokenId weightKey) {
    Projection p = detail::project(g, scope, scope.direction);
    if (source >= p.local.size() || target >= p.local.size() || p.local[source] == kOutOfScope ||
        p.local[target] == kOutOfScope)
        return std::optional<WeightedPath>();
    std::vector<double> weight(p.edge.size());
    for (size_t i = 0; i < p.edge.size(); ++i) {
        const Value* w = g.edgeProperty(p.edge[i], weightKey);
        double d = !w ? NAN : w->isInt() ? static_cast<double>(w->asInt()) : w->isFloat() ? w->asFloat() : NAN;
        if (std::isnan(d) || d < 0)
            return Status::invalidInput(fmt::format(
                "relationship {} has {} weight: weights must be numbers >= 0", g.relId(p.edge[i]),
                !w ? "no" : fmt::format("the unusable {}", w->toString())));
        weight[i] = d;
    }
    const uint32_t s = p.local[source], t = p.local[target];
    std::vector<double> dist(p.size());
    std::vector<uint32_t> pred(p.size());
    boost::dijkstra_shortest_paths(
        p.csr, s,
        boost::weight_map(boost::make_iterator_property_map(weight.begin(), boost::get(boost::edge_index, p.csr)))
            .distance_map(dist.data())
            .predecessor_map(pred.data()));
    if (dist[t] == std::numeric_limits<double>::max()) return std::optional<WeightedPath>();
    WeightedPath result;
    result.cost = dist[t];
    for (uint32_t x = t; x != s; x = pred[x]) {
        // Of parallel edges pred[x] -> x, the lightest is on the path.
        uint32_t u = pred[x];
        size_t best = SIZE_MAX;
        for (auto e : boost::make_iterator_range(boost::out_edges(u, p.csr))) {
            size_t i = boost::get(boost::edge_index, p.csr, e);
            if (boost::target(e, p.csr) == x && (best == SIZE_MAX || weight[i] < weight[best])) best = i;
        }
        result.path.edges.push_back(p.edge[best]);
        result.path.vertices.push_back(p.global[x]);
    }
    result.path.vertices.push_back(source);
    std::reverse(result.path.vertices.begin(), result.path.vertices.end());
    std::reverse(result.path.edges.begin(), result.path.edges.end());
    return std::optional<WeightedPath>(std::move(result));
}

std::vector<uint32_t> weaklyConnectedComponents(const Graph& g, const AlgoScope& scope) {
    Projection p = detail::project(g, scope, Direction::OUT);
    // Union-find over the edges: direction does not matter for weak components.
    std::vector<uint32_t> rank(p.size(), 0), parent(p.size());
    auto rankMap = boost::make_iterator_property_map(rank.begin(), boost::typed_identity_property_map<uint32_t>());
    auto parentMap = boost::make_iterator_property_map(parent.begin(), boost::typed_identity_property_map<uint32_t>());
    boost::disjoint_sets<decltype(rankMap), decltype(parentMap)> sets(rankMap, parentMap);
    for (uint32_t v = 0; v < p.size(); ++v) sets.make_set(v);
    for (auto e : boost::make_iterator_range(boost::edges(p.csr)))
        sets.union_set(boost::source(e, p.csr), boost::target(e, p.csr));
    std::vector<uint32_t> raw(p.size());
    for (uint32_t v = 0; v < p.size(); ++v) raw[v] = sets.find_set(v);
    return toGlobal(g, p, canonicalComponents(raw), kUnreached);
}

std::vector<uint32_t> stronglyConnectedComponents(const Graph& g, const AlgoScope& scope) {
    Projection p = detail::project(g, scope, scope.direction == Direction::IN ? Direction::IN : Direction::OUT);
    std::vector<uint32_t> raw(p.size());
    if (p.size() > 0) boost::strong_components(p.csr, raw.data());
    return toGlobal(g, p, canonicalComponents(raw), kUnreached);
}

PageRankResult pageRank(const Graph& g, const AlgoScope& scope, const PageRankOptions& options) {
    Projection p = detail::project(g, scope, scope.direction);
    PageRankResult result;
    const uint32_t n = p.size();
    result.scores.assign(g.vertexCapacity(), std::nan(""));
    if (n == 0) return result;
    const double alpha = options.damping, uniform = 1.0 / n;
    const auto& rowStart = p.csr.m_forward.m_rowstart;
    const auto& column = p.csr.m_forward.m_column;
    std::vector<double> x(n, uniform), next(n);
    for (int it = 0; it < options.iterations; ++it) {
        double dangling = 0;
        std::fill(next.begin(), next.end(), 0.0);
        for (uint32_t v = 0; v < n; ++v) {
            const uint32_t begin = rowStart[v], end = rowStart[v + 1];
            if (begin == end) {
                dangling += x[v];
                continue;
            }
            const double share = alpha * x[v] / (end - begin);  // parallel edges count once each
            for (uint32_t i = begin; i < end; ++i) next[column[i]] += share;
        }
        const double base = alpha * dangling * uniform + (1.0 - alpha) * uniform;
        double err = 0;
        for (uint32_t v = 0; v < n; ++v) {
            next[v] += base;
            err += std::abs(next[v] - x[v]);
        }
        x.swap(next);
        result.iterations = it + 1;
        if (err < n * options.tolerance) {
            result.converged = true;
            break;
        }
    }
    for (uint32_t lv = 0; lv < n; ++lv) result.scores[p.global[lv]] = x[lv];
    return result;
}

std::vector<double> betweenness(const Graph& g, const AlgoScope& scope, bool normalized) {
    Projection p = detail::project(g, scope, scope.direction);
    const uint32_t n = p.size();
    std::vector<double> centrality(n, 0.0);
    if (n > 0)
        boost::brandes_betweenness_centrality(
            p.csr, boost::centrality_map(boost::make_iterator_property_map(
                       centrality.begin(), boost::get(boost::vertex_index, p.csr))));
    // Boost sums over ordered pairs; NetworkX halves that for undirected
    // graphs (BOTH is our undirected view) unless it normalises.
    double scale = 1.0;
    if (normalized) scale = n > 2 ? 1.0 / ((n - 1.0) * (n - 2.0)) : 1.0;
    else if (scope.direction == Direction::BOTH) scale = 0.5;
    for (double& c : centrality) c *= scale;
    return toGlobal(g, p, centrality, std::nan(""));
}

std::vector<int64_t> degrees(const Graph& g, const AlgoScope& scope) {
    Projection p = detail::project(g, scope, scope.direction);
    std::vector<int64_t> local(p.size());
    for (uint32_t v = 0; v < p.size(); ++v) local[v] = boost::out_degree(v, p.csr);
    return toGlobal(g, p, local, int64_t{-1});
}

}  // namespace kgraph::graph
