#include "ingest/extract/extractor.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "common/text.hpp"
#include "ingest/extract/phrase_index.hpp"
#include "ingest/normalize/quantity.hpp"
#include "ingest/text/detect_language.hpp"
#include "ingest/text/segment.hpp"

namespace kgraph::ingest {

namespace {


// A word of a sentence, folded for matching.
struct Word {
    uint32_t begin = 0, end = 0;  // bytes in the document text
    std::string folded;
    bool capitalised = false;
};

// The words of text[begin, end), offsets in the whole text.
std::vector<Word> wordsOf(std::string_view text, size_t begin, size_t end) {
    std::vector<Word> out;
    for (const Token& t : words(text.substr(begin, end - begin), begin)) {
        Word w;
        w.begin = static_cast<uint32_t>(t.span.begin);
        w.end = static_cast<uint32_t>(t.span.end);
        std::string_view surface = t.span.of(text);
        w.folded = normalizeName(surface);
        UChar32 c = 0;
        int32_t i = 0;
        U8_NEXT(reinterpret_cast<const uint8_t*>(surface.data()), i, static_cast<int32_t>(surface.size()), c);
        w.capitalised = c > 0 && (u_isupper(c) || u_istitle(c));
        out.push_back(std::move(w));
    }
    return out;
}

// A phrase of the rules as folded words; `prefix` when its last word ended in *.
struct Phrase {
    std::vector<std::string> words;
    bool prefix = false;
};

Phrase phraseOf(std::string_view text) {
    Phrase p;
    if (!text.empty() && text.back() == '*') {
        p.prefix = true;
        text.remove_suffix(1);
    }
    std::string owned(text);
    for (const Token& t : words(owned)) p.words.push_back(normalizeName(t.span.of(owned)));
    return p;
}

struct Mention {
    size_t first = 0, last = 0;  // word range [first, last)
    size_t entity = 0;           // into Extraction::entities
    std::string rule;
    bool group = false;          // a group alias: `members` are the entities
    std::vector<size_t> members;
    bool genitive = false;       // "Chinas Unternehmen": names an owner, never a subject
    size_t entry = SIZE_MAX;     // the gazetteer entry, when it was one
};

}  // namespace

struct Extractor::Compiled {
    const Rules& rules;
    // Every phrase of the rules in one index, found in one pass over a
    // sentence; `refs` says what each stands for.
    enum class Kind { GAZETTEER, CUE, TRIGGER, NEGATION, ANAPHORA };
    struct Ref {
        Kind kind;
        // GAZETTEER: 2 * (entry, or entities + group) + 1 for the German
        // genitive form ("Alibabas"); CUE: the recogniser; TRIGGER and
        // NEGATION: the pattern.
        size_t id;
    };
    PhraseIndex phrases;
    std::vector<Ref> refs;
    std::unordered_map<std::string, bool> stopwords;  // folded

    void add(Kind kind, size_t id, std::vector<std::string> words, bool prefix) {
        refs.push_back({kind, id});
        phrases.add(std::move(words), prefix, refs.size() - 1);
    }

