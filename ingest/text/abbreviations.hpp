// Where a sentence must not end although ICU's sentence rules end it: after
// an abbreviation ("Dr.", "U.S.", "z. B."), inside a German ordinal date
// ("am 30. Juni") and after a name's initial ("Donald J. Trump").
//
// Why not ICU's FilteredBreakIteratorBuilder: its matcher walks back from the
// break through a trie of the abbreviations and never checks that the match
// starts a word, so the German CLDR entries "r.", "b." and "am." keep
// "Herr Müller. Er", "Er starb. Das" and "Das Team. Er" together, and our "ca."
// would swallow "nach Mallorca. Dort". We read the same CLDR lists from ICU's
// data and match whole tokens instead.
#pragma once

#include <cstddef>
#include <unordered_set>
#include <string>
#include <string_view>

#include "ingest/language.hpp"

namespace kgraph::ingest {

class SentenceBreakFilter {
public:
    // The filter of one language: the locale's CLDR suppressions and our own
    // list (UNKNOWN: those of both languages). Built once per language.
    static const SentenceBreakFilter& forLanguage(Lang lang);

    // True when the sentence break ICU puts at `pos` of `text` must be dropped.
    // A break after a line feed is never dropped: the segmenter leaves line
    // feeds only where a paragraph ends.
    bool suppresses(std::string_view text, size_t pos) const;

private:
    explicit SentenceBreakFilter(Lang lang);

    // Whole abbreviations; the parts of those with inner spaces ("z. B.",
    // "v. u. Z.") are joined by one space. Only ever asked whether it holds
    // a candidate, several per period in the text: hashed, not ordered.
    std::unordered_set<std::string> abbreviations_;
    // Each space-separated part of them ("z.", "B."): every candidate holds the token
    // before the period, so when that is no part, no candidate need be built.
    std::unordered_set<std::string> parts_;
    bool germanOrdinals_ = false;
};

}  // namespace kgraph::ingest
