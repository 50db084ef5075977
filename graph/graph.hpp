// Graph: the in-memory property graph that queries and algorithms run on.
//
// Loaded from a storage::Store in one pass and kept equal to it: writes go to
// the store first (one atomic batch) and are then applied here (commit()).
//
// Layout. The relationships present at load time live in a Boost
// compressed_sparse_row_graph (bidirectionalS): 4 bytes per out-entry, 8 per
// in-entry, rows in contiguous arrays, so expansion is a linear scan. We chose
// it over a bidirectional adjacency_list by measurement on LSQB SF0.1
// (bench/graph_layout.cpp, figures in bench/README.md): with the same edge data
// the adjacency_list takes 124 bytes per relationship against 30, builds 5x
// slower and scans out- and in-edges 3x slower.
// CSR cannot grow, so relationships written after the load go to a small
// delta (per-vertex vectors) and deletions become tombstones; compact()
// rebuilds the CSR when the delta has grown past a fraction of it.
//
// Ids. A vertex is a dense VertexIndex (uint32); an edge a dense EdgeIndex:
// CSR edges first, delta edges after. Out-edges of a vertex are grouped by
// type, so a typed expansion is a binary search and a scan.
//
// Thread-safety: const methods may run concurrently; commit() and compact()
// need exclusive access (the caller's reader/writer lock).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

#include "storage/store.hpp"
#include "storage/write_batch.hpp"

namespace kgraph::graph {

using VertexIndex = uint32_t;
using EdgeIndex = uint32_t;
using storage::NodeId;
using storage::PropertyList;
using storage::RelId;
using storage::TokenId;

inline constexpr VertexIndex kNoVertex = UINT32_MAX;
inline constexpr EdgeIndex kNoEdge = UINT32_MAX;

enum class Direction { OUT, IN, BOTH };

struct MemoryUsage {
    size_t topologyBytes = 0;    // CSR, delta adjacency, per-edge arrays
    size_t vertexBytes = 0;      // per-vertex arrays
    size_t propertyBytes = 0;    // property lists and their values
    size_t indexBytes = 0;       // label, type, name, alias indexes
    size_t total() const { return topologyBytes + vertexBytes + propertyBytes + indexBytes; }
};

class Graph {
public:
    // Loads every node and relationship of `store`. The store must outlive the graph.
    static Result<std::unique_ptr<Graph>> load(const storage::Store& store);
    ~Graph();
    Graph(const Graph&) = delete;
    Graph& operator=(const Graph&) = delete;

    const storage::Store& store() const;

    // ---- sizes (live elements)
    size_t vertexCount() const;
    size_t edgeCount() const;
    // Upper bounds of the index ranges (including tombstones), for arrays indexed by them.
    VertexIndex vertexCapacity() const;
    EdgeIndex edgeCapacity() const;

    // ---- vertices
    bool vertexLive(VertexIndex v) const;
    NodeId nodeId(VertexIndex v) const;
    // kNoVertex when the node does not exist.
    VertexIndex vertexOf(NodeId node) const;
    std::span<const TokenId> labels(VertexIndex v) const;
    bool hasLabel(VertexIndex v, TokenId label) const;
    const PropertyList& properties(VertexIndex v) const;
    const Value* property(VertexIndex v, TokenId key) const;

    // ---- edges
    bool edgeLive(EdgeIndex e) const;
    RelId relId(EdgeIndex e) const;
    TokenId type(EdgeIndex e) const;
    VertexIndex source(EdgeIndex e) const;
    VertexIndex target(EdgeIndex e) const;
    const PropertyList& edgeProperties(EdgeIndex e) const;
    const Value* edgeProperty(EdgeIndex e, TokenId key) const;
    // kNoEdge when the relationship does not exist.
    EdgeIndex edgeOf(RelId rel) const;

    // ---- traversal: visit(EdgeIndex, VertexIndex other) returns false to stop.
    // Only live edges; `type` limits to one relationship type.
    template <typename Visit>
    void forEachOut(VertexIndex v, std::optional<TokenId> type, Visit&& visit) const;
    template <typename Visit>
    void forEachIn(VertexIndex v, std::optional<TokenId> type, Visit&& visit) const;
    size_t outDegree(VertexIndex v, std::optional<TokenId> type = std::nullopt) const;
    size_t inDegree(VertexIndex v, std::optional<TokenId> type = std::nullopt) const;
    // O(1) upper bounds (all types, tombstones included): for choosing which end to walk.
    size_t outDegreeBound(VertexIndex v) const;
    size_t inDegreeBound(VertexIndex v) const;

