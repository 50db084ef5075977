#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/eval/annotations_json.hpp"
#include "ingest/eval/evaluate.hpp"
#include "ingest/eval/report.hpp"

namespace kgraph::ingest::eval {
namespace {

// ---------------------------------------------------------------- building documents

DocumentAnnotations doc(std::string key, std::vector<EntityAnnotation> entities,
                        std::vector<RelationAnnotation> relations = {}) {
    return DocumentAnnotations{std::move(key), "de", std::move(entities), std::move(relations)};
}

EntityAnnotation entity(std::string label, std::string name) { return {std::move(label), std::move(name), {}}; }

RelationAnnotation relation(std::string type, std::string subject, std::string object, Value::Map properties = {}) {
    return {std::move(type), std::move(subject), std::move(object), std::move(properties)};
}

// The founding article in small: Baidu and Alibaba invest in AI, the US imposes export controls.
DocumentAnnotations bat() {
    return doc("bat",
               {entity("Company", "Baidu"), entity("Company", "Alibaba"), entity("Topic", "AI"),
                entity("Country", "United States"), entity("Policy", "US export controls")},
               {relation("INVESTS_IN", "Baidu", "AI", {{"amount", 4.2e9}, {"currency", "CNY"}, {"period", "2024-H1"}}),
                relation("INVESTS_IN", "Alibaba", "AI"), relation("IMPOSES", "United States", "US export controls")});
}

Evaluation eval(const std::vector<DocumentAnnotations>& gold, const std::vector<DocumentAnnotations>& predicted,
                EvalOptions options = {}) {
    auto e = evaluate(gold, predicted, options);
    EXPECT_TRUE(e.isOk()) << e.status().toString();
    return e.isOk() ? *e : Evaluation{};
}

Counts counts(uint64_t gold, uint64_t predicted, uint64_t correct) { return {gold, predicted, correct}; }

// ---------------------------------------------------------------- Counts

TEST(EvalCountsTest, PrecisionRecallF1) {
    Counts c = counts(4, 5, 3);
    EXPECT_DOUBLE_EQ(*c.precision(), 0.6);
    EXPECT_DOUBLE_EQ(*c.recall(), 0.75);
    EXPECT_DOUBLE_EQ(*c.f1(), 2 * 0.6 * 0.75 / 1.35);
}

TEST(EvalCountsTest, ZeroDenominators) {
    EXPECT_EQ(counts(0, 0, 0).precision(), std::nullopt);  // nothing to score
    EXPECT_EQ(counts(0, 0, 0).recall(), std::nullopt);
    EXPECT_EQ(counts(0, 0, 0).f1(), std::nullopt);
    EXPECT_EQ(counts(3, 0, 0).precision(), 0.0);  // nothing predicted
    EXPECT_EQ(counts(3, 0, 0).f1(), 0.0);
    EXPECT_EQ(counts(0, 2, 0).recall(), 0.0);  // nothing to find, something claimed
    EXPECT_EQ(counts(0, 2, 0).f1(), 0.0);
}

// ---------------------------------------------------------------- evaluate

TEST(EvaluateTest, PerfectPrediction) {
    Evaluation e = eval({bat()}, {bat()});
    EXPECT_EQ(e.entities.total, counts(5, 5, 5));
    EXPECT_EQ(e.relations.total, counts(3, 3, 3));
    EXPECT_EQ(e.properties.total, counts(3, 3, 3));
    for (const Scores* s : {&e.entities, &e.relations, &e.properties}) {
        EXPECT_EQ(s->total.precision(), 1.0);
        EXPECT_EQ(s->total.recall(), 1.0);
        EXPECT_EQ(s->total.f1(), 1.0);
    }
    EXPECT_EQ(e.entities.byKey.at("Company"), counts(2, 2, 2));
    EXPECT_EQ(e.relations.byKey.at("INVESTS_IN"), counts(2, 2, 2));
    EXPECT_EQ(e.properties.byKey.at("amount"), counts(1, 1, 1));
    ASSERT_EQ(e.documents.size(), 1u);
    EXPECT_EQ(e.documents[0].doc, "bat");
    EXPECT_TRUE(e.documents[0].predicted);
    EXPECT_EQ(e.documents[0].entities, counts(5, 5, 5));
    EXPECT_TRUE(e.missing.empty());
    EXPECT_TRUE(e.unscored.empty());
}

TEST(EvaluateTest, EmptyPrediction) {
    Evaluation e = eval({bat()}, {doc("bat", {})});
    EXPECT_EQ(e.entities.total, counts(5, 0, 0));
    EXPECT_EQ(e.relations.total, counts(3, 0, 0));
    EXPECT_EQ(e.entities.total.precision(), 0.0);
    EXPECT_EQ(e.entities.total.recall(), 0.0);
    EXPECT_EQ(e.relations.total.f1(), 0.0);
    // Properties count on correct relations only: none here, so nothing to score.
    EXPECT_EQ(e.properties.total, counts(0, 0, 0));
    EXPECT_EQ(e.properties.total.f1(), std::nullopt);
    EXPECT_TRUE(e.properties.byKey.empty());
}

TEST(EvaluateTest, WrongLabelIsAFalsePositiveAndAFalseNegative) {
    Evaluation e = eval({doc("d", {entity("Company", "Baidu"), entity("Topic", "AI")})},
                        {doc("d", {entity("Organization", "Baidu"), entity("Topic", "AI")})});
    EXPECT_EQ(e.entities.total, counts(2, 2, 1));
    EXPECT_EQ(e.entities.byKey.at("Company"), counts(1, 0, 0));
    EXPECT_EQ(e.entities.byKey.at("Organization"), counts(0, 1, 0));
    EXPECT_EQ(e.entities.byKey.at("Topic"), counts(1, 1, 1));
    EXPECT_DOUBLE_EQ(*e.entities.total.precision(), 0.5);
    EXPECT_DOUBLE_EQ(*e.entities.total.recall(), 0.5);
    EXPECT_DOUBLE_EQ(*e.entities.total.f1(), 0.5);
}

TEST(EvaluateTest, ExtraRelation) {
    DocumentAnnotations predicted = bat();
    predicted.relations.push_back(relation("INVESTS_IN", "United States", "AI"));
    Evaluation e = eval({bat()}, {predicted});
    EXPECT_EQ(e.relations.total, counts(3, 4, 3));
    EXPECT_EQ(e.relations.byKey.at("INVESTS_IN"), counts(2, 3, 2));
    EXPECT_EQ(e.relations.byKey.at("IMPOSES"), counts(1, 1, 1));
    EXPECT_DOUBLE_EQ(*e.relations.total.precision(), 0.75);
    EXPECT_DOUBLE_EQ(*e.relations.total.recall(), 1.0);
    EXPECT_DOUBLE_EQ(*e.relations.total.f1(), 2 * 0.75 / 1.75);
    EXPECT_EQ(e.entities.total, counts(5, 5, 5));  // relations do not touch entity scores
}

TEST(EvaluateTest, RelationDirectionAndTypeMatter) {
    Evaluation e = eval({doc("d", {entity("Company", "A"), entity("Company", "B")},
                             {relation("SUPPLIES", "A", "B")})},
                        {doc("d", {entity("Company", "A"), entity("Company", "B")},
                             {relation("SUPPLIES", "B", "A"), relation("PARTNERS_WITH", "A", "B")})});
    EXPECT_EQ(e.relations.total, counts(1, 2, 0));
    EXPECT_EQ(e.relations.byKey.at("PARTNERS_WITH"), counts(0, 1, 0));
}

TEST(EvaluateTest, SymmetricTypesIgnoreDirection) {
    std::vector<EntityAnnotation> entities = {entity("Company", "Hanbit"), entity("Company", "Formotek")};
    DocumentAnnotations gold = doc("d", entities, {relation("PARTNERS_WITH", "Hanbit", "Formotek"),
                                                   relation("SUPPLIES", "Hanbit", "Formotek")});
    DocumentAnnotations predicted = doc("d", entities, {relation("PARTNERS_WITH", "formotek", "Hanbit"),
                                                        relation("SUPPLIES", "Formotek", "Hanbit")});
    Evaluation e = eval({gold}, {predicted});
    EXPECT_EQ(e.relations.byKey.at("PARTNERS_WITH"), counts(1, 1, 1));
    EXPECT_EQ(e.relations.byKey.at("SUPPLIES"), counts(1, 1, 0));  // directed
    EvalOptions directed;
    directed.symmetricTypes.clear();
    EXPECT_EQ(eval({gold}, {predicted}, directed).relations.byKey.at("PARTNERS_WITH"), counts(1, 1, 0));
}

TEST(EvaluateTest, PropertyMismatch) {
    DocumentAnnotations predicted = bat();
    // amount wrong, currency right, period missing, share extra.
    predicted.relations[0].properties = {{"amount", 4.3e9}, {"currency", "CNY"}, {"share", 0.5}};
    Evaluation e = eval({bat()}, {predicted});
    EXPECT_EQ(e.relations.total, counts(3, 3, 3));  // the relation itself is right
    EXPECT_EQ(e.properties.total, counts(3, 3, 1));
    EXPECT_EQ(e.properties.byKey.at("amount"), counts(1, 1, 0));
    EXPECT_EQ(e.properties.byKey.at("currency"), counts(1, 1, 1));
    EXPECT_EQ(e.properties.byKey.at("period"), counts(1, 0, 0));
    EXPECT_EQ(e.properties.byKey.at("share"), counts(0, 1, 0));
    EXPECT_DOUBLE_EQ(*e.properties.total.f1(), 1.0 / 3);
}

TEST(EvaluateTest, PropertiesOfWrongRelationsAreNotCounted) {
    DocumentAnnotations predicted = bat();
    predicted.relations[0].object = "Alibaba";  // Baidu INVESTS_IN Alibaba: wrong, with three properties
    Evaluation e = eval({bat()}, {predicted});
    EXPECT_EQ(e.relations.total, counts(3, 3, 2));
    EXPECT_EQ(e.properties.total, counts(0, 0, 0));
}

TEST(EvaluateTest, FloatTolerance) {
    auto amount = [](Value v) {
        DocumentAnnotations d = bat();
        d.relations[0].properties = {{"amount", std::move(v)}};
        return d;
    };
    auto correct = [&](Value gold, Value predicted) {
        return eval({amount(std::move(gold))}, {amount(std::move(predicted))}).properties.total.correct;
    };
    EXPECT_EQ(correct(4.2e9, 4.2e9), 1u);
    EXPECT_EQ(correct(4.2e9, int64_t{4200000000}), 1u);  // integer and float alike
    EXPECT_EQ(correct(4.2e9, 4.2e9 + 4000), 1u);          // 1e-6 relative is 4,200
    EXPECT_EQ(correct(4.2e9, 4.2e9 + 5000), 0u);
    EXPECT_EQ(correct(0.4261, 0.42610000001), 1u);
    EXPECT_EQ(correct(0.4261, 0.4262), 0u);
    EXPECT_EQ(correct(0.0, 0.0), 1u);
    EXPECT_EQ(correct(0.0, 1e-300), 0u);  // relative: nothing is near zero but zero
    EXPECT_EQ(correct(-2.5, -2.5000001), 1u);
    EXPECT_EQ(correct(4.2e9, "4.2e9"), 0u);  // a string is not a number
    EXPECT_EQ(correct(2024, "2024"), 0u);
}

TEST(EvaluateTest, ValuesMatch) {
    EXPECT_TRUE(valuesMatch(Value("CNY"), Value("cny")));
    EXPECT_FALSE(valuesMatch(Value("CNY"), Value("USD")));
    EXPECT_TRUE(valuesMatch(Value(true), Value(true)));
    EXPECT_FALSE(valuesMatch(Value(true), Value(false)));
    EXPECT_FALSE(valuesMatch(Value(true), Value(1)));
    EXPECT_TRUE(valuesMatch(Value(Value::List{1, "a"}), Value(Value::List{1.0, "A"})));
    EXPECT_FALSE(valuesMatch(Value(Value::List{1, 2}), Value(Value::List{2, 1})));
    EXPECT_FALSE(valuesMatch(Value(Value::List{1}), Value(Value::List{1, 1})));
    EXPECT_TRUE(valuesMatch(Value(100), Value(101), 0.01));
    EXPECT_FALSE(valuesMatch(Value(100), Value(102), 0.01));
    EXPECT_TRUE(valuesMatch(Value(int64_t{9007199254740993}), Value(int64_t{9007199254740993}), 0));
}

TEST(EvaluateTest, NamesDifferingOnlyInCaseOrUnicodeForm) {
    DocumentAnnotations gold =
        doc("d", {entity("Company", "Alibaba Group"), entity("City", "Z\u00fcrich"), entity("Company", "Stra\u00dfe AG")},
            {relation("LOCATED_IN", "Alibaba Group", "Z\u00fcrich", {{"role", "Hauptsitz"}})});
    DocumentAnnotations predicted =
        doc("d",
            {entity("Company", "ALIBABA  group"), entity("City", "Zu\u0308rich"),  // NFD: u + combining diaeresis
             entity("Company", "STRASSE AG")},
            {relation("LOCATED_IN", "alibaba group", "ZU\u0308RICH", {{"role", "HAUPTSITZ"}})});
    Evaluation e = eval({gold}, {predicted});
    EXPECT_EQ(e.entities.total, counts(3, 3, 3));
    EXPECT_EQ(e.relations.total, counts(1, 1, 1));
    EXPECT_EQ(e.properties.total, counts(1, 1, 1));
    // Labels and types are not names: they compare exactly.
    predicted.entities[0].label = "company";
    EXPECT_EQ(eval({gold}, {predicted}).entities.total, counts(3, 3, 2));
}

TEST(EvaluateTest, RepeatedTriplesPairByTheirProperties) {
    // Two investments of Baidu in AI, one per period; predicted in the other order.
    auto invests = [](double amount, const char* period) {
        return relation("INVESTS_IN", "Baidu", "AI", {{"amount", amount}, {"period", period}});
    };
    std::vector<EntityAnnotation> entities = {entity("Company", "Baidu"), entity("Topic", "AI")};
    DocumentAnnotations gold = doc("d", entities, {invests(4.2e9, "2024-H1"), invests(2.1e9, "2023-H1")});
    Evaluation e = eval({gold}, {doc("d", entities, {invests(2.1e9, "2023-H1"), invests(4.2e9, "2024-H1")})});
    EXPECT_EQ(e.relations.total, counts(2, 2, 2));
    EXPECT_EQ(e.properties.total, counts(4, 4, 4));
    // One of the two found: it is correct, and pairs with the gold relation it agrees with.
    e = eval({gold}, {doc("d", entities, {invests(2.1e9, "2023-H1")})});
    EXPECT_EQ(e.relations.total, counts(2, 1, 1));
    EXPECT_EQ(e.properties.total, counts(2, 2, 2));
    // Three predicted for two in gold: one spurious.
    e = eval({gold}, {doc("d", entities, {invests(2.1e9, "2023-H1"), invests(1.0, "x"), invests(4.2e9, "2024-H1")})});
    EXPECT_EQ(e.relations.total, counts(2, 3, 2));
    EXPECT_EQ(e.properties.total, counts(4, 4, 4));
}

TEST(EvaluateTest, MissingDocuments) {
    DocumentAnnotations other = doc("other", {entity("Company", "Tencent")});
    DocumentAnnotations stray = doc("stray", {entity("Company", "Huawei")});
    // "other" has gold but no prediction; "stray" a prediction but no gold.
    Evaluation e = eval({bat(), other}, {stray, bat()});
    EXPECT_EQ(e.missing, std::vector<std::string>{"other"});
    EXPECT_EQ(e.unscored, std::vector<std::string>{"stray"});
    ASSERT_EQ(e.documents.size(), 2u);  // ordered by doc
    EXPECT_EQ(e.documents[0].doc, "bat");
    EXPECT_TRUE(e.documents[0].predicted);
    EXPECT_EQ(e.documents[1].doc, "other");
    EXPECT_FALSE(e.documents[1].predicted);
    EXPECT_EQ(e.documents[1].entities, counts(1, 0, 0));
    EXPECT_EQ(e.entities.total, counts(6, 5, 5));  // Tencent missed; Huawei not scored

    EvalOptions predictedOnly;
    predictedOnly.predictedOnly = true;
    e = eval({bat(), other}, {stray, bat()}, predictedOnly);
    EXPECT_EQ(e.missing, std::vector<std::string>{"other"});
    ASSERT_EQ(e.documents.size(), 1u);
    EXPECT_EQ(e.entities.total, counts(5, 5, 5));

    e = eval({bat()}, {});
    EXPECT_EQ(e.missing, std::vector<std::string>{"bat"});
    EXPECT_EQ(e.entities.total, counts(5, 0, 0));
}

TEST(EvaluateTest, ManyDocumentsAreMicroAveraged) {
    DocumentAnnotations small = doc("small", {entity("Company", "Tencent")});
    Evaluation e = eval({bat(), small}, {doc("bat", {entity("Company", "Baidu")}), small});
    EXPECT_EQ(e.entities.total, counts(6, 2, 2));
    EXPECT_DOUBLE_EQ(*e.entities.total.recall(), 2.0 / 6);  // not the mean of 1/5 and 1/1
    EXPECT_EQ(e.documents[0].entities, counts(5, 1, 1));
    EXPECT_EQ(e.documents[1].entities, counts(1, 1, 1));
}

TEST(EvaluateTest, DocumentTwiceIsAnError) {
    auto e = evaluate({bat()}, {bat(), bat()});
    ASSERT_FALSE(e.isOk());
    EXPECT_EQ(e.status().code(), StatusCode::INVALID_INPUT);
    EXPECT_EQ(e.status().message(), "document 'bat' is predicted twice");
    e = evaluate({bat(), bat()}, {});
    ASSERT_FALSE(e.isOk());
    EXPECT_EQ(e.status().message(), "document 'bat' appears twice in the gold set");
}

// ---------------------------------------------------------------- JSON

std::vector<DocumentAnnotations> parse(std::string_view text) {
    auto docs = parseAnnotations(text, "x.json");
    EXPECT_TRUE(docs.isOk()) << docs.status().toString();
    return docs.isOk() ? *docs : std::vector<DocumentAnnotations>{};
}

std::string parseError(std::string_view text, std::string_view name = "gold/x.json") {
    auto docs = parseAnnotations(text, name);
    if (docs.isOk()) return "(no error)";
    EXPECT_EQ(docs.status().code(), StatusCode::INVALID_INPUT);
    return docs.status().message();
}

TEST(AnnotationsJsonTest, WritesTheExtractShape) {
    DocumentAnnotations d = doc("d", {entity("Company", "Baidu"), entity("Topic", "AI")},
                                {relation("INVESTS_IN", "Baidu", "AI",
                                          {{"amount", 4.2e9}, {"currency", "CNY"}, {"share", 0.4261},
                                           {"count", 3}, {"confirmed", true}, {"tags", Value::List{"a", 1.0}}})});
    d.entities[0].aliases = {"Baidus", "\u767e\u5ea6"};
    EXPECT_EQ(toJson(d),
              R"({"doc":"d","lang":"de","entities":[{"label":"Company","name":"Baidu","aliases":["Baidus","百度"]},)"
              R"({"label":"Topic","name":"AI","aliases":[]}],"relations":[{"type":"INVESTS_IN","subject":"Baidu",)"
              R"("object":"AI","properties":{"amount":4200000000.0,"confirmed":true,"count":3,"currency":"CNY",)"
              R"("share":0.4261,"tags":["a",1.0]}}]})");
}

TEST(AnnotationsJsonTest, RoundTrip) {
    DocumentAnnotations d = bat();
    d.entities[0].aliases = {"Baidus", "\u767e\u5ea6"};
    d.relations[1].properties = {{"share", 0.4261}, {"tiny", 1e-7}, {"big", 1e300}, {"whole", 2.0},
                                 {"n", int64_t{-9223372036854775807} - 1}, {"flag", false},
                                 {"list", Value::List{1, 2.5, "x", true}}};
    std::vector<DocumentAnnotations> back = parse(toJson(d));
    ASSERT_EQ(back.size(), 1u);
    const DocumentAnnotations& r = back[0];
    EXPECT_EQ(r.doc, d.doc);
    EXPECT_EQ(r.lang, d.lang);
    ASSERT_EQ(r.entities.size(), d.entities.size());
    for (size_t i = 0; i < d.entities.size(); ++i) {
        EXPECT_EQ(r.entities[i].label, d.entities[i].label);
        EXPECT_EQ(r.entities[i].name, d.entities[i].name);
        EXPECT_EQ(r.entities[i].aliases, d.entities[i].aliases);
    }
    ASSERT_EQ(r.relations.size(), d.relations.size());
    for (size_t i = 0; i < d.relations.size(); ++i) {
        EXPECT_EQ(r.relations[i].type, d.relations[i].type);
        EXPECT_EQ(r.relations[i].subject, d.relations[i].subject);
        EXPECT_EQ(r.relations[i].object, d.relations[i].object);
        EXPECT_EQ(r.relations[i].properties, d.relations[i].properties);  // types too: 2.0 stays a float
    }
    EXPECT_TRUE(r.relations[1].properties.at("whole").isFloat());
    EXPECT_EQ(toJson(r), toJson(d));
}

TEST(AnnotationsJsonTest, ReadsJsonLinesAndComments) {
    std::string lines = toJson(bat()) + "\n\n" + toJson(doc("two", {entity("Company", "Tencent")})) + "\n";
    std::vector<DocumentAnnotations> docs = parse(lines);
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[0].doc, "bat");
    EXPECT_EQ(docs[1].doc, "two");
    EXPECT_EQ(docs[1].entities[0].name, "Tencent");

