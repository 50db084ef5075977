#include "ingest/extract/extractor.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <ranges>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/text.hpp"
#include "ingest/extract/phrase_index.hpp"
#include "ingest/normalize/quantity.hpp"
#include "ingest/normalize/text_scan.hpp"
#include "ingest/text/detect_language.hpp"
#include "ingest/text/segment.hpp"

namespace kgraph::ingest {

namespace {

// Words are compared with literals as views: the length first, then the bytes inline, where
// std::string == const char* measured each literal with strlen and called memcmp.
using namespace std::string_view_literals;

constexpr size_t kNone = SIZE_MAX;
constexpr char kSeparator = '\x1f';  // between the folded words of a key
// Modifiers a description may hold between its determiner and its head:
// "Das 2022 gegründete Unternehmen", "the Santa Clara-based company".
constexpr size_t kMaxModifiers = 5;

// A word of a sentence, folded for matching.
struct Word {
    uint32_t begin = 0, end = 0;  // bytes in the document text
    std::string folded;
    size_t hash = 0;  // PhraseIndex::hashOf(folded)
    bool capitalised = false;
    TokenKind kind = TokenKind::WORD;
};

// Bytes of a word, four or eight at a time (SWAR): a block of ASCII with no white space and no
// control byte below 0x0E folds by lower-casing A-Z alone, without a branch per byte.
template <typename Block>
bool plainBlock(Block v) {
    constexpr auto ones = static_cast<Block>(0x0101010101010101ull), high = ones * 0x80;
    const Block spaces = v ^ (ones * 0x20);
    const Block below = (v - ones * 0x0E) & ~v & high;        // a byte < 0x0E
    const Block space = (spaces - ones) & ~spaces & high;     // a byte == 0x20
    return ((v & high) | below | space) == 0;
}
template <typename Block>
Block lowerBlock(Block v) {  // every byte < 0x80
    constexpr auto ones = static_cast<Block>(0x0101010101010101ull), high = ones * 0x80;
    return v | (((v + ones * (0x80 - 'A')) & ~(v + ones * (0x80 - 'Z' - 1)) & high) >> 2);
}
// Folds surface into out (sized alike) when every block is plain; false leaves out to be redone.
template <typename Block>
bool foldBlocks(std::string_view surface, char* out) {
    const size_t n = surface.size();
    for (size_t k = 0; k < n; k += sizeof(Block)) {
        const size_t at = std::min(k, n - sizeof(Block));  // the last block overlaps the one before
        Block v;
        std::memcpy(&v, surface.data() + at, sizeof v);
        if (!plainBlock(v)) return false;
        v = lowerBlock(v);
        std::memcpy(out + at, &v, sizeof v);
    }
    return true;
}

// normalizeName(surface), as cheaply as the word (or name) allows: every word
// of every article is folded. An ASCII word without white space folds to its
// lower case (what normalizeName's own ASCII path gives); anything else goes
// to ICU's NFKC case folding once per thread, then comes from a cache: the
// same "für", "Übernahme", "–" recur in every German article.
void foldWord(std::string_view surface, std::string& out) {
    out.resize(surface.size());
    if (surface.size() >= 8 ? foldBlocks<uint64_t>(surface, out.data())
                            : surface.size() >= 4 && foldBlocks<uint32_t>(surface, out.data()))
        return;
    size_t k = 0;
    for (; k < surface.size(); ++k) {
        const char c = surface[k];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || c == ' ' || (u >= '\t' && u <= '\r')) break;
        out[k] = static_cast<char>(c + ('a' - 'A') * (static_cast<unsigned char>(c - 'A') < 26));  // no branch: case is data
    }
    if (k == surface.size()) return;
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    // Bounded: a long run over many languages must not grow it without end.
    constexpr size_t kMaxCached = 1 << 16;
    thread_local std::unordered_map<std::string, std::string, Hash, std::equal_to<>> folded;
    if (auto it = folded.find(surface); it != folded.end()) {
        out = it->second;
        return;
    }
    if (folded.size() >= kMaxCached) folded.clear();
    out = folded.emplace(std::string(surface), normalizeName(surface)).first->second;
}

// Makes `w` the word text[begin, end); its folded string keeps its memory.
void makeWord(std::string_view text, size_t begin, size_t end, TokenKind kind, Word& w) {
    w.begin = static_cast<uint32_t>(begin);
    w.end = static_cast<uint32_t>(end);
    w.kind = kind;
    std::string_view surface = text.substr(begin, end - begin);
    foldWord(surface, w.folded);
    w.hash = PhraseIndex::hashOf(w.folded);
    if (!surface.empty() && static_cast<unsigned char>(surface.front()) < 0x80) {
        // ASCII: only A-Z are upper case, and none is title case.
        w.capitalised = surface.front() >= 'A' && surface.front() <= 'Z';
        return;
    }
    UChar32 c = 0;
    int32_t i = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(surface.data()), i, static_cast<int32_t>(surface.size()), c);
    w.capitalised = c > 0 && (u_isupper(c) || u_istitle(c));
}

// A set of folded words, looked up by the hash every word of a sentence carries (Word::hash): one
// probe of a flat table, where a std::unordered_set hashed the word again and chased a node.
class WordSet {
public:
    WordSet() = default;
    WordSet(std::initializer_list<std::string_view> words) {
        for (std::string_view w : words) insert(std::string(w));
    }
    void insert(std::string word) {
        const size_t hash = PhraseIndex::hashOf(word);
        if (contains(word, hash)) return;
        slots_.insert(hash, static_cast<uint32_t>(words_.size()));
        words_.push_back(std::move(word));
    }
    bool contains(const Word& w) const { return contains(w.folded, w.hash); }
    bool contains(std::string_view word, size_t hash) const {
        return slots_.find(hash, [&](uint32_t i) { return words_[i] == word; }) != HashSlots::kNone;
    }

private:
    HashSlots slots_;
    std::vector<std::string> words_;
};

// The bytes of an English possessive ending ("'s", "’s") of a word, else 0.
// Asked of every word: its last byte settles most.
size_t possessiveBytes(std::string_view w) {
    const size_t n = w.size();
    if (n < 4 || w[n - 1] != 's') return 0;  // a name of two letters at least before the ending
    if (w[n - 2] == '\'') return 2;
    return n >= 6 && w.substr(n - 4, 3) == "\u2019"sv ? 4 : 0;
}

// The words of text[begin, end), offsets in the whole text, into `out`.
// "Stratavolt's" is two words, the name and "'s": the name matches the
// gazetteer, and patterns can ask for the possessive ("{subject} 's {object}").
// `out` is overwritten in place, not emptied: its words' strings keep their
// memory from sentence to sentence.
void tokenize(std::string_view text, size_t begin, size_t end, std::vector<Word>& out) {
    thread_local std::vector<Token> tokens;
    words(text.substr(begin, end - begin), begin, tokens);
    size_t n = 0;
    auto next = [&]() -> Word& {
        if (n == out.size()) out.emplace_back();
        return out[n++];
    };
    for (const Token& t : tokens) {
        size_t cut = t.kind == TokenKind::WORD ? possessiveBytes(t.span.of(text)) : 0;
        makeWord(text, t.span.begin, t.span.end - cut, t.kind, next());
        if (cut == 0) continue;
        Word& s = next();
        makeWord(text, t.span.end - cut, t.span.end, TokenKind::PUNCTUATION, s);
        s.folded = "'s";
        s.hash = PhraseIndex::hashOf(s.folded);
    }
    out.resize(n);
}

std::vector<Word> tokenize(std::string_view text, size_t begin, size_t end) {
    std::vector<Word> out;
    tokenize(text, begin, end, out);
    return out;
}

// A phrase of the rules as folded words; `prefix` when its last word ended
// in *, `suffix` when its only word began with * ("*plattform").
struct Phrase {
    std::vector<std::string> words;
    bool prefix = false, suffix = false;
};

Phrase phraseOf(std::string_view text) {
    Phrase p;
    if (text.size() > 1 && text.front() == '*') {
        p.suffix = true;
        text.remove_prefix(1);
    }
    if (!text.empty() && text.back() == '*') {
        p.prefix = true;
        text.remove_suffix(1);
    }
    if (text == "'s"sv || text == "\u2019s"sv) {
        p.words.push_back("'s");  // the possessive as tokenize() splits it off
        return p;
    }
    for (Word& w : tokenize(text, 0, text.size())) p.words.push_back(std::move(w.folded));
    if (p.words.size() != 1) p.suffix = false;  // a leading * is for one word only
    return p;
}

std::string joinKey(const std::vector<std::string>& words) {
    std::string key;
    for (const auto& w : words) {
        if (!key.empty()) key += kSeparator;
        key += w;
    }
    return key;
}

// One element of a sequence pattern (docs/rules.md, "Sequences").
struct Element {
    enum class Kind { WORDS, SUBJECT, OBJECT, ROLE, CUE, GAP, CONTENT };
    enum class Filter { ANY, DEMONYM, POSSESSIVE, NAME, GENITIVE, DESCRIPTION, FIRST };
    Kind kind = Kind::WORDS;
    Filter filter = Filter::ANY;
    size_t id = 0;              // WORDS: the element's number (its alternatives are SEQUENCE_WORDS phrases)
    bool optional = false;      // "?der|die"
    size_t max = 0;             // GAP, CONTENT: the most words skipped
};

Element elementOf(std::string_view text) {
    Element e;
    if (text.front() == '{') {
        std::string_view inner = text.substr(1, text.size() - 2);
        const size_t colon = inner.find(':');
        std::string_view slot = inner.substr(0, colon), filter = colon == std::string_view::npos ? "" : inner.substr(colon + 1);
        e.kind = slot == "subject"sv ? Element::Kind::SUBJECT
                 : slot == "object"sv ? Element::Kind::OBJECT
                 : slot == "cue"sv    ? Element::Kind::CUE
                                    : Element::Kind::ROLE;
        e.filter = filter == "demonym"sv      ? Element::Filter::DEMONYM
                   : filter == "possessive"sv ? Element::Filter::POSSESSIVE
                   : filter == "name"sv       ? Element::Filter::NAME
                   : filter == "genitive"sv   ? Element::Filter::GENITIVE
                   : filter == "description"sv ? Element::Filter::DESCRIPTION
                   : filter == "first"sv       ? Element::Filter::FIRST
                                            : Element::Filter::ANY;
        return e;
    }
    if (text.starts_with("..") || text.front() == '~') {
        e.kind = text.front() == '~' ? Element::Kind::CONTENT : Element::Kind::GAP;
        e.max = static_cast<size_t>(std::stoi(std::string(text.substr(text.front() == '~' ? 1 : 2))));
        return e;
    }
    e.optional = text.size() > 1 && text.front() == '?';
    return e;
}

enum class MentionKind { NAME, DEMONYM, DESCRIPTION, PRONOUN, POSSESSIVE, RELATIVE, GROUP };

struct Mention {
    size_t first = 0, last = 0;  // word range [first, last)
    MentionKind kind = MentionKind::NAME;
    std::string_view label;      // the entity's label (the rules' string), known before a demonym's entity is listed
    size_t entity = kNone;       // into Extraction::entities, once listed or resolved
    size_t entry = kNone;        // the gazetteer entry, when it was one
    std::string_view rule;       // a literal or the rules' id
    std::vector<size_t> members;  // GROUP: the entities
    bool genitive = false;       // "Chinas Unternehmen", "Corvex's investors": names an owner
    size_t anaphor = kNone;      // DESCRIPTION, PRONOUN, POSSESSIVE: the rules' anaphor
    int apposition = -1;         // the apposition it stands in, -1 for none
    std::vector<size_t> heads;   // a bare head: the entries it may name
    size_t headRef = kNone;      // DESCRIPTION: the head phrase ("chipmaker"), into Compiled::refs
    bool bareHead = false;       // a bare head resolved to a policy by an issuer elsewhere in the sentence
    size_t issuer = kNone;       // a recognised policy: its issuer's gazetteer entry
    size_t recognizer = kNone;   // ... and its recogniser
    size_t place = kNone;        // DESCRIPTION from a demonym used as a noun („die Jenaer“): the place's gazetteer entry
    // The label as a bit (Extractor::Compiled::labelBit), remembered with the label it was taken from.
    mutable const char* bitLabel = nullptr;
    mutable uint64_t labelBit = 0;
};

bool isAnaphoric(MentionKind k) {
    return k == MentionKind::DESCRIPTION || k == MentionKind::PRONOUN || k == MentionKind::POSSESSIVE ||
           k == MentionKind::RELATIVE;
}

// Pronouns stand for a subject; they are never the object of a trigger.
bool isPronoun(MentionKind k) {
    return k == MentionKind::PRONOUN || k == MentionKind::POSSESSIVE || k == MentionKind::RELATIVE;
}

}  // namespace

struct Extractor::Compiled {
    const Rules& rules;
    // Every phrase of the rules in one index, found in one pass over a
    // sentence; `refs` says what each stands for.
    enum class Kind {
        GAZETTEER,  // id: 2 * (entry, or entities + group) + 1 for the German genitive form ("Alibabas")
        DEMONYM, HEAD,                         // id: the entry
        CUE,                                   // id: the recogniser
        TRIGGER, NEGATION, HEDGE, COMPANION, MARKER,  // id: the pattern
        ANAPHOR_PHRASE, ANAPHOR_HEAD, DETERMINER, ANAPHOR_VERB,  // id: the anaphor
        ROLE,                                  // id: the role
        TITLE, FUNCTION, APPOSITION, SPAN, CURRENT, FISCAL_START, REPORTING, NOT_BARE_YEAR, IGNORE,
        SAME_PERIOD,                           // id: the rules' anaphoric period
        SEQUENCE_WORDS,                        // id: a words element of a sequence (Element::id)
    };
    static constexpr uint32_t bitOf(Kind k) { return uint32_t{1} << static_cast<unsigned>(k); }
    static_assert(static_cast<unsigned>(Kind::SEQUENCE_WORDS) < 32, "kinds are bits of a uint32_t");
    struct Ref {
        Kind kind;
        size_t id;
    };
    PhraseIndex phrases;                                   // ids: distinct phrases
    std::unordered_map<std::string, size_t> phraseIds;     // joined words and a mark -> distinct phrase
    std::vector<std::vector<size_t>> phraseRefs;           // distinct phrase -> refs, while the rules compile
    // ... and then what each distinct phrase stands for, side by side: a sentence's words find
    // phrases by the thousand, and a list per phrase plus a lookup in `refs` cost two cache misses a hit.
    struct PhraseRef {
        Kind kind;
        uint32_t id, ref;
    };
    std::vector<PhraseRef> phraseRefList;
    // Per distinct phrase: its first in phraseRefList, then its sequence words refs (SEQUENCE_WORDS)
    // in three parts, each by element id: elements that start a sequence, other elements a sequence
    // requires, elements only ever optional; then its other refs in the order added; one more at the
    // end. The phrase index hands each match these five as its payload; endings are looked up here.
    std::vector<uint32_t> phraseRefBegin, phraseRefHeads, phraseRefFlagged, phraseRefOthers;
    PhraseIndex::Payload payloadOf(size_t phrase) const {
        return {phraseRefBegin[phrase], phraseRefHeads[phrase], phraseRefFlagged[phrase], phraseRefOthers[phrase],
                phraseRefBegin[phrase + 1]};
    }
    // Per sequence words element, its part of a phrase's refs: 0 when it starts a sequence (where a
    // sentence's matches of it are kept as starts, Run::sequenceHits_), 1 when a sequence requires it
    // (a sentence's flags say whether it holds it, for gates and screens), 2 when only optional.
    std::vector<uint8_t> elementPart;
    void flattenRefs() {
        phraseRefBegin.reserve(phraseRefs.size() + 1);
        phraseRefHeads.reserve(phraseRefs.size());
        phraseRefFlagged.reserve(phraseRefs.size());
        phraseRefOthers.reserve(phraseRefs.size());
        std::vector<PhraseRef> sequenceRefs;
        for (const auto& list : phraseRefs) {
            phraseRefBegin.push_back(static_cast<uint32_t>(phraseRefList.size()));
            sequenceRefs.clear();
            for (size_t ref : list)
                if (refs[ref].kind == Kind::SEQUENCE_WORDS)
                    sequenceRefs.push_back({refs[ref].kind, static_cast<uint32_t>(refs[ref].id), static_cast<uint32_t>(ref)});
            std::stable_sort(sequenceRefs.begin(), sequenceRefs.end(), [&](const PhraseRef& a, const PhraseRef& b) {
                return elementPart[a.id] != elementPart[b.id] ? elementPart[a.id] < elementPart[b.id] : a.id < b.id;
            });
            auto partEnd = [&](uint8_t part) {
                const auto end = std::ranges::find_if(sequenceRefs, [&](const PhraseRef& r) { return elementPart[r.id] > part; });
                return static_cast<uint32_t>(phraseRefList.size() + static_cast<size_t>(end - sequenceRefs.begin()));
            };
            phraseRefHeads.push_back(partEnd(0));
            phraseRefFlagged.push_back(partEnd(1));
            phraseRefList.insert(phraseRefList.end(), sequenceRefs.begin(), sequenceRefs.end());
            phraseRefOthers.push_back(static_cast<uint32_t>(phraseRefList.size()));
            for (size_t ref : list)
                if (refs[ref].kind != Kind::SEQUENCE_WORDS)
                    phraseRefList.push_back({refs[ref].kind, static_cast<uint32_t>(refs[ref].id), static_cast<uint32_t>(ref)});
        }
        phraseRefBegin.push_back(static_cast<uint32_t>(phraseRefList.size()));
        phraseRefs = {};
        phrases.setPayloads([&](size_t phrase) { return payloadOf(phrase); });
    }
    // One-word phrases with a leading * ("*plattform"): (ending, ref), by
    // the ending's last kTail bytes, so a word looks up only its own.
    static constexpr size_t kTail = 3;
    std::unordered_map<uint32_t, std::vector<std::pair<std::string, size_t>>> endings;
    std::vector<std::pair<std::string, size_t>> shortEndings;  // endings under kTail bytes
    std::vector<const RelationSpec*> specs;                    // per pattern: its type
    std::vector<Ref> refs;
    std::unordered_map<size_t, size_t> sameHead;  // an anaphor head's ref -> the ref of the head it inflects
    size_t headRef(size_t ref) const {
        const auto it = sameHead.find(ref);
        return it == sameHead.end() ? ref : it->second;
    }
    // Per ref: an acronym alias ("US", "BIS") matches only in its own
    // letters, so "us" and "bis" stay words; "" for every other phrase.
    std::vector<std::string> exactCase;
    WordSet stopwords, descriptors;  // folded
    // First words of known products named by a word and a model code ("Kestrel K6"), and by a word,
    // a hyphen and a code written as one ("Meridian-6", "HX-910"): folded.
    WordSet productFamilies, hyphenFamilies;
    std::vector<std::string> nounEndings;                    // folded
    std::vector<std::vector<Element>> sequences;            // per pattern; empty for a trigger pattern
    size_t sequenceElements = 0;                            // distinct words elements of all sequences
    std::unordered_map<std::string, size_t> sequenceIds;    // their words -> id
    // What a sentence must hold for a pattern to have a chance: a trigger of
    // it, or (for a sequence) the two words it can least do without. A gate is
    // two of the sentence's flags (Run::found_), both of which must be set: a
    // words element of sequences found, a trigger of the pattern found, or the
    // last flag, which is always set. Gates are filed under their first flag,
    // so that a sentence visits only the patterns of the flags it set, not
    // every pattern of its language.
    struct Gate {
        uint32_t pattern;
        uint32_t flag2;
    };
    struct Gates {
        std::vector<uint32_t> begin;  // per flag: where its gates start in `list`; one past the last flag
        std::vector<Gate> list;       // by first flag, then in pattern order
        std::span<const Gate> of(size_t flag) const {
            return std::span<const Gate>(list).subspan(begin[flag], begin[flag + 1] - begin[flag]);
        }
    };
    // Per sequence words element: the length of its shortest alternative. A short one ("," "der")
    // is in nearly every sentence; a gate asks for a pattern's longest required words.
    std::vector<size_t> elementLength;
    std::array<Gates, 3> gatesOf;  // per language (UNKNOWN, DE, EN): the patterns that apply
    size_t triggerFlag(size_t pattern) const { return sequenceElements + pattern; }
    // What a pattern the gate let through must also have, without touching the Pattern: companions
    // found, and a sequence's required words (requiredList[requiredBegin, requiredEnd); none for triggers).
    struct Screen {
        bool companions = false, sequence = false;
        uint32_t requiredBegin = 0, requiredEnd = 0;
        // A sequence's slots as label masks (subjectMask, objectMask): one of the sentence's mentions
        // must have one of the labels. 0 where the sequence has no such slot, or a label has no bit.
        uint64_t subjectNeeds = 0, objectNeeds = 0;
    };
    std::vector<Screen> screens;
    // Labels as bits, the rules' labels in order (the first 64; 0 for any other): a pattern's
    // subject and object labels as masks, asked of every mention a sequence may start at.
    std::vector<uint64_t> subjectMask, objectMask;
    uint64_t labelBit(std::string_view label) const {
        for (size_t i = 0; i < rules.labels.size() && i < 64; ++i)
            if (rules.labels[i] == label) return uint64_t{1} << i;
        return 0;
    }
    uint64_t maskOf(const std::vector<std::string>& labels) const {
        uint64_t mask = 0;
        for (const std::string& l : labels) mask |= labelBit(l);
        return mask;
    }
    std::vector<uint32_t> requiredList;
    std::span<const uint32_t> requiredOf(size_t pattern) const {
        const Screen& s = screens[pattern];
        return std::span<const uint32_t>(requiredList).subspan(s.requiredBegin, s.requiredEnd - s.requiredBegin);
    }
    size_t flags() const { return sequenceElements + rules.patterns.size() + 1; }
    // Per recogniser: a policy recogniser's phrases, folded once rather than at every head word.
    struct PolicyForms {
        std::vector<std::pair<std::string, const std::string*>> heads;  // folded form, canonical head
        std::vector<std::pair<std::string, size_t>> possessives;         // folded, its word count
        std::vector<std::vector<std::string>> links;                     // each word folded
    };
    std::vector<PolicyForms> policyForms;
    // The suffixes `keepSuffix` recognisers keep in a name ("Securities"): (label, folded suffix).
    std::vector<std::pair<std::string, std::string>> keptSuffixes;

    void add(Kind kind, size_t id, std::string_view text) {
        Phrase p = phraseOf(text);
        if (p.words.empty()) return;
        refs.push_back({kind, id});
        exactCase.emplace_back();
        if (p.suffix) addEnding(std::move(p.words.front()), refs.size() - 1);
        else index(std::move(p.words), p.prefix, refs.size() - 1);
    }

    // Each distinct phrase is in the index once, standing for all its refs:
    // "der" is an article, a determiner of anaphors, a relative pronoun and a
    // word of many sequences, and a sentence has many of it.
    size_t distinct(const std::vector<std::string>& words, char mark) {
        auto [it, added] = phraseIds.emplace(joinKey(words) + mark, phraseRefs.size());
        if (added) phraseRefs.emplace_back();
        return it->second;
    }

