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
    bool symmetric = false;               // A-B is B-A: stated once, the first order kept (PARTNERS_WITH)
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
    // Adjectives that point at the entity without naming it ("chinesisch*",
    // "Münchner", "French"): never an alias, and the entity is listed only
    // when a relation uses one (docs/gold.md, "Demonyms").
    std::vector<std::string> demonyms;
    // A bare head ("Exportkontrollen") names this entry only in a sentence
    // that also names one of its issuers (canonical names of other entries):
    // "die USA ... mit Exportkontrollen" are the US export controls.
    std::vector<std::string> heads, issuers;
    std::vector<ImpliedRelation> implies;
    // A capital used for its government ("Peking fördert", "Tokyo's export
    // controls", "Brussels tightened"): the canonical name of the entry the
    // city then stands for (docs/gold.md, "Governments and capitals").
    std::string capitalOf;
};

// An acronym for several entities ("BAT": Baidu, Alibaba, Tencent).
struct Group {
    std::string alias;
    std::vector<std::string> members;  // canonical names of gazetteer entries
};

// Finds an entity the gazetteer does not know, by what surrounds it:
// capitalised words before a legal-form suffix ("Hithink RoyalFlush
// Information Network Co."), after a cue ("der Finanzdienstleister X",
// "CEO Jane Doe", "platform X"), before a cue ("the Kiri photoresist"), or
// in quotes after a cue; or a policy by its head and its issuer
// („japanische Exportkontrollen“, "Taiwan's export controls", „die
// Exportbeschränkungen Südkoreas“ -> "Taiwanese export controls", which the
// issuer IMPOSES).
struct Recognizer {
    enum class Kind { SUFFIX, CUE, POLICY };
    // Which words a name may hold: capitalised words (NAME); also a
    // hyphenated given name and particles ("Choi Jae-won", PERSON); also
    // numbers and model codes ("HX-910", "Vela 2", "Kestrel K5", PRODUCT).
    enum class Shape { NAME, PERSON, PRODUCT };
    std::string id;
    std::string label;
    Kind kind = Kind::CUE;
    Shape shape = Shape::NAME;
    bool before = false;             // CUE: the name stands right before the cue
    bool keepSuffix = false;         // SUFFIX: the suffix is part of the canonical name ("Harbourline Securities")
    bool overPlaces = false;         // SUFFIX: a listed city or country right before the suffix is part of the name ("Kyoto University")
    // CUE with before: if > 0, the name is one word, neither the sentence's first nor right after another
    // name word, a demonym follows the cue, and a description word (a cue, a role, an anaphor's head) stands
    // within this many words after it ("Galdris, a Belgian gallium recycler"; not "said Anna Weber, a German economist").
    int described = 0;
    bool dateline = false;  // CUE with before: only a name that opens the body's first sentence ("Wetzlar – Der ...")
    // SUFFIX: the suffix names something only right after a known name of the label, with which it names a unit of
    // its own, suffix kept ("Sorano Europe" with Sorano known); elsewhere it names nothing ("Southeast Asia").
    bool afterKnown = false;
    std::optional<Lang> lang;       // nullopt: both languages
    std::vector<std::string> words;  // suffixes or cue phrases; "{role}" stands for every role word
    int maxWords = 4;                // the longest name taken
    // POLICY: each head form and its English canonical head ("Exportkontrollen",
    // "export controls"); `words` holds the forms.
    std::vector<std::pair<std::string, std::string>> heads;
    // POLICY: each issuer (a gazetteer entry's canonical name) and the English
    // adjective that names its policies ("Japan", "Japanese").
    std::vector<std::pair<std::string, std::string>> issuers;
    // POLICY: words between the head and an issuer after it ("der", "of", "imposed by").
    std::vector<std::string> links;
    // POLICY: possessives before a head that stand for the issuer its clause named last, with no
    // comma between ("the Netherlands tightens its export controls").
    std::vector<std::string> possessives;
    std::string issuerRelation = "IMPOSES";  // POLICY: the issuer -> policy relation; empty: none
    // POLICY: the entity -> issuer relation ("LOCATED_IN": "Taiwan's Ministry of Economic Affairs" is in
    // Taiwan), for an issuer whose label the relation takes; empty: none.
    std::string toIssuer;
};

// A relation stated in one sentence. Either a trigger word with a subject
// and an object of the right labels near it, or a sequence of words and
// slots that must stand in that order ("{subject} mit Sitz in {object}").
struct Pattern {
    enum class Order { ANY, SUBJECT_FIRST, OBJECT_FIRST };
    // Where an end the sentence does not name comes from: the document's
    // most mentioned entity of the end's labels (FOCUS), the one named
    // last before this sentence (RECENT), or the first one named earlier in
    // this sentence, else RECENT (PREVIOUS: "Voland will put €90 million into
    // Voland Software GmbH, a new subsidiary" is Voland's subsidiary), or
    // the entity whose name begins the other end's name, else PREVIOUS
    // (PREFIX: "Hanbit Packaging, die Tochter aus Cheongju" is Hanbit's).
    enum class Fallback { NONE, FOCUS, RECENT, PREVIOUS, PREFIX, BEFORE };
    std::string id;
    std::string type;
    std::optional<Lang> lang;
    std::vector<std::string> triggers;  // words; a trailing * matches any ending, a leading * any beginning
    std::vector<std::string> sequence;  // elements: words, "{subject}", "{object}", "{role}", "{cue}", "..N", "~N"
    std::vector<std::string> subjectLabels, objectLabels;  // default: the ontology's ends
    Order order = Order::ANY;
    int window = 12;                      // tokens from the trigger to each argument
    std::vector<std::string> negations;  // words that cancel the relation between its ends and the trigger
    std::vector<std::string> hedges;     // words that cancel it anywhere before it in the sentence
    std::vector<std::string> companions;  // words the sentence must hold too ("zusammen" for "arbeitet ... zusammen")
    // Words that introduce the object ("in", "an", "into"): when given, an
    // object stands after one of them, with at most five modifiers between
    // ("in die Entwicklung seiner Plattform Aquila"); "Investitionen von
    // Alibaba" names no object.
    std::vector<std::string> objectMarkers;
    std::optional<std::string> object;   // a fixed object (canonical name), e.g. "AI" for "KI-Investitionen"
    bool demonyms = false;    // ends may be demonyms ("der Münchner Anlagenbauer X")
    bool allObjects = false;  // every object on the object side, not only the nearest
    Fallback fallbackSubject = Fallback::NONE, fallbackObject = Fallback::NONE;
    // Whether an end stands for the ends listed with it ("Baidu, Alibaba und
    // Tencent"): by default for trigger patterns, not for sequences, whose
    // appositions and attributes belong to one name ("the Shanghai chipmaker X and Y").
    std::optional<bool> coordinate;
    // A relationship type: an object that is its subject toward this
    // relation's subject is left out (a policy does not target its issuer).
    std::optional<std::string> exceptInverse;
    // The subject and the object may not be names of one list („will den
    // Chipkonzern A sowie B beliefern“: both are the verb's objects).
    bool endsApart = false;
};

