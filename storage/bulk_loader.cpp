#include "storage/bulk_loader.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <rocksdb/sst_file_writer.h>

#include "common/assert.hpp"
#include "common/text.hpp"
#include "storage/records.hpp"
#include "storage/store_impl.hpp"

namespace fs = std::filesystem;

namespace kgraph::storage {

namespace {

struct AdjacencyEntry {
    NodeId node;
    NodeId other;
    RelId rel;
    TokenId type;

    // The 28-byte key of keys::adjacency(), written into `buf`.
    rocksdb::Slice key(char* buf) const {
        writeFixed64(writeFixed32(writeFixed64(buf, node), type), other);
        writeFixed64(buf + 20, rel);
        return {buf, 28};
    }
    friend bool operator<(const AdjacencyEntry& a, const AdjacencyEntry& b) {
        if (a.type != b.type) return a.type < b.type;
        if (a.other != b.other) return a.other < b.other;
        return a.rel < b.rel;
    }
};

// Sorts entries into key order: a counting sort by node (ids are dense), then
// each node's few entries by (type, other, rel). Several times faster than one
// comparison sort over millions of entries.
void sortAdjacency(std::vector<AdjacencyEntry>& entries) {
    if (entries.empty()) return;
    NodeId maxNode = 0;
    for (const auto& e : entries) maxNode = std::max(maxNode, e.node);
    std::vector<uint64_t> offsets(maxNode + 2, 0);
    for (const auto& e : entries) ++offsets[e.node + 1];
    for (size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];
    std::vector<AdjacencyEntry> sorted(entries.size());
    std::vector<uint64_t> next(offsets.begin(), offsets.end() - 1);
    for (const auto& e : entries) sorted[next[e.node]++] = e;
    for (size_t n = 0; n + 1 < offsets.size(); ++n)
        if (offsets[n + 1] - offsets[n] > 1) std::sort(sorted.begin() + offsets[n], sorted.begin() + offsets[n + 1]);
    entries.swap(sorted);
}

}  // namespace

struct BulkLoader::State {
    Store::Impl* store;
    std::unique_lock<std::mutex> lock;
    std::string scratchDir;
    rocksdb::EnvOptions envOptions;

    std::unique_ptr<rocksdb::SstFileWriter> nodesWriter, relsWriter;
    std::string nodesFile, relsFile;
    uint64_t nodesAdded = 0, relsAdded = 0;
    Status writeError;

    std::vector<AdjacencyEntry> out, in;
    std::vector<std::pair<TokenId, NodeId>> labels;
    std::vector<std::string> names, aliases;  // complete keys

    std::map<std::pair<TokenKind, std::string>, TokenId> newTokens;
    std::optional<TokenId> nameKey, aliasesKey;
    StateDelta delta;
    bool committed = false;

    Status openWriter(std::unique_ptr<rocksdb::SstFileWriter>& writer, std::string& file, Family family) {
        file = (fs::path(scratchDir) / fmt::format("{}.sst", kFamilyNames[family])).string();
        // The family's own table format (block size, filters), but no
        // compression: RocksDB compresses the data when it compacts it later,
        // and LZ4 here would cost more than the rest of the import.
        rocksdb::Options options(store->db->GetDBOptions(), store->db->GetOptions(store->cf(family)));
        options.compression = rocksdb::kNoCompression;
        options.bottommost_compression = rocksdb::kDisableCompressionOption;
        writer = std::make_unique<rocksdb::SstFileWriter>(envOptions, options, store->cf(family));
        return fromRocks(writer->Open(file), "bulk load");
    }

    std::string recordBuffer;  // reused for every encoded node and relationship

    void put(rocksdb::SstFileWriter& writer, const rocksdb::Slice& key, const rocksdb::Slice& value) {
        if (!writeError.isOk()) return;
        writeError = fromRocks(writer.Put(key, value), "bulk load");
    }
};

BulkLoader::BulkLoader(Store::Impl& store, std::unique_lock<std::mutex> lock, std::string scratchDir)
    : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.store = &store;
    s.lock = std::move(lock);
    s.scratchDir = std::move(scratchDir);
    {
        std::shared_lock state(store.stateMutex);
        s.delta.nextNode = store.nextNode;
        s.delta.nextRel = store.nextRel;
        s.delta.nextEvidence = store.nextEvidence;
        s.delta.nextToken = store.nextToken;
    }
    std::error_code ec;
    fs::remove_all(s.scratchDir, ec);
    fs::create_directories(s.scratchDir, ec);
    if (ec) s.writeError = Status::ioError(fmt::format("cannot create {}: {}", s.scratchDir, ec.message()));
    if (s.writeError.isOk()) s.writeError = s.openWriter(s.nodesWriter, s.nodesFile, kNodes);
    if (s.writeError.isOk()) s.writeError = s.openWriter(s.relsWriter, s.relsFile, kRels);
    s.nameKey = token(TokenKind::PROPERTY, "name");
    s.aliasesKey = token(TokenKind::PROPERTY, "aliases");
}