    void index(std::vector<std::string> words, bool prefix, size_t ref) {
        const size_t before = phraseRefs.size(), id = distinct(words, prefix ? '*' : '=');
        if (phraseRefs.size() > before) phrases.add(std::move(words), prefix, id);
        phraseRefs[id].push_back(ref);
    }

    static uint32_t tail(std::string_view w) {
        uint32_t key = 0;
        for (size_t k = w.size() - kTail; k < w.size(); ++k) key = key << 8 | static_cast<uint8_t>(w[k]);
        return key;
    }

    void addEnding(std::string ending, size_t ref) {
        const size_t before = phraseRefs.size(), id = distinct({ending}, '<');
        phraseRefs[id].push_back(ref);
        if (phraseRefs.size() == before) return;
        if (ending.size() < kTail) shortEndings.emplace_back(std::move(ending), id);
        else endings[tail(ending)].emplace_back(std::move(ending), id);
    }

    // Calls found(phrase) for each ending phrase that `word` ends with.
    template <typename Found>
    void matchEndings(std::string_view word, Found&& found) const {
        for (const auto& [ending, ref] : shortEndings)
            if (word.ends_with(ending)) found(ref);
        if (word.size() < kTail) return;
        auto it = endings.find(tail(word));
        if (it == endings.end()) return;
        for (const auto& [ending, ref] : it->second)
            if (word.ends_with(ending)) found(ref);
    }

    // Phrases of one kind; "{role}" stands for every role word, alone or in
    // a phrase (", {role}": a comma and a role word).
    void addAll(Kind kind, size_t id, const std::vector<std::string>& texts) {
        for (const auto& t : texts) {
            const size_t slot = t.find("{role}");
            if (slot == std::string::npos) {
                add(kind, id, t);
                continue;
            }
            for (const Role& role : rules.roles)
                for (const auto& w : role.words) add(kind, id, t.substr(0, slot) + w + t.substr(slot + 6));
        }
    }

