// The rules format (docs/rules.md) and the extraction engine, with small rules
// written here so the tests do not move when the shipped rules grow; and the
// founding article with the shipped rules, whose facts are the acceptance.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "ingest/extract/extractor.hpp"
#include "ingest/extract/phrase_index.hpp"
#include "ingest/extract/rules.hpp"
#include "ingest/text/document.hpp"

namespace kgraph::ingest {
namespace {

// ---------------------------------------------------------------- PhraseIndex

std::vector<std::pair<size_t, size_t>> matchesAt(const PhraseIndex& index, const std::vector<std::string>& words,
                                                 size_t at) {
    std::vector<std::pair<size_t, size_t>> out;
    index.match(at, words.size(), [&](size_t i) -> std::string_view { return words[i]; },
                [&](size_t id, size_t n) { out.emplace_back(id, n); });
    std::sort(out.begin(), out.end());
    return out;
}

TEST(PhraseIndex, ExactPrefixAndMultiWordPhrases) {
    PhraseIndex index;
    index.add({"alibaba"}, false, 1);
    index.add({"alibaba", "cloud"}, false, 2);
    index.add({"investier"}, true, 3);  // investier*
    index.add({"ki"}, true, 4);         // shorter than the prefix key
    index.add({"z", ".", "b", "."}, false, 5);
    const std::vector<std::string> words = {"alibaba", "cloud", "investierte", "kis", "z", ".", "b", ".", "alibab"};
    EXPECT_EQ(matchesAt(index, words, 0), (std::vector<std::pair<size_t, size_t>>{{1, 1}, {2, 2}}));
    EXPECT_TRUE(matchesAt(index, words, 1).empty());
    EXPECT_EQ(matchesAt(index, words, 2), (std::vector<std::pair<size_t, size_t>>{{3, 1}}));
    EXPECT_EQ(matchesAt(index, words, 3), (std::vector<std::pair<size_t, size_t>>{{4, 1}}));
    EXPECT_EQ(matchesAt(index, words, 4), (std::vector<std::pair<size_t, size_t>>{{5, 4}}));
    EXPECT_TRUE(matchesAt(index, words, 8).empty());  // a prefix of a name is not the name
    // A phrase running past the end does not match.
    EXPECT_TRUE(matchesAt(index, {"alibaba"}, 0) == (std::vector<std::pair<size_t, size_t>>{{1, 1}}));
}

TEST(PhraseIndex, ThousandsOfPhrasesEachFoundByItsOwnWords) {
    // Enough phrases that the flat tables grow several times, and first words that share bytes.
    PhraseIndex index;
    std::vector<std::string> words;
    for (size_t i = 0; i < 3000; ++i) {
        words.push_back("w" + std::to_string(i));
        index.add({words.back()}, false, i);
        index.add({words.back(), "x"}, false, 10000 + i);
        index.add({words.back(), "y", "z"}, false, 20000 + i);
    }
    for (size_t i = 0; i < 3000; i += 7) {
        const std::vector<std::string> text = {words[i], "y", "z"};
        EXPECT_EQ(matchesAt(index, text, 0), (std::vector<std::pair<size_t, size_t>>{{i, 1}, {20000 + i, 3}})) << i;
        EXPECT_EQ(matchesAt(index, {words[i], "x"}, 0), (std::vector<std::pair<size_t, size_t>>{{i, 1}, {10000 + i, 2}})) << i;
    }
    EXPECT_TRUE(matchesAt(index, {"w3000", "x"}, 0).empty());
    EXPECT_TRUE(matchesAt(index, {"w1", "y"}, 0) == (std::vector<std::pair<size_t, size_t>>{{1, 1}}));
}

// ---------------------------------------------------------------- rules

constexpr const char* kRules = R"({
  // Comments are allowed.
  "labels": ["Company", "Topic", "Country", "Person"],
  "relations": {
    "INVESTS_IN": {"from": ["Company", "Country"], "to": ["Topic", "Company"], "properties": ["amount", "currency", "period"]},
    "WORKS_FOR": {"from": ["Person"], "to": ["Company"]}
  },
  "entities": [
    {"label": "Company", "name": "Baidu"},
    {"label": "Company", "name": "Alibaba"},
    {"label": "Company", "name": "Tencent"},
    {"label": "Topic", "name": "AI", "aliases": ["KI"]},
    {"label": "Country", "name": "China"}
  ],
  "groups": [{"alias": "BAT", "members": ["Baidu", "Alibaba", "Tencent"]}],
  "recognizers": [
    {"id": "legal", "label": "Company", "suffixes": ["AG", "Inc."]},
    {"id": "ceo", "label": "Person", "cues": ["CEO"], "maxWords": 2}
  ],
  "patterns": [
    {"id": "inv-de", "type": "INVESTS_IN", "lang": "de", "triggers": ["investier*"], "window": 10,
     "negations": ["nicht"]},
    {"id": "inv-en", "type": "INVESTS_IN", "lang": "en", "triggers": ["invest*"], "order": "subject-first"}
  ],
  "anaphora": ["das Unternehmen"],
  "stopwords": ["Die"]
})";

TEST(Rules, ReadWithCommentsAndDefaults) {
    auto r = parseRules(kRules, "test.json");
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->labels.size(), 4u);
    ASSERT_NE(r->relation("INVESTS_IN"), nullptr);
    EXPECT_EQ(r->patterns[0].subjectLabels, (std::vector<std::string>{"Company", "Country"}));  // the type's ends
    EXPECT_EQ(r->patterns[1].order, Pattern::Order::SUBJECT_FIRST);
    EXPECT_EQ(r->patterns[0].window, 10);
    EXPECT_EQ(r->patterns[1].window, 12);
    EXPECT_EQ(r->recognizers[1].kind, Recognizer::Kind::CUE);
    EXPECT_EQ(r->groups[0].members.size(), 3u);
}

TEST(Rules, MistakesNameTheirPlace) {
    struct Case {
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {"{\n  \"labels\": [\"A\",\n}", "x.json:3:1: syntax error"},
        {R"({"relations": {}})", "x.json: /: \"labels\" is missing"},
        {R"({"labels": ["A"], "relations": {"T": {"from": ["B"], "to": ["A"]}}})",
         "x.json: /relations/T/from/0: unknown label 'B'"},
        {R"({"labels": ["A"], "relations": {}, "patterns": [{"id": "p", "type": "NOPE", "triggers": ["x"]}]})",
         "x.json: /patterns/0/type: unknown relationship type 'NOPE'"},
        {R"({"labels": ["A"], "relations": {}, "entities": [{"label": "A", "name": "x"}, {"label": "A", "name": "x"}]})",
         "x.json: /entities/1/name: entity 'x' is listed twice"},
        {R"({"labels": ["A"], "relations": {}, "groups": [{"alias": "G", "members": ["nobody"]}]})",
         "x.json: /groups/0/members: 'nobody' is not an entity of these rules"},
        {R"({"labels": ["A"], "relations": {}, "recognizers": [{"id": "r", "label": "A"}]})",
         "x.json: /recognizers/0: needs one of \"suffixes\", \"cues\", \"policyHeads\""},
        {R"({"labels": ["A"], "relations": {"T": {"from": ["A"], "to": ["A"]}}, "patterns": [{"id": "p", "type": "T", "triggers": ["x"], "window": 0}]})",
         "x.json: /patterns/0/window: must be an integer from 1 to 60"},
        {R"({"extends": "other"})", "x.json: /extends: only \"default\" can be extended"},
    };
    for (const auto& c : cases) {
        auto r = parseRules(c.text, "x.json");
        ASSERT_FALSE(r) << c.text;
        EXPECT_EQ(r.status().message().rfind(c.message, 0), 0u) << r.status().message();
    }
}

TEST(Rules, DefaultsLoadAndExtend) {
    const Rules& d = defaultRules();
    EXPECT_TRUE(d.hasLabel("Company"));
    ASSERT_NE(d.relation("INVESTS_IN"), nullptr);
    auto r = parseRules(R"({"extends": "default", "entities": [{"label": "Company", "name": "Lumora"}]})", "x.json");
    ASSERT_TRUE(r) << r.status().message();
    EXPECT_EQ(r->entities.size(), d.entities.size() + 1);
    EXPECT_EQ(r->patterns.size(), d.patterns.size());
    auto dup = parseRules(R"({"extends": "default", "relations": {"INVESTS_IN": {"from": ["Company"], "to": ["Topic"]}}})", "x.json");
    EXPECT_FALSE(dup);
}

// ---------------------------------------------------------------- extraction

class ExtractTest : public testing::Test {
protected:
    void SetUp() override {
        auto r = parseRules(kRules, "test.json");
        ASSERT_TRUE(r) << r.status().message();
        rules_ = std::move(*r);
        extractor_ = std::make_unique<Extractor>(rules_);
    }
    Extraction run(std::string_view text, Lang lang, std::string_view published = "2024-08-28") {
        return extractor_->extract({"doc", text, lang, published});
    }
    static bool has(const Extraction& x, const std::string& type, const std::string& s, const std::string& o) {
        return std::any_of(x.relations.begin(), x.relations.end(), [&](const ExtractedRelation& r) {
            return r.relation.type == type && r.relation.subject == s && r.relation.object == o;
        });
    }
    static const ExtractedRelation* find(const Extraction& x, const std::string& s) {
        for (const auto& r : x.relations)
            if (r.relation.subject == s) return &r;
        return nullptr;
    }
    Rules rules_;
    std::unique_ptr<Extractor> extractor_;
};

TEST_F(ExtractTest, CoordinatedSubjectsEachGetTheirAmount) {
    auto x = run("Baidu investierte 4,2 Milliarden Yuan in KI, während Alibaba und Tencent jeweils 23 Milliarden Yuan "
                 "in KI investierten.",
                 Lang::DE);
    ASSERT_TRUE(find(x, "Baidu"));
    EXPECT_EQ(find(x, "Baidu")->relation.properties.at("amount"), Value(4.2e9));
    ASSERT_TRUE(find(x, "Tencent"));
    EXPECT_EQ(find(x, "Tencent")->relation.properties.at("amount"), Value(2.3e10));
    EXPECT_EQ(find(x, "Alibaba")->relation.properties.at("currency"), Value("CNY"));
    // Every relation keeps the sentence and rule that stated it.
    const Evidence& ev = find(x, "Baidu")->evidence.front();
    EXPECT_EQ(ev.rule, "inv-de");
    EXPECT_EQ(ev.sentenceBegin, 0u);
}

TEST_F(ExtractTest, AGroupStandsForItsMembersWithoutTheTotal) {
    auto x = run("BAT investierte im ersten Halbjahr 50 Milliarden Yuan in KI.", Lang::DE);
    for (const char* m : {"Baidu", "Alibaba", "Tencent"}) {
        const ExtractedRelation* r = find(x, m);
        ASSERT_TRUE(r) << m;
        EXPECT_EQ(r->relation.properties.count("amount"), 0u);
        EXPECT_EQ(r->relation.properties.at("period"), Value("2024-H1"));
    }
}

TEST_F(ExtractTest, NegationCancelsAndGenitiveIsNoSubject) {
    EXPECT_TRUE(run("Baidu investierte nicht in KI.", Lang::DE).relations.empty());
    auto x = run("Chinas Konzerne investieren in KI.", Lang::DE);
    EXPECT_FALSE(has(x, "INVESTS_IN", "China", "AI"));
    EXPECT_EQ(x.entities.front().entity.aliases, (std::vector<std::string>{"Chinas"}));
}

TEST_F(ExtractTest, RecognisersAnaphoraAndLanguage) {
    auto x = run("Die Lumora AG baut aus. Das Unternehmen investierte 5 Mrd. Euro in KI. CEO Jane Doe sagte das.",
                 Lang::DE);
    EXPECT_TRUE(has(x, "INVESTS_IN", "Lumora", "AI"));
    auto lumora = std::find_if(x.entities.begin(), x.entities.end(), [](auto& e) { return e.entity.name == "Lumora"; });
    ASSERT_NE(lumora, x.entities.end());
    EXPECT_EQ(lumora->entity.aliases, (std::vector<std::string>{"Lumora AG"}));
    EXPECT_TRUE(std::any_of(x.entities.begin(), x.entities.end(),
                            [](auto& e) { return e.entity.label == "Person" && e.entity.name == "Jane Doe"; }));
    // The English pattern wants the subject first; German patterns do not run on English text.
    auto en = run("Tencent invested $800 million in AI.", Lang::EN);
    EXPECT_TRUE(has(en, "INVESTS_IN", "Tencent", "AI"));
    EXPECT_EQ(find(en, "Tencent")->relation.properties.at("currency"), Value("USD"));
    EXPECT_TRUE(run("AI invested in Tencent.", Lang::EN).relations.empty());
}

TEST_F(ExtractTest, PublicationDateFromADateline) {
    auto x = run("Peking\n28.08.2024\n\nBaidu investierte im ersten Halbjahr in KI.", Lang::DE, "");
    EXPECT_EQ(x.published, "2024-08-28");
    ASSERT_TRUE(find(x, "Baidu"));
    EXPECT_EQ(find(x, "Baidu")->relation.properties.at("period"), Value("2024-H1"));
}

// Features of sequence patterns and recognisers, each with rules of its own.
Extraction extractWith(const char* json, std::string_view text, Lang lang) {
    auto r = parseRules(json, "t.json");
    EXPECT_TRUE(r) << r.status().message();
    static Rules keep;  // the extractor refers to its rules
    keep = std::move(*r);
    return Extractor(keep).extract({"doc", text, lang, "2025-01-22"});
}

bool hasRelation(const Extraction& x, const std::string& type, const std::string& s, const std::string& o) {
    return std::any_of(x.relations.begin(), x.relations.end(), [&](const ExtractedRelation& r) {
        return r.relation.type == type && r.relation.subject == s && r.relation.object == o;
    });
}

// The shipped rules' relations of one type in a text, as "subject>object;" in the order found.
std::string shippedRelations(std::string_view text, Lang lang, const std::string& type) {
    static Extractor extractor(defaultRules());
    std::string out;
    for (const auto& r : extractor.extract({"doc", text, lang, "2025-01-22"}).relations)
        if (r.relation.type == type) out += r.relation.subject + ">" + r.relation.object + ";";
    return out;
}

// The shipped rules' entities with one label in a text, as "name;" in the order found.
std::string shippedEntities(std::string_view text, Lang lang, const std::string& label) {
    static Extractor extractor(defaultRules());
    std::string out;
    for (const auto& e : extractor.extract({"doc", text, lang, "2025-01-22"}).entities)
        if (e.entity.label == label) out += e.entity.name + ";";
    return out;
}

constexpr const char* kCompanies = R"(
  "labels": ["Company", "City", "Person"],
  "relations": {"SUBSIDIARY_OF": {"from": ["Company"], "to": ["Company"]}, "LOCATED_IN": {"from": ["Company"], "to": ["City"]},
                "SUPPLIES": {"from": ["Company"], "to": ["Company"]}, "WORKS_FOR": {"from": ["Person"], "to": ["Company"], "properties": ["role"]}},
  "entities": [{"label": "Company", "name": "Voland"}, {"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Hanxin"},
               {"label": "City", "name": "Kyoto"}, {"label": "City", "name": "Munich"}],
  "roles": [{"role": "CFO", "words": ["Finanzchefin"]}],
)";

TEST(ExtractFeatures, ImpliedObjectComesFromTheSentenceBefore) {
    // A sequence without "{object}" takes the fallback: here the first company named before it.
    const std::string rules = std::string("{") + kCompanies + R"(
      "recognizers": [{"id": "legal", "label": "Company", "suffixes": ["GmbH"]}],
      "patterns": [{"id": "sub", "type": "SUBSIDIARY_OF", "sequence": ["{subject}", ",", "a", "~4", "subsidiary"], "fallbackObject": "previous"}]})";
    auto x = extractWith(rules.c_str(), "Voland will put money into Voland Software GmbH, a new Munich-based subsidiary.", Lang::EN);
    // "Voland Software GmbH": a known name and more words before a legal form are a company of their own.
    EXPECT_TRUE(std::any_of(x.entities.begin(), x.entities.end(), [](auto& e) { return e.entity.name == "Voland Software"; }));
    EXPECT_TRUE(hasRelation(x, "SUBSIDIARY_OF", "Voland Software", "Voland"));
    EXPECT_FALSE(hasRelation(x, "SUBSIDIARY_OF", "Voland", "Voland Software"));
}

TEST(ExtractFeatures, PrefixFallbackTakesTheCompanyTheNameBeginsWith) {
    // "prefix": the entity named so far whose name is the longest whole-word start of the subject's name, else "previous".
    const std::string rules = std::string("{") + kCompanies + R"(
      "recognizers": [{"id": "legal", "label": "Company", "suffixes": ["GmbH"]}],
      "patterns": [{"id": "sub", "type": "SUBSIDIARY_OF", "sequence": ["{subject}", ",", "a", "~4", "subsidiary"], "fallbackObject": "prefix"}]})";
    auto x = extractWith(rules.c_str(), "Voland met Hanxin. Aubrac hired staff. Voland Software GmbH, a new subsidiary, opened.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "SUBSIDIARY_OF", "Voland Software", "Voland"));
    EXPECT_FALSE(hasRelation(x, "SUBSIDIARY_OF", "Voland Software", "Aubrac"));
    // No name begins it: as "previous" (here the company named last before the sentence).
    auto y = extractWith(rules.c_str(), "Voland met Hanxin. Aubrac hired staff. Hanxin Design GmbH, a new subsidiary, opened.", Lang::EN);
    EXPECT_TRUE(hasRelation(y, "SUBSIDIARY_OF", "Hanxin Design", "Hanxin"));
    auto z = extractWith(rules.c_str(), "Voland met Hanxin. Aubrac hired staff. Kyrel GmbH, a new subsidiary, opened.", Lang::EN);
    EXPECT_TRUE(hasRelation(z, "SUBSIDIARY_OF", "Kyrel", "Aubrac"));
}

TEST(ExtractFeatures, ASemicolonEndsATriggersClause) {
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "sup", "type": "SUPPLIES", "triggers": ["beliefert"], "order": "subject-first", "window": 10}]})";
    auto x = extractWith(rules.c_str(), "Hanxin wächst; beliefert wird Aubrac von Voland.", Lang::DE);
    EXPECT_FALSE(hasRelation(x, "SUPPLIES", "Hanxin", "Aubrac"));
    auto y = extractWith(rules.c_str(), "Hanxin beliefert Aubrac; Voland wächst.", Lang::DE);
    EXPECT_TRUE(hasRelation(y, "SUPPLIES", "Hanxin", "Aubrac"));
    EXPECT_FALSE(hasRelation(y, "SUPPLIES", "Hanxin", "Voland"));
}

TEST(ExtractFeatures, AllObjectsStopAtAnotherSubject) {
    // After the trigger, "allObjects" takes objects up to a mention that can only be a subject (here another policy).
    const std::string rules = R"({"labels": ["Policy", "Country"],
      "relations": {"TARGETS": {"from": ["Policy"], "to": ["Country"]}},
      "entities": [{"label": "Policy", "name": "Entity List"}, {"label": "Policy", "name": "Rare Earth Rules"},
                   {"label": "Country", "name": "China"}, {"label": "Country", "name": "Japan"}],
      "patterns": [{"id": "t", "type": "TARGETS", "triggers": ["bars", "hit"], "order": "subject-first", "window": 20, "allObjects": true}]})";
    auto x = extractWith(rules.c_str(), "The Entity List bars China, while the Rare Earth Rules hit Japan.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "TARGETS", "Entity List", "China"));
    EXPECT_FALSE(hasRelation(x, "TARGETS", "Entity List", "Japan"));
    EXPECT_TRUE(hasRelation(x, "TARGETS", "Rare Earth Rules", "Japan"));
    // "China, and the Rare Earth Rules hit Japan" is no list: a name between ends it (a compound's modifier does not).
    auto y = extractWith(rules.c_str(), "The Entity List bars China, and the Rare Earth Rules hit Japan.", Lang::EN);
    EXPECT_FALSE(hasRelation(y, "TARGETS", "Entity List", "Japan"));
    EXPECT_FALSE(hasRelation(y, "TARGETS", "Rare Earth Rules", "China"));
    EXPECT_TRUE(hasRelation(y, "TARGETS", "Rare Earth Rules", "Japan"));
}

TEST(ExtractFeatures, APronounWithVerbsStandsForARecentPolicy) {
    // A pronoun with "verbs" counts only next to one of them, and only when this sentence or the one
    // before named an entity of its label; else the plain pronoun of the same words takes it.
    const std::string rules = R"({"labels": ["Policy", "Company", "Country"],
      "relations": {"TARGETS": {"from": ["Policy"], "to": ["Company", "Country"]}},
      "entities": [{"label": "Policy", "name": "Entity List"}, {"label": "Company", "name": "Voland"},
                   {"label": "Company", "name": "Hanxin"}, {"label": "Country", "name": "Japan"}],
      "patterns": [{"id": "t", "type": "TARGETS", "triggers": ["bars", "gelten für"], "order": "subject-first", "window": 10,
                    "allObjects": true}],
      "anaphora": [{"kind": "pronoun", "label": "Policy", "phrases": ["it", "sie"], "verbs": ["bars", "gelten"]},
                   {"kind": "pronoun", "phrases": ["it"]}]})";
    auto x = extractWith(rules.c_str(), "Voland met the Entity List officials. It bars Hanxin.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "TARGETS", "Entity List", "Hanxin"));
    // Named two sentences before: too far back.
    auto y = extractWith(rules.c_str(), "The Entity List grew. Voland met Japan. It bars Hanxin.", Lang::EN);
    EXPECT_FALSE(hasRelation(y, "TARGETS", "Entity List", "Hanxin"));
    auto w = extractWith(rules.c_str(), "Voland nutzt die Entity List; sie gelten für Hanxin.", Lang::DE);
    EXPECT_TRUE(hasRelation(w, "TARGETS", "Entity List", "Hanxin"));
    auto bad = parseRules(R"({"labels": ["A"], "anaphora": [{"kind": "possessive", "phrases": ["its"], "verbs": ["x"]}]})", "x.json");
    EXPECT_FALSE(bad);
}

