// The metadata header an article file may start with, in one of two forms.
// A comment line:
//   # title: ... | source: ... | url: ... | published: 2024-08-28 | lang: de
// or YAML front matter between two "---" lines:
//   ---
//   title: "Chinas Technologieunternehmen verdoppeln Investitionen in KI"
//   published: 2024-08-28
//   ---
// Every field is optional and may come in any order; keys are read in any
// case; unknown keys are ignored.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <kgraph/status.hpp>

#include "ingest/language.hpp"

namespace kgraph::ingest {

struct DocumentHeader {
    std::string title;
    std::string source;
    std::string url;
    std::string published;    // YYYY-MM-DD, a real calendar date; empty when absent
    std::optional<Lang> lang;
    size_t end = 0;           // offset of the first byte after the header; 0 without one
};

// Reads the header at the start of `text` (a file after its byte order mark).
// A text without one gives an empty header. Fails with INVALID_INPUT on a
// malformed date ("published: '2024-13-45' is not a date YYYY-MM-DD"), a
// language other than de or en, or front matter that is never closed.
Result<DocumentHeader> parseDocumentHeader(std::string_view text);

}  // namespace kgraph::ingest
