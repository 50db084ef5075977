#include "ingest/eval/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "common/text.hpp"

namespace kgraph::ingest::eval {

namespace {

using Tally = std::map<std::string, Counts>;  // counts of one document by label, type or key

// An entity as scored: its label and normalised name.
using EntityKey = std::pair<std::string, std::string>;
// A relation as scored: type, normalised subject and object.
using RelationKey = std::tuple<std::string, std::string, std::string>;
using RelationGroups = std::map<RelationKey, std::vector<const RelationAnnotation*>>;

std::set<EntityKey> entityKeys(const DocumentAnnotations& d) {
    std::set<EntityKey> keys;
    for (const EntityAnnotation& e : d.entities) keys.emplace(e.label, normalizeName(e.name));
    return keys;
}

RelationGroups relationGroups(const DocumentAnnotations& d, const EvalOptions& options) {
    RelationGroups groups;
    for (const RelationAnnotation& r : d.relations) {
        RelationKey key{r.type, normalizeName(r.subject), normalizeName(r.object)};
        if (options.symmetricTypes.count(r.type) != 0 && std::get<1>(key) > std::get<2>(key))
            std::swap(std::get<1>(key), std::get<2>(key));
        groups[std::move(key)].push_back(&r);
    }
    return groups;
}

Tally scoreEntities(const DocumentAnnotations& gold, const DocumentAnnotations& predicted) {
    std::set<EntityKey> g = entityKeys(gold);
    std::set<EntityKey> p = entityKeys(predicted);
    Tally byLabel;
    for (const EntityKey& key : g) {
        Counts& c = byLabel[key.first];
        ++c.gold;
        if (p.count(key) != 0) ++c.correct;
    }
    for (const EntityKey& key : p) ++byLabel[key.first].predicted;
    return byLabel;
}

// Whether `predicted` has the property `key` with a value matching the gold one.
bool hasMatch(const RelationAnnotation& predicted, const std::string& key, const Value& gold, double tolerance) {
    auto it = predicted.properties.find(key);
    return it != predicted.properties.end() && valuesMatch(gold, it->second, tolerance);
}

// Property items of one gold relation and the predicted relation paired with it.
void scoreProperties(const RelationAnnotation& gold, const RelationAnnotation& predicted, double tolerance,
                     Tally& byKey) {
    for (const auto& [key, value] : gold.properties) {
        Counts& c = byKey[key];
        ++c.gold;
        if (hasMatch(predicted, key, value, tolerance)) ++c.correct;
    }
    for (const auto& entry : predicted.properties) ++byKey[entry.first].predicted;
}

size_t matchingProperties(const RelationAnnotation& gold, const RelationAnnotation& predicted, double tolerance) {
    return static_cast<size_t>(std::count_if(gold.properties.begin(), gold.properties.end(), [&](const auto& entry) {
        return hasMatch(predicted, entry.first, entry.second, tolerance);
    }));
}

// Pairs the gold and predicted relations of one triple, the pair with most
// matching properties first (ties: the earliest of each list), and scores
// the properties of each pair.
void pairAndScore(const std::vector<const RelationAnnotation*>& gold,
                  const std::vector<const RelationAnnotation*>& predicted, double tolerance, Tally& byKey) {
    std::vector<bool> goldUsed(gold.size()), predictedUsed(predicted.size());
    for (size_t pairs = std::min(gold.size(), predicted.size()); pairs > 0; --pairs) {
        size_t bestG = gold.size(), bestP = 0, best = 0;
        for (size_t g = 0; g < gold.size(); ++g) {
            if (goldUsed[g]) continue;
            for (size_t p = 0; p < predicted.size(); ++p) {
                if (predictedUsed[p]) continue;
                size_t n = matchingProperties(*gold[g], *predicted[p], tolerance);
                if (bestG == gold.size() || n > best) {
                    bestG = g;
                    bestP = p;
                    best = n;
                }
            }
        }
        goldUsed[bestG] = predictedUsed[bestP] = true;
        scoreProperties(*gold[bestG], *predicted[bestP], tolerance, byKey);
    }
}

// Relations by type; properties of the correctly predicted ones by key.
std::pair<Tally, Tally> scoreRelations(const DocumentAnnotations& gold, const DocumentAnnotations& predicted,
                                       const EvalOptions& options) {
    const double tolerance = options.relativeTolerance;
    RelationGroups g = relationGroups(gold, options);
    RelationGroups p = relationGroups(predicted, options);
    Tally byType, byKey;
    static const std::vector<const RelationAnnotation*> kNone;
    for (const auto& [key, relations] : g) {
        auto it = p.find(key);
        const auto& guesses = it == p.end() ? kNone : it->second;
        Counts& c = byType[std::get<0>(key)];
        c.gold += relations.size();
        c.correct += std::min(relations.size(), guesses.size());
        pairAndScore(relations, guesses, tolerance, byKey);
    }
    for (const auto& [key, relations] : p) byType[std::get<0>(key)].predicted += relations.size();
    return {std::move(byType), std::move(byKey)};
}

// Adds one document's tally to the evaluation's scores and to the document's total.
void add(const Tally& tally, Scores& scores, Counts& documentTotal) {
    for (const auto& [key, counts] : tally) {
        scores.add(key, counts);
        documentTotal += counts;
    }
}

DocumentScores scoreDocument(const DocumentAnnotations& gold, const DocumentAnnotations& predicted,
                             const EvalOptions& options, Evaluation& e) {
    DocumentScores d;
    d.doc = gold.doc;
    add(scoreEntities(gold, predicted), e.entities, d.entities);
    auto [byType, byKey] = scoreRelations(gold, predicted, options);
    add(byType, e.relations, d.relations);
    add(byKey, e.properties, d.properties);
    return d;
}

double ratio(uint64_t numerator, uint64_t denominator) {
    return denominator == 0 ? 0.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// Documents by doc; INVALID_INPUT when one is there twice.
Result<std::map<std::string, const DocumentAnnotations*>> byDoc(const std::vector<DocumentAnnotations>& docs,
                                                                std::string_view twice) {
    std::map<std::string, const DocumentAnnotations*> index;
    for (const DocumentAnnotations& d : docs)
        if (!index.emplace(d.doc, &d).second)
            return Status::invalidInput(fmt::format("document '{}' {}", d.doc, twice));
    return index;
}

}  // namespace

std::optional<double> Counts::precision() const {
    if (gold == 0 && predicted == 0) return std::nullopt;
    return ratio(correct, predicted);
}

std::optional<double> Counts::recall() const {
    if (gold == 0 && predicted == 0) return std::nullopt;
    return ratio(correct, gold);
}

std::optional<double> Counts::f1() const {
    if (gold == 0 && predicted == 0) return std::nullopt;
    // 2PR / (P + R) in counts: exact where the fractions are not (3 of 5 found, none wrong: 0.75).
    return ratio(2 * correct, gold + predicted);
}

Counts& Counts::operator+=(const Counts& other) {
    gold += other.gold;
    predicted += other.predicted;
    correct += other.correct;
    return *this;
}

void Scores::add(const std::string& key, const Counts& counts) {
    byKey[key] += counts;
    total += counts;
}

bool valuesMatch(const Value& gold, const Value& predicted, double relativeTolerance) {
    auto isNumber = [](const Value& v) { return v.isInt() || v.isFloat(); };
    auto number = [](const Value& v) { return v.isInt() ? static_cast<double>(v.asInt()) : v.asFloat(); };
    if (isNumber(gold) && isNumber(predicted)) {
        if (gold.isInt() && predicted.isInt() && gold.asInt() == predicted.asInt()) return true;
        double a = number(gold), b = number(predicted);
        if (a == b) return true;
        return std::abs(a - b) <= relativeTolerance * std::max(std::abs(a), std::abs(b));  // false for NaN
    }
    if (gold.isString() && predicted.isString())
        return gold.asString() == predicted.asString() || normalizeName(gold.asString()) == normalizeName(predicted.asString());
    if (gold.isList() && predicted.isList()) {
        const Value::List& g = gold.asList();
        const Value::List& p = predicted.asList();
        if (g.size() != p.size()) return false;
        for (size_t i = 0; i < g.size(); ++i)
            if (!valuesMatch(g[i], p[i], relativeTolerance)) return false;
        return true;
    }
    return gold == predicted;
}

Result<Evaluation> evaluate(const std::vector<DocumentAnnotations>& gold,
                            const std::vector<DocumentAnnotations>& predicted, const EvalOptions& options) {
    auto goldDocs = byDoc(gold, "appears twice in the gold set");
    if (!goldDocs) return goldDocs.status();
    auto predictedDocs = byDoc(predicted, "is predicted twice");
    if (!predictedDocs) return predictedDocs.status();

    Evaluation e;
    for (const auto& [doc, g] : *goldDocs) {
        auto it = predictedDocs->find(doc);
        if (it != predictedDocs->end()) {
            e.documents.push_back(scoreDocument(*g, *it->second, options, e));
            continue;
        }
        e.missing.push_back(doc);
        if (options.predictedOnly) continue;
        DocumentAnnotations nothing;
        nothing.doc = doc;
        e.documents.push_back(scoreDocument(*g, nothing, options, e));
        e.documents.back().predicted = false;
    }
    for (const auto& entry : *predictedDocs)
        if (goldDocs->count(entry.first) == 0) e.unscored.push_back(entry.first);
    return e;
}

}  // namespace kgraph::ingest::eval