TEST(ExtractFeatures, APossessiveIsTheClausesSubjects) {
    // "its" is the sentence's subject, not the company named last; a relative pronoun's antecedent
    // in its clause; the company after a reporting word when one follows it ("X said Y ... its").
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "sub", "type": "SUBSIDIARY_OF", "sequence": ["{object:possessive}", "unit", "{subject}"]}],
      "anaphora": [{"kind": "possessive", "phrases": ["its"]}, {"kind": "relative", "phrases": ["which"]}],
      "periods": {"reporting": ["said"]}})";
    const std::pair<const char*, const char*> cases[] = {
        {"Voland counts Aubrac among its customers, and its unit Hanxin grows.", "Voland"},
        {"Voland met Aubrac, which said its unit Hanxin grows.", "Aubrac"},
        {"Voland said Aubrac wants its unit Hanxin to grow.", "Aubrac"},
    };
    for (const auto& [text, parent] : cases) {
        const Extraction got = extractWith(rules.c_str(), text, Lang::EN);
        EXPECT_EQ(got.relations.size(), 1u) << text;
        EXPECT_TRUE(hasRelation(got, "SUBSIDIARY_OF", "Hanxin", parent)) << text;
    }
}

TEST(ExtractFeatures, AQuotationsWeIsTheSpeakersCompany) {
    // "quoted": a pronoun only inside quotation marks (counted in its paragraph), for the company
    // the quoted person works for; "we" outside a quotation is no mention.
    const std::string rules = std::string("{") + kCompanies + R"(
      "entities": [{"label": "Company", "name": "Voland"}, {"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Hanxin"},
                   {"label": "Person", "name": "Dana Kerr"}],
      "patterns": [{"id": "buy", "type": "SUPPLIES", "sequence": ["{object}", "buy|buys", "..3", "from", "{subject}"]},
                   {"id": "works", "type": "WORKS_FOR", "sequence": ["{object}", "chief", "{subject}"]}],
      "anaphora": [{"kind": "pronoun", "quoted": true, "phrases": ["we", "wir"]}]})";
    struct Case {
        const char* text;
        Lang lang;
        bool speakers;  // whether "we" is the speaker's company
    };
    for (const Case& c : {Case{"Voland chief Dana Kerr spoke to Aubrac.\n\n\"We buy chips from Hanxin\", said Dana Kerr.", Lang::EN, true},
                          Case{"Voland chief Dana Kerr spoke to Aubrac.\n\nWe buy chips from Hanxin, Aubrac said.", Lang::EN, false},
                          Case{"Voland chief Dana Kerr sprach.\n\n„Wir buy chips from Hanxin“, sagte sie.", Lang::DE, true}})
        EXPECT_EQ(hasRelation(extractWith(rules.c_str(), c.text, c.lang), "SUPPLIES", "Hanxin", "Voland"), c.speakers) << c.text;
    auto bad = parseRules(R"({"labels": ["A"], "anaphora": [{"kind": "relative", "phrases": ["der"], "quoted": true}]})", "x.json");
    EXPECT_FALSE(bad);
}

TEST(ExtractFeatures, DescriptionSlotAndAttribution) {
    // "{subject:description}" takes only a description; one before "said" is the sentence's subject.
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "loc", "type": "LOCATED_IN", "sequence": ["the", "{object}", "~2", "{subject:description}"]}],
      "anaphora": [{"heads": ["company", "maker"], "determiners": ["the"]}],
      "periods": {"reporting": ["said"]}})";
    auto x = extractWith(rules.c_str(), "Hanxin met Voland. Voland will supply Aubrac, the Kyoto materials maker said.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Voland", "Kyoto"));
    EXPECT_FALSE(hasRelation(x, "LOCATED_IN", "Aubrac", "Kyoto"));
    // A name is no description: nothing for "the Kyoto firm Aubrac" without a description.
    auto y = extractWith(rules.c_str(), "They met the Kyoto Aubrac.", Lang::EN);
    EXPECT_TRUE(y.relations.empty());
}

TEST(ExtractFeatures, ADescriptionsPlaceChoosesItsAntecedent) {
    // "the Kyoto company" is the company the text placed in Kyoto, not the one named last nor one placed elsewhere.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"},
                                                             {"label": "Company", "name": "Hanxin"}]})";
    auto x = extractWith(rules, "Aubrac, which is based in Kyoto, grew. Voland met Hanxin. Last year Hanxin bought resists from the Kyoto company.",
                         Lang::EN);
    EXPECT_TRUE(hasRelation(x, "SUPPLIES", "Aubrac", "Hanxin"));
    EXPECT_FALSE(hasRelation(x, "LOCATED_IN", "Hanxin", "Kyoto"));
    auto y = extractWith(rules, "Aubrac met Hanxin. Voland, which is based in Munich, grew. Hanxin bought resists from the Kyoto company.", Lang::EN);
    EXPECT_FALSE(hasRelation(y, "LOCATED_IN", "Voland", "Kyoto"));
}

TEST(ExtractFeatures, AHeadsInflectionsAreOneHeadAndAGenericHeadTakesTheLast) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"},
                                                             {"label": "Company", "name": "Hanxin"}]})";
    // „des Start-ups Aubrac“ … „das Start-up“: the start-up, though Voland was named since.
    auto x = extractWith(rules, "Die Fabrik des Start-ups Aubrac wächst. Voland hat 5 Mio. Euro in das Start-up investiert.", Lang::DE);
    EXPECT_TRUE(hasRelation(x, "INVESTS_IN", "Voland", "Aubrac"));
    // „der Konzern“ is generic: the company named last, not the one once called „US-Konzern“.
    auto y = extractWith(rules, "Aubrac kauft beim US-Konzern Hanxin. Der Autozulieferer Voland wächst. Der Konzern hat 5 Mio. Euro in Aubrac investiert.",
                         Lang::DE);
    EXPECT_TRUE(hasRelation(y, "INVESTS_IN", "Voland", "Aubrac"));
    EXPECT_FALSE(hasRelation(y, "INVESTS_IN", "Hanxin", "Aubrac"));
}

TEST(ExtractFeatures, AnOwnerAfterADescriptionIsNoApposition) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"},
                                                             {"label": "Product", "name": "Borla 7"}]})";
    // "the Munich lab, Voland's largest customer": the description is Aubrac's, and so is "its".
    auto x = extractWith(rules, "The chips go to Aubrac. The Munich lab, Voland's largest customer, will use them for its Borla 7 model.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "DEVELOPS", "Aubrac", "Borla 7"));
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Aubrac", "Munich"));
    EXPECT_FALSE(hasRelation(x, "DEVELOPS", "Voland", "Borla 7"));
    // A possessive's product in apposition: "its next model, the Borla 7".
    auto y = extractWith(rules, "Aubrac will train its next model, the Borla 7, in Paris.", Lang::EN);
    EXPECT_TRUE(hasRelation(y, "DEVELOPS", "Aubrac", "Borla 7"));
}

TEST(ExtractFeatures, InWhichOpensAClauseNotAnObject) {
    // "a maker in which Voland holds a stake": after "in which" stands the investor, not the investee.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"}]})";
    auto x = extractWith(rules, "Film comes from Aubrac, a Lyon resist maker in which Voland holds a 15% stake.", Lang::EN);
    // "into packaging as AI chip orders pile up": "as" opens another clause, AI chips are no object.
    auto y = extractWith(rules, "Voland will invest $2bn into packaging as AI chip orders pile up.", Lang::EN);
    EXPECT_FALSE(hasRelation(y, "INVESTS_IN", "Voland", "AI chips"));
    EXPECT_TRUE(hasRelation(x, "INVESTS_IN", "Voland", "Aubrac"));
    EXPECT_FALSE(hasRelation(x, "INVESTS_IN", "Aubrac", "Voland"));
}

TEST(ExtractFeatures, TheShippedRulesKnowMoreProductKinds) {
    // A product's kind after its name ("wafers", "probers") or before it ("resist", „Prozessors“, „Speicherstapel“, „Sprachmodelle“).
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"}]})";
    auto x = extractWith(rules, "Voland uses Aubrac's Pelto 6 wafers and its Marro 300 probers.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "DEVELOPS", "Aubrac", "Pelto 6"));
    auto y = extractWith(rules, "Aubrac said its new EUV resist Kelda was not covered.", Lang::EN);
    EXPECT_TRUE(hasRelation(y, "DEVELOPS", "Aubrac", "Kelda"));
    for (const auto& r : y.relations) EXPECT_NE(r.relation.object, "EUV");
    auto z = extractWith(rules, "Voland liefert Exemplare seines Prozessors „Tarko 2“ an Aubrac.", Lang::DE);
    EXPECT_TRUE(hasRelation(z, "DEVELOPS", "Voland", "Tarko 2"));
    auto w = extractWith(rules, "Aubrac investiert in seine Familie großer Sprachmodelle „Melo“.", Lang::DE);
    EXPECT_TRUE(hasRelation(w, "DEVELOPS", "Aubrac", "Melo"));
}

TEST(ExtractFeatures, ADescribedDemonymAppositionNamesACompany) {
    // ", a {demonym}" stands for every demonym; `described` wants one name word and a description after the demonym.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}]})";
    auto x = extractWith(rules, "Aubrac will buy a 20% stake in Pellin, a Belgian metal recycler, for €50 million.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "INVESTS_IN", "Aubrac", "Pellin"));
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Pellin", "Belgium"));
    auto y = extractWith(rules, "Aubrac kauft 20 Prozent an Pellin, einem belgischen Recyclingspezialisten.", Lang::DE);
    auto hasCompany = [](const Extraction& e, const std::string& name) {
        return std::any_of(e.entities.begin(), e.entities.end(),
                            [&](const auto& a) { return a.entity.label == "Company" && a.entity.name == name; });
    };
    // Two name words are a person's; the sentence's first word, or no description word, names nothing.
    auto z = extractWith(rules, "The talks were led by Anna Pellin, a Belgian metal recycler.", Lang::EN);
    EXPECT_FALSE(hasCompany(z, "Pellin"));
    auto v = extractWith(rules, "Yesterday, a Belgian recycler said so. Talks with Pellin, a Belgian town, went on.", Lang::EN);
    EXPECT_FALSE(hasCompany(v, "Yesterday"));
    EXPECT_FALSE(hasCompany(v, "Pellin"));
    EXPECT_TRUE(hasCompany(y, "Pellin"));
}

TEST(ExtractFeatures, APeriodInAnotherRelativeClauseIsNotTheRelations) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"}]})";
    auto period = [](const Extraction& x) -> Value {
        for (const auto& r : x.relations)
            if (r.relation.type == "INVESTS_IN" && r.relation.subject == "Aubrac" && r.relation.object == "Voland") {
                auto p = r.relation.properties.find("period");
                return p == r.relation.properties.end() ? Value("none") : p->second;
            }
        return Value("no relation");
    };
    auto x = extractWith(rules, "Aubrac, whose chief executive took over in 2019, will buy a 15% stake in Voland in a deal signed on January 9.", Lang::EN);
    EXPECT_EQ(period(x), Value("2025-01-09"));
    auto y = extractWith(rules, "Aubrac kauft einen Anteil von 15 Prozent an Voland, das im Jahr 2019 gegründet wurde.", Lang::DE);
    EXPECT_EQ(period(y), Value("none"));
}

TEST(ExtractFeatures, APersonInAppositionWithACompanysRole) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}]})";
    auto x = extractWith(rules, "\"We build for customers,\" said Jana Ostrova, Aubrac's founder and chief executive.", Lang::EN);
    const ExtractedRelation* r = nullptr;
    for (const auto& rel : x.relations)
        if (rel.relation.type == "WORKS_FOR" && rel.relation.subject == "Jana Ostrova" && rel.relation.object == "Aubrac") r = &rel;
    ASSERT_TRUE(r);
    EXPECT_EQ(r->relation.properties.at("role"), Value("founder and CEO"));
    // The person known, so that only the pattern decides: „Jana Ostrova, Aubracs Finanzchefin“.
    auto y = extractWith(R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Person", "name": "Jana Ostrova"}]})",
                         "Das sagte Jana Ostrova, Aubracs Finanzchefin, am Montag.", Lang::DE);
    EXPECT_TRUE(hasRelation(y, "WORKS_FOR", "Jana Ostrova", "Aubrac"));
}

TEST(ExtractFeatures, ADatelineNamesACity) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}]})";
    auto x = extractWith(rules, "Kellbach – Der Anlagenbauer Aubrac wächst. Der Mittelständler aus Kellbach, der Optiken liefert, stellt ein.", Lang::DE);
    EXPECT_TRUE(std::any_of(x.entities.begin(), x.entities.end(),
                            [](const auto& e) { return e.entity.label == "City" && e.entity.name == "Kellbach"; }));
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Aubrac", "Kellbach"));
    // Only the body's first sentence opens with a dateline.
    auto y = extractWith(rules, "Aubrac wächst. Kellbach – so heißt der Ort – liegt am Fluss.", Lang::DE);
    EXPECT_FALSE(std::any_of(y.entities.begin(), y.entities.end(), [](const auto& e) { return e.entity.name == "Kellbach"; }));
}

TEST(ExtractFeatures, AFiscalYearsStartDateNamesItsYear) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}]})";
    auto x = extractWith(rules, "Aubrac will invest 18bn yen in advanced packaging in the fiscal year starting April 1, 2027.", Lang::EN);
    const ExtractedRelation* r = nullptr;
    for (const auto& rel : x.relations)
        if (rel.relation.type == "INVESTS_IN" && rel.relation.subject == "Aubrac") r = &rel;
    ASSERT_TRUE(r);
    EXPECT_EQ(r->relation.properties.at("period"), Value("2027"));
    // A date without such a phrase stays a day.
    auto y = extractWith(rules, "Aubrac will invest 18bn yen in advanced packaging starting April 1, 2027.", Lang::EN);
    const ExtractedRelation* s = nullptr;
    for (const auto& rel : y.relations)
        if (rel.relation.type == "INVESTS_IN" && rel.relation.subject == "Aubrac") s = &rel;
    ASSERT_TRUE(s);
    EXPECT_EQ(s->relation.properties.at("period"), Value("2027-04-01"));
}

TEST(ExtractFeatures, AWhoseClauseOwnsItsProduct) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"}]})";
    auto x = extractWith(rules, "Aubrac, the chip designer whose Pelto accelerators are made by Voland, will move.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "DEVELOPS", "Aubrac", "Pelto"));
    EXPECT_FALSE(hasRelation(x, "DEVELOPS", "Voland", "Pelto"));
}

TEST(ExtractFeatures, ThisYearIsThePublicationYearAndAComparedYearIsNoPeriod) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}]})";
    // Published 2025-01-22 (extractWith).
    auto x = extractWith(rules, "Aubrac will in diesem Jahr rund 35 Mio. Euro in KI-Chips investieren, fast doppelt so viel wie 2024.", Lang::DE);
    bool found = false;
    for (const auto& rel : x.relations)
        if (rel.relation.type == "INVESTS_IN" && rel.relation.subject == "Aubrac") {
            found = true;
            EXPECT_EQ(rel.relation.properties.at("period"), Value("2025"));
        }
    EXPECT_TRUE(found);
}

TEST(ExtractFeatures, TheShippedRulesReadACodeNameAsAProduct) {
    Extractor extractor(defaultRules());
    auto x = extractor.extract({"doc", "Velder GmbH is designing a chip, code-named Osprey, chief executive Ola Brekke said.", Lang::EN, "2025-01-22"});
    std::string products, people;
    for (const auto& e : x.entities) {
        if (e.entity.label == "Product") products += e.entity.name + ";";
        if (e.entity.label == "Person") people += e.entity.name + ";";
    }
    EXPECT_EQ(products, "Osprey;");
    EXPECT_EQ(people, "Ola Brekke;");
}

TEST(ExtractFeatures, ADescriptionPassesOverACompanyDescribedOtherwise) {
    // "the foundry" is not the company the text called "the startup", though that one was named last.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"}]})";
    auto x = extractWith(rules, "Voland makes chips for the startup Aubrac. The Lyon foundry will start production in May.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Voland", "Lyon"));
    EXPECT_FALSE(hasRelation(x, "LOCATED_IN", "Aubrac", "Lyon"));
    // A resolved description teaches its head: "the Austin-based chip designer said" makes Aubrac the chip designer,
    // so "the Taiwanese foundry" after it is Voland.
    auto y = extractWith(rules, "Aubrac has chosen Voland to make its chip, the Austin-based chip designer said. The Taiwanese foundry starts in May.",
                         Lang::EN);
    EXPECT_TRUE(hasRelation(y, "LOCATED_IN", "Voland", "Taiwan"));
    EXPECT_FALSE(hasRelation(y, "LOCATED_IN", "Aubrac", "Taiwan"));
}

TEST(ExtractFeatures, AFundsPossessiveIsNoCompanyNamedBefore) {
    // „der Nordfonds stockte seine Beteiligung auf“: „seine“ is the fund's, not the company of the sentence before.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"},
                                                             {"label": "Organization", "name": "Nordfonds"}]})";
    auto x = extractWith(rules, "Aubrac lässt bei Voland fertigen. Zudem stockte der Nordfonds seine Beteiligung um 9 Mio. Euro auf.", Lang::DE);
    EXPECT_FALSE(hasRelation(x, "INVESTS_IN", "Aubrac", "Voland"));
}

TEST(ExtractFeatures, TheShippedRulesTellAPurchaseFromAStake) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"}]})";
    // „kauft Chips bei X“ buys from a supplier; „kauft Anteile an X“ invests.
    EXPECT_FALSE(hasRelation(extractWith(rules, "Weitere Chips kauft Voland bei Aubrac.", Lang::DE), "INVESTS_IN", "Voland", "Aubrac"));
    EXPECT_TRUE(hasRelation(extractWith(rules, "Voland kauft 10 Prozent der Anteile an Aubrac.", Lang::DE), "INVESTS_IN", "Voland", "Aubrac"));
}

TEST(ExtractFeatures, ALearntNamesGermanGenitiveIsAnOwner) {
    // A name the recognisers found („der Chipkonzern Kyrel“) is an owner in its genitive („Kyrels Chip“).
    Extractor extractor(defaultRules());
    auto x = extractor.extract({"doc", "Der Chipkonzern Kyrel wächst. Kyrels bisherigen Chip Borla 2 fertigt Velder GmbH.", Lang::DE, "2025-01-22"});
    EXPECT_TRUE(hasRelation(x, "DEVELOPS", "Kyrel", "Borla 2"));
}

TEST(ExtractFeatures, ACountedDescriptionStandsForTheLastOnesNamed) {
    // "the two Chinese chipmakers", „die beiden chinesischen Konzerne“: the last two companies, each located.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Company", "name": "Voland"},
                                                             {"label": "Company", "name": "Hanxin"}]})";
    auto x = extractWith(rules, "Aubrac grew. Taiwan listed Hanxin and Voland, so shipments to the two Chinese chipmakers need a licence.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Hanxin", "China"));
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Voland", "China"));
    EXPECT_FALSE(hasRelation(x, "LOCATED_IN", "Aubrac", "China"));
    auto y = extractWith(rules, "Aubrac wächst. Taiwan listet Hanxin und Voland. Die beiden chinesischen Konzerne brauchen eine Lizenz.", Lang::DE);
    EXPECT_TRUE(hasRelation(y, "LOCATED_IN", "Hanxin", "China"));
    EXPECT_TRUE(hasRelation(y, "LOCATED_IN", "Voland", "China"));
    EXPECT_FALSE(hasRelation(y, "LOCATED_IN", "Aubrac", "China"));
}

TEST(ExtractFeatures, TheShippedRulesReadAGermanVerbLastRelativeClause) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Velder"}]})";
    auto x = extractWith(rules, "Gebaut wird sie bei Velder, die die Plattform „Borla“ betreibt.", Lang::DE);
    EXPECT_TRUE(hasRelation(x, "DEVELOPS", "Velder", "Borla"));
    auto y = extractWith(rules, "Gebaut wird sie bei Velder, die die Plattform „Borla“ nicht betreibt.", Lang::DE);
    EXPECT_FALSE(hasRelation(y, "DEVELOPS", "Velder", "Borla"));
}

TEST(ExtractFeatures, AKnownNameAndMoreInASubsidiaryAppositionIsACompany) {
    // "Velder Tech, a Hanoi-based subsidiary": a company of its own, the subsidiary of Velder;
    // "Velder Tech, a Hanoi-based supplier" is no subsidiary apposition.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Velder"}]})";
    auto x = extractWith(rules, "Velder grew. The sockets are assembled by Velder Vina, a Hanoi-based subsidiary.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "SUBSIDIARY_OF", "Velder Vina", "Velder"));
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Velder Vina", "Hanoi"));
    auto y = extractWith(rules, "Velder grew. The sockets come from Velder Vina, a Hanoi-based supplier.", Lang::EN);
    EXPECT_FALSE(std::any_of(y.entities.begin(), y.entities.end(), [](auto& e) { return e.entity.name == "Velder Vina"; }));
}

TEST(ExtractFeatures, ASubsidiaryInAppositionIsPlacedAndKeepsItsHead) {
    // "its Lyon subsidiary, Velder Vina": located in Lyon; "the Lyon chipmaker" later is still the chipmaker.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Velder"}, {"label": "Company", "name": "Velder Vina"},
                                                             {"label": "Company", "name": "Kyrel"}]})";
    auto x = extractWith(rules, "Velder was listed with its Lyon subsidiary, Velder Vina. Velder may move work to Kyrel, although the Lyon chipmaker is full.",
                         Lang::EN);
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Velder Vina", "Lyon"));
    EXPECT_TRUE(hasRelation(x, "LOCATED_IN", "Kyrel", "Lyon"));
}

TEST(ExtractFeatures, RelativeClauseKeepsItsEnds) {
    // A trigger inside "X, der ..." takes its ends from the clause, not from before it.
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "sup", "type": "SUPPLIES", "triggers": ["beliefert"], "order": "any", "window": 10}],
      "anaphora": [{"kind": "relative", "phrases": ["der"]}]})";
    auto x = extractWith(rules.c_str(), "Hanxin nennt Aubrac, der Voland beliefert, einen Partner.", Lang::DE);
    EXPECT_TRUE(hasRelation(x, "SUPPLIES", "Aubrac", "Voland"));
    EXPECT_FALSE(hasRelation(x, "SUPPLIES", "Hanxin", "Voland"));
}