    explicit Compiled(const Rules& r) : rules(r) {
        for (const auto& w : r.stopwords) stopwords.insert(normalizeName(w));
        for (const auto& w : r.descriptors) descriptors.insert(normalizeName(w));
        addGazetteer();
        for (const GazetteerEntry& g : r.entities) {
            const size_t space = g.name.rfind(' ');
            if (g.label == "Product"sv && space != std::string::npos && g.name.find(' ') == space && std::any_of(g.name.begin() + static_cast<std::ptrdiff_t>(space), g.name.end(),
                                                                                  [](char c) { return c >= '0' && c <= '9'; }))
                productFamilies.insert(normalizeName(g.name.substr(0, space)));
            if (g.label != "Product"sv || space != std::string::npos) continue;
            const std::string name = normalizeName(g.name);
            if (const size_t dash = name.find('-'); dash != std::string::npos && dash > 0 &&
                std::any_of(name.begin() + static_cast<std::ptrdiff_t>(dash), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
                hyphenFamilies.insert(name.substr(0, dash));
        }
        for (size_t i = 0; i < r.recognizers.size(); ++i) addAll(Kind::CUE, i, r.recognizers[i].words);
        policyForms.resize(r.recognizers.size());
        for (const Recognizer& rec : r.recognizers)
            if (rec.kind == Recognizer::Kind::SUFFIX && rec.keepSuffix)
                for (const std::string& w : rec.words) keptSuffixes.emplace_back(rec.label, normalizeName(w));
        for (size_t i = 0; i < r.recognizers.size(); ++i) {
            const Recognizer& rec = r.recognizers[i];
            PolicyForms& forms = policyForms[i];
            for (const auto& [form, head] : rec.heads) forms.heads.emplace_back(normalizeName(form), &head);
            for (const auto& p : rec.possessives)
                forms.possessives.emplace_back(normalizeName(p), static_cast<size_t>(std::count(p.begin(), p.end(), ' ')) + 1);
            for (const auto& link : rec.links) {
                std::vector<std::string>& words = forms.links.emplace_back();
                for (size_t b = 0, e; b < link.size(); b = e + 1) {
                    e = link.find(' ', b);
                    if (e == std::string::npos) e = link.size();
                    words.push_back(normalizeName(link.substr(b, e - b)));
                }
            }
        }
        // Per pattern: the words elements its sequence cannot do without, rarest first.
        std::vector<std::vector<size_t>> requiredWords;
        for (size_t i = 0; i < r.patterns.size(); ++i) {
            const Pattern& p = r.patterns[i];
            specs.push_back(r.relation(p.type));
            addAll(Kind::TRIGGER, i, p.triggers);
            addAll(Kind::NEGATION, i, p.negations);
            addAll(Kind::HEDGE, i, p.hedges);
            addAll(Kind::COMPANION, i, p.companions);
            addAll(Kind::MARKER, i, p.objectMarkers);
            std::vector<Element> sequence;
            for (const auto& text : p.sequence) {
                Element e = elementOf(text);
                if (e.kind == Element::Kind::WORDS) {
                    // Its words are found with every other phrase, once per sentence;
                    // elements of the same words in any order (",", "der|die|das", "die|der|das") share one id.
                    std::vector<std::string> alternatives = splitAlternatives(text);
                    std::sort(alternatives.begin(), alternatives.end());
                    alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
                    std::string words;
                    for (const auto& alternative : alternatives) (words.empty() ? words : words += '|') += alternative;
                    auto [it, added] = sequenceIds.emplace(words, sequenceElements);
                    e.id = it->second;
                    if (added) {
                        ++sequenceElements;
                        for (const auto& alternative : alternatives) add(Kind::SEQUENCE_WORDS, e.id, alternative);
                        size_t shortest = SIZE_MAX;
                        for (const auto& alternative : alternatives) shortest = std::min(shortest, alternative.size());
                        elementLength.push_back(shortest);
                    }
                }
                // "..20", "..20": one gap of up to 40 words, tried once per length.
                if (e.kind == Element::Kind::GAP && !sequence.empty() && sequence.back().kind == Element::Kind::GAP) {
                    sequence.back().max += e.max;
                    continue;
                }
                sequence.push_back(std::move(e));
            }
            std::vector<size_t>& required = requiredWords.emplace_back();
            for (const Element& e : sequence)
                if (e.kind == Element::Kind::WORDS && !e.optional) required.push_back(e.id);
            // Rarest first (the longest shortest alternative): the gate asks for the first two.
            std::stable_sort(required.begin(), required.end(), [&](size_t a, size_t b) { return elementLength[a] > elementLength[b]; });
            sequences.push_back(std::move(sequence));
        }
        elementPart.assign(sequenceElements, 2);
        for (const std::vector<size_t>& required : requiredWords)
            for (size_t id : required) elementPart[id] = 1;
        for (const std::vector<Element>& sequence : sequences)
            if (!sequence.empty() && sequence.front().kind == Element::Kind::WORDS && !sequence.front().optional)
                elementPart[sequence.front().id] = 0;
        for (size_t i = 0; i < r.patterns.size(); ++i) {
            Screen& screen = screens.emplace_back();
            screen.companions = !r.patterns[i].companions.empty();
            screen.sequence = !sequences[i].empty();
            // The required words the gate does not ask for (it asks for the two rarest).
            screen.requiredBegin = static_cast<uint32_t>(requiredList.size());
            for (size_t k = 2; screen.sequence && k < requiredWords[i].size(); ++k)
                requiredList.push_back(static_cast<uint32_t>(requiredWords[i][k]));
            screen.requiredEnd = static_cast<uint32_t>(requiredList.size());
            subjectMask.push_back(maskOf(r.patterns[i].subjectLabels));
            objectMask.push_back(maskOf(r.patterns[i].objectLabels));
            auto needs = [&](Element::Kind slot, const std::vector<std::string>& labels, uint64_t mask) -> uint64_t {
                const bool bits = !labels.empty() && std::ranges::all_of(labels, [&](const std::string& l) { return labelBit(l) != 0; });
                const bool has = std::ranges::any_of(sequences[i], [&](const Element& e) { return e.kind == slot; });
                return bits && has ? mask : 0;
            };
            screen.subjectNeeds = needs(Element::Kind::SUBJECT, r.patterns[i].subjectLabels, subjectMask.back());
            screen.objectNeeds = needs(Element::Kind::OBJECT, r.patterns[i].objectLabels, objectMask.back());
        }
        std::vector<std::pair<uint32_t, Gate>> gates;  // first flag, gate: all patterns, in pattern order
        for (size_t i = 0; i < r.patterns.size(); ++i) {  // now that sequenceElements is known
            size_t flag = flags() - 1, flag2 = flags() - 1;  // the flag always set
            if (sequences[i].empty()) {
                flag = triggerFlag(i);
            } else {
                const std::vector<size_t>& required = requiredWords[i];
                if (!required.empty()) flag = required[0];
                if (required.size() > 1) flag2 = required[1];
            }
            gates.push_back({static_cast<uint32_t>(flag), {static_cast<uint32_t>(i), static_cast<uint32_t>(flag2)}});
        }
        std::stable_sort(gates.begin(), gates.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (Lang l : {Lang::UNKNOWN, Lang::DE, Lang::EN}) {
            Gates& g = gatesOf[static_cast<size_t>(l)];
            g.begin.assign(flags() + 1, 0);
            for (const auto& [flag, gate] : gates) {
                const auto& lang = r.patterns[gate.pattern].lang;
                if (lang && *lang != l) continue;
                g.list.push_back(gate);
                ++g.begin[flag + 1];
            }
            for (size_t f = 0; f < flags(); ++f) g.begin[f + 1] += g.begin[f];
        }
        for (size_t i = 0; i < r.anaphora.size(); ++i) {
            addAll(Kind::ANAPHOR_PHRASE, i, r.anaphora[i].phrases);
            // Inflections of one head are one head: "Start-ups" describes what "das Start-up" finds.
            std::vector<std::pair<std::string, size_t>> heads;  // folded head, its first ref
            for (const std::string& h : r.anaphora[i].heads) {
                const size_t before = refs.size();
                add(Kind::ANAPHOR_HEAD, i, h);
                if (refs.size() == before || h.starts_with('*') || h.ends_with('*')) continue;
                const std::string f = normalizeName(h);
                for (const auto& [g, ref] : heads)
                    if (f != g && (f.starts_with(g) ? f.size() - g.size() : g.starts_with(f) ? g.size() - f.size() : 9) <= 2) {
                        sameHead.emplace(before, ref);
                        break;
                    }
                if (!sameHead.count(before)) heads.emplace_back(f, before);
            }
            addAll(Kind::DETERMINER, i, r.anaphora[i].determiners);
            addAll(Kind::ANAPHOR_VERB, i, r.anaphora[i].verbs);
        }
        for (size_t i = 0; i < r.roles.size(); ++i) addAll(Kind::ROLE, i, r.roles[i].words);
        addAll(Kind::TITLE, 0, r.titles);
        addAll(Kind::FUNCTION, 0, r.functionWords);
        addAll(Kind::APPOSITION, 0, r.appositions);
        addAll(Kind::IGNORE, 0, r.ignore);
        for (const auto& e : r.nounEndings) nounEndings.push_back(normalizeName(e));
        addAll(Kind::SPAN, 0, r.periods.spans);
        addAll(Kind::CURRENT, 0, r.periods.current);
        addAll(Kind::FISCAL_START, 0, r.periods.fiscalStart);
        addAll(Kind::REPORTING, 0, r.periods.reporting);
        addAll(Kind::NOT_BARE_YEAR, 0, r.periods.notBareYear);
        for (size_t i = 0; i < r.periods.anaphoric.size(); ++i) addAll(Kind::SAME_PERIOD, i, r.periods.anaphoric[i].phrases);
        flattenRefs();
    }

    // "?der|die|das" -> "der", "die", "das".
    static std::vector<std::string> splitAlternatives(std::string_view text) {
        if (text.size() > 1 && text.front() == '?') text.remove_prefix(1);
        std::vector<std::string> out;
        for (size_t from = 0; from <= text.size();) {
            size_t bar = text.find('|', from);
            if (bar == std::string_view::npos) bar = text.size();
            if (bar > from) out.emplace_back(text.substr(from, bar - from));
            from = bar + 1;
        }
        return out;
    }

    static bool isAcronym(std::string_view s) {
        return s.size() >= 2 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    }

    void addGazetteer() {
        auto name = [&](const std::string& surface, size_t id) {
            Phrase p = phraseOf(surface);
            if (p.words.empty()) return;
            const std::string exact = isAcronym(surface) ? surface : "";
            if (!p.prefix && !p.suffix) {
                std::vector<std::string> genitive = p.words;
                genitive.back() += 's';
                refs.push_back({Kind::GAZETTEER, 2 * id + 1});
                exactCase.push_back(exact);
                index(std::move(genitive), false, refs.size() - 1);
            }
            refs.push_back({Kind::GAZETTEER, 2 * id});
            exactCase.push_back(exact);
            if (p.suffix) addEnding(std::move(p.words.front()), refs.size() - 1);
            else index(std::move(p.words), p.prefix, refs.size() - 1);
        };
        for (size_t i = 0; i < rules.entities.size(); ++i) {
            const GazetteerEntry& g = rules.entities[i];
            name(g.name, i);
            for (const auto& a : g.aliases) name(a, i);
            addAll(Kind::DEMONYM, i, g.demonyms);
            addAll(Kind::HEAD, i, g.heads);
        }
        for (size_t g = 0; g < rules.groups.size(); ++g)
            name(rules.groups[g].alias, rules.entities.size() + g);
    }
};

Extractor::Extractor(const Rules& rules) : compiled_(std::make_unique<Compiled>(rules)) {}
Extractor::~Extractor() = default;

DocumentAnnotations Extraction::annotations() const {
    DocumentAnnotations out;
    out.doc = doc;
    out.lang = std::string(langCode(lang));
    for (const auto& e : entities) out.entities.push_back(e.entity);
    for (const auto& r : relations) out.relations.push_back(r.relation);
    return out;
}

namespace {

using Kind = Extractor::Compiled::Kind;

// A phrase of the rules found in a sentence: what it is and how many words it spans.
struct Hit {
    Kind kind;
    uint32_t id;
    uint32_t words;
    uint32_t ref;  // into Compiled::refs
};

// A phrase of sequences' words elements found in a sentence: its refs (the elements, in
// Compiled::phraseRefList, by Compiled::payloadOf's parts) and how many words.
struct SequencePhrase {
    uint32_t begin, heads, flagged, end;
    uint32_t words;
};

// One end of a relation: a mention, or an entity the sentence does not name (a fallback).
struct End {
    const Mention* mention = nullptr;
    size_t entity = kNone;
};

// A relation a pattern found: the words that state it and its ends.
struct Found {
    size_t t0, t1;  // the trigger, or the whole sequence
    End subject;
    std::vector<End> objects;  // empty with a fixed object
};

// A period a relation may take, with where it stands; an empty period
// stands for "no period" ("in 2025 and 2026", "in den kommenden drei Jahren").
struct PeriodCandidate {
    uint32_t begin = 0, end = 0;  // bytes in the document text
    std::string period;
};

// "YYYY", "YYYY-H1", "YYYY-Q2", "YYYY-MM", "YYYY-MM-DD": which kind of period.
std::string_view periodUnit(std::string_view p) {
    if (p.size() == 4) return "year";
    if (p.size() == 7 && p[5] == 'H') return "half";
    if (p.size() == 7 && p[5] == 'Q') return "quarter";
    if (p.size() == 7) return "month";
    return "day";
}

// A four-digit year of news text (1990-2099) as a word, else 0.
int yearOf(const Word& w) {
    if (w.kind != TokenKind::NUMBER || w.folded.size() != 4) return 0;
    if (!std::all_of(w.folded.begin(), w.folded.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    int y = std::stoi(w.folded);
    return y >= 1990 && y <= 2099 ? y : 0;
}

bool isQuote(std::string_view w) {
    return w == "\u201e"sv || w == "\u201c"sv || w == "\u201d"sv || w == "\""sv || w == "\u00ab"sv || w == "\u00bb"sv ||
           w == "\u201a"sv || w == "\u2018"sv || w == "\u2019"sv || w == "'"sv;
}

bool hasDigit(std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The state of one document's extraction.
class Run {
public:
    Run(const Extractor::Compiled& c, const DocumentInput& in, Extraction& out)
        : c_(c), in_(in), out_(out), entryEntities_(c.rules.entities.size(), kNone) {}

    void sentence(size_t begin, size_t end) {
        tokenize(in_.text, begin, end, words_);
        ++sentenceCount_;
        sentenceBegin_ = static_cast<uint32_t>(begin);
        sentenceEnd_ = static_cast<uint32_t>(end);
        seenBefore_ = lastSeen_;
        previousClock_ = sentenceClock_;
        sentenceClock_ = clock_;
        if (const int item = listItemStart(begin); item >= 0) {
            inItem_ = item == 1;
            itemClock_ = clock_;
        }
        sentenceRelations_.clear();
        statedSpans_.clear();
        mentions_.clear();
        cover_.assign(words_.size(), kNone);
        introComma_ = introductoryClauseEnd();
        scanPhrases();
        findGazetteer();
        resolveHeads();
        findRecognized();
        subsidiaryInApposition();
        findAcronyms();
        findAnaphora();
        std::sort(mentions_.begin(), mentions_.end(), [](const Mention& a, const Mention& b) {
            return a.first != b.first ? a.first < b.first : a.last > b.last;
        });
        indexCover();
        findAppositions();
        resolveMentions();
        readPeriods();
        // The labels the sentence's mentions have, for the sequences' slots (all, if one has no bit).
        sentenceLabels_ = 0;
        for (const Mention& m : mentions_)
            if (const uint64_t bit = labelBitOf(m)) sentenceLabels_ |= bit;
            else sentenceLabels_ = ~uint64_t{0};
        // The patterns whose gates are open, as bits, then applied in pattern order.
        const auto& gates = c_.gatesOf[static_cast<size_t>(lang())];
        open_.assign((rules().patterns.size() + 63) / 64, 0);
        for (size_t w = 0; w < found_.size(); ++w)
            for (uint64_t bits = found_[w]; bits != 0; bits &= bits - 1)
                for (const auto [pattern, flag2] : gates.of(w * 64 + static_cast<size_t>(std::countr_zero(bits))))
                    open_[pattern / 64] |= found(flag2) << (pattern % 64);
        for (size_t w = 0; w < open_.size(); ++w)
            for (uint64_t bits = open_[w]; bits != 0; bits &= bits - 1)
                applyPattern(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
        rememberPeriods();
    }

    // After the last sentence: a company the text named by its short name
    // is called by it ("Nordwind Robotics" -> "Nordwind").
    // The header's title, read after the body: it learns the body's names, but what it does not
    // name stands for nothing of the body that follows it (no `recent` or `previous` fallback).
    void title(size_t begin, size_t end) {
        titleLast_ = true;
        sentence(begin, end);
        titleLast_ = false;
    }

    void finish() {
        for (size_t e : shortUsed_) {
            ExtractedEntity& x = out_.entities[e];
            const std::string& shortName = shortNames_.at(e);
            if (entityIndex_.count(x.entity.label + kSeparator + shortName)) continue;
            if (keepsSuffix(x.entity.label, x.entity.name)) continue;  // "Jinhe Capital", then "Jinhe": stays
            const std::string old = x.entity.name;
            for (auto& r : out_.relations) {
                if (r.relation.subject == old) r.relation.subject = shortName;
                if (r.relation.object == old) r.relation.object = shortName;
            }
            std::erase_if(x.entity.aliases, [&](const std::string& a) { return normalizeName(a) == normalizeName(shortName); });
            x.entity.name = shortName;
        }
    }

    // The quantities of every sentence, found before the first is read: the scanner's code then stays
    // in the instruction cache from one sentence to the next, where the rest of a sentence's work
    // evicted it. Offsets in the whole text.
    void findAllQuantities(const std::vector<Span>& spans) {
        for (const Span& span : spans) {
            quantityStarts_.push_back({span.begin, allQuantities_.size()});
            for (Quantity& q : findQuantities(in_.text.substr(span.begin, span.end - span.begin), lang(), in_.published)) {
                q.begin += static_cast<uint32_t>(span.begin);
                q.end += static_cast<uint32_t>(span.begin);
                allQuantities_.push_back(std::move(q));
            }
        }
        quantityStarts_.push_back({SIZE_MAX, allQuantities_.size()});
    }

private:
    // Whether a name ends in a suffix its recognisers keep ("Harbourline Securities"): such a
    // name is canonical even where the text later uses its first word alone.
    bool keepsSuffix(const std::string& label, const std::string& name) const {
        const std::string folded = normalizeName(name);
        for (const auto& [l, f] : c_.keptSuffixes)
            if (l == label && folded.size() > f.size() && folded.ends_with(f) && folded[folded.size() - f.size() - 1] == ' ') return true;
        return false;
    }

    const Rules& rules() const { return c_.rules; }
    Lang lang() const { return out_.lang; }

    // ------------------------------------------------------------ entities

    // The entity with this label and canonical name, added on first sight.
    size_t entity(std::string_view label, const std::string& name) {
        std::string key = std::string(label) + kSeparator + name;
        if (auto it = entityIndex_.find(key); it != entityIndex_.end()) return it->second;
        out_.entities.push_back({{std::string(label), name, {}}, {}});
        entityIndex_.emplace(std::move(key), out_.entities.size() - 1);
        lastSeen_.push_back(0);
        firstSeen_.push_back(0);
        itemFirst_.push_back(0);
        foldedForms_.emplace_back();
        kinds_.emplace_back();
        headsSeen_.emplace_back();
        return out_.entities.size() - 1;
    }

    // The entity of a gazetteer entry, listed on first use.
    size_t entryEntity(size_t entry) {
        if (entryEntities_[entry] == kNone) {
            const GazetteerEntry& g = rules().entities[entry];
            entryEntities_[entry] = entity(g.label, g.name);
        }
        return entryEntities_[entry];
    }

    // The rules' own string of a label: mentions hold views of it, and an
    // entity's string moves when the entity list grows.
    std::string_view stableLabel(std::string_view label) const {
        for (const auto& l : rules().labels)
            if (l == label) return l;
        return {};
    }

    // The entity of an end; a demonym's entity is listed now that a relation uses it.
    size_t entityOf(const Mention& m) {
        if (m.entity != kNone) return m.entity;
        size_t e = entryEntity(m.entry);
        out_.entities[e].evidence.push_back(evidence(m.first, m.last, "demonym"));
        return e;
    }

    Evidence evidence(size_t first, size_t last, std::string_view rule) const {
        Evidence e;
        e.sentenceBegin = sentenceBegin_;
        e.sentenceEnd = sentenceEnd_;
        e.begin = words_[first].begin;
        e.end = words_[last - 1].end;
        e.rule = std::string(rule);
        return e;
    }

    std::string surface(size_t first, size_t last) const {
        return std::string(in_.text.substr(words_[first].begin, words_[last - 1].end - words_[first].begin));
    }

    // Evidence for the mention's entity; a name's surface form is an alias
    // unless it is the name, another alias, or one of them in other letter case.
    void note(size_t e, const Mention& m) {
        ExtractedEntity& x = out_.entities[e];
        x.evidence.push_back(evidence(m.first, m.last, m.rule));
        if (m.kind != MentionKind::NAME || m.rule == "government"sv) return;  // a demonym's phrase is no alias
        std::string s = surface(m.first, m.last);
        if (s == x.entity.name) return;
        std::vector<std::string>& forms = foldedForms_[e];
        if (forms.empty()) foldWord(x.entity.name, forms.emplace_back());
        std::string folded;
        foldWord(s, folded);  // a name recurs in a text: folded once
        if (std::find(forms.begin(), forms.end(), folded) != forms.end()) return;
        forms.push_back(std::move(folded));
        x.entity.aliases.push_back(std::move(s));
    }

    // The relations a gazetteer name states by itself, evidenced where it stands.
    // A bare head that only a body tied to its entry („The Department of Commerce tightened its export
    // controls“) does not name the issuer the entry implies; a place does („Subventionen aus Peking“).
    void implied(const Mention& m) {
        const GazetteerEntry& entry = rules().entities[m.entry];
        const bool byBody = m.bareHead && std::none_of(mentions_.begin(), mentions_.end(), [&](const Mention& o) {
            return isIssuer(o, entry) && (o.label == "Country"sv || o.label == "City"sv);
        });
        for (const ImpliedRelation& rel : entry.implies) {
            const GazetteerEntry* other = rules().entity(rel.other);
            if (byBody && other->label == "Country"sv) continue;
            size_t o = entity(other->label, other->name);
            out_.entities[o].evidence.push_back(evidence(m.first, m.last, "implied"));
            size_t subject = rel.otherIsSubject ? o : m.entity, object = rel.otherIsSubject ? m.entity : o;
            addRelation(rel.type, "gazetteer", subject, object, {}, m.first, m.last);
        }
    }

    // Names found in this document match in later sentences too: "Hanbit
    // Memory Co., Ltd." once recognised, "Hanbit" and "Hanbits" are it.
    // ... the name being the words [first, last) of this sentence.
    void learn(size_t first, size_t last, size_t e, bool shortName = false) {
        if (first >= last) return;
        std::string key;
        for (size_t w = first; w < last; ++w) {
            if (w > first) key += kSeparator;
            key += words_[w].folded;
        }
        if (!dynamic_.emplace(key, Learnt{e, false, shortName}).second) return;  // the first entity to take a name keeps it
        dynamicFirst_.insert(words_[first].folded);
        dynamicLongest_ = std::max(dynamicLongest_, last - first);
        if (lang() == Lang::DE) {
            dynamic_.emplace(key + 's', Learnt{e, true, shortName});
            if (last - first == 1) dynamicFirst_.insert(key + 's');  // "Meiyuns" starts the genitive of a one-word name
        }
    }

    // "Nordwind Robotics GmbH" may be "Nordwind" later; if it is, that short
    // name is canonical (docs/gold.md: the short name the corpus uses).
    void learnShortName(const Recognizer& rec, size_t first, size_t last, size_t e) {
        if (rec.shape != Recognizer::Shape::NAME || last - first < 2 || !words_[first].capitalised) return;
        if (words_[first].folded.size() < 3 || c_.stopwords.contains(words_[first])) return;
        for (const Hit& h : hitsOf(first, kindBits({Kind::GAZETTEER, Kind::DEMONYM})))
            if (h.kind == Kind::GAZETTEER || h.kind == Kind::DEMONYM) return;
        learn(first, first + 1, e, true);
        shortNames_.emplace(e, surface(first, first + 1));
    }

    // ------------------------------------------------------------ phrases

    // What a word is, as bits of flags_: asked for often enough to keep.
    static constexpr uint8_t kFunction = 1, kDescribes = 2;

    // Empties each inner vector but keeps its memory: sentences come by the
    // million, and their per-word and per-pattern lists are short.
    template <typename T>
    static void reset(std::vector<std::vector<T>>& lists, size_t size) {
        if (lists.size() < size) lists.resize(size);
        for (auto& l : lists) l.clear();
    }

    // Where the rules' phrases stand in the sentence: one lookup per word.
    void scanPhrases() {
        auto word = [&](size_t i) { return PhraseIndex::Word{words_[i].folded, words_[i].hash}; };
        hitList_.clear();
        hitBegin_.assign(words_.size() + 1, 0);
        sequencePhrases_.clear();
        sequencePhrasesBegin_.assign(words_.size() + 1, 0);
        // Most patterns' trigger lists stay empty: empty only those a sentence filled.
        if (triggerHits_.size() < rules().patterns.size()) triggerHits_.resize(rules().patterns.size());
        for (size_t p : triggered_) triggerHits_[p].clear();
        triggered_.clear();
        if (cueHits_.size() < rules().recognizers.size()) cueHits_.resize(rules().recognizers.size());
        for (size_t r : cued_) cueHits_[r].clear();
        cued_.clear();
        sequenceHits_.clear();
        found_.assign((c_.flags() + 63) / 64, 0);
        setFound(c_.flags() - 1);
        flags_.assign(words_.size(), 0);
        kindsAt_.assign(words_.size(), 0);
        sentenceKinds_ = 0;
        for (size_t i = 0; i < words_.size(); ++i) {
            hitBegin_[i] = static_cast<uint32_t>(hitList_.size());
            sequencePhrasesBegin_[i] = static_cast<uint32_t>(sequencePhrases_.size());
            auto found = [&](size_t, size_t n, const PhraseIndex::Payload& refs) {
                const std::span<const Extractor::Compiled::PhraseRef> list(c_.phraseRefList);
                // The words of sequences ("der", ",", "is") are most hits, and
                // only sequences look for them: kept apart, every other look
                // at a word's hits passes over fewer. A phrase of them is kept
                // once, not once per element, and only an element that starts
                // a sequence is kept as a start.
                if (refs.begin != refs.split) {
                    sequencePhrases_.push_back({refs.begin, refs.heads, refs.flagged, refs.split, static_cast<uint32_t>(n)});
                    for (const auto [kind, id, ref] : list.subspan(refs.begin, refs.heads - refs.begin)) {
                        sequenceHits_.emplace_back(id, i);
                        setFound(id);
                    }
                    for (const auto [kind, id, ref] : list.subspan(refs.heads, refs.flagged - refs.heads)) setFound(id);
                }
                for (const auto [kind, id, ref] : list.subspan(refs.split, refs.end - refs.split)) {
                    kindsAt_[i] |= Extractor::Compiled::bitOf(kind);
                    hitList_.push_back({kind, id, static_cast<uint32_t>(n), ref});
                    noteHit(kind, id, i, n);
                }
            };
            // The first probe of each word misses the cache: the word after next's starts loading now.
            if (i + 2 < words_.size()) c_.phrases.prefetch(words_[i + 2].hash);
            c_.phrases.match(i, words_.size(), word, found);
            c_.matchEndings(words_[i].folded, [&](size_t phrase) { found(phrase, 1, c_.payloadOf(phrase)); });
        }
        hitBegin_[words_.size()] = static_cast<uint32_t>(hitList_.size());
        for (uint32_t kinds : kindsAt_) sentenceKinds_ |= kinds;
        sequencePhrasesBegin_[words_.size()] = static_cast<uint32_t>(sequencePhrases_.size());
    }

    // The sentence's flags as bits: the gates are found by the bits set, and a pattern's second flag
    // is read at random.
    uint64_t found(size_t flag) const { return found_[flag / 64] >> (flag % 64) & 1; }
    void setFound(size_t flag) { found_[flag / 64] |= uint64_t{1} << (flag % 64); }

    // The phrases of sequences' words elements that start at word w.
    std::span<const SequencePhrase> sequencePhrasesAt(size_t w) const {
        if (w >= words_.size()) return {};
        return std::span<const SequencePhrase>(sequencePhrases_)
            .subspan(sequencePhrasesBegin_[w], sequencePhrasesBegin_[w + 1] - sequencePhrasesBegin_[w]);
    }

    // Whether the phrase stands for the element (its refs of one part are by element id).
    bool holds(const SequencePhrase& phrase, uint32_t element) const {
        const auto* list = c_.phraseRefList.data();
        const uint8_t part = c_.elementPart[element];
        const auto* first = list + (part == 0 ? phrase.begin : part == 1 ? phrase.heads : phrase.flagged);
        const auto* last = list + (part == 0 ? phrase.heads : part == 1 ? phrase.flagged : phrase.end);
        const auto* at = std::lower_bound(first, last, element, [](const auto& r, uint32_t id) { return r.id < id; });
        return at != last && at->id == element;
    }

    // The hits that start at word w.
    std::span<const Hit> hitsAt(size_t w) const {
        if (w >= words_.size()) return {};
        return std::span<const Hit>(hitList_).subspan(hitBegin_[w], hitBegin_[w + 1] - hitBegin_[w]);
    }

    void noteHit(Kind kind, size_t id, size_t i, size_t n) {
        switch (kind) {
            case Kind::TRIGGER:
                if (triggerHits_[id].empty()) {
                    triggered_.push_back(id);
                    setFound(c_.triggerFlag(id));
                }
                triggerHits_[id].emplace_back(i, i + n);
                break;
            case Kind::FUNCTION: flags_[i] |= kFunction; break;
            case Kind::CUE:
                if (cueHits_[id].empty()) cued_.push_back(id);
                cueHits_[id].emplace_back(i, i + n);
                if (rules().recognizers[id].kind == Recognizer::Kind::CUE) flags_[i] |= kDescribes;
                break;
            case Kind::ROLE: case Kind::TITLE: case Kind::ANAPHOR_HEAD: flags_[i] |= kDescribes; break;
            default: break;
        }
    }

    // The mentions that start at word w: indexes into mentions_.
    std::ranges::iota_view<size_t, size_t> startsAt(size_t w) const {
        if (w >= startBegin_.size()) return {};
        size_t end = startBegin_[w];
        while (end < mentions_.size() && mentions_[end].first == w) ++end;
        return {startBegin_[w], end};
    }

    // The longest hit of `kind` (and `id`, unless kNone) at word i: its length, else 0.
    // Whether a hit of `kind` starts at word i; whether one starts anywhere in the sentence.
    bool hasKindAt(size_t i, Kind kind) const { return i < kindsAt_.size() && (kindsAt_[i] & Extractor::Compiled::bitOf(kind)); }
    bool sentenceHas(Kind kind) const { return sentenceKinds_ & Extractor::Compiled::bitOf(kind); }
    // The hits at word w when one of them is of `kinds` (bits), else none: most words have none.
    std::span<const Hit> hitsOf(size_t w, uint32_t kinds) const {
        return w < kindsAt_.size() && (kindsAt_[w] & kinds) ? hitsAt(w) : std::span<const Hit>();
    }
    static constexpr uint32_t kindBits(std::initializer_list<Kind> kinds) {
        uint32_t bits = 0;
        for (Kind k : kinds) bits |= Extractor::Compiled::bitOf(k);
        return bits;
    }

    size_t hitAt(size_t i, Kind kind, size_t id = kNone) const {
        size_t n = 0;
        if (!hasKindAt(i, kind)) return 0;
        for (const Hit& h : hitsAt(i))
            if (h.kind == kind && (id == kNone || h.id == id)) n = std::max<size_t>(n, h.words);
        return n;
    }

    bool hasHit(Kind kind, size_t id) const {
        return std::any_of(hitList_.begin(), hitList_.end(), [&](const Hit& h) { return h.kind == kind && h.id == id; });
    }

    bool functionWord(size_t i) const { return i < flags_.size() && (flags_[i] & kFunction); }

    // ------------------------------------------------------------ mentions

    bool covered(size_t w) const { return w < cover_.size() && cover_[w] != kNone; }

    const Mention* mentionCovering(size_t w) const { return covered(w) ? &mentions_[cover_[w]] : nullptr; }

    // The mention over each word, after mentions_ changed (the first mention wins).
    void indexCover() {
        cover_.assign(words_.size(), kNone);
        for (size_t k = 0; k < mentions_.size(); ++k)
            for (size_t w = mentions_[k].first; w < mentions_[k].last; ++w)
                if (cover_[w] == kNone) cover_[w] = k;
    }

    void addMention(Mention m) {
        mentions_.push_back(std::move(m));
        const Mention& x = mentions_.back();
        for (size_t w = x.first; w < x.last; ++w)
            if (cover_[w] == kNone) cover_[w] = mentions_.size() - 1;
    }

    // The best gazetteer match at word i: rules' names, this document's
    // names, demonyms and bare heads, longest first.
    struct Match {
        size_t words = 0;
        MentionKind kind = MentionKind::NAME;
        size_t entry = kNone, group = kNone, entity = kNone;
        bool genitive = false;
        std::vector<size_t> heads;
        bool shortName = false;  // a company's learnt short name
    };

    Match bestMatch(size_t i) const {
        Match best;
        const size_t entities = rules().entities.size();
        // Of two forms of one length: an exact form before a genitive, a name
        // before a demonym or a head, the rules before the document, the first entry listed.
        auto better = [&](size_t n, bool gen, size_t rank, size_t k) {
            if (n != best.words) return n > best.words;
            if (gen != best.genitive) return !gen;
            const size_t bestRank = best.kind == MentionKind::DEMONYM || !best.heads.empty() ? 2 : best.entity != kNone ? 1 : 0;
            if (rank != bestRank) return rank < bestRank;
            size_t current = best.entry != kNone ? best.entry : best.group != kNone ? entities + best.group : kNone;
            return k < current;
        };
        constexpr uint32_t kNames = kindBits({Kind::GAZETTEER, Kind::DEMONYM, Kind::HEAD});
        for (const Hit& h : (kindsAt_[i] & kNames) ? hitsAt(i) : std::span<const Hit>()) {
            if (h.kind == Kind::GAZETTEER) {
                const bool gen = h.id % 2 == 1;
                const size_t k = h.id / 2;
                if ((gen && lang() != Lang::DE) || !better(h.words, gen, 0, k)) continue;
                if (const std::string& exact = c_.exactCase[h.ref]; !exact.empty() && !surface(i, i + h.words).starts_with(exact))
                    continue;
                best = Match{h.words, k < entities ? MentionKind::NAME : MentionKind::GROUP,
                             k < entities ? k : kNone, k < entities ? kNone : k - entities, kNone, gen, {}};
            } else if (h.kind == Kind::DEMONYM && better(h.words, false, 2, h.id)) {
                best = Match{h.words, MentionKind::DEMONYM, h.id, kNone, kNone, false, {}};
            } else if (h.kind == Kind::HEAD) {
                if (best.words == h.words && !best.heads.empty()) best.heads.push_back(h.id);
                else if (better(h.words, false, 2, h.id)) best = Match{h.words, MentionKind::NAME, kNone, kNone, kNone, false, {h.id}};
            }
        }
        dynamicMatch(i, best, better);
        return best;
    }

    template <typename Better>
    void dynamicMatch(size_t i, Match& best, Better&& better) const {
        if (!words_[i].capitalised || !dynamicFirst_.contains(words_[i])) return;
        std::string key;
        for (size_t n = 1; n <= dynamicLongest_ && i + n <= words_.size(); ++n) {
            if (n > 1) key += kSeparator;
            key += words_[i + n - 1].folded;
            auto it = dynamic_.find(key);
            if (it == dynamic_.end()) continue;
            const Learnt& l = it->second;
            if ((l.genitive && lang() != Lang::DE) || !better(n, l.genitive, 1, kNone)) continue;
            best = Match{n, MentionKind::NAME, kNone, kNone, l.entity, l.genitive, {}};
            best.shortName = l.shortName;
        }
    }

    // Longest match at each word, left to right.
    void findGazetteer() {
        ignored_.assign(words_.size(), false);
        for (size_t i = 0; i < words_.size();) {
            Match best = bestMatch(i);
            if (size_t n = hitAt(i, Kind::IGNORE); n > 0 && n >= best.words) {
                std::fill_n(ignored_.begin() + static_cast<std::ptrdiff_t>(i), n, true);
                i += n;
                continue;
            }
            if (best.words == 0 && i + 1 < words_.size() && words_[i].capitalised && version(i + 1) &&
                c_.productFamilies.contains(words_[i])) {
                addVersion(i, i + 2);  // "Kestrel K7" with "Kestrel K6" known
                if (words_[i + 1].kind == TokenKind::WORD) learn(i + 1, i + 2, mentions_.back().entity);  // "the K7" later
                i += 2;
                continue;
            }
            if (best.words == 0 && hyphenVersion(i)) {
                addVersion(i, i + 3);  // "Meridian-7" with "Meridian-6" known
                i += 3;
                continue;
            }
            if (best.words == 0) {
                ++i;
                continue;
            }
            if (best.kind == MentionKind::NAME && best.entry != kNone && rules().entities[best.entry].label == "Product"sv &&
                version(i + best.words)) {
                addVersion(i, i + best.words + 1);  // "Wren 2" with "Wren" known
                i += best.words + 1;
                continue;
            }
            Mention m;
            m.first = i;
            m.last = i + best.words;
            m.kind = best.kind;
            m.entry = best.entry;
            m.entity = best.entity;
            m.genitive = best.genitive || followedByPossessive(m.last);
            m.heads = std::move(best.heads);
            m.rule = best.kind == MentionKind::DEMONYM ? "demonym" : "gazetteer";
            if (best.kind == MentionKind::NAME && best.entry != kNone) m.entry = governmentOf(best.entry, m);
            if (best.kind == MentionKind::DEMONYM && governmentAfter(best.entry, m.last)) {
                m.kind = MentionKind::NAME;  // „die deutsche Regierung“, "the French government": the country
                m.last += 1;
                m.rule = "government";
                best.words += 1;
            }
            if (best.shortName) shortUsed_.insert(best.entity);
            if (best.group != kNone) {
                for (const auto& name : rules().groups[best.group].members) {
                    const GazetteerEntry* g = rules().entity(name);
                    m.members.push_back(entity(g->label, g->name));
                }
                m.label = stableLabel(out_.entities[m.members.front()].entity.label);
            } else if (best.entity != kNone) {
                m.label = stableLabel(out_.entities[best.entity].entity.label);
            } else if (m.entry != kNone) {
                m.label = rules().entities[m.entry].label;
            }
            addMention(std::move(m));
            i += best.words;
        }
    }

    // A country's demonym before "government" / „Regierung“ names the country's government, which
    // is the country (docs/gold.md, "Governments and capitals"), not in a compound ("government-backed").
    bool governmentAfter(size_t entry, size_t w) const {
        static const WordSet kGovernments = {"regierung", "bundesregierung", "government"};
        if (entry == kNone || rules().entities[entry].label != "Country"sv || w >= words_.size() ||
            !kGovernments.contains(words_[w]))
            return false;
        return w + 1 >= words_.size() || words_[w + 1].folded != "-"sv;
    }

    // A capital used for its government is the entry it stands for: an owner
    // ("Tokyo's export controls", "Pekings Chipsubventionen") or a name that a
    // lowercase word follows ("Peking fördert", "Brussels tightened", "expect
    // Tokyo to adopt"), unless a function word or a hyphen stands before it
    // ("in Peking ansässig", "the Beijing startup") or the word after is a
    // cue ("Corvex's Paris subsidiary", "a Beijing startup"). A dateline ("Peking –",
    // "Brüssel, 17.06.") and "Beijing-based" stay the city.
    size_t governmentOf(size_t entry, const Mention& m) const {
        const std::string& capitalOf = rules().entities[entry].capitalOf;
        if (capitalOf.empty()) return entry;
        // A conjunction or a relative pronoun opens a clause whose subject the capital is ("and Beijing has answered",
        // „Seit Berlin die … ausgeweitet hat“, „…, die Peking im April ausgeweitet hat“), and "by" names the agent
        // ("required by Brussels"): these function words do not make it the place.
        static const WordSet kClauseOpeners = {"and", "und", "or", "oder", "but", "aber", "sondern", "while", "whereas", "während",
                                               "since", "seit", "because", "weil", "dass", "nachdem", "when", "wenn", "as", "by"};
        static const WordSet kRelatives = {"die", "der", "das", "den", "dem", "which", "that"};
        const bool opener = m.first > 0 && (kClauseOpeners.contains(words_[m.first - 1]) ||
                                            (m.first > 1 && words_[m.first - 2].folded == ","sv && kRelatives.contains(words_[m.first - 1])));
        const bool before = m.first > 0 && !opener && (functionWord(m.first - 1) || words_[m.first - 1].folded == "-"sv);
        const bool lowerAfter = m.last < words_.size() && words_[m.last].kind == TokenKind::WORD &&
                                !words_[m.last].capitalised && !cueWord(m.last);
        if (before || !(m.genitive || lowerAfter)) return entry;
        const GazetteerEntry* g = rules().entity(capitalOf);
        return g ? static_cast<size_t>(g - rules().entities.data()) : entry;
    }

    // A model number or code after a product's name: "2", "K7" (not a year, not "AI").
    bool version(size_t w) const {
        if (w >= words_.size() || covered(w)) return false;
        const std::string& f = words_[w].folded;
        if (words_[w].kind == TokenKind::NUMBER) return f.size() <= 2 && (w + 1 >= words_.size() || words_[w + 1].folded != "%"sv);
        return words_[w].kind == TokenKind::WORD && words_[w].capitalised && hasDigit(f) && f.size() <= 4;
    }

    // "Meridian-7", "HX-930": a word, a hyphen and a code, written as one, where a known
    // product is the same word, a hyphen and another code ("Meridian-6", "HX-910"); a year ("-2026") is none.
    bool hyphenVersion(size_t i) const {
        if (i + 2 >= words_.size() || !words_[i].capitalised || words_[i].kind != TokenKind::WORD || words_[i + 1].folded != "-"sv ||
            words_[i + 1].begin != words_[i].end || words_[i + 2].begin != words_[i + 1].end || covered(i + 2))
            return false;
        const Word& code = words_[i + 2];
        if (!(code.kind == TokenKind::NUMBER ? code.folded.size() <= 3 : code.kind == TokenKind::WORD && hasDigit(code.folded) && code.folded.size() <= 4))
            return false;
        if (i + 3 < words_.size() && words_[i + 3].begin == code.end && words_[i + 3].kind != TokenKind::PUNCTUATION) return false;
        return c_.hyphenFamilies.contains(words_[i]);
    }

    // A known product's next version is a product of its own: "Wren 2", "Kestrel K7".
    void addVersion(size_t first, size_t last) {
        Mention m;
        m.first = first;
        m.last = last;
        m.label = stableLabel("Product");
        m.entity = entity(m.label, surface(first, last));
        m.rule = "product-version";
        m.genitive = followedByPossessive(last);
        learn(first, last, m.entity);
        addMention(std::move(m));
    }

    bool followedByPossessive(size_t w) const { return w < words_.size() && words_[w].folded == "'s"sv; }

    // A bare head ("Exportkontrollen") names the entry one of whose issuers
    // the sentence names, the nearest such issuer first; else nothing.
    void resolveHeads() {
        bool erased = false;
        for (auto it = mentions_.begin(); it != mentions_.end();) {
            if (it->heads.empty()) {
                ++it;
                continue;
            }
            // The issuer stands before its controls ("the Netherlands tightens its
            // export controls"); one after is more often a target ("... gegen China").
            size_t best = kNone, bestDistance = kNone;
            for (size_t entry : it->heads)
                for (const Mention& o : mentions_) {
                    if (!isIssuer(o, rules().entities[entry])) continue;
                    size_t d = o.first < it->first ? it->first - o.first : words_.size() + o.first - it->first;
                    if (d < bestDistance) best = entry, bestDistance = d;
                }
            if (best == kNone) {
                it = mentions_.erase(it);
                erased = true;
                continue;
            }
            it->entry = best;
            it->label = rules().entities[best].label;
            it->heads.clear();
            it->bareHead = true;
            ++it;
        }
        if (erased) indexCover();
    }

    bool isIssuer(const Mention& m, const GazetteerEntry& policy) const {
        const std::string* name = m.entity != kNone  ? &out_.entities[m.entity].entity.name
                                  : m.entry != kNone ? &rules().entities[m.entry].name
                                                     : nullptr;
        return name && m.heads.empty() && std::find(policy.issuers.begin(), policy.issuers.end(), *name) != policy.issuers.end();
    }

    // ------------------------------------------------------------ recognisers

    // Names the gazetteer does not know, from a suffix or a cue.
    void findRecognized() {
        std::sort(cued_.begin(), cued_.end());  // in the rules' order
        for (size_t r : cued_) {
            const Recognizer& rec = rules().recognizers[r];
            if (rec.lang && *rec.lang != lang()) continue;
            // The longest cue at each start; a cue inside a longer one ("Ltd." in "Co., Ltd.") is none.
            std::vector<std::pair<size_t, size_t>>& hits = cueHits_[r];
            std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
                return a.first != b.first ? a.first < b.first : a.second > b.second;
            });
            size_t taken = 0;
            for (const auto& [i, end] : hits) {
                if (i < taken) continue;
                taken = end;
                if (rec.kind == Recognizer::Kind::POLICY) qualifiedPolicy(r, i, end);
                else if (rec.kind == Recognizer::Kind::SUFFIX) beforeSuffix(rec, i, end);
                else if (rec.before) beforeCue(rec, i, end);
                else afterCue(rec, end);
            }
        }
    }

    // "Daeyang Vina, a Hanoi-based subsidiary": a known company's name and
    // more name words, in apposition with a subsidiary head (an anaphor head
    // that prefers SUBSIDIARY_OF), name a company of their own, as
    // subsidiaries are named. Only where a company name stands before a
    // capitalised word.
    void subsidiaryInApposition() {
        for (size_t k = 0; k < mentions_.size(); ++k) {
            const Mention& m = mentions_[k];
            if (m.kind != MentionKind::NAME || m.label != "Company"sv || !m.members.empty() || m.last >= words_.size()) continue;
            size_t last = m.last;
            while (last < words_.size() && last - m.last < 2 && nameWord(last)) ++last;
            if (last == m.last || last + 1 >= words_.size() || words_[last].folded != ","sv || !hitAt(last + 1, Kind::APPOSITION)) continue;
            bool subsidiary = false;
            for (size_t w = last + 1; w < words_.size() && w <= last + 7 && words_[w].folded != ","sv && !subsidiary; ++w)
                for (const Hit& h : hitsOf(w, kindBits({Kind::ANAPHOR_HEAD})))
                    if (h.kind == Kind::ANAPHOR_HEAD && rules().anaphora[h.id].prefer && *rules().anaphora[h.id].prefer == "SUBSIDIARY_OF"sv) subsidiary = true;
            if (!subsidiary) continue;
            Mention n;
            n.first = m.first;
            n.last = last;
            n.label = m.label;
            mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(k));
            n.entity = entity(n.label, surface(n.first, last));
            n.rule = "subsidiary-apposition";
            learn(n.first, last, n.entity);
            addMention(std::move(n));
            indexCover();
            return;  // one a sentence
        }
    }

    // A policy head with its issuer right before it („japanische
    // Exportkontrollen“, "Taiwan's export controls", "EU-Zölle") or after it
    // and a link („die Exportbeschränkungen Südkoreas“, "export curbs imposed
    // by Tokyo"): "<adjective> <head>", which the issuer imposes. A gazetteer
    // name over the head wins; a bare head the sentence tied to another
    // issuer yields to the issuer standing at it.
    void qualifiedPolicy(size_t r, size_t head, size_t end) {
        const Recognizer& rec = rules().recognizers[r];
        if (const Mention* m = mentionCovering(head); m && !m->bareHead) return;
        if (end < words_.size() && covered(end) && mentionCovering(end)->first < end) return;
        const std::string form = normalizeName(surface(head, end));
        const std::string* canonical = nullptr;
        const auto& forms = c_.policyForms[r];
        for (const auto& [f, h] : forms.heads)
            if (f == form) canonical = h;
        if (!canonical) return;
        // The issuer's entry and its adjective, for a country, organisation or capital.
        auto issuerOf = [&](const Mention& o) -> std::pair<size_t, const std::string*> {
            if (o.entry == kNone || !o.heads.empty() || o.bareHead || isAnaphoric(o.kind) || o.kind == MentionKind::GROUP) return {kNone, nullptr};
            size_t entry = o.entry;
            if (const std::string& capital = rules().entities[entry].capitalOf; !capital.empty())
                entry = static_cast<size_t>(rules().entity(capital) - rules().entities.data());
            for (const auto& [name, adjective] : rec.issuers)
                if (name == rules().entities[entry].name) return {entry, &adjective};
            return {kNone, nullptr};
        };
        size_t first = head, last = end, issuer = kNone;
        const std::string* adjective = nullptr;
        for (const Mention& o : mentions_) {
            // Before: "japanische", "Japans", "Japan 's", "EU -".
            bool before = o.last == head && (o.kind == MentionKind::DEMONYM || o.genitive || lang() == Lang::EN);
            if (!before && o.last + 1 == head && head > 0)
                before = words_[head - 1].folded == "'s"sv || (words_[head - 1].folded == "-"sv && words_[head - 1].begin == words_[o.last - 1].end);
            if (!before) continue;
            std::tie(issuer, adjective) = issuerOf(o);
            if (adjective) {
                first = o.first;
                break;
            }
        }
        if (!adjective) {
            // A possessive before the head whose clause names the issuer last:
            // "the Netherlands tightens its export controls" (no comma between).
            for (const auto& [possessive, n] : forms.possessives) {
                if (head < n || normalizeName(surface(head - n, head)) != possessive) continue;
                const Mention* named = nullptr;
                for (const Mention& o : mentions_)
                    if (o.last <= head - n && (!named || o.last > named->last)) named = &o;
                for (size_t w = named ? named->last : head; w < head - n; ++w)
                    if (words_[w].folded == ","sv) named = nullptr;
                if (named) std::tie(issuer, adjective) = issuerOf(*named);
                break;
            }
        }
        if (!adjective) {
            // After: „Südkoreas“, "der EU", "of Japan", "imposed by Tokyo".
            size_t at = end;
            auto linkEnd = [&]() -> size_t {
                if (const Mention* o = mentionCovering(at); o && o->first == at && o->genitive && lang() == Lang::DE) return at;
                for (const std::vector<std::string>& link : forms.links) {
                    size_t w = at;
                    bool ok = true;
                    for (size_t k = 0; ok && k < link.size(); ++k, ++w) ok = w < words_.size() && link[k] == words_[w].folded;
                    if (ok) return w;
                }
                return kNone;
            };
            const size_t w = linkEnd();
            if (w == kNone || !covered(w)) return;
            const Mention& o = *mentionCovering(w);
            if (o.first != w || o.kind != MentionKind::NAME) return;
            std::tie(issuer, adjective) = issuerOf(o);
            if (!adjective) return;
            last = o.last;
        }
        std::erase_if(mentions_, [&](const Mention& o) { return o.first < last && o.last > first; });
        indexCover();
        Mention m;
        m.first = first;
        m.last = last;
        m.label = rec.label;
        m.entity = entity(rec.label, *adjective + " " + *canonical);
        m.rule = rec.id;
        m.issuer = issuer;
        m.recognizer = r;
        addMention(std::move(m));
    }

    // Whether the one-word suffix at `suffix` is one the rules write only in capitals ("AB", "SE") and the text
    // does not: „das Dresdner Werk ab Januar“ holds no Swedish legal form. "plc" listed beside "PLC" matches as well.
    bool capitalsOnly(const Recognizer& rec, size_t suffix, size_t end) const {
        if (end != suffix + 1) return false;
        const std::string_view written = in_.text.substr(words_[suffix].begin, words_[suffix].end - words_[suffix].begin);
        bool listed = false;
        for (const std::string& s : rec.words) {
            if (s.size() != written.size()) continue;
            if (!std::equal(s.begin(), s.end(), written.begin(),
                            [](char a, char b) { return normalize::asciiLower(a) == normalize::asciiLower(b); }))
                continue;
            if (!Extractor::Compiled::isAcronym(s) || s == written) return false;
            listed = true;
        }
        return listed;
    }

    // Capitalised words right before a legal-form suffix, which is part of
    // the name; a known name right before it takes the suffix as an alias.
    void beforeSuffix(const Recognizer& rec, size_t suffix, size_t end) {
        // A suffix joined by a hyphen to the next word is part of that word: "Oh Se-young" holds no "SE".
        if (end < words_.size() && words_[end].folded == "-"sv && words_[end].begin == words_[end - 1].end) return;
        if (capitalsOnly(rec, suffix, end)) return;
        if (rec.afterKnown) {
            unitAfterKnown(rec, suffix, end);
            return;
        }
        if (covered(suffix) && !(end == suffix + 1 && yieldDescriptor(rec, suffix))) {
            officialNameOverListed(rec, suffix, end);
            return;
        }
        if (subsidiaryName(rec, suffix, end)) return;
        // "Kyoto University": the listed city is the name's first word, not a place of its own.
        if (rec.overPlaces && suffix > 0 && covered(suffix - 1) && !covered(suffix)) {
            const size_t k = cover_[suffix - 1];
            const Mention& m = mentions_[k];
            if (m.kind == MentionKind::NAME && m.last == suffix && !m.genitive && (m.label == "City"sv || m.label == "Country"sv) &&
                words_[m.first].capitalised) {
                mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(k));
                indexCover();
            }
        }
        size_t first = suffix;
        while (first > 0 && suffix - (first - 1) <= static_cast<size_t>(rec.maxWords) &&
               (nameWord(first - 1, false) || yieldDescriptor(rec, first - 1)))
            --first;
        if (first == suffix) {
            extendKnown(rec, suffix, end);
            return;
        }
        if (ignored_[first]) ++first;  // "Texas Instruments": no region starts a name
        if (first == suffix) return;
        size_t last = first;
        while (last < suffix && !c_.descriptors.contains(words_[last])) ++last;
        if (last == first) {
            // "Meiyun Semiconductor Co., Ltd." with "Meiyun" known: descriptors extend the known name.
            if (extendKnown(rec, suffix, end)) return;
            last = suffix;  // only descriptors: keep them
        }
        addRecognized(rec, first, end, rec.keepSuffix ? end : last);
        learn(first, suffix, mentions_.back().entity);
    }

    // "Elbtal Halbleiter GmbH", "Nerith AI": a descriptor that the gazetteer lists as a word of
    // another label (the topic "Halbleiter", "AI") is part of a company's name when a name word
    // stands right before it and a suffix ends the name; the listed word yields to the name.
    bool yieldDescriptor(const Recognizer& rec, size_t w) {
        if (w == 0 || !c_.descriptors.contains(words_[w]) || !words_[w].capitalised) return false;
        const Mention* m = mentionCovering(w);
        if (!m || m->first != w || m->last != w + 1 || m->kind != MentionKind::NAME || m->entry == kNone ||
            m->label == rec.label || !m->members.empty() || !nameWord(w - 1, false))
            return false;
        mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(cover_[w]));
        indexCover();
        return true;
    }

    // "its Strategic High-Tech Commodities Entity List" with "Entity List" listed: name words right
    // before a listed name that ends in a kept suffix make an official name of their own. Not over an
    // entry that implies relations, whose name states them.
    void officialNameOverListed(const Recognizer& rec, size_t suffix, size_t end) {
        if (!rec.keepSuffix) return;
        const size_t k = cover_[suffix];
        const Mention& m = mentions_[k];
        if (m.kind != MentionKind::NAME || m.entry == kNone || m.last != end || m.label != rec.label || m.genitive ||
            !rules().entities[m.entry].implies.empty())
            return;
        size_t first = m.first;
        auto joined = [&](size_t w) { return words_[w].begin == words_[w - 1].end; };  // no space between
        for (size_t words = m.last - m.first; first > 0 && words < static_cast<size_t>(rec.maxWords); ++words) {
            if (nameWord(first - 1, false)) --first;
            else if (first > 1 && words_[first - 1].folded == "-"sv && joined(first) && joined(first - 1) && nameWord(first - 2, false))
                first -= 2, --words;  // "High-Tech": one word
            else break;
        }
        while (first < m.first && (ignored_[first] || words_[first].kind != TokenKind::WORD)) ++first;
        if (first == m.first) return;
        mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(k));
        indexCover();
        addRecognized(rec, first, end, end);
    }

    // "Sorano Europe", "Voland Asia" with Sorano and Voland known: a known name right before an `afterKnown`
    // suffix names a unit of its own, the suffix kept; no known name, no name ("Southeast Asia").
    void unitAfterKnown(const Recognizer& rec, size_t suffix, size_t end) {
        if (covered(suffix)) return;
        for (size_t k = 0; k < mentions_.size(); ++k) {
            const Mention& m = mentions_[k];
            if (m.last != suffix || m.kind != MentionKind::NAME || m.label != rec.label || !m.members.empty() || m.genitive) continue;
            const size_t first = m.first;
            mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(k));
            indexCover();
            addRecognized(rec, first, end, end);
            return;
        }
    }

    // "Hanxin Design Co., Ltd.", "Voland Software GmbH": a known company's
    // name and more capitalised words before a legal form name a company of
    // its own, as subsidiaries are named; not when the more are descriptors.
    bool subsidiaryName(const Recognizer& rec, size_t suffix, size_t end) {
        if (rec.shape != Recognizer::Shape::NAME) return false;
        size_t w = suffix;
        while (w > 1 && suffix - w < static_cast<size_t>(rec.maxWords) && words_[w - 1].capitalised &&
               words_[w - 1].kind == TokenKind::WORD && !covered(w - 1))
            --w;
        if (w == suffix || trimmedEnd(rec, w - 1, suffix) == w) return false;
        for (size_t k = 0; k < mentions_.size(); ++k) {
            const Mention& m = mentions_[k];
            if (m.last != w || m.kind != MentionKind::NAME || m.label != rec.label || !m.members.empty()) continue;
            const size_t first = m.first;
            const size_t nameEnd = trimmedEnd(rec, first, suffix);
            // "Sorano Materials Europe GmbH" with Sorano known is Sorano Europe: the generic words between
            // the parent's name and the words that tell the subsidiary apart are no part of its name.
            size_t apart = w;
            while (apart < nameEnd && c_.descriptors.contains(words_[apart])) ++apart;
            mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(k));
            indexCover();
            if (apart > w && apart < nameEnd)
                addRecognized(rec, first, end, nameEnd, surface(first, w) + " " + surface(apart, nameEnd));
            else
                addRecognized(rec, first, end, nameEnd);
            return true;
        }
        return false;
    }

