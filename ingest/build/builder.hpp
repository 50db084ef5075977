// Writing one document's extraction into the store, as one batch: the
// Document node, its entities (found again by label and name, else created),
// MENTIONS from the document, the relations, and evidence for each. A
// document already built from the same content is left alone; one built from
// other content is replaced: its evidence goes, and so does every fact that
// no other document states.
#pragma once

#include <string>
#include <string_view>

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

// Adds the writes for `facts` to `batch` (the caller commits). `store` is the
// committed state the batch starts from.
Result<WriteOutcome> writeDocument(const storage::Store& store, storage::WriteBatch& batch, const DocumentFacts& facts);

}  // namespace kgraph::ingest
