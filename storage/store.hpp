// Store: the durable property graph on RocksDB.
//
// One Store per database directory and process. Reads may run on any number
// of threads at once. Writes go through one WriteBatch (or one BulkLoader) at a
// time: beginning one takes the store's write lock, which the batch holds
// until it is committed or destroyed. A committed batch is one RocksDB
// WriteBatch: all of it is visible after a crash, or none of it.
//
// Another process may open the same directory read-only while a writer holds
// it; it sees the state committed when it opened.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

#include "storage/codec.hpp"

namespace kgraph::storage {

using NodeId = uint64_t;
using RelId = uint64_t;
using EvidenceId = uint64_t;

// Names are interned as tokens: labels, relationship types, property keys.
enum class TokenKind : char { LABEL = 'L', TYPE = 'T', PROPERTY = 'P' };

struct NodeRecord {
    NodeId id = 0;
    std::vector<TokenId> labels;  // sorted, unique
    PropertyList properties;      // sorted by key, unique

    bool hasLabel(TokenId label) const;
    const Value* property(TokenId key) const;
    friend bool operator==(const NodeRecord&, const NodeRecord&) = default;
};

struct RelRecord {
    RelId id = 0;
    TokenId type = 0;
    NodeId start = 0;
    NodeId end = 0;
    PropertyList properties;  // sorted by key, unique

    const Value* property(TokenId key) const;
    friend bool operator==(const RelRecord&, const RelRecord&) = default;
};

// The element a piece of evidence supports.
struct ElementRef {
    enum class Kind : char { NODE = 'n', REL = 'r' };
    Kind kind = Kind::NODE;
    uint64_t id = 0;

    friend bool operator==(const ElementRef&, const ElementRef&) = default;
};

// Where a fact was stated: a span of a sentence in a document, and the rule
// that read it there. `document` is the id of the Document node.
struct EvidenceRecord {
    EvidenceId id = 0;
    ElementRef element;
    NodeId document = 0;
    uint32_t start = 0;  // character offsets in the document text
    uint32_t end = 0;
    std::string sentence;
    std::string rule;
};

// A registered document: its Document node and the hash of the content it was
// built from, so re-ingesting unchanged content is a no-op.
struct DocumentRecord {
    std::string key;
    NodeId node = 0;
    std::string hash;
};

enum class Direction { OUT, IN };

struct Adjacent {
    RelId rel = 0;
    TokenId type = 0;
    NodeId other = 0;
};

// Counters kept up to date by every commit (and cross-checked by check()).
struct Counts {
    uint64_t nodes = 0;
    uint64_t rels = 0;
    uint64_t evidence = 0;
    uint64_t documents = 0;
    std::map<TokenId, uint64_t> perLabel;
    std::map<TokenId, uint64_t> perType;
    // (property key, value type) -> number of nodes and relationships carrying it.
    std::map<std::pair<TokenId, Value::Type>, uint64_t> perProperty;

    friend bool operator==(const Counts&, const Counts&) = default;
};

struct CheckReport {
    uint64_t elementsChecked = 0;
    uint64_t findingCount = 0;        // all findings
    std::vector<std::string> findings;  // the first `maxFindings` of them
    bool ok() const { return findingCount == 0; }
};

struct OpenOptions {
    // Create the directory and an empty database when none exists.
    bool createIfMissing = true;
    // Open without taking the write lock; every write fails.
    bool readOnly = false;
    // Memory for cached blocks of SST files, shared by all column families.
    size_t blockCacheBytes = size_t{64} << 20;
};

class WriteBatch;
class BulkLoader;

class Store {
public:
    // Opens or creates the database in `path`. Fails with
    //  - INVALID_INPUT when `path` holds something that is not a kgraph database,
    //    or a database in a newer format than this build reads;
    //  - BUSY when another process holds the database for writing;
    //  - NOT_FOUND when it does not exist and createIfMissing is false or readOnly;
    //  - IO_ERROR / CORRUPTION as RocksDB reports them.
    static Result<std::unique_ptr<Store>> open(const std::string& path, const OpenOptions& options = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const;
    bool readOnly() const;

    // ---- tokens
    std::optional<TokenId> findToken(TokenKind kind, std::string_view name) const;
    // The name of a token; "" when unknown.
    std::string tokenName(TokenKind kind, TokenId id) const;
    // All tokens of a kind, ordered by id.
    std::vector<std::pair<TokenId, std::string>> tokens(TokenKind kind) const;

    // ---- reads (NOT_FOUND for an absent id)
    Result<NodeRecord> node(NodeId id) const;
    Result<RelRecord> rel(RelId id) const;
    // Scans call `visit` until it returns false. Ascending id order. The
    // record is decoded afresh for each call, so `visit` may move from it.
    Status scanNodes(const std::function<bool(NodeRecord&)>& visit) const;
    Status scanRels(const std::function<bool(RelRecord&)>& visit) const;
    Status scanLabel(TokenId label, const std::function<bool(NodeId)>& visit) const;
    // The relationships of `node` in one direction, of one type when `type` is set.
    Status scanAdjacent(NodeId node, Direction direction, std::optional<TokenId> type,
                        const std::function<bool(const Adjacent&)>& visit) const;
    // Nodes with `label` whose `name` property normalises as `name` does.
    std::vector<NodeId> findByName(TokenId label, std::string_view name) const;
    // Nodes whose `aliases` list holds a string that normalises as `alias` does.
    std::vector<NodeId> findByAlias(std::string_view alias) const;
    std::vector<EvidenceRecord> evidenceOf(ElementRef element) const;
    std::vector<EvidenceRecord> evidenceFromDocument(NodeId document) const;
    std::optional<DocumentRecord> document(std::string_view key) const;
    Status scanDocuments(const std::function<bool(const DocumentRecord&)>& visit) const;

    Counts counts() const;
    // How many writes (batches and bulk loads) this Store has committed since
    // it was opened: a writer that remembers what it wrote can tell from it
    // whether anybody else wrote in between.
    uint64_t commits() const;
    // Bytes of all files in the database directory.
    uint64_t sizeOnDisk() const;

    // ---- writes
    // Starts a batch; blocks while another batch or bulk load is open.
    // REQUIRES: !readOnly()
    WriteBatch beginWrite();
    // Starts a bulk load (see bulk_loader.hpp). REQUIRES: !readOnly()
    std::unique_ptr<BulkLoader> beginBulkLoad(const std::string& scratchDir = "");

    // ---- integrity
    // Cross-checks every index against the primary records and the counters
    // against a recount. Read-only; safe to run on a live store.
    CheckReport check(size_t maxFindings = 100) const;

    // Raw access for tests that break a store on purpose; `family` is a
    // column family name of keys.hpp.
    Status testPutRaw(std::string_view family, std::string_view key, std::string_view value);
    Status testDeleteRaw(std::string_view family, std::string_view key);

    struct Impl;  // storage/store_impl.hpp; visible to the storage module only

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;

    friend class WriteBatch;
    friend class BulkLoader;
};

}  // namespace kgraph::storage
