// The knowledge builder behind the public API: kgraph::Extractor and
// Database::build (docs/rules.md).
#include <kgraph/kgraph.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "api/database_impl.hpp"
#include "ingest/builder/builder.hpp"
#include "ingest/extract/extractor.hpp"
#include "ingest/facts/jsonl_facts.hpp"
#include "ingest/text/document.hpp"

namespace kgraph {

namespace {

namespace fs = std::filesystem;

// The rules asked for: a file, or the ones kgraph ships.
Result<std::shared_ptr<const ingest::Rules>> rulesFor(const std::string& path) {
    if (path.empty()) return std::shared_ptr<const ingest::Rules>(&ingest::defaultRules(), [](const ingest::Rules*) {});
    auto r = ingest::loadRules(path);
    if (!r) return r.status();
    return std::shared_ptr<const ingest::Rules>(std::make_shared<ingest::Rules>(std::move(*r)));
}

ExtractedDocument toPublic(const ingest::Extraction& x) {
    ExtractedDocument d;
    d.doc = x.doc;
    d.lang = std::string(ingest::langCode(x.lang));
    for (const auto& e : x.entities) d.entities.push_back({e.entity.label, e.entity.name, e.entity.aliases});
    for (const auto& r : x.relations)
        d.relations.push_back({r.relation.type, r.relation.subject, r.relation.object, r.relation.properties});
    return d;
}

ingest::Extraction extractDocument(const ingest::Extractor& extractor, const ingest::Document& doc) {
    return extractor.extract({doc.key, doc.text, doc.lang, doc.published});
}

std::string extensionOf(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

bool isArticle(const fs::path& p) {
    std::string ext = extensionOf(p);
    return ext == ".txt" || ext == ".md" || ext == ".markdown";
}

bool isFacts(const fs::path& p) { return extensionOf(p) == ".jsonl"; }

}  // namespace

struct Extractor::Impl {
    std::shared_ptr<const ingest::Rules> rules;
    std::unique_ptr<ingest::Extractor> extractor;
};

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::open(const ExtractOptions& options) {
    auto rules = rulesFor(options.rulesPath);
    if (!rules) return rules.status();
    auto impl = std::make_unique<Impl>();
    impl->rules = std::move(*rules);
    impl->extractor = std::make_unique<ingest::Extractor>(*impl->rules);
    return std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
}

Result<ExtractedDocument> Extractor::extractFile(const std::string& path) const {
    auto doc = ingest::readDocument(path);
    if (!doc) return doc.status();
    return toPublic(extractDocument(*impl_->extractor, *doc));
}

Result<ExtractedDocument> Extractor::extractText(const std::string& key, std::string_view text) const {
    auto doc = ingest::parseDocument(key, std::string(text));
    if (!doc) return doc.status();
    return toPublic(extractDocument(*impl_->extractor, *doc));
}

namespace {

// One file made ready for writing, on the reader thread: read, parsed and
// extracted. Owns what the writer's DocumentFacts point into.
struct PreparedFile {
    std::string path;
    std::string error;                      // the file failed as a whole
    std::optional<ingest::Document> article;
    std::string hash;                       // the article's content hash
    ingest::Extraction extraction;          // of the article
    std::optional<ingest::FactsFile> facts;  // JSONL facts
};

PreparedFile prepare(const ingest::Extractor& extractor, const fs::path& file) {
    PreparedFile p;
    p.path = file.string();
    if (isFacts(file)) {
        auto facts = ingest::readFacts(file);
        if (facts) p.facts = std::move(*facts);
        else p.error = facts.status().message();
    } else if (!isArticle(file)) {
        p.error = "not an article (.txt, .md) or JSONL facts (.jsonl)";
    } else if (auto doc = ingest::readDocument(file); !doc) {
        p.error = doc.status().message();
    } else {
        p.extraction = extractDocument(extractor, *doc);
        p.hash = doc->contentHash();
        p.article = std::move(*doc);
    }
    return p;
}

// The files in order, prepared on a thread of their own while the caller
// writes the ones before: extraction and the store's writes then overlap
// on two cores. At most kAhead files wait, so memory stays bounded.
class FileReader {
public:
    FileReader(const ingest::Extractor& extractor, const std::vector<fs::path>& files)
        : thread_([this, &extractor, &files] { run(extractor, files); }) {}
    ~FileReader() {
        {
            std::lock_guard lock(mutex_);
            stopped_ = true;
        }
        changed_.notify_all();
        thread_.join();
    }
    FileReader(const FileReader&) = delete;
    FileReader& operator=(const FileReader&) = delete;

    // The next file's preparation, in the order of `files`.
    PreparedFile next() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty(); });
        PreparedFile p = std::move(ready_.front());
        ready_.pop_front();
        changed_.notify_all();
        return p;
    }

private:
    static constexpr size_t kAhead = 32;

    void run(const ingest::Extractor& extractor, const std::vector<fs::path>& files) {
        for (const auto& file : files) {
            PreparedFile p = prepare(extractor, file);
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stopped_ || ready_.size() < kAhead; });
            if (stopped_) return;
            ready_.push_back(std::move(p));
            changed_.notify_all();
        }
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<PreparedFile> ready_;
    bool stopped_ = false;
    std::thread thread_;  // last: starts once the rest is ready
};

}  // namespace

