// Reader: the pieces quantities are made of (numbers with their scale, years,
// days, dates) read at byte positions of one text. Each read returns what it
// found and where it ends, or nullopt; the rules that combine the pieces into
// money, shares and periods are the scanner's (quantity.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "ingest/language.hpp"
#include "ingest/normalize/decimal.hpp"

namespace kgraph::ingest::normalize {

// A year standing alone must look like one: counts such as "2000 Mitarbeiter"
// compete with it. A year inside a date or after "Halbjahr" is a year anyway.
inline constexpr int kMinBareYear = 1990;
inline constexpr int kMaxBareYear = 2100;
inline constexpr int kMinDateYear = 1900;
inline constexpr int kMaxDateYear = 2199;

// A number read from the text (a year, a day) and where it ends.
struct NumberAt {
    int value;
    size_t end;
};

// A day and month, with the year when the text gives one.
struct DateAt {
    unsigned day;
    unsigned month;
    std::optional<int> year;
    size_t end;
};

// A number and its scale word as written: "4,2 Milliarden" is 42e-1 and 9.
struct ScaledNumber {
    Decimal number;
    std::optional<int> scale;
    size_t end;
};

class Reader {
public:
    Reader(std::string_view text, Lang lang) : text_(text), lang_(lang) {}

    // --- Numbers ---

    // The end of the digits at `pos`, with '.' and ',' between digits: "1.500,25".
    size_t numberEnd(size_t pos) const;
    // The value of text[begin, end) when it is 1 to `maxDigits` plain digits.
    std::optional<int> numberIn(size_t begin, size_t end, size_t maxDigits) const;
    // "4,2 Milliarden", "2.5bn", "800", in the number format of the text's language.
    std::optional<ScaledNumber> readScaledNumber(size_t pos) const;
    // The end of "st", "nd", "rd" or "th" at `pos`, or kNoMatch.
    size_t ordinalSuffixEnd(size_t pos) const;

    // --- Years and dates ---

    // A four-digit year in [minYear, maxYear] standing alone: not "2024er",
    // not "2024/25" or "2024-25" (a fiscal year across two calendar years).
    std::optional<NumberAt> readYear(size_t pos, int minYear, int maxYear) const;
    // "2024" or "24" (compact forms: "FY24", "2Q24", "Q2/24").
    std::optional<NumberAt> readShortOrLongYear(size_t pos) const;
    // A day of the month, 1 to 31, with an optional English suffix ("26th").
    std::optional<NumberAt> readDay(size_t pos) const;
    // Any of the three forms below.
    std::optional<DateAt> readDate(size_t pos) const;
    // "28.08.2024" (German) and "2024-08-28" (ISO).
    std::optional<DateAt> readNumericDate(size_t pos) const;
    // "28. August 2024", "26 August 2024", "30. Juni", "1st June".
    std::optional<DateAt> readDayFirst(size_t pos) const;
    // "August 26, 2024", "Aug. 26 2024", "June 30".
    std::optional<DateAt> readMonthFirst(size_t pos) const;

    // --- Words and boundaries ---

    size_t lettersEnd(size_t pos) const;
    // Bytes of the UTF-8 character at `pos`, cut at the text's end.
    size_t characterLength(size_t pos) const;
    // The position after the white space at `pos`; the text's end, where
    // nothing matches, when there is none: the words read next must stand apart.
    size_t skipSpacesAtLeastOne(size_t pos) const;
    // A number that continues a token rather than starting one: "G7",
    // "GPT-4.5", the parts of "978-3-16-148410-0" and "2024/25".
    bool continuesToken(size_t pos) const;
    // True when `word` (lower case) stands right before `pos`, white space between.
    bool followsWord(size_t pos, std::string_view word) const;

protected:
    std::string_view text_;
    Lang lang_;
};

}  // namespace kgraph::ingest::normalize
