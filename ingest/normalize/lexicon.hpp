// The words of quantities in German and English, as data: currencies, scales,
// percent signs, months, weekdays, ordinals and the words that place a period
// in time. The scanner (quantity.cpp) holds the grammar; these tables hold the
// vocabulary, so a new currency or spelling is one line here.
//
// A term is matched by matchTerm() (text_scan.hpp): a space matches any white
// space, ASCII letters ignore case unless the term says kExactCase. Where
// terms overlap the longest wins ("US-Dollar" over "US$" and "Dollar").
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "ingest/language.hpp"
#include "ingest/normalize/text_scan.hpp"

namespace kgraph::ingest::normalize {

enum TermFlag : uint8_t {
    kExactCase = 1 << 0,    // codes and names that are other words in lower case: "RMB", "May", "Won"
    kGluedOnly = 1 << 1,    // one-letter scales: "$800m", never "800 m" (metres)
    kAfterScale = 1 << 2,   // "won" is an English verb unless a scale precedes it ("5 billion won")
    kGermanOnly = 1 << 3,   // "Billion" is 10^12 in German ...
    kEnglishOnly = 1 << 4,  // ... and 10^9 in English
    kAbbreviation = 1 << 5,  // "Aug." names a month only before a day or a year
};

// What the text around a term says about whether it may be read here.
struct TermContext {
    Lang lang = Lang::UNKNOWN;
    bool glued = false;      // the term follows a digit with no space
    bool afterScale = false;  // a scale word precedes the term
};

enum class PeriodUnit { YEAR, HALF, QUARTER, MONTH, WEEKDAY };

// A term's first byte, ASCII letters lower-cased.
constexpr char firstLetterOf(std::string_view text) { return text.empty() ? '\0' : asciiLower(text.front()); }

struct ScaleTerm {
    std::string_view text;
    uint8_t flags;
    int exponent;  // "Milliarden": 9
    char first = firstLetterOf(text);  // from text: TermTable sorts by it
};
struct CurrencyTerm {
    std::string_view text;
    uint8_t flags;
    std::string_view code;  // ISO 4217
    char first = firstLetterOf(text);  // from text: TermTable sorts by it
};
struct PercentTerm {
    std::string_view text;
    uint8_t flags;
    bool isShare;  // false for percentage and basis points, which are differences, not shares
    char first = firstLetterOf(text);  // from text: TermTable sorts by it
};
struct NumberedTerm {  // months 1-12, weekdays 0-6 from Sunday, ordinals, offsets
    std::string_view text;
    uint8_t flags;
    int number;
    char first = firstLetterOf(text);  // from text: TermTable sorts by it
};
struct UnitTerm {
    std::string_view text;
    uint8_t flags;
    PeriodUnit unit;
    char first = firstLetterOf(text);  // from text: TermTable sorts by it
};
struct YearIntroTerm {
    std::string_view text;
    uint8_t flags;
    bool inSpan;  // "Geschäftsjahr 2024" keeps the noun; "im 2024" drops the preposition
    char first = firstLetterOf(text);  // from text: TermTable sorts by it
};
struct Term {  // words with no value of their own: links, and patterns with a "{date}" slot
    std::string_view text;
    uint8_t flags;
    char first = firstLetterOf(text);  // from text: TermTable sorts by it
};

// A table of terms in the order listed, and a copy stably sorted by first letter with where each
// letter's terms begin: matchLongest reads only the terms that can match, where a pass over a whole
// table missed the cache at nearly every term. Iterating a table gives the terms as listed.
template <typename Entry>
struct TermTable {
    std::span<const Entry> listed;
    std::span<const Entry> byFirst;
    std::span<const uint16_t, 257> firstOffsets;  // byFirst[firstOffsets[c], firstOffsets[c + 1]) start with c

