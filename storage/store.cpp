#include "storage/store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>
#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include "common/assert.hpp"
#include "common/text.hpp"
#include "storage/records.hpp"
#include "storage/store_impl.hpp"
#include "storage/write_batch.hpp"

namespace fs = std::filesystem;

namespace kgraph::storage {

Status fromRocks(const rocksdb::Status& s, std::string_view context) {
    if (s.ok()) return Status::ok();
    std::string msg = context.empty() ? s.ToString() : fmt::format("{}: {}", context, s.ToString());
    if (s.IsCorruption()) return Status::corruption(msg);
    if (s.IsNotFound()) return Status::notFound(msg);
    if (s.IsInvalidArgument() || s.IsNotSupported()) return Status::invalidInput(msg);
    return Status::ioError(msg);
}

bool NodeRecord::hasLabel(TokenId label) const {
    return std::binary_search(labels.begin(), labels.end(), label);
}

namespace {

const Value* findProperty(const PropertyList& props, TokenId key) {
    auto it = std::lower_bound(props.begin(), props.end(), key,
                               [](const auto& p, TokenId k) { return p.first < k; });
    return it != props.end() && it->first == key ? &it->second : nullptr;
}

}  // namespace

const Value* NodeRecord::property(TokenId key) const { return findProperty(properties, key); }
const Value* RelRecord::property(TokenId key) const { return findProperty(properties, key); }

namespace {

int tableIndex(TokenKind kind) {
    switch (kind) {
        case TokenKind::LABEL: return 0;
        case TokenKind::TYPE: return 1;
        case TokenKind::PROPERTY: return 2;
    }
    return 0;
}

bool isLockError(const rocksdb::Status& s) {
    // RocksDB reports a held LOCK file as an I/O error naming the lock.
    return s.IsIOError() && (s.ToString().find("lock") != std::string::npos ||
                             s.ToString().find("LOCK") != std::string::npos);
}

rocksdb::Options makeOptions(const OpenOptions& options, std::shared_ptr<rocksdb::Cache> cache,
                             rocksdb::ColumnFamilyOptions& cfOptions) {
    rocksdb::Options db;
    db.create_if_missing = options.createIfMissing && !options.readOnly;
    db.create_missing_column_families = !options.readOnly;
    db.max_background_jobs = 2;
    db.bytes_per_sync = 1 << 20;
    db.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
    db.keep_log_file_num = 2;
    // Readers scan whole families (graph load, check, export): mapping the
    // files saves a copy per block.
    db.allow_mmap_reads = options.readOnly;
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = std::move(cache);
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    table.cache_index_and_filter_blocks = true;
    cfOptions.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    cfOptions.compression = rocksdb::kLZ4Compression;
    cfOptions.bottommost_compression = rocksdb::kZSTD;
    return db;
}

}  // namespace

// ---------------------------------------------------------------- Impl

Store::Impl::~Impl() {
    if (db) {
        for (auto* h : families) db->DestroyColumnFamilyHandle(h);
        db->Close();
    }
}

TokenTable& Store::Impl::table(TokenKind kind) { return tokenTables[tableIndex(kind)]; }
const TokenTable& Store::Impl::table(TokenKind kind) const { return tokenTables[tableIndex(kind)]; }

Status Store::Impl::get(Family f, std::string_view key, std::string& value, bool& found) const {
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf(f), rocksdb::Slice(key.data(), key.size()), &value);
    found = s.ok();
    if (s.IsNotFound()) return Status::ok();
    return fromRocks(s, "read");
}

namespace {

std::string fixed64(uint64_t v) {
    std::string s;
    putFixed64(s, v);
    return s;
}

uint64_t applySigned(uint64_t base, int64_t delta) { return static_cast<uint64_t>(static_cast<int64_t>(base) + delta); }

}  // namespace