    explicit Compiled(const Rules& r) : rules(r) {
        for (const auto& w : r.stopwords) stopwords.emplace(normalizeName(w), true);
        auto name = [&](const std::string& surface, size_t id) {
            Phrase p = phraseOf(surface);
            if (p.words.empty()) return;
            if (!p.prefix) {
                Phrase genitive = p;
                genitive.words.back() += 's';
                add(Kind::GAZETTEER, 2 * id + 1, std::move(genitive.words), false);
            }
            add(Kind::GAZETTEER, 2 * id, std::move(p.words), p.prefix);
        };
        for (size_t i = 0; i < r.entities.size(); ++i) {
            name(r.entities[i].name, i);
            for (const auto& a : r.entities[i].aliases) name(a, i);
        }
        for (size_t g = 0; g < r.groups.size(); ++g)
            add(Kind::GAZETTEER, 2 * (r.entities.size() + g), phraseOf(r.groups[g].alias).words, false);
        auto index = [&](Kind kind, const std::vector<std::string>& texts, size_t id) {
            for (const auto& t : texts) {
                Phrase p = phraseOf(t);
                add(kind, id, std::move(p.words), p.prefix);
            }
        };
        for (size_t i = 0; i < r.recognizers.size(); ++i) index(Kind::CUE, r.recognizers[i].words, i);
        for (size_t i = 0; i < r.patterns.size(); ++i) {
            index(Kind::TRIGGER, r.patterns[i].triggers, i);
            index(Kind::NEGATION, r.patterns[i].negations, i);
        }
        index(Kind::ANAPHORA, r.anaphora, 0);
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

// The state of one document's extraction.
class Run {
public:
    Run(const Extractor::Compiled& c, const DocumentInput& in, Extraction& out) : c_(c), in_(in), out_(out) {}

    void sentence(size_t begin, size_t end) {
        words_ = wordsOf(in_.text, begin, end);
        sentenceBegin_ = static_cast<uint32_t>(begin);
        sentenceEnd_ = static_cast<uint32_t>(end);
        mentions_.clear();
        scanPhrases();
        findGazetteer();
        findRecognized();
        findAnaphora();
        std::sort(mentions_.begin(), mentions_.end(), [](const Mention& a, const Mention& b) { return a.first < b.first; });
        for (const Mention& m : mentions_) {
            if (m.group) {
                for (size_t e : m.members) note(e, m);
            } else {
                note(m.entity, m);
                if (m.entry != SIZE_MAX) implied(m);
                if (rules().entities.empty() || out_.entities[m.entity].entity.label == "Company") lastCompany_ = m.entity;
            }
        }
        quantities_ = findQuantities(in_.text.substr(begin, end - begin), lang(), in_.published);
        for (size_t p = 0; p < rules().patterns.size(); ++p) applyPattern(p);
    }

private:
    const Rules& rules() const { return c_.rules; }
    Lang lang() const { return out_.lang; }

    // The entity with this label and canonical name, added on first sight.
    size_t entity(const std::string& label, const std::string& name) {
        for (size_t i = 0; i < out_.entities.size(); ++i)
            if (out_.entities[i].entity.label == label && out_.entities[i].entity.name == name) return i;
        out_.entities.push_back({{label, name, {}}, {}});
        return out_.entities.size() - 1;
    }

    Evidence evidence(size_t first, size_t last, const std::string& rule) const {
        Evidence e;
        e.sentenceBegin = sentenceBegin_;
        e.sentenceEnd = sentenceEnd_;
        e.begin = words_[first].begin;
        e.end = words_[last - 1].end;
        e.rule = rule;
        return e;
    }

    std::string surface(size_t first, size_t last) const {
        return std::string(in_.text.substr(words_[first].begin, words_[last - 1].end - words_[first].begin));
    }

    void note(size_t e, const Mention& m) {
        ExtractedEntity& x = out_.entities[e];
        x.evidence.push_back(evidence(m.first, m.last, m.rule));
        if (m.group || m.rule == "anaphora") return;
        std::string s = surface(m.first, m.last);
        if (s != x.entity.name && std::find(x.entity.aliases.begin(), x.entity.aliases.end(), s) == x.entity.aliases.end())
            x.entity.aliases.push_back(std::move(s));
    }

    // The relations a gazetteer name states by itself, evidenced where it stands.
    void implied(const Mention& m) {
        for (const ImpliedRelation& rel : rules().entities[m.entry].implies) {
            const GazetteerEntry* other = rules().entity(rel.other);
            size_t o = entity(other->label, other->name);
            size_t subject = rel.otherIsSubject ? o : m.entity, object = rel.otherIsSubject ? m.entity : o;
            addRelation(rel.type, "gazetteer", subject, object, {}, m.first, m.last);
        }
    }

    bool covered(size_t w) const {
        return std::any_of(mentions_.begin(), mentions_.end(), [&](const Mention& m) { return w >= m.first && w < m.last; });
    }

    // Where the rules' phrases stand in the sentence: one lookup per word.
    void scanPhrases() {
        using Kind = Extractor::Compiled::Kind;
        auto word = [&](size_t i) -> std::string_view { return words_[i].folded; };
        gazetteerHits_.assign(words_.size(), {});
        cueHits_.assign(rules().recognizers.size(), {});
        triggerHits_.assign(rules().patterns.size(), {});
        negationHits_.assign(rules().patterns.size(), {});
        anaphoraHits_.clear();
        for (size_t i = 0; i < words_.size(); ++i) {
            c_.phrases.match(i, words_.size(), word, [&](size_t ref, size_t n) {
                const auto [kind, id] = c_.refs[ref];
                switch (kind) {
                    case Kind::GAZETTEER: gazetteerHits_[i].emplace_back(id, n); break;
                    case Kind::CUE: cueHits_[id].emplace_back(i, i + n); break;
                    case Kind::TRIGGER: triggerHits_[id].emplace_back(i, i + n); break;
                    case Kind::NEGATION: negationHits_[id].push_back(i); break;
                    case Kind::ANAPHORA: anaphoraHits_.emplace_back(i, i + n); break;
                }
            });
        }
    }

    // Longest gazetteer match at each word; German genitives ("Alibabas") too.
    void findGazetteer() {
        for (size_t i = 0; i < words_.size();) {
            // The longest match: an entry, or a group (kNone for the other).
            // An exact form wins over a genitive of the same length; of two
            // entries with one alias, the first listed.
            constexpr size_t kNone = SIZE_MAX;
            size_t best = 0, entry = kNone, group = kNone;
            bool genitive = false;
            const size_t entities = rules().entities.size();
            for (const auto& [id, n] : gazetteerHits_[i]) {
                const bool gen = id % 2 == 1;
                if (gen && lang() != Lang::DE) continue;
                const size_t k = id / 2;
                const size_t current = entry != kNone ? entry : group != kNone ? entities + group : kNone;
                bool better = n > best || (n == best && genitive && !gen) || (n == best && gen == genitive && k < current);
                if (!better) continue;
                best = n, genitive = gen;
                if (k < entities) entry = k, group = kNone;
                else group = k - entities, entry = kNone;
            }
            if (best == 0) {
                ++i;
                continue;
            }
            Mention m{i, i + best, 0, "gazetteer", false, {}, genitive};
            if (group != kNone) {
                m.group = true;
                for (const auto& name : rules().groups[group].members) {
                    const GazetteerEntry* g = rules().entity(name);
                    m.members.push_back(entity(g->label, g->name));
                }
            } else {
                const GazetteerEntry& g = rules().entities[entry];
                m.entity = entity(g.label, g.name);
                m.entry = entry;
            }
            mentions_.push_back(std::move(m));
            i += best;
        }
    }

    // Names the gazetteer does not know, from a suffix or a cue.
    void findRecognized() {
        for (size_t r = 0; r < rules().recognizers.size(); ++r) {
            const Recognizer& rec = rules().recognizers[r];
            if (rec.lang && *rec.lang != lang()) continue;
            {
                for (const auto& [i, iEnd] : cueHits_[r]) {
                    const size_t n = iEnd - i;
                    size_t first = i, last = i;
                    if (rec.kind == Recognizer::Kind::SUFFIX) {
                        // Capitalised words right before the suffix, which is part of the name.
                        while (first > 0 && i - (first - 1) <= static_cast<size_t>(rec.maxWords) &&
                               nameWord(first - 1))
                            --first;
                        if (first == i) continue;
                        last = i + n;
                    } else {
                        // Capitalised words right after the cue.
                        first = last = i + n;
                        while (last < words_.size() && last - first < static_cast<size_t>(rec.maxWords) && nameWord(last))
                            ++last;
                        if (first == last) continue;
                    }
                    if (covered(first) || covered(last - 1)) continue;
                    std::string full = surface(first, last);
                    std::string name = rec.kind == Recognizer::Kind::SUFFIX ? canonicalCompanyName(first, i) : full;
                    Mention m{first, last, entity(rec.label, name), rec.id, false, {}};
                    mentions_.push_back(std::move(m));
                }
            }
        }
    }

    // A word that may be part of a recognised name.
    bool nameWord(size_t w) const {
        return words_[w].capitalised && !covered(w) && !c_.stopwords.count(words_[w].folded);
    }

    // "Hithink RoyalFlush Information Network Co." is "Hithink RoyalFlush":
    // the distinctive words before descriptors and the legal form.
    std::string canonicalCompanyName(size_t first, size_t suffix) const {
        static const std::vector<std::string> kDescriptors = {
            "information", "network", "technology", "technologies", "holding", "holdings", "international",
            "systems", "group", "co", "company", "corporation", "limited", "ltd", "inc", "ag", "gmbh", "se"};
        size_t last = suffix;
        while (last > first + 1 &&
               std::find(kDescriptors.begin(), kDescriptors.end(), words_[last - 1].folded) != kDescriptors.end())
            --last;
        return surface(first, last);
    }

    // "das Unternehmen": the last company named.
    void findAnaphora() {
        if (!lastCompany_) return;
        for (const auto& [i, end] : anaphoraHits_)
            if (!covered(i)) mentions_.push_back({i, end, *lastCompany_, "anaphora", false, {}});
    }

    static bool hasLabel(const std::vector<std::string>& labels, const std::string& label) {
        return std::find(labels.begin(), labels.end(), label) != labels.end();
    }

    const std::string& labelOf(const Mention& m) const {
        return out_.entities[m.group ? m.members.front() : m.entity].entity.label;
    }

    // The nearest mention with one of `labels` before (side < 0), after
    // (side > 0) or on either side of the trigger, within the window.
    const Mention* nearest(size_t t0, size_t t1, int side, const std::vector<std::string>& labels, int window,
                           const Mention* not_, bool subject) const {
        const Mention* best = nullptr;
        size_t bestDistance = SIZE_MAX;
        for (const Mention& m : mentions_) {
            if (&m == not_ || !hasLabel(labels, labelOf(m)) || (subject && m.genitive)) continue;
            if (m.first < t1 && m.last > t0) continue;  // inside the trigger
            size_t distance = 0;
            if (m.last <= t0) {
                if (side > 0) continue;
                distance = t0 - m.last;
            } else {
                if (side < 0) continue;
                distance = m.first - t1;
            }
            if (distance > static_cast<size_t>(window) || distance >= bestDistance) continue;
            best = &m;
            bestDistance = distance;
        }
        return best;
    }

    // `m` and the mentions coordinated with it ("Baidu, Alibaba und Tencent").
    std::vector<const Mention*> coordinated(const Mention* m) const {
        std::vector<const Mention*> out{m};
        auto joiner = [&](size_t from, size_t to) {
            for (size_t w = from; w < to; ++w) {
                const std::string& f = words_[w].folded;
                if (f != "," && f != "und" && f != "and" && f != "sowie" && f != "&" && f != "or" && f != "oder")
                    return false;
            }
            return to > from && to - from <= 2;
        };
        const std::string& label = labelOf(*m);
        for (bool grew = true; grew;) {
            grew = false;
            for (const Mention& o : mentions_) {
                if (std::find(out.begin(), out.end(), &o) != out.end() || labelOf(o) != label) continue;
                bool adjacent = std::any_of(out.begin(), out.end(), [&](const Mention* x) {
                    return (o.last <= x->first && joiner(o.last, x->first)) || (x->last <= o.first && joiner(x->last, o.first));
                });
                if (adjacent) {
                    out.push_back(&o);
                    grew = true;
                }
            }
        }
        return out;
    }

    void applyPattern(size_t index) {
        const Pattern& p = rules().patterns[index];
        if (p.lang && *p.lang != lang()) return;
        const RelationSpec* spec = rules().relation(p.type);
        // The longest trigger at each start; none starting inside another.
        std::vector<std::pair<size_t, size_t>> hits = triggerHits_[index];
        std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first < b.first : a.second > b.second;
        });
        std::vector<std::pair<size_t, size_t>> triggers;  // word ranges
        for (const auto& h : hits)
            if (triggers.empty() || h.first >= triggers.back().second) triggers.push_back(h);
        // First the ends each trigger finds; a trigger that finds none does
        // not take quantities from the one before it.
        struct Found {
            size_t t0, t1;
            const Mention* subject;
            const Mention* object;  // null with a fixed object
        };
        const int subjectSide = p.order == Pattern::Order::SUBJECT_FIRST  ? -1
                                : p.order == Pattern::Order::OBJECT_FIRST ? 1
                                                                          : 0;
        std::vector<Found> found;
        for (const auto& [t0, t1] : triggers) {
            // The ends on the sides the order allows; with `any`, subject
            // before and object after the trigger ("A investiert in B") if
            // both are there, else the other way round ("In B investiert A").
            const Mention* subject = nullptr;
            const Mention* object = nullptr;
            auto ends = [&](int side) {
                object = p.object ? nullptr : nearest(t0, t1, -side, p.objectLabels, p.window, nullptr, /*subject=*/false);
                subject = p.object || object ? nearest(t0, t1, side, p.subjectLabels, p.window, object, /*subject=*/true)
                                             : nullptr;
                return subject != nullptr;
            };
            // German puts the verb last in a clause: "während A und B 23 Mrd. in KI investierten".
            auto verbLast = [&] {
                object = nearest(t0, t1, -1, p.objectLabels, p.window, nullptr, /*subject=*/false);
                subject = object ? nearest(object->first, object->first, -1, p.subjectLabels, p.window, object, true) : nullptr;
                return subject != nullptr;
            };
            bool ok = p.object            ? ends(subjectSide)
                      : subjectSide != 0  ? ends(subjectSide)
                                          : ends(-1) || ends(1) || (lang() == Lang::DE && verbLast());
            if (!ok) continue;
            size_t lo = std::min({t0, subject->first, object ? object->first : t0});
            size_t hi = std::max({t1, subject->last, object ? object->last : t1});
            if (negated(index, lo, hi)) continue;
            found.push_back({t0, t1, subject, object});
        }
        std::optional<size_t> fixedObject;
        if (p.object && !found.empty()) {
            const GazetteerEntry* g = rules().entity(*p.object);
            fixedObject = entity(g->label, g->name);
        }
        for (size_t k = 0; k < found.size(); ++k) {
            const Found& f = found[k];
            const uint32_t nextTrigger = k + 1 < found.size() ? words_[found[k + 1].t0].begin : sentenceEnd_;
            Value::Map properties = quantitiesFor(*spec, f.t0, f.t1, nextTrigger);
            size_t lo = std::min({f.t0, f.subject->first, f.object ? f.object->first : f.t0});
            size_t hi = std::max({f.t1, f.subject->last, f.object ? f.object->last : f.t1});
            for (const Mention* s : coordinated(f.subject)) {
                std::vector<size_t> subjects = s->group ? s->members : std::vector<size_t>{s->entity};
                Value::Map props = properties;
                // An amount stated for a group ("BAT invested 50 billion") is its total, not each member's.
                if (s->group) props.erase("amount"), props.erase("currency"), props.erase("share");
                std::vector<size_t> objects;
                if (fixedObject) objects.push_back(*fixedObject);
                else if (f.object->group) objects = f.object->members;
                else objects.push_back(f.object->entity);
                for (size_t subj : subjects)
                    for (size_t obj : objects)
                        if (subj != obj)
                            addRelation(p.type, p.id, subj, obj, props, std::min(lo, s->first), std::max(hi, s->last));
            }
        }
    }

