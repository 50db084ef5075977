#include "graph/graph.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>
#include <shared_mutex>
#include <unordered_map>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <fmt/format.h>

#include "common/assert.hpp"
#include "common/text.hpp"
#include "storage/codec.hpp"

namespace kgraph::graph {

namespace {

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, boost::no_property,
                                               boost::no_property, VertexIndex, EdgeIndex>;

// The delta is folded into the CSR once it holds this share of all edges:
// past that, delta scans and tombstones cost more than a rebuild.
constexpr double kCompactDeltaShare = 0.25;
constexpr size_t kCompactMinDelta = 4096;

const Value* findProperty(const PropertyList& props, TokenId key) {
    auto it = std::lower_bound(props.begin(), props.end(), key, [](const auto& p, TokenId k) { return p.first < k; });
    return it != props.end() && it->first == key ? &it->second : nullptr;
}

std::string nameKey(TokenId label, std::string_view normalized) {
    std::string k;
    storage::putFixed32(k, label);
    k.append(normalized);
    return k;
}

size_t valueBytes(const Value& v) {
    size_t n = sizeof(Value);
    if (v.isString()) n += v.asString().capacity() > 15 ? v.asString().capacity() : 0;
    if (v.isList())
        for (const Value& item : v.asList()) n += valueBytes(item);
    if (v.isMap())
        for (const auto& [k, item] : v.asMap()) n += k.capacity() + valueBytes(item) + 32;
    return n;
}

size_t listBytes(const PropertyList& props) {
    size_t n = props.capacity() * sizeof(PropertyList::value_type);
    for (const auto& [k, v] : props) n += valueBytes(v) - sizeof(Value);
    return n;
}

}  // namespace

struct Graph::Impl {
    const storage::Store* store = nullptr;
    Csr csr;

    // Vertices.
    std::vector<NodeId> nodeIds;
    std::vector<uint32_t> labelSetOf;               // per vertex: index into labelSets
    std::vector<std::vector<TokenId>> labelSets;    // distinct sorted label sets
    std::map<std::vector<TokenId>, uint32_t> labelSetIds;
    uint32_t lastLabelSet = UINT32_MAX;
    std::vector<PropertyList> vertexProps;
    std::vector<bool> vertexDead;
    std::vector<VertexIndex> vertexByNode;  // by NodeId (ids are dense)
    size_t liveVertices = 0;

    // Edges: CSR edges [0, csrEdges), delta edges after.
    EdgeIndex csrEdges = 0;
    VertexIndex csrVertices = 0;
    std::vector<RelId> relIds;
    std::vector<TokenId> edgeTypes;
    std::vector<TokenId> inTypes;         // the type of each CSR in-entry: typed in-expansions search it
    std::vector<uint32_t> edgePropsOf;    // index into edgeProps; 0 = none
    std::vector<PropertyList> edgeProps;  // [0] is the empty list
    std::vector<bool> edgeDead;
    std::vector<EdgeIndex> edgeByRel;     // by RelId (ids are dense)
    std::vector<VertexIndex> deltaSource, deltaTarget;
    std::vector<std::vector<EdgeIndex>> deltaOut, deltaIn;
    size_t liveEdges = 0;

    // Per relationship type, the label sets (ids) of the nodes at its start
    // and at its end: a superset of the live relationships' ones, so that a
    // planner may drop a label check every relationship of a type implies.
    // Unknown once a node with relationships changes its labels, until the
    // next rebuild.
    struct TypeEnds {
        std::vector<uint32_t> start, end;
    };
    std::unordered_map<TokenId, TypeEnds> typeEnds;
    bool typeEndsKnown = true;

    void noteEnds(TokenId type, VertexIndex s, VertexIndex d) {
        TypeEnds& ends = typeEnds[type];
        auto add = [](std::vector<uint32_t>& sets, uint32_t set) {
            if (std::find(sets.begin(), sets.end(), set) == sets.end()) sets.push_back(set);
        };
        add(ends.start, labelSetOf[s]);
        add(ends.end, labelSetOf[d]);
    }

    // Indexes. Lists may hold dead entries (or entries that lost the label);
    // readers filter, compact() rebuilds.
    std::unordered_map<TokenId, std::vector<VertexIndex>> byLabel;
    bool byLabelExact = true;  // no list holds a dead vertex or one that lost the label
    TokenId lastIndexedLabel = 0;
    std::vector<VertexIndex>* lastLabelList = nullptr;  // byLabel[lastIndexedLabel]
    std::unordered_map<TokenId, std::vector<EdgeIndex>> byType;
    std::unordered_map<std::string, std::vector<VertexIndex>> byName;   // nameKey(label, normalised)
    std::unordered_map<std::string, std::vector<VertexIndex>> byAlias;  // normalised
    std::optional<TokenId> nameToken, aliasesToken;

