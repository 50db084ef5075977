// Writing one document's extraction into the store, as one batch: the
// Document node, its entities (found again by label and name, else created),
// MENTIONS from the document, the relations, and evidence for each. A
// document already built from the same content is left alone; one built from
// other content is replaced: its evidence goes, and so does every fact that
// no other document states.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

#include "ingest/extract/extractor.hpp"
#include "storage/store.hpp"
#include "storage/write_batch.hpp"

namespace kgraph::ingest {

struct DocumentFacts {
    std::string key;               // identifies the document across builds
    std::string hash;              // of its content: the same hash, nothing to do
    Value::Map properties;         // of the Document node: title, source, url, published, lang
    std::string_view text;         // what the extraction's offsets point into
    const Extraction* extraction = nullptr;
};

enum class WriteOutcome { ADDED, CHANGED, UNCHANGED };

// What a build remembers of the documents it wrote, so the next ones need not
// read it back: entity nodes by label and name with their aliases, and
// relationships by type and ends with their property keys. It holds only
// while nobody else writes: it forgets all when the store has committed a
// write it was not told of, and what a document added counts only once that
// document is committed.
class BuildMemory {
public:
    struct Entity {
        storage::NodeId node = 0;
        std::set<std::string> aliases;
    };
    struct Relationship {
        storage::RelId rel = 0;
        std::set<std::string> keys;  // its property keys
    };

    // Before a document's writes: forgets all if the store changed behind our back.
    void beginDocument(const storage::Store& store);
    // After the document's batch committed: what it added is remembered.
    // A replaced document may have deleted what was remembered: all is forgotten.
    void committed(const storage::Store& store, WriteOutcome outcome);
    // The document's batch was not committed: what it added is forgotten.
    void abandoned() { pendingEntities_.clear(), pendingRels_.clear(); }

    Entity* entity(const std::string& label, const std::string& name);
    Relationship* relationship(const std::string& type, storage::NodeId start, storage::NodeId end);
    void remember(const std::string& label, const std::string& name, Entity entity);
    void remember(const std::string& type, storage::NodeId start, storage::NodeId end, Relationship rel);

private:
    using EntityKey = std::pair<std::string, std::string>;
    using RelKey = std::tuple<std::string, storage::NodeId, storage::NodeId>;
    void forget();

    uint64_t commits_ = 0;  // the store's count we expect
    std::map<EntityKey, Entity> entities_, pendingEntities_;
    std::map<RelKey, Relationship> rels_, pendingRels_;
};

// Adds the writes for `facts` to `batch` (the caller commits). `store` is the
// committed state the batch starts from. `memory`, when given, stands in for
// reads of what earlier documents of the build wrote.
Result<WriteOutcome> writeDocument(const storage::Store& store, storage::WriteBatch& batch, const DocumentFacts& facts,
                                   BuildMemory* memory = nullptr);

}  // namespace kgraph::ingest