    bool negated(size_t pattern, size_t lo, size_t hi) const {
        const auto& at = negationHits_[pattern];
        return std::any_of(at.begin(), at.end(), [&](size_t w) { return w >= lo && w < hi; });
    }

    // The sentence's quantities the relation type takes. Each kind is looked
    // for after the trigger first, up to the pattern's next trigger ("die
    // Investitionen von A auf 4,2 Mrd., die von B auf 23 Mrd."), else the
    // nearest before it.
    Value::Map quantitiesFor(const RelationSpec& spec, size_t t0, size_t t1, uint32_t nextTrigger) const {
        Value::Map out;
        auto wants = [&](const char* key) {
            return std::find(spec.properties.begin(), spec.properties.end(), key) != spec.properties.end();
        };
        const uint32_t trigger = words_[t0].begin, triggerEnd = words_[t1 - 1].end;
        auto pick = [&](Quantity::Kind kind) -> const Quantity* {
            const Quantity* after = nullptr;
            const Quantity* before = nullptr;
            for (const auto& q : quantities_) {
                if (q.kind != kind) continue;
                uint32_t b = q.begin + sentenceBegin_, e = q.end + sentenceBegin_;
                if (b >= triggerEnd && b < nextTrigger && !after) after = &q;
                if (e <= trigger) before = &q;
                if (b < triggerEnd && e > trigger && !after) after = &q;  // inside the trigger ("2024-Investitionen")
            }
            return after ? after : before;
        };
        if (const Quantity* money = pick(Quantity::Kind::MONEY); money && wants("amount")) {
            out["amount"] = Value(money->amount);
            out["currency"] = Value(money->currency);
        }
        if (const Quantity* share = pick(Quantity::Kind::SHARE); share && wants("share")) out["share"] = Value(share->share);
        // A period frames the whole sentence: the nearest on either side.
        const Quantity* period = nullptr;
        auto distance = [&](const Quantity& q) {
            uint32_t b = q.begin + sentenceBegin_, e = q.end + sentenceBegin_;
            return e <= trigger ? trigger - e : b >= triggerEnd ? b - triggerEnd : 0;
        };
        for (const auto& q : quantities_)
            if (q.kind == Quantity::Kind::PERIOD && (!period || distance(q) < distance(*period))) period = &q;
        if (period && wants("period")) out["period"] = Value(period->period);
        return out;
    }