    // Property hash indexes, built on demand.
    mutable std::mutex propertyIndexMutex;
    mutable std::map<std::pair<TokenId, TokenId>, std::unordered_map<std::string, std::vector<VertexIndex>>>
        propertyIndexes;

    uint32_t internLabelSet(std::vector<TokenId> labels) {
        std::sort(labels.begin(), labels.end());
        labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
        // Nodes arrive grouped by label (imports write a label at a time).
        if (lastLabelSet < labelSets.size() && labelSets[lastLabelSet] == labels) return lastLabelSet;
        auto [it, inserted] = labelSetIds.try_emplace(labels, static_cast<uint32_t>(labelSets.size()));
        if (inserted) labelSets.push_back(labels);
        lastLabelSet = it->second;
        return it->second;
    }

    uint32_t internEdgeProps(PropertyList props) {
        if (props.empty()) return 0;
        edgeProps.push_back(std::move(props));
        return static_cast<uint32_t>(edgeProps.size() - 1);
    }

    void indexVertex(VertexIndex v) {
        const auto& labels = labelSets[labelSetOf[v]];
        for (TokenId l : labels) {
            // Unordered-map elements never move, so the last list found stays valid.
            if (l != lastIndexedLabel || !lastLabelList) lastLabelList = &byLabel[l];
            lastIndexedLabel = l;
            auto& list = *lastLabelList;
            if (list.empty() || list.back() < v) list.push_back(v);
            else if (!std::binary_search(list.begin(), list.end(), v))
                list.insert(std::lower_bound(list.begin(), list.end(), v), v);
        }
        const PropertyList& props = vertexProps[v];
        if (nameToken)
            if (const Value* name = findProperty(props, *nameToken); name && name->isString()) {
                std::string norm = normalizeName(name->asString());
                for (TokenId l : labels) byName[nameKey(l, norm)].push_back(v);
            }
        if (aliasesToken)
            if (const Value* aliases = findProperty(props, *aliasesToken)) {
                auto add = [&](const Value& a) {
                    if (a.isString()) byAlias[normalizeName(a.asString())].push_back(v);
                };
                if (aliases->isList()) for (const Value& a : aliases->asList()) add(a);
                else add(*aliases);
            }
        std::lock_guard lock(propertyIndexMutex);
        for (auto& [labelKey, index] : propertyIndexes) {
            if (!std::binary_search(labels.begin(), labels.end(), labelKey.first)) continue;
            if (const Value* value = findProperty(props, labelKey.second))
                index[storage::encodeValue(*value)].push_back(v);
        }
    }

    VertexIndex addVertex(storage::NodeRecord&& n) {
        auto v = static_cast<VertexIndex>(nodeIds.size());
        nodeIds.push_back(n.id);
        labelSetOf.push_back(internLabelSet(n.labels));
        vertexProps.push_back(std::move(n.properties));
        vertexDead.push_back(false);
        if (vertexByNode.size() <= n.id) vertexByNode.resize(n.id + 1, kNoVertex);
        vertexByNode[n.id] = v;
        ++liveVertices;
        return v;
    }

    VertexIndex vertexOf(NodeId node) const {
        return node < vertexByNode.size() ? vertexByNode[node] : kNoVertex;
    }
    EdgeIndex edgeOf(RelId rel) const { return rel < edgeByRel.size() ? edgeByRel[rel] : kNoEdge; }

    void setEdgeByRel(RelId rel, EdgeIndex e) {
        if (edgeByRel.size() <= rel) edgeByRel.resize(rel + 1, kNoEdge);
        edgeByRel[rel] = e;
    }