TEST(ExtractFeatures, RoleInsideACuePhrase) {
    // ", {role}" stands for a comma and every role word: "Gao Lin, Finanzchefin von Hanxin".
    const std::string rules = std::string("{") + kCompanies + R"(
      "recognizers": [{"id": "before-role", "label": "Person", "shape": "person", "before": true, "cues": [", {role}"]}],
      "patterns": [{"id": "wf", "type": "WORKS_FOR", "sequence": ["{subject}", ",", "{role}", "von", "{object}"]}]})";
    auto x = extractWith(rules.c_str(), "Gao Lin, Finanzchefin von Hanxin, sagte das.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "WORKS_FOR", "Gao Lin", "Hanxin"));
    EXPECT_EQ(x.relations.front().relation.properties.at("role"), Value("CFO"));
}

TEST(ExtractFeatures, NewRuleKeysAreChecked) {
    auto bad = parseRules(R"({"labels": ["A"], "relations": {"T": {"from": ["A"], "to": ["A"]}},
      "patterns": [{"id": "p", "type": "T", "sequence": ["{subject}", "x"]}]})", "x.json");
    ASSERT_FALSE(bad);  // no object and no fallback
    EXPECT_NE(bad.status().message().find("needs \"{object}\" once"), std::string::npos) << bad.status().message();
    auto gap = parseRules(R"({"labels": ["A"], "relations": {"T": {"from": ["A"], "to": ["A"]}},
      "patterns": [{"id": "p", "type": "T", "sequence": ["{subject}", "..21", "{object}"]}]})", "x.json");
    ASSERT_FALSE(gap);
    auto ok = parseRules(R"({"labels": ["A"], "relations": {"T": {"from": ["A"], "to": ["A"]}},
      "patterns": [{"id": "p", "type": "T", "sequence": ["{subject}", "..20", "x"], "fallbackObject": "previous"}],
      "anaphora": [{"heads": ["parent"], "determiners": ["the"], "preferObject": "T"}]})", "x.json");
    ASSERT_TRUE(ok) << ok.status().message();
    EXPECT_EQ(ok->patterns[0].fallbackObject, Pattern::Fallback::PREVIOUS);
    EXPECT_EQ(ok->anaphora[0].preferObject, std::optional<std::string>("T"));
}

TEST(PhraseIndex, PhrasesSharingAFirstWordAreKeyedBySecond) {
    PhraseIndex index;
    index.add({",", "ceo"}, false, 1);
    index.add({",", "cfo"}, false, 2);
    index.add({",", "chef"}, true, 3);  // ", chef*": the second word a prefix
    index.add({","}, false, 4);
    const std::vector<std::string> words = {",", "cfo", ",", "chefin", ","};
    EXPECT_EQ(matchesAt(index, words, 0), (std::vector<std::pair<size_t, size_t>>{{2, 2}, {4, 1}}));
    EXPECT_EQ(matchesAt(index, words, 2), (std::vector<std::pair<size_t, size_t>>{{3, 2}, {4, 1}}));
    EXPECT_EQ(matchesAt(index, words, 4), (std::vector<std::pair<size_t, size_t>>{{4, 1}}));
}

TEST(ExtractFeatures, ACapitalUsedForItsGovernmentIsTheCountry) {
    const char* rules = R"({"labels": ["Company", "City", "Country"],
      "relations": {"LOCATED_IN": {"from": ["Company"], "to": ["City", "Country"]}},
      "entities": [{"label": "Country", "name": "China"}, {"label": "Company", "name": "Hanxin"},
                   {"label": "City", "name": "Beijing", "aliases": ["Peking"], "capitalOf": "China"}],
      "recognizers": [{"id": "cue", "label": "Company", "cues": ["startup"]}], "functionWords": ["in"]})";
    auto labelOf = [&](std::string_view text, Lang lang) {
        std::string labels;
        for (const auto& e : extractWith(rules, text, lang).entities) labels += e.entity.label + " ";
        return labels;
    };
    EXPECT_EQ(labelOf("Peking fördert Hanxin mit Subventionen.", Lang::DE), "Country Company ");
    EXPECT_EQ(labelOf("Pekings Subventionen helfen Hanxin.", Lang::DE), "Country Company ");
    EXPECT_EQ(labelOf("Beijing has answered within hours.", Lang::EN), "Country ");
    EXPECT_EQ(labelOf("Hanxin sitzt in Peking und wächst.", Lang::DE), "Company City ");         // a function word before
    EXPECT_EQ(labelOf("Peking, 12.03.2025 – Hanxin wächst.", Lang::DE), "City Company ");  // a dateline
    EXPECT_EQ(labelOf("Hanxin, a Beijing startup, grows.", Lang::EN), "Company City ");   // a cue after
    auto bad = parseRules(R"({"labels": ["City"], "entities": [{"label": "City", "name": "Beijing", "capitalOf": "Nowhere"}]})", "t.json");
    EXPECT_FALSE(bad);
}

TEST(ExtractFeatures, APolicyRecogniserNamesAnIssuersPolicy) {
    // A policy head with its issuer before it (a demonym, a genitive, a possessive, a capital) or after
    // it and a link: "<adjective> <head>", which the issuer imposes; a gazetteer policy still wins.
    const char* rules = R"({"labels": ["Policy", "Country", "City", "Organization"],
      "relations": {"IMPOSES": {"from": ["Country", "Organization"], "to": ["Policy"]}},
      "entities": [{"label": "Country", "name": "Japan", "demonyms": ["japanisch*", "Japanese"]},
                   {"label": "Country", "name": "South Korea", "aliases": ["Südkorea"], "demonyms": ["South Korean"]},
                   {"label": "Country", "name": "Taiwan"}, {"label": "Organization", "name": "European Union", "aliases": ["EU"]},
                   {"label": "City", "name": "Tokyo", "capitalOf": "Japan"},
                   {"label": "Policy", "name": "EU sanctions", "aliases": ["Sanktionen der EU"]}],
      "recognizers": [{"id": "policy", "label": "Policy",
        "policyHeads": {"export controls": ["Exportkontrollen", "Exportbeschränkungen", "export controls", "export curbs"],
                        "subsidies": ["Subventionen", "subsidies"], "sanctions": ["Sanktionen", "sanctions"]},
        "issuers": {"Japan": "Japanese", "South Korea": "South Korean", "Taiwan": "Taiwanese", "European Union": "EU"},
        "links": ["der", "imposed by"], "possessives": ["its"]}]})";
    auto policies = [&](std::string_view text, Lang lang) {
        std::string out;
        auto x = extractWith(rules, text, lang);
        for (const auto& e : x.entities)
            if (e.entity.label == "Policy") out += e.entity.name + ";";
        for (const auto& r : x.relations) out += r.relation.type + ":" + r.relation.subject + ">" + r.relation.object + ";";
        return out;
    };
    EXPECT_EQ(policies("Die japanischen Exportkontrollen greifen.", Lang::DE), "Japanese export controls;IMPOSES:Japan>Japanese export controls;");
    EXPECT_EQ(policies("Taiwan's export controls apply.", Lang::EN), "Taiwanese export controls;IMPOSES:Taiwan>Taiwanese export controls;");
    EXPECT_EQ(policies("South Korean subsidies grow.", Lang::EN), "South Korean subsidies;IMPOSES:South Korea>South Korean subsidies;");
    EXPECT_EQ(policies("Die Exportbeschränkungen Südkoreas greifen.", Lang::DE),
              "South Korean export controls;IMPOSES:South Korea>South Korean export controls;");
    EXPECT_EQ(policies("Export curbs imposed by Tokyo apply.", Lang::EN), "Japanese export controls;IMPOSES:Japan>Japanese export controls;");
    EXPECT_EQ(policies("Die Sanktionen der EU gelten.", Lang::DE), "EU sanctions;");  // the gazetteer's, which implies nothing here
    EXPECT_EQ(policies("Exportkontrollen greifen.", Lang::DE), "");                   // no issuer
    EXPECT_EQ(policies("Meanwhile Japan tightened its export controls.", Lang::EN),
              "Japanese export controls;IMPOSES:Japan>Japanese export controls;");  // a possessive for the issuer named last
    EXPECT_EQ(policies("Japan, which buys from Taiwan, kept its export controls.", Lang::EN), "");  // a comma between
    auto bad = parseRules(R"({"labels": ["Policy"], "recognizers": [{"id": "p", "label": "Policy", "policyHeads": {"x": ["x"]},
      "issuers": {"Nowhere": "Nowhere"}}]})", "t.json");
    EXPECT_FALSE(bad);
}

TEST(ExtractFeatures, TheShippedRulesNameUnlistedPolicies) {
    // The default rules: an issuer's policy the gazetteer lacks, a policy by its official name, and
    // a listed policy that keeps winning.
    EXPECT_EQ(shippedEntities("Die indischen Zölle steigen.", Lang::DE, "Policy"), "Indian tariffs;");
    EXPECT_EQ(shippedEntities("Die japanischen Exportkontrollen greifen.", Lang::DE, "Policy"),
              "Japanese export controls;");
    EXPECT_EQ(shippedEntities("The Foreign Direct Product Rule applies.", Lang::EN, "Policy"),
              "Foreign Direct Product Rule;");
    EXPECT_EQ(shippedEntities("Das Lieferketten-Gesetz gilt.", Lang::DE, "Policy"), "Lieferketten-Gesetz;");
    EXPECT_EQ(shippedEntities("The Act applies. Law firms grew.", Lang::EN, "Policy"), "");
}

TEST(ExtractFeatures, TheShippedRulesNameUnlistedGovernmentBodies) {
    // The default rules: a ministry the gazetteer lacks, by its country ("relation": null: the
    // country names it, imposes nothing, and locates it: "toIssuer"); a listed body keeps winning; a bare head names nothing.
    Extractor extractor(defaultRules());
    auto bodies = [&](std::string_view text, Lang lang) {
        std::string out;
        auto x = extractor.extract({"doc", text, lang, "2025-01-22"});
        for (const auto& e : x.entities)
            if (e.entity.label == "Organization") out += e.entity.name + ";";
        for (const auto& r : x.relations) out += r.relation.type + ";";
        return out;
    };
    EXPECT_EQ(bodies("The Indian Ministry of Finance said so.", Lang::EN), "Indian Ministry of Finance;LOCATED_IN;");
    EXPECT_EQ(bodies("Das indische Handelsministerium teilte mit.", Lang::DE), "Indian Ministry of Commerce;LOCATED_IN;");
    EXPECT_EQ(bodies("Das US-Handelsministerium teilte mit.", Lang::DE), "US Department of Commerce;");  // the gazetteer's
    EXPECT_EQ(bodies("The Ministry of Finance said so.", Lang::EN), "");
    // "toIssuer": the body is located in its country.
    EXPECT_EQ(bodies("Taiwan's Ministry of Economic Affairs said so.", Lang::EN), "Taiwanese Ministry of Economic Affairs;LOCATED_IN;");
}

TEST(ExtractFeatures, TheShippedRulesNameCompaniesByATradeWord) {
    // The default rules: a name and a trade word without a legal form is a company named without the
    // trade word; a fund keeps its suffix; a German cue takes a name ending in "-nis" that is no noun.
    Extractor extractor(defaultRules());
    auto companies = [&](std::string_view text, Lang lang) {
        std::string out;
        for (const auto& e : extractor.extract({"doc", text, lang, "2025-01-22"}).entities)
            if (e.entity.label == "Company" || e.entity.label == "Organization") out += e.entity.name + ";";
        return out;
    };
    EXPECT_EQ(companies("Orlen Photonics will ship lasers to Brakmo Substrates.", Lang::EN), "Orlen;Brakmo;");
    EXPECT_EQ(companies("Film comes from Tarvo Materials.", Lang::EN), "Tarvo;");
    EXPECT_EQ(companies("Die Velder Lasertechnik GmbH wächst.", Lang::DE), "Velder;");
    EXPECT_EQ(companies("The Green Valley Semiconductor Fund invested.", Lang::EN), "Green Valley Semiconductor Fund;");
    EXPECT_EQ(companies("Er sprach mit dem Optikkonzern Kalonis.", Lang::DE), "Kalonis;");
    EXPECT_EQ(companies("Der Konzern Ergebnis sank.", Lang::DE), "");
}

TEST(ExtractFeatures, ALegalFormListedInCapitalsIsOnlyThatInCapitals) {
    // "AB" is a Swedish legal form; „ab“ is a German preposition, and „Werk ab Januar“ names no company.
    EXPECT_EQ(shippedEntities("Der Lackhersteller Vestrado werde das Werk ab März beliefern.", Lang::DE, "Company"),
              "Vestrado;");
    EXPECT_EQ(shippedEntities("Die Norlund AB wächst.", Lang::DE, "Company"), "Norlund;");
    EXPECT_EQ(shippedEntities("Brakwen plc and Solmar PLC grew.", Lang::EN, "Company"), "Brakwen;Solmar;");
}

TEST(ExtractFeatures, AKnownCompanyAndARegionNameAUnitOfItsOwn) {
    // "Marvessa Europe" with Marvessa known is a company of its own; a region after an unknown word names nothing.
    EXPECT_EQ(shippedEntities(
                  "Der Chemiekonzern Marvessa wächst. „Wir liefern“, sagte Ina Holt, Finanzchefin von Marvessa Europe.",
                  Lang::DE, "Company"),
              "Marvessa;Marvessa Europe;");
    EXPECT_EQ(
        shippedEntities("The chemicals maker Marvessa grew. Marvessa Asia will open an office.", Lang::EN, "Company"),
        "Marvessa;Marvessa Asia;");
    EXPECT_EQ(shippedEntities("Demand in Southeast Asia and Central Europe grew.", Lang::EN, "Company"), "");
}

TEST(ExtractFeatures, TheShippedRulesReadNoEndedReplacedOrDeniedSupply) {
    // The supplier that was, or that another replaces, no longer supplies.
    EXPECT_EQ(shippedRelations("Die Marvik Elektronik bezieht Chips künftig von Teslin Photonics. Bisheriger Lieferant "
                               "war Orbeck Photonics.",
                               Lang::DE, "SUPPLIES"),
              "Teslin>Marvik;");
    EXPECT_EQ(shippedRelations("Bei Marvik Elektronik löst Teslin Photonics den Zulieferer Orbeck Photonics ab.",
                               Lang::DE, "SUPPLIES"),
              "");
    EXPECT_EQ(shippedRelations("Marvik Photonics said it had stopped supplying lasers to Teslin Materials in 2025.",
                               Lang::EN, "SUPPLIES"),
              "");
    EXPECT_EQ(shippedRelations("Marvik Elektronik habe dagegen keine Chips von Teslin Photonics bezogen.", Lang::DE,
                               "SUPPLIES"),
              "");
    // The plain statements still hold.
    EXPECT_EQ(shippedRelations("Marvik Photonics said it supplies lasers to Teslin Materials.", Lang::EN, "SUPPLIES"),
              "Marvik>Teslin;");
    EXPECT_EQ(shippedRelations("Marvik Elektronik habe Chips von Teslin Photonics bezogen.", Lang::DE, "SUPPLIES"),
              "Teslin>Marvik;");
}

TEST(ExtractFeatures, TheShippedRulesReadAPurchaseWithALongObjectBetween) {
    EXPECT_EQ(shippedRelations("Die Marvik Elektronik bezieht die KI-Chips für sein System zum autonomen Fahren "
                               "künftig von Teslin Photonics.",
                               Lang::DE, "SUPPLIES"),
              "Teslin>Marvik;");
    EXPECT_EQ(
        shippedRelations(
            "Corvath Robotics has ordered high-bandwidth memory for its next training cluster from Teslin Photonics.",
            Lang::EN, "SUPPLIES"),
        "Teslin>Corvath;");
}

TEST(ExtractFeatures, TheShippedRulesDropSemiconAndQuarzglasFromACompanysName) {
    EXPECT_EQ(shippedEntities("Korvath Semicon grew.", Lang::EN, "Company"), "Korvath;");
    EXPECT_EQ(
        shippedEntities("Der Spezialist Velmar wächst. Die Velmar Quarzglas GmbH liefert Tiegel.", Lang::DE, "Company"),
        "Velmar;");
}

TEST(ExtractFeatures, ANegationRightAfterTheTriggerCancelsAFallbackEnd) {
    // The supplier names no customer but „keine … Kunden“: not the company the text is about.
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "s", "type": "SUPPLIES", "lang": "de", "triggers": ["beliefere", "beliefert"], "order": "any", "window": 10,
                    "fallbackObject": "focus", "negations": ["nicht", "keine"]}]})";
    Extraction x = extractWith(rules.c_str(), "Hanxin wächst. Voland beliefere keine chinesischen Kunden, sagte sie.", Lang::DE);
    EXPECT_FALSE(hasRelation(x, "SUPPLIES", "Voland", "Hanxin"));
    x = extractWith(rules.c_str(), "Hanxin wächst. Voland beliefert seit März auch Kunden in Asien.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "SUPPLIES", "Voland", "Hanxin"));
}

TEST(ExtractFeatures, TheShippedRulesReadABuyerInAppositionAndRelativeClauses) {
    EXPECT_EQ(shippedRelations("Die Marvik Elektronik GmbH, die deutsche Tochter des Konzerns Orbeck, bezieht Lacke "
                               "künftig vom Chemiekonzern Teslin.",
                               Lang::DE, "SUPPLIES"),
              "Teslin>Marvik;");
    EXPECT_EQ(shippedRelations("Zudem bezieht Marvik Elektronik, die Dresdner Tochter des Konzerns Orbeck, künftig "
                               "Tiegel von Teslin Photonics.",
                               Lang::DE, "SUPPLIES"),
              "Teslin>Marvik;");
    EXPECT_EQ(shippedRelations("Auch der Autozulieferer Marvik, der in Dresden Chips bei Teslin Photonics fertigen "
                               "lässt, prüft einen Einstieg.",
                               Lang::DE, "SUPPLIES"),
              "Teslin>Marvik;");
    EXPECT_EQ(
        shippedRelations(
            "Orbeck Robotics buys wafers from Teslin Photonics, which also counts Marvik Robotics among its customers.",
            Lang::EN, "SUPPLIES"),
        "Teslin>Marvik;Teslin>Orbeck;");
    EXPECT_EQ(
        shippedRelations("Der Umsatz von Teslin Photonics, das auch Marvik Elektronik zu seinen Kunden zählt, stieg.",
                         Lang::DE, "SUPPLIES"),
        "Teslin>Marvik;");
}

TEST(ExtractFeatures, AGermanDemonymAsANounIsTheCompanyPlacedThere) {
    Extractor extractor(defaultRules());
    auto supplies = [&](std::string_view text) {
        std::string out;
        for (const auto& r : extractor.extract({"doc", text, Lang::DE, "2025-01-22"}).relations)
            if (r.relation.type == "SUPPLIES") out += r.relation.subject + ">" + r.relation.object + ";";
        return out;
    };
    // „die Jenaer“ is the company the text placed in Jena, not the one named last.
    EXPECT_EQ(supplies("Betroffen ist die Velmar Photonics GmbH aus Jena. Orbeck-Chef Jan Roth warnt. Die Jenaer beliefern zudem die Korvath AG."),
              "Velmar>Korvath;");
    EXPECT_EQ(supplies("Der japanische Chemiekonzern Marvessa wächst. Die Japaner liefern bereits an Teslin Photonics."), "Marvessa>Teslin;");
    // None placed there: no antecedent, not the company named last.
    EXPECT_EQ(supplies("Die Korvath AG wächst. Die Stuttgarter beliefern zudem die Orbeck AG.").find("Korvath>Orbeck"), std::string::npos);
}

TEST(ExtractFeatures, ARoleCompoundWithAnUnknownOwnerTakesNoFallback) {
    // „VBM-Präsidentin“ works for the VBM, which the text does not know: not for the company it is about.
    Extractor extractor(defaultRules());
    auto worksFor = [&](std::string_view text) {
        std::string out;
        for (const auto& r : extractor.extract({"doc", text, Lang::DE, "2025-01-22"}).relations)
            if (r.relation.type == "WORKS_FOR") out += r.relation.subject + ">" + r.relation.object + ";";
        return out;
    };
    EXPECT_EQ(worksFor("Die Marvik Elektronik GmbH wächst. „Das reicht nicht“, sagte VBM-Präsidentin Ulla Brandt."), "");
    EXPECT_EQ(worksFor("Die Marvik Elektronik GmbH wächst. „Das reicht“, sagte Finanzchefin Ulla Brandt."), "Ulla Brandt>Marvik;");
}

TEST(ExtractFeatures, APossessiveAfterASemicolonIsItsClausesSubjects) {
    Extractor extractor(defaultRules());
    const Extraction x = extractor.extract({"doc",
                                            "Marvik Robotics and Korvath Robotics grew. Marvik and Korvath are the largest buyers; Korvath integrates "
                                            "the module into its Aquilo platform.",
                                            Lang::EN, "2025-01-22"});
    ASSERT_TRUE(hasRelation(x, "DEVELOPS", "Korvath", "Aquilo"));
    EXPECT_FALSE(hasRelation(x, "DEVELOPS", "Marvik", "Aquilo"));
}

TEST(ExtractFeatures, TheShippedRulesReadModulesEtchersAndStacksAsProductsOfTheirOwner) {
    Extractor extractor(defaultRules());
    auto develops = [&](std::string_view text) {
        std::string out;
        for (const auto& r : extractor.extract({"doc", text, Lang::EN, "2025-01-22"}).relations)
            if (r.relation.type == "DEVELOPS") out += r.relation.subject + ">" + r.relation.object + ";";
        return out;
    };
    EXPECT_EQ(develops("Marvik Robotics integrates Teslin Photonics's Lumo 4 inspection module into its lines."), "Teslin>Lumo 4;");
    EXPECT_EQ(develops("BIS also tightened licence rules for Korvath Robotics's KX-7 etcher."), "Korvath>KX-7;");
    // The seller of what is bought for a product does not make the product.
    EXPECT_EQ(develops("Teslin Photonics makes the Lumo 4 module. Teslin buys the sensors for the Lumo 4 from Orbeck Optics.").find("Orbeck"),
              std::string::npos);
}

