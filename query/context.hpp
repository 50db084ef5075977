// ExecContext: what a running statement shares across its operators: the
// graph, the statement's write batch, parameters, limits and statistics.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <kgraph/kgraph.hpp>

#include "graph/graph.hpp"
#include "query/errors.hpp"
#include "storage/store.hpp"
#include "storage/write_batch.hpp"

namespace kgraph::query {

using graph::EdgeIndex;
using graph::VertexIndex;
using storage::TokenId;
using storage::TokenKind;

// One row: a value per variable slot the planner allocated.
using Row = std::vector<Value>;

class ExecContext {
public:
    ExecContext(graph::Graph& graph, storage::Store& store, bool readOnly, const QueryOptions& options);
    ~ExecContext();

    // Starts the next statement of a transaction: statistics, the deadline and
    // the memory account start again from `options` (which the caller updated).
    void beginStatement();

    graph::Graph& graph;
    storage::Store& store;
    const QueryOptions& options;
    QueryStats stats;

    // ---- tokens, seeing those the statement's own writes created
    std::optional<TokenId> findToken(TokenKind kind, std::string_view name);
    const std::string& tokenName(TokenKind kind, TokenId id);

    // ---- entities
    // The vertex of a node value; kNoVertex when it was deleted.
    VertexIndex vertexOf(const Value::Node& n) const { return graph.vertexOf(n.id); }
    EdgeIndex edgeOf(const Value::Relationship& r) const { return graph.edgeOf(r.id); }
    Value nodeValue(VertexIndex v) const { return Value(Value::Node{graph.nodeId(v)}); }
    Value relValue(EdgeIndex e) const { return Value(Value::Relationship{graph.relId(e)}); }

    // ---- writes: one batch for the whole statement, begun on the first write.
    storage::WriteBatch& writer();
    bool writing() const { return batch_.has_value(); }
    // Makes the writes so far visible to the graph (and so to later reads).
    void flushWrites();
    // Counts the flushes: what an operator learned about the graph's shape
    // (which labels a type's ends carry) holds while this stays the same.
    uint64_t graphVersion = 0;
    // Commits the statement's writes; on failure the graph is restored.
    Status commit();
    // Undoes the statement's writes in the graph (the store never saw them).
    void rollback();

    // ---- limits and cancellation, checked cooperatively by every loop that may run long
    void tick() {
        if (++ticks_ % 1024 == 0) checkTime();
    }
    void checkTime();
    // Accounts bytes held by buffering operators; LIMIT error past the bound.
    void reserve(size_t bytes);
    void release(size_t bytes) { memory_ -= std::min(memory_, bytes); }
    static size_t approxSize(const Value& v);
    static size_t approxSize(const Row& row);

    // PROFILE: operators time themselves.
    bool profiling = false;

private:
    bool readOnly_;
    std::optional<storage::WriteBatch> batch_;
    graph::Graph::Touched touched_;
    std::chrono::steady_clock::time_point deadline_;
    bool hasDeadline_ = false;
    uint64_t ticks_ = 0;
    size_t memory_ = 0;
    std::unordered_map<uint64_t, std::string> tokenNames_;  // (kind, id) -> name
};

}  // namespace kgraph::query
