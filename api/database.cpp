#include <kgraph/kgraph.hpp>

#include <algorithm>
#include <filesystem>

#include "ingest/csv/csv_import.hpp"
#include "storage/store.hpp"

namespace kgraph {

const char* version() { return KG_VERSION; }

struct Database::Impl {
    std::string path;
    // Null when a read-only open found no database: it reads as empty.
    std::unique_ptr<storage::Store> store;
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::open(const std::string& path, const OpenOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    storage::OpenOptions so;
    so.readOnly = options.readOnly;
    so.createIfMissing = options.createIfMissing;
    so.blockCacheBytes = options.cacheBytes;
    auto store = storage::Store::open(path, so);
    if (!store) {
        std::error_code ec;
        bool absent = !std::filesystem::exists(path, ec) || std::filesystem::is_empty(path, ec);
        if (!(options.readOnly && store.status().code() == StatusCode::NOT_FOUND && absent)) return store.status();
    } else {
        impl->store = std::move(*store);
    }
    return std::unique_ptr<Database>(new Database(std::move(impl)));
}

const std::string& Database::path() const { return impl_->path; }

Result<ImportSummary> Database::importCsv(const ImportOptions& options) {
    if (!impl_->store || impl_->store->readOnly())
        return Status::invalidInput("cannot import: the database is open read-only");
    ingest::CsvImportOptions o;
    for (const auto& arg : options.nodes) {
        auto g = ingest::CsvInputGroup::parse(arg);
        if (!g) return g.status();
        o.nodes.push_back(std::move(*g));
    }
    for (const auto& arg : options.relationships) {
        auto g = ingest::CsvInputGroup::parse(arg);
        if (!g) return g.status();
        o.relationships.push_back(std::move(*g));
    }
    o.delimiter = options.delimiter;
    o.arrayDelimiter = options.arrayDelimiter;
    o.quote = options.quote;
    o.idType = options.integerIds ? ingest::IdType::INTEGER : ingest::IdType::STRING;
    o.skipBadRows = options.skipBadRows;
    if (options.progress)
        o.progress = [&](const ingest::CsvImportProgress& p) {
            options.progress(ImportProgress{p.rows, p.bytesRead, p.bytesTotal, p.seconds});
        };
    o.badRow = options.badRow;
    auto r = ingest::importCsv(*impl_->store, o);
    if (!r) return r.status();
    return ImportSummary{r->nodes, r->relationships, r->badRows, r->bytes, r->seconds};
}

DatabaseStats Database::stats() const {
    DatabaseStats out;
    if (!impl_->store) return out;
    const storage::Store& store = *impl_->store;
    storage::Counts c = store.counts();
    out.nodes = c.nodes;
    out.relationships = c.rels;
    out.documents = c.documents;
    out.evidence = c.evidence;
    out.bytesOnDisk = store.sizeOnDisk();
    for (const auto& [t, n] : c.perLabel) out.labels.emplace_back(store.tokenName(storage::TokenKind::LABEL, t), n);
    for (const auto& [t, n] : c.perType) out.types.emplace_back(store.tokenName(storage::TokenKind::TYPE, t), n);
    for (const auto& [key, n] : c.perProperty)
        out.properties.push_back(
            {store.tokenName(storage::TokenKind::PROPERTY, key.first), std::string(typeName(key.second)), n});
    std::sort(out.labels.begin(), out.labels.end());
    std::sort(out.types.begin(), out.types.end());
    std::sort(out.properties.begin(), out.properties.end(),
              [](const auto& a, const auto& b) { return std::tie(a.key, a.type) < std::tie(b.key, b.type); });
    return out;
}

CheckResult Database::check(size_t maxFindings) const {
    CheckResult out;
    if (!impl_->store) return out;
    storage::CheckReport r = impl_->store->check(maxFindings);
    out.elementsChecked = r.elementsChecked;
    out.findingCount = r.findingCount;
    out.findings = std::move(r.findings);
    return out;
}

}  // namespace kgraph