TEST(ExtractFeatures, TheShippedRulesPlaceACompanyDescribedInAppositionAsOneInAPlace) {
    Extractor extractor(defaultRules());
    const Extraction x = extractor.extract({"doc", "Korvath Semicon lost the order. Korvath, Teslin's smaller rival in Cheongju, said sales would fall.",
                                            Lang::EN, "2025-01-22"});
    ASSERT_TRUE(hasRelation(x, "LOCATED_IN", "Korvath", "Cheongju"));
    EXPECT_FALSE(hasRelation(x, "LOCATED_IN", "Teslin", "Cheongju"));
}

TEST(ExtractFeatures, TheShippedRulesReadAGermanInvertedCustomerStatement) {
    // „ist das Start-up Kunde des … Y“: Y supplies the start-up, not the other way round.
    Extractor extractor(defaultRules());
    const Extraction x = extractor.extract({"doc", "Das Start-up Marvik AI wächst. Für die Tests ist das Start-up Kunde des Lyoner Prüfhauses Orvento.",
                                            Lang::DE, "2025-01-22"});
    ASSERT_TRUE(hasRelation(x, "SUPPLIES", "Orvento", "Marvik"));
    EXPECT_FALSE(hasRelation(x, "SUPPLIES", "Marvik", "Orvento"));
}

TEST(ExtractFeatures, TheShippedRulesKnowACompetitorAHeadOfInstituteAndNoLogicProduct) {
    Extractor extractor(defaultRules());
    auto names = [&](std::string_view text, Lang lang) {
        std::string out;
        for (const auto& e : extractor.extract({"doc", text, lang, "2025-01-22"}).entities)
            if (e.entity.label == "Company" || e.entity.label == "Person" || e.entity.label == "Product") out += e.entity.label + ":" + e.entity.name + ";";
        return out;
    };
    EXPECT_EQ(names("Der Kunde hatte ein Angebot des sächsischen Wettbewerbers Orvento geprüft.", Lang::DE), "Company:Orvento;");
    EXPECT_EQ(names("Institutsleiterin Dr. Lena Brandt warnt vor Engpässen.", Lang::DE), "Person:Lena Brandt;");
    EXPECT_EQ(names("Logic chips from China remain subject to the duty.", Lang::EN), "");
}

TEST(ExtractFeatures, TheShippedRulesReadAnAdverbBeforeTheBuyerAndAPastCustomerStatement) {
    Extractor extractor(defaultRules());
    auto supplies = [&](std::string_view text) {
        std::string out;
        for (const auto& r : extractor.extract({"doc", text, Lang::DE, "2025-01-22"}).relations)
            if (r.relation.type == "SUPPLIES") out += r.relation.subject + ">" + r.relation.object + ";";
        return out;
    };
    EXPECT_EQ(supplies("Seit dem Sommer bezieht zudem die Marvik AG Linsen von der Orvento AG."), "Orvento>Marvik;");
    EXPECT_EQ(supplies("Größter Abnehmer des Linsenherstellers Orvento blieb der Anlagenbauer Marvik."), "Orvento>Marvik;");
}

TEST(ExtractFeatures, TheShippedRulesReadASellerDescribedWithItsPlace) {
    Extractor extractor(defaultRules());
    const Extraction x = extractor.extract({"doc", "Orvento Robotics, a chip designer, grew. Marvik Robotics buys chips directly from the Santa Clara-based chip designer.",
                                            Lang::EN, "2025-01-22"});
    ASSERT_TRUE(hasRelation(x, "SUPPLIES", "Orvento", "Marvik"));
}

TEST(ExtractFeatures, AFirstSlotIsWhomTheSentenceIsAbout) {
    // "{object:first}": only the sentence's first company; a person speaks for the sentence's subject,
    // not for the company named right before the role.
    const std::string rules = std::string("{") + kCompanies + R"(
      "roles": [{"role": "CEO", "words": ["chief executive"]}],
      "recognizers": [{"id": "p", "label": "Person", "shape": "person", "cues": ["{role}"], "maxWords": 2}],
      "patterns": [{"id": "said", "type": "WORKS_FOR", "sequence": ["{object:first}", "..20", ",", "{role}", "..2", "{subject}", "said"]}]})";
    auto x = extractWith(rules.c_str(), "Voland will buy chips from Hanxin, chief executive Ola Brekke said.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "WORKS_FOR", "Ola Brekke", "Voland"));
    EXPECT_FALSE(hasRelation(x, "WORKS_FOR", "Ola Brekke", "Hanxin"));
}

TEST(ExtractFeatures, TheShippedRulesFindAPersonBeforeAnArticleAndRole) {
    Extractor extractor(defaultRules());
    auto x = extractor.extract({"doc", "Ola Brekke, an analyst at Nordvik Securities, said demand grew.", Lang::EN, "2025-01-22"});
    EXPECT_TRUE(hasRelation(x, "WORKS_FOR", "Ola Brekke", "Nordvik Securities"));
    // "~N" does not count hyphens: "London-based" is two content words.
    auto v = extractor.extract({"doc", "Ola Brekke, an analyst at London-based Nordvik Securities, said demand grew.", Lang::EN, "2025-01-22"});
    EXPECT_TRUE(hasRelation(v, "WORKS_FOR", "Ola Brekke", "Nordvik Securities"));
    auto y = extractor.extract({"doc", "Velder GmbH will buy chips from Kyrel Inc., chief executive Ola Brekke said.", Lang::EN, "2025-01-22"});
    EXPECT_TRUE(hasRelation(y, "WORKS_FOR", "Ola Brekke", "Velder"));
    EXPECT_FALSE(hasRelation(y, "WORKS_FOR", "Ola Brekke", "Kyrel"));
    // German: „…, wie Vorstandschefin X mitteilte“; a confirmation with its comma: „bestätigte, dass Y …“.
    auto z = extractWith(R"({"extends": "default", "entities": [{"label": "Company", "name": "Velder"}, {"label": "Company", "name": "Kyrel"}]})",
                         "Velder beliefert Kyrel ab Januar, wie Vorstandschefin Ola Brekke am Dienstag mitteilte.", Lang::DE);
    EXPECT_TRUE(hasRelation(z, "WORKS_FOR", "Ola Brekke", "Velder"));
    EXPECT_FALSE(hasRelation(z, "WORKS_FOR", "Ola Brekke", "Kyrel"));
    auto w = extractWith(R"({"extends": "default", "entities": [{"label": "Company", "name": "Velder"}, {"label": "Company", "name": "Kyrel"}]})",
                         "Kyrel wächst. Finanzvorstand Lena Moll bestätigte, dass Velder keine Chips verkauft.", Lang::DE);
    EXPECT_TRUE(hasRelation(w, "WORKS_FOR", "Lena Moll", "Velder"));
}

TEST(ExtractFeatures, TheShippedRulesNameQuotedProductsAndKeptSuffixes) {
    Extractor extractor(defaultRules());
    auto names = [&](std::string_view text, Lang lang, const std::string& label) {
        std::string out;
        for (const auto& e : extractor.extract({"doc", text, lang, "2025-01-22"}).entities)
            if (e.entity.label == label) out += e.entity.name + ";";
        return out;
    };
    // A German compound of the product's kind before a quoted name; a hyphen joins, the quote ends it.
    EXPECT_EQ(names("Velder GmbH liefert sein Lasermodul „Borla“.", Lang::DE, "Product"), "Borla;");
    EXPECT_EQ(names("Velder GmbH liefert die Ätzanlage „KX-Line 7“.", Lang::DE, "Product"), "KX-Line 7;");
    EXPECT_EQ(names("Velder GmbH baut das Messsystem „Ostra 2“ selbst.", Lang::DE, "Product"), "Ostra 2;");
    // A cue compound is no part of the name; a kept suffix stays when the text later uses the first word alone.
    EXPECT_EQ(names("Die Beteiligungsgesellschaft Ravel Capital stieg ein. Ravel hält 5 Prozent.", Lang::DE, "Company"),
              "Ravel Capital;");
    // A known name, descriptors and a legal form: still the known company.
    EXPECT_EQ(names("Der Chipkonzern Kyrel wächst. Die Kyrel Semiconductor Co., Ltd. meldete Zahlen.", Lang::DE, "Company"),
              "Kyrel;");
}

TEST(ExtractFeatures, AKnownProductsNextVersionIsAProductOfItsOwn) {
    const char* rules = R"({"labels": ["Company", "Product"],
      "relations": {"DEVELOPS": {"from": ["Company"], "to": ["Product"]}},
      "entities": [{"label": "Company", "name": "Taloris"}, {"label": "Product", "name": "Wren"},
                   {"label": "Product", "name": "Kestrel K6"}],
      "patterns": [{"id": "dev", "type": "DEVELOPS", "triggers": ["entwickelt", "ships"], "order": "subject-first"}]})";
    auto x = extractWith(rules, "Taloris entwickelt den Wren 2 und den Kestrel K7.", Lang::DE);
    EXPECT_TRUE(hasRelation(x, "DEVELOPS", "Taloris", "Wren 2"));
    EXPECT_TRUE(hasRelation(x, "DEVELOPS", "Taloris", "Kestrel K7"));
    EXPECT_FALSE(hasRelation(x, "DEVELOPS", "Taloris", "Wren"));
    // The new code alone names it later: "the K7".
    EXPECT_TRUE(hasRelation(extractWith(rules, "Der Kestrel K7 ist neu. Taloris entwickelt den K7.", Lang::DE), "DEVELOPS", "Taloris", "Kestrel K7"));
    // A year or a share after the name is no version.
    auto y = extractWith(rules, "Taloris ships Wren 2026 units and Kestrel K6 chips.", Lang::EN);
    EXPECT_TRUE(hasRelation(y, "DEVELOPS", "Taloris", "Wren"));
    std::vector<std::string> names;
    for (const auto& e : y.entities) names.push_back(e.entity.name);
    EXPECT_EQ(names, (std::vector<std::string>{"Taloris", "Wren", "Kestrel K6"}));
}

TEST(ExtractFeatures, AGermanNegationAtTheClauseEndCancels) {
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "sup", "type": "SUPPLIES", "triggers": ["beliefert"], "order": "subject-first", "negations": ["nicht", "nicht mehr"]}]})";
    EXPECT_FALSE(hasRelation(extractWith(rules.c_str(), "Voland beliefert Aubrac nach eigenen Angaben nicht.", Lang::DE), "SUPPLIES", "Voland", "Aubrac"));
    EXPECT_FALSE(hasRelation(extractWith(rules.c_str(), "Voland beliefert Aubrac seit Mai nicht mehr, sagte er.", Lang::DE), "SUPPLIES", "Voland", "Aubrac"));
    // Another clause's „nicht“ leaves it.
    EXPECT_TRUE(hasRelation(extractWith(rules.c_str(), "Voland beliefert Aubrac, Hanxin aber nicht.", Lang::DE), "SUPPLIES", "Voland", "Aubrac"));
    EXPECT_TRUE(hasRelation(extractWith(rules.c_str(), "Voland beliefert Aubrac und zahlt nicht.", Lang::DE), "SUPPLIES", "Voland", "Aubrac"));
}

TEST(ExtractFeatures, AnOpeningSubordinateClauseEndsAtItsComma) {
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "sup", "type": "SUPPLIES", "triggers": ["supplies"], "order": "any", "window": 12}]})";
    // Neither an end out of the opening clause nor one into it.
    EXPECT_TRUE(extractWith(rules.c_str(), "Because Voland supplies chips, Aubrac grows.", Lang::EN).relations.empty());
    EXPECT_TRUE(extractWith(rules.c_str(), "Because Voland grows, supplies reach Aubrac.", Lang::EN).relations.empty());
    EXPECT_TRUE(hasRelation(extractWith(rules.c_str(), "Because Voland supplies Aubrac, Hanxin grows.", Lang::EN), "SUPPLIES", "Voland", "Aubrac"));
    EXPECT_TRUE(hasRelation(extractWith(rules.c_str(), "Voland supplies chips, and Aubrac grows.", Lang::EN), "SUPPLIES", "Voland", "Aubrac"));
}

TEST(ExtractFeatures, TheTitleIsTheFirstSentenceWhereItStands) {
    // The header's title is text (docs/gold.md), its metadata is not; evidence points into the file.
    const std::string rules = std::string("{") + kCompanies + R"(
      "patterns": [{"id": "sup", "type": "SUPPLIES", "triggers": ["beliefert"], "order": "subject-first"}]})";
    auto doc = parseDocument("t", "# title: Voland beliefert Aubrac | source: Hanxin Daily | lang: de\n\nAubrac baut in Kyoto.\n");
    ASSERT_TRUE(doc) << doc.status().message();
    EXPECT_EQ(doc->text.size(), doc->bytes.size());
    EXPECT_EQ(doc->text.find("source"), std::string::npos);
    auto r = parseRules(rules, "t.json");
    ASSERT_TRUE(r) << r.status().message();
    Rules keep = std::move(*r);
    Extraction x = Extractor(keep).extract({doc->key, doc->text, doc->lang, ""});
    ASSERT_TRUE(hasRelation(x, "SUPPLIES", "Voland", "Aubrac"));
    const Evidence& e = x.relations.front().evidence.front();
    EXPECT_EQ(doc->bytes.substr(e.sentenceBegin, e.sentenceEnd - e.sentenceBegin), "Voland beliefert Aubrac");
    for (const auto& entity : x.entities) EXPECT_NE(entity.entity.name, "Hanxin");  // the source is no text
    // The title ends its sentence although the body's first line has no full stop.
    auto yaml = parseDocument("y", "---\ntitle: Voland beliefert\nsource: x\n---\nAubrac baut in Kyoto.\n");
    ASSERT_TRUE(yaml);
    Extraction y = Extractor(keep).extract({yaml->key, yaml->text, yaml->lang, ""});
    EXPECT_FALSE(hasRelation(y, "SUPPLIES", "Voland", "Aubrac"));
}

TEST(ExtractFeatures, DescriptorsBeforeALegalFormExtendALearnedName) {
    // "Kirova" learned from a cue; "Kirova Semiconductor Co." later is the same company, not a company "Semiconductor".
    const char* rules = R"({"labels": ["Company"], "relations": {"SUPPLIES": {"from": ["Company"], "to": ["Company"]}},
      "entities": [{"label": "Company", "name": "Aubrac"}],
      "descriptors": ["Semiconductor"],
      "recognizers": [{"id": "legal", "label": "Company", "suffixes": ["Co."]}, {"id": "cue", "label": "Company", "cues": ["chipmaker"]}],
      "patterns": [{"id": "sup", "type": "SUPPLIES", "triggers": ["supplies"], "order": "subject-first"}]})";
    auto x = extractWith(rules, "The chipmaker Kirova grew. Kirova Semiconductor Co. supplies Aubrac.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "SUPPLIES", "Kirova", "Aubrac"));
    for (const auto& e : x.entities) EXPECT_NE(e.entity.name, "Semiconductor");
}

TEST(ExtractFeatures, ALearnedOneWordNameHasItsGermanGenitive) {
    // "Kirova" learned from a cue; „Kirovas Chip“ later is its genitive, at the start of a sentence too.
    const char* rules = R"({"labels": ["Company"], "relations": {"SUPPLIES": {"from": ["Company"], "to": ["Company"]}},
      "entities": [{"label": "Company", "name": "Aubrac"}],
      "recognizers": [{"id": "cue", "label": "Company", "cues": ["Chipentwickler"]}],
      "patterns": [{"id": "own", "type": "SUPPLIES", "sequence": ["{object:genitive}", "..3", "fertigt", "{subject}"]}]})";
    EXPECT_TRUE(hasRelation(extractWith(rules, "Der Chipentwickler Kirova wächst. Kirovas neuen Chip fertigt Aubrac.", Lang::DE), "SUPPLIES", "Aubrac", "Kirova"));
}

TEST(ExtractFeatures, AnOfficialNameOverAListedNameIsAPolicyOfItsOwn) {
    // Name words right before a listed policy that ends in a kept suffix make a longer official name.
    const char* rules = R"({"labels": ["Policy", "Country"], "relations": {},
      "entities": [{"label": "Policy", "name": "Entity List"}, {"label": "Country", "name": "Taiwan"}],
      "recognizers": [{"id": "policy-name", "label": "Policy", "keepSuffix": true, "maxWords": 5, "suffixes": ["List"]}]})";
    auto names = [&](std::string_view text) {
        std::string out;
        for (const auto& e : extractWith(rules, text, Lang::EN).entities) out += e.entity.name + ";";
        return out;
    };
    EXPECT_EQ(names("It joins its Strategic High-Tech Commodities Entity List."), "Strategic High-Tech Commodities Entity List;");
    EXPECT_EQ(names("It joins the Taiwan Entity List."), "Taiwan;Entity List;");  // a known name before it stays its own
    EXPECT_EQ(names("It joins the Entity List."), "Entity List;");
}

TEST(ExtractFeatures, AMakerInAGermanGenitiveAfterAnObjectIsNoObject) {
    // „erfassen die Anlage „Kiri“ des Anlagenbauers Aubrac“: the product is restricted, its maker is not; alone, the company is.
    const char* rules = R"({"labels": ["Company", "Product", "Policy"],
      "relations": {"TARGETS": {"from": ["Policy"], "to": ["Company", "Product"]}},
      "entities": [{"label": "Company", "name": "Aubrac"}, {"label": "Product", "name": "Kiri"}, {"label": "Policy", "name": "Exportkontrollen"}],
      "recognizers": [{"id": "cue", "label": "Company", "cues": ["Anlagenbauer", "Anlagenbauers"]}],
      "patterns": [{"id": "t", "type": "TARGETS", "triggers": ["erfassen"], "order": "subject-first", "allObjects": true}]})";
    auto x = extractWith(rules, "Die Exportkontrollen erfassen die Anlage Kiri des Anlagenbauers Aubrac.", Lang::DE);
    EXPECT_TRUE(hasRelation(x, "TARGETS", "Exportkontrollen", "Kiri"));
    EXPECT_FALSE(hasRelation(x, "TARGETS", "Exportkontrollen", "Aubrac"));
    EXPECT_TRUE(hasRelation(extractWith(rules, "Die Exportkontrollen erfassen den Anlagenbauer Aubrac und die Anlage Kiri.", Lang::DE),
                            "TARGETS", "Exportkontrollen", "Aubrac"));
}

TEST(ExtractFeatures, ADemonymOfOriginInACompoundIsAnObject) {
    // "Korean-made modules": the country is restricted; "Korean-language manuals" name no target.
    const char* rules = R"({"labels": ["Country", "Policy"],
      "relations": {"TARGETS": {"from": ["Policy"], "to": ["Country"]}},
      "entities": [{"label": "Country", "name": "South Korea", "demonyms": ["Korean"]}, {"label": "Policy", "name": "chip tariffs"}],
      "patterns": [{"id": "t", "type": "TARGETS", "triggers": ["apply to"], "order": "subject-first", "allObjects": true, "demonyms": true}]})";
    EXPECT_TRUE(hasRelation(extractWith(rules, "The chip tariffs apply to Korean-made modules.", Lang::EN), "TARGETS", "chip tariffs", "South Korea"));
    EXPECT_FALSE(hasRelation(extractWith(rules, "The chip tariffs apply to Korean-language manuals.", Lang::EN), "TARGETS", "chip tariffs", "South Korea"));
}

TEST(ExtractFeatures, ADescriptionBeforeAnOwnersNameIsNoApposition) {
    // "the lab, Voland's largest customer": the genitive name owns the apposition's head; the description still refers.
    const std::string rules = std::string("{") + kCompanies + R"(
      "anaphora": [{"heads": ["lab"], "determiners": ["the"]}],
      "patterns": [{"id": "cust", "type": "SUPPLIES", "sequence": ["{object}", ",", "{subject:genitive}", "?'s", "~2", "customer"]}]})";
    auto x = extractWith(rules.c_str(), "Aubrac trains models. The lab, Voland's largest customer, grows.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "SUPPLIES", "Voland", "Aubrac"));
    // A plain name after the comma is still the description's apposition.
    EXPECT_FALSE(hasRelation(extractWith(rules.c_str(), "Aubrac trains models. The lab, Hanxin, grows.", Lang::EN), "SUPPLIES", "Voland", "Aubrac"));
}

