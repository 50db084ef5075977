// Quantities in news text: the money amounts, shares and periods of a German or
// English sentence, normalised as the data model stores them (DESIGN.md,
// "Default ontology") so that relation extraction can attach them to facts:
//
//   "4,2 Milliarden Yuan"      MONEY   amount 4.2e9, currency "CNY"
//   "$2-3bn"                   MONEY   amount 2e9 (a range states its lower bound), "USD"
//   "42,61 Prozent", "12.5%"   SHARE   0.4261, 0.125
//   "im ersten Halbjahr 2024"  PERIOD  "2024-H1"; also "2024", "2024-Q2", "2024-06", "2024-08-28"
//
// A span holds the words that carry the meaning: "ersten Halbjahr 2024" but
// not "im", "vergangenen Freitag", "Geschäftsjahr 2024", "2020" in "seit 2020".
// Periods without a year ("im zweiten Quartal", "am Montag", "gestern",
// "Vorjahr") are placed relative to the publication date and are left out
// when it is unknown. A number that is no quantity (a count, "Nr. 5", "G7",
// "GPT-4.5", "2024/25", "3 Prozentpunkte") is not reported; spans never overlap.
//
// Thread-safe; runs at well over 20 MB/s of article text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/language.hpp"

namespace kgraph::ingest {

struct Quantity {
    enum class Kind { MONEY, SHARE, PERIOD };

    Kind kind = Kind::MONEY;
    uint32_t begin = 0;  // byte span in the text given
    uint32_t end = 0;
    double amount = 0;    // MONEY: in currency units (4.2e9)
    std::string currency;  // MONEY: ISO 4217 ("CNY", "USD", "EUR", "JPY" ...)
    double share = 0;     // SHARE: a fraction (0.4261)
    std::string period;   // PERIOD: "2024", "2024-H1", "2024-Q2", "2024-06", "2024-08-28"

    bool operator==(const Quantity&) const = default;
};

// The quantities of `text` in order of position. `lang` selects the number
// format (German "1.500,25", English "1,500.25") and the meaning of
// "Billion"; UNKNOWN reads English first. `published` is the article's date,
// "YYYY-MM-DD" (a time may follow), or "" when unknown.
// REQUIRES: text.size() < 4 GiB (spans are 32-bit).
std::vector<Quantity> findQuantities(std::string_view text, Lang lang, std::string_view published);

}  // namespace kgraph::ingest