    // "Lumora Technologies Co., Ltd." with "Lumora" known: one mention.
    bool extendKnown(const Recognizer& rec, size_t suffix, size_t end) {
        size_t w = suffix;
        while (w > 0 && c_.descriptors.contains(words_[w - 1]) && !covered(w - 1)) --w;
        for (Mention& m : mentions_)
            if (m.last == w && m.kind == MentionKind::NAME && m.label == rec.label && m.members.empty()) {
                m.last = end;
                indexCover();
                return true;
            }
        return false;
    }

    // Capitalised words (or a quoted name) right after a cue.
    void afterCue(const Recognizer& rec, size_t from) {
        // "Tessaro's chief financial officer, Priya Raman": the name in apposition.
        if (from + 1 < words_.size() && words_[from].folded == ","sv && words_[from + 1].capitalised) ++from;
        while (rec.shape == Recognizer::Shape::PERSON && from < words_.size() && hitAt(from, Kind::TITLE))
            from += hitAt(from, Kind::TITLE);
        if (from >= words_.size()) return;
        if (extendAfterCue(rec, from)) return;
        size_t first = from, last = from;
        if (isQuote(words_[from].folded)) {
            // A quoted name ends at its closing quote; a hyphen joins ("„TQ-Etch 5“" is three words).
            first = last = from + 1;
            size_t count = 0;
            while (last < words_.size() && count < static_cast<size_t>(rec.maxWords) && !isQuote(words_[last].folded))
                count += words_[last++].folded != "-"sv;
            if (last == first || last >= words_.size() || !words_[first].capitalised) return;
            // A known name that the quotes run on from is a name of its own: „Causse-3 Mini“ with Causse-3 known.
            if (const Mention* m = mentionCovering(first); m && m->first == first && m->last < last && m->kind == MentionKind::NAME &&
                                                          m->label == rec.label && m->members.empty()) {
                size_t w = m->last;
                while (w < last && !covered(w)) ++w;
                if (w < last) return;
                mentions_.erase(mentions_.begin() + static_cast<std::ptrdiff_t>(cover_[first]));
                indexCover();
            }
        } else {
            last = nameEnd(rec, from);
        }
        if (last == first || covered(first) || covered(last - 1)) return;
        addRecognized(rec, first, last, trimmedEnd(rec, first, last));
    }

    // "die Tochter Lumora Europe": a known name and more name words after a
    // cue are a name of their own, unless the more are descriptors
    // ("Chipkonzern Hanxin Microelectronics" stays Hanxin).
    bool extendAfterCue(const Recognizer& rec, size_t from) {
        for (Mention& m : mentions_) {
            if (m.first != from || m.kind != MentionKind::NAME || m.label != rec.label || !m.members.empty()) continue;
            size_t last = m.last;
            while (last < words_.size() && last - m.first < static_cast<size_t>(rec.maxWords) && nameWord(last)) ++last;
            if (last == m.last) return false;
            const size_t nameEnd = trimmedEnd(rec, m.first, last);
            if (nameEnd <= m.last) {
                m.last = last;  // only descriptors: an alias of the known name
                indexCover();
                return true;
            }
            m = Mention{};
            std::erase_if(mentions_, [](const Mention& x) { return x.last == 0; });
            indexCover();
            addRecognized(rec, from, last, nameEnd);
            return true;
        }
        return false;
    }

    // The name right before a cue ("the Kiri photoresist", "HX-910 chips"),
    // unless the cue modifies a noun after it ("the Texas chip designer").
    void beforeCue(const Recognizer& rec, size_t cue, size_t cueEnd) {
        if (rec.dateline && sentenceCount_ != 1) return;
        // A cue that opens with a comma modifies nothing after it ("Jane Doe, chief executive of").
        if (words_[cue].kind == TokenKind::WORD && cueEnd < words_.size() && words_[cueEnd].kind == TokenKind::WORD &&
            !words_[cueEnd].capitalised && !functionWord(cueEnd))
            return;
        const bool product = rec.shape == Recognizer::Shape::PRODUCT;
        const bool person = rec.shape == Recognizer::Shape::PERSON;
        auto joined = [&](size_t x) { return words_[x].begin == words_[x - 1].end; };  // no space between
        size_t first = cue, w = cue, count = 0;
        while (w > 0 && count < static_cast<size_t>(rec.maxWords)) {
            size_t prev = w - 1;
            // A model code runs on across a hyphen: "HX-910", "Meridian-5".
            if (product && w < cue && prev > 0 && words_[prev].folded == "-"sv) --prev;
            // A hyphenated given name is one word: "Yoon Ha-eun", "Oh Se-young".
            if (person && prev > 1 && words_[prev].kind == TokenKind::WORD && words_[prev - 1].folded == "-"sv &&
                joined(prev) && joined(prev - 1) && nameWord(prev - 2))
                prev -= 2;
            if (!(product ? productWord(prev) : nameWord(prev))) break;
            w = prev;
            ++count;
            if (nameWord(w) && !ignored_[w]) first = w;
        }
        if (first == cue) return;
        if (rec.described > 0 && !describedAlone(rec, first, cue, cueEnd)) return;
        if (rec.dateline && first != 0) return;
        addRecognized(rec, first, cue, cue);
    }

    // A `described` recogniser's name: one word, not the sentence's first, no name word right
    // before it, a demonym right after the cue, and a description word within rec.described
    // words after the demonym.
    bool describedAlone(const Recognizer& rec, size_t first, size_t cue, size_t cueEnd) const {
        if (first + 1 != cue || first == 0 || nameWord(first - 1) || words_[first - 1].capitalised) return false;
        // A German noun after its adjective is no name: „Ihr größter Abnehmer, der Shanghaier Chipkonzern …“.
        if (lang() == Lang::DE && words_[first - 1].kind == TokenKind::WORD && !functionWord(first - 1)) return false;
        const Mention* demonym = cueEnd < words_.size() ? mentionCovering(cueEnd) : nullptr;
        if (!demonym || demonym->kind != MentionKind::DEMONYM || demonym->first != cueEnd) return false;
        for (size_t w = demonym->last, n = 0; w < words_.size() && n < static_cast<size_t>(rec.described); ++w, ++n)
            if (cueWord(w)) return true;
        return false;
    }

    // Where a name that starts at `from` ends, by the recogniser's shape.
    // An ignored word ("Europe") may continue a name ("Lumora Europe") but not start one.
    size_t nameEnd(const Recognizer& rec, size_t from) const {
        if (!nameWord(from) || ignored_[from]) return from;
        size_t last = from + 1, count = 1;
        const auto max = static_cast<size_t>(rec.maxWords);
        while (last < words_.size() && count < max) {
            const std::string& f = words_[last].folded;
            const bool hyphen = f == "-"sv && last + 1 < words_.size();
            if (rec.shape == Recognizer::Shape::PERSON && hyphen && words_[last + 1].kind == TokenKind::WORD) {
                last += 2;  // "Jae-won"
            } else if (rec.shape == Recognizer::Shape::PRODUCT && hyphen && productWord(last + 1)) {
                last += 2;  // "HX-910", "Canglan-2"
            } else if (rec.shape == Recognizer::Shape::PRODUCT && productWord(last)) {
                ++last, ++count;  // "Vela 2", "Kestrel K5"
            } else if (nameWord(last)) {
                ++last, ++count;
            } else {
                break;
            }
        }
        return last;
    }

    // A word that may be part of a recognised name.
    // A word that may be part of a recognised name; after a cue (`strict`)
    // not a German common noun either, which a legal-form suffix rules out by itself.
    bool nameWord(size_t w, bool strict = true) const {
        return words_[w].capitalised && words_[w].kind == TokenKind::WORD && !covered(w) &&
               !c_.stopwords.contains(words_[w]) && !cueWord(w) && !(strict && germanNoun(w));
    }

    // "Rechenkapazität", "Entwicklung": a German common noun, by its ending.
    bool germanNoun(size_t w) const {
        if (lang() != Lang::DE) return false;
        const std::string& f = words_[w].folded;
        return std::any_of(c_.nounEndings.begin(), c_.nounEndings.end(),
                           [&](const std::string& e) { return f.size() > e.size() + 2 && f.ends_with(e); });
    }

    // A word of a product name: a name word, a number, or a code ("K5").
    bool productWord(size_t w) const {
        if (covered(w)) return false;
        if (words_[w].kind == TokenKind::NUMBER) return true;
        return nameWord(w) || (words_[w].kind == TokenKind::WORD && hasDigit(words_[w].folded) && words_[w].capitalised);
    }

