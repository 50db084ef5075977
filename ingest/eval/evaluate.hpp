// Evaluation of extraction against gold annotations: precision, recall and F1
// for entities, relations and the properties of relations, over many
// documents paired by `doc`.
//
// What counts as one item, and when a predicted item is correct:
// - entity: a (label, name) pair. Correct when the gold document has an entity
//   with the same label and the same name under kgraph::normalizeName (case
//   folding, Unicode NFKC, white space). Aliases are not scored. An entity
//   predicted with the wrong label is a false positive under its label and a
//   false negative under the gold one.
// - relation: a (type, subject, object) triple, names normalised as above.
//   For a symmetric type (PARTNERS_WITH) the order of the two does not count.
//   A document may state the same triple more than once (two periods of one
//   investment); triples are counted as a multiset: with g in gold and p
//   predicted, min(g, p) are correct.
// - property: one key/value of a correctly predicted relation; properties of
//   missed or spurious relations are not counted, so this scores normalisation
//   (amounts, currencies, periods) apart from finding the relation. Correct
//   when the matched gold relation has the key with a matching value: numbers
//   (integer or float alike) within a relative tolerance, strings equal under
//   normalizeName, booleans equal, lists of the same length matching item by
//   item. When a triple occurs more than once, its gold and predicted
//   relations are paired greedily, the pair with most matching properties first.
//
// Scores are micro-averaged: counts are summed over documents (and labels,
// types, keys), then P = correct / predicted, R = correct / gold,
// F1 = 2PR / (P + R). With a zero denominator P or R is 0; with nothing in gold
// and nothing predicted there is nothing to score and P, R, F1 are undefined.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <kgraph/status.hpp>
#include <kgraph/value.hpp>

#include "ingest/annotations.hpp"

namespace kgraph::ingest::eval {

// How much two numbers may differ, relative to the larger, and still match:
// 4.2e9 meets 4200000001 but not 4.2001e9. Absorbs float printing, not
// rounding in the text ("4,2 Mrd." against an exact 4,213,000,000 fails).
constexpr double kRelativeTolerance = 1e-6;

struct Counts {
    uint64_t gold = 0;
    uint64_t predicted = 0;
    uint64_t correct = 0;  // never more than gold or predicted

    // nullopt when gold == predicted == 0.
    std::optional<double> precision() const;
    std::optional<double> recall() const;
    std::optional<double> f1() const;

    Counts& operator+=(const Counts& other);
    friend bool operator==(const Counts&, const Counts&) = default;
};

// One kind of item (entities, relations or properties).
struct Scores {
    Counts total;                         // micro-average: the sum of byKey
    std::map<std::string, Counts> byKey;  // by label, relationship type or property key

    // Adds `counts` to byKey[key] and to total.
    void add(const std::string& key, const Counts& counts);
};

struct DocumentScores {
    std::string doc;
    bool predicted = true;  // false: no prediction, scored as if nothing was extracted
    Counts entities;
    Counts relations;
    Counts properties;
};

struct Evaluation {
    Scores entities;
    Scores relations;
    Scores properties;
    std::vector<DocumentScores> documents;  // every scored document, ordered by doc
    // Gold documents with no prediction. Scored as empty predictions (every
    // item missed) unless EvalOptions::predictedOnly left them out.
    std::vector<std::string> missing;
    // Predicted documents with no gold document: not scored. Sorted.
    std::vector<std::string> unscored;
};

struct EvalOptions {
    // Score only the gold documents that have a prediction (evaluating a few
    // articles against a whole gold set) instead of counting the others as
    // extracting nothing.
    bool predictedOnly = false;
    double relativeTolerance = kRelativeTolerance;
    // Relationship types without a direction: subject and object swapped is
    // the same relation (docs/gold.md: PARTNERS_WITH is annotated once, either
    // way round).
    std::set<std::string, std::less<>> symmetricTypes = {"PARTNERS_WITH"};
};

// Pairs gold and predicted documents by `doc` and scores them. Each list
// holds a doc at most once, else INVALID_INPUT ("document 'x' is predicted
// twice"). The documents are assumed well-formed (as parseAnnotations()
// checks gold files); a relation naming an entity the document lacks still
// scores by its names.
Result<Evaluation> evaluate(const std::vector<DocumentAnnotations>& gold,
                            const std::vector<DocumentAnnotations>& predicted, const EvalOptions& options = {});

// Whether a predicted property value matches the gold one (see the top of
// this file). Integers and floats compare as numbers.
bool valuesMatch(const Value& gold, const Value& predicted, double relativeTolerance = kRelativeTolerance);

}  // namespace kgraph::ingest::eval
