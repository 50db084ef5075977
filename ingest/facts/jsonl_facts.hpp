// JSONL facts (docs/facts.md): what an external extractor, a language model
// say, emits, one JSON object a line: a relation
//   {"subject": {"label", "name"}, "predicate": "TYPE", "object": {...}, "properties": {...}, "source": {...}}
// or an entity alone
//   {"entity": {"label", "name", "aliases", "properties"}, "source": {...}}.
// `source` ({"doc", "title", "url", "published", "sentence", "start", "end",
// "rule"}) is optional; without it the file is the document. The lines of one
// source.doc form one document, written and replaced as a whole.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

#include "ingest/extract/extractor.hpp"

namespace kgraph::ingest {

struct FactsDocument {
    std::string key;
    Value::Map properties;  // of the Document node: title, url, published (from the first line that gives them)
    std::string hash;       // of the document's lines
    Extraction extraction;  // evidence with explicit sentences and character offsets
    std::string error;      // non-empty: a line of this document is bad, so none of it is built
};

struct FactsFile {
    std::vector<FactsDocument> documents;  // in order of first appearance
    // Lines that belong to no document because they are not even JSON: "LINE: reason".
    std::vector<std::string> errors;
};

// Reads a JSONL facts file. Fails only when the file cannot be read or is not
// UTF-8 text; a bad line marks its document (or, when it cannot be parsed,
// the file's errors).
Result<FactsFile> readFacts(const std::filesystem::path& path);

}  // namespace kgraph::ingest
