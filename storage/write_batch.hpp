// WriteBatch: one atomic logical write to a Store.
//
// Operations are checked as they are added (an unknown id, a relationship to a
// deleted node) and applied to an overlay of the records they touch, so later
// operations in the same batch see earlier ones. commit() derives every index
// entry and counter change from the overlay and writes them together as one
// RocksDB WriteBatch. A batch that is destroyed uncommitted, or whose commit
// fails, leaves the store as it was.
//
// Holds the store's write lock from Store::beginWrite() until commit or
// destruction. Not thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/store.hpp"

namespace kgraph::storage {

class WriteBatch {
public:
    WriteBatch(WriteBatch&&) noexcept;
    WriteBatch& operator=(WriteBatch&&) = delete;
    ~WriteBatch();

    // Creates a node. Labels and property names are interned as needed; null
    // properties are not stored.
    NodeId createNode(const std::vector<std::string>& labels, const Value::Map& properties);
    // Creates a relationship. NOT_FOUND when an end node does not exist.
    Result<RelId> createRel(std::string_view type, NodeId start, NodeId end, const Value::Map& properties);

    // Sets (or with a null value removes) one property.
    Status setNodeProperty(NodeId id, std::string_view key, const Value& value);
    Status setRelProperty(RelId id, std::string_view key, const Value& value);
    Status addLabel(NodeId id, std::string_view label);
    Status removeLabel(NodeId id, std::string_view label);

    // Deletes a node. Without `detach`, INVALID_INPUT when it still has
    // relationships; with it, its relationships go too. Evidence of every
    // deleted element goes with it.
    Status deleteNode(NodeId id, bool detach = false);
    Status deleteRel(RelId id);

    // Records evidence for an element (NOT_FOUND for unknown element or document).
    Result<EvidenceId> addEvidence(ElementRef element, NodeId document, uint32_t start, uint32_t end,
                                   std::string_view sentence, std::string_view rule);
    // Deletes every piece of evidence that cites `document`.
    Status deleteEvidenceFromDocument(NodeId document);

    // Registers (or re-registers) a document key with its node and content hash.
    Status putDocument(std::string_view key, NodeId node, std::string_view hash);
    Status deleteDocument(std::string_view key);

    // Reads through the overlay: what the store will hold after commit.
    Result<NodeRecord> node(NodeId id);
    Result<RelRecord> rel(RelId id);

    // What a successful commit changed, for caches that mirror the store
    // (the in-memory graph): records as they now are, and deleted ids.
    struct Changes {
        std::vector<NodeRecord> nodesWritten;  // created or updated
        std::vector<NodeId> nodesDeleted;
        std::vector<RelRecord> relsWritten;  // created or updated
        std::vector<RelId> relsDeleted;
    };

    // What the batch changed since the previous call (since it began, the
    // first time): for a reader that must see the batch's writes before they
    // commit, like a query statement that reads what it wrote. May list
    // records that were only read.
    Changes takePending();

    // Token lookups that also see the tokens this batch interned.
    std::optional<TokenId> findToken(TokenKind kind, std::string_view name) const;
    std::string tokenName(TokenKind kind, TokenId id) const;

    // Writes everything atomically. The batch is spent afterwards. On success
    // fills `changes` when given.
    Status commit(Changes* changes = nullptr);
    bool empty() const;

    struct Overlay;

private:
    friend class Store;
    WriteBatch(Store::Impl& store, std::unique_lock<std::mutex> lock);

    TokenId intern(TokenKind kind, std::string_view name);
    PropertyList toProperties(const Value::Map& map);
    NodeRecord* mutableNode(NodeId id, Status& status);
    RelRecord* mutableRel(RelId id, Status& status);
    void collectRels(NodeId node, std::vector<RelId>& out);
    Status deleteEvidenceOf(ElementRef element);

    Store::Impl* store_;
    std::unique_lock<std::mutex> lock_;
    std::unique_ptr<Overlay> overlay_;
};

}  // namespace kgraph::storage