std::vector<std::tuple<Family, std::string, std::string>> Store::Impl::stateEntries(const StateDelta& d) const {
    std::vector<std::tuple<Family, std::string, std::string>> out;
    auto meta = [&](std::string key, uint64_t v) { out.emplace_back(kMeta, std::move(key), fixed64(v)); };
    for (const auto& [kind, id, name] : d.newTokens) {
        std::string idBytes;
        putFixed32(idBytes, id);
        out.emplace_back(kTokens, keys::tokenByName(static_cast<char>(kind), name), idBytes);
        out.emplace_back(kTokens, keys::tokenById(static_cast<char>(kind), id), name);
    }
    if (d.nextNode != nextNode) meta(std::string(kNextNodeKey), d.nextNode);
    if (d.nextRel != nextRel) meta(std::string(kNextRelKey), d.nextRel);
    if (d.nextEvidence != nextEvidence) meta(std::string(kNextEvidenceKey), d.nextEvidence);
    if (d.nextToken != nextToken) meta(std::string(kNextTokenKey), d.nextToken);
    if (d.nodes) meta(keys::countKey("nodes"), applySigned(counts.nodes, d.nodes));
    if (d.rels) meta(keys::countKey("rels"), applySigned(counts.rels, d.rels));
    if (d.evidence) meta(keys::countKey("evidence"), applySigned(counts.evidence, d.evidence));
    if (d.documents) meta(keys::countKey("documents"), applySigned(counts.documents, d.documents));
    auto current = [](const auto& map, const auto& key) -> uint64_t {
        auto it = map.find(key);
        return it == map.end() ? 0 : it->second;
    };
    for (const auto& [label, delta] : d.perLabel)
        if (delta) meta(keys::countKey("label", label), applySigned(current(counts.perLabel, label), delta));
    for (const auto& [type, delta] : d.perType)
        if (delta) meta(keys::countKey("type", type), applySigned(current(counts.perType, type), delta));
    for (const auto& [key, delta] : d.perProperty)
        if (delta)
            meta(keys::countKey("prop", key.first, static_cast<uint8_t>(key.second)),
                 applySigned(current(counts.perProperty, key), delta));
    return out;
}

void Store::Impl::applyDelta(const StateDelta& d) {
    ++commits;
    for (const auto& [kind, id, name] : d.newTokens) {
        table(kind).byName.emplace(name, id);
        table(kind).byId.emplace(id, name);
    }
    nextNode = d.nextNode;
    nextRel = d.nextRel;
    nextEvidence = d.nextEvidence;
    nextToken = d.nextToken;
    counts.nodes = applySigned(counts.nodes, d.nodes);
    counts.rels = applySigned(counts.rels, d.rels);
    counts.evidence = applySigned(counts.evidence, d.evidence);
    counts.documents = applySigned(counts.documents, d.documents);
    auto apply = [](auto& map, const auto& deltas) {
        for (const auto& [key, delta] : deltas) {
            if (!delta) continue;
            uint64_t v = applySigned(map[key], delta);
            if (v == 0) map.erase(key); else map[key] = v;
        }
    };
    apply(counts.perLabel, d.perLabel);
    apply(counts.perType, d.perType);
    apply(counts.perProperty, d.perProperty);
}

Status Store::Impl::commit(rocksdb::WriteBatch& batch, const StateDelta& delta) {
    std::unique_lock state(stateMutex);
    for (auto& [family, key, value] : stateEntries(delta)) batch.Put(cf(family), key, value);
    rocksdb::WriteOptions options;
    KG_RETURN_IF_ERROR(fromRocks(db->Write(options, &batch), "commit"));
    applyDelta(delta);
    return Status::ok();
}

