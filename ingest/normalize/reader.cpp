#include "ingest/normalize/reader.hpp"

#include <algorithm>

#include "ingest/normalize/calendar.hpp"
#include "ingest/normalize/lexicon.hpp"
#include "ingest/normalize/text_scan.hpp"

namespace kgraph::ingest::normalize {

namespace {

// Two-digit years ("1H24", "FY24"): from 90 on the 1990s, else this century.
constexpr int kTwoDigitPivot = 90;
constexpr int kCentury = 100;
constexpr int kTwoDigitBase = 2000;
constexpr size_t kYearDigits = 4;
constexpr size_t kIsoDateLength = 10;  // YYYY-MM-DD
constexpr int kLastDayOfMonth = 31;

}  // namespace

size_t Reader::numberEnd(size_t pos) const {
    while (pos < text_.size()) {
        const char c = text_[pos];
        const bool separator = (c == '.' || c == ',') && pos + 1 < text_.size() && isDigit(text_[pos + 1]);
        if (!isDigit(c) && !separator) break;
        ++pos;
    }
    return pos;
}

std::optional<int> Reader::numberIn(size_t begin, size_t end, size_t maxDigits) const {
    if (end <= begin || end - begin > maxDigits) return std::nullopt;
    int value = 0;
    for (size_t i = begin; i < end; ++i) {
        if (!isDigit(text_[i])) return std::nullopt;
        value = value * 10 + (text_[i] - '0');
    }
    return value;
}

std::optional<ScaledNumber> Reader::readScaledNumber(size_t pos) const {
    if (pos >= text_.size() || !isDigit(text_[pos])) return std::nullopt;
    const size_t end = numberEnd(pos);
    auto number = parseDecimal(text_.substr(pos, end - pos), lang_);
    if (!number) return std::nullopt;
    const size_t scalePos = skipSpaces(text_, end);
    if (auto scale = matchLongest(kScales, text_, scalePos, TermContext{lang_, scalePos == end, false})) {
        return ScaledNumber{*number, scale.term->exponent, scale.end};
    }
    return ScaledNumber{*number, std::nullopt, end};
}

size_t Reader::ordinalSuffixEnd(size_t pos) const {
    auto suffix = matchLongest(kOrdinalSuffixes, text_, pos);
    return suffix ? suffix.end : kNoMatch;
}

std::optional<NumberAt> Reader::readYear(size_t pos, int minYear, int maxYear) const {
    if (pos >= text_.size() || !isDigit(text_[pos])) return std::nullopt;
    const size_t end = numberEnd(pos);
    auto year = numberIn(pos, end, kYearDigits);
    if (!year || end - pos != kYearDigits || *year < minYear || *year > maxYear) return std::nullopt;
    if (letterLength(text_, end) > 0) return std::nullopt;
    const bool joined = end + 1 < text_.size() && (text_[end] == '/' || text_[end] == '-') && isDigit(text_[end + 1]);
    if (joined) return std::nullopt;
    return NumberAt{*year, end};
}

std::optional<NumberAt> Reader::readShortOrLongYear(size_t pos) const {
    if (auto year = readYear(pos, kMinDateYear, kMaxDateYear)) return year;
    if (pos >= text_.size() || !isDigit(text_[pos])) return std::nullopt;
    const size_t end = numberEnd(pos);
    auto shortYear = numberIn(pos, end, 2);
    if (!shortYear || end - pos != 2 || isWordCharAt(text_, end)) return std::nullopt;
    const int century = *shortYear >= kTwoDigitPivot ? kTwoDigitBase - kCentury : kTwoDigitBase;
    return NumberAt{century + *shortYear, end};
}

std::optional<NumberAt> Reader::readDay(size_t pos) const {
    if (pos >= text_.size() || !isDigit(text_[pos])) return std::nullopt;
    const size_t end = numberEnd(pos);
    auto day = numberIn(pos, end, 2);
    if (!day || *day < 1 || *day > kLastDayOfMonth) return std::nullopt;
    const size_t suffixEnd = ordinalSuffixEnd(end);
    const size_t after = suffixEnd == kNoMatch ? end : suffixEnd;
    if (letterLength(text_, after) > 0) return std::nullopt;
    return NumberAt{*day, after};
}

std::optional<DateAt> Reader::readDate(size_t pos) const {
    if (auto date = readNumericDate(pos)) return date;
    if (auto date = readDayFirst(pos)) return date;
    return readMonthFirst(pos);
}

std::optional<DateAt> Reader::readNumericDate(size_t pos) const {
    const size_t end = numberEnd(pos);
    if (end == pos || letterLength(text_, end) > 0) return std::nullopt;
    const std::string_view written = text_.substr(pos, end - pos);
    const size_t firstDot = written.find('.');
    const size_t lastDot = written.rfind('.');
    if (firstDot != std::string_view::npos && firstDot != lastDot) {
        auto day = numberIn(pos, pos + firstDot, 2);
        auto month = numberIn(pos + firstDot + 1, pos + lastDot, 2);
        auto year = numberIn(pos + lastDot + 1, end, kYearDigits);
        if (!day || !month || !year || end - (pos + lastDot + 1) != kYearDigits) return std::nullopt;
        return DateAt{static_cast<unsigned>(*day), static_cast<unsigned>(*month), *year, end};
    }
    if (end - pos != kYearDigits || pos + kIsoDateLength > text_.size()) return std::nullopt;
    if (isWordCharAt(text_, pos + kIsoDateLength)) return std::nullopt;
    auto iso = parseIsoDate(text_.substr(pos, kIsoDateLength));
    if (!iso) return std::nullopt;
    return DateAt{static_cast<unsigned>(iso->day()), static_cast<unsigned>(iso->month()), static_cast<int>(iso->year()),
                  pos + kIsoDateLength};
}

std::optional<DateAt> Reader::readDayFirst(size_t pos) const {
    auto day = readDay(pos);
    if (!day) return std::nullopt;
    size_t monthPos = day->end;
    const bool dotted = monthPos < text_.size() && text_[monthPos] == '.';
    if (dotted) ++monthPos;
    const size_t afterSpace = skipSpaces(text_, monthPos);
    if (afterSpace == monthPos && !dotted) return std::nullopt;
    auto month = matchLongest(kMonths, text_, afterSpace);
    if (!month) return std::nullopt;
    DateAt date{static_cast<unsigned>(day->value), static_cast<unsigned>(month.term->number), std::nullopt, month.end};
    if (auto year = readYear(skipSpacesAtLeastOne(month.end), kMinDateYear, kMaxDateYear)) {
        date.year = year->value;
        date.end = year->end;
    }
    return date;
}

std::optional<DateAt> Reader::readMonthFirst(size_t pos) const {
    auto month = matchLongest(kMonths, text_, pos);
    if (!month) return std::nullopt;
    auto day = readDay(skipSpacesAtLeastOne(month.end));
    if (!day) return std::nullopt;
    DateAt date{static_cast<unsigned>(day->value), static_cast<unsigned>(month.term->number), std::nullopt, day->end};
    size_t yearPos = day->end;
    if (yearPos < text_.size() && text_[yearPos] == ',') ++yearPos;
    if (auto year = readYear(skipSpacesAtLeastOne(yearPos), kMinDateYear, kMaxDateYear)) {
        date.year = year->value;
        date.end = year->end;
    }
    return date;
}

size_t Reader::lettersEnd(size_t pos) const {
    for (;;) {
        while (pos < text_.size() && isAsciiLetter(text_[pos])) ++pos;
        const size_t length = letterLength(text_, pos);
        if (length == 0) return pos;
        pos += length;
    }
}

size_t Reader::characterLength(size_t pos) const {
    const auto lead = static_cast<unsigned char>(text_[pos]);
    const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return std::min(length, text_.size() - pos);
}

size_t Reader::skipSpacesAtLeastOne(size_t pos) const {
    const size_t after = skipSpaces(text_, pos);
    return after == pos ? text_.size() : after;
}

bool Reader::continuesToken(size_t pos) const {
    if (isWordCharBefore(text_, pos)) return true;
    if (pos < 2) return false;
    const char before = text_[pos - 1];
    const bool joiner = before == '-' || before == '/' || before == '.' || before == ',';
    return joiner && isWordCharBefore(text_, pos - 1);
}

bool Reader::followsWord(size_t pos, std::string_view word) const {
    size_t end = pos;
    while (end > 0 && spaceLength(text_, end - 1) == 1) --end;
    if (end < word.size() || isWordCharBefore(text_, end - word.size())) return false;
    return matchTerm(text_, end - word.size(), word, false) == end;
}

}  // namespace kgraph::ingest::normalize
