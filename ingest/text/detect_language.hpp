// Tells German from English by how often each language's function words
// occur: articles, pronouns, prepositions, conjunctions and auxiliaries, which
// every sentence needs whatever its topic. Umlauts and ß add a weak vote for
// German. Reads at most the first few thousand words, so it costs little on
// long articles.
#pragma once

#include <string_view>

#include "ingest/language.hpp"

namespace kgraph::ingest {

// DE or EN when one language has clearly more evidence; UNKNOWN for short or
// mixed text (fewer than five function words, or no clear majority) and for
// other languages. `text` is UTF-8; invalid bytes only separate words.
Lang detectLanguage(std::string_view text);

}  // namespace kgraph::ingest