    docs = parse(R"(// gold for one article
{
  "doc": "d",  /* the file name */
  "entities": [{"label": "Company", "name": "Baidu"}],
  "relations": []
}
)");
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_EQ(docs[0].lang, "");  // lang, aliases, properties may be left out
    EXPECT_TRUE(docs[0].entities[0].aliases.empty());

    docs = parse(R"({"doc": "d", "entities": [{"label": "Company", "name": "Baidu"}, {"label": "Topic", "name": "AI"}],
                     "relations": [{"type": "INVESTS_IN", "subject": "BAIDU", "object": "ai",
                                    "properties": {"amount": 4200000000, "period": "2024"}}]})");
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_TRUE(docs[0].relations[0].properties.at("amount").isInt());
    EXPECT_EQ(docs[0].relations[0].properties.at("amount").asInt(), 4200000000);
}

TEST(AnnotationsJsonTest, Errors) {
    const std::string entities = R"("entities": [{"label": "Company", "name": "Baidu"}, {"label": "Topic", "name": "AI"}])";
    auto withRelations = [&](const std::string& relations) {
        return R"({"doc": "x", )" + entities + R"(, "relations": [)" + relations + "]}";
    };
    const std::string good = R"({"type": "INVESTS_IN", "subject": "Baidu", "object": "AI"})";
    EXPECT_EQ(parseError(withRelations(good + ", " + good + R"(, {"type": "INVESTS_IN", "subject": "Foo", "object": "AI"})")),
              "gold/x.json: relation 3: subject 'Foo' is not among the entities");
    EXPECT_EQ(parseError(withRelations(R"({"type": "INVESTS_IN", "subject": "Baidu", "object": "KI"})")),
              "gold/x.json: relation 1: object 'KI' is not among the entities");
    EXPECT_EQ(parseError(withRelations(R"({"type": "INVESTS_IN", "subject": "Baidu"})")),
              "gold/x.json: relation 1: missing 'object'");
    EXPECT_EQ(parseError(withRelations(R"({"type": "", "subject": "Baidu", "object": "AI"})")),
              "gold/x.json: relation 1: 'type' is empty");
    EXPECT_EQ(parseError(withRelations(R"({"type": "INVESTS_IN", "subject": "Baidu", "object": "AI", "prop": {}})")),
              "gold/x.json: relation 1: unknown key 'prop' (the keys are type, subject, object, properties)");
    EXPECT_EQ(parseError(withRelations(R"({"type": "T", "subject": "Baidu", "object": "AI", "properties": {"amount": null}})")),
              "gold/x.json: relation 1: property 'amount': null is not a property value (a number, string or "
              "boolean, or a list of them)");
    EXPECT_EQ(parseError(withRelations(R"({"type": "T", "subject": "Baidu", "object": "AI", "properties": {"a": [[1]]}})")),
              "gold/x.json: relation 1: property 'a': a list inside a list is not a property value (a number, "
              "string or boolean, or a list of them)");
    EXPECT_EQ(parseError(withRelations(R"({"type": "T", "subject": "Baidu", "object": "AI", "properties": {"n": 9223372036854775808}})")),
              "gold/x.json: relation 1: property 'n': 9223372036854775808 is past the largest integer, "
              "9223372036854775807");
    EXPECT_EQ(parseError(withRelations(R"({"type": "T", "subject": "Baidu", "object": "AI", "properties": [1]})")),
              "gold/x.json: relation 1: 'properties' must be an object, not a list");

    EXPECT_EQ(parseError(R"({"entities": []})"), "gold/x.json: missing 'doc'");
    EXPECT_EQ(parseError(R"({"doc": 7})"), "gold/x.json: 'doc' must be a string, not a number");
    EXPECT_EQ(parseError(R"({"doc": "x", "relation": []})"),
              "gold/x.json: unknown key 'relation' (the keys are doc, lang, entities, relations)");
    EXPECT_EQ(parseError(R"({"doc": "x", "entities": {}})"), "gold/x.json: 'entities' must be a list, not an object");
    EXPECT_EQ(parseError(R"({"doc": "x", "entities": ["Baidu"]})"),
              "gold/x.json: entity 1: must be an object, not a string");
    EXPECT_EQ(parseError(R"({"doc": "x", "entities": [{"label": "Company", "name": "Baidu", "aliases": [1]}]})"),
              "gold/x.json: entity 1: 'aliases' must hold strings, not a number");
    EXPECT_EQ(parseError(R"({"doc": "x", "entities": [{"label": "Company", "name": "Baidu"}, {"label": "Topic",
              "name": "AI"}, {"label": "Company", "name": "BAIDU"}]})"),
              "gold/x.json: entity 3: Company 'BAIDU' is listed twice (also entity 1)");
    EXPECT_EQ(parseError("[1, 2]"), "gold/x.json: expected a JSON object (one document), found a list");
    EXPECT_EQ(parseError(""), "gold/x.json: holds no document");
    EXPECT_EQ(parseError("  \n// only a comment\n"), "gold/x.json: holds no document");
}

