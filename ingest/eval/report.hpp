// An Evaluation printed for people (an aligned table) and for programs (JSON).
#pragma once

#include <string>

#include "ingest/eval/evaluate.hpp"

namespace kgraph::ingest::eval {

// The scores as aligned text, ending in a newline. Per kind a total row (the
// micro-average over everything scored) and, indented, one row per label,
// relationship type or property key; then the counts per document; then the
// documents that did not pair. P, R and F1 have three decimals, '-' where
// undefined. Names are not escaped (they come from the files scored):
//
//   type            gold  predicted  correct      P      R     F1
//   entities           6          5        4  0.800  0.667  0.727
//     Company          3          1        1  1.000  0.333  0.500
//     Organization     0          1        0  0.000  0.000  0.000
//     Topic            1          1        1  1.000  1.000  1.000
//   relations          3          2        2  1.000  0.667  0.800
//     IMPOSES          1          0        0  0.000  0.000  0.000
//     INVESTS_IN       2          2        2  1.000  1.000  1.000
//   properties         3          3        2  0.667  0.667  0.667
//     amount           1          1        0  0.000  0.000  0.000
//
//             entities             relations            properties
//   document  gold  pred  correct  gold  pred  correct  gold  pred  correct
//   bat          5     5        4     3     2        2     3     3        2
//   other        1     0        0     0     0        0     0     0        0
//
//   no prediction, scored as empty: other
//   no gold, not scored: stray
//
// (Rows for Country, Policy, currency and period are left out of this example.
// "no prediction, not scored: ..." when EvalOptions::predictedOnly left them out.)
std::string formatTable(const Evaluation& evaluation);

// The scores as one line of JSON (no newline):
//
//   {"documents": 1,
//    "entities":   {"gold": 4, "predicted": 5, "correct": 4, "precision": 0.8, "recall": 1.0, "f1": 0.888...,
//                   "by_label": {"Company": {"gold": 3, ..., "f1": 1.0}, ...}},
//    "relations":  {... totals ..., "by_type": {"INVESTS_IN": {...}}},
//    "properties": {... totals ..., "by_key": {"amount": {...}}},
//    "per_document": [{"doc": "bat-2024-08-28", "predicted": true,
//                      "entities": {"gold": 4, "predicted": 5, "correct": 4},
//                      "relations": {...}, "properties": {...}}],
//    "missing": ["doc-b"], "unscored": ["doc-z"]}
//
// "documents" counts the scored documents; "predicted": false marks a gold
// document without a prediction, scored as empty. "missing" lists the gold
// documents without a prediction (scored as empty or, with predictedOnly, not
// scored), "unscored" the predicted documents without gold. precision, recall and f1 are
// null where undefined (nothing in gold, nothing predicted). Keys appear in
// this order; by_* maps are ordered by name.
std::string formatJson(const Evaluation& evaluation);

}  // namespace kgraph::ingest::eval
