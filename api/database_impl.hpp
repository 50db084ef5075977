// Database::Impl, shared by the files of api/ that implement Database.
#pragma once

#include <kgraph/kgraph.hpp>

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "graph/graph.hpp"
#include "query/ast.hpp"
#include "storage/store.hpp"

namespace kgraph {

namespace api {

// A directory of our own under the system's temporary directory, removed with this object.
class ScratchDir {
public:
    ScratchDir() {
        std::error_code ec;
        std::string pattern = (std::filesystem::temp_directory_path(ec) / "kg-empty-XXXXXX").string();
        if (::mkdtemp(pattern.data())) path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace api

struct Database::Impl {
    std::string path;
    // Null when a read-only open found no database: it reads as empty.
    std::unique_ptr<storage::Store> store;

    // The in-memory graph queries and exports run on, loaded on first use and
    // kept equal to the store by the statements that write. Statements that
    // read share it; a statement that writes holds it alone.
    std::mutex loadMutex;
    std::shared_mutex graphMutex;
    std::unique_ptr<graph::Graph> graph;
    // What the graph hangs from when there is no database: an empty store.
    std::unique_ptr<api::ScratchDir> scratch;
    std::unique_ptr<storage::Store> emptyStore;

    storage::Store& graphStore() { return store ? *store : *emptyStore; }
    bool readOnly() const { return !store || store->readOnly(); }

    // Runs one statement on its own: it takes the graph shared to read, or
    // alone to write, and commits its writes at its end.
    Result<QueryResult> runStatement(const query::ast::Statement& statement, const QueryOptions& options,
                                     QueryError* error);

    Status ensureGraph() {
        std::lock_guard lock(loadMutex);
        if (graph) return Status::ok();
        if (!store && !emptyStore) {
            scratch = std::make_unique<api::ScratchDir>();
            if (scratch->path().empty()) return Status::ioError("cannot create a temporary directory");
            auto s = storage::Store::open(scratch->path());
            if (!s) return s.status();
            emptyStore = std::move(*s);
        }
        auto g = graph::Graph::load(graphStore());
        if (!g) return g.status();
        graph = std::move(*g);
        return Status::ok();
    }
};

}  // namespace kgraph