TEST(AnnotationsJsonTest, SyntaxErrorsNameLineAndColumn) {
    EXPECT_EQ(parseError("{\n  \"doc\": \"x\",\n  \"entities\": [}\n}\n"),
              "gold/x.json:3:16: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    EXPECT_EQ(parseError("{\"doc\": \"x\""),
              "gold/x.json:1:12: syntax error while parsing object - unexpected end of input; expected '}'");
    // JSON lines: the line of the bad document.
    std::string lines = toJson(bat()) + "\n" + toJson(bat()) + "\n{\"doc\": }\n";
    EXPECT_EQ(parseError(lines, "pred.jsonl"),
              "pred.jsonl:3:9: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    lines = toJson(bat()) + "\n{\"doc\": \"y\", \"entities\": [{\"name\": \"A\"}]}\n";
    EXPECT_EQ(parseError(lines, "pred.jsonl"), "pred.jsonl:2: entity 1: missing 'label'");
}

TEST(AnnotationsJsonTest, LongInputIsCutInMessages) {
    std::string name(500, 'x');
    std::string message = parseError(R"({"doc": "d", "relations": [{"type": "T", "subject": ")" + name +
                                     R"(", "object": "y"}]})");
    EXPECT_EQ(message, "gold/x.json: relation 1: subject '" + std::string(200, 'x') + "...' is not among the entities");
}

