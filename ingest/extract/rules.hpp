// The knowledge builder's rules (docs/rules.md): the ontology, a gazetteer of
// known entities, recognisers for entities it does not know, and relation
// patterns — data that users extend without recompiling. The default rules
// (ingest/extract/default_rules.json) are compiled in.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kgraph/status.hpp>

#include "ingest/language.hpp"

namespace kgraph::ingest {

// A relationship type and the labels its ends usually carry.
struct RelationSpec {
    std::string type;
    std::vector<std::string> from, to;
    std::vector<std::string> properties;  // the quantities a pattern may attach
};

// A relation a name states by itself: "US export controls" are imposed by
// the United States, "Alibaba Cloud" belongs to Alibaba.
struct ImpliedRelation {
    std::string type;
    std::string other;          // canonical name of another gazetteer entity
    bool otherIsSubject = false;  // "from": other -> this; "to": this -> other
};

// A known entity: how the text may name it.
struct GazetteerEntry {
    std::string label;
    std::string name;                  // canonical, English
    std::vector<std::string> aliases;  // surface forms; a trailing * matches any word ending
    std::vector<ImpliedRelation> implies;
};

// An acronym for several entities ("BAT": Baidu, Alibaba, Tencent).
struct Group {
    std::string alias;
    std::vector<std::string> members;  // canonical names of gazetteer entries
};

// Finds an entity the gazetteer does not know, by what surrounds it:
// capitalised words before a legal-form suffix ("Hithink RoyalFlush
// Information Network Co."), after a cue ("der Finanzdienstleister X",
// "CEO Jane Doe", "platform X"), or in quotes after a cue.
struct Recognizer {
    enum class Kind { SUFFIX, CUE };
    std::string id;
    std::string label;
    Kind kind = Kind::CUE;
    std::optional<Lang> lang;       // nullopt: both languages
    std::vector<std::string> words;  // suffixes or cue phrases
    int maxWords = 4;                // the longest name taken
};

// A relation stated in one sentence: a trigger word with a subject and an
// object of the right labels near it, no negation between them.
struct Pattern {
    enum class Order { ANY, SUBJECT_FIRST, OBJECT_FIRST };
    std::string id;
    std::string type;
    std::optional<Lang> lang;
    std::vector<std::string> triggers;  // words; a trailing * matches any ending
    std::vector<std::string> subjectLabels, objectLabels;  // default: the ontology's ends
    Order order = Order::ANY;
    int window = 12;                      // tokens from the trigger to each argument
    std::vector<std::string> negations;  // words that cancel the relation when near the trigger
    std::optional<std::string> object;   // a fixed object (canonical name), e.g. "AI" for "KI-Investitionen"
};

struct Rules {
    std::vector<std::string> labels;
    std::vector<RelationSpec> relations;
    std::vector<GazetteerEntry> entities;
    std::vector<Group> groups;
    std::vector<Recognizer> recognizers;
    std::vector<Pattern> patterns;
    // Phrases that refer back to the last company named ("das Unternehmen", "the company").
    std::vector<std::string> anaphora;
    // Capitalised words that never start a recognised name (sentence-initial
    // articles and the like: "Die Lumora AG" is "Lumora").
    std::vector<std::string> stopwords;

    const RelationSpec* relation(std::string_view type) const;
    const GazetteerEntry* entity(std::string_view name) const;
    bool hasLabel(std::string_view label) const;
};

// Reads rules from JSON text (comments allowed). `origin` names the source in
// errors: "rules.json:3:14: ..." for syntax, "rules.json: /patterns/2/type: ..." for meaning.
Result<Rules> parseRules(std::string_view text, std::string_view origin);
Result<Rules> loadRules(const std::filesystem::path& path);
// The rules shipped with kgraph.
const Rules& defaultRules();

}  // namespace kgraph::ingest