    // Cue words, roles, titles and descriptive heads describe a name; they are never part of one.
    bool cueWord(size_t w) const { return flags_[w] & kDescribes; }

    // A recognised company is named without trailing descriptors: "Hanxin
    // Microelectronics" is "Hanxin", "Beiming Intelligence" is "Beiming".
    // Where the name ends in the words [first, last).
    size_t trimmedEnd(const Recognizer& rec, size_t first, size_t last) const {
        if (rec.shape != Recognizer::Shape::NAME) return last;
        size_t end = last;
        while (end > first + 1 && c_.descriptors.contains(words_[end - 1])) --end;
        return end;
    }

    // A recognised mention of the words [first, last), named by [first, nameEnd) or by `name` when given.
    void addRecognized(const Recognizer& rec, size_t first, size_t last, size_t nameEnd, std::optional<std::string> name = {}) {
        Mention m;
        m.first = first;
        m.last = last;
        m.label = rec.label;
        m.entity = entity(rec.label, name ? *name : surface(first, nameEnd));
        m.rule = rec.id;
        m.genitive = followedByPossessive(last);
        learn(first, nameEnd, m.entity);
        learn(first, last, m.entity);
        if (rec.shape == Recognizer::Shape::PERSON) learnNameParts(first, nameEnd, m.entity);
        if (rec.label == "Company"sv) learnShortName(rec, first, last, m.entity);
        addMention(std::move(m));
    }

    // A person is named later by the family name alone ("Brandl", "Choi"),
    // which may come first or last: both ends of a full name are learnt.
    void learnNameParts(size_t first, size_t last, size_t e) {
        auto spaceBefore = [&](size_t w) { return words_[w].begin > words_[w - 1].end; };
        size_t firstEnd = first + 1, lastStart = last - 1;
        while (firstEnd < last && !spaceBefore(firstEnd)) ++firstEnd;
        while (lastStart > first && !spaceBefore(lastStart)) --lastStart;
        if (firstEnd >= last) return;  // one name only
        learn(first, firstEnd, e);
        learn(lastStart, last, e);
    }