    // Builds the CSR from edges given as parallel arrays (any order) and
    // resets the delta. Every vertex that exists is a CSR vertex afterwards.
    void buildCsr(std::vector<VertexIndex>& src, std::vector<VertexIndex>& dst, std::vector<RelId>& rels,
                  std::vector<TokenId>& types, std::vector<uint32_t>& props) {
        const size_t m = src.size();
        const auto n = static_cast<VertexIndex>(nodeIds.size());
        // Order by (source, type, rel): a stable counting sort by type, then
        // by source. Boost's CSR constructor places edges stably by source, so
        // CSR edge i is then our edge i, and a vertex's out-edges are grouped by type.
        std::vector<uint32_t> order(m), tmp(m);
        std::iota(order.begin(), order.end(), 0);
        auto countingSort = [&](auto keyOf, size_t keys) {
            std::vector<size_t> start(keys + 1, 0);
            for (uint32_t i : order) ++start[keyOf(i) + 1];
            for (size_t k = 1; k <= keys; ++k) start[k] += start[k - 1];
            for (uint32_t i : order) tmp[start[keyOf(i)]++] = i;
            order.swap(tmp);
        };
        TokenId maxType = 0;
        for (TokenId t : types) maxType = std::max(maxType, t);
        countingSort([&](uint32_t i) { return types[i]; }, size_t{maxType} + 1);
        countingSort([&](uint32_t i) { return src[i]; }, n);
        tmp = {};
        auto permute = [&](auto& v) {
            std::remove_reference_t<decltype(v)> out(m);
            for (size_t i = 0; i < m; ++i) out[i] = v[order[i]];
            v.swap(out);
        };
        permute(src);
        permute(dst);
        permute(rels);
        permute(types);
        permute(props);
        order = {};

        std::vector<std::pair<VertexIndex, VertexIndex>> pairs(m);
        for (size_t i = 0; i < m; ++i) pairs[i] = {src[i], dst[i]};
        csr = Csr(boost::edges_are_unsorted_multi_pass, pairs.begin(), pairs.end(), n);
        pairs = {};
        const auto& column = csr.m_forward.m_column;
        KG_ASSERT(column.size() == m);
        for (size_t i = 0; i < m; ++i) KG_ASSERT(column[i] == dst[i]);  // the placement was stable

        // In-entries of a vertex grouped by type too, so a typed expansion
        // against the direction is a binary search as well (a Person's few
        // KNOWS in-edges among thousands of hasCreator ones).
        {
            auto& rowStart = csr.m_backward.m_rowstart;
            auto& sources = csr.m_backward.m_column;
            auto& edges = csr.m_backward.m_edge_properties;
            std::vector<std::pair<VertexIndex, EdgeIndex>> row;
            for (VertexIndex v = 0; v < n; ++v) {
                size_t begin = rowStart[v], end = rowStart[v + 1];
                if (end - begin < 2) continue;
                bool sorted = true;
                for (size_t k = begin + 1; k < end && sorted; ++k) sorted = types[edges[k - 1]] <= types[edges[k]];
                if (sorted) continue;
                row.clear();
                for (size_t k = begin; k < end; ++k) row.emplace_back(sources[k], edges[k]);
                std::stable_sort(row.begin(), row.end(),
                                 [&](const auto& a, const auto& b) { return types[a.second] < types[b.second]; });
                for (size_t k = begin; k < end; ++k) {
                    sources[k] = row[k - begin].first;
                    edges[k] = row[k - begin].second;
                }
            }
        }

        inTypes.resize(m);
        for (size_t k = 0; k < m; ++k) inTypes[k] = types[csr.m_backward.m_edge_properties[k]];
        csrEdges = static_cast<EdgeIndex>(m);
        csrVertices = n;
        relIds.swap(rels);
        edgeTypes.swap(types);
        edgePropsOf.swap(props);
        edgeDead.assign(m, false);
        edgeByRel.assign(m == 0 ? 0 : *std::max_element(relIds.begin(), relIds.end()) + 1, kNoEdge);
        for (EdgeIndex e = 0; e < m; ++e) edgeByRel[relIds[e]] = e;
        deltaSource.clear();
        deltaTarget.clear();
        deltaOut.clear();
        deltaIn.clear();
        liveEdges = m;
        typeEnds.clear();
        typeEndsKnown = true;
        {
            // Edges come grouped by (source, type): note each run once.
            for (VertexIndex v = 0; v < n; ++v)
                for (EdgeIndex e = csr.m_forward.m_rowstart[v]; e < csr.m_forward.m_rowstart[v + 1]; ++e) {
                    bool newRun = e == csr.m_forward.m_rowstart[v] || edgeTypes[e] != edgeTypes[e - 1] ||
                                  labelSetOf[column[e]] != labelSetOf[column[e - 1]];
                    if (newRun) noteEnds(edgeTypes[e], v, column[e]);
                }
        }
        byType.clear();
        std::vector<EdgeIndex>* list = nullptr;  // runs of one type are common: skip the lookup
        for (EdgeIndex e = 0; e < m; ++e) {
            if (!list || (e > 0 && edgeTypes[e] != edgeTypes[e - 1])) list = &byType[edgeTypes[e]];
            list->push_back(e);
        }
    }