TEST(AnnotationsJsonTest, ReadFileErrors) {
    auto missing = readAnnotationsFile("/nonexistent/kg-eval-test.json");
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), StatusCode::NOT_FOUND);
    EXPECT_EQ(missing.status().message(), "/nonexistent/kg-eval-test.json: no such file");
    auto directory = readAnnotationsFile(KG_SOURCE_DIR);
    ASSERT_FALSE(directory.isOk());
    EXPECT_EQ(directory.status().code(), StatusCode::INVALID_INPUT);
}

// The gold files under examples/gold/ read (when they are there).
TEST(AnnotationsJsonTest, ExampleGoldFilesRead) {
    std::filesystem::path dir = std::filesystem::path(KG_SOURCE_DIR) / "examples" / "gold";
    if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " is absent";
    size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        ++files;
        auto docs = readAnnotationsFile(entry.path());
        ASSERT_TRUE(docs.isOk()) << docs.status().toString();
        ASSERT_EQ(docs->size(), 1u) << entry.path();
        EXPECT_EQ(docs->front().doc, entry.path().stem().string());
        // A gold file scores perfectly against itself.
        auto e = evaluate(*docs, *docs);
        ASSERT_TRUE(e.isOk());
        EXPECT_EQ(e->entities.total.f1().value_or(1.0), 1.0) << entry.path();
        EXPECT_EQ(e->relations.total.f1().value_or(1.0), 1.0) << entry.path();
        EXPECT_EQ(e->properties.total.f1().value_or(1.0), 1.0) << entry.path();
    }
    if (files == 0) GTEST_SKIP() << "no gold files in " << dir;
}