TEST(ExtractFeatures, TheShippedRulesReadSupplyAndPartnerPhrasings) {
    // Made-up companies named by legal forms, so that only the shipped patterns decide.
    const auto& rels = shippedRelations;
    // A customer picks its supplier for a job, in both languages.
    EXPECT_EQ(rels("Brisko Inc. has chosen Veltra Inc. to manufacture its new chip.", Lang::EN, "SUPPLIES"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Brisko Inc. picked Veltra Inc. to supply test sockets.", Lang::EN, "SUPPLIES"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Brisko Inc. has not chosen Veltra Inc. to manufacture its chip.", Lang::EN, "SUPPLIES"), "");
    EXPECT_EQ(rels("Die Brisko AG lässt ihren neuen Chip bei der Veltra GmbH fertigen.", Lang::DE, "SUPPLIES"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Die Brisko AG beauftragt die Veltra GmbH mit der Fertigung des Chips.", Lang::DE, "SUPPLIES"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Die Brisko AG verlagert die Fertigung ihres Chips zur Veltra GmbH.", Lang::DE, "SUPPLIES"), "Veltra>Brisko;");
    // The owner of what is made is the customer.
    EXPECT_EQ(rels("Brisko Inc. designs chips. Brisko's new accelerator is manufactured by Veltra Inc.", Lang::EN, "SUPPLIES"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Die Brisko AG entwickelt Chips. Den neuen Chip der Brisko AG fertigt die Veltra GmbH nicht.", Lang::DE, "SUPPLIES"), "");
    EXPECT_EQ(rels("Der Chipentwickler Brisko wächst. Brisko hat Kunden. Briskos neuen Chip fertigt die Veltra GmbH.", Lang::DE, "SUPPLIES"), "Veltra>Brisko;");
    // The object first, the supplier after the verb, the customer behind „an“ with its cue words.
    EXPECT_EQ(rels("Die Chips liefert wie bisher die Brisko AG an den US-Chipentwickler Veltra.", Lang::DE, "SUPPLIES"), "Brisko>Veltra;");
    // A second verb shares the clause's subject, not the first verb's object.
    EXPECT_EQ(rels("Die Brisko AG arbeitet mit der Veltra GmbH zusammen und beliefert seit Mai auch die Norrland GmbH.", Lang::DE, "SUPPLIES"),
              "Brisko>Norrland;");
    EXPECT_EQ(rels("Brisko Inc. works with Veltra Inc. on packaging and supplies Norrland Inc.", Lang::EN, "SUPPLIES"), "Brisko>Norrland;");
    // „Ob …“ asks, it does not state.
    EXPECT_EQ(rels("Ob die Brisko AG künftig Laser von der Veltra GmbH bezieht, ist offen.", Lang::DE, "SUPPLIES"), "");
    // The German perfect puts the participle last.
    EXPECT_EQ(rels("Die Brisko AG hat einen Großauftrag von der Veltra GmbH erhalten.", Lang::DE, "SUPPLIES"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Die Brisko AG hat von der Veltra GmbH einen Auftrag bekommen.", Lang::DE, "SUPPLIES"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Die Brisko AG hat keinen Auftrag von der Veltra GmbH erhalten.", Lang::DE, "SUPPLIES"), "");
    // A participle of buying names the supplier of the sentence's company, or of the company named last.
    EXPECT_EQ(rels("Brisko Inc. will train its model on chips bought from Veltra Inc.", Lang::EN, "SUPPLIES"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Brisko Inc. makes substrates. The film is sourced from Veltra Inc.", Lang::EN, "SUPPLIES"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Brisko Inc. bought shares from Veltra Inc.", Lang::EN, "SUPPLIES"), "");
    // A passive names the supplier of the company named before the sentence, not of the supplier named before it.
    EXPECT_EQ(rels("Brisko Inc. grows. The film is bought from Veltra Inc., a maker in which Norrland Inc. holds a stake, while the foil is sourced from Norrland Inc.",
                   Lang::EN, "SUPPLIES"), "Veltra>Brisko;Norrland>Brisko;");
    // "Customers of the … supplier include A and B": the description is the supplier.
    EXPECT_EQ(rels("Veltra Inc. opened a plant. Customers of the Dutch supplier include Brisko Inc. and Norrland Inc.", Lang::EN, "SUPPLIES"),
              "Veltra>Brisko;Veltra>Norrland;");
    // Joint development is a partnership; a German „arbeitet … mit … zusammen“ takes the clause's subject.
    EXPECT_EQ(rels("Brisko Inc. and Veltra Inc., a Delft start-up, are jointly developing a link.", Lang::EN, "PARTNERS_WITH"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Brisko Inc. is developing optical links with Veltra Inc.", Lang::EN, "PARTNERS_WITH"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Brisko Inc. and Veltra Inc. together hold 40% of the market.", Lang::EN, "PARTNERS_WITH"), "");
    EXPECT_EQ(rels("Brisko Inc. builds servers with Veltra Inc. memory.", Lang::EN, "PARTNERS_WITH"), "");
    EXPECT_EQ(rels("Die Brisko AG und die Veltra GmbH wollen gemeinsam Substrate entwickeln.", Lang::DE, "PARTNERS_WITH"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Die Brisko AG arbeitet bei der Entwicklung mit dem Chipentwickler Veltra zusammen und beliefert die Norrland GmbH.",
                   Lang::DE, "PARTNERS_WITH"), "Brisko>Veltra;");
}

TEST(ExtractFeatures, TheShippedRulesNameCompaniesByAnIndustryWord) {
    // A name and an industry word without a legal form is a company, named without the industry word.
    EXPECT_EQ(shippedEntities("Brisko Photonics will supply Veltra Substrates from May.", Lang::EN, "Company"),
              "Brisko;Veltra;");
    EXPECT_EQ(shippedEntities("Die Brisko Electronics liefert an die Veltra Materials.", Lang::DE, "Company"),
              "Brisko;Veltra;");
    // A fund's name keeps its industry word.
    EXPECT_EQ(shippedEntities("The Norrland River Semiconductor Fund invested.", Lang::EN, "Company"), "");
    EXPECT_EQ(shippedRelations("Brisko Photonics will supply Veltra Substrates from May.", Lang::EN, "SUPPLIES"), "Brisko>Veltra;");
}

TEST(ExtractFeatures, TheShippedRulesTellWhomASupplyCueDescribes) {
    const auto& rels = shippedRelations;
    // "counts ... among its customers" belongs to the sentence's first name, not to an object of an earlier verb.
    EXPECT_EQ(rels("Brisko Inc. counts Veltra Inc. among its customers.", Lang::EN, "SUPPLIES"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Among the firms most exposed is Brisko Inc., a maker of resists that sells about a third of its output to "
                   "Veltra Inc. and counts Pardo Inc. among its customers.", Lang::EN, "SUPPLIES").find("Veltra>Pardo"), std::string::npos);
    // A supplier described by an article or a possessive ("X, the German car-parts supplier"; "Y, its Japanese supplier")
    // is no supplier of whoever was named before.
    EXPECT_EQ(rels("Veltra Inc. grew. Pardo Inc., the German car-parts supplier, uses the model.", Lang::EN, "SUPPLIES"), "");
    EXPECT_EQ(rels("Veltra Inc. grew. Pardo Inc. buys probe cards from Kelmo, its long-standing Japanese supplier.", Lang::EN, "SUPPLIES"), "");
    EXPECT_EQ(rels("Veltra Inc. is the main supplier of Pardo Inc.", Lang::EN, "SUPPLIES"), "Veltra>Pardo;");
    // Two names of one list are not each other's supplier and customer (`endsApart`), also when a genitive
    // stands before the second („sowie Pardos Cloud-Tochter …“).
    EXPECT_EQ(rels("Das Unternehmen aus Tainan, das im vergangenen Jahr mit einem eigenen Speicherstapel erstmals Chips in Serie "
                   "produziert hat, will ab 2026 die Veltra AG sowie die Pardo GmbH beliefern.", Lang::DE, "SUPPLIES").find("Veltra>Pardo"),
              std::string::npos);
    EXPECT_EQ(rels("Die Brisko AG will ab 2026 die Veltra AG sowie die Pardo GmbH beliefern.", Lang::DE, "SUPPLIES"), "Brisko>Pardo;Brisko>Veltra;");
    // „Zu den Kunden von X gehört neben Y auch Z“: Z is a customer too.
    EXPECT_EQ(rels("Zu den Kunden der Brisko AG gehört neben der Veltra AG auch die Pardo GmbH.", Lang::DE, "SUPPLIES"), "Brisko>Veltra;Brisko>Pardo;");
    // „Neben X beliefert Y auch Z“: X and Z are both Y's customers.
    EXPECT_EQ(rels("Neben der Veltra GmbH beliefert die Brisko AG auch die Pardo GmbH.", Lang::DE, "SUPPLIES"), "Brisko>Pardo;Brisko>Veltra;");
}

TEST(ExtractFeatures, TheShippedRulesReadAGermanHoldingInARelativeClause) {
    const auto& rels = shippedRelations;
    // The relative clause puts the verb last; the held company stands before it, also after its place
    // (a German „, an der“ opens no apposition as English ", an" does).
    EXPECT_EQ(rels("Die Teile kommen von der Brisko GmbH aus Jena, an der die Veltra AG eine Minderheitsbeteiligung hält.", Lang::DE, "INVESTS_IN"),
              "Veltra>Brisko;");
    EXPECT_EQ(rels("Die Pardo GmbH, ein Zulieferer, an dem die Veltra AG 22 Prozent hält, wächst.", Lang::DE, "INVESTS_IN"), "Veltra>Pardo;");
    EXPECT_EQ(rels("Die Veltra AG, die seit 2024 rund 24 Prozent an der Pardo GmbH hält, wächst.", Lang::DE, "INVESTS_IN"), "Veltra>Pardo;");
    EXPECT_EQ(rels("Die Veltra AG, die nicht mehr 24 Prozent an der Pardo GmbH hält, wächst.", Lang::DE, "INVESTS_IN"), "");
    // „X gehört mehrheitlich der Münchner Y“: modifiers between the article and the parent.
    EXPECT_EQ(rels("Die Pardo GmbH gehört mehrheitlich der Münchner Veltra AG.", Lang::DE, "SUBSIDIARY_OF"), "Pardo>Veltra;");
}

TEST(ExtractFeatures, TheShippedRulesReadSupplyChainsOfBatchFive) {
    const auto& rels = shippedRelations;
    // A customer in apposition with the supplier's possessive, in the next sentence.
    EXPECT_EQ(rels("Brisko Inc. grew. Its largest customer, Veltra Inc., ordered chips.", Lang::EN, "SUPPLIES"), "Brisko>Veltra;");
    // German relative clauses and perfect tenses put the verb last.
    EXPECT_EQ(rels("Die Veltra AG, die von der Brisko GmbH Laserquellen für ihre Anlagen bezieht, wächst.", Lang::DE, "SUPPLIES"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Die Veltra AG hat bei der Brisko GmbH Chips im Wert von 9 Milliarden Yuan bestellt.", Lang::DE, "SUPPLIES"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Die Veltra AG hat bei der Brisko GmbH keine Chips bestellt.", Lang::DE, "SUPPLIES"), "");
    // Buying under a contract, and a second verb of buying that shares the clause's subject.
    EXPECT_EQ(rels("Veltra Inc. has signed a three-year contract to buy chips from Brisko Inc.", Lang::EN, "SUPPLIES"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Veltra Inc., which was founded in 2019, makes the chip itself and sources the memory for it from Brisko Inc.", Lang::EN, "SUPPLIES"),
              "Brisko>Veltra;");
    // A foundry that took over a designer's production, or makes the designer's chips in a relative clause, supplies the designer.
    EXPECT_EQ(rels("Veltra Inc. designs chips. Brisko Inc., the foundry that took over production of Veltra's chip last year, grew.", Lang::EN, "SUPPLIES"),
              "Brisko>Veltra;");
    EXPECT_EQ(rels("Veltra Inc. designs chips. The line packages Veltra's chips, which Brisko Inc. manufactures in Taiwan.", Lang::EN, "SUPPLIES"),
              "Brisko>Veltra;");
    // The purpose fronted; customers named as examples.
    EXPECT_EQ(rels("For the optics, Veltra Inc. relies on Brisko Inc.", Lang::EN, "SUPPLIES"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Brisko Inc. makes sensor chips for carmakers, among them Veltra Inc.", Lang::EN, "SUPPLIES"), "Brisko>Veltra;");
    // Words between „kommen“ and „von“; the customer is the company the text is about.
    EXPECT_EQ(rels("Die Pardo AG baut Anlagen. Die Wafer kommen weiterhin von der Brisko GmbH.", Lang::DE, "SUPPLIES"), "Brisko>Pardo;");
    // A customer named without its supplier: the company the text is about; a compound's first part is no list member.
    EXPECT_EQ(rels("Die Pardo AG baut Anlagen. Auch die Veltra GmbH zählt zu den Abnehmern.", Lang::DE, "SUPPLIES"), "Pardo>Veltra;");
    EXPECT_EQ(rels("Die Pardo AG und die Brisko AG wachsen. Zu den Abnehmern des neuen Werks gehören die Veltra GmbH, deren Chip dort gefertigt "
                   "wird, sowie die Brisko-Tochter Kelmo GmbH.", Lang::DE, "SUPPLIES"),
              "Pardo>Veltra;Pardo>Kelmo;");
    EXPECT_EQ(rels("Die Pardo AG baut Anlagen. Die Veltra GmbH zählt nicht mehr zu den Abnehmern.", Lang::DE, "SUPPLIES"), "");
    // Working together on something; running something together.
    EXPECT_EQ(rels("Brisko Inc. is also working with Veltra Inc. on a shared test suite.", Lang::EN, "PARTNERS_WITH"), "Brisko>Veltra;");
    EXPECT_EQ(rels("Offen ist, ob das Werk, das die Brisko AG zusammen mit der Veltra GmbH in Gumi betreibt, gefördert wird.", Lang::DE, "PARTNERS_WITH"),
              "Brisko>Veltra;");
    // A unit in apposition with its parent's possessive (after a reporting verb), or of a parent with an article and modifiers.
    EXPECT_EQ(rels("Brisko Inc. said compliance would be handled by Veltra Inc., its Paris unit.", Lang::EN, "SUBSIDIARY_OF"), "Veltra>Brisko;");
    EXPECT_EQ(rels("Veltra Inc., a unit of the Singapore conglomerate Brisko Holdings Inc., makes chips.", Lang::EN, "SUBSIDIARY_OF"), "Veltra>Brisko;");
    // „nach Angaben von Geschäftsführer X“: X works for the sentence's company, not the article's.
    EXPECT_EQ(rels("Die Pardo AG baut Anlagen. Die Brisko GmbH, ein Familienbetrieb mit 260 Beschäftigten, steckt nach Angaben von Geschäftsführer "
                   "Lukas Weber 18 Mio. Euro in eine Linie.", Lang::DE,
                   "WORKS_FOR"),
              "Lukas Weber>Brisko;");
}

TEST(ExtractFeatures, APossessiveFindsItsClausesSubjectOrTheLastSentencesOwner) {
    const auto& rels = shippedRelations;
    // A sentence that names a company only as an owner ("… is Brisko's largest") makes it what the next "Its" means.
    EXPECT_EQ(rels("Brisko Inc. grew. Veltra Inc. ships chips. The order is Brisko's largest. Its biggest customer remains Kelmo Inc.", Lang::EN,
                   "SUPPLIES"),
              "Brisko>Kelmo;");
    // A clause joined by ", and" has a subject of its own.
    EXPECT_EQ(rels("Veltra Inc. designs chips. The line packages Veltra's chips, which Brisko Inc. manufactures, and Kelmo Inc. has booked "
                   "capacity for its Wren 7 chip.", Lang::EN, "DEVELOPS"),
              "Kelmo>Wren 7;");
    // "its parent's Kiro" is the parent's, not the unit's.
    EXPECT_EQ(rels("Veltra Inc., a unit of Kelmo Inc., trains models, including its parent's Kiro series.", Lang::EN, "DEVELOPS"), "Kelmo>Kiro;");
}

TEST(ExtractFeatures, ADescriptionNamedByItsModifierAndATriggerInItsSubjectsApposition) {
    const auto& rels = shippedRelations;
    // "the cloud unit" is the company named "… Cloud", not the subsidiary named last.
    EXPECT_EQ(rels("Kelmo Inc. set up Pardo Inc. as a subsidiary. Brisko Cloud Ltd. grew. Deliveries to the cloud unit of Veltra Inc. could slip.",
                   Lang::EN, "SUBSIDIARY_OF"),
              "Pardo>Kelmo;Brisko Cloud>Veltra;");
    // A trigger in the subject's apposition speaks of that name alone, not of one listed after the apposition.
    EXPECT_EQ(rels("Also listed were Brisko Inc., a maker of resists that supplies Veltra Inc., and Kelmo Inc., the foundry's trading unit.", Lang::EN,
                   "SUPPLIES"),
              "Brisko>Veltra;");
    // „bezieht der Münchner Konzern … von X“: a description after the verb.
    EXPECT_EQ(rels("Die Pardo AG baut Anlagen. Künftig bezieht der Münchner Konzern die Teile zusätzlich von der Brisko GmbH.", Lang::DE, "SUPPLIES"),
              "Brisko>Pardo;");
}

TEST(ExtractFeatures, TheShippedRulesReadSuppliersOfTheCompanyTheTextIsAbout) {
    const auto& rels = shippedRelations;
    // A supplier without a named customer supplies the company the text is about, not the supplier named last;
    // an elliptical clause names a second supplier.
    EXPECT_EQ(rels("Die Pardo AG baut ein Werk. Die Wafer kommen von der Brisko GmbH, die Fotolacke von der Kelmo GmbH. Die Anlagen liefert erneut "
                   "die Veltra AG.", Lang::DE, "SUPPLIES"),
              "Brisko>Pardo;Kelmo>Pardo;Veltra>Pardo;");
    EXPECT_EQ(rels("Pardo Inc. builds a fab. The wafers come from Brisko Inc., the resists from Kelmo Inc.", Lang::EN, "SUPPLIES"), "Brisko>Pardo;Kelmo>Pardo;");
    // An owner described in a name's apposition is another company: "X, the company's packaging arm".
    EXPECT_EQ(rels("Kelmo Inc. grew. Pardo Inc., the company's Seoul-based packaging arm, will receive the first shipments.", Lang::EN, "SUBSIDIARY_OF"),
              "Pardo>Kelmo;");
}

TEST(ExtractFeatures, TheShippedRulesReadASupplyAfterAnAppositionAndACommerceTitle) {
    const auto& rels = shippedRelations;
    // "X, a maker of …, which will supply … for Y's stacks": the owner of what is supplied is the customer.
    EXPECT_EQ(rels("Veltra Inc. designs memory. It has signed a contract with Brisko Inc., a maker of glass-core substrates for servers and "
                   "cars, which will supply the substrates for Veltra's memory stacks.", Lang::EN, "SUPPLIES"),
              "Brisko>Veltra;");
    // A US government title names its department (docs/gold.md: a government title is a role).
    EXPECT_EQ(rels("Kelmo Inc. was listed. \"We will act,\" said Anna Berg, the under secretary of commerce for industry and security.", Lang::EN,
                   "WORKS_FOR"),
              "Anna Berg>US Department of Commerce;");
    EXPECT_EQ(rels("Kelmo Inc. was listed, Commerce Under Secretary Anna Berg said.", Lang::EN, "WORKS_FOR"), "Anna Berg>US Department of Commerce;");
}

TEST(ExtractFeatures, TheShippedRulesReadAnOrderWithoutANamedSupplier) {
    const auto& rels = shippedRelations;
    // An order placed without naming the supplier goes to the company the text is about ...
    EXPECT_EQ(rels("Die Pardo AG baut Anlagen. Allein die Veltra GmbH hat für ihr Dresdner Werk 14 weitere Anlagen bestellt, die bis Mitte 2027 "
                   "ausgeliefert werden sollen.", Lang::DE, "SUPPLIES"),
              "Pardo>Veltra;");
    EXPECT_EQ(rels("Pardo Inc. builds tools. Veltra Inc. has ordered 14 more systems for its Dresden fab.", Lang::EN, "SUPPLIES"), "Pardo>Veltra;");
    EXPECT_EQ(rels("Pardo Inc. builds tools. Veltra Inc. has not ordered any systems.", Lang::EN, "SUPPLIES"), "");
    // ... but a named supplier is the supplier, and not the customer of the text's company.
    EXPECT_EQ(rels("Die Pardo AG baut Anlagen. Die Veltra GmbH hat bei der Kelmo GmbH Chips bestellt.", Lang::DE, "SUPPLIES"), "Kelmo>Veltra;");
    EXPECT_EQ(rels("Pardo Inc. builds tools. Veltra Inc. has ordered chips from Kelmo Inc.", Lang::EN, "SUPPLIES"), "Kelmo>Veltra;");
}

TEST(ExtractFeatures, TheShippedRulesReadPolicyTargetsAndIssuers) {
    const auto& rels = shippedRelations;
    // Issuer-qualified heads the gazetteer lacks.
    EXPECT_EQ(rels("Washington's chip tariffs took effect in May.", Lang::EN, "IMPOSES"), "United States>US chip tariffs;");
    EXPECT_EQ(rels("Das Geschäft fällt unter die deutsche Investitionsprüfung.", Lang::DE, "IMPOSES"), "Germany>German investment screening;");
    EXPECT_EQ(rels("Brisko Inc. was added to Taiwan's export control list.", Lang::EN, "TARGETS"), "Taiwanese export control list>Brisko;");
    // A destination a controlled shipment needs a licence for; not without such a word.
    EXPECT_EQ(rels("The chip falls under US export controls and cannot be shipped to Russia without a licence.", Lang::EN, "TARGETS"),
              "US export controls>Russia;");
    EXPECT_EQ(rels("Die Anlage darf wegen der japanischen Exportkontrollen nicht mehr nach Russland geliefert werden.", Lang::DE, "TARGETS"),
              "Japanese export controls>Russia;");
    EXPECT_EQ(rels("Für Ausfuhren nach Russland braucht die Brisko AG eine Genehmigung nach den japanischen Exportkontrollen.", Lang::DE, "TARGETS"),
              "Japanese export controls>Russia;");
    // Money out of a subsidy programme goes to its target, also with the programme fronted.
    EXPECT_EQ(rels("Die chinesische Regierung unterstützt den Hersteller Brisko AG mit 4,8 Milliarden Yuan aus ihren Chipsubventionen.",
                   Lang::DE, "TARGETS"), "Chinese chip subsidies>Brisko;");
    EXPECT_EQ(rels("Die Brisko AG wuchs. Die chinesische Regierung stützt Brisko: Aus den staatlichen Chipsubventionen erhielt der Konzern 600 Millionen Yuan.",
                   Lang::DE, "TARGETS"), "Chinese chip subsidies>Brisko;");
    EXPECT_EQ(rels("Die chinesische Regierung unterstützt die Brisko AG nicht mit Geld aus ihren Chipsubventionen.", Lang::DE, "TARGETS"), "");
    // A body awards money under a programme: the company is its target.
    EXPECT_EQ(rels("The ministry awarded Brisko Inc. 4.2bn yen under Japan's chip subsidy scheme for a new plant.", Lang::EN, "TARGETS"),
              "Japanese chip subsidy scheme>Brisko;");
    EXPECT_EQ(rels("The ministry has not awarded Brisko Inc. any money under Japan's chip subsidy scheme.", Lang::EN, "TARGETS"), "");
    // Put on a list: the decision's body imposes it, the company put there is its target.
    EXPECT_EQ(rels("Belastet wird das Geschäft durch die Entscheidung des US-Handelsministeriums, die Brisko AG im August auf die Entity List zu setzen.",
                   Lang::DE, "TARGETS"), "Entity List>Brisko;");
    EXPECT_EQ(rels("Belastet wird das Geschäft durch die Entscheidung des US-Handelsministeriums, die Brisko AG im August auf die Entity List zu setzen.",
                   Lang::DE, "IMPOSES"), "US Department of Commerce>Entity List;");
    EXPECT_EQ(rels("The department placed Brisko Inc., a Wuxi-based memory maker, on its Entity List.", Lang::EN, "TARGETS"), "Entity List>Brisko;");
    EXPECT_EQ(rels("The department has not placed Brisko Inc., a Wuxi-based memory maker, on its Entity List.", Lang::EN, "TARGETS"), "");
    // A bare head that only a body ties to a listed policy does not name the country the policy implies.
    EXPECT_EQ(rels("The US Department of Commerce tightened its export controls.", Lang::EN, "IMPOSES"),
              "US Department of Commerce>US export controls;");
    EXPECT_EQ(rels("The United States tightened its export controls.", Lang::EN, "IMPOSES"), "United States>US export controls;");
    // „unter … fällt“ at the end of a subordinate clause: what follows its comma is the main clause's, not the target.
    EXPECT_EQ(rels("Da der Chip unter die US-Exportkontrollen fällt, darf die Brisko AG ihn nicht verkaufen.", Lang::DE, "TARGETS"), "");
    EXPECT_EQ(rels("Unter die US-Exportkontrollen fällt nun auch die Brisko AG.", Lang::DE, "TARGETS"), "US export controls>Brisko;");
    EXPECT_EQ(rels("Exports to Russia rose although US export controls tightened.", Lang::EN, "TARGETS"), "");
    EXPECT_EQ(rels("Seit Berlin die deutschen Exportkontrollen ausgeweitet hat, braucht die Brisko AG für Lieferungen nach Russland eine Genehmigung.",
                   Lang::DE, "TARGETS"), "German export controls>Russia;German export controls>Brisko;");
    EXPECT_EQ(rels("Trotz der deutschen Exportkontrollen braucht die Brisko AG für Lieferungen nach Russland keine Genehmigung.", Lang::DE, "TARGETS"), "");
    EXPECT_EQ(rels("Since Berlin widened the German export controls, Brisko Inc. needs a licence for every shipment to Russia.", Lang::EN, "TARGETS"),
              "German export controls>Russia;German export controls>Brisko;");
    EXPECT_EQ(rels("US export controls exempt shipments of the chip to Russia from the licence.", Lang::EN, "TARGETS"), "");
    // A rate between a policy and its target.
    EXPECT_EQ(rels("US tariffs of 25% on Indian steel took effect.", Lang::EN, "TARGETS"), "US tariffs>India;");
    // The recipient after the verb, and a programme named by a description.
    EXPECT_EQ(rels("Die Brisko AG baut. Zusätzlich erhält das Unternehmen Mittel aus den japanischen Chipsubventionen.", Lang::DE, "TARGETS"),
              "Japanese chip subsidies>Brisko;");
    EXPECT_EQ(rels("Japans Chipsubventionen wachsen: Die Brisko AG erhielt 2 Mrd. Yen aus dem staatlichen Förderprogramm.", Lang::DE, "TARGETS"),
              "Japanese chip subsidies>Brisko;");
    // "put … on its Entity List" states the issuer.
    EXPECT_EQ(rels("Brisko Inc. is the chipmaker that the US Department of Commerce put on its Entity List.", Lang::EN, "IMPOSES"),
              "US Department of Commerce>Entity List;");
    // A gain through a decision under the policy; a programme's money for a project; what the policy makes a company forgo.
    EXPECT_EQ(rels("Brisko Inc. stands to gain from the decision to extend tax credits under the K-Chips Act.", Lang::EN, "TARGETS"), "K-Chips Act>Brisko;");
    EXPECT_EQ(rels("Brisko Inc. does not profit from the tax credits under the K-Chips Act.", Lang::EN, "TARGETS"), "");
    EXPECT_EQ(rels("The EU Chips Act, the bloc's subsidy law, is contributing €40 million to Brisko Inc.", Lang::EN, "TARGETS"), "European Chips Act>Brisko;");
    EXPECT_EQ(rels("Die Brisko AG verkauft wegen der US-Exportkontrollen keine Anlagen an chinesische Kunden.", Lang::DE, "TARGETS"), "US export controls>China;");
    // The body that announces or approves money under a policy administers it; aid for a company's plant targets the company.
    EXPECT_EQ(rels("Brisko Inc. will receive $40m under the CHIPS and Science Act, the US Department of Commerce said.", Lang::EN, "IMPOSES"),
              "US Department of Commerce>CHIPS and Science Act;");
    EXPECT_EQ(rels("Für das Werk der Brisko AG hat die EU-Kommission Beihilfen aus dem European Chips Act genehmigt.", Lang::DE, "IMPOSES"),
              "European Union>European Chips Act;European Commission>European Chips Act;");
    EXPECT_EQ(rels("Für das Werk der Brisko AG hat die EU-Kommission Beihilfen aus dem European Chips Act genehmigt.", Lang::DE, "TARGETS"),
              "European Chips Act>Brisko;");
    EXPECT_EQ(rels("Für das Werk der Brisko AG hat die EU-Kommission keine Beihilfen aus dem European Chips Act genehmigt.", Lang::DE, "TARGETS"), "");
    // The issuer in an English relative clause.
    EXPECT_EQ(rels("The Dutch export controls, which the Netherlands tightened in May, cover lasers.", Lang::EN, "IMPOSES"), "Netherlands>Dutch export controls;");
    // The listing as a noun; the examples a restriction names.
    EXPECT_EQ(rels("Seit dem Eintrag der Brisko AG in die Entity List braucht jede Lieferung eine Genehmigung.", Lang::DE, "TARGETS"), "Entity List>Brisko;");
    EXPECT_EQ(rels("Since Alibaba's addition to the Entity List, sales have fallen.", Lang::EN, "TARGETS"), "Entity List>Alibaba;");
    EXPECT_EQ(rels("The firm does not sell to Russia, where US export controls bar chips like the Brisko X1 chip.", Lang::EN, "TARGETS"),
              "US export controls>Brisko X1;US export controls>Russia;");
    EXPECT_EQ(rels("Die japanischen Exportkontrollen gelten nicht für Anlagenbauer wie die Brisko AG.", Lang::DE, "TARGETS"), "");
    // English obligations name their holders after them, not before.
    EXPECT_EQ(rels("Brisko Inc. moves its training as EU AI Act duties loom.", Lang::EN, "TARGETS"), "");
}

TEST(ExtractFeatures, TheShippedRulesReadAnIssuerNamedWithItsOwnerOrAnnouncingAPlan) {
    const auto& rels = shippedRelations;
    // A relative clause whose issuer is named with its country: "China's Ministry of Commerce".
    EXPECT_EQ(rels("Brisko relies on Taiwan's export controls, which Taiwan's Ministry of Economic Affairs tightened again in May.",
                   Lang::EN, "IMPOSES"),
              "Taiwan>Taiwanese export controls;Taiwanese Ministry of Economic Affairs>Taiwanese export controls;");
    // A body's announced plan, the verb in its base form after "would" (a party's own intentions are facts).
    EXPECT_EQ(rels("METI said on Friday that it would extend Japan's export controls to more photoresists.", Lang::EN, "IMPOSES"),
              "Japan>Japanese export controls;Japanese Ministry of Economy, Trade and Industry>Japanese export controls;");
    // ... but not one it is only said to consider.
    EXPECT_EQ(rels("METI could extend Japan's export controls to more photoresists.", Lang::EN, "IMPOSES"),
              "Japan>Japanese export controls;");
}

TEST(ExtractFeatures, TheShippedRulesReadTheCompaniesAPolicyBeforeHits) {
    const auto& rels = shippedRelations;
    EXPECT_EQ(rels("The EU sanctions were widened on Monday. Among the companies hit is Brisko Inc., a memory maker.", Lang::EN, "TARGETS"),
              "EU sanctions>Brisko;");
    EXPECT_EQ(rels("Die EU-Sanktionen wurden ausgeweitet. Zu den betroffenen Unternehmen gehört die Brisko AG.", Lang::DE, "TARGETS"),
              "EU sanctions>Brisko;");
    // Not when the text says the company is not among them.
    EXPECT_EQ(rels("The EU sanctions were widened on Monday. Brisko Inc. is not among the companies hit.", Lang::EN, "TARGETS"), "");
}

TEST(ExtractFeatures, TheShippedRulesReadAidWhosePolicyTheNextSentenceNames) {
    // Aid one sentence states and the next ties to a policy: the policy targets the recipient, and the
    // approving body and the state whose aid it is both impose it (docs/gold.md, money from a policy).
    static Extractor extractor(defaultRules());
    const Extraction de = extractor.extract({"doc",
                                             "Die EU-Kommission hat eine Beihilfe der Niederlande von 120 Mio. Euro für die Brisko AG genehmigt. "
                                             "Das Geld stammt aus dem European Chips Act.",
                                             Lang::DE, "2025-01-22"});
    ASSERT_TRUE(hasRelation(de, "TARGETS", "European Chips Act", "Brisko"));
    ASSERT_TRUE(hasRelation(de, "IMPOSES", "European Commission", "European Chips Act"));
    ASSERT_TRUE(hasRelation(de, "IMPOSES", "Netherlands", "European Chips Act"));
    const Extraction en = extractor.extract({"doc",
                                             "The European Commission approved €120 million of state aid from the Netherlands for Brisko Photonics. "
                                             "The money comes from the European Chips Act.",
                                             Lang::EN, "2025-01-22"});
    ASSERT_TRUE(hasRelation(en, "TARGETS", "European Chips Act", "Brisko"));
    ASSERT_TRUE(hasRelation(en, "IMPOSES", "European Commission", "European Chips Act"));
    ASSERT_TRUE(hasRelation(en, "IMPOSES", "Netherlands", "European Chips Act"));
    // Not when the sentence denies it.
    const Extraction no = extractor.extract({"doc",
                                             "The European Commission approved €120 million of state aid from the Netherlands for Brisko Photonics. "
                                             "The money does not come from the European Chips Act.",
                                             Lang::EN, "2025-01-22"});
    EXPECT_FALSE(hasRelation(no, "TARGETS", "European Chips Act", "Brisko"));
    EXPECT_FALSE(hasRelation(no, "IMPOSES", "European Commission", "European Chips Act"));
}

TEST(ExtractFeatures, TheShippedRulesNameAPersonBeforeALowercaseRoleOrWithAHyphenatedName) {
    const auto& rels = shippedRelations;
    // A name before ", chief executive of": the role's first word is lowercase.
    EXPECT_EQ(rels("Anja Okafor, chief executive of Brisko Inc., said the company would comply.", Lang::EN, "WORKS_FOR"),
                   "Anja Okafor>Brisko;");
    // A hyphenated given name before the role; its "Se" is no legal form (SE).
    EXPECT_EQ(rels("The deal was signed on Monday. Kim Se-rin, an analyst at Veltra Securities, said it could help.", Lang::EN,
                   "WORKS_FOR"),
              "Kim Se-rin>Veltra Securities;");
    EXPECT_EQ(shippedEntities("Der Auftrag kam am Montag. Lee Ha-rin, Analystin bei Veltra Securities, sieht darin ein Signal.", Lang::DE,
                              "Person"),
              "Lee Ha-rin;");
    EXPECT_EQ(shippedEntities("The deal was signed on Monday. Kim Se-rin, an analyst at Veltra Securities, said it could help.",
                              Lang::EN, "Company"),
              "Veltra Securities;");
    // Government and company titles are roles.
    std::string president = rels("Brisko Inc. opened a plant. \"We are ready,\" Brisko president Tomas Reyes said.", Lang::EN, "WORKS_FOR");
    EXPECT_EQ(president, "Tomas Reyes>Brisko;");
    EXPECT_NE(shippedEntities("„Wir sind bereit“, sagte Vizeminister Park Do-yun.", Lang::DE, "Person").find("Park Do-yun"),
              std::string::npos);
}

TEST(ExtractFeatures, AGermanModalAtTheClauseEndHedges) {
    const auto& rels = shippedRelations;
    EXPECT_EQ(rels("Die EU-Sanktionen gelten seit Mai. Beobachter meinen, dass Belgien die Sanktionen verschärfen könnte.", Lang::DE,
                   "IMPOSES"),
              "European Union>EU sanctions;");
    // Without the modal the clause states it.
    EXPECT_EQ(rels("Die EU-Sanktionen gelten seit Mai. Beobachter meinen, dass Belgien die Sanktionen verschärft.", Lang::DE, "IMPOSES"),
              "European Union>EU sanctions;Belgium>EU sanctions;");
}

TEST(ExtractFeatures, TheShippedRulesReadPlacesListsAndLicenceDuties) {
    const auto& rels = shippedRelations;
    // A city the gazetteer lacks: after a legal form and „aus“, before "-based".
    EXPECT_EQ(rels("Den Auftrag erhielt die Brisko Lasertechnik GmbH aus Wendlingen.", Lang::DE, "LOCATED_IN"), "Brisko>Wendlingen;");
    EXPECT_EQ(rels("Veltra Inc. signed a contract with Brisko Inc., a Tamworth-based maker of sockets.", Lang::EN, "LOCATED_IN"),
              "Brisko>Tamworth;");
    EXPECT_EQ(rels("Brisko Inc., a California-based maker of sockets, grew.", Lang::EN, "LOCATED_IN"), "");
    // A city's demonym and a test house.
    EXPECT_EQ(rels("Das Start-up ist Kunde des Lyoner Prüfhauses Veltrin.", Lang::DE, "LOCATED_IN"), "Veltrin>Lyon;");
    // German export authorities by their German names.
    EXPECT_EQ(shippedEntities("Das Bundesamt für Wirtschaft und Ausfuhrkontrolle (Bafa) prüft den Fall.", Lang::DE, "Organization"),
              "Federal Office for Economic Affairs and Export Control;");
    // A country that keeps a company on its list.
    EXPECT_EQ(rels("Die USA führen die Brisko AG bereits seit 2025 auf ihrer Entity List.", Lang::DE, "TARGETS"), "Entity List>Brisko;");
    EXPECT_EQ(rels("Die USA führen die Brisko AG bereits seit 2025 auf ihrer Entity List.", Lang::DE, "IMPOSES"), "United States>Entity List;");
    EXPECT_EQ(rels("The US has kept Brisko Inc. on its Entity List since 2025.", Lang::EN, "TARGETS"), "Entity List>Brisko;");
    // A licence duty for exports to countries, the policy named in the sentence before; „die Neuregelung“ is that policy.
    EXPECT_EQ(rels("Berlin hat die deutschen Exportkontrollen ausgeweitet. Ausfuhren nach China und Russland sind ab März genehmigungspflichtig. "
                   "Am stärksten trifft die Neuregelung die Brisko AG.",
                   Lang::DE, "TARGETS"),
              "German export controls>China;German export controls>Russia;German export controls>Brisko;");
    EXPECT_EQ(rels("Berlin widened the German export controls. Shipments to Russia now require a licence.", Lang::EN, "TARGETS"),
              "German export controls>Russia;");
    EXPECT_EQ(rels("Berlin widened the German export controls. Shipments to Austria do not require a licence.", Lang::EN, "TARGETS"), "");
    // "the act" is the act named last.
    EXPECT_EQ(rels("Brisko Inc. must comply with the EU AI Act. The European Commission, which enforces the act, can fine providers.", Lang::EN,
                   "IMPOSES"),
              "European Union>EU AI Act;European Commission>EU AI Act;");
}

TEST(ExtractFeatures, AProductsHyphenedVersionQuotedLongerNameAndFlagship) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Product", "name": "Tarko-4"},
                                                             {"label": "Product", "name": "QX-310"}]})";
    auto products = [](const Extraction& e) {
        std::string out;
        for (const auto& a : e.entities)
            if (a.entity.label == "Product") out += a.entity.name + ";";
        return out;
    };
    // The same word, a hyphen and another code: a known product's next version.
    auto x = extractWith(rules, "The list names Brisko's Tarko-5 and the QX-320 accelerator.", Lang::EN);
    EXPECT_EQ(products(x), "Tarko-5;QX-320;");
    ASSERT_TRUE(hasRelation(x, "DEVELOPS", "Brisko", "Tarko-5"));
    // ... not a year or a word that only begins like it.
    EXPECT_EQ(products(extractWith(rules, "Brisko said Tarko-2026 plans and COVID-19 rules matter.", Lang::EN)), "");
    // A quoted name after a cue that runs on from a known one.
    auto y = extractWith(rules, "Brisko entwickelt Tarko-4. Nicht betroffen ist das Modell „Tarko-4 Mini“, das Brisko frei anbietet.", Lang::DE);
    EXPECT_EQ(products(y), "Tarko-4;Tarko-4 Mini;");
    // A name in apposition with a flagship model.
    auto z = extractWith(rules, "The list names Halvard 2, the flagship model of Brisko.", Lang::EN);
    EXPECT_EQ(products(z), "Halvard 2;");
}

TEST(ExtractFeatures, TheShippedRulesReadWhatAPolicyBarsKeepsOutExtendsToAndLists) {
    const auto& rels = shippedRelations;
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Product", "name": "Tarko 5"}]})";
    auto targets = [](const Extraction& e) {
        std::string out;
        for (const auto& r : e.relations)
            if (r.relation.type == "TARGETS") out += r.relation.subject + ">" + r.relation.object + ";";
        return out;
    };
    // A product barred from a market by a policy; the possessive's company is not barred.
    auto x = extractWith(rules, "Veltra no longer buys from Brisko, whose Tarko 5 is barred from China by US export controls.", Lang::EN);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "US export controls", "Tarko 5"));
    ASSERT_TRUE(hasRelation(x, "TARGETS", "US export controls", "China"));
    EXPECT_FALSE(hasRelation(x, "TARGETS", "US export controls", "Brisko"));
    // ... under "the same controls", the policy named last.
    auto y = extractWith(rules, "Brisko sells into Japan despite US export controls. Its Tarko 5 has been barred from China under the same controls since 2025.",
                         Lang::EN);
    ASSERT_TRUE(hasRelation(y, "TARGETS", "US export controls", "Tarko 5"));
    // Controls that keep a company out.
    EXPECT_EQ(rels("Veltra Inc. helped Brisko Inc. get around US export controls that have kept the company out of Western fabs.", Lang::EN,
                   "TARGETS"),
              "US export controls>Brisko;");
    // A policy extended to a sector.
    EXPECT_EQ(rels("Beijing decided in March to extend Chinese chip subsidies to data centres that run on domestic chips.", Lang::EN, "TARGETS"),
              "Chinese chip subsidies>data centres;");
    // A repeated preposition joins a list: „auf die Chipverpackung und auf Hochleistungsspeicher“.
    EXPECT_EQ(rels("Südkorea dehnt die Steuergutschriften des K-Chips Act auf die Chipverpackung und auf Hochleistungsspeicher aus.", Lang::DE,
                   "TARGETS"),
              "K-Chips Act>advanced packaging;K-Chips Act>high-bandwidth memory;");
    // A company added to a list with a long apposition; the body that added it imposes the list, and "the list" is that list.
    auto z = extractWith(rules,
                         "The US Department of Commerce on Tuesday added Brisko Inc., the Wuhan-based foundry that took over production of "
                         "a rival's new accelerator last year, to the Entity List. The bureau that maintains the list said so.",
                         Lang::EN);
    EXPECT_EQ(targets(z), "Entity List>Brisko;");
    ASSERT_TRUE(hasRelation(z, "IMPOSES", "US Department of Commerce", "Entity List"));
}

