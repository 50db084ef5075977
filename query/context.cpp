#include "query/context.hpp"

#include <fmt/format.h>

namespace kgraph::query {

ExecContext::ExecContext(graph::Graph& g, storage::Store& s, bool readOnly, const QueryOptions& o)
    : graph(g), store(s), options(o), readOnly_(readOnly) {
    beginStatement();
}

void ExecContext::beginStatement() {
    stats = {};
    profiling = false;
    ticks_ = 0;
    memory_ = 0;
    hasDeadline_ = options.timeoutSeconds > 0;
    if (hasDeadline_)
        deadline_ = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                           std::chrono::duration<double>(options.timeoutSeconds));
}

ExecContext::~ExecContext() {
    if (batch_) rollback();
}

std::optional<TokenId> ExecContext::findToken(TokenKind kind, std::string_view name) {
    if (batch_) return batch_->findToken(kind, name);
    return store.findToken(kind, name);
}

const std::string& ExecContext::tokenName(TokenKind kind, TokenId id) {
    uint64_t key = (uint64_t{static_cast<unsigned char>(kind)} << 32) | id;
    auto it = tokenNames_.find(key);
    if (it != tokenNames_.end()) return it->second;
    std::string name = batch_ ? batch_->tokenName(kind, id) : store.tokenName(kind, id);
    return tokenNames_.emplace(key, std::move(name)).first->second;
}

storage::WriteBatch& ExecContext::writer() {
    if (!batch_) {
        if (readOnly_ || store.readOnly())
            throw QueryException(ErrorKind::BUSY,
                                 "database is locked by another process or opened read-only; this statement writes");
        batch_.emplace(store.beginWrite());
    }
    return *batch_;
}

void ExecContext::flushWrites() {
    if (!batch_) return;
    graph.applyPending(*batch_, touched_);
    ++graphVersion;
}

Status ExecContext::commit() {
    if (!batch_) return Status::ok();
    Status s = graph.commitApplied(*batch_, touched_);
    batch_.reset();
    touched_ = {};
    return s;
}

void ExecContext::rollback() {
    if (!batch_) return;
    graph.applyPending(*batch_, touched_);  // collect every touched id first
    batch_.reset();                         // the store never saw them
    graph.revert(touched_);
    touched_ = {};
}

void ExecContext::checkTime() {
    if (options.cancel && options.cancel->load(std::memory_order_relaxed))
        throw QueryException(ErrorKind::CANCELLED, "cancelled");
    if (hasDeadline_ && std::chrono::steady_clock::now() > deadline_)
        throw QueryException(ErrorKind::LIMIT, fmt::format("the query ran past its timeout of {} s", options.timeoutSeconds));
}

void ExecContext::reserve(size_t bytes) {
    memory_ += bytes;
    if (options.maxMemoryBytes && memory_ > options.maxMemoryBytes)
        throw QueryException(ErrorKind::LIMIT, fmt::format("the query needs more than its memory limit of {} MB",
                                                           options.maxMemoryBytes >> 20));
}

size_t ExecContext::approxSize(const Value& v) {
    size_t n = sizeof(Value);
    switch (v.type()) {
        case Value::Type::STRING: n += v.asString().capacity(); break;
        case Value::Type::LIST:
            for (const Value& x : v.asList()) n += approxSize(x);
            break;
        case Value::Type::MAP:
            for (const auto& [k, x] : v.asMap()) n += 48 + k.size() + approxSize(x);
            break;
        case Value::Type::PATH: n += 8 * (v.asPath().nodes.size() + v.asPath().relationships.size()); break;
        default: break;
    }
    return n;
}

size_t ExecContext::approxSize(const Row& row) {
    size_t n = 24;
    for (const Value& v : row) n += approxSize(v);
    return n;
}

}  // namespace kgraph::query