    void addRelation(const std::string& type, const std::string& rule, size_t subject, size_t object,
                     const Value::Map& props, size_t lo, size_t hi) {
        const std::string& s = out_.entities[subject].entity.name;
        const std::string& o = out_.entities[object].entity.name;
        Evidence ev = evidence(lo, hi, rule);
        for (auto& r : out_.relations) {
            if (r.relation.type != type || r.relation.subject != s || r.relation.object != o) continue;
            // The same fact again: what this sentence adds completes it; the first value stays.
            for (const auto& [k, v] : props) r.relation.properties.emplace(k, v);
            r.evidence.push_back(std::move(ev));
            return;
        }
        out_.relations.push_back({{type, s, o, props}, {std::move(ev)}});
    }

    const Extractor::Compiled& c_;
    const DocumentInput& in_;
    Extraction& out_;
    std::vector<Word> words_;
    std::vector<Mention> mentions_;
    std::vector<std::vector<std::pair<size_t, size_t>>> cueHits_, triggerHits_;  // per recogniser / pattern
    std::vector<std::vector<size_t>> negationHits_;                              // per pattern
    std::vector<std::vector<std::pair<size_t, size_t>>> gazetteerHits_;          // per word: (id, words)
    std::vector<std::pair<size_t, size_t>> anaphoraHits_;
    std::vector<Quantity> quantities_;
    uint32_t sentenceBegin_ = 0, sentenceEnd_ = 0;
    std::optional<size_t> lastCompany_;
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
    for (const Span& s : sentences(input.text, out.lang)) run.sentence(s.begin, s.end);
    return out;
}

}  // namespace kgraph::ingest