TEST(ExtractFeatures, TheShippedRulesPlaceACompanyByABarePlaceAttribute) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Brisko Asia"},
                                                             {"label": "Product", "name": "Tarko 5"}]})";
    // A place without an article after a preposition: "of Edinburgh start-up X", "of US chip designer X".
    auto x = extractWith(rules, "The list names Tarko 5, the flagship model of Edinburgh start-up Brisko.", Lang::EN);
    ASSERT_TRUE(hasRelation(x, "LOCATED_IN", "Brisko", "Edinburgh"));
    auto y = extractWith(rules, "Brisko Asia, the Yokohama-based subsidiary of US chip designer Brisko, grew.", Lang::EN);
    ASSERT_TRUE(hasRelation(y, "LOCATED_IN", "Brisko", "United States"));
    // A place and a word before the head a name stands in apposition to: "the foundry's Hong Kong trading unit".
    auto z = extractWith(rules, "Also listed was Brisko Asia, the foundry's Hong Kong trading unit.", Lang::EN);
    ASSERT_TRUE(hasRelation(z, "LOCATED_IN", "Brisko Asia", "Hong Kong"));
    // A German noun after its adjective is no described company, nor is a customer after a cue.
    auto v = extractWith(rules, "Ihr größter Abnehmer, der Shanghaier Chipkonzern Brisko, steht für ein Fünftel des Umsatzes. "
                                "Für Tests ist das Start-up Kunde des Prüfhauses Veltrin.", Lang::DE);
    for (const auto& e : v.entities) {
        EXPECT_NE(e.entity.name, "Abnehmer");
        EXPECT_NE(e.entity.name, "Kunde");
    }
    ASSERT_TRUE(hasRelation(v, "LOCATED_IN", "Brisko", "Shanghai"));
}

TEST(ExtractFeatures, TheShippedRulesReadRecipientsOthersOnAListAndDesignations) {
    const auto& rels = shippedRelations;
    // The first recipients of a policy named before.
    EXPECT_EQ(rels("Südkorea weitet den K-Chips Act aus. Zu den ersten Empfängern gehört die Brisko AG aus Cheonan.", Lang::DE, "TARGETS"),
              "K-Chips Act>Brisko;");
    EXPECT_EQ(rels("South Korea widened the K-Chips Act. Among the first recipients is Brisko Inc.", Lang::EN, "TARGETS"), "K-Chips Act>Brisko;");
    EXPECT_EQ(rels("Südkorea weitet den K-Chips Act aus. Zu den Nutznießern dürfte die Brisko AG gehören.", Lang::DE, "TARGETS"), "");
    // One of the other companies on a list.
    EXPECT_EQ(rels("Veltra Inc. does not sell tools to Brisko Inc. or to other companies on the US Entity List.", Lang::EN, "TARGETS"),
              "Entity List>Brisko;");
    // A body designates models under an act: the act targets them, the body administers it.
    EXPECT_EQ(rels("The European AI Office has designated three general-purpose AI models as carrying systemic risk under the EU AI Act.",
                   Lang::EN, "TARGETS"),
              "EU AI Act>general-purpose AI models;");
    EXPECT_NE(rels("The European AI Office has designated three general-purpose AI models as carrying systemic risk under the EU AI Act.",
                   Lang::EN, "IMPOSES").find("European AI Office>EU AI Act;"),
              std::string::npos);
}

