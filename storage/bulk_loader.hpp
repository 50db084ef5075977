// BulkLoader: the fast, all-or-nothing path for large imports.
//
// Instead of one WriteBatch per chunk, the loader writes every column family's
// entries into sorted SST files in a scratch directory and hands them all to
// RocksDB in one IngestExternalFiles call, which records them in the manifest
// atomically: after a crash or a failed import the store holds all of the load
// or none of it. Nodes and relationships stream to disk as they arrive (their
// ids ascend); index entries that need another order (adjacency, labels,
// names) are kept in memory and sorted at commit: about 70 bytes per
// relationship, so a load of 100 million relationships wants ~7 GB; larger
// loads should be split into several.
//
// Holds the store's write lock from Store::beginBulkLoad() until commit or
// destruction. Not thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "storage/store.hpp"

namespace kgraph::storage {

class BulkLoader {
public:
    ~BulkLoader();  // an uncommitted load is discarded with its scratch files
    BulkLoader(const BulkLoader&) = delete;
    BulkLoader& operator=(const BulkLoader&) = delete;

    // Interns a name (reusing the store's token when it has one).
    TokenId token(TokenKind kind, std::string_view name);

    // Adds a node; `labels` need not be sorted, `properties` may hold nulls
    // (dropped) and need not be sorted.
    NodeId addNode(std::span<const TokenId> labels, PropertyList properties);
    // Adds a relationship between nodes of this load or of the store.
    // REQUIRES: both ends exist (the importer resolves ids before calling).
    RelId addRel(TokenId type, NodeId start, NodeId end, PropertyList properties);

    uint64_t nodesAdded() const;
    uint64_t relsAdded() const;

    // Sorts, writes and ingests everything. The loader is spent afterwards.
    Status commit();

    struct State;

private:
    friend class Store;
    BulkLoader(Store::Impl& store, std::unique_lock<std::mutex> lock, std::string scratchDir);

    std::unique_ptr<State> state_;
};

}  // namespace kgraph::storage
