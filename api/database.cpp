#include <kgraph/kgraph.hpp>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <shared_mutex>

#include "api/database_impl.hpp"
#include "graph/export/export.hpp"
#include "graph/graph.hpp"
#include "ingest/csv/csv_import.hpp"
#include "query/engine.hpp"
#include "storage/store.hpp"

namespace kgraph {

const char* version() { return KG_VERSION; }

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

Status validateImportOptions(const ImportOptions& options) {
    for (const auto* specs : {&options.nodes, &options.relationships})
        for (const auto& arg : *specs) KG_RETURN_IF_ERROR(ingest::CsvInputGroup::parse(arg).status());
    return Status::ok();
}

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
    std::unique_lock lock(impl_->graphMutex);
    auto r = ingest::importCsv(*impl_->store, o);
    impl_->graph.reset();  // reloaded from the store on next use
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


Result<ExportSummary> Database::exportGraph(const ExportRequest& request, std::ostream* out) const {
    auto format = graph::parseExportFormat(request.format);
    if (!format) return format.status();
    if (request.path.empty() && *format == graph::ExportFormat::CSV)
        return Status::usage("a CSV export is a directory of files: name it with a path (-o DIR)");
    if (request.path.empty() && !out) return Status::usage("export: nowhere to write to");

    std::shared_lock lock(impl_->graphMutex);
    KG_RETURN_IF_ERROR(impl_->ensureGraph());
    const graph::Graph* g = impl_->graph.get();

    const bool byElements = !request.nodeIds.empty() || !request.relationshipIds.empty();
    if (byElements && (!request.labels.empty() || !request.types.empty() || !request.around.empty()))
        return Status::usage("export: nodes and relationships by id, or a selection by label, type and around, not both");
    graph::SubgraphFilter filter;
    filter.labels = request.labels;
    filter.types = request.types;
    filter.around = request.around;
    filter.depth = request.depth;
    auto sub = byElements ? Result<graph::Subgraph>(graph::selectElements(*g, request.nodeIds, request.relationshipIds))
                          : graph::selectSubgraph(*g, filter);
    if (!sub) return sub.status();

    graph::ExportOptions options;
    options.format = *format;
    options.clusterByLabel = request.clusterByLabel;
    if (!request.iriBase.empty()) options.iriBase = request.iriBase;
    Status status = request.path.empty() ? graph::writeExport(*g, *sub, options, *out)
                                         : graph::exportToPath(*g, *sub, options, request.path);
    if (!status) return status;
    return ExportSummary{sub->vertices.size(), sub->edges.size()};
}

Result<QueryResult> Database::Impl::runStatement(const query::ast::Statement& statement, const QueryOptions& options,
                                                 QueryError* error) {
    // The lock first: an import may drop the graph until it holds none.
    if (query::writes(statement)) {
        std::unique_lock lock(graphMutex);
        KG_RETURN_IF_ERROR(ensureGraph());
        return query::run(*graph, graphStore(), readOnly(), statement, options, error);
    }
    std::shared_lock lock(graphMutex);
    KG_RETURN_IF_ERROR(ensureGraph());
    return query::run(*graph, graphStore(), true, statement, options, error);
}

Result<QueryResult> Database::query(std::string_view text, const QueryOptions& options, QueryError* error) {
    auto statement = query::parseStatement(text, error);
    if (!statement) return statement.status();
    return impl_->runStatement(*statement, options, error);
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