TEST(ExtractFeatures, TheShippedRulesReadAVerbLastUnterFallenAndAVersionCue) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Product", "name": "Tarko 5"}]})";
    auto x = extractWith(rules, "Da der Tarko 5 unter die US-Exportkontrollen fällt, darf Brisko ihn nicht ausliefern.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "US export controls", "Tarko 5"));
    auto y = extractWith(rules, "Da der Tarko 5 nicht unter die US-Exportkontrollen fällt, darf Brisko ihn ausliefern.", Lang::DE);
    EXPECT_FALSE(hasRelation(y, "TARGETS", "US export controls", "Tarko 5"));
    auto z = extractWith(rules, "Brisko entwickelt die Modellfamilie „Lerno“, deren jüngste Version Lerno-4 seit Mai verkauft wird.", Lang::DE);
    EXPECT_TRUE(std::any_of(z.entities.begin(), z.entities.end(),
                            [](const auto& e) { return e.entity.label == "Product" && e.entity.name == "Lerno-4"; }));
}

TEST(ExtractFeatures, ACapitalAfterAConjunctionARelativePronounOrByIsItsGovernment) {
    auto cities = [](std::string_view text, Lang lang) { return shippedEntities(text, lang, "City"); };
    EXPECT_EQ(cities("Sorgen bereiten Brisko die chinesischen Exportkontrollen, die Peking im April ausgeweitet hat.", Lang::DE), "");
    EXPECT_EQ(cities("The rules bar the chip from Chinese buyers, and Beijing has answered with export controls.", Lang::EN), "");
    EXPECT_EQ(cities("Seit Berlin die deutschen Exportkontrollen ausgeweitet hat, braucht die Brisko AG eine Genehmigung.", Lang::DE), "");
    EXPECT_EQ(cities("Brisko Inc. asks whether the documentation required by Brussels justifies the cost.", Lang::EN), "");
    // The place stays a place after a preposition or an article.
    EXPECT_EQ(cities("Die Brisko AG ist in Peking ansässig, and the Beijing startup grows.", Lang::DE), "Beijing;");
}

TEST(ExtractFeatures, TheShippedRulesReadAListThatNamesAndABodyThatAnnouncesThePolicyBefore) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Product", "name": "Tarko 5"},
                                                             {"label": "Product", "name": "Lerno 2"}]})";
    // "The list … names X's P and Q": a rule that names examples targets them, not their makers.
    auto x = extractWith(rules, "Brisko must comply with the EU AI Act. The list, published on Tuesday, names Brisko's Tarko 5 and Lerno 2.", Lang::EN);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "EU AI Act", "Tarko 5"));
    ASSERT_TRUE(hasRelation(x, "TARGETS", "EU AI Act", "Lerno 2"));
    EXPECT_FALSE(hasRelation(x, "TARGETS", "EU AI Act", "Brisko"));
    // „Das teilte <Behörde> mit“ after the policy's sentence: the body administers it.
    EXPECT_EQ(shippedRelations("Südkorea dehnt den K-Chips Act auf die Chipverpackung aus. Das teilte das zuständige Ministerium (MOTIE) am Dienstag mit.",
                               Lang::DE, "IMPOSES"),
              "South Korea>K-Chips Act;South Korean Ministry of Trade, Industry and Energy>K-Chips Act;");
    // Not a company's announcement.
    EXPECT_EQ(shippedRelations("Südkorea dehnt den K-Chips Act auf die Chipverpackung aus. Das teilte die Brisko AG am Dienstag mit.", Lang::DE, "IMPOSES"),
              "South Korea>K-Chips Act;");
}

TEST(ExtractFeatures, TheShippedRulesReadRulesThatNameAndControlsThatBarAccess) {
    const auto& rels = shippedRelations;
    EXPECT_EQ(rels("Tokyo tightened Japan's export controls. The revised rules also name Brisko Inc. and Veltra Inc.", Lang::EN, "TARGETS"),
              "Japanese export controls>Brisko;Japanese export controls>Veltra;");
    EXPECT_EQ(rels("Die US-Exportkontrollen versperren chinesischen Chipherstellern seit Jahren den Zugang zu modernen Anlagen.", Lang::DE, "TARGETS"),
              "US export controls>China;");
}

TEST(ExtractFeatures, TheShippedRulesReadWhatAPolicyAlsoCoversInAClauseOfItsOwn) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Product", "name": "Tarko 5"}]})";
    auto x = extractWith(rules, "Seit Berlin die deutschen Exportkontrollen ausgeweitet hat, braucht Brisko eine Genehmigung; erfasst ist auch der Tarko 5.",
                         Lang::DE);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "German export controls", "Tarko 5"));
    auto y = extractWith(rules, "Berlin widened the German export controls on Monday; also covered is the Tarko 5.", Lang::EN);
    ASSERT_TRUE(hasRelation(y, "TARGETS", "German export controls", "Tarko 5"));
    auto z = extractWith(rules, "Berlin widened the German export controls on Monday; not covered is the Tarko 5.", Lang::EN);
    EXPECT_FALSE(hasRelation(z, "TARGETS", "German export controls", "Tarko 5"));
}

TEST(ExtractFeatures, APossessiveDescriptionWithADemonymPlacesItsAntecedent) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Brisko Japan"}]})";
    auto x = extractWith(rules, "Brisko Japan, the Yokohama-based subsidiary of Brisko, won a grant. "
                                "Brisko itself will put $1.1 billion into its Japanese unit over three years.",
                         Lang::EN);
    ASSERT_TRUE(hasRelation(x, "LOCATED_IN", "Brisko Japan", "Japan"));
    EXPECT_FALSE(hasRelation(x, "LOCATED_IN", "Brisko", "Japan"));
}

TEST(ExtractFeatures, ACountrysGovernmentGrantsAidUnderAPolicy) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    // „die deutsche Regierung“ is Germany; the aid's amount may stand between „Beihilfe“ and „aus“.
    auto x = extractWith(rules, "Die deutsche Regierung hat Brisko eine Beihilfe von 85 Mio. Euro aus dem European Chips Act zugesagt.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "IMPOSES", "Germany", "European Chips Act"));
    auto y = extractWith(rules, "Die deutsche Regierung hat Brisko keine Beihilfe von 85 Mio. Euro aus dem European Chips Act zugesagt.", Lang::DE);
    EXPECT_FALSE(hasRelation(y, "IMPOSES", "Germany", "European Chips Act"));
    // "the French government" is France; a demonym before a compound stays no country.
    auto z = extractWith(rules, "The French government granted Brisko €85m under the European Chips Act.", Lang::EN);
    ASSERT_TRUE(hasRelation(z, "IMPOSES", "France", "European Chips Act"));
    auto w = extractWith(rules, "A French government-backed fund granted Brisko €85m under the European Chips Act.", Lang::EN);
    EXPECT_FALSE(hasRelation(w, "IMPOSES", "France", "European Chips Act"));
}

TEST(ExtractFeatures, ABodyApprovesAidUnderAPolicyInAClauseOfItsOwn) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Brisko erhält eine Beihilfe von 85 Mio. Euro aus dem European Chips Act, die EU-Kommission genehmigte sie im März.",
                         Lang::DE);
    ASSERT_TRUE(hasRelation(x, "IMPOSES", "European Commission", "European Chips Act"));
    auto y = extractWith(rules, "Das Werk wird mit Mitteln aus dem European Chips Act gefördert; die Beihilfe genehmigte die EU-Kommission im Mai.",
                         Lang::DE);
    ASSERT_TRUE(hasRelation(y, "IMPOSES", "European Commission", "European Chips Act"));
    auto z = extractWith(rules, "The plant gets €85m in aid under the European Chips Act; the European Commission approved it in March.", Lang::EN);
    ASSERT_TRUE(hasRelation(z, "IMPOSES", "European Commission", "European Chips Act"));
    auto n = extractWith(rules, "Brisko beantragte eine Beihilfe aus dem European Chips Act, die EU-Kommission genehmigte sie nicht.", Lang::DE);
    EXPECT_FALSE(hasRelation(n, "IMPOSES", "European Commission", "European Chips Act"));
}

TEST(ExtractFeatures, AidUnderAPolicyTargetsTheRecipientNamedAsDative) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Die EU-Kommission hat der Brisko AG eine Beihilfe von 85 Mio. Euro aus dem European Chips Act bewilligt.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "European Chips Act", "Brisko"));
    auto y = extractWith(rules, "Die EU-Kommission hat der Brisko AG keine Beihilfe aus dem European Chips Act bewilligt.", Lang::DE);
    EXPECT_FALSE(hasRelation(y, "TARGETS", "European Chips Act", "Brisko"));
}

TEST(ExtractFeatures, ACompanyListedWithItsUnitIsTargetedWithIt) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Brisko Cloud"}]})";
    auto x = extractWith(rules, "Washington setzte die Brisko AG und ihre Tochter Brisko Cloud auf die Entity List.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "Entity List", "Brisko"));
    ASSERT_TRUE(hasRelation(x, "TARGETS", "Entity List", "Brisko Cloud"));
    auto y = extractWith(rules, "The Commerce Department placed Brisko Inc. and its subsidiary Brisko Cloud on the Entity List.", Lang::EN);
    ASSERT_TRUE(hasRelation(y, "TARGETS", "Entity List", "Brisko Cloud"));
    auto z = extractWith(rules, "The Commerce Department removed Brisko Inc. and its subsidiary Brisko Cloud from the Entity List.", Lang::EN);
    EXPECT_FALSE(hasRelation(z, "TARGETS", "Entity List", "Brisko Cloud"));
}

TEST(ExtractFeatures, TheCompaniesABodyNamedUnderThePolicyBefore) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Tarko"}]})";
    auto x = extractWith(rules, "Japan's Ministry of Economy, Trade and Industry extended Japan's export controls to cover new photoresists. "
                                "Suppliers named by METI include Brisko and Tarko; neither commented.",
                         Lang::EN);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "Japanese export controls", "Brisko"));
    ASSERT_TRUE(hasRelation(x, "TARGETS", "Japanese export controls", "Tarko"));
    auto y = extractWith(rules, "Berlin hat die deutschen Exportkontrollen ausgeweitet. Ebenfalls betroffen ist Brisko.", Lang::DE);
    ASSERT_TRUE(hasRelation(y, "TARGETS", "German export controls", "Brisko"));
    auto z = extractWith(rules, "Japan extended Japan's export controls to cover new photoresists. Suppliers named by METI do not include Brisko.",
                         Lang::EN);
    EXPECT_FALSE(hasRelation(z, "TARGETS", "Japanese export controls", "Brisko"));
}

TEST(ExtractFeatures, TheGermanEconomyMinistryByItsNames) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Das Bundesministerium für Wirtschaft und Energie fördert die Brisko AG.", Lang::DE);
    bool found = false;
    for (const auto& e : x.entities)
        found = found || (e.entity.label == "Organization" && e.entity.name == "German Federal Ministry for Economic Affairs and Energy");
    ASSERT_TRUE(found);
}

TEST(ExtractFeatures, AidTiedToAPolicyBeforeIsGrantedByABody) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Das Geld für die Brisko AG stammt aus dem European Chips Act. Die Förderung gewährt das Bundeswirtschaftsministerium.",
                         Lang::DE);
    ASSERT_TRUE(hasRelation(x, "IMPOSES", "German Federal Ministry for Economic Affairs and Energy", "European Chips Act"));
    auto y = extractWith(rules, "The money for Brisko Inc. comes from the European Chips Act. The aid is granted by the French Ministry of Finance.",
                         Lang::EN);
    ASSERT_TRUE(hasRelation(y, "IMPOSES", "French Ministry of Finance", "European Chips Act"));
    auto z = extractWith(rules, "The money for Brisko Inc. comes from the European Chips Act. The aid is not granted by the French Ministry of Finance.",
                         Lang::EN);
    EXPECT_FALSE(hasRelation(z, "IMPOSES", "French Ministry of Finance", "European Chips Act"));
}

TEST(ExtractFeatures, ACityWithoutListedDemonymsHasTheRegularGermanOne) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "City", "name": "Tarkow"}]})";
    auto x = extractWith(rules, "Der Tarkower Hersteller Brisko beliefert Kunden in ganz Europa.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "LOCATED_IN", "Brisko", "Tarkow"));
    auto y = extractWith(rules, "Die Osloer Beteiligungsgesellschaft Brisko ist eingestiegen.", Lang::DE);
    ASSERT_TRUE(hasRelation(y, "LOCATED_IN", "Brisko", "Oslo"));
    auto z = extractWith(rules, "Der Rostocker Hersteller Brisko wächst.", Lang::DE);
    ASSERT_TRUE(hasRelation(z, "LOCATED_IN", "Brisko", "Rostock"));
}

TEST(ExtractFeatures, APersonAfterAnOccupation) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto person = [](const Extraction& x, const std::string& name) {
        return std::any_of(x.entities.begin(), x.entities.end(),
                           [&](const auto& e) { return e.entity.label == "Person" && e.entity.name == name; });
    };
    auto x = extractWith(rules, "Brisko was founded in 2019 by former Tarkon engineer Lio Hanwe, who still runs it.", Lang::EN);
    ASSERT_TRUE(person(x, "Lio Hanwe"));
    auto y = extractWith(rules, "Die Ingenieurin Petra Lindqvist baute bei Brisko das erste Labor auf.", Lang::DE);
    ASSERT_TRUE(person(y, "Petra Lindqvist"));
}

TEST(ExtractFeatures, ChinasGalliumControlsWithAuf) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Brisko sei von den chinesischen Exportkontrollen auf Gallium und Germanium nicht betroffen.", Lang::DE);
    ASSERT_TRUE(hasRelation(x, "IMPOSES", "China", "Chinese export controls on gallium and germanium"));
}

TEST(ExtractFeatures, ABodySpeaksOfItsOwnPolicy) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Product", "name": "Tarko 5"}]})";
    auto x = extractWith(rules, "The Bureau of Industry and Security also said its export controls now explicitly cover Brisko's Tarko 5 accelerator.",
                         Lang::EN);
    ASSERT_TRUE(hasRelation(x, "IMPOSES", "Bureau of Industry and Security", "US export controls"));
    // A company's "its" names no issuer.
    auto y = extractWith(rules, "Brisko Inc. said its export controls team checks every order of the Tarko 5.", Lang::EN);
    for (const auto& r : y.relations) EXPECT_NE(r.relation.type, "IMPOSES") << r.relation.subject;
}

TEST(ExtractFeatures, ABodysOwnListItSaysItWouldPutOthersOn) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "China's Ministry of Commerce called the move unjustified and said it would put several US suppliers on its "
                                "Unreliable Entity List in response.",
                         Lang::EN);
    ASSERT_TRUE(hasRelation(x, "IMPOSES", "Chinese Ministry of Commerce", "Unreliable Entity List"));
    EXPECT_FALSE(hasRelation(x, "IMPOSES", "China", "Unreliable Entity List"));
}

TEST(ExtractFeatures, TheBodyThatEnforcesAPolicysRules) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Brisko falls under the EU AI Act's rules for chatbots, which the European AI Office enforces.", Lang::EN);
    ASSERT_TRUE(hasRelation(x, "IMPOSES", "European AI Office", "EU AI Act"));
}

TEST(ExtractFeatures, AnAssistantsNameIsAProduct) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto product = [](const Extraction& x, const std::string& name) {
        return std::any_of(x.entities.begin(), x.entities.end(),
                           [&](const auto& e) { return e.entity.label == "Product" && e.entity.name == name; });
    };
    auto x = extractWith(rules, "Briskos Fahrassistent „Lumen“ gilt nach der KI-Verordnung als Hochrisiko-System.", Lang::DE);
    ASSERT_TRUE(product(x, "Lumen"));
    auto y = extractWith(rules, "Brisko Inc. launched its coding assistant Lumen in May.", Lang::EN);
    ASSERT_TRUE(product(y, "Lumen"));
}

TEST(ExtractFeatures, ASpecialistStandsForTheCompanyNamedBefore) {
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Der Fonds hat einen Anteil an der Brisko AG übernommen. Die US-Regierung hatte den Laserspezialisten im vergangenen Jahr "
                                "auf die Entity List gesetzt.",
                         Lang::DE);
    ASSERT_TRUE(hasRelation(x, "TARGETS", "Entity List", "Brisko"));
}

TEST(ExtractFeatures, TheShippedRulesReadTradeWordsOfMachineAndMaterialMakers) {
    // "Quorvel Precision", "Tashiro Vacuum", "Ennsberg Systems", "Kaminaga Resin": a name and a trade word
    // without a legal form are a company, named without the trade word.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Brisko buys pumps from Tashiro Vacuum and wafer stages from Quorvel Precision. "
                                "Ennsberg Systems and Kaminaga Resin also sell parts to Brisko.",
                         Lang::EN);
    for (const char* name : {"Tashiro", "Quorvel", "Ennsberg", "Kaminaga"}) {
        const bool found = std::any_of(x.entities.begin(), x.entities.end(), [&](const auto& e) {
            return e.entity.label == "Company" && e.entity.name == name;
        });
        EXPECT_TRUE(found) << name;
    }
}

TEST(ExtractFeatures, AListedWordThatIsADescriptorYieldsToACompanyName) {
    // "Ostwind Halbleiter GmbH", "Palvera AI": the topics' words end a company's name after a name word.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto de = extractWith(rules, "Brisko hat mit der Ostwind Halbleiter GmbH einen zweiten Lieferanten gewonnen.", Lang::DE);
    auto en = extractWith(rules, "Brisko owns 7% of Palvera AI, a Lisbon-based developer of language models.", Lang::EN);
    auto company = [](const Extraction& x, const char* name) {
        return std::any_of(x.entities.begin(), x.entities.end(),
                           [&](const auto& e) { return e.entity.label == "Company" && e.entity.name == name; });
    };
    EXPECT_TRUE(company(de, "Ostwind"));
    ASSERT_TRUE(company(en, "Palvera"));
    EXPECT_TRUE(hasRelation(en, "LOCATED_IN", "Palvera", "Lisbon"));
}

// Three made-up companies over the shipped rules.
constexpr const char* kBriskoQuorvelTashiro = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"},
        {"label": "Company", "name": "Quorvel"}, {"label": "Company", "name": "Tashiro"}]})";

TEST(ExtractFeatures, TheShippedRulesReadReportedSpeechInTheSubjunctive) {
    // Indirect speech: „Brisko beziehe seine Chips von Quorvel“, „Tashiro liefere seit Januar Sensoren an Brisko“.
    const char* rules = kBriskoQuorvelTashiro;
    auto x = extractWith(rules, "Im Interview sagte er, Brisko beziehe seine Rechenchips weiterhin von Quorvel. "
                                "Tashiro liefere seit Januar Sensoren an Brisko.",
                         Lang::DE);
    EXPECT_TRUE(hasRelation(x, "SUPPLIES", "Quorvel", "Brisko"));
    EXPECT_TRUE(hasRelation(x, "SUPPLIES", "Tashiro", "Brisko"));
}

TEST(ExtractFeatures, TheShippedRulesReadNoStakeInYearsSpentAtACompanyNorAnOpenQuestionAsACustomer) {
    // "spent six years at Brisko" is a career, not an investment; „Ob auch Quorvel zu den Kunden zählen
    // wird, ist offen“ leaves the customer open.
    const char* rules = kBriskoQuorvelTashiro;
    auto en = extractWith(rules, "Tashiro, a Lisbon-based developer, said its founder spent six years at Brisko before starting it. "
                                 "Tashiro spent $40 million on a stake in Quorvel.",
                          Lang::EN);
    ASSERT_TRUE(hasRelation(en, "INVESTS_IN", "Tashiro", "Quorvel"));
    EXPECT_FALSE(hasRelation(en, "INVESTS_IN", "Tashiro", "Brisko"));
    auto de = extractWith(rules, "Tashiro baut in Dresden ein Werk für Wafer. Tashiro liefert ab 2028 an Brisko. "
                                 "Ob auch Quorvel zu den Kunden zählen wird, ist offen.",
                          Lang::DE);
    ASSERT_TRUE(hasRelation(de, "SUPPLIES", "Tashiro", "Brisko"));
    EXPECT_FALSE(hasRelation(de, "SUPPLIES", "Tashiro", "Quorvel"));
}

TEST(ExtractFeatures, ANegationRightBeforeTheTriggerCancelsTheRelation) {
    // „Nicht mehr beliefert wird dagegen Quorvel“: the customer named after an inverted, negated verb.
    const char* rules = kBriskoQuorvelTashiro;
    auto x = extractWith(rules, "Tashiro baut in Kyoto ein Werk für Fotolacke. Tashiro beliefert Brisko mit Fotolacken. "
                                "Nicht mehr beliefert wird dagegen die Shanghaier Quorvel: Tashiro hatte die Lieferungen eingestellt.",
                         Lang::DE);
    ASSERT_TRUE(hasRelation(x, "SUPPLIES", "Tashiro", "Brisko"));
    EXPECT_FALSE(hasRelation(x, "SUPPLIES", "Quorvel", "Tashiro"));
    EXPECT_FALSE(hasRelation(x, "SUPPLIES", "Tashiro", "Quorvel"));
}

TEST(ExtractFeatures, TheShippedRulesReadWhatACustomerOwnsAsComingFromItsSuppliers) {
    // "Brisko's lasers come from Quorvel's photonics line in Kyoto, and from Tashiro": both supply Brisko.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"},
        {"label": "Company", "name": "Quorvel"}, {"label": "Company", "name": "Tashiro"}, {"label": "Company", "name": "Velmont"}]})";
    auto en = extractWith(rules, "Velmont will buy a stake in Brisko. Brisko's lasers come from Quorvel's photonics line in Kyoto, Japan, "
                                 "and from Tashiro, which provides wafers.",
                          Lang::EN);
    ASSERT_TRUE(hasRelation(en, "SUPPLIES", "Quorvel", "Brisko"));
    EXPECT_TRUE(hasRelation(en, "SUPPLIES", "Tashiro", "Brisko"));
    EXPECT_FALSE(hasRelation(en, "SUPPLIES", "Quorvel", "Velmont"));
    auto de = extractWith(rules, "Velmont steigt bei Brisko ein. Briskos Laser stammen von Quorvel.", Lang::DE);
    EXPECT_TRUE(hasRelation(de, "SUPPLIES", "Quorvel", "Brisko"));
}