// ---------------------------------------------------------------- report

Evaluation sample() {
    DocumentAnnotations predicted = bat();
    predicted.entities[1].label = "Organization";  // Alibaba
    predicted.relations.pop_back();                 // IMPOSES missed
    predicted.relations[0].properties["amount"] = 4.3e9;
    return eval({bat(), doc("other", {entity("Company", "Tencent")})}, {predicted, doc("stray", {})});
}

TEST(ReportTest, Table) {
    EXPECT_EQ(formatTable(sample()),
              "type            gold  predicted  correct      P      R     F1\n"
              "entities           6          5        4  0.800  0.667  0.727\n"
              "  Company          3          1        1  1.000  0.333  0.500\n"
              "  Country          1          1        1  1.000  1.000  1.000\n"
              "  Organization     0          1        0  0.000  0.000  0.000\n"
              "  Policy           1          1        1  1.000  1.000  1.000\n"
              "  Topic            1          1        1  1.000  1.000  1.000\n"
              "relations          3          2        2  1.000  0.667  0.800\n"
              "  IMPOSES          1          0        0  0.000  0.000  0.000\n"
              "  INVESTS_IN       2          2        2  1.000  1.000  1.000\n"
              "properties         3          3        2  0.667  0.667  0.667\n"
              "  amount           1          1        0  0.000  0.000  0.000\n"
              "  currency         1          1        1  1.000  1.000  1.000\n"
              "  period           1          1        1  1.000  1.000  1.000\n"
              "\n"
              "          entities             relations            properties\n"
              "document  gold  pred  correct  gold  pred  correct  gold  pred  correct\n"
              "bat          5     5        4     3     2        2     3     3        2\n"
              "other        1     0        0     0     0        0     0     0        0\n"
              "\n"
              "no prediction, scored as empty: other\n"
              "no gold, not scored: stray\n");
}