    auto begin() const { return listed.begin(); }
    auto end() const { return listed.end(); }
    // The terms whose first letter (lower-cased) is `first`, in the order listed.
    std::span<const Entry> startingWith(char first) const {
        const auto c = static_cast<unsigned char>(first);
        return byFirst.subspan(firstOffsets[c], firstOffsets[c + 1u] - firstOffsets[c]);
    }
};

// Between the bounds of a range: "2 bis 3", "2-3", "2 to 3".
extern const TermTable<Term> kRangeConnectors;
// Before or after an amount: "$", "US$", "€", "RMB", "CNY".
extern const TermTable<CurrencyTerm> kCurrencySigns;
// After an amount only: "Yuan", "US-Dollar", "Canadian dollars", "Schweizer Franken".
extern const TermTable<CurrencyTerm> kCurrencyWords;
extern const TermTable<ScaleTerm> kScales;
extern const TermTable<PercentTerm> kPercentSigns;
extern const TermTable<NumberedTerm> kMonths;
extern const TermTable<NumberedTerm> kWeekdays;
// Ordinals of halves and quarters: "ersten", "second".
extern const TermTable<NumberedTerm> kOrdinals;
// What an ordinal counts: "Halbjahr", "quarter", "sechs Monaten".
extern const TermTable<UnitTerm> kPeriodNouns;
// Days from the publication date: "gestern" -1.
extern const TermTable<NumberedTerm> kRelativeDays;
// Steps from the publication's period: "letzten" -1, "this" 0, "next" +1 ...
extern const TermTable<NumberedTerm> kModifiers;
// ... and the unit they step in: "Jahr", "month", "Quartal" (weekdays come from kWeekdays).
extern const TermTable<UnitTerm> kCalendarUnits;
// A year relative to publication in one word: "Vorjahr" -1.
extern const TermTable<NumberedTerm> kRelativeYearWords;
// After a period noun, naming its year without a number: "of the year", "des Jahres".
extern const TermTable<NumberedTerm> kYearOfPhrases;
// Links between a period noun and its year: "of", "des", "im".
extern const TermTable<Term> kYearLinks;
// Words that make a following four-digit number a year: "im", "seit", "Geschäftsjahr", "fiscal".
extern const TermTable<YearIntroTerm> kYearIntros;
// Periods named by their last day: "quarter" in "quarter ended June 30".
extern const TermTable<UnitTerm> kEndedPeriodNouns;
// How the last day follows: "ended {date}", ", das am {date} endete".
extern const TermTable<Term> kEndedPatterns;
// After a digit: "1st", "2nd", "3rd", "4th".
extern const TermTable<Term> kOrdinalSuffixes;
// Letters glued to a number that name a period: "Q2 2024", "H1 2024", "FY2024", "2Q24".
extern const TermTable<UnitTerm> kCompactPeriods;

// True when `flags` allow the term in `context`.
inline bool termAllowed(uint8_t flags, const TermContext& context) {
    if ((flags & kGluedOnly) && !context.glued) return false;
    if ((flags & kAfterScale) && !context.afterScale) return false;
    if ((flags & kGermanOnly) && context.lang == Lang::EN) return false;
    if ((flags & kEnglishOnly) && context.lang == Lang::DE) return false;
    return true;
}

template <typename Entry>
struct TermMatch {
    const Entry* term = nullptr;
    size_t end = 0;
    explicit operator bool() const { return term != nullptr; }
};

// The longest term of `table` spelled at `pos` and allowed in `context`; the
// first listed wins a tie.
template <typename Entry>
TermMatch<Entry> matchLongest(const TermTable<Entry>& table, std::string_view text, size_t pos,
                              const TermContext& context = {}) {
    TermMatch<Entry> best;
    if (pos >= text.size()) return best;
    for (const Entry& term : table.startingWith(asciiLower(text[pos]))) {
        if (!termAllowed(term.flags, context)) continue;
        const size_t end = matchTerm(text, pos, term.text, (term.flags & kExactCase) != 0);
        if (end != kNoMatch && (!best || end > best.end)) best = {&term, end};
    }
    return best;
}

// The scanner's rules, as bits: which rules a word can start.
enum Anchor : uint32_t {
    kCurrencyAnchor = 1 << 0,
    kOrdinalAnchor = 1 << 1,
    kMonthAnchor = 1 << 2,
    kWeekdayAnchor = 1 << 3,
    kRelativeDayAnchor = 1 << 4,
    kModifierAnchor = 1 << 5,
    kRelativeYearAnchor = 1 << 6,
    kYearIntroAnchor = 1 << 7,
    kEndedPeriodAnchor = 1 << 8,
    kCompactPeriodAnchor = 1 << 9,
};

// The rules the word `word` (letters only) may start, from the first words of
// the terms above; 0 for almost every word of a text, found by one hash lookup.
uint32_t anchorsOf(std::string_view word);

}  // namespace kgraph::ingest::normalize
