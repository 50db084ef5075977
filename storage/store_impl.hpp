// Store::Impl: the RocksDB handles and the in-memory state every commit keeps
// current (tokens, next ids, counters). Private to the storage module: this is
// the only header that names RocksDB.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "storage/keys.hpp"
#include "storage/store.hpp"

namespace kgraph::storage {

Status fromRocks(const rocksdb::Status& s, std::string_view context = {});

struct TokenTable {
    std::unordered_map<std::string, TokenId> byName;
    std::unordered_map<TokenId, std::string> byId;
};

// Changes a commit makes to the in-memory state; applied only once RocksDB
// has accepted the write.
struct StateDelta {
    std::vector<std::tuple<TokenKind, TokenId, std::string>> newTokens;
    int64_t nodes = 0, rels = 0, evidence = 0, documents = 0;
    std::map<TokenId, int64_t> perLabel, perType;
    std::map<std::pair<TokenId, Value::Type>, int64_t> perProperty;
    uint64_t nextNode = 0, nextRel = 0, nextEvidence = 0, nextToken = 0;  // new values
};

struct Store::Impl {
    std::string path;
    bool readOnly = false;
    std::unique_ptr<rocksdb::DB> db;
    std::vector<rocksdb::ColumnFamilyHandle*> families;  // indexed by Family

    // One writer at a time (a WriteBatch or a BulkLoader holds it).
    std::mutex writeMutex;

    // Guards the state below, read by any thread, changed by commits.
    mutable std::shared_mutex stateMutex;
    TokenTable tokenTables[3];  // LABEL, TYPE, PROPERTY
    Counts counts;
    uint64_t nextNode = 0, nextRel = 0, nextEvidence = 0, nextToken = 1;
    uint64_t commits = 0;  // since open: what Store::commits() tells

    ~Impl();

    rocksdb::ColumnFamilyHandle* cf(Family f) const { return families[f]; }
    TokenTable& table(TokenKind kind);
    const TokenTable& table(TokenKind kind) const;

    Status get(Family f, std::string_view key, std::string& value, bool& found) const;
    // Writes `batch` with the counter and id changes of `delta`, then applies
    // `delta` to memory.
    Status commit(rocksdb::WriteBatch& batch, const StateDelta& delta);
    // The meta and token entries that persist `delta`, as (family, key, value).
    // REQUIRES: stateMutex held (shared is enough).
    std::vector<std::tuple<Family, std::string, std::string>> stateEntries(const StateDelta& delta) const;
    void applyDelta(const StateDelta& delta);

    Status loadState();

    // Point reads; `out` is empty when the id is absent.
    Status readNode(NodeId id, std::optional<NodeRecord>& out) const;
    Status readRel(RelId id, std::optional<RelRecord>& out) const;
    Status readDocument(std::string_view key, std::optional<DocumentRecord>& out) const;

    // Visits every key starting with `prefix` in family `f`, in key order;
    // `visit(key, value)` returns false to stop.
    template <typename Visit>
    Status scanPrefix(Family f, std::string_view prefix, Visit&& visit) const {
        rocksdb::ReadOptions ro;
        if (prefix.empty()) {
            // A whole-family scan (graph load, check, export): read ahead in
            // large sequential chunks and leave the block cache to the hot set.
            ro.fill_cache = false;
            ro.readahead_size = size_t{4} << 20;
            ro.ignore_range_deletions = true;  // kgraph never writes range deletions
        }
        std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf(f)));
        for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
            std::string_view key(it->key().data(), it->key().size());
            if (!key.starts_with(prefix)) break;
            if (!visit(key, std::string_view(it->value().data(), it->value().size()))) break;
        }
        return fromRocks(it->status(), "scan");
    }
};

}  // namespace kgraph::storage