    void rebuildVertexIndexes() {
        byLabel.clear();
        byLabelExact = true;
        lastLabelList = nullptr;
        byName.clear();
        byAlias.clear();
        {
            std::lock_guard lock(propertyIndexMutex);
            propertyIndexes.clear();
        }
        for (VertexIndex v = 0; v < nodeIds.size(); ++v)
            if (!vertexDead[v]) indexVertex(v);
    }

    void refreshTokens() {
        nameToken = store->findToken(storage::TokenKind::PROPERTY, "name");
        aliasesToken = store->findToken(storage::TokenKind::PROPERTY, "aliases");
    }
};

Graph::Graph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Graph::~Graph() = default;

namespace {

void fillTopology(const Graph::Impl& i, Graph::Topology& t) {
    t.outStart = i.csr.m_forward.m_rowstart;
    t.outTarget = i.csr.m_forward.m_column;
    t.inStart = i.csr.m_backward.m_rowstart;
    t.inSource = i.csr.m_backward.m_column;
    t.inEdge = i.csr.m_backward.m_edge_properties;
    t.inType = i.inTypes;
    t.edgeType = i.edgeTypes;
    t.edgeDead = &i.edgeDead;
    t.deltaOut = &i.deltaOut;
    t.deltaIn = &i.deltaIn;
    t.edgeSource = i.deltaSource;
    t.edgeTarget = i.deltaTarget;
    t.csrEdges = i.csrEdges;
    t.csrVertices = i.csrVertices;
}

}  // namespace

Result<std::unique_ptr<Graph>> Graph::load(const storage::Store& store) {
    auto impl = std::make_unique<Impl>();
    impl->store = &store;
    impl->refreshTokens();
    impl->edgeProps.emplace_back();  // index 0: no properties

    storage::Counts counts = store.counts();
    impl->nodeIds.reserve(counts.nodes);
    impl->labelSetOf.reserve(counts.nodes);
    impl->vertexProps.reserve(counts.nodes);
    KG_RETURN_IF_ERROR(store.scanNodes([&](storage::NodeRecord& n) {
        impl->addVertex(std::move(n));
        return true;
    }));

    std::vector<VertexIndex> src, dst;
    std::vector<RelId> rels;
    std::vector<TokenId> types;
    std::vector<uint32_t> props;
    for (auto* v : {&src, &dst}) v->reserve(counts.rels);
    rels.reserve(counts.rels);
    types.reserve(counts.rels);
    props.reserve(counts.rels);
    Status missing;
    KG_RETURN_IF_ERROR(store.scanRels([&](storage::RelRecord& r) {
        VertexIndex s = impl->vertexOf(r.start), d = impl->vertexOf(r.end);
        if (s == kNoVertex || d == kNoVertex) {
            missing = Status::corruption(fmt::format("relationship {} has a missing end node; run kg check", r.id));
            return false;
        }
        src.push_back(s);
        dst.push_back(d);
        rels.push_back(r.id);
        types.push_back(r.type);
        props.push_back(impl->internEdgeProps(std::move(r.properties)));
        return true;
    }));
    KG_RETURN_IF_ERROR(missing);
    if (src.size() >= kNoEdge) return Status::limitExceeded("more than 4 billion relationships do not fit one graph");
    impl->buildCsr(src, dst, rels, types, props);
    impl->rebuildVertexIndexes();
    auto g = std::unique_ptr<Graph>(new Graph(std::move(impl)));
    fillTopology(*g->impl_, g->topo_);
    return g;
}

const storage::Store& Graph::store() const { return *impl_->store; }
size_t Graph::vertexCount() const { return impl_->liveVertices; }
size_t Graph::edgeCount() const { return impl_->liveEdges; }
VertexIndex Graph::vertexCapacity() const { return static_cast<VertexIndex>(impl_->nodeIds.size()); }
EdgeIndex Graph::edgeCapacity() const { return static_cast<EdgeIndex>(impl_->relIds.size()); }

bool Graph::vertexLive(VertexIndex v) const { return v < impl_->nodeIds.size() && !impl_->vertexDead[v]; }
NodeId Graph::nodeId(VertexIndex v) const { return impl_->nodeIds[v]; }
VertexIndex Graph::vertexOf(NodeId node) const { return impl_->vertexOf(node); }
std::span<const TokenId> Graph::labels(VertexIndex v) const { return impl_->labelSets[impl_->labelSetOf[v]]; }
bool Graph::hasLabel(VertexIndex v, TokenId label) const {
    const auto& set = impl_->labelSets[impl_->labelSetOf[v]];
    return std::binary_search(set.begin(), set.end(), label);
}
const PropertyList& Graph::properties(VertexIndex v) const { return impl_->vertexProps[v]; }
const Value* Graph::property(VertexIndex v, TokenId key) const { return findProperty(impl_->vertexProps[v], key); }

bool Graph::edgeLive(EdgeIndex e) const { return e < impl_->relIds.size() && !impl_->edgeDead[e]; }
RelId Graph::relId(EdgeIndex e) const { return impl_->relIds[e]; }
TokenId Graph::type(EdgeIndex e) const { return impl_->edgeTypes[e]; }
VertexIndex Graph::source(EdgeIndex e) const {
    if (e >= impl_->csrEdges) return impl_->deltaSource[e - impl_->csrEdges];
    // The CSR stores sources implicitly: find the row holding e.
    const auto& start = impl_->csr.m_forward.m_rowstart;
    return static_cast<VertexIndex>(std::upper_bound(start.begin(), start.end(), e) - start.begin() - 1);
}
VertexIndex Graph::target(EdgeIndex e) const {
    return e >= impl_->csrEdges ? impl_->deltaTarget[e - impl_->csrEdges] : impl_->csr.m_forward.m_column[e];
}
const PropertyList& Graph::edgeProperties(EdgeIndex e) const { return impl_->edgeProps[impl_->edgePropsOf[e]]; }
const Value* Graph::edgeProperty(EdgeIndex e, TokenId key) const { return findProperty(edgeProperties(e), key); }
EdgeIndex Graph::edgeOf(RelId rel) const { return impl_->edgeOf(rel); }

// With no tombstone in the graph a degree is the size of a CSR range plus
// the vertex's delta edges of the type; else the live edges are counted.
template <typename Visit>
size_t Graph::degree(VertexIndex v, std::optional<TokenId> type, bool out, Visit&& each) const {
    size_t n = 0;
    if (impl_->liveEdges != impl_->relIds.size()) {
        each([&](EdgeIndex, VertexIndex) { return ++n, true; });
        return n;
    }
    const Topology& t = topo_;
    if (v < t.csrVertices) {
        auto [begin, end] = out ? csrOutRange(v, type) : csrInRange(v, type);
        n = end - begin;
    }
    const auto& delta = out ? *t.deltaOut : *t.deltaIn;
    if (v < delta.size()) {
        if (!type) return n + delta[v].size();
        for (EdgeIndex e : delta[v]) n += t.edgeType[e] == *type;
    }
    return n;
}

size_t Graph::outDegree(VertexIndex v, std::optional<TokenId> type) const {
    return degree(v, type, true, [&](auto&& visit) { forEachOut(v, type, visit); });
}

size_t Graph::outDegreeBound(VertexIndex v) const {
    size_t n = v < topo_.csrVertices ? topo_.outStart[v + 1] - topo_.outStart[v] : 0;
    if (v < topo_.deltaOut->size()) n += (*topo_.deltaOut)[v].size();
    return n;
}

size_t Graph::inDegreeBound(VertexIndex v) const {
    size_t n = v < topo_.csrVertices ? topo_.inStart[v + 1] - topo_.inStart[v] : 0;
    if (v < topo_.deltaIn->size()) n += (*topo_.deltaIn)[v].size();
    return n;
}

size_t Graph::inDegree(VertexIndex v, std::optional<TokenId> type) const {
    return degree(v, type, false, [&](auto&& visit) { forEachIn(v, type, visit); });
}

std::vector<VertexIndex> Graph::verticesWithLabel(TokenId label) const {
    std::vector<VertexIndex> out;
    auto it = impl_->byLabel.find(label);
    if (it == impl_->byLabel.end()) return out;
    out.reserve(it->second.size());
    for (VertexIndex v : it->second)
        if (vertexLive(v) && hasLabel(v, label)) out.push_back(v);
    return out;
}

size_t Graph::labelCount(TokenId label) const {
    if (!impl_->byLabelExact) return verticesWithLabel(label).size();
    auto it = impl_->byLabel.find(label);
    return it == impl_->byLabel.end() ? 0 : it->second.size();
}

bool Graph::allEnds(TokenId type, bool atStart, const std::function<bool(std::span<const TokenId>)>& test) const {
    const Impl& i = *impl_;
    if (!i.typeEndsKnown) return false;
    auto it = i.typeEnds.find(type);
    if (it == i.typeEnds.end()) return true;
    for (uint32_t set : atStart ? it->second.start : it->second.end)
        if (!test(i.labelSets[set])) return false;
    return true;
}

std::vector<EdgeIndex> Graph::edgesWithType(TokenId type) const {
    std::vector<EdgeIndex> out;
    auto it = impl_->byType.find(type);
    if (it == impl_->byType.end()) return out;
    for (EdgeIndex e : it->second)
        if (!impl_->edgeDead[e]) out.push_back(e);
    return out;
}

size_t Graph::typeCount(TokenId type) const {
    if (impl_->liveEdges != impl_->relIds.size()) return edgesWithType(type).size();
    auto it = impl_->byType.find(type);
    return it == impl_->byType.end() ? 0 : it->second.size();
}

namespace {

// Live vertices of `candidates` that still satisfy `keep`, each once.
template <typename Keep>
std::vector<VertexIndex> liveUnique(const std::vector<VertexIndex>& candidates, Keep&& keep) {
    std::vector<VertexIndex> out;
    for (VertexIndex v : candidates)
        if (keep(v)) out.push_back(v);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

std::vector<VertexIndex> Graph::findByName(TokenId label, std::string_view name) const {
    std::string norm = normalizeName(name);
    auto it = impl_->byName.find(nameKey(label, norm));
    if (it == impl_->byName.end() || !impl_->nameToken) return {};
    return liveUnique(it->second, [&](VertexIndex v) {
        const Value* current = property(v, *impl_->nameToken);
        return vertexLive(v) && hasLabel(v, label) && current && current->isString() &&
               normalizeName(current->asString()) == norm;
    });
}

std::vector<VertexIndex> Graph::findByAlias(std::string_view alias) const {
    std::string norm = normalizeName(alias);
    auto it = impl_->byAlias.find(norm);
    if (it == impl_->byAlias.end() || !impl_->aliasesToken) return {};
    return liveUnique(it->second, [&](VertexIndex v) {
        const Value* aliases = property(v, *impl_->aliasesToken);
        if (!vertexLive(v) || !aliases) return false;
        auto matches = [&](const Value& a) { return a.isString() && normalizeName(a.asString()) == norm; };
        if (aliases->isList()) return std::any_of(aliases->asList().begin(), aliases->asList().end(), matches);
        return matches(*aliases);
    });
}

std::vector<VertexIndex> Graph::findByProperty(TokenId label, TokenId key, const Value& value) const {
    std::string encoded = storage::encodeValue(value);
    std::vector<VertexIndex> candidates;
    {
        std::lock_guard lock(impl_->propertyIndexMutex);
        auto [it, inserted] = impl_->propertyIndexes.try_emplace({label, key});
        if (inserted) {
            auto found = impl_->byLabel.find(label);
            if (found != impl_->byLabel.end())
                for (VertexIndex v : found->second)
                    if (vertexLive(v))
                        if (const Value* p = property(v, key)) it->second[storage::encodeValue(*p)].push_back(v);
        }
        auto hit = it->second.find(encoded);
        if (hit != it->second.end()) candidates = hit->second;
    }
    return liveUnique(candidates, [&](VertexIndex v) {
        const Value* p = property(v, key);
        return vertexLive(v) && hasLabel(v, label) && p && *p == value;
    });
}

// ---------------------------------------------------------------- writes

Status Graph::commit(storage::WriteBatch& batch) {
    storage::WriteBatch::Changes changes;
    KG_RETURN_IF_ERROR(batch.commit(&changes));
    impl_->refreshTokens();
    apply(std::move(changes));
    return Status::ok();
}

void Graph::applyPending(storage::WriteBatch& batch, Touched& touched) {
    Impl& i = *impl_;
    // The batch may have interned `name` or `aliases` itself.
    if (!i.nameToken) i.nameToken = batch.findToken(storage::TokenKind::PROPERTY, "name");
    if (!i.aliasesToken) i.aliasesToken = batch.findToken(storage::TokenKind::PROPERTY, "aliases");
    storage::WriteBatch::Changes changes = batch.takePending();
    for (const auto& n : changes.nodesWritten) touched.nodes.push_back(n.id);
    touched.nodes.insert(touched.nodes.end(), changes.nodesDeleted.begin(), changes.nodesDeleted.end());
    for (const auto& r : changes.relsWritten) touched.rels.push_back(r.id);
    touched.rels.insert(touched.rels.end(), changes.relsDeleted.begin(), changes.relsDeleted.end());
    apply(std::move(changes));
}

Status Graph::commitApplied(storage::WriteBatch& batch, Touched& touched) {
    applyPending(batch, touched);
    Status s = batch.commit();
    if (!s.isOk()) revert(touched);
    impl_->refreshTokens();
    return s;
}

void Graph::revert(const Touched& touched) {
    const storage::Store& store = *impl_->store;
    storage::WriteBatch::Changes undo;
    std::vector<NodeId> nodes = touched.nodes;
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    std::vector<RelId> rels = touched.rels;
    std::sort(rels.begin(), rels.end());
    rels.erase(std::unique(rels.begin(), rels.end()), rels.end());
    for (NodeId id : nodes) {
        if (auto n = store.node(id); n.isOk()) undo.nodesWritten.push_back(std::move(*n));
        else undo.nodesDeleted.push_back(id);
    }
    for (RelId id : rels) {
        if (auto r = store.rel(id); r.isOk()) undo.relsWritten.push_back(std::move(*r));
        else undo.relsDeleted.push_back(id);
    }
    impl_->refreshTokens();
    apply(std::move(undo));
}

void Graph::apply(storage::WriteBatch::Changes changes) {
    Impl& i = *impl_;

    for (NodeId id : changes.nodesDeleted) {
        VertexIndex v = i.vertexOf(id);
        if (v == kNoVertex || i.vertexDead[v]) continue;
        i.vertexDead[v] = true;
        i.vertexByNode[id] = kNoVertex;
        i.byLabelExact = false;
        --i.liveVertices;
    }
    for (RelId id : changes.relsDeleted) {
        EdgeIndex e = i.edgeOf(id);
        if (e == kNoEdge || i.edgeDead[e]) continue;
        i.edgeDead[e] = true;
        i.edgeByRel[id] = kNoEdge;
        --i.liveEdges;
    }
    for (auto& n : changes.nodesWritten) {
        VertexIndex v = i.vertexOf(n.id);
        if (v == kNoVertex) {
            v = i.addVertex(std::move(n));
        } else {
            // A batch also reports nodes it only read (to check an end exists).
            uint32_t labelSet = i.internLabelSet(n.labels);
            if (labelSet == i.labelSetOf[v] && n.properties == i.vertexProps[v]) continue;
            if (labelSet != i.labelSetOf[v]) {
                if (outDegreeBound(v) + inDegreeBound(v) > 0) i.typeEndsKnown = false;
                i.byLabelExact = false;  // the old labels' lists keep v
            }
            i.labelSetOf[v] = labelSet;
            i.vertexProps[v] = std::move(n.properties);
        }
        i.indexVertex(v);  // index lists tolerate stale entries; readers recheck
    }
    for (auto& r : changes.relsWritten) {
        EdgeIndex e = i.edgeOf(r.id);
        if (e != kNoEdge) {  // an update: only properties can change
            uint32_t& slot = i.edgePropsOf[e];
            if (slot == 0) slot = i.internEdgeProps(std::move(r.properties));
            else i.edgeProps[slot] = std::move(r.properties);
            continue;
        }
        e = static_cast<EdgeIndex>(i.relIds.size());
        VertexIndex s = i.vertexOf(r.start), d = i.vertexOf(r.end);
        KG_ASSERT(s != kNoVertex && d != kNoVertex);  // the store checked both ends
        i.relIds.push_back(r.id);
        i.edgeTypes.push_back(r.type);
        i.edgePropsOf.push_back(i.internEdgeProps(std::move(r.properties)));
        i.edgeDead.push_back(false);
        i.deltaSource.push_back(s);
        i.deltaTarget.push_back(d);
        size_t need = std::max(s, d) + size_t{1};
        if (i.deltaOut.size() < need) {
            i.deltaOut.resize(need);
            i.deltaIn.resize(need);
        }
        i.deltaOut[s].push_back(e);
        i.deltaIn[d].push_back(e);
        i.noteEnds(r.type, s, d);
        i.setEdgeByRel(r.id, e);
        i.byType[r.type].push_back(e);
        ++i.liveEdges;
    }
    fillTopology(i, topo_);
    size_t delta = deltaEdgeCount();
    if (delta > kCompactMinDelta && static_cast<double>(delta) > kCompactDeltaShare * static_cast<double>(i.csrEdges))
        compact();
}

size_t Graph::deltaEdgeCount() const { return impl_->relIds.size() - impl_->csrEdges; }

void Graph::compact() {
    Impl& i = *impl_;
    // Renumber live vertices densely, then rebuild the CSR from live edges.
    std::vector<VertexIndex> renumber(i.nodeIds.size(), kNoVertex);
    Impl fresh;
    fresh.store = i.store;
    fresh.edgeProps.emplace_back();
    for (VertexIndex v = 0; v < i.nodeIds.size(); ++v) {
        if (i.vertexDead[v]) continue;
        storage::NodeRecord n;
        n.id = i.nodeIds[v];
        n.labels = i.labelSets[i.labelSetOf[v]];
        n.properties = std::move(i.vertexProps[v]);
        renumber[v] = fresh.addVertex(std::move(n));
    }
    std::vector<VertexIndex> src, dst;
    std::vector<RelId> rels;
    std::vector<TokenId> types;
    std::vector<uint32_t> props;
    for (EdgeIndex e = 0; e < i.relIds.size(); ++e) {
        if (i.edgeDead[e]) continue;
        src.push_back(renumber[source(e)]);
        dst.push_back(renumber[target(e)]);
        rels.push_back(i.relIds[e]);
        types.push_back(i.edgeTypes[e]);
        props.push_back(fresh.internEdgeProps(std::move(i.edgeProps[i.edgePropsOf[e]])));
    }
    fresh.buildCsr(src, dst, rels, types, props);
    fresh.refreshTokens();
    fresh.rebuildVertexIndexes();
    // Move everything but the mutex across.
    i.csr = std::move(fresh.csr);
    i.nodeIds = std::move(fresh.nodeIds);
    i.labelSetOf = std::move(fresh.labelSetOf);
    i.labelSets = std::move(fresh.labelSets);
    i.labelSetIds = std::move(fresh.labelSetIds);
    i.vertexProps = std::move(fresh.vertexProps);
    i.vertexDead = std::move(fresh.vertexDead);
    i.vertexByNode = std::move(fresh.vertexByNode);
    i.liveVertices = fresh.liveVertices;
    i.csrEdges = fresh.csrEdges;
    i.csrVertices = fresh.csrVertices;
    i.relIds = std::move(fresh.relIds);
    i.edgeTypes = std::move(fresh.edgeTypes);
    i.inTypes = std::move(fresh.inTypes);
    i.edgePropsOf = std::move(fresh.edgePropsOf);
    i.edgeProps = std::move(fresh.edgeProps);
    i.edgeDead = std::move(fresh.edgeDead);
    i.edgeByRel = std::move(fresh.edgeByRel);
    i.deltaSource.clear();
    i.deltaTarget.clear();
    i.deltaOut.clear();
    i.deltaIn.clear();
    i.liveEdges = fresh.liveEdges;
    i.byLabel = std::move(fresh.byLabel);
    i.byLabelExact = fresh.byLabelExact;
    i.lastLabelList = nullptr;
    i.byType = std::move(fresh.byType);
    i.typeEnds = std::move(fresh.typeEnds);
    i.typeEndsKnown = fresh.typeEndsKnown;
    i.byName = std::move(fresh.byName);
    i.byAlias = std::move(fresh.byAlias);
    i.nameToken = fresh.nameToken;
    i.aliasesToken = fresh.aliasesToken;
    {
        std::lock_guard lock(i.propertyIndexMutex);
        i.propertyIndexes.clear();
    }
    fillTopology(i, topo_);
}

MemoryUsage Graph::memoryUsage() const {
    const Impl& i = *impl_;
    MemoryUsage m;
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type); };
    m.topologyBytes = bytes(i.csr.m_forward.m_rowstart) + bytes(i.csr.m_forward.m_column) +
                      bytes(i.csr.m_backward.m_rowstart) + bytes(i.csr.m_backward.m_column) +
                      bytes(i.csr.m_backward.m_edge_properties) + bytes(i.relIds) + bytes(i.edgeTypes) + bytes(i.inTypes) +
                      bytes(i.edgePropsOf) + i.edgeDead.capacity() / 8 + bytes(i.edgeByRel) + bytes(i.deltaSource) +
                      bytes(i.deltaTarget);
    for (const auto& v : i.deltaOut) m.topologyBytes += bytes(v) + sizeof(v);
    for (const auto& v : i.deltaIn) m.topologyBytes += bytes(v) + sizeof(v);
    m.vertexBytes = bytes(i.nodeIds) + bytes(i.labelSetOf) + bytes(i.vertexProps) + i.vertexDead.capacity() / 8 +
                    bytes(i.vertexByNode);
    for (const auto& p : i.vertexProps) m.propertyBytes += listBytes(p) - p.capacity() * sizeof(PropertyList::value_type) + bytes(p);
    for (const auto& p : i.edgeProps) m.propertyBytes += listBytes(p) + sizeof(p);
    for (const auto& [k, v] : i.byLabel) m.indexBytes += bytes(v) + 32;
    for (const auto& [k, v] : i.byType) m.indexBytes += bytes(v) + 32;
    for (const auto& [k, v] : i.byName) m.indexBytes += k.capacity() + bytes(v) + 64;
    for (const auto& [k, v] : i.byAlias) m.indexBytes += k.capacity() + bytes(v) + 64;
    return m;
}

}  // namespace kgraph::graph
