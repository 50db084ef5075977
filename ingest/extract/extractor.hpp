// Extraction: one document's text to entities and relations, each with the
// evidence that states it (the sentence, the span, the rule). Per sentence:
// words, gazetteer matches (longest first), recognisers for unknown names,
// references back ("das Unternehmen"), quantities, then relation patterns.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/annotations.hpp"
#include "ingest/extract/rules.hpp"
#include "ingest/language.hpp"

namespace kgraph::ingest {

// Where a fact is stated: byte offsets into the text given to extract().
struct Evidence {
    uint32_t sentenceBegin = 0, sentenceEnd = 0;
    uint32_t begin = 0, end = 0;  // the words that state it
    std::string rule;             // "gazetteer", a recogniser's or pattern's id
    // Evidence that comes with its sentence (JSONL facts): `sentence` holds
    // it, and begin/end are already character offsets in the document.
    bool given = false;
    std::string sentence;
};

struct ExtractedEntity {
    EntityAnnotation entity;
    std::vector<Evidence> evidence;
};

struct ExtractedRelation {
    RelationAnnotation relation;
    std::vector<Evidence> evidence;
};

struct Extraction {
    std::string doc;
    Lang lang = Lang::UNKNOWN;
    // The publication date relative periods were resolved against: the
    // input's, else a dateline near the top ("28.08.2024"), else "".
    std::string published;
    std::vector<ExtractedEntity> entities;
    std::vector<ExtractedRelation> relations;

    DocumentAnnotations annotations() const;
};

struct DocumentInput {
    std::string_view key;        // the document's key (file name stem)
    std::string_view text;       // the body, UTF-8
    Lang lang = Lang::UNKNOWN;   // detected when UNKNOWN
    std::string_view published;  // "YYYY-MM-DD" or "": resolves relative periods
};

class Extractor {
public:
    explicit Extractor(const Rules& rules);
    ~Extractor();
    Extractor(const Extractor&) = delete;
    Extractor& operator=(const Extractor&) = delete;

    Extraction extract(const DocumentInput& input) const;

    // The rules made ready for matching (extractor.cpp).
    struct Compiled;

private:
    std::unique_ptr<Compiled> compiled_;
};

}  // namespace kgraph::ingest