Status Store::Impl::loadState() {
    auto readU64 = [&](std::string_view key, uint64_t& out) -> Status {
        std::string v;
        bool found;
        KG_RETURN_IF_ERROR(get(kMeta, key, v, found));
        if (!found) return Status::ok();
        if (v.size() != 8) return Status::corruption(fmt::format("meta key '{}' has a bad value", key));
        out = readFixed64(v.data());
        return Status::ok();
    };
    KG_RETURN_IF_ERROR(readU64(kNextNodeKey, nextNode));
    KG_RETURN_IF_ERROR(readU64(kNextRelKey, nextRel));
    KG_RETURN_IF_ERROR(readU64(kNextEvidenceKey, nextEvidence));
    KG_RETURN_IF_ERROR(readU64(kNextTokenKey, nextToken));

    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), cf(kMeta)));
    for (it->Seek("count/"); it->Valid() && it->key().starts_with("count/"); it->Next()) {
        std::string_view key(it->key().data(), it->key().size());
        if (it->value().size() != 8) return Status::corruption(fmt::format("counter '{}' has a bad value", key));
        uint64_t v = readFixed64(it->value().data());
        std::string_view what = key.substr(6);
        if (what == "nodes") counts.nodes = v;
        else if (what == "rels") counts.rels = v;
        else if (what == "evidence") counts.evidence = v;
        else if (what == "documents") counts.documents = v;
        else if (what.starts_with("label/") && what.size() == 10)
            counts.perLabel[readFixed32(what.data() + 6)] = v;
        else if (what.starts_with("type/") && what.size() == 9)
            counts.perType[readFixed32(what.data() + 5)] = v;
        else if (what.starts_with("prop/") && what.size() == 10)
            counts.perProperty[{readFixed32(what.data() + 5), static_cast<Value::Type>(what[9])}] = v;
        else
            return Status::corruption(fmt::format("unknown counter '{}'", key));
        if (v == 0) return Status::corruption(fmt::format("counter '{}' is zero", key));
    }
    KG_RETURN_IF_ERROR(fromRocks(it->status(), "read counters"));

    it.reset(db->NewIterator(rocksdb::ReadOptions(), cf(kTokens)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        std::string_view key(it->key().data(), it->key().size());
        char kind = key[0];
        if (kind != 'L' && kind != 'T' && kind != 'P') continue;  // the by-id direction
        if (it->value().size() != 4) return Status::corruption("token with a bad id");
        TokenId id = readFixed32(it->value().data());
        auto& t = table(static_cast<TokenKind>(kind));
        t.byName.emplace(std::string(key.substr(1)), id);
        t.byId.emplace(id, std::string(key.substr(1)));
    }
    return fromRocks(it->status(), "read tokens");
}

// ---------------------------------------------------------------- open