TEST(ReportTest, TableWithNothingScored) {
    EXPECT_EQ(formatTable(Evaluation{}),
              "type        gold  predicted  correct      P      R     F1\n"
              "entities       0          0        0      -      -      -\n"
              "relations      0          0        0      -      -      -\n"
              "properties     0          0        0      -      -      -\n");
}

TEST(ReportTest, Json) {
    nlohmann::json j = nlohmann::json::parse(formatJson(sample()));
    EXPECT_EQ(j["documents"], 2);
    EXPECT_EQ(j["entities"]["gold"], 6);
    EXPECT_EQ(j["entities"]["predicted"], 5);
    EXPECT_EQ(j["entities"]["correct"], 4);
    EXPECT_DOUBLE_EQ(j["entities"]["precision"].get<double>(), 0.8);
    EXPECT_DOUBLE_EQ(j["entities"]["recall"].get<double>(), 4.0 / 6);
    EXPECT_EQ(j["entities"]["by_label"]["Organization"],
              nlohmann::json::parse(R"({"gold":0,"predicted":1,"correct":0,"precision":0.0,"recall":0.0,"f1":0.0})"));
    EXPECT_EQ(j["relations"]["by_type"]["IMPOSES"]["gold"], 1);
    EXPECT_DOUBLE_EQ(j["properties"]["by_key"]["currency"]["f1"].get<double>(), 1.0);
    EXPECT_EQ(j["per_document"][1], nlohmann::json::parse(R"({"doc":"other","predicted":false,
        "entities":{"gold":1,"predicted":0,"correct":0},"relations":{"gold":0,"predicted":0,"correct":0},
        "properties":{"gold":0,"predicted":0,"correct":0}})"));
    EXPECT_EQ(j["missing"], nlohmann::json::parse(R"(["other"])"));
    EXPECT_EQ(j["unscored"], nlohmann::json::parse(R"(["stray"])"));
    // Undefined scores are null; the keys keep their documented order.
    std::string empty = formatJson(Evaluation{});
    EXPECT_EQ(empty,
              R"({"documents":0,"entities":{"gold":0,"predicted":0,"correct":0,"precision":null,"recall":null,)"
              R"("f1":null,"by_label":{}},"relations":{"gold":0,"predicted":0,"correct":0,"precision":null,)"
              R"("recall":null,"f1":null,"by_type":{}},"properties":{"gold":0,"predicted":0,"correct":0,)"
              R"("precision":null,"recall":null,"f1":null,"by_key":{}},"per_document":[],"missing":[],"unscored":[]})");
}

}  // namespace
}  // namespace kgraph::ingest::eval