    // "Formotek Semiconductor Manufacturing Co., Ltd. (FSMC)": FSMC names it too.
    void findAcronyms() {
        const size_t count = mentions_.size();
        for (size_t k = 0; k < count; ++k) {
            const Mention& m = mentions_[k];
            const size_t a = m.last + 1;
            if (m.kind != MentionKind::NAME || m.entity == kNone || a + 1 >= words_.size()) continue;
            if (words_[m.last].folded != "("sv || words_[a + 1].folded != ")"sv || covered(a)) continue;
            if (m.label != "Company"sv && m.label != "Organization"sv) continue;
            std::string_view acronym = in_.text.substr(words_[a].begin, words_[a].end - words_[a].begin);
            if (acronym.size() < 2 || acronym.size() > 8 ||
                !std::all_of(acronym.begin(), acronym.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }))
                continue;
            Mention x = m;  // a copy: adding it may move mentions_
            x.first = a;
            x.last = a + 1;
            x.rule = "acronym";
            x.genitive = false;
            const size_t named = x.entity;
            addMention(std::move(x));
            learn(a, a + 1, named);
        }
    }

    // ------------------------------------------------------------ anaphora

    // Descriptions, pronouns and possessives, resolved in resolveMentions().
    // „Die Jenaer beliefern zudem …“, „Stratavolt bezieht HBM von den Koreanern“: a capitalised German demonym after a
    // determiner with no noun after it for it to modify is a noun, and describes a company (an anaphor with `demonyms`).
    void demonymNouns() {
        if (lang() != Lang::DE) return;
        for (size_t a = 0; a < rules().anaphora.size(); ++a) {
            const Anaphor& an = rules().anaphora[a];
            if (!an.demonyms) continue;
            for (Mention& m : mentions_) {
                if (m.kind != MentionKind::DEMONYM || m.last != m.first + 1 || m.first == 0 || m.entry == kNone || !words_[m.first].capitalised) continue;
                if (m.last < words_.size() && (words_[m.last].folded == "-"sv || (words_[m.last].kind == TokenKind::WORD && words_[m.last].capitalised))) continue;
                const std::string& det = words_[m.first - 1].folded;
                if (std::none_of(an.determiners.begin(), an.determiners.end(), [&](const std::string& d) { return normalizeName(d) == det; })) continue;
                m.place = m.entry;
                m.entry = kNone;
                m.kind = MentionKind::DESCRIPTION;
                m.label = an.label;
                m.anaphor = a;
                m.headRef = kNone;
                m.first -= 1;
                m.rule = "anaphora";
            }
        }
    }

    void findAnaphora() {
        demonymNouns();
        for (size_t i = 0; i < words_.size(); ++i) {
            if (!hasKindAt(i, Kind::ANAPHOR_HEAD)) continue;
            for (const Hit& h : hitsAt(i))
                if (h.kind == Kind::ANAPHOR_HEAD) description(h.id, i, i + h.words, c_.headRef(h.ref));
        }
        for (size_t i = 0; i < words_.size() && sentenceHas(Kind::ANAPHOR_PHRASE); ++i) {
            if (!hasKindAt(i, Kind::ANAPHOR_PHRASE)) continue;
            // An anaphor with `verbs` first: "it bars" is the policy's "it"
            // when its verb follows (or stands right before: "gelten sie"), else the company's.
            for (int pass = 0; pass < 2; ++pass)
            for (const Hit& h : hitsAt(i)) {
                if (h.kind != Kind::ANAPHOR_PHRASE || covered(i) || covered(i + h.words - 1)) continue;
                const Anaphor& a = rules().anaphora[h.id];
                if ((a.verbs.empty() && !a.quoted) == (pass == 0)) continue;
                if (a.quoted && !quoted(words_[i].begin)) continue;
                if (pass == 0 && !a.verbs.empty() && ((!hitAt(i + h.words, Kind::ANAPHOR_VERB, h.id) && !(i > 0 && hitAt(i - 1, Kind::ANAPHOR_VERB, h.id) == 1)) ||
                                  !namedLately(a.label, i)))
                    continue;
                if (a.kind == Anaphor::Kind::RELATIVE) {
                    relative(h.id, i, i + h.words);
                    continue;
                }
                addAnaphor(h.id, i, i + h.words,
                           a.kind == Anaphor::Kind::PRONOUN      ? MentionKind::PRONOUN
                           : a.kind == Anaphor::Kind::POSSESSIVE ? MentionKind::POSSESSIVE
                                                                 : MentionKind::DESCRIPTION);
            }
        }
    }

    // Whether the byte stands inside a quotation: an odd number of quotation marks before it in its paragraph.
    bool quoted(uint32_t at) const {
        const std::string_view text = in_.text;
        size_t from = text.rfind("\n\n", at);
        from = from == std::string_view::npos ? 0 : from;
        size_t marks = 0;
        for (size_t b = from; b < at; ++b) {
            const auto c = static_cast<unsigned char>(text[b]);
            if (c == '"') ++marks;
            else if (c == 0xE2 && b + 2 < at && static_cast<unsigned char>(text[b + 1]) == 0x80) {
                const auto d = static_cast<unsigned char>(text[b + 2]);
                marks += d == 0x9C || d == 0x9D || d == 0x9E;  // “ ” „
            } else if (c == 0xC2 && b + 1 < at) {
                const auto d = static_cast<unsigned char>(text[b + 1]);
                marks += d == 0xAB || d == 0xBB;  // « »
            }
        }
        return marks % 2 == 1;
    }

    // Whom a quotation's "we" means: the company the quoted person works for (WORKS_FOR so far),
    // the person named in the sentence, else the person named last.
    size_t speakerCompany() const {
        auto employer = [&](size_t person) -> size_t {
            if (person == kNone) return kNone;
            const std::string& name = out_.entities[person].entity.name;
            for (const ExtractedRelation& r : out_.relations) {
                if (r.relation.type != "WORKS_FOR"sv || r.relation.subject != name) continue;
                for (size_t e = 0; e < out_.entities.size(); ++e)
                    if (out_.entities[e].entity.label == "Company"sv && out_.entities[e].entity.name == r.relation.object) return e;
            }
            return kNone;
        };
        for (const Mention& o : mentions_) {
            if (o.label != "Person"sv || o.kind != MentionKind::NAME) continue;
            const size_t person = o.entity != kNone ? o.entity : o.entry != kNone ? entryEntities_[o.entry] : kNone;
            if (size_t e = employer(person); e != kNone) return e;
        }
        return employer(mostRecent("Person", seenBefore_));
    }

    // Whether this sentence before word w, or the one before it, named an entity of the label.
    bool namedLately(std::string_view label, size_t w) const {
        for (const Mention& m : mentions_)
            if (m.label == label && m.first < w && !isAnaphoric(m.kind)) return true;
        for (size_t e = 0; e < seenBefore_.size(); ++e)
            if (seenBefore_[e] > previousClock_ && out_.entities[e].entity.label == label) return true;
        return false;
    }

    // A determiner, up to five modifiers and the head: "the Santa Clara-based
    // company". Not when a name follows: "der Chipkonzern Hanxin" is a cue.
    void description(size_t anaphor, size_t head, size_t end, size_t headRef) {
        if (covered(head) || covered(end - 1)) return;
        if (const Mention* next = end < words_.size() ? mentionCovering(end) : nullptr; next && next->kind == MentionKind::NAME)
            return;
        // "its Shanghai-based design subsidiary, Hanxin Design": the name in apposition is what it describes;
        // an owner is not ("The San Francisco AI lab, Pyxon's largest customer").
        if (end + 1 < words_.size() && words_[end].folded == ","sv)
            if (const Mention* next = mentionCovering(end + 1); next && next->kind == MentionKind::NAME && next->first == end + 1 &&
                                                               next->label == rules().anaphora[anaphor].label && !next->genitive)
                return;
        // Modifiers are counted in words: "the Stuttgart-based car-parts maker".
        for (size_t d = head, count = 0; d-- > 0 && count <= kMaxModifiers;) {
            if (words_[d].kind != TokenKind::PUNCTUATION) ++count;
            if (hitAt(d, Kind::DETERMINER, anaphor)) {
                // The head alone is the mention: its modifiers stay words that
                // patterns can read ("the {Santa Clara}-based {company}").
                addAnaphor(anaphor, head, end, MentionKind::DESCRIPTION);
                mentions_.back().headRef = headRef;
                return;
            }
            if (!modifier(d)) return;
        }
    }

    // "Stratavolt, der sich ... beteiligt hatte": the name right before the comma.
    void relative(size_t anaphor, size_t first, size_t last) {
        if (first < 2 || words_[first - 1].folded != ","sv) return;
        for (const Mention& m : mentions_) {
            if (m.last != first - 1 || m.kind == MentionKind::DEMONYM || m.kind == MentionKind::GROUP) continue;
            const std::string_view label = m.label;  // addAnaphor() moves mentions_
            addAnaphor(anaphor, first, last, MentionKind::RELATIVE);
            mentions_.back().label = label;
            return;
        }
    }

    bool modifier(size_t w) const {
        const Word& word = words_[w];
        if (word.kind == TokenKind::PUNCTUATION) return word.folded == "-"sv || word.folded == "%"sv;  // "the 25% duty"
        if (functionWord(w)) return false;
        const Mention* m = mentionCovering(w);
        return !m || (m->label != "Company"sv && m->label != "Organization"sv && m->label != "Person"sv);
    }

    void addAnaphor(size_t anaphor, size_t first, size_t last, MentionKind kind) {
        Mention m;
        m.first = first;
        m.last = last;
        m.kind = kind;
        m.anaphor = anaphor;
        m.label = rules().anaphora[anaphor].label;
        m.rule = "anaphora";
        m.genitive = followedByPossessive(last);
        addMention(std::move(m));
    }

    // ", the parent company of Y," after a name: an apposition. What stands
    // in it is about the name, not an end for a trigger outside it.
    void findAppositions() {
        appositions_.clear();
        for (const Mention& m : mentions_) {
            const size_t comma = m.last;
            if (comma + 1 >= words_.size() || words_[comma].folded != ","sv || !hitAt(comma + 1, Kind::APPOSITION)) continue;
            // English "an" opens one ("Hanbit, an Icheon-based chipmaker"), the German preposition does not
            // („die Brenntal GmbH aus Jena, an der Kerrberg 20 Prozent hält“ is a relative clause).
            if (lang() == Lang::DE && words_[comma + 1].folded == "an"sv) continue;
            if (!appositions_.empty() && appositions_.back().second > comma) continue;
            size_t end = comma + 1;
            while (end < words_.size() && words_[end].folded != ","sv && words_[end].folded != ";"sv && words_[end].folded != ":"sv)
                ++end;
            appositions_.emplace_back(comma + 1, end);
        }
        for (Mention& m : mentions_)
            for (size_t a = 0; a < appositions_.size(); ++a)
                if (m.first >= appositions_[a].first && m.last <= appositions_[a].second) m.apposition = static_cast<int>(a);
    }

    bool inApposition(size_t w, int a) const {
        return a >= 0 && w >= appositions_[static_cast<size_t>(a)].first && w < appositions_[static_cast<size_t>(a)].second;
    }

    // Lists each mention's entity in order of the text, resolving references
    // back against what came before them.
    void resolveMentions() {
        std::optional<size_t> subject;  // the sentence's first company: what "it" means in the next one
        std::optional<size_t> owner;    // else its first company's genitive ("The order is Kerrberg's largest.")
        for (size_t k = 0; k < mentions_.size(); ++k) {
            Mention& m = mentions_[k];
            if (m.kind == MentionKind::DEMONYM) continue;  // listed only when a relation uses it
            if (m.kind == MentionKind::GROUP) {
                for (size_t e : m.members) note(e, m), touch(e, true);
                continue;
            }
            if (isAnaphoric(m.kind)) m.entity = resolve(k);
            else if (m.entity == kNone) m.entity = entryEntity(m.entry);
            // "the two Chinese chipmakers": the last ones named, each an end.
            if (m.kind == MentionKind::DESCRIPTION && rules().anaphora[m.anaphor].count > 1) {
                m.members = mostRecentOnes(m.label, static_cast<size_t>(rules().anaphora[m.anaphor].count));
                m.entity = m.members.empty() ? kNone : m.members.front();
            }
            if (m.entity == kNone) continue;
            // "the Austin-based chip designer" said: the antecedent is now known as a chip designer too.
            // Not for a head that prefers by relation („die Tochter“ finds the last subsidiary by SUBSIDIARY_OF).
            if (m.kind == MentionKind::DESCRIPTION && m.headRef != kNone && m.members.empty()) {
                const Anaphor& a = rules().anaphora[m.anaphor];  // only a description has one
                if (!a.generic && !a.prefer && !a.preferObject) kinds_[m.entity].insert(m.anaphor), headsSeen_[m.entity].insert(m.headRef);
            }
            note(m.entity, m);
            if (m.entry != kNone && m.kind == MentionKind::NAME) implied(m);
            if (m.issuer != kNone) {
                size_t o = entryEntity(m.issuer);
                out_.entities[o].evidence.push_back(evidence(m.first, m.last, "implied"));
                if (!rules().recognizers[m.recognizer].issuerRelation.empty())
                    addRelation(rules().recognizers[m.recognizer].issuerRelation, m.rule.data() ? std::string(m.rule) : "", o, m.entity, {}, m.first, m.last);
                // "Taiwan's Ministry of Economic Affairs" is in Taiwan.
                const std::string& to = rules().recognizers[m.recognizer].toIssuer;
                if (const RelationSpec* spec = to.empty() ? nullptr : rules().relation(to);
                    spec && hasLabel(spec->to, out_.entities[o].entity.label))
                    addRelation(to, m.rule.data() ? std::string(m.rule) : "", m.entity, o, {}, m.first, m.last);
            }
            learnKinds(m);
            // A pronoun names nothing new: "its Paris-based unit" is not the
            // company "its" stands for, whichever was named last.
            if (!isPronoun(m.kind)) touch(m.entity, true);
            if (!subject && m.label == "Company"sv && m.apposition < 0 && !m.genitive) subject = m.entity;
            if (!owner && m.label == "Company"sv && m.apposition < 0 && m.genitive && !isPronoun(m.kind)) owner = m.entity;
        }
        std::erase_if(mentions_, [](const Mention& m) { return isAnaphoric(m.kind) && m.entity == kNone; });
        indexCover();
        startBegin_.assign(words_.size() + 1, mentions_.size());
        for (size_t w = 0, k = 0; w <= words_.size(); ++w) {
            while (k < mentions_.size() && mentions_[k].first < w) ++k;
            startBegin_[w] = k;
        }
        if (subject) previousSubject_ = subject;
        else if (owner) previousSubject_ = owner;
    }

    void touch(size_t e, bool named) {
        lastSeen_[e] = ++clock_;
        if (named && firstSeen_[e] == 0) firstSeen_[e] = clock_;
        if (named && itemFirst_[e] <= itemClock_) itemFirst_[e] = clock_;
    }

    // Whether the sentence at `begin` opens a paragraph: 1 for a list item ("* ", "- ", "• "), 0 for
    // another paragraph, -1 when it does not open one.
    int listItemStart(size_t begin) const {
        const std::string_view text = in_.text;
        // memrchr, not rfind, which steps back a byte at a time over the paragraph before.
        const auto* feed = static_cast<const char*>(memrchr(text.data(), '\n', begin));
        const size_t ls = feed == nullptr ? 0 : static_cast<size_t>(feed - text.data()) + 1;
        const size_t at = text.find_first_not_of(" \t", ls);  // the line's first visible character
        if (at == std::string_view::npos) return 0;
        for (std::string_view marker : {"* ", "- ", "\u2022 "}) {
            if (at > begin || !text.substr(at).starts_with(marker)) continue;
            const size_t after = at + marker.size();
            if (begin <= after || text.find_first_not_of(" \t", after) >= begin) return 1;
        }
        return at >= begin ? 0 : -1;
    }

    // "The startup Corvex", "Stratavolt Inc., the Californian designer":
    // the heads that describe an entity, so that "the startup" finds it later.
    void learnKinds(const Mention& m) {
        if (m.kind != MentionKind::NAME) return;
        for (size_t w = m.first; w-- > 0 && m.first - w <= 4;) {
            for (const Hit& h : hitsOf(w, kindBits({Kind::ANAPHOR_HEAD})))
                if (h.kind == Kind::ANAPHOR_HEAD && w + h.words >= m.first) kinds_[m.entity].insert(h.id), headsSeen_[m.entity].insert(c_.headRef(h.ref));
            if (words_[w].kind == TokenKind::PUNCTUATION && words_[w].folded != "-"sv) break;
        }
        // "its Shanghai subsidiary, Meiyun Design": the head the name stands in apposition to.
        if (m.first >= 2 && words_[m.first - 1].folded == ","sv)
            for (const Hit& h : hitsOf(m.first - 2, kindBits({Kind::ANAPHOR_HEAD})))
                if (h.kind == Kind::ANAPHOR_HEAD && h.words == 1) kinds_[m.entity].insert(h.id), headsSeen_[m.entity].insert(c_.headRef(h.ref));
        for (const auto& [from, to] : appositions_) {
            if (from != m.last + 1) continue;
            for (size_t w = from; w < to; ++w)
                if (size_t n = hitAt(w, Kind::ANAPHOR_HEAD))
                    for (const Hit& h : hitsAt(w))
                        if (h.kind == Kind::ANAPHOR_HEAD && h.words == n) kinds_[m.entity].insert(h.id), headsSeen_[m.entity].insert(c_.headRef(h.ref));
        }
    }

    size_t resolve(size_t k) {
        const Mention& m = mentions_[k];
        const Anaphor& a = rules().anaphora[m.anaphor];
        switch (a.kind) {
            // "..., the Japanese materials maker said": an attribution names the sentence's subject.
            case Anaphor::Kind::DESCRIPTION:
                if (hitAt(m.last, Kind::REPORTING))
                    for (size_t j = 0; j < k; ++j) {
                        const Mention& o = mentions_[j];
                        if (o.label == a.label && o.entity != kNone && o.apposition < 0 && !o.genitive && o.kind != MentionKind::GROUP)
                            return o.entity;
                    }
                if (size_t e = namedByModifier(m); e != kNone) return e;
                if (m.place != kNone) {  // „die Jenaer“: only an entity the text placed there
                    const std::pair<std::string_view, std::string_view> place(rules().entities[m.place].label, rules().entities[m.place].name);
                    const size_t e = described(a, m.anaphor, m.headRef, place);
                    return e != kNone && placed(e, place, true) ? e : kNone;
                }
                return described(a, m.anaphor, m.headRef, placeOf(m), ownerInOwnApposition(k));
            case Anaphor::Kind::PRONOUN: return a.quoted ? speakerCompany() : pronoun(k, a.label);
            case Anaphor::Kind::POSSESSIVE: return a.quoted ? speakerCompany() : a.relative ? antecedent(k) : possessive(k, a.label);
            case Anaphor::Kind::RELATIVE: return antecedent(k);
        }
        return kNone;
    }

    // An owner described in a name's apposition is not that name: "Hanbit Packaging, the company's packaging arm"
    // is another company's arm. The name's entity, else kNone.
    size_t ownerInOwnApposition(size_t k) const {
        const Mention& d = mentions_[k];
        if (!d.genitive || d.apposition < 0) return kNone;
        for (size_t j = 0; j < k; ++j)
            if (mentions_[j].last + 1 == appositions_[static_cast<size_t>(d.apposition)].first && mentions_[j].entity != kNone) return mentions_[j].entity;
        return kNone;
    }

    // A description whose modifier is a word of a name other than its first ("the cloud unit of Lumora"
    // after "Lumora Cloud", „die Verpackungssparte“ is not read so): the entity named so, the most recent one.
    size_t namedByModifier(const Mention& d) const {
        std::vector<std::string_view> modifiers;
        for (size_t w = d.first; w-- > 0 && modifiers.size() < kMaxModifiers;) {
            if (hitAt(w, Kind::DETERMINER, d.anaphor)) break;
            const Word& word = words_[w];
            if (word.kind == TokenKind::PUNCTUATION) {
                if (word.folded == "-"sv) continue;
                break;
            }
            if (functionWord(w)) break;
            const bool named = std::any_of(mentions_.begin(), mentions_.end(), [&](const Mention& o) { return w >= o.first && w < o.last; });
            if (!named && word.folded.size() >= 4) modifiers.push_back(word.folded);
        }
        if (modifiers.empty()) return kNone;
        const std::string_view label = rules().anaphora[d.anaphor].label;
        size_t best = kNone;
        for (size_t e = 0; e < out_.entities.size(); ++e) {
            if (out_.entities[e].entity.label != label || lastSeen_[e] == 0) continue;
            const std::string name = normalizeName(out_.entities[e].entity.name);
            for (size_t space = name.find(' '); space != std::string::npos; space = name.find(' ', space + 1)) {
                const size_t end = name.find(' ', space + 1);
                const std::string_view word = std::string_view(name).substr(space + 1, end == std::string::npos ? std::string::npos : end - space - 1);
                if (std::find(modifiers.begin(), modifiers.end(), word) != modifiers.end() && (best == kNone || lastSeen_[e] > lastSeen_[best])) best = e;
            }
        }
        return best;
    }

    // The most recent entity of the label, preferring one the text described
    // with the same head word ("the Shanghai chipmaker" after "the chipmaker
    // Hanxin", not after "the startup Beiming"), then with a head of the same
    // anaphor, or one that is the subject (object) of `prefer` (`preferObject`).
    // A place a description carries, in it or among the modifiers right before
    // it ("the Kyoto resist maker", "des Shanghaier Chipherstellers"): its
    // label and canonical name, else empty.
    std::pair<std::string_view, std::string_view> placeOf(const Mention& d) const {
        for (const Mention& o : mentions_) {
            if (&o == &d || o.last > d.last || o.first + 4 < d.first || (o.label != "City"sv && o.label != "Country"sv)) continue;
            bool attached = true;
            for (size_t w = o.last; w < d.first && attached; ++w)
                attached = words_[w].kind != TokenKind::PUNCTUATION || words_[w].folded == "-"sv;
            if (!attached) continue;
            if (o.entry != kNone) return {o.label, rules().entities[o.entry].name};
            if (o.entity != kNone) return {o.label, out_.entities[o.entity].entity.name};
        }
        return {};
    }

    // Whether the text placed e elsewhere (a LOCATED_IN of the place's label
    // to another name), or there (`at`).
    bool placed(size_t e, std::pair<std::string_view, std::string_view> place, bool at) const {
        const std::string& name = out_.entities[e].entity.name;
        for (const ExtractedRelation& r : out_.relations) {
            if (r.relation.type != "LOCATED_IN"sv || r.relation.subject != name) continue;
            for (const auto& o : out_.entities)
                if (o.entity.name == r.relation.object && o.entity.label == place.first && (o.entity.name == place.second) == at) return true;
        }
        return false;
    }

    // A description that carries a place prefers an entity the text placed
    // there and passes over one it placed elsewhere ("the Kyoto resist maker"
    // is not the Osaka-based wafer maker named before it).
    size_t described(const Anaphor& a, size_t anaphor, size_t headRef = kNone,
                     std::pair<std::string_view, std::string_view> place = {}, size_t except = kNone) const {
        size_t best = kNone, preferred = kNone, sameHead = kNone, there = kNone, undescribed = kNone;
        if (a.generic) headRef = kNone;  // "der Konzern": the most recent company, however it was described
        for (size_t e = 0; e < out_.entities.size(); ++e) {
            if (e == except || out_.entities[e].entity.label != a.label || lastSeen_[e] == 0) continue;
            const bool otherHead = headRef != kNone && !headsSeen_[e].empty() && !headsSeen_[e].count(headRef);
            if (!place.first.empty()) {
                if (placed(e, place, false)) continue;
                // "the Shanghai chipmaker" is not the Shanghai subsidiary named before.
                if (placed(e, place, true) && !otherHead && (there == kNone || lastSeen_[e] > lastSeen_[there])) there = e;
            }
            if (best == kNone || lastSeen_[e] > lastSeen_[best]) best = e;
            if (headRef != kNone && headsSeen_[e].count(headRef) && (sameHead == kNone || lastSeen_[e] > lastSeen_[sameHead])) sameHead = e;
            // An entity described by another head of the anaphor ("the startup") is not preferred for this one.
            // "the Taiwanese foundry" is not the company the text called "the chip designer".
            if (!otherHead && (undescribed == kNone || lastSeen_[e] > lastSeen_[undescribed])) undescribed = e;
            const bool kind = (!a.generic && kinds_[e].count(anaphor) > 0 && !otherHead) || (a.prefer && isEndOf(*a.prefer, e, true)) ||
                              (a.preferObject && isEndOf(*a.preferObject, e, false));
            if (kind && (preferred == kNone || lastSeen_[e] > lastSeen_[preferred])) preferred = e;
        }
        if (there != kNone) return there;
        return sameHead != kNone ? sameHead : preferred != kNone ? preferred : undescribed != kNone ? undescribed : best;
    }

    bool isEndOf(const std::string& type, size_t e, bool subject) const {
        const std::string& name = out_.entities[e].entity.name;
        return std::any_of(out_.relations.begin(), out_.relations.end(), [&](const ExtractedRelation& r) {
            return r.relation.type == type && (subject ? r.relation.subject : r.relation.object) == name;
        });
    }

    // A pronoun's or possessive's antecedent when its sentence names none before it (mention k):
    // the last sentence's subject, else the entity of the label named last.
    size_t beforeSentence(size_t k, std::string_view label) const {
        // „der Perlfluss-Halbleiterfonds stockte seine Beteiligung auf“: the clause's subject is a
        // fund or agency, so "seine" is no company named before the sentence.
        if (label == "Company"sv)
            for (size_t j = 0; j < k; ++j)
                if (mentions_[j].label == "Organization"sv && mentions_[j].kind == MentionKind::NAME) return kNone;
        if (previousSubject_ && out_.entities[*previousSubject_].entity.label == label) return *previousSubject_;
        return mostRecent(label, lastSeen_);
    }

    // "it": the sentence's first entity of the label before it, else the last sentence's subject.
    size_t pronoun(size_t k, std::string_view label) const {
        for (size_t j = 0; j < k; ++j) {
            const Mention& o = mentions_[j];
            if (o.label == label && o.entity != kNone && o.apposition < 0 && !o.genitive && o.kind != MentionKind::GROUP) return o.entity;
        }
        return beforeSentence(k, label);
    }

    // "its": a pronoun before it in the sentence, else the nearest entity of
    // the label before it, except the name whose apposition it opens
    // ("Stratavolt, its largest shareholder"), else as a pronoun.
    size_t possessive(size_t k, std::string_view label) const {
        const Mention& m = mentions_[k];
        for (size_t j = 0; j < k; ++j)
            if (mentions_[j].kind == MentionKind::PRONOUN && mentions_[j].label == label && mentions_[j].entity != kNone)
                return mentions_[j].entity;
        // The clause's subject: a relative pronoun's antecedent ("Beiming, das sein Modell"), else the
        // sentence's first name or description of the label ("X, ..., said its unit Y"; "X counts Y
        // among its customers"), unless a reporting word lies between it and a later one ("X said Y
        // would train its model": Y's).
        for (size_t j = k; j-- > 0;) {
            const Mention& o = mentions_[j];
            if (o.label != label || o.entity == kNone || o.kind == MentionKind::GROUP) continue;
            if (o.kind == MentionKind::RELATIVE) return o.entity;
            if (!isPronoun(o.kind)) break;
        }
        // A clause joined by ", and" / „, und“ has a subject of its own: "… chips, which Formotek makes, and
        // Stratavolt has booked capacity for its Kestrel K7" is Stratavolt's.
        static const WordSet kClauseJoiners = {"and", "but", "while", "whereas", "und", "aber", "während"};
        // So has a clause after a semicolon: "X and Y are its largest buyers; Y integrates the module into its platform" is Y's.
        for (size_t w = m.first; w-- > 0;) {
            if (words_[w].folded != ";"sv) continue;
            for (size_t j = 0; j < k; ++j) {
                const Mention& o = mentions_[j];
                if (o.first <= w || o.label != label || o.entity == kNone || o.kind == MentionKind::GROUP || o.genitive || isPronoun(o.kind)) continue;
                if (o.apposition >= 0 && !inApposition(m.first, o.apposition)) continue;
                return o.entity;
            }
            break;
        }
        for (size_t w = m.first; w-- > 1;) {
            if (words_[w - 1].folded != ","sv || !kClauseJoiners.contains(words_[w])) continue;
            for (size_t j = 0; j < k; ++j) {
                const Mention& o = mentions_[j];
                if (o.first <= w || o.label != label || o.entity == kNone || o.kind == MentionKind::GROUP || o.genitive || isPronoun(o.kind)) continue;
                if (o.apposition >= 0 && !inApposition(m.first, o.apposition)) continue;
                if (o.last + 1 == m.first && words_[o.last].folded == ","sv) continue;
                return o.entity;
            }
            break;
        }
        size_t reported = kNone;
        for (size_t w = m.first; w-- > 0;)
            if (hitAt(w, Kind::REPORTING)) {
                reported = w;
                break;
            }
        for (size_t j = 0; j < k; ++j) {
            const Mention& o = mentions_[j];
            if (o.label != label || o.entity == kNone || o.kind == MentionKind::GROUP || o.genitive || isPronoun(o.kind)) continue;
            if (o.apposition >= 0 && !inApposition(m.first, o.apposition)) continue;
            if (o.last + 1 == m.first && words_[o.last].folded == ","sv) continue;
            if (reported != kNone && o.first < reported &&
                std::any_of(mentions_.begin() + static_cast<std::ptrdiff_t>(j + 1), mentions_.begin() + static_cast<std::ptrdiff_t>(k), [&](const Mention& p) {
                    return p.first > reported && p.label == label && p.entity != kNone && !isPronoun(p.kind) && p.kind != MentionKind::GROUP;
                }))
                break;
            return o.entity;
        }
        for (size_t j = k; j-- > 0;) {
            const Mention& o = mentions_[j];
            if (o.label != label || o.entity == kNone || o.kind == MentionKind::GROUP) continue;
            if (o.apposition >= 0 && !inApposition(m.first, o.apposition)) continue;
            if (o.last + 1 == m.first && words_[o.last].folded == ","sv) continue;
            return o.entity;
        }
        return beforeSentence(k, label);
    }

    size_t antecedent(size_t k) const {
        for (size_t j = k; j-- > 0;)
            if (mentions_[j].last + 1 == mentions_[k].first && mentions_[j].entity != kNone) return mentions_[j].entity;
        return kNone;
    }

    // The entity of the label mentioned last (`seen`: lastSeen_, or seenBefore_ for before this sentence).
    // The n entities of the label named last, or none when fewer were named.
    std::vector<size_t> mostRecentOnes(std::string_view label, size_t n) const {
        std::vector<size_t> out;
        for (size_t e = 0; e < lastSeen_.size(); ++e)
            if (lastSeen_[e] != 0 && out_.entities[e].entity.label == label) out.push_back(e);
        if (out.size() < n) return {};
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), out.end(),
                          [&](size_t a, size_t b) { return lastSeen_[a] > lastSeen_[b]; });
        out.resize(n);
        return out;
    }

    size_t mostRecent(std::string_view label, const std::vector<size_t>& seen, size_t except = kNone) const {
        size_t best = kNone;
        for (size_t e = 0; e < seen.size(); ++e) {
            if (e == except || seen[e] == 0) continue;
            if (out_.entities[e].entity.label == label && (best == kNone || seen[e] > seen[best])) best = e;
        }
        return best;
    }

    // What the document is about: the first entity of the labels it named,
    // as news puts its subject in the lead.
    // In a list item (a roundup's "* Noventa launched …"), the first entity the item names.
    size_t focus(const std::vector<std::string>& labels, size_t except) const {
        size_t best = kNone;
        if (inItem_) {
            for (size_t e = 0; e < out_.entities.size(); ++e) {
                if (e == except || itemFirst_[e] <= itemClock_ || !hasLabel(labels, out_.entities[e].entity.label)) continue;
                if (best == kNone || itemFirst_[e] < itemFirst_[best]) best = e;
            }
            if (best != kNone) return best;
        }
        for (size_t e = 0; e < out_.entities.size(); ++e) {
            if (e == except || firstSeen_[e] == 0 || !hasLabel(labels, out_.entities[e].entity.label)) continue;
            if (best == kNone || firstSeen_[e] < firstSeen_[best]) best = e;
        }
        return best;
    }

    // The entity named so far whose name is the longest whole-word start of
    // `of`'s name: "Hanbit" for "Hanbit Packaging", "Lumora Cloud" for "Lumora Cloud International".
    size_t namePrefix(const std::vector<std::string>& labels, size_t of) const {
        if (of >= out_.entities.size()) return kNone;
        const std::string& name = out_.entities[of].entity.name;
        size_t best = kNone;
        for (size_t e = 0; e < out_.entities.size(); ++e) {
            const std::string& n = out_.entities[e].entity.name;
            if (e == of || n.size() >= name.size() || name.compare(0, n.size(), n) != 0 || name[n.size()] != ' ' ||
                !hasLabel(labels, out_.entities[e].entity.label))
                continue;
            if (best == kNone || n.size() > out_.entities[best].entity.name.size()) best = e;
        }
        return best;
    }

    // `before`: the word the statement starts at (PREVIOUS looks before it).
    size_t fallback(Pattern::Fallback f, const std::vector<std::string>& labels, size_t except, size_t before = 0) const {
        if (f == Pattern::Fallback::FOCUS) return focus(labels, except);
        if (f == Pattern::Fallback::PREFIX)
            if (size_t e = namePrefix(labels, except); e != kNone) return e;
        if (f == Pattern::Fallback::PREVIOUS || f == Pattern::Fallback::PREFIX)
            for (const Mention& m : mentions_) {
                if (m.last > before) break;
                if (m.entity != kNone && m.entity != except && !m.genitive && m.apposition < 0 && m.kind != MentionKind::GROUP &&
                    hasLabel(labels, m.label))
                    return m.entity;
            }
        size_t best = kNone;
        if (titleLast_) return best;
        for (const auto& label : labels) {
            size_t e = mostRecent(label, seenBefore_, except);
            // BEFORE: only one the sentence right before this one named ("… added three companies to its
            // Entity List. Among them are X and Y").
            if (f == Pattern::Fallback::BEFORE && e != kNone && seenBefore_[e] <= previousClock_) e = kNone;
            if (e != kNone && (best == kNone || seenBefore_[e] > seenBefore_[best])) best = e;
        }
        return best;
    }

    // ------------------------------------------------------------ periods

    // The sentence's quantities, and the periods a relation may take: those
    // the quantity reader finds, except in a dateline and beside a reporting
    // verb ("said on Tuesday"), plus the ones the rules' period phrases give.
    void readPeriods() {
        const uint32_t dateline = datelineEnd();
        quantities_.clear();
        periods_.clear();
        for (const Quantity& q : quantitiesOf(sentenceBegin_)) {
            if (q.end <= dateline) continue;
            if (q.kind != Quantity::Kind::PERIOD) quantities_.push_back(q);
            else if (!reported(q)) periods_.push_back({q.begin, q.end, fiscalYearStart(q) ? q.period.substr(0, 4) : q.period});
        }
        yearSpans();
        periodPhrases();
        if (rules().periods.bareYears) bareYears();
    }

    // The quantities of the sentence that starts at byte `begin`.
    std::span<const Quantity> quantitiesOf(size_t begin) const {
        const auto at = std::ranges::lower_bound(quantityStarts_, begin, {}, &std::pair<size_t, size_t>::first);
        if (at == quantityStarts_.end() || at->first != begin) return {};
        return std::span<const Quantity>(allQuantities_).subspan(at->second, (at + 1)->second - at->second);
    }

    // "Shenzhen, 21.08.2024 –", "Santa Clara, Aug. 28 —": where the dateline ends, else 0.
    uint32_t datelineEnd() const {
        for (size_t i = 0; i < words_.size() && i < 10; ++i) {
            const std::string& f = words_[i].folded;
            if (f == "\u2013"sv || f == "\u2014"sv) return i > 0 ? words_[i].end : 0;
            if (words_[i].kind == TokenKind::WORD && !words_[i].capitalised) return 0;
        }
        return 0;
    }

    size_t wordAt(uint32_t byte) const {
        size_t i = 0;
        while (i < words_.size() && words_[i].end <= byte) ++i;
        return i;
    }

    // "in the fiscal year starting April 1, 2027": the date names the fiscal year, which is named by its
    // calendar year (docs/gold.md). A `fiscalStart` phrase ends right before the date or before "on"/„am“.
    bool fiscalYearStart(const Quantity& q) const {
        if (q.period.size() != 10) return false;
        size_t k = wordAt(q.begin);
        if (k > 0 && (words_[k - 1].folded == "on"sv || words_[k - 1].folded == "am"sv)) --k;
        for (size_t i = k >= 6 ? k - 6 : 0; i < k; ++i)
            for (const Hit& h : hitsOf(i, kindBits({Kind::FISCAL_START})))
                if (h.kind == Kind::FISCAL_START && i + h.words == k) return true;
        return false;
    }

    bool reported(const Quantity& q) const {
        const size_t first = wordAt(q.begin), last = wordAt(q.end - 1) + 1;
        for (size_t w = first >= 2 ? first - 2 : 0; w < last + 2 && w < words_.size(); ++w)
            if (hitAt(w, Kind::REPORTING)) return true;
        return false;
    }

    // "in 2025 and 2026", "von 2025 bis 2027": several years are no period.
    void yearSpans() {
        for (size_t i = 0; i + 2 < words_.size(); ++i) {
            if (!yearOf(words_[i]) || !yearOf(words_[i + 2])) continue;
            const std::string& j = words_[i + 1].folded;
            if (j != "and"sv && j != "und"sv && j != "bis"sv && j != "to"sv && j != "through"sv && j != "-"sv && j != "\u2013"sv) continue;
            const uint32_t b = words_[i].begin, e = words_[i + 2].end;
            std::erase_if(periods_, [&](const PeriodCandidate& p) { return p.begin < e && p.end > b; });
            periods_.push_back({b, e, ""});
        }
    }

    void periodPhrases() {
        for (size_t i = 0; i < words_.size(); ++i) {
            if (!hasKindAt(i, Kind::SPAN) && !hasKindAt(i, Kind::CURRENT) && !hasKindAt(i, Kind::SAME_PERIOD)) continue;
            for (const Hit& h : hitsAt(i)) {
                const uint32_t b = words_[i].begin, e = words_[i + h.words - 1].end;
                if (h.kind == Kind::SPAN) periods_.push_back({b, e, ""});
                if (h.kind == Kind::CURRENT && in_.published.size() >= 4) periods_.push_back({b, e, std::string(in_.published.substr(0, 4))});
                if (h.kind != Kind::SAME_PERIOD) continue;
                const std::string& unit = rules().periods.anaphoric[h.id].unit;
                auto it = lastPeriods_.find(unit);
                if (it != lastPeriods_.end()) periods_.push_back({b, e, it->second});
            }
        }
    }

    // "investiert es 2025 rund 1,2 Billionen Won": a year on its own.
    void bareYears() {
        for (size_t i = 0; i < words_.size(); ++i) {
            if (!yearOf(words_[i]) || (i > 0 && hitAt(i - 1, Kind::NOT_BARE_YEAR))) continue;
            const uint32_t b = words_[i].begin, e = words_[i].end;
            auto inside = [&](uint32_t qb, uint32_t qe) { return qb < e && qe > b; };
            if (std::any_of(quantities_.begin(), quantities_.end(), [&](const Quantity& q) { return inside(q.begin, q.end); }) ||
                std::any_of(periods_.begin(), periods_.end(), [&](const PeriodCandidate& p) { return inside(p.begin, p.end); }))
                continue;
            if (e <= datelineEnd()) continue;
            periods_.push_back({b, e, words_[i].folded});
        }
    }

    // The periods this sentence states, for "im selben Zeitraum" later on.
    void rememberPeriods() {
        for (const PeriodCandidate& p : periods_) {
            if (p.period.empty()) continue;
            std::string unit(periodUnit(p.period));
            lastPeriods_[unit] = p.period;
            if (unit != "day"sv) lastPeriods_["span"] = p.period;
        }
    }

    // ------------------------------------------------------------ patterns

    // The mention's label as a bit (Compiled::labelBit), 0 where it has none; worked out once for
    // each label the mention takes.
    uint64_t labelBitOf(const Mention& m) const {
        if (m.bitLabel != m.label.data()) {
            m.labelBit = c_.labelBit(m.label);
            m.bitLabel = m.label.data();
        }
        return m.labelBit;
    }

    // Whether a pattern's subject (or object) labels hold the mention's: by bits where the label has one.
    bool hasLabel(const Pattern& p, bool subject, const Mention& m) const {
        if (labelBitOf(m) == 0) return hasLabel(subject ? p.subjectLabels : p.objectLabels, m.label);
        const size_t index = static_cast<size_t>(&p - rules().patterns.data());
        return ((subject ? c_.subjectMask : c_.objectMask)[index] & m.labelBit) != 0;
    }

    // Asked for every mention at every slot of every pattern: the last letter
    // tells most labels apart ("Company", "Country", "Product") before a compare.
    static bool hasLabel(const std::vector<std::string>& labels, std::string_view label) {
        if (label.empty()) return std::find(labels.begin(), labels.end(), label) != labels.end();
        return std::any_of(labels.begin(), labels.end(), [&](const std::string& l) {
            return l.size() == label.size() && l.back() == label.back() && l == label;
        });
    }

    void applyPattern(size_t index) {
        const Extractor::Compiled::Screen& screen = c_.screens[index];
        if (screen.companions && !hasHit(Kind::COMPANION, index)) return;
        // A sequence's slot that none of the sentence's mentions can fill.
        if ((screen.subjectNeeds && !(screen.subjectNeeds & sentenceLabels_)) || (screen.objectNeeds && !(screen.objectNeeds & sentenceLabels_)))
            return;
        // A sentence without one of a sequence's required words cannot match it: asked here, before any call.
        for (uint32_t id : c_.requiredOf(index))
            if (!found(id)) return;
        std::vector<Found> found = screen.sequence ? bySequence(index) : byTriggers(index);
        if (!found.empty()) emit(index, found);
    }

    // ---- trigger patterns

    std::vector<Found> byTriggers(size_t index) {
        const Pattern& p = rules().patterns[index];
        // The longest trigger at each start; none starting inside another.
        std::vector<std::pair<size_t, size_t>>& hits = triggerHits_[index];  // read only here: sorted in place
        std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first < b.first : a.second > b.second;
        });
        std::vector<Found> found;
        size_t taken = 0;
        for (const auto& [t0, t1] : hits) {
            if (t0 < taken || stated(p.type, t0)) continue;
            taken = t1;
            Found f{t0, t1, {}, {}};
            if (ends(p, f) && !cancelled(index, f)) found.push_back(std::move(f));
        }
        return found;
    }

    // Whether a pattern of the type stated a relation with the words around
    // word w in this sentence: a more specific pattern has read that trigger.
    bool stated(const std::string& type, size_t w) const {
        return std::any_of(statedSpans_.begin(), statedSpans_.end(), [&](const auto& s) {
            return std::get<0>(s) == type && w >= std::get<1>(s) && w < std::get<2>(s);
        });
    }

    int subjectSide(const Pattern& p) const {
        return p.order == Pattern::Order::SUBJECT_FIRST ? -1 : p.order == Pattern::Order::OBJECT_FIRST ? 1 : 0;
    }

    // The ends of a trigger: on the sides the order allows; with `any`,
    // subject before and object after the trigger ("A investiert in B") if
    // both are there, else the other way round ("In B investiert A"), else
    // verb-last German ("während A und B 23 Mrd. in KI investierten"), else
    // with an end the rules' fallback supplies.
    bool ends(const Pattern& p, Found& f) {
        const int side = subjectSide(p);
        if (side != 0) {
            if (sided(p, f, side)) return true;
        } else if (sided(p, f, -1) || sided(p, f, 1) || (lang() == Lang::DE && inverted(p, f)) || verbLast(p, f)) {
            return true;
        }
        return withFallback(p, f, side);
    }

    bool sided(const Pattern& p, Found& f, int side) {
        f.objects.clear();
        if (!p.object) {
            f.objects = objectsNear(p, f.t0, f.t1, -side, kNone);
            if (f.objects.empty()) return false;
        }
        const size_t except = f.objects.empty() ? kNone : entityOfEnd(f.objects.front());
        const Mention* s = nearest(p, f.t0, f.t1, side, /*subject=*/true, except);
        if (!s) return false;
        f.subject = {s, kNone};
        dropSubjectFromObjects(f);
        return !f.objects.empty() || p.object;
    }

    // German V2 after a fronted phrase: "Im ersten Halbjahr investierte das
    // Unternehmen 6,4 Mrd. Yuan in KI": the subject right after the verb, the object after it.
    bool inverted(const Pattern& p, Found& f) {
        if (p.object) return false;
        const Mention* s = nearest(p, f.t0, f.t1, 1, true, kNone);
        if (!s) return false;
        f.objects = objectsNear(p, s->last, s->last, 1, s->entity);
        if (f.objects.empty()) return false;
        f.subject = {s, kNone};
        dropSubjectFromObjects(f);
        return !f.objects.empty();
    }

    // Both ends before the trigger: "A und B ... in KI investierten",
    // "die USA ... KI-Chips nach China mit Exportkontrollen beschränken".
    bool verbLast(const Pattern& p, Found& f) {
        if (p.object) return false;
        f.objects = objectsNear(p, f.t0, f.t1, -1, kNone);
        if (f.objects.empty()) return false;
        const size_t except = entityOfEnd(f.objects.front());
        const Mention* first = f.objects.front().mention;
        for (const End& o : f.objects) first = o.mention->first < first->first ? o.mention : first;
        // `endsApart`: the subject stands before the object's whole list („will A sowie B beliefern“).
        if (p.endsApart)
            for (const Mention* m : coordinated(first)) first = m->first < first->first ? m : first;
        const Mention* s = nearest(p, first->first, first->first, -1, true, except);
        if (!s) s = nearest(p, f.t0, f.t1, -1, true, except);
        if (!s) return false;
        f.subject = {s, kNone};
        dropSubjectFromObjects(f);
        return !f.objects.empty();
    }

    // „VHZ-Präsidentin“: the trigger is a compound's last part and its first part is a capitalised word no mention took,
    // so the compound names its object, one the text does not know.
    bool unknownCompoundOwner(size_t t0) const {
        if (t0 < 2 || words_[t0 - 1].folded != "-"sv || words_[t0 - 1].begin != words_[t0 - 2].end || words_[t0].begin != words_[t0 - 1].end)
            return false;
        const Word& first = words_[t0 - 2];
        return first.kind == TokenKind::WORD && first.capitalised && !covered(t0 - 2);
    }

    bool withFallback(const Pattern& p, Found& f, int side) {
        if (p.fallbackObject != Pattern::Fallback::NONE && !p.object) {
            if (unknownCompoundOwner(f.t0)) return false;
            const Mention* s = nearest(p, f.t0, f.t1, side, true, kNone);
            if (!s || foundBefore(p.type, s->entity, true)) return false;
            size_t o = fallback(p.fallbackObject, p.objectLabels, s->entity, f.t0);
            if (o == kNone) return false;
            f.subject = {s, kNone};
            f.objects = {{nullptr, o}};
            return true;
        }
        if (p.fallbackSubject != Pattern::Fallback::NONE) {
            f.objects = p.object ? std::vector<End>{} : objectsNear(p, f.t0, f.t1, -side, kNone);
            if (f.objects.empty() && !p.object) return false;
            const size_t except = f.objects.empty() ? kNone : entityOfEnd(f.objects.front());
            if (except != kNone && statedBefore(p.type, except, p.subjectLabels)) return false;
            size_t s = fallback(p.fallbackSubject, p.subjectLabels, except, f.t0);
            if (s == kNone) return false;
            f.subject = {nullptr, s};
            return true;
        }
        return false;
    }

    // Whether this sentence stated a relation of the type toward this object already, from a
    // subject with one of the labels: a name's implied issuer („European Chips Act der EU“) is
    // stated by no one, and the body that approved aid does not stand for the state whose aid it
    // is („… eine Beihilfe der Niederlande genehmigt. Das Geld stammt aus dem European Chips Act“).
    bool statedBefore(const std::string& type, size_t object, const std::vector<std::string>& labels) const {
        const std::string& name = out_.entities[object].entity.name;
        return std::any_of(sentenceRelations_.begin(), sentenceRelations_.end(), [&](size_t k) {
            const auto& r = out_.relations[k];
            if (r.relation.type != type || r.relation.object != name) return false;
            if (std::all_of(r.evidence.begin(), r.evidence.end(),
                            [&](const Evidence& e) { return e.sentenceBegin != sentenceBegin_ || e.rule == "gazetteer"sv; }))
                return false;
            return std::any_of(out_.entities.begin(), out_.entities.end(), [&](const auto& x) {
                return x.entity.name == r.relation.subject && hasLabel(labels, x.entity.label);
            });
        });
    }

    // Whether this sentence gave a relation of the type with this end already.
    bool foundBefore(const std::string& type, size_t e, bool asSubject) const {
        if (e == kNone) return false;
        const std::string& name = out_.entities[e].entity.name;
        return std::any_of(sentenceRelations_.begin(), sentenceRelations_.end(), [&](size_t k) {
            const RelationAnnotation& r = out_.relations[k].relation;
            return r.type == type && (asSubject ? r.subject : r.object) == name;
        });
    }

    std::vector<End> objectsNear(const Pattern& p, size_t t0, size_t t1, int side, size_t except) const {
        std::vector<End> out;
        if (!p.allObjects) {
            if (const Mention* o = nearest(p, t0, t1, side, false, except)) out.push_back({o, kNone});
            return out;
        }
        // After the trigger, the objects end where another subject that cannot
        // be an object stands: "bar the chip from Chinese buyers, and Beijing has
        // answered with export controls on rare earths that hit American ..." (those are the second policy's).
        size_t cut = words_.size();
        if (side > 0) {
            for (const Mention& m : mentions_)
                if (m.first >= t1 && m.first < cut && hasLabel(p.subjectLabels, m.label) && !hasLabel(p.objectLabels, m.label)) cut = m.first;
            // ... and at a contrasting conjunction, whose clause has a verb of its own: "apply to chips from
            // South Korea but exempt high-bandwidth memory" (not "not only X but also Y").
            for (size_t w = t1; w < cut; ++w)
                if (contrast(w)) cut = w;
        }
        // A compound's modifier is no object of its own ("KI-Systeme im
        // autonomen Fahren"), nor is an owner ("Stratavolt's Kestrel K5" is the chip).
        // Nor is the maker in a German genitive after an object („die Anlage „AE-9“ des Anlagenbauers Kizaki“: the product is the target).
        // A demonym of origin is ("Korean-made modules": South Korea).
        for (const Mention& m : mentions_)
            if (m.first < cut && eligible(p, m, t0, t1, side, false, except) &&
                !(m.last < words_.size() && words_[m.last].folded == "-"sv && !madeIn(m)) && !m.genitive && !(!out.empty() && ownerAfterDes(m)))
                out.push_back({&m, kNone});
        return out;
    }

    // "but", „aber“, „sondern“, "whereas" that opens a contrasting clause ("but also", „sondern auch“ go on with the list).
    bool contrast(size_t w) const {
        const std::string& f = words_[w].folded;
        if (f != "but"sv && f != "aber"sv && f != "sondern"sv && f != "whereas"sv) return false;
        return !(w + 1 < words_.size() && (words_[w + 1].folded == "also"sv || words_[w + 1].folded == "auch"sv));
    }

    // "Korean-made", "Chinese-built": a demonym of where a thing was made.
    bool madeIn(const Mention& m) const {
        if (m.kind != MentionKind::DEMONYM || m.last + 1 >= words_.size()) return false;
        const std::string& w = words_[m.last + 1].folded;
        return w == "made"sv || w == "built"sv || w == "produced"sv || w == "manufactured"sv;
    }

    // „des Anlagenbauers Kizaki“, „des Münchner Konzerns X“: a name after „des“ and cue words or modifiers.
    bool ownerAfterDes(const Mention& m) const {
        if (lang() != Lang::DE) return false;
        for (size_t w = m.first, k = 0; w > 0 && k <= 3; --w, ++k) {
            if (words_[w - 1].folded == "des"sv) return true;
            if (!cueWord(w - 1) && !modifier(w - 1)) return false;
        }
        return false;
    }

    void dropSubjectFromObjects(Found& f) {
        const size_t s = entityOfEnd(f.subject);
        std::erase_if(f.objects, [&](const End& o) { return entityOfEnd(o) == s; });
    }

    size_t entityOfEnd(const End& e) const {
        if (e.mention) return e.mention->entity != kNone ? e.mention->entity : kNone - 1 - e.mention->entry;
        return e.entity;
    }

    // Whether `m` can be an end of a trigger at [t0, t1): its label, its
    // kind (a demonym only where the pattern allows, a pronoun only as the
    // subject, a genitive never), its side, its distance, its apposition.
    bool eligible(const Pattern& p, const Mention& m, size_t t0, size_t t1, int side, bool subject, size_t except) const {
        if (m.first < t1 && m.last > t0) return false;  // inside the trigger
        const bool before = m.last <= t0;
        if ((before && side > 0) || (!before && side < 0)) return false;
        if ((before ? t0 - m.last : m.first - t1) > static_cast<size_t>(p.window)) return false;
        if (!hasLabel(p, subject, m)) return false;
        if (m.kind == MentionKind::DEMONYM && !p.demonyms) return false;
        if (!subject && isPronoun(m.kind)) return false;
        // "Seit die USA ... mit Exportkontrollen beschränken, ist Lumora ...": a verb-last clause ends at its comma.
        if (!before && t1 < words_.size() && words_[t1].folded == ","sv) return false;
        // "Because US export controls bar the K7 from China, Stratavolt does not ship it ...":
        // an opening subordinate clause ends at its comma, in both directions.
        if (introComma_ != kNone && (t0 < introComma_) != (m.first < introComma_)) return false;
        // "...; nach China darf Taloris ihn nicht liefern": a semicolon ends the trigger's clause.
        for (size_t w = before ? m.last : t1, end = before ? t0 : m.first; w < end; ++w)
            if (words_[w].folded == ";"sv) return false;
        if (subject && m.genitive) return false;
        if (before && relativeBetween(m.last, t0)) return false;
        if (m.apposition >= 0 && !inApposition(t0, m.apposition)) return false;
        if (except != kNone && entityOfEnd({&m, kNone}) == except) return false;
        if (p.objectMarkers.empty()) return true;
        return subject ? !marked(p, m, true) /* "die Beteiligung an Aubrac" */ : marked(p, m);
    }

    // The comma that ends a subordinate clause the sentence opens with
    // („Because …,“ „Weil …,“ „Obwohl …,“), else kNone.
    size_t introductoryClauseEnd() const {
        static const WordSet openers = {"because", "although", "though", "while", "whereas", "if", "since",
                                        "weil", "obwohl", "während", "wenn", "falls", "nachdem", "seit", "seitdem"};
        size_t w = 0;
        while (w < words_.size() && words_[w].kind == TokenKind::PUNCTUATION) ++w;  // a quote or a list's dash
        if (w >= words_.size() || !openers.contains(words_[w])) return kNone;
        for (++w; w < words_.size(); ++w)
            if (words_[w].folded == ","sv) return w;
        return kNone;
    }

    // Whether a relative pronoun opens a clause in the words [from, to):
    // a trigger inside a relative clause takes its ends from inside it ("der
    // K-Chips Act, der Investitionen in Halbleiter begünstigt").
    // The clause runs to the next comma ("Stratavolt, which is based in X, supplies Y").
    bool relativeBetween(size_t from, size_t to) const {
        for (const Mention& r : mentions_) {
            // A place is seldom the antecedent: "der Fonds aus Guangzhou, der ... zusagte".
            if (r.kind != MentionKind::RELATIVE || r.first < from || r.first >= to || r.label == "City"sv || r.label == "Country"sv) continue;
            bool closed = false;
            for (size_t w = r.last; w < to && !closed; ++w) closed = words_[w].folded == ","sv;
            if (!closed) return true;
        }
        return false;
    }

    // Whether one of the pattern's object markers stands before `m`, with
    // only modifiers between: "in die Entwicklung seiner Plattform Aquila",
    // "in South Korea's Hanbit Memory", "am Pekinger KI-Start-up Beiming".
    // `tight`: nothing but articles and such modifiers between ("an
    // Aubrac"), so the mention cannot be a subject either.
    bool marked(const Pattern& p, const Mention& m, bool tight = false) const {
        const size_t index = static_cast<size_t>(&p - rules().patterns.data());
        for (size_t w = m.first, steps = 0; w-- > 0 && steps <= kMaxModifiers;) {
            if (hitAt(w, Kind::MARKER, index)) return true;
            const Word& word = words_[w];
            // "a maker in which Sorano holds a stake": the marker's object is the relative's antecedent, not Sorano;
            // "into packaging as AI chip orders pile up": a conjunction opens another clause.
            static const WordSet opensClause = {"which", "whom", "as", "while", "because", "since", "when", "after",
                                                "although", "whereas", "während", "weil", "nachdem", "obwohl", "wenn"};
            if (opensClause.contains(word)) return false;
            if (word.kind != TokenKind::PUNCTUATION) ++steps;
            if (word.kind == TokenKind::PUNCTUATION && word.folded != "-"sv && word.folded != "'s"sv && !isQuote(word.folded)) return false;
            const Mention* o = mentionCovering(w);
            const bool modifies = o && (o->genitive || o->kind == MentionKind::DEMONYM || o->kind == MentionKind::POSSESSIVE ||
                                        (o->last < words_.size() && words_[o->last].folded == "-"sv));
            if (o && !modifies) return false;
            if (tight && !o && word.kind == TokenKind::WORD && !functionWord(w) && !cueAt(w)) return false;
        }
        return false;
    }

    // The nearest eligible mention. An object that only modifies a compound
    // gives way to the compound's head: "am Pekinger KI-Start-up Beiming" is Beiming.
    const Mention* nearest(const Pattern& p, size_t t0, size_t t1, int side, bool subject, size_t except) const {
        const Mention* best = nullptr;
        size_t bestDistance = kNone;
        for (const Mention& m : mentions_) {
            if (!eligible(p, m, t0, t1, side, subject, except)) continue;
            size_t distance = m.last <= t0 ? t0 - m.last : m.first - t1;
            if (distance < bestDistance) best = &m, bestDistance = distance;
        }
        while (best && !subject && best->first >= t1) {
            const Mention* head = compoundHead(*best);
            if (!head || !eligible(p, *head, t0, t1, side, subject, except)) break;
            best = head;
        }
        return best;
    }

    // The mention a compound modifier belongs to ("KI" in "KI-Start-up Beiming"), if any.
    const Mention* compoundHead(const Mention& m) const {
        if (m.last >= words_.size() || words_[m.last].folded != "-"sv) return nullptr;
        for (size_t w = m.last; w < words_.size() && w <= m.last + 4; ++w) {
            if (w > m.last && !startsAt(w).empty()) return &mentions_[startsAt(w).front()];
            if (!contentWord(w)) return nullptr;
        }
        return nullptr;
    }

    // ---- sequence patterns

    struct SequenceState {
        const Mention* subject = nullptr;
        const Mention* object = nullptr;
        size_t end = 0;
        std::vector<size_t> words;  // where the sequence's words matched
    };

    std::vector<Found> bySequence(size_t index) {
        const Pattern& p = rules().patterns[index];
        std::vector<Found> found;  // applyPattern() asked for the required words
        for (size_t start : starts(p, c_.sequences[index].front())) {
            SequenceState st;
            if (!matchSequence(index, 0, start, st) || !(sameApposition(st.subject, st.object) || readsInto(st, st.subject)) ||
                !(sameApposition(st.object, st.subject) || readsInto(st, st.object)))
                continue;
            Found f{start, st.end, {st.subject, kNone}, {}};
            if (!st.subject) {
                // No subject slot: the policy a licence duty or a listing of this sentence follows
                // from is the one the text named last, unless this sentence gave the object one already.
                const size_t o = entityOfEnd({st.object, kNone});
                if (!st.object || statedBefore(p.type, o, p.subjectLabels)) continue;
                f.subject.entity = fallback(p.fallbackSubject, p.subjectLabels, o, start);
                if (f.subject.entity == kNone) continue;
            }
            if (st.object) {
                f.objects.push_back({st.object, kNone});
            } else if (!p.object && p.fallbackObject != Pattern::Fallback::NONE) {
                // No object slot: "X, a new Munich-based subsidiary" belongs to whom the
                // sentence is about, unless a pattern before named its object already.
                if (foundBefore(p.type, entityOfEnd(f.subject), true)) continue;
                const size_t o = fallback(p.fallbackObject, p.objectLabels, entityOfEnd(f.subject), start);
                if (o == kNone) continue;
                f.objects.push_back({nullptr, o});
            }
            if (!cancelled(index, f)) found.push_back(std::move(f));
        }
        return found;
    }

    // Whether the sequence's own words opened the relative clause the end stands in ("the EU AI Act's rules for
    // general-purpose AI models, which the European AI Office enforces": the clause is the rules', not the models').
    bool readsInto(const SequenceState& st, const Mention* inside) const {
        if (!inside || inside->apposition < 0) return false;
        const size_t opener = appositions_[static_cast<size_t>(inside->apposition)].first;
        static const WordSet kRelatives = {"which", "that", "who", "die", "der", "das", "den", "dem"};
        return kRelatives.contains(words_[opener]) && std::find(st.words.begin(), st.words.end(), opener) != st.words.end();
    }

    // An end inside an apposition pairs only with the name the apposition
    // describes or with what stands in it: in "Lumora Cloud, a unit of Lumora
    // Technologies, has won an order from Beiming" Lumora won nothing.
    bool sameApposition(const Mention* inside, const Mention* other) const {
        if (!inside || !other || inside->apposition < 0) return true;
        const auto a = static_cast<size_t>(inside->apposition);
        // ... or with a place that continues it: "Hanbit, which is based in Icheon, South Korea".
        return other->apposition == inside->apposition || other->last + 1 == appositions_[a].first ||
               other->first == appositions_[a].second + 1;
    }

    // Where a sequence may start, by its first element: its words, a mention, anywhere.
    const std::vector<size_t>& starts(const Pattern& p, const Element& head) {
        std::vector<size_t>& out = startScratch_;
        out.clear();
        if (head.kind == Element::Kind::WORDS && !head.optional) {
            for (const auto& [id, w] : sequenceHits_)
                if (id == head.id && (out.empty() || out.back() != w)) out.push_back(w);
        } else if (head.kind == Element::Kind::SUBJECT || head.kind == Element::Kind::OBJECT) {
            const bool subject = head.kind == Element::Kind::SUBJECT;
            const std::vector<std::string>& labels = subject ? p.subjectLabels : p.objectLabels;
            for (const Mention& m : mentions_)
                if ((out.empty() || out.back() != m.first) && hasLabel(p, subject, m) && slotTakes(head.filter, m, p.demonyms, labels))
                    out.push_back(m.first);
        } else {
            for (size_t w = 0; w < words_.size(); ++w) out.push_back(w);
        }
        return out;
    }

    // Whether the sequence matches from element `e` at word `at`: words
    // and slots in order, optional words taken when they are there, gaps as
    // short as they can be.
    bool matchSequence(size_t index, size_t e, size_t at, SequenceState& st) const {
        const std::vector<Element>& seq = c_.sequences[index];
        if (e == seq.size()) {
            st.end = at;
            return true;
        }
        const Element& el = seq[e];
        switch (el.kind) {
            case Element::Kind::WORDS:
                if (at < words_.size() && (el.optional || found(el.id)))
                    for (const SequencePhrase& h : sequencePhrasesAt(at))
                        if (holds(h, static_cast<uint32_t>(el.id)) && matchSequence(index, e + 1, at + h.words, st)) {
                            st.words.push_back(at);
                            return true;
                        }
                return el.optional && matchSequence(index, e + 1, at, st);
            case Element::Kind::ROLE:
            case Element::Kind::CUE:
                if (size_t n = el.kind == Element::Kind::ROLE ? hitAt(at, Kind::ROLE) : cueAt(at); n && matchSequence(index, e + 1, at + n, st))
                    return true;
                return false;
            case Element::Kind::GAP:
            case Element::Kind::CONTENT:
                // "~N": hyphens, quotes and "'s" pass without counting ("London-based" is two words).
                for (size_t k = 0, n = 0; at + k <= words_.size(); ++k) {
                    if (k > 0) {
                        const size_t w = at + k - 1;
                        if (el.kind == Element::Kind::CONTENT && !contentWord(w)) return false;
                        if (el.kind == Element::Kind::GAP || words_[w].kind != TokenKind::PUNCTUATION) ++n;
                    }
                    if (n > el.max) return false;
                    if (matchSequence(index, e + 1, at + k, st)) return true;
                }
                return false;
            case Element::Kind::SUBJECT:
            case Element::Kind::OBJECT:
                return matchSlot(index, e, at, st);
        }
        return false;
    }

    bool matchSlot(size_t index, size_t e, size_t at, SequenceState& st) const {
        if (at >= words_.size()) return false;
        const Pattern& p = rules().patterns[index];
        const Element& el = c_.sequences[index][e];
        const bool subject = el.kind == Element::Kind::SUBJECT;
        for (size_t k : startsAt(at)) {
            const Mention& m = mentions_[k];
            if (!hasLabel(p, subject, m)) continue;
            if (!slotTakes(el.filter, m, p.demonyms, subject ? p.subjectLabels : p.objectLabels)) continue;
            const Mention* other = subject ? st.object : st.subject;
            if (other && entityOfEnd({other, kNone}) == entityOfEnd({&m, kNone})) continue;
            (subject ? st.subject : st.object) = &m;
            if (matchSequence(index, e + 1, m.last, st)) return true;
            (subject ? st.subject : st.object) = nullptr;
        }
        return false;
    }

    // The longest cue of a cue recogniser at word w ("Chipkonzern", "startup"), else 0.
    size_t cueAt(size_t w) const {
        size_t n = 0;
        if (w >= words_.size()) return 0;
        for (const Hit& h : hitsOf(w, kindBits({Kind::CUE})))
            if (h.kind == Kind::CUE && rules().recognizers[h.id].kind == Recognizer::Kind::CUE) n = std::max<size_t>(n, h.words);
        return n;
    }

    bool slotTakes(Element::Filter filter, const Mention& m, bool demonyms, const std::vector<std::string>& labels) const {
        switch (filter) {
            case Element::Filter::FIRST: return firstMention(labels) == &m;
            case Element::Filter::GENITIVE: return m.genitive;
            case Element::Filter::DEMONYM: return m.kind == MentionKind::DEMONYM;
            case Element::Filter::POSSESSIVE: return m.kind == MentionKind::POSSESSIVE;
            case Element::Filter::NAME: return m.kind == MentionKind::NAME;
            case Element::Filter::DESCRIPTION: return m.kind == MentionKind::DESCRIPTION;
            case Element::Filter::ANY: return m.kind != MentionKind::DEMONYM || demonyms;
        }
        return false;
    }

    // The sentence's first name, description or pronoun with one of the labels: whom
    // the sentence is about ("X will buy chips from Y, chief executive Z said" is X's).
    // A sentence has few mentions.
    const Mention* firstMention(const std::vector<std::string>& labels) const {
        const Mention* best = nullptr;
        for (const Mention& m : mentions_)
            if ((m.kind == MentionKind::NAME || m.kind == MentionKind::DESCRIPTION || m.kind == MentionKind::PRONOUN) &&
                hasLabel(labels, m.label) && (!best || m.first < best->first))
                best = &m;
        return best;
    }

    // What a "~N" gap skips: words that are not function words, hyphens, quotes.
    bool contentWord(size_t w) const {
        const Word& word = words_[w];
        // "Taiwan's Formotek": a possessive ending belongs to the name before it.
        if (word.kind == TokenKind::PUNCTUATION) return word.folded == "-"sv || word.folded == "'s"sv || isQuote(word.folded);
        return !functionWord(w);
    }

    // ---- both kinds

    // A negation between the ends and the trigger, or right before the trigger
    // („Nicht mehr beliefert wird dagegen Hanxin“), or a hedge anywhere before
    // the relation's last word, cancels it.
    bool cancelled(size_t index, const Found& f) const {
        const auto [lo, hi] = span(f);
        for (size_t w = 0; w < hi && w < words_.size(); ++w)
            for (const Hit& h : hitsOf(w, kindBits({Kind::HEDGE, Kind::NEGATION}))) {
                if (h.id != index) continue;
                if (h.kind == Kind::HEDGE && !monthName(w)) return true;
                if (h.kind == Kind::NEGATION && (w >= lo || w + h.words == f.t0)) return true;
            }
        // An end the sentence does not name (a fallback) leaves the words after the trigger to what it
        // does name: „X beliefere keine chinesischen Kunden“ supplies nobody, not the company the text is about.
        const bool fallen = !f.subject.mention || std::any_of(f.objects.begin(), f.objects.end(), [](const End& o) { return !o.mention; });
        if (fallen && hi == f.t1)
            for (const Hit& h : hitsOf(f.t1, kindBits({Kind::NEGATION})))
                if (h.id == index) return true;
        return clauseEndNegated(index, hi);
    }

    // German puts „nicht“ and a modal at the end of the clause: „Die US-Exportkontrollen
    // erfassen den Wren 2 nach Angaben von Taloris nicht.“, „…, dass die Niederlande
    // ähnliche Regeln erlassen könnten.“ A negation or a hedge of the pattern that is
    // the last word of the clause the relation ends in (before a punctuation mark or a
    // conjunction that opens another clause) cancels it.
    bool clauseEndNegated(size_t index, size_t hi) const {
        if (lang() != Lang::DE) return false;
        static const WordSet opens = {"und", "oder", "aber", "sondern", "doch", "weil", "dass", "da", "wenn", "ob", "denn"};
        size_t w = hi;
        while (w < words_.size() && !opens.contains(words_[w]) &&
               !(words_[w].kind == TokenKind::PUNCTUATION && words_[w].folded != "-"sv && !isQuote(words_[w].folded)))
            ++w;
        for (size_t start = hi; start < w; ++start)  // „nicht“, „nicht mehr“
            for (const Hit& h : hitsOf(start, kindBits({Kind::NEGATION, Kind::HEDGE})))
                if (h.id == index && (h.kind == Kind::NEGATION || h.kind == Kind::HEDGE) && start + h.words == w) return true;
        return false;
    }

    // "May 14": in English a capitalised "May" inside a sentence is the month, not a hedge.
    bool monthName(size_t w) const {
        return lang() == Lang::EN && w > 0 && words_[w].capitalised && words_[w].folded == "may"sv;
    }

    std::pair<size_t, size_t> span(const Found& f) const {
        size_t lo = f.t0, hi = f.t1;
        auto widen = [&](const End& e) {
            if (!e.mention) return;
            lo = std::min(lo, e.mention->first);
            hi = std::max(hi, e.mention->last);
        };
        widen(f.subject);
        for (const End& o : f.objects) widen(o);
        return {lo, hi};
    }

    void emit(size_t index, const std::vector<Found>& found) {
        const Pattern& p = rules().patterns[index];
        const RelationSpec& spec = *c_.specs[index];
        std::optional<size_t> fixedObject;
        if (p.object && !found.empty()) {
            const GazetteerEntry* g = rules().entity(*p.object);
            fixedObject = entity(g->label, g->name);
        }
        for (size_t k = 0; k < found.size(); ++k) {
            const Found& f = found[k];
            const uint32_t next = k + 1 < found.size() ? words_[found[k + 1].t0].begin : sentenceEnd_;
            // `endsApart`: two names of one list are not each other's ends („will den Chipkonzern A sowie B
            // beliefern“: the list is the verb's object, its subject stands outside it).
            if (p.endsApart && f.subject.mention && !f.objects.empty()) {
                const auto list = coordinated(f.subject.mention);
                if (list.size() > 1 && std::any_of(f.objects.begin(), f.objects.end(), [&](const End& o) {
                        return o.mention && std::find(list.begin(), list.end(), o.mention) != list.end();
                    }))
                    continue;
            }
            const auto [lo, hi] = span(f);
            // A subject the sentence does not name (a fallback) leaves the words to a pattern that
            // falls back to another label's: „Das Geld stammt aus dem …“ after aid a body approved
            // and a state gave is imposed by both.
            if (f.subject.mention || p.fallbackSubject == Pattern::Fallback::NONE) statedSpans_.emplace_back(p.type, lo, hi);
            Value::Map properties = propertiesFor(spec, f.t0, f.t1, next, lo, hi);
            const bool coordinate = p.coordinate.value_or(c_.sequences[index].empty());
            std::vector<size_t> objects;
            if (fixedObject) objects.push_back(*fixedObject);
            for (const End& o : f.objects)
                for (size_t e : coordinate ? expand(o) : entitiesOf(o)) objects.push_back(e);
            for (const End& s : coordinate && !insideSubjectsApposition(f) ? coordinatedEnds(f.subject) : std::vector<End>{f.subject}) {
                Value::Map props = properties;
                // An amount stated for a group ("BAT invested 50 billion") is its total, not each member's.
                if (s.mention && s.mention->kind == MentionKind::GROUP) props.erase("amount"), props.erase("currency"), props.erase("share");
                for (size_t subject : entitiesOf(s))
                    for (size_t object : objects)
                        if (subject != object && !inverse(p, subject, object))
                            addRelation(p.type, p.id, subject, object, props, lo, hi);
            }
        }
    }

    // Whether the trigger stands in the apposition of its subject: it speaks of that name alone, not of
    // a name listed after the apposition ("Qiansha, a maker of photoresists that supplies Jingwei, and Jingwei International").
    bool insideSubjectsApposition(const Found& f) const {
        if (!f.subject.mention) return false;
        return std::any_of(appositions_.begin(), appositions_.end(), [&](const auto& a) {
            return a.first == f.subject.mention->last + 1 && f.t0 >= a.first && f.t0 < a.second;
        });
    }

    // The entities an end stands for: a group's members, or one entity.
    std::vector<size_t> entitiesOf(const End& e) {
        if (!e.mention) return {e.entity};
        if (e.mention->kind == MentionKind::GROUP || !e.mention->members.empty()) return e.mention->members;
        return {entityOf(*e.mention)};
    }

    // ... and those of the ends coordinated with it.
    std::vector<size_t> expand(const End& e) {
        std::vector<size_t> out;
        for (const End& c : coordinatedEnds(e))
            for (size_t x : entitiesOf(c)) out.push_back(x);
        return out;
    }

    std::vector<End> coordinatedEnds(const End& e) const {
        std::vector<End> out;
        if (!e.mention) return {e};
        for (const Mention* m : coordinated(e.mention)) out.push_back({m, kNone});
        return out;
    }

    bool inverse(const Pattern& p, size_t subject, size_t object) const {
        if (!p.exceptInverse) return false;
        const std::string& s = out_.entities[subject].entity.name;
        const std::string& o = out_.entities[object].entity.name;
        return std::any_of(out_.relations.begin(), out_.relations.end(), [&](const ExtractedRelation& r) {
            return r.relation.type == *p.exceptInverse && r.relation.subject == o && r.relation.object == s;
        });
    }

    // `m` and the mentions coordinated with it: "Baidu, Alibaba und
    // Tencent", "by Formotek in Taiwan and by Hanbit".
    std::vector<const Mention*> coordinated(const Mention* m) const {
        std::vector<const Mention*> out{m};
        for (bool grew = true; grew;) {
            grew = false;
            for (const Mention& o : mentions_) {
                if (std::find(out.begin(), out.end(), &o) != out.end() || o.label != m->label || o.kind == MentionKind::DEMONYM ||
                    isAnaphoric(o.kind) != isAnaphoric(m->kind) || o.genitive || o.apposition != m->apposition)
                    continue;
                // A compound's first part is no member: „X sowie die Voland-Tochter Volantis“ lists Volantis, not Voland.
                if (o.last < words_.size() && words_[o.last].folded == "-"sv) continue;
                bool adjacent = std::any_of(out.begin(), out.end(), [&](const Mention* x) {
                    return (o.last <= x->first && joins(o.last, x->first)) || (x->last <= o.first && joins(x->last, o.first));
                });
                if (adjacent) {
                    out.push_back(&o);
                    grew = true;
                }
            }
        }
        // Commas alone make no list: "Lumora Cloud books Hanxin, Kaimen teams up with Corvex" joins two clauses.
        if (out.size() > 1) {
            size_t lo = m->first, hi = m->last;
            for (const Mention* x : out) lo = std::min(lo, x->first), hi = std::max(hi, x->last);
            static const WordSet kConjunctions = {"und", "and", "sowie", "&", "or", "oder"};
            bool conjunction = false;
            for (size_t w = lo; w < hi && !conjunction; ++w) conjunction = kConjunctions.contains(words_[w]);
            if (!conjunction) return {m};
        }
        return out;
    }

    // Whether the words [from, to) join two mentions into a list: a comma or
    // a conjunction, perhaps after a place ("in Taiwan") and before a repeated preposition.
    // The next mention's own modifiers may follow the conjunction ("sowie
    // das Pekinger KI-Start-up Beiming"), and an apposition may separate them
    // ("Lumora Cloud, die Cloud-Tochter des Konzerns Lumora, sowie ...").
    bool joins(size_t from, size_t to) const {
        size_t w = from;
        for (const auto& [a, b] : appositions_)
            if (a == w + 1 && b < to) w = b;
        if (w + 1 < to && (words_[w].folded == "in"sv || words_[w].folded == "of"sv))  // "X in Taiwan and Y", "X of Suzhou and Y"
            for (size_t k : startsAt(w + 1))
                if (mentions_[k].label == "City"sv || mentions_[k].label == "Country"sv) w = mentions_[k].last;
        size_t joiners = 0;
        static const WordSet kJoiners = {",", "und", "and", "sowie", "&", "or", "oder"};
        static const WordSet kPrepositions = {"by", "to", "from", "with", "an", "von", "mit", "bei", "für", "at",
                                              "auf", "on", "nach", "gegen", "against", "into", "for"};
        while (w < to && kJoiners.contains(words_[w])) ++w, ++joiners;
        if (joiners == 0 || joiners > 2) return false;
        if (w < to && kPrepositions.contains(words_[w])) ++w;
        if (words_[w - 1].folded == ","sv) return w == to;  // a bare list: "Baidu, Alibaba"
        for (size_t modifiers = 0; w < to && modifiers <= kMaxModifiers; ++w) {
            if (!modifier(w) && !hitAt(w, Kind::DETERMINER) && !cueAt(w) && !contentWord(w)) return false;
            // A name between is a clause's own ("China, and the Rare Earth Rules hit Japan"), unless it modifies a compound ("KI-Start-up")
            // or names an owner („sowie Lumoras Cloud-Tochter Lumora Cloud“).
            if (const Mention* o = mentionCovering(w);
                o && o->kind == MentionKind::NAME && !o->genitive && !(o->last < words_.size() && words_[o->last].folded == "-"sv))
                return false;
            if (words_[w].kind != TokenKind::PUNCTUATION) ++modifiers;
        }
        return w == to;
    }

    // ------------------------------------------------------------ properties

    // The sentence's quantities the relation type takes. Each kind is looked
    // for after the trigger first, up to the pattern's next trigger ("die
    // Investitionen von A auf 4,2 Mrd., die von B auf 23 Mrd."), else the
    // nearest before it; the period nearest on either side; the role words
    // the relation's words hold.
    Value::Map propertiesFor(const RelationSpec& spec, size_t t0, size_t t1, uint32_t nextTrigger, size_t lo, size_t hi) const {
        Value::Map out;
        if (spec.properties.empty()) return out;
        auto wants = [&](const char* key) {
            return std::find(spec.properties.begin(), spec.properties.end(), key) != spec.properties.end();
        };
        const uint32_t trigger = words_[t0].begin, triggerEnd = words_[t1 - 1].end;
        auto pick = [&](Quantity::Kind kind) -> const Quantity* {
            const Quantity* after = nullptr;
            const Quantity* before = nullptr;
            for (const auto& q : quantities_) {
                if (q.kind != kind) continue;
                if (q.begin >= triggerEnd && q.begin < nextTrigger && !after) after = &q;
                if (q.end <= trigger) before = &q;
                if (q.begin < triggerEnd && q.end > trigger && !after) after = &q;  // inside the trigger ("2024-Investitionen")
            }
            return after ? after : before;
        };
        if (const Quantity* money = pick(Quantity::Kind::MONEY); money && wants("amount")) {
            out["amount"] = Value(money->amount);
            out["currency"] = Value(money->currency);
        }
        if (const Quantity* share = pick(Quantity::Kind::SHARE); share && wants("share")) out["share"] = Value(share->share);
        if (wants("period")) {
            auto distance = [&](const PeriodCandidate& q) {
                return q.end <= trigger ? trigger - q.end : q.begin >= triggerEnd ? q.begin - triggerEnd : 0;
            };
            const PeriodCandidate* period = nullptr;
            for (const auto& q : periods_)
                if ((!period || distance(q) < distance(*period)) && !inOtherRelativeClause(q, t0)) period = &q;
            if (period && !period->period.empty()) out["period"] = Value(period->period);
        }
        if (wants("role"))
            if (std::string role = roles(lo, hi); !role.empty()) out["role"] = Value(role);
        return out;
    }

    // Whether the period stands in a relative clause („, der seit 2023 …,“, ", whose chief executive took over
    // in 2023,") that does not hold the trigger at word t0: that time is the clause's, not the relation's.
    bool inOtherRelativeClause(const PeriodCandidate& q, size_t t0) const {
        static const WordSet openers = {"which", "who", "whose", "der", "die", "das", "dessen", "deren",
                                        "welche", "welcher", "welches"};
        const size_t w = wordAt(q.begin);
        size_t open = kNone;
        for (size_t k = w; k-- > 0;) {
            if (words_[k].folded != ","sv) continue;
            if (k + 1 < w && openers.contains(words_[k + 1])) open = k;
            break;
        }
        if (open == kNone) return false;
        size_t close = w;
        while (close < words_.size() && words_[close].folded != ","sv) ++close;
        return t0 < open || t0 >= close;
    }

    // The roles the words [lo, hi) name, in order: "Gründer und Vorstandschef" is "founder and CEO".
    std::string roles(size_t lo, size_t hi) const {
        std::vector<std::string> found;
        for (size_t w = lo; w < hi;) {
            const Hit* best = nullptr;
            for (const Hit& h : hitsOf(w, kindBits({Kind::ROLE})))
                if (h.kind == Kind::ROLE && (!best || h.words > best->words)) best = &h;
            if (!best) {
                ++w;
                continue;
            }
            const std::string& name = rules().roles[best->id].name;
            if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(name);
            w += best->words;
        }
        std::string out;
        for (const auto& r : found) out += (out.empty() ? "" : " and ") + r;
        return out;
    }

    bool isSymmetric(const std::string& type) const {
        for (const auto& spec : rules().relations)
            if (spec.symmetric && spec.type == type) return true;
        return false;
    }

    void addRelation(const std::string& type, const std::string& rule, size_t subject, size_t object,
                     const Value::Map& props, size_t lo, size_t hi) {
        const std::string& s = out_.entities[subject].entity.name;
        const std::string& o = out_.entities[object].entity.name;
        Evidence ev = evidence(lo, hi, rule);
        const bool symmetric = isSymmetric(type);
        for (auto& r : out_.relations) {
            const bool same = r.relation.subject == s && r.relation.object == o;
            const bool swapped = symmetric && r.relation.subject == o && r.relation.object == s;
            if (r.relation.type != type || !(same || swapped)) continue;
            // The same fact again: what this sentence adds completes it; the first value stays.
            for (const auto& [k, v] : props) r.relation.properties.emplace(k, v);
            r.evidence.push_back(std::move(ev));
            sentenceRelations_.push_back(static_cast<size_t>(&r - out_.relations.data()));
            return;
        }
        out_.relations.push_back({{type, s, o, props}, {std::move(ev)}});
        sentenceRelations_.push_back(out_.relations.size() - 1);
    }

    const Extractor::Compiled& c_;
    const DocumentInput& in_;
    Extraction& out_;

    // The sentence.
    std::vector<Word> words_;
    std::vector<Hit> hitList_;                                         // the sentence's hits, by word
    std::vector<uint32_t> hitBegin_;                                   // per word: where its hits start in hitList_
    std::vector<SequencePhrase> sequencePhrases_;                      // the sentence's sequence words, by word
    std::vector<uint32_t> sequencePhrasesBegin_;                       // per word: where they start in sequencePhrases_
    std::vector<std::vector<std::pair<size_t, size_t>>> triggerHits_, cueHits_;  // per pattern / recogniser: word ranges
    std::vector<size_t> triggered_;                        // the patterns whose triggerHits_ this sentence filled
    std::vector<size_t> cued_;                             // the recognisers whose cueHits_ it filled
    std::vector<uint64_t> open_;                           // the patterns whose gates a sentence opened, as bits
    uint64_t sentenceLabels_ = 0;                          // the labels of its mentions as bits (Compiled::labelBit)
    std::vector<uint32_t> kindsAt_;  // per word: the kinds of the hits that start there, as bits (Compiled::bitOf)
    uint32_t sentenceKinds_ = 0;     // ... of all its words
    std::vector<std::pair<size_t, size_t>> sequenceHits_;  // (element that starts a sequence, word) in word order
    // Per sequence words element, then per pattern, then one always set: the element or a trigger of
    // the pattern was found in the sentence (Compiled::Gate).
    std::vector<uint64_t> found_;
    std::vector<size_t> startScratch_;                     // starts()' answer
    size_t introComma_ = kNone;                        // introductoryClauseEnd() of the sentence
    std::vector<uint8_t> flags_;                       // per word: kFunction, kDescribes
    std::vector<Mention> mentions_;
    std::vector<size_t> cover_;                               // per word: the mention over it, kNone for none
    std::vector<bool> ignored_;                               // per word: in a phrase of the rules' "ignore"
    std::vector<size_t> startBegin_;  // per word: the first mention (mentions_ is sorted) that starts there or later
    std::vector<std::pair<size_t, size_t>> appositions_;      // word ranges
    std::vector<Quantity> quantities_;                        // money and shares, offsets in the document
    std::vector<PeriodCandidate> periods_;
    std::vector<size_t> sentenceRelations_;  // what this sentence stated so far: into Extraction::relations
    std::vector<std::tuple<std::string, size_t, size_t>> statedSpans_;  // (type, words) of what patterns found
    uint32_t sentenceBegin_ = 0, sentenceEnd_ = 0;
    std::vector<size_t> seenBefore_;  // lastSeen_ as the sentence began

    // The document.
    std::unordered_map<std::string, size_t> entityIndex_;  // label, separator, name -> entity
    std::vector<size_t> entryEntities_;                    // per gazetteer entry: its entity, kNone before its first use
    struct Learnt {
        size_t entity;
        bool genitive, shortName;
    };
    std::unordered_map<std::string, Learnt> dynamic_;  // folded name -> what it names
    std::unordered_map<size_t, std::string> shortNames_;  // entity -> the short name learnt for it
    std::unordered_set<size_t> shortUsed_;               // entities the text named by it
    WordSet dynamicFirst_;                               // their first words
    size_t dynamicLongest_ = 0;
    std::vector<size_t> lastSeen_, firstSeen_;  // per entity: when last mentioned, when first named (a clock)
    std::vector<std::unordered_set<size_t>> kinds_;  // per entity: the anaphors whose heads described it
    std::vector<std::unordered_set<size_t>> headsSeen_;  // per entity: those head phrases themselves (refs)
    std::vector<std::vector<std::string>> foldedForms_;  // per entity: its name and aliases, folded
    size_t clock_ = 0;
    bool inItem_ = false;                 // the sentence stands in a list item
    size_t itemClock_ = 0;                // clock_ as the paragraph began
    std::vector<size_t> itemFirst_;       // per entity: when the current paragraph first named it (> itemClock_)
    size_t sentenceCount_ = 0;  // sentences read so far: the body's come first, the title's last
    size_t sentenceClock_ = 0, previousClock_ = 0;  // clock_ as this sentence and the one before it began
    std::optional<size_t> previousSubject_;
    bool titleLast_ = false;  // reading the header's title after the body
    std::vector<Quantity> allQuantities_;                     // findAllQuantities(): every sentence's
    std::vector<std::pair<size_t, size_t>> quantityStarts_;   // (sentence begin, its first in allQuantities_)
    std::unordered_map<std::string, std::string> lastPeriods_;  // unit -> the last period of it
};

}  // namespace

