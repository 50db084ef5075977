// DocumentAnnotations as JSON, in the shape `kg extract --format json` prints
// (DESIGN.md, "The `kg` command") and gold files hold:
//
//   {"doc": "bat-2024-08-28", "lang": "de",
//    "entities": [{"label": "Company", "name": "Baidu", "aliases": ["Baidus"]}, ...],
//    "relations": [{"type": "INVESTS_IN", "subject": "Baidu", "object": "AI",
//                   "properties": {"amount": 4.2e9, "currency": "CNY", "period": "2024-H1"}}, ...]}
//
// Property values are integers (int64), floats, strings, booleans, or lists of
// those. Reading is strict, so a typo in a hand-written gold file is reported
// instead of scored: unknown keys, a missing or empty `doc`, `label`, `name`,
// `type`, `subject` or `object`, null or object property values, an entity
// listed twice (same label and normalised name), and a relation whose subject
// or object is not the name of one of the document's entities (compared under
// kgraph::normalizeName) are all errors. `lang`, `aliases`, `entities`,
// `relations` and `properties` may be left out (empty). Comments (`//`,
// `/* */`) are allowed.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <kgraph/status.hpp>

#include "ingest/annotations.hpp"

namespace kgraph::ingest::eval {

// One document as one line of JSON (no newline), keys in the order above.
// Floats always carry a '.' or an exponent (4200000000.0, 1e-07), so they read
// back as floats; NaN and the infinities, which no extraction produces, are
// written as null and do not read back.
std::string toJson(const DocumentAnnotations& doc);

// The documents in `text`: one JSON object (which may span lines), or JSON
// lines, one object a line, as `kg extract` prints several documents (blank
// lines and lines holding only a `//` comment are skipped). `name` (a file
// name) opens every error message, which is INVALID_INPUT and one line:
//   "gold/x.json:4:17: syntax error while parsing object - unexpected '}'; expected string literal"
//   "gold/x.json: relation 3: subject 'Foo' is not among the entities"
//   "pred.jsonl:2: entity 1: missing 'label'"         (JSON lines: the line)
// Entities and relations are counted from 1, as people count.
Result<std::vector<DocumentAnnotations>> parseAnnotations(std::string_view text, std::string_view name);

// parseAnnotations() on the contents of `path`, errors named by `path` as
// given. NOT_FOUND when there is no such file, IO_ERROR when it cannot be read.
Result<std::vector<DocumentAnnotations>> readAnnotationsFile(const std::filesystem::path& path);

}  // namespace kgraph::ingest::eval