BulkLoader::~BulkLoader() {
    if (!state_) return;
    state_->nodesWriter.reset();
    state_->relsWriter.reset();
    std::error_code ec;
    fs::remove_all(state_->scratchDir, ec);
}

TokenId BulkLoader::token(TokenKind kind, std::string_view name) {
    State& s = *state_;
    {
        std::shared_lock state(s.store->stateMutex);
        const auto& t = s.store->table(kind).byName;
        if (auto it = t.find(std::string(name)); it != t.end()) return it->second;
    }
    auto [it, inserted] = s.newTokens.try_emplace({kind, std::string(name)}, 0);
    if (inserted) {
        it->second = static_cast<TokenId>(s.delta.nextToken++);
        s.delta.newTokens.emplace_back(kind, it->second, std::string(name));
    }
    return it->second;
}

NodeId BulkLoader::addNode(std::span<const TokenId> labels, PropertyList properties) {
    State& s = *state_;
    NodeRecord n;
    n.id = s.delta.nextNode++;
    n.labels.assign(labels.begin(), labels.end());
    std::sort(n.labels.begin(), n.labels.end());
    n.labels.erase(std::unique(n.labels.begin(), n.labels.end()), n.labels.end());
    n.properties = std::move(properties);
    records::canonicalize(n.properties);

    char idKey[8];
    records::encodeNode(n, s.recordBuffer);
    s.put(*s.nodesWriter, rocksdb::Slice(idKey, writeFixed64(idKey, n.id) - idKey), s.recordBuffer);
    ++s.delta.nodes;
    ++s.nodesAdded;
    for (TokenId l : n.labels) {
        s.labels.emplace_back(l, n.id);
        ++s.delta.perLabel[l];
    }
    for (const auto& [key, value] : n.properties) {
        ++s.delta.perProperty[{key, value.type()}];
        if (key == s.nameKey && value.isString()) {
            std::string norm = normalizeName(value.asString());
            for (TokenId l : n.labels) {
                std::string k = keys::namePrefix(l, norm);
                putFixed64(k, n.id);
                s.names.push_back(std::move(k));
            }
        } else if (key == s.aliasesKey) {
            std::set<std::string> unique;
            if (value.isString()) unique.insert(normalizeName(value.asString()));
            if (value.isList())
                for (const Value& a : value.asList())
                    if (a.isString()) unique.insert(normalizeName(a.asString()));
            for (const auto& a : unique) {
                std::string k = keys::aliasPrefix(a);
                putFixed64(k, n.id);
                s.aliases.push_back(std::move(k));
            }
        }
    }
    return n.id;
}

RelId BulkLoader::addRel(TokenId type, NodeId start, NodeId end, PropertyList properties) {
    State& s = *state_;
    RelRecord r;
    r.id = s.delta.nextRel++;
    r.type = type;
    r.start = start;
    r.end = end;
    r.properties = std::move(properties);
    records::canonicalize(r.properties);
    char idKey[8];
    records::encodeRel(r, s.recordBuffer);
    s.put(*s.relsWriter, rocksdb::Slice(idKey, writeFixed64(idKey, r.id) - idKey), s.recordBuffer);
    s.out.push_back({start, end, r.id, type});
    s.in.push_back({end, start, r.id, type});
    ++s.delta.rels;
    ++s.delta.perType[type];
    for (const auto& [key, value] : r.properties) ++s.delta.perProperty[{key, value.type()}];
    ++s.relsAdded;
    return r.id;
}

uint64_t BulkLoader::nodesAdded() const { return state_->nodesAdded; }
uint64_t BulkLoader::relsAdded() const { return state_->relsAdded; }