namespace {

// Creates an empty database at `path` (absent or an empty directory) all at
// once: built in a sibling directory, format version included, then renamed
// into place. A process killed while creating leaves `path` as it was and a
// `.creating-PID` sibling, which the next creation removes; before, a kill
// between RocksDB's first files and the format version left a directory no
// open accepted.
Status createAtomically(const std::string& path, const rocksdb::Options& dbOptions,
                        const rocksdb::ColumnFamilyOptions& cfOptions) {
    std::error_code ec;
    const fs::path target = fs::absolute(path, ec);
    const fs::path parent = target.parent_path();
    const std::string stem = target.filename().string() + ".creating-";
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with(stem)) continue;
        pid_t pid = static_cast<pid_t>(std::atoi(name.c_str() + stem.size()));
        if (pid > 0 && pid != ::getpid() && (::kill(pid, 0) == 0 || errno == EPERM)) continue;  // another creator
        fs::remove_all(entry.path(), ec);
    }
    const fs::path scratch = parent / (stem + std::to_string(::getpid()));
    fs::remove_all(scratch, ec);
    {
        rocksdb::Options options = dbOptions;
        options.create_if_missing = true;
        options.create_missing_column_families = true;
        std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
        for (const char* name : kFamilyNames) descriptors.emplace_back(name, cfOptions);
        std::vector<rocksdb::ColumnFamilyHandle*> handles;
        rocksdb::DB* raw = nullptr;
        rocksdb::Status s = rocksdb::DB::Open(options, scratch.string(), descriptors, &handles, &raw);
        if (!s.ok()) return fromRocks(s, fmt::format("create {}", path));
        std::unique_ptr<rocksdb::DB> db(raw);
        std::string v;
        putFixed32(v, kFormatVersion);
        rocksdb::WriteOptions sync;
        sync.sync = true;
        s = db->Put(sync, handles[kMeta], std::string(kFormatVersionKey), v);
        for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
        if (s.ok()) s = db->Close();
        if (!s.ok()) {
            fs::remove_all(scratch, ec);
            return fromRocks(s, fmt::format("create {}", path));
        }
    }
    // rename(2) replaces an empty directory; a non-empty one means another
    // process created the database first, which is as good.
    if (::rename(scratch.c_str(), target.c_str()) != 0) {
        int err = errno;
        fs::remove_all(scratch, ec);
        if (err != ENOTEMPTY && err != EEXIST)
            return Status::ioError(fmt::format("cannot create {}: {}", path, std::strerror(err)));
    }
    if (int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
        ::fsync(fd);  // the rename itself survives a crash
        ::close(fd);
    }
    return Status::ok();
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& path, const OpenOptions& options) {
    std::error_code ec;
    bool exists = fs::exists(path, ec);
    if (exists && !fs::is_directory(path, ec))
        return Status::invalidInput(fmt::format("{} is not a kgraph database (it is a file)", path));
    bool empty = !exists || fs::is_empty(path, ec);
    if (empty && (options.readOnly || !options.createIfMissing))
        return Status::notFound(fmt::format("no database at {}", path));
    if (!empty && !fs::exists(fs::path(path) / "CURRENT", ec))
        return Status::invalidInput(
            fmt::format("{} is not a kgraph database (a non-empty directory without one)", path));
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->readOnly = options.readOnly;
    rocksdb::ColumnFamilyOptions cfOptions;
    rocksdb::Options dbOptions = makeOptions(options, rocksdb::NewLRUCache(options.blockCacheBytes), cfOptions);
    if (empty) {
        if (fs::path parent = fs::absolute(path, ec).parent_path(); !fs::exists(parent, ec)) {
            fs::create_directories(parent, ec);
            if (ec) return Status::ioError(fmt::format("cannot create {}: {}", path, ec.message()));
        }
        KG_RETURN_IF_ERROR(createAtomically(path, dbOptions, cfOptions));
        empty = false;
    }

    if (!empty) {
        std::vector<std::string> present;
        rocksdb::Status s = rocksdb::DB::ListColumnFamilies(dbOptions, path, &present);
        if (!s.ok()) return fromRocks(s, fmt::format("open {}", path));
        if (std::find(present.begin(), present.end(), "meta") == present.end())
            return Status::invalidInput(
                fmt::format("{} is not a kgraph database (a RocksDB database of another program)", path));
    }

    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const char* name : kFamilyNames) descriptors.emplace_back(name, cfOptions);
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = options.readOnly
        ? rocksdb::DB::OpenForReadOnly(dbOptions, path, descriptors, &impl->families, &raw)
        : rocksdb::DB::Open(dbOptions, path, descriptors, &impl->families, &raw);
    if (isLockError(s))
        return Status::busy(fmt::format("database {} is locked by another process (a running kg build or import?)", path));
    if (!s.ok()) return fromRocks(s, fmt::format("open {}", path));
    impl->db.reset(raw);
    if (!options.readOnly) {
        // We hold the write lock, so scratch directories of bulk loads are
        // leftovers of killed imports: their data never reached the store.
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (entry.path().filename().string().starts_with("bulk.tmp-")) fs::remove_all(entry.path(), ec);
    }

    std::string version;
    bool found;
    KG_RETURN_IF_ERROR(impl->get(kMeta, kFormatVersionKey, version, found));
    if (!found) {
        if (!empty)
            return Status::invalidInput(fmt::format("{} is not a kgraph database (no format version)", path));
        std::string v;
        putFixed32(v, kFormatVersion);
        KG_RETURN_IF_ERROR(fromRocks(impl->db->Put(rocksdb::WriteOptions(), impl->cf(kMeta),
                                                   std::string(kFormatVersionKey), v), "create"));
    } else {
        if (version.size() != 4) return Status::corruption(fmt::format("{}: bad format version record", path));
        uint32_t v = readFixed32(version.data());
        if (v > kFormatVersion)
            return Status::invalidInput(fmt::format(
                "database {} has format version {}, newer than this kg reads ({}); upgrade kg", path, v,
                kFormatVersion));
    }
    KG_RETURN_IF_ERROR(impl->loadState().withContext(fmt::format("open {}: ", path)));
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

const std::string& Store::path() const { return impl_->path; }
bool Store::readOnly() const { return impl_->readOnly; }

// ---------------------------------------------------------------- tokens

std::optional<TokenId> Store::findToken(TokenKind kind, std::string_view name) const {
    std::shared_lock lock(impl_->stateMutex);
    const auto& t = impl_->table(kind).byName;
    auto it = t.find(std::string(name));
    if (it == t.end()) return std::nullopt;
    return it->second;
}

std::string Store::tokenName(TokenKind kind, TokenId id) const {
    std::shared_lock lock(impl_->stateMutex);
    const auto& t = impl_->table(kind).byId;
    auto it = t.find(id);
    return it == t.end() ? std::string() : it->second;
}