TEST(ExtractFeatures, SingaporeAndAustralianLegalFormsEndNoSentenceAndAFoundedCompanyIsASubsidiary) {
    // "Pte. Ltd.", "Pty. Ltd.": the period after "Pte" is the abbreviation's, so the legal form names the company;
    // the company that founded it is its parent.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Tashiro"}]})";
    auto de = extractWith(rules, "Der Stuttgarter Autozulieferer Brisko hat die Brisko Asia Pte. Ltd. mit Sitz in Singapur gegründet. "
                                 "Die neue Tochter soll Steuergeräte verkaufen.",
                          Lang::DE);
    auto en = extractWith(rules, "Quorvel Pty. Ltd. of Perth makes sensors.", Lang::EN);
    auto company = [](const Extraction& x, const char* name) {
        return std::any_of(x.entities.begin(), x.entities.end(),
                           [&](const auto& e) { return e.entity.label == "Company" && e.entity.name == name; });
    };
    ASSERT_TRUE(company(de, "Brisko Asia"));
    EXPECT_TRUE(hasRelation(de, "SUBSIDIARY_OF", "Brisko Asia", "Brisko"));
    EXPECT_TRUE(company(en, "Quorvel"));
    auto founded = extractWith(rules, "Tashiro has set up Tashiro Nordic Pte. Ltd. in Singapore to sell sensors.", Lang::EN);
    EXPECT_TRUE(hasRelation(founded, "SUBSIDIARY_OF", "Tashiro Nordic", "Tashiro"));
    auto jointly = extractWith(rules, "Brisko und Tashiro haben gemeinsam die Brisko Tashiro GmbH gegründet.", Lang::DE);
    EXPECT_FALSE(hasRelation(jointly, "SUBSIDIARY_OF", "Brisko Tashiro", "Tashiro"));
}

TEST(ExtractFeatures, ASubsidiarysNameDropsTheGenericWordsAfterItsParents) {
    // „die Tochter Brisko Materials Europe GmbH“ with Brisko known is Brisko Europe (docs/gold.md: no generic words).
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}]})";
    auto x = extractWith(rules, "Brisko steckte 62 Mrd. Yen in Materialien. "
                                "Ein Großteil floss in die Tochter Brisko Materials Europe GmbH, die in Dresden ein Werk baut.",
                         Lang::DE);
    auto company = [&](const char* name) {
        return std::any_of(x.entities.begin(), x.entities.end(),
                           [&](const auto& e) { return e.entity.label == "Company" && e.entity.name == name; });
    };
    ASSERT_TRUE(company("Brisko Europe"));
    EXPECT_FALSE(company("Brisko Materials Europe"));
    EXPECT_TRUE(hasRelation(x, "SUBSIDIARY_OF", "Brisko Europe", "Brisko"));
}

TEST(ExtractFeatures, TheShippedRulesReadAnOrderPlacedForASuppliersGoods) {
    // "Brisko placed a Rmb4.5bn order for Quorvel's QV-960 accelerators": Quorvel supplies Brisko.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Quorvel"}]})";
    auto en = extractWith(rules, "Shenzhen-based Brisko placed a Rmb4.5bn order for Quorvel's QV-960 accelerators.", Lang::EN);
    EXPECT_TRUE(hasRelation(en, "SUPPLIES", "Quorvel", "Brisko"));
    auto de = extractWith(rules, "Brisko erteilte einen Auftrag über Quorvels Beschleuniger im Wert von 500 Millionen Euro.", Lang::DE);
    EXPECT_TRUE(hasRelation(de, "SUPPLIES", "Quorvel", "Brisko"));
}

TEST(ExtractFeatures, AListItemIsAboutTheCompanyItNamesFirst) {
    // A roundup's items: "Chief executive Ana Ruiz said …" in Quorvel's item works for Quorvel, not for the
    // company the roundup named first.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Quorvel"}]})";
    auto x = extractWith(rules, "The day's chip news in brief:\n\n"
                                "* Brisko won tax credits for a plant in Pyeongtaek.\n\n"
                                "* Tokyo-based Quorvel launched a small language model for robots. Chief executive Ana Ruiz said the model runs on its own chips.\n",
                         Lang::EN);
    ASSERT_TRUE(hasRelation(x, "WORKS_FOR", "Ana Ruiz", "Quorvel"));
    EXPECT_FALSE(hasRelation(x, "WORKS_FOR", "Ana Ruiz", "Brisko"));
}

TEST(ExtractFeatures, CommasAloneMakeNoListOfSubjects) {
    // "Brisko books Quorvel, Tashiro teams up with Velmont": two clauses, so Quorvel partners nobody;
    // "Quorvel, Tashiro and Brisko teamed up with Velmont" lists three partners.
    const char* rules = R"({"extends": "default", "entities": [{"label": "Company", "name": "Brisko"}, {"label": "Company", "name": "Quorvel"},
        {"label": "Company", "name": "Tashiro"}, {"label": "Company", "name": "Velmont"}]})";
    auto x = extractWith(rules, "Roundup: Brisko books Quorvel, Tashiro teams up with Velmont.", Lang::EN);
    ASSERT_TRUE(hasRelation(x, "PARTNERS_WITH", "Tashiro", "Velmont"));
    EXPECT_FALSE(hasRelation(x, "PARTNERS_WITH", "Quorvel", "Velmont"));
    auto y = extractWith(rules, "Quorvel, Tashiro and Brisko teamed up with Velmont.", Lang::EN);
    EXPECT_TRUE(hasRelation(y, "PARTNERS_WITH", "Quorvel", "Velmont"));
    EXPECT_TRUE(hasRelation(y, "PARTNERS_WITH", "Brisko", "Velmont"));
}

TEST(ExtractFeatures, TheTitleLearnsTheBodysNames) {
    // The title is read after the body: "Kirova" is the company the body names „Kirova GmbH“; what the
    // title leaves unnamed stands for nothing of the body (no `recent` fallback).
    const std::string rules = std::string("{") + kCompanies + R"(
      "recognizers": [{"id": "legal", "label": "Company", "suffixes": ["GmbH"]}],
      "patterns": [{"id": "sup", "type": "SUPPLIES", "triggers": ["beliefert"], "order": "subject-first", "fallbackObject": "recent"}]})";
    auto r = parseRules(rules, "t.json");
    ASSERT_TRUE(r) << r.status().message();
    Rules keep = std::move(*r);
    auto run = [&](std::string_view file) {
        auto doc = parseDocument("t", std::string(file));
        EXPECT_TRUE(doc) << doc.status().message();
        return Extractor(keep).extract({doc->key, doc->text, doc->lang, ""});
    };
    Extraction x = run("# title: Kirova beliefert Aubrac | lang: de\n\nKirova GmbH baut in Kyoto.\n");
    EXPECT_TRUE(hasRelation(x, "SUPPLIES", "Kirova", "Aubrac"));
    Extraction y = run("# title: Kirova beliefert Kunden | lang: de\n\nKirova GmbH baut für Voland.\n");
    EXPECT_FALSE(hasRelation(y, "SUPPLIES", "Kirova", "Voland"));
}

TEST(ExtractFeatures, ASequenceWithoutASubjectTakesTheFallbackOfTheSentenceBefore) {
    // "fallbackSubject" in a sequence: the end the sentence does not name; "before": only one the sentence right before named.
    const std::string rules = R"({"labels": ["Policy", "Country"],
      "relations": {"TARGETS": {"from": ["Policy"], "to": ["Country"]}},
      "entities": [{"label": "Policy", "name": "Entity List"}, {"label": "Country", "name": "China"}, {"label": "Country", "name": "Vietnam"}],
      "patterns": [{"id": "t", "type": "TARGETS", "sequence": ["licences", "for", "{object}"], "fallbackSubject": "before"}]})";
    auto x = extractWith(rules.c_str(), "The Entity List grew. Exporters need licences for China.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "TARGETS", "Entity List", "China"));
    auto y = extractWith(rules.c_str(), "The Entity List grew. Exporters met. Exporters need licences for Vietnam.", Lang::EN);
    EXPECT_FALSE(hasRelation(y, "TARGETS", "Entity List", "Vietnam"));
}

TEST(ExtractFeatures, AllObjectsStopAtAContrastingConjunction) {
    const std::string rules = R"({"labels": ["Policy", "Country"],
      "relations": {"TARGETS": {"from": ["Policy"], "to": ["Country"]}},
      "entities": [{"label": "Policy", "name": "Entity List"}, {"label": "Country", "name": "China"}, {"label": "Country", "name": "Vietnam"}],
      "patterns": [{"id": "t", "type": "TARGETS", "triggers": ["applies to"], "order": "subject-first", "allObjects": true, "negations": ["exempts"]}]})";
    auto x = extractWith(rules.c_str(), "The Entity List applies to chips from China but exempts Vietnam.", Lang::EN);
    EXPECT_TRUE(hasRelation(x, "TARGETS", "Entity List", "China"));
    EXPECT_FALSE(hasRelation(x, "TARGETS", "Entity List", "Vietnam"));
    // "not only … but also" goes on with the list.
    auto y = extractWith(rules.c_str(), "The Entity List applies to chips from China but also to Vietnam.", Lang::EN);
    EXPECT_TRUE(hasRelation(y, "TARGETS", "Entity List", "Vietnam"));
}

TEST(ExtractFeatures, TheShippedRulesReadPolicyTargetsOfBatchSeven) {
    const auto& rels = shippedRelations;
    // A tariff's objects end at "but"; the origin of what it is on is its target.
    EXPECT_EQ(rels("The US chip tariffs apply to memory chips shipped from Vietnam but exempt high-bandwidth memory.", Lang::EN, "TARGETS"),
              "US chip tariffs>Vietnam;");
    EXPECT_EQ(rels("Die Brisko AG sieht sich von den neuen US-Zöllen auf Spezialchemikalien aus Frankreich kaum betroffen.", Lang::DE, "TARGETS"),
              "US tariffs>France;");
    // „Betroffen ist vor allem X“ after the policy.
    EXPECT_EQ(rels("Das Bafa hat die deutschen Exportkontrollen ausgeweitet. Betroffen ist vor allem die Brisko GmbH aus Jena.", Lang::DE, "TARGETS"),
              "German export controls>Brisko;");
    // A licence duty for deliveries to countries, the policy named before.
    EXPECT_EQ(rels("Das Bafa hat die deutschen Exportkontrollen ausgeweitet. Hersteller brauchen eine Einzelgenehmigung, wenn sie solche Laser "
                   "nach China, Russland oder Belarus liefern wollen.", Lang::DE, "TARGETS"),
              "German export controls>China;German export controls>Russia;German export controls>Belarus;");
    EXPECT_EQ(rels("The Dutch export controls were tightened in May. Shipments to Vietnam need licences.", Lang::EN, "TARGETS"), "Dutch export controls>Vietnam;");
    // Aid fronted before the approving body, with and without its policy.
    EXPECT_EQ(rels("Einen Zuschuss von 9 Mio. Euro aus dem European Chips Act hat das Bundeswirtschaftsministerium der Brisko GmbH im Januar bewilligt.",
                   Lang::DE, "TARGETS"), "European Chips Act>Brisko;");
    EXPECT_NE(rels("Einen Zuschuss von 9 Mio. Euro aus dem European Chips Act hat das Bundeswirtschaftsministerium der Brisko GmbH im Januar bewilligt.",
                   Lang::DE, "IMPOSES").find("German Federal Ministry for Economic Affairs and Energy>European Chips Act;"), std::string::npos);
    EXPECT_NE(rels("Das Werk der Brisko GmbH wird mit Mitteln aus dem European Chips Act gefördert. Die Beihilfe hatte die Bundesregierung im "
                   "vergangenen Jahr bewilligt.", Lang::DE, "IMPOSES").find("Germany>European Chips Act;"), std::string::npos);
    // The companies a listing of the sentence before counted, named in the next one; not after a sentence without the policy.
    EXPECT_EQ(rels("The Commerce Department added three Chinese companies to its Entity List. Among them are Brisko Inc., a Wuhan-based maker "
                   "of accelerators, and Veltra Inc.", Lang::EN, "TARGETS"), "Entity List>Brisko;Entity List>Veltra;");
    EXPECT_EQ(rels("The Commerce Department added two companies to its Entity List. Pardo Inc. has many customers. Among them are Brisko Inc. "
                   "and Veltra Inc.", Lang::EN, "TARGETS"), "");
    // The company that claims what a policy grants, in a relative clause.
    EXPECT_EQ(rels("Brisko Inc. posted a profit. Part of that is offset by tax credits under the K-Chips Act, which the company has claimed since 2025.",
                   Lang::EN, "TARGETS"), "K-Chips Act>Brisko;");
    // "the 25% duty" is the tariff named before.
    EXPECT_EQ(rels("The US chip tariffs exempt memory. In May, chips from Vietnam remained subject to the 25% duty.", Lang::EN, "TARGETS"),
              "US chip tariffs>Vietnam;");
    // Rules for dual-use goods named by their issuer.
    EXPECT_EQ(rels("The Brisko Inc. scanner falls under Irish rules for dual-use goods.", Lang::EN, "IMPOSES"), "Ireland>Irish rules for dual-use goods;");
    // A ministry is the issuer its possessive names, with its country's adjective.
    EXPECT_EQ(rels("The Japanese Ministry of Economy, Trade and Industry is covering a third of the Brisko Inc. line under its chip subsidy scheme.",
                   Lang::EN, "IMPOSES"), "Japanese Ministry of Economy, Trade and Industry>Japanese chip subsidy scheme;");
    // A body's own list it would add others to, after a long aside.
    EXPECT_NE(rels("China's Ministry of Commerce said it \"firmly opposed\" the move, according to the official Pardo news agency, and would "
                   "consider adding US firms to its Unreliable Entity List.", Lang::EN, "IMPOSES").find("Chinese Ministry of Commerce>Unreliable Entity List;"),
              std::string::npos);
    // „darf … nicht nach China ausliefern“: the infinitive after a modal.
    EXPECT_EQ(rels("Da der Lumen 7 unter die US-Exportkontrollen fällt, darf die Brisko GmbH ihn nicht nach China ausliefern.", Lang::DE, "TARGETS")
                  .find("US export controls>China;") != std::string::npos, true);
    // More companies a listing adds, in a sentence of its own: the article's list, not a policy named in passing before;
    // "X of Suzhou and Y" is a list.
    EXPECT_EQ(rels("The US Department of Commerce added Brisko Inc. to the Entity List. Brisko had evaded US export controls for years. "
                   "Also listed were Veltra Precision of Suzhou and Harbin-based Pardo Vacuum.", Lang::EN, "TARGETS"),
              "Entity List>Brisko;Entity List>Veltra;Entity List>Pardo;");
    // A sequence whose own words open the relative clause reads the body in it, though the clause follows a topic's name;
    // what the rules are for is the policy's target.
    const std::string aiAct = "The Brisko Inc. model falls under the EU AI Act's rules for general-purpose AI models, which the European AI Office enforces.";
    EXPECT_NE(rels(aiAct, Lang::EN, "IMPOSES").find("European AI Office>EU AI Act;"), std::string::npos);
    EXPECT_NE(rels(aiAct, Lang::EN, "TARGETS").find("EU AI Act>general-purpose AI models;"), std::string::npos);
    // "the listings" are the list named before.
    EXPECT_EQ(rels("The US Department of Commerce added Brisko Inc. to its Entity List. The notice says the listings are aimed at "
                   "\"the development of advanced AI chips\".", Lang::EN, "TARGETS"), "Entity List>Brisko;Entity List>AI chips;");
    // „Deutschlands“ is the country's genitive, not its demonym „deutsch*“: the state whose aid it is imposes the act.
    EXPECT_NE(rels("Die EU-Kommission hat eine Beihilfe Deutschlands für die Brisko GmbH genehmigt. Das Geld stammt aus dem European Chips Act.",
                   Lang::DE, "IMPOSES").find("Germany>European Chips Act;"), std::string::npos);
    // The recipient far before the verb, and as an English granting verb's object.
    EXPECT_EQ(rels("Brisko Inc., the Phoenix-based contract chipmaker founded three years ago by former foundry executives, will receive "
                   "$1.1 billion under the CHIPS and Science Act.", Lang::EN, "TARGETS"), "CHIPS and Science Act>Brisko;");
    EXPECT_EQ(rels("The French government will grant Brisko SA a further €55 million for a recycling line under its France 2030 programme.",
                   Lang::EN, "TARGETS"), "France 2030>Brisko;");
    // A body that had announced "the rule" named before issues it.
    EXPECT_NE(rels("Das Bafa hat die deutschen Exportkontrollen auf Laser ausgeweitet. Das Bundeswirtschaftsministerium hatte die Regel im Februar "
                   "angekündigt.", Lang::DE, "IMPOSES").find("German Federal Ministry for Economic Affairs and Energy>German export controls;"),
              std::string::npos);
    // An award the sentence before stated, under the policy named now; a second grant under it.
    const std::string award = "Japan's Ministry of Economy, Trade and Industry will grant up to 92 billion yen to Brisko K.K. for a line. It is the "
                              "largest award so far under Japan's chip subsidy scheme. A second grant of 14 billion yen goes to Veltra Substrates.";
    EXPECT_NE(rels(award, Lang::EN, "IMPOSES").find("Japanese Ministry of Economy, Trade and Industry>Japanese chip subsidy scheme;"), std::string::npos);
    EXPECT_NE(rels(award, Lang::EN, "TARGETS").find("Japanese chip subsidy scheme>Veltra;"), std::string::npos);
    EXPECT_EQ(rels("The US export controls were tightened. Brisko Inc. grew. A second grant goes to Veltra Inc.", Lang::EN, "TARGETS"), "");
    // The approving body after a semicolon, the aid's policy before it.
    EXPECT_NE(rels("Die Brisko GmbH baut aus. Weitere 12 Mio. Euro fließen aus dem European Chips Act der EU in eine neue Halle; die EU-Kommission "
                   "hat die Beihilfe im Dezember genehmigt.", Lang::DE, "IMPOSES").find("European Commission>European Chips Act;"), std::string::npos);
    // Associations and news agencies by the word for them.
    EXPECT_EQ(
        shippedEntities("Der Branchenverband Norrland Saxony begrüßte die Klarstellung.", Lang::DE, "Organization"),
        "Norrland Saxony;");
    EXPECT_EQ(shippedEntities("The ministry opposed the move, according to the official Pardo news agency.", Lang::EN,
                              "Organization"),
              "Pardo;");
    // A listed city before a kept suffix is the name's first word.
    EXPECT_EQ(shippedEntities("Brisko Inc. developed the resist with researchers at Kyoto University.", Lang::EN,
                              "Organization"),
              "Kyoto University;");
}

// The founding article with the shipped rules: the facts the issue asks for.
TEST(SeedArticle, DefaultRulesFindTheFacts) {
    const std::filesystem::path seed =
        std::filesystem::path(KG_SHARED_DIR) / "corpus" / "seed-de-2024-08-28-bat-ai-investments.txt";
    if (!std::filesystem::exists(seed)) GTEST_SKIP() << "needs " << seed << " (../shared is absent in a fresh clone)";
    auto doc = readDocument(seed);
    ASSERT_TRUE(doc) << doc.status().message();
    Extractor extractor(defaultRules());
    Extraction x = extractor.extract({doc->key, doc->text, doc->lang, doc->published});
    auto props = [&](const std::string& type, const std::string& s, const std::string& o) -> const Value::Map* {
        for (const auto& r : x.relations)
            if (r.relation.type == type && r.relation.subject == s && r.relation.object == o) return &r.relation.properties;
        return nullptr;
    };
    struct Invest {
        const char* company;
        double amount;
    };
    for (const Invest& i : {Invest{"Baidu", 4.2e9}, Invest{"Alibaba", 2.3e10}, Invest{"Tencent", 2.3e10}}) {
        const Value::Map* p = props("INVESTS_IN", i.company, "AI");
        ASSERT_TRUE(p) << i.company;
        EXPECT_EQ(p->at("amount"), Value(i.amount)) << i.company;
        EXPECT_EQ(p->at("currency"), Value("CNY"));
        EXPECT_EQ(p->at("period"), Value("2024-H1"));
    }
    EXPECT_TRUE(props("DEVELOPS", "Alibaba Cloud", "Bailian"));
    EXPECT_TRUE(props("SUBSIDIARY_OF", "Alibaba Cloud", "Alibaba"));
    EXPECT_TRUE(props("IMPOSES", "United States", "US export controls"));
    EXPECT_TRUE(props("TARGETS", "US export controls", "China"));
    EXPECT_TRUE(props("LOCATED_IN", "Yang", "Shenzhen"));
    const Value::Map* hithink = props("INVESTS_IN", "Hithink RoyalFlush", "large language models");
    ASSERT_TRUE(hithink);
    EXPECT_EQ(hithink->at("share"), Value(0.4261));
    EXPECT_EQ(hithink->at("period"), Value("2024-H1"));
    auto entity = [&](const std::string& label, const std::string& name) -> const EntityAnnotation* {
        for (const auto& e : x.entities)
            if (e.entity.label == label && e.entity.name == name) return &e.entity;
        return nullptr;
    };
    ASSERT_TRUE(entity("Company", "Hithink RoyalFlush"));
    EXPECT_EQ(entity("Company", "Hithink RoyalFlush")->aliases,
              (std::vector<std::string>{"Hithink RoyalFlush Information Network Co."}));
    EXPECT_TRUE(entity("Organization", "Global Times"));
    EXPECT_TRUE(entity("Person", "Yang"));
    // Nothing the article does not say: China invests in nothing, the BAT total is nobody's amount.
    for (const auto& r : x.relations) {
        EXPECT_NE(r.relation.subject, "China") << r.relation.type;
        auto a = r.relation.properties.find("amount");
        if (a != r.relation.properties.end()) {
            EXPECT_NE(a->second, Value(5.0e10));
        }
    }
}

}  // namespace
}  // namespace kgraph::ingest