// A phrase that refers back to an entity named before it.
struct Anaphor {
    // DESCRIPTION: "das Unternehmen", "the Santa Clara-based company"; the
    // most recent entity of the label, preferring one the text described
    // with the same head ("the startup Corvex"). PRONOUN: "it", "es"; the
    // sentence's subject, else the last sentence's. POSSESSIVE: "its",
    // "seiner", "dessen"; the nearest company before it, else as PRONOUN.
    // RELATIVE: "der", "which" right after "Name,": that name.
    enum class Kind { DESCRIPTION, PRONOUN, POSSESSIVE, RELATIVE };
    Kind kind = Kind::DESCRIPTION;
    std::string label = "Company";
    std::vector<std::string> phrases;      // exact phrases; PRONOUN and POSSESSIVE words
    std::vector<std::string> heads;        // DESCRIPTION: a head noun after one of `determiners`
    std::vector<std::string> determiners;  // with up to four modifiers between ("Das 2022 gegründete Unternehmen")
    std::optional<std::string> prefer;     // a relationship type: prefer the entities that are its subject
    std::optional<std::string> preferObject;  // ... or its object ("der Mutterkonzern": a parent of SUBSIDIARY_OF)
    bool relative = false;                 // POSSESSIVE: refers to the name before its comma ("X, dessen Chip")
    bool quoted = false;                   // PRONOUN, POSSESSIVE: only inside a quotation, for the quoted speaker's company ("we", "our")
    int count = 1;                         // DESCRIPTION: how many it stands for ("the two Chinese chipmakers": the last two named)
    bool generic = false;                  // DESCRIPTION: heads any company fits ("der Konzern", "the company"): the most recent, not one described alike
    std::vector<std::string> verbs;        // PRONOUN: counts only right before one of these ("it bars", "sie gelten")
    // DESCRIPTION, German only: a capitalised demonym used as a noun right after one of `determiners` („die Jenaer
    // beliefern“, „von den Koreanern“) describes an entity of the label, the one the text placed there if any.
    bool demonyms = false;
};

// A role word and the English role WORKS_FOR records ("Vorstandschef" -> "CEO").
struct Role {
    std::string name;
    std::vector<std::string> words;
};

// How a relation's period is read beyond what the quantity reader finds.
struct PeriodRules {
    struct Anaphoric {
        std::vector<std::string> phrases;  // "im selben Zeitraum", "in the same quarter"
        std::string unit;                  // the last period of this kind: year, half, quarter, month, day, span (any but a day)
    };
    std::vector<Anaphoric> anaphoric;
    std::vector<std::string> current;      // the publication year: "current fiscal year"
    std::vector<std::string> fiscalStart;  // a date right after these names its year only: "the fiscal year starting April 1, 2027"
    std::vector<std::string> spans;        // several years, so no period: "in den kommenden drei Jahren"
    std::vector<std::string> reporting;    // a day next to these is when it was said, not a period
    bool bareYears = false;                // a year standing alone ("investiert es 2025") is a period
    std::vector<std::string> notBareYear;  // ... unless after these ("seit 2020")
};

struct Rules {
    std::vector<std::string> labels;
    std::vector<RelationSpec> relations;
    std::vector<GazetteerEntry> entities;
    std::vector<Group> groups;
    std::vector<Recognizer> recognizers;
    std::vector<Pattern> patterns;
    std::vector<Anaphor> anaphora;
    std::vector<Role> roles;
    // Capitalised words that never start a recognised name (sentence-initial
    // articles and the like: "Die Lumora AG" is "Lumora").
    std::vector<std::string> stopwords;
    // Endings of German common nouns ("-ität", "-ung"): a capitalised word
    // with one is no name word ("dem Start-up Rechenkapazität").
    std::vector<std::string> nounEndings;
    // Phrases that are never mentions although they hold a name ("US-Dollar", "NT$").
    std::vector<std::string> ignore;
    std::vector<std::string> titles;         // skipped before a person's name: "Dr."
    std::vector<std::string> descriptors;    // dropped from the end of a recognised name: "Technologies"
    std::vector<std::string> functionWords;  // what a "~N" gap of a sequence does not cross
    std::vector<std::string> appositions;    // words that open an apposition after a name: ", the", ", die"
    PeriodRules periods;

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