std::vector<std::pair<TokenId, std::string>> Store::tokens(TokenKind kind) const {
    std::shared_lock lock(impl_->stateMutex);
    std::vector<std::pair<TokenId, std::string>> out(impl_->table(kind).byId.begin(), impl_->table(kind).byId.end());
    std::sort(out.begin(), out.end());
    return out;
}

// ---------------------------------------------------------------- reads

Status Store::Impl::readNode(NodeId id, std::optional<NodeRecord>& out) const {
    out.reset();
    std::string v;
    bool found;
    KG_RETURN_IF_ERROR(get(kNodes, keys::id(id), v, found));
    if (!found) return Status::ok();
    out.emplace();
    if (!records::decodeNode(id, v, *out)) return Status::corruption(fmt::format("node {} is unreadable", id));
    return Status::ok();
}

Status Store::Impl::readRel(RelId id, std::optional<RelRecord>& out) const {
    out.reset();
    std::string v;
    bool found;
    KG_RETURN_IF_ERROR(get(kRels, keys::id(id), v, found));
    if (!found) return Status::ok();
    out.emplace();
    if (!records::decodeRel(id, v, *out))
        return Status::corruption(fmt::format("relationship {} is unreadable", id));
    return Status::ok();
}

Result<NodeRecord> Store::node(NodeId id) const {
    std::optional<NodeRecord> n;
    KG_RETURN_IF_ERROR(impl_->readNode(id, n));
    if (!n) return Status::notFound(fmt::format("node {} does not exist", id));
    return std::move(*n);
}

Result<RelRecord> Store::rel(RelId id) const {
    std::optional<RelRecord> r;
    KG_RETURN_IF_ERROR(impl_->readRel(id, r));
    if (!r) return Status::notFound(fmt::format("relationship {} does not exist", id));
    return std::move(*r);
}

Status Store::scanNodes(const std::function<bool(NodeRecord&)>& visit) const {
    NodeRecord n;
    Status bad;
    KG_RETURN_IF_ERROR(impl_->scanPrefix(kNodes, {}, [&](std::string_view k, std::string_view v) {
        NodeId id = k.size() == 8 ? readFixed64(k.data()) : 0;
        if (k.size() != 8 || !records::decodeNode(id, v, n)) {
            bad = Status::corruption(fmt::format("node {} is unreadable", id));
            return false;
        }
        return visit(n);
    }));
    return bad;
}

Status Store::scanRels(const std::function<bool(RelRecord&)>& visit) const {
    RelRecord r;
    Status bad;
    KG_RETURN_IF_ERROR(impl_->scanPrefix(kRels, {}, [&](std::string_view k, std::string_view v) {
        RelId id = k.size() == 8 ? readFixed64(k.data()) : 0;
        if (k.size() != 8 || !records::decodeRel(id, v, r)) {
            bad = Status::corruption(fmt::format("relationship {} is unreadable", id));
            return false;
        }
        return visit(r);
    }));
    return bad;
}

Status Store::scanLabel(TokenId label, const std::function<bool(NodeId)>& visit) const {
    std::string prefix;
    putFixed32(prefix, label);
    return impl_->scanPrefix(kLabels, prefix, [&](std::string_view k, std::string_view) {
        return k.size() == 12 ? visit(readFixed64(k.data() + 4)) : true;
    });
}

Status Store::scanAdjacent(NodeId node, Direction direction, std::optional<TokenId> type,
                           const std::function<bool(const Adjacent&)>& visit) const {
    std::string prefix = keys::id(node);
    if (type) putFixed32(prefix, *type);
    return impl_->scanPrefix(direction == Direction::OUT ? kOut : kIn, prefix,
                      [&](std::string_view k, std::string_view) {
                          if (k.size() != 28) return true;
                          return visit(Adjacent{readFixed64(k.data() + 20), readFixed32(k.data() + 8),
                                                readFixed64(k.data() + 12)});
                      });
}

std::vector<NodeId> Store::findByName(TokenId label, std::string_view name) const {
    std::vector<NodeId> out;
    std::string prefix = keys::namePrefix(label, normalizeName(name));
    (void)impl_->scanPrefix(kNames, prefix, [&](std::string_view k, std::string_view) {
        if (k.size() == prefix.size() + 8) out.push_back(readFixed64(k.data() + prefix.size()));
        return true;
    });
    return out;
}