Status BulkLoader::commit() {
    State& s = *state_;
    KG_ASSERT(!s.committed);
    s.committed = true;
    KG_RETURN_IF_ERROR(s.writeError);

    std::vector<std::pair<Family, std::string>> files;
    auto finish = [&](std::unique_ptr<rocksdb::SstFileWriter>& writer, const std::string& file, Family f,
                      uint64_t count) -> Status {
        if (count > 0) {
            KG_RETURN_IF_ERROR(fromRocks(writer->Finish(), "bulk load"));
            files.emplace_back(f, file);
        }
        writer.reset();
        return Status::ok();
    };
    KG_RETURN_IF_ERROR(finish(s.nodesWriter, s.nodesFile, kNodes, s.nodesAdded));
    KG_RETURN_IF_ERROR(finish(s.relsWriter, s.relsFile, kRels, s.relsAdded));

    // Writes `count` keys, produced in order by `keyAt(i)`, to a new SST for family `f`.
    auto writeSorted = [&](Family f, size_t count, auto&& keyAt, auto&& valueAt) -> Status {
        if (count == 0) return Status::ok();
        std::unique_ptr<rocksdb::SstFileWriter> writer;
        std::string file;
        KG_RETURN_IF_ERROR(s.openWriter(writer, file, f));
        for (size_t i = 0; i < count; ++i) {
            s.put(*writer, keyAt(i), valueAt(i));
            KG_RETURN_IF_ERROR(s.writeError);
        }
        return finish(writer, file, f, count);
    };
    auto noValue = [](size_t) { return rocksdb::Slice(); };
    char keyBuffer[28];

    sortAdjacency(s.out);
    KG_RETURN_IF_ERROR(writeSorted(kOut, s.out.size(), [&](size_t i) { return s.out[i].key(keyBuffer); }, noValue));
    std::vector<AdjacencyEntry>().swap(s.out);
    sortAdjacency(s.in);
    KG_RETURN_IF_ERROR(writeSorted(kIn, s.in.size(), [&](size_t i) { return s.in[i].key(keyBuffer); }, noValue));
    std::vector<AdjacencyEntry>().swap(s.in);
    std::sort(s.labels.begin(), s.labels.end());
    KG_RETURN_IF_ERROR(writeSorted(
        kLabels, s.labels.size(),
        [&](size_t i) {
            writeFixed64(writeFixed32(keyBuffer, s.labels[i].first), s.labels[i].second);
            return rocksdb::Slice(keyBuffer, 12);
        },
        noValue));
    for (auto* v : {&s.names, &s.aliases}) std::sort(v->begin(), v->end());
    KG_RETURN_IF_ERROR(
        writeSorted(kNames, s.names.size(), [&](size_t i) { return rocksdb::Slice(s.names[i]); }, noValue));
    KG_RETURN_IF_ERROR(
        writeSorted(kAliases, s.aliases.size(), [&](size_t i) { return rocksdb::Slice(s.aliases[i]); }, noValue));

    // Counters, ids and new tokens travel in the same ingestion, so they can
    // never disagree with the data.
    std::unique_lock state(s.store->stateMutex);
    std::map<Family, std::vector<std::pair<std::string, std::string>>> stateFiles;
    for (auto& [family, key, value] : s.store->stateEntries(s.delta))
        stateFiles[family].emplace_back(std::move(key), std::move(value));
    for (auto& [family, entries] : stateFiles) {
        std::sort(entries.begin(), entries.end());
        KG_RETURN_IF_ERROR(writeSorted(family, entries.size(), [&](size_t i) { return rocksdb::Slice(entries[i].first); },
                                       [&](size_t i) { return rocksdb::Slice(entries[i].second); }));
    }

    std::vector<rocksdb::IngestExternalFileArg> args;
    for (const auto& [family, file] : files) {
        rocksdb::IngestExternalFileArg arg;
        arg.column_family = s.store->cf(family);
        arg.external_files = {file};
        arg.options.move_files = true;
        args.push_back(std::move(arg));
    }
    if (!args.empty()) KG_RETURN_IF_ERROR(fromRocks(s.store->db->IngestExternalFiles(args), "bulk load"));
    s.store->applyDelta(s.delta);
    return Status::ok();
}

std::unique_ptr<BulkLoader> Store::beginBulkLoad(const std::string& scratchDir) {
    KG_ASSERT(!impl_->readOnly);
    std::unique_lock lock(impl_->writeMutex);
    std::string dir = scratchDir.empty() ? (fs::path(impl_->path) / fmt::format("bulk.tmp-{}", ::getpid())).string()
                                         : scratchDir;
    return std::unique_ptr<BulkLoader>(new BulkLoader(*impl_, std::move(lock), std::move(dir)));
}

}  // namespace kgraph::storage