    // ---- indexes (live elements only)
    // Vertices with `label`, ascending.
    std::vector<VertexIndex> verticesWithLabel(TokenId label) const;
    size_t labelCount(TokenId label) const;
    std::vector<EdgeIndex> edgesWithType(TokenId type) const;
    // Whether every relationship of `type` starts (or ends) at a node whose
    // labels pass `test` (sorted label ids); false when that is not known.
    bool allEnds(TokenId type, bool atStart, const std::function<bool(std::span<const TokenId>)>& test) const;
    size_t typeCount(TokenId type) const;
    // Vertices with `label` whose `name` normalises as `name` does.
    std::vector<VertexIndex> findByName(TokenId label, std::string_view name) const;
    // Vertices with an alias that normalises as `alias` does.
    std::vector<VertexIndex> findByAlias(std::string_view alias) const;
    // Vertices with `label` whose property `key` equals `value` (a hash index,
    // built on first use for each (label, key) and kept current by commit()).
    std::vector<VertexIndex> findByProperty(TokenId label, TokenId key, const Value& value) const;

    // ---- writes
    // Commits `batch` to the store, then applies what it changed here.
    Status commit(storage::WriteBatch& batch);

    // A statement that reads its own writes before they commit (queries):
    // applyPending() makes what `batch` changed so far visible here and adds
    // the ids to `touched`; commitApplied() then commits the batch, and on
    // failure restores every touched element from the store; revert() alone
    // undoes them when the statement fails before its commit.
    struct Touched {
        std::vector<NodeId> nodes;
        std::vector<RelId> rels;
    };
    void applyPending(storage::WriteBatch& batch, Touched& touched);
    Status commitApplied(storage::WriteBatch& batch, Touched& touched);
    void revert(const Touched& touched);

    // Rebuilds the CSR from the current graph (folds the delta in, drops tombstones).
    void compact();
    size_t deltaEdgeCount() const;

    MemoryUsage memoryUsage() const;

    struct Impl;

    // The arrays traversal reads, laid open so the templates above inline
    // without Boost in this header. Views into Impl; rebuilt by compact().
    struct Topology {
        std::span<const EdgeIndex> outStart;   // CSR row starts, vertices + 1
        std::span<const VertexIndex> outTarget;  // by CSR edge index
        std::span<const EdgeIndex> inStart;
        std::span<const VertexIndex> inSource;
        std::span<const EdgeIndex> inEdge;      // CSR edge index of each in-entry
        std::span<const TokenId> inType;        // type of each in-entry
        std::span<const TokenId> edgeType;      // by EdgeIndex (CSR and delta)
        const std::vector<bool>* edgeDead;      // tombstones by EdgeIndex
        // Delta adjacency: edges written since the CSR was built, per vertex.
        const std::vector<std::vector<EdgeIndex>>* deltaOut;
        const std::vector<std::vector<EdgeIndex>>* deltaIn;
        std::span<const VertexIndex> edgeSource;  // delta edges only, offset by csrEdges
        std::span<const VertexIndex> edgeTarget;
        EdgeIndex csrEdges = 0;
        VertexIndex csrVertices = 0;
    };

private:
    explicit Graph(std::unique_ptr<Impl> impl);
    // The CSR edges (out) or in-entries (in) of `v` with `type`, tombstones included.
    std::pair<EdgeIndex, EdgeIndex> csrOutRange(VertexIndex v, std::optional<TokenId> type) const;
    std::pair<EdgeIndex, EdgeIndex> csrInRange(VertexIndex v, std::optional<TokenId> type) const;
    template <typename Visit>
    size_t degree(VertexIndex v, std::optional<TokenId> type, bool out, Visit&& each) const;
    void apply(storage::WriteBatch::Changes changes);
    std::unique_ptr<Impl> impl_;
    Topology topo_;
};

}  // namespace kgraph::graph

#include "graph/graph_inl.hpp"