std::vector<NodeId> Store::findByAlias(std::string_view alias) const {
    std::vector<NodeId> out;
    std::string prefix = keys::aliasPrefix(normalizeName(alias));
    (void)impl_->scanPrefix(kAliases, prefix, [&](std::string_view k, std::string_view) {
        if (k.size() == prefix.size() + 8) out.push_back(readFixed64(k.data() + prefix.size()));
        return true;
    });
    return out;
}

std::vector<EvidenceRecord> Store::evidenceOf(ElementRef element) const {
    std::vector<EvidenceRecord> out;
    (void)impl_->scanPrefix(kEvidence, keys::evidencePrefix(static_cast<char>(element.kind), element.id),
                     [&](std::string_view k, std::string_view v) {
                         EvidenceRecord ev;
                         if (records::decodeEvidence(k, v, ev)) out.push_back(std::move(ev));
                         return true;
                     });
    return out;
}

std::vector<EvidenceRecord> Store::evidenceFromDocument(NodeId document) const {
    std::vector<EvidenceRecord> out;
    (void)impl_->scanPrefix(kDocEvidence, keys::id(document), [&](std::string_view k, std::string_view) {
        if (k.size() != 25) return true;
        std::string evKey(k.substr(8));
        std::string v;
        bool found = false;
        EvidenceRecord ev;
        if (impl_->get(kEvidence, evKey, v, found).isOk() && found && records::decodeEvidence(evKey, v, ev))
            out.push_back(std::move(ev));
        return true;
    });
    return out;
}

Status Store::Impl::readDocument(std::string_view key, std::optional<DocumentRecord>& out) const {
    out.reset();
    std::string v;
    bool found;
    KG_RETURN_IF_ERROR(get(kDocuments, key, v, found));
    if (!found) return Status::ok();
    out.emplace();
    if (!records::decodeDocument(key, v, *out))
        return Status::corruption(fmt::format("document record '{}' is unreadable", key.substr(0, 200)));
    return Status::ok();
}

std::optional<DocumentRecord> Store::document(std::string_view key) const {
    std::optional<DocumentRecord> doc;
    if (!impl_->readDocument(key, doc).isOk()) return std::nullopt;
    return doc;
}

Status Store::scanDocuments(const std::function<bool(const DocumentRecord&)>& visit) const {
    Status bad;
    KG_RETURN_IF_ERROR(impl_->scanPrefix(kDocuments, {}, [&](std::string_view k, std::string_view v) {
        DocumentRecord doc;
        if (!records::decodeDocument(k, v, doc)) {
            bad = Status::corruption(fmt::format("document record '{}' is unreadable", k.substr(0, 200)));
            return false;
        }
        return visit(doc);
    }));
    return bad;
}

uint64_t Store::commits() const {
    std::shared_lock lock(impl_->stateMutex);
    return impl_->commits;
}

Counts Store::counts() const {
    std::shared_lock lock(impl_->stateMutex);
    return impl_->counts;
}

uint64_t Store::sizeOnDisk() const {
    uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(impl_->path, ec))
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    return total;
}

// ---------------------------------------------------------------- writes

WriteBatch Store::beginWrite() {
    KG_ASSERT(!impl_->readOnly);
    return WriteBatch(*impl_, std::unique_lock(impl_->writeMutex));
}

Status Store::testPutRaw(std::string_view family, std::string_view key, std::string_view value) {
    auto it = std::find(kFamilyNames.begin(), kFamilyNames.end(), family);
    if (it == kFamilyNames.end()) return Status::invalidInput("no such column family");
    return fromRocks(impl_->db->Put(rocksdb::WriteOptions(), impl_->cf(Family(it - kFamilyNames.begin())),
                                    rocksdb::Slice(key.data(), key.size()), rocksdb::Slice(value.data(), value.size())));
}

Status Store::testDeleteRaw(std::string_view family, std::string_view key) {
    auto it = std::find(kFamilyNames.begin(), kFamilyNames.end(), family);
    if (it == kFamilyNames.end()) return Status::invalidInput("no such column family");
    return fromRocks(impl_->db->Delete(rocksdb::WriteOptions(), impl_->cf(Family(it - kFamilyNames.begin())),
                                       rocksdb::Slice(key.data(), key.size())));
}

}  // namespace kgraph::storage