Result<BuildSummary> Database::build(const std::vector<std::string>& paths, const BuildOptions& options) {
    if (!impl_->store || impl_->store->readOnly())
        return Status::invalidInput("cannot build: the database is open read-only");
    auto rules = rulesFor(options.rulesPath);
    if (!rules) return rules.status();
    const ingest::Extractor extractor(**rules);

    // Every file first, so a missing path fails before anything is written.
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<fs::path> found;
            for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file(ec) && (isArticle(it->path()) || isFacts(it->path()))) found.push_back(it->path());
            if (ec) return Status::ioError(p + ": " + ec.message());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(p, ec)) {
            files.emplace_back(p);
        } else {
            return Status::notFound(p + ": no such file or directory");
        }
    }

    BuildSummary summary;
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    ingest::BuildMemory memory;
    // One document, one batch: it is all in the store, or none of it.
    auto write = [&](BuildFileResult& result, const ingest::DocumentFacts& facts) -> Status {
        result.entities = facts.extraction->entities.size();
        result.relations = facts.extraction->relations.size();
        std::unique_lock lock(impl_->graphMutex);
        storage::WriteBatch batch = impl_->store->beginWrite();
        memory.beginDocument(*impl_->store);  // the batch holds the store: nobody writes till it ends
        auto outcome = ingest::writeDocument(*impl_->store, batch, facts, &memory);
        Status committed = !outcome ? outcome.status()
                           : *outcome == ingest::WriteOutcome::UNCHANGED ? Status::ok()
                           : impl_->graph ? impl_->graph->commit(batch)
                                          : batch.commit();
        if (committed.isOk()) memory.committed(*impl_->store, *outcome);
        else memory.abandoned();
        if (!committed.isOk()) {
            if (committed.code() != StatusCode::INVALID_INPUT) return committed;  // the store failed: stop
            result.outcome = BuildFileResult::Outcome::FAILED;
            result.message = committed.message();
            ++summary.failed;
            return Status::ok();
        }
        switch (*outcome) {
            case ingest::WriteOutcome::ADDED: result.outcome = BuildFileResult::Outcome::ADDED, ++summary.added; break;
            case ingest::WriteOutcome::CHANGED: result.outcome = BuildFileResult::Outcome::CHANGED, ++summary.changed; break;
            case ingest::WriteOutcome::UNCHANGED: result.outcome = BuildFileResult::Outcome::UNCHANGED, ++summary.unchanged; break;
        }
        return Status::ok();
    };
    auto failed = [&](std::string path, const std::string& message) {
        BuildFileResult result;
        result.path = std::move(path);
        result.outcome = BuildFileResult::Outcome::FAILED;
        result.message = message;
        ++summary.failed;
        summary.files.push_back(std::move(result));
    };
    FileReader reader(extractor, files);
    for (size_t i = 0; i < files.size(); ++i) {
        PreparedFile file = reader.next();
        const std::string& path = file.path;
        if (!file.error.empty()) {
            failed(path, file.error);
        } else if (file.facts) {
            // JSONL facts: each source document is a document of its own.
            for (const auto& e : file.facts->errors) failed(path + ":" + e.substr(0, e.find(':')), e.substr(e.find(':') + 2));
            for (auto& doc : file.facts->documents) {
                if (!doc.error.empty()) {
                    failed(path + ":" + doc.error.substr(0, doc.error.find(':')),
                           fmt::format("{} (document {} is not built)", doc.error.substr(doc.error.find(':') + 2), doc.key));
                    continue;
                }
                BuildFileResult result;
                result.path = fmt::format("{} (document {})", path, doc.key);
                ingest::DocumentFacts f;
                f.key = doc.key;
                f.hash = doc.hash;
                f.properties = doc.properties;
                f.extraction = &doc.extraction;
                KG_RETURN_IF_ERROR(write(result, f));
                summary.files.push_back(std::move(result));
            }
        } else {
            const ingest::Document& doc = *file.article;
            const ingest::Extraction& x = file.extraction;
            summary.bytes += doc.bytes.size();
            ingest::DocumentFacts facts;
            facts.key = doc.key;
            facts.hash = file.hash;
            for (auto [key, value] : {std::pair{"title", &doc.title}, {"source", &doc.source}, {"url", &doc.url},
                                      {"published", &doc.published}})
                if (!value->empty()) facts.properties[key] = Value(*value);
            facts.properties["lang"] = Value(std::string(ingest::langCode(x.lang)));
            if (doc.published.empty() && !x.published.empty()) facts.properties["published"] = Value(x.published);
            facts.text = doc.text;
            facts.extraction = &x;
            BuildFileResult result;
            result.path = path;
            KG_RETURN_IF_ERROR(write(result, facts));
            summary.files.push_back(std::move(result));
        }
        if (options.progress) options.progress({i + 1, files.size(), summary.bytes, seconds()});
    }
    summary.seconds = seconds();
    return summary;
}

}  // namespace kgraph