Extraction Extractor::extract(const DocumentInput& input) const {
    Extraction out;
    out.doc = std::string(input.key);
    out.lang = input.lang != Lang::UNKNOWN ? input.lang : detectLanguage(input.text);
    out.published = std::string(input.published);
    if (out.published.empty()) {
        // News pages carry their date near the top, on a line of its own or in a dateline.
        std::string_view top = input.text.substr(0, std::min<size_t>(input.text.size(), 600));
        while (!top.empty() && (static_cast<unsigned char>(top.back()) & 0xC0) == 0x80) top.remove_suffix(1);
        for (const Quantity& q : findQuantities(top, out.lang, ""))
            if (q.kind == Quantity::Kind::PERIOD && q.period.size() == 10) {
                out.published = q.period;
                break;
            }
    }
    DocumentInput dated = input;
    dated.published = out.published;
    Run run(*compiled_, dated, out);
    const std::vector<Span> spans = sentences(input.text, out.lang);
    // A header's title (its first sentence, after blanked header bytes) is read after the body,
    // whose names it often shortens ("Gravitek liefert …" before „Die Gravitek AG …“).
    const bool title = spans.size() > 1 && spans.front().begin > 0 && input.text.find_first_not_of(" \t") == spans.front().begin;
    run.findAllQuantities(spans);
    for (size_t i = title ? 1 : 0; i < spans.size(); ++i) run.sentence(spans[i].begin, spans[i].end);
    if (title) run.title(spans.front().begin, spans.front().end);
    run.finish();
    return out;
}

}  // namespace kgraph::ingest
