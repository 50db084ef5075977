#include "ingest/normalize/quantity.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "common/assert.hpp"
#include "ingest/normalize/calendar.hpp"
#include "ingest/normalize/decimal.hpp"
#include "ingest/normalize/lexicon.hpp"
#include "ingest/normalize/reader.hpp"
#include "ingest/normalize/text_scan.hpp"

namespace kgraph::ingest {

namespace normalize {
namespace {

constexpr int kPercentExponent = -2;
constexpr std::string_view kDateSlot = "{date}";  // in kEndedPatterns

// "letzten Freitag", "this year", "nächsten Monat": a unit stepped from the publication date.
struct RelativeAt {
    int offset;
    PeriodUnit unit;
    int weekday;  // for PeriodUnit::WEEKDAY, 0 = Sunday
    size_t end;
};

// An amount of money or a share before its unit: one number or a range.
struct AmountAt {
    Decimal lower;  // a range states its lower bound: the amount the text vouches for
    bool scaled;
    size_t end;
};

// The rules: where a quantity may start (a digit, a currency sign, a word of
// the lexicon's anchor index) and how its pieces combine. Reads left to right
// and resumes after each quantity found, so spans never overlap.
class QuantityScanner : private Reader {
public:
    QuantityScanner(std::string_view text, Lang lang, std::optional<Date> published)
        : Reader(text, lang), published_(published) {}

    std::vector<Quantity> scan() const {
        std::vector<Quantity> found;
        size_t pos = 0;
        while (pos < text_.size()) {
            const char c = text_[pos];
            if (startsNothing(c)) {  // white space and punctuation, most of the bytes between words
                ++pos;
                continue;
            }
            // A quantity is looked for only where one may start: most words are none.
            size_t next;
            if (isDigit(c)) {
                next = numberEnd(pos);
                if (!continuesToken(pos)) next = take(atNumber(pos), next, found);
            } else if (letterLength(text_, pos) > 0) {
                next = lettersEnd(pos);
                if (uint32_t anchors = anchorsOf(text_.substr(pos, next - pos))) next = take(atWord(pos, anchors), next, found);
            } else {
                next = pos + characterLength(pos);
                if (mayStartCurrencySign(pos)) next = take(moneyAfterSign(pos), next, found);
            }
            pos = next;
        }
        return found;
    }

private:
    // --- Dispatch ---------------------------------------------------------------

    // Where the scan goes on: after the quantity found, which is kept, else at `next`.
    static size_t take(std::optional<Quantity> quantity, size_t next, std::vector<Quantity>& found) {
        if (!quantity) return next;
        found.push_back(std::move(*quantity));
        return found.back().end;
    }

    std::optional<Quantity> atNumber(size_t pos) const {
        if (auto quantity = dateAtNumber(pos)) return quantity;
        if (auto quantity = numberedPeriod(pos)) return quantity;
        if (auto quantity = compactPeriodAfterDigit(pos)) return quantity;
        return moneyOrShare(pos);
    }

    std::optional<Quantity> atWord(size_t pos, uint32_t anchors) const {
        using Rule = std::optional<Quantity> (QuantityScanner::*)(size_t) const;
        // In order of precedence: "Q2" is a quarter before it is anything else.
        static constexpr std::pair<Anchor, Rule> kWordRules[] = {
            {kCurrencyAnchor, &QuantityScanner::moneyAfterSign},
            {kCompactPeriodAnchor, &QuantityScanner::compactPeriod},
            {kOrdinalAnchor, &QuantityScanner::ordinalPeriod},
            {kEndedPeriodAnchor, &QuantityScanner::endedPeriod},
            {kModifierAnchor, &QuantityScanner::relativePeriod},
            {kMonthAnchor, &QuantityScanner::monthFirstPeriod},
            {kWeekdayAnchor, &QuantityScanner::weekdayPeriod},
            {kRelativeDayAnchor, &QuantityScanner::relativeDayPeriod},
            {kRelativeYearAnchor, &QuantityScanner::relativeYearPeriod},
            {kYearIntroAnchor, &QuantityScanner::yearAfterIntro},
        };
        for (const auto& [anchor, rule] : kWordRules) {
            if (!(anchors & anchor)) continue;
            if (auto quantity = (this->*rule)(pos)) return quantity;
        }
        return std::nullopt;
    }

    // --- Money and shares ---------------------------------------------------------

    // "$800m", "US$ 5 billion", "€1,5 Mrd.", "Rmb23bn", "RMB 50 billion", "$2-3bn".
    std::optional<Quantity> moneyAfterSign(size_t pos) const {
        auto sign = matchLongest(kCurrencySigns, text_, pos);
        if (!sign) return std::nullopt;
        auto amount = readAmounts(skipSpaces(text_, sign.end), sign.term);
        if (!amount) return std::nullopt;
        return money(pos, amount->end, amount->lower, sign.term->code);
    }

    // "4,2 Milliarden Yuan", "2.5bn yen", "7 Milliarden US-Dollar", "42,61 Prozent", "12.5%".
    std::optional<Quantity> moneyOrShare(size_t pos) const {
        auto amount = readAmounts(pos, nullptr);
        if (!amount) return std::nullopt;
        const size_t unitPos = skipSpaces(text_, amount->end);
        const TermContext context{lang_, unitPos == amount->end, amount->scaled};
        // "3 Prozentpunkte" is not a share: it is the difference of two shares,
        // and read as a fraction it would pass for a share of a whole.
        if (auto percent = matchLongest(kPercentSigns, text_, unitPos, context)) {
            if (!percent.term->isShare || amount->scaled) return std::nullopt;
            return share(pos, percent.end, amount->lower.scaled(kPercentExponent));
        }
        auto word = matchLongest(kCurrencyWords, text_, unitPos, context);
        auto sign = matchLongest(kCurrencySigns, text_, unitPos, context);
        if (sign && (!word || sign.end > word.end)) return money(pos, sign.end, amount->lower, sign.term->code);
        if (word) return money(pos, word.end, amount->lower, word.term->code);
        return std::nullopt;
    }

    // One amount or a range: "2 bis 3 Milliarden", "$2-3bn", "$2bn to $3bn".
    // `sign` is the currency sign before the first amount, which the second may repeat.
    std::optional<AmountAt> readAmounts(size_t pos, const CurrencyTerm* sign) const {
        auto first = readScaledNumber(pos);
        if (!first) return std::nullopt;
        std::optional<ScaledNumber> second;
        const size_t connectorPos = skipSpaces(text_, first->end);
        auto connector = matchLongest(kRangeConnectors, text_, connectorPos);
        if (connector && isRangeConnector(first->end, connectorPos, connector.end, pos)) {
            size_t secondPos = skipSpaces(text_, connector.end);
            if (sign != nullptr) {
                auto repeated = matchLongest(kCurrencySigns, text_, secondPos);
                if (repeated && repeated.term->code == sign->code) secondPos = skipSpaces(text_, repeated.end);
            }
            second = readScaledNumber(secondPos);
        }
        // "2 bis 3 Milliarden": the upper bound's scale applies to both.
        const std::optional<int> scale = first->scale ? first->scale : second ? second->scale : std::nullopt;
        return AmountAt{first->number.scaled(scale.value_or(0)), scale.has_value(), second ? second->end : first->end};
    }

    // A dash joins bounds only without spaces ("2-3", not "5bn - 2024");
    // "from 5 to 7 billion" states a change, not a range.
    bool isRangeConnector(size_t firstEnd, size_t connectorPos, size_t connectorEnd, size_t rangeBegin) const {
        if (!isAsciiLetter(text_[connectorPos])) {
            return connectorPos == firstEnd && spaceLength(text_, connectorEnd) == 0;
        }
        const bool isTo = matchTerm(text_, connectorPos, "to", false) != kNoMatch;
        return !(isTo && followsWord(rangeBegin, "from"));
    }

    // --- Dates ------------------------------------------------------------------

    // "28.08.2024", "2024-08-28", "28. August 2024", "26 August 2024", "30. Juni".
    std::optional<Quantity> dateAtNumber(size_t pos) const {
        auto date = readNumericDate(pos);
        if (!date) date = readDayFirst(pos);
        if (!date) return std::nullopt;
        return dateQuantity(pos, *date);
    }

    std::optional<Quantity> dateQuantity(size_t begin, const DateAt& date) const {
        std::optional<Date> resolved;
        if (date.year) {
            resolved = Date{std::chrono::year{*date.year}, std::chrono::month{date.month}, std::chrono::day{date.day}};
            if (!resolved->ok()) return std::nullopt;
        } else if (published_) {
            resolved = nearestDate(date.month, date.day, *published_);
        }
        if (!resolved) return std::nullopt;
        return period(begin, date.end, datePeriod(*resolved));
    }

    // "Juni 2024", "June 2024", "August 26, 2024".
    std::optional<Quantity> monthFirstPeriod(size_t pos) const {
        if (auto date = readMonthFirst(pos)) return dateQuantity(pos, *date);
        auto month = matchLongest(kMonths, text_, pos);
        if (!month) return std::nullopt;
        auto year = readYear(skipSpacesAtLeastOne(month.end), kMinDateYear, kMaxDateYear);
        if (!year) return std::nullopt;
        return period(pos, year->end, monthPeriod(year->value, static_cast<unsigned>(month.term->number)));
    }

    // --- Halves, quarters and years -------------------------------------------------

    // "ersten Halbjahr 2024", "second quarter of 2023", "first half of the year".
    std::optional<Quantity> ordinalPeriod(size_t pos) const {
        auto ordinal = matchLongest(kOrdinals, text_, pos);
        if (!ordinal) return std::nullopt;
        return countedPeriod(pos, ordinal.term->number, ordinal.end);
    }

    // "1. Halbjahr", "2. Quartal 2024", "4th quarter".
    std::optional<Quantity> numberedPeriod(size_t pos) const {
        if (numberEnd(pos) != pos + 1) return std::nullopt;
        size_t end = pos + 1;
        if (end < text_.size() && text_[end] == '.') {
            ++end;
        } else {
            end = ordinalSuffixEnd(end);
            if (end == kNoMatch) return std::nullopt;
        }
        return countedPeriod(pos, text_[pos] - '0', end);
    }

    std::optional<Quantity> countedPeriod(size_t begin, int ordinal, size_t ordinalEnd) const {
        const size_t nounPos = skipSpaces(text_, ordinalEnd);
        if (nounPos == ordinalEnd) return std::nullopt;
        auto noun = matchLongest(kPeriodNouns, text_, nounPos);
        if (!noun) return std::nullopt;
        auto year = yearQualifier(noun.end);
        if (!year) return std::nullopt;
        return halfOrQuarter(begin, year->end, noun.term->unit, year->value, ordinal);
    }

    std::optional<Quantity> halfOrQuarter(size_t begin, size_t end, PeriodUnit unit, int year, int number) const {
        if (unit == PeriodUnit::HALF && number >= 1 && number <= 2) return period(begin, end, halfPeriod(year, number));
        if (unit == PeriodUnit::QUARTER && number >= 1 && number <= 4) {
            return period(begin, end, quarterPeriod(year, number));
        }
        return std::nullopt;
    }

    // The year after a half or a quarter: "2024", "of 2024", "des Jahres 2024",
    // "of the year", "of last year", "dieses Jahres", "des Vorjahres", or none:
    // the publication year. nullopt when "of"/"des" names something else
    // ("of the decade", "des Geschäftsjahres") or the year depends on an
    // unknown publication date.
    std::optional<NumberAt> yearQualifier(size_t nounEnd) const {
        const size_t pos = skipSpacesAtLeastOne(nounEnd);
        if (auto year = readYear(pos, kMinDateYear, kMaxDateYear)) return year;
        auto link = matchLongest(kYearLinks, text_, pos);
        const size_t namedPos = link ? skipSpaces(text_, link.end) : pos;
        if (link) {
            if (auto year = readYear(namedPos, kMinDateYear, kMaxDateYear)) return year;
            if (auto phrase = matchLongest(kYearOfPhrases, text_, namedPos)) {
                if (auto year = readYear(skipSpacesAtLeastOne(phrase.end), kMinDateYear, kMaxDateYear)) return year;
                return publishedYearPlus(phrase.term->number, phrase.end);
            }
        }
        if (auto relative = readRelative(namedPos); relative && relative->unit == PeriodUnit::YEAR) {
            return publishedYearPlus(relative->offset, relative->end);
        }
        if (link && (link.term->text == "of" || link.term->text == "des")) return std::nullopt;
        return publishedYearPlus(0, nounEnd);
    }

    std::optional<NumberAt> publishedYearPlus(int offset, size_t end) const {
        if (!published_) return std::nullopt;
        return NumberAt{publishedYear() + offset, end};
    }

    // "Quartal, das am 30. Juni endete", "quarter ended June 30": the
    // calendar quarter (or half) of the last day, in the publication year or
    // the year before when that day would lie after publication.
    std::optional<Quantity> endedPeriod(size_t pos) const {
        auto noun = matchLongest(kEndedPeriodNouns, text_, pos);
        if (!noun) return std::nullopt;
        const size_t patternPos = skipSpaces(text_, noun.end);
        for (const Term& pattern : kEndedPatterns) {
            const size_t slot = pattern.text.find(kDateSlot);
            const size_t datePos = matchTerm(text_, patternPos, pattern.text.substr(0, slot), false);
            if (datePos == kNoMatch) continue;
            auto date = readDate(datePos);
            if (!date) continue;
            const size_t end = matchTerm(text_, date->end, pattern.text.substr(slot + kDateSlot.size()), false);
            if (end == kNoMatch) continue;
            int year = 0;
            if (date->year) {
                year = *date->year;
            } else if (auto last = published_ ? latestDateUpTo(date->month, date->day, *published_) : std::nullopt) {
                year = static_cast<int>(last->year());
            } else {
                return std::nullopt;
            }
            const bool quarter = noun.term->unit == PeriodUnit::QUARTER;
            const int number = quarter ? quarterOfMonth(date->month) : halfOfMonth(date->month);
            return halfOrQuarter(pos, end, noun.term->unit, year, number);
        }
        return std::nullopt;
    }

    // "Q2 2024", "Q2/2024", "Q2" (publication year), "H1 2024", "FY2024", "FY 24".
    std::optional<Quantity> compactPeriod(size_t pos) const {
        const size_t wordEnd = lettersEnd(pos);
        const std::string_view word = text_.substr(pos, wordEnd - pos);
        const UnitTerm* compact = nullptr;
        for (const UnitTerm& term : kCompactPeriods) {
            if (term.text == word) compact = &term;
        }
        if (compact == nullptr) return std::nullopt;
        if (compact->unit == PeriodUnit::YEAR) {
            auto year = readShortOrLongYear(skipSpaces(text_, wordEnd));
            if (!year) return std::nullopt;
            return period(pos, year->end, yearPeriod(year->value));
        }
        if (numberEnd(wordEnd) != wordEnd + 1 || isWordCharAt(text_, wordEnd + 1)) return std::nullopt;
        const int number = text_[wordEnd] - '0';
        size_t yearPos = wordEnd + 1;
        std::optional<NumberAt> year;
        if (yearPos < text_.size() && (text_[yearPos] == '/' || text_[yearPos] == '\'')) {
            year = readShortOrLongYear(yearPos + 1);
        } else {
            year = readYear(skipSpacesAtLeastOne(yearPos), kMinDateYear, kMaxDateYear);
        }
        // "H2" alone is hydrogen as often as a half year: only a quarter may go without a year.
        if (!year && (compact->unit != PeriodUnit::QUARTER || !published_)) return std::nullopt;
        const NumberAt at = year ? *year : NumberAt{publishedYear(), yearPos};
        return halfOrQuarter(pos, at.end, compact->unit, at.value, number);
    }

    // "2Q24", "1H 2024", "3Q2024".
    std::optional<Quantity> compactPeriodAfterDigit(size_t pos) const {
        const size_t letterPos = pos + 1;
        if (numberEnd(pos) != letterPos || letterPos >= text_.size()) return std::nullopt;
        PeriodUnit unit;
        if (text_[letterPos] == 'Q') {
            unit = PeriodUnit::QUARTER;
        } else if (text_[letterPos] == 'H') {
            unit = PeriodUnit::HALF;
        } else {
            return std::nullopt;
        }
        auto year = readShortOrLongYear(skipSpaces(text_, letterPos + 1));
        if (!year) return std::nullopt;
        return halfOrQuarter(pos, year->end, unit, year->value, text_[pos] - '0');
    }

    // "im Jahr 2024" → "Jahr 2024", "im Geschäftsjahr 2024", "fiscal 2024",
    // "seit 2020" → "2020" (the preposition stays out of the span), "im Juni" → the nearest June.
    std::optional<Quantity> yearAfterIntro(size_t pos) const {
        // "in", "im", "bis" are frequent: most are followed by neither a year nor a month.
        const size_t nextPos = skipSpaces(text_, lettersEnd(pos));
        if (nextPos >= text_.size() || !(isDigit(text_[nextPos]) || isAsciiUpper(text_[nextPos]))) {
            return std::nullopt;
        }
        auto intro = matchLongest(kYearIntros, text_, pos);
        if (!intro) return std::nullopt;
        const size_t namedPos = skipSpacesAtLeastOne(intro.end);
        if (auto year = readYear(namedPos, kMinBareYear, kMaxBareYear); year && !startsUnit(year->end)) {
            return period(intro.term->inSpan ? pos : namedPos, year->end, yearPeriod(year->value));
        }
        if (intro.term->inSpan || !published_) return std::nullopt;
        auto month = matchLongest(kMonths, text_, namedPos);
        if (!month || (month.term->flags & kAbbreviation) || readMonthFirst(namedPos) ||
            readYear(skipSpacesAtLeastOne(month.end), kMinDateYear, kMaxDateYear)) {
            return std::nullopt;  // a full date or "Juni 2024": the month rule reads it
        }
        const auto number = static_cast<unsigned>(month.term->number);
        return period(namedPos, month.end, monthPeriod(nearestYearOfMonth(number, *published_), number));
    }

    // True when a scale, currency or percent sign follows: "2024 Millionen Euro" is no year.
    bool startsUnit(size_t end) const {
        const size_t pos = skipSpaces(text_, end);
        const TermContext context{lang_, pos == end, false};
        return matchLongest(kScales, text_, pos, context) || matchLongest(kCurrencyWords, text_, pos, context) ||
               matchLongest(kCurrencySigns, text_, pos, context) || matchLongest(kPercentSigns, text_, pos, context);
    }

    // --- Periods relative to publication ------------------------------------------------

    // "letztes Jahr", "last year", "vergangenen Freitag", "next month", "im laufenden Quartal".
    std::optional<Quantity> relativePeriod(size_t pos) const {
        auto relative = readRelative(pos);
        if (!relative || !published_) return std::nullopt;
        const Date today = *published_;
        const int offset = relative->offset;
        switch (relative->unit) {
            case PeriodUnit::YEAR: return period(pos, relative->end, yearPeriod(publishedYear() + offset));
            case PeriodUnit::QUARTER: return period(pos, relative->end, quarterPeriodFrom(today, offset));
            case PeriodUnit::MONTH: return period(pos, relative->end, monthPeriodFrom(today, offset));
            case PeriodUnit::WEEKDAY: {
                // "last Friday" is strictly before publication, "next Friday" strictly after.
                const WeekdayRule rule = offset < 0   ? WeekdayRule::BEFORE
                                         : offset > 0 ? WeekdayRule::AFTER
                                                      : WeekdayRule::ON_OR_BEFORE;
                const std::chrono::weekday day{static_cast<unsigned>(relative->weekday)};
                return period(pos, relative->end, datePeriod(resolveWeekday(day, rule, today)));
            }
            case PeriodUnit::HALF: break;
        }
        return std::nullopt;
    }

    std::optional<RelativeAt> readRelative(size_t pos) const {
        auto modifier = matchLongest(kModifiers, text_, pos);
        if (!modifier) return std::nullopt;
        const size_t unitPos = skipSpacesAtLeastOne(modifier.end);
        if (auto unit = matchLongest(kCalendarUnits, text_, unitPos)) {
            return RelativeAt{modifier.term->number, unit.term->unit, 0, unit.end};
        }
        if (auto weekday = matchLongest(kWeekdays, text_, unitPos)) {
            return RelativeAt{modifier.term->number, PeriodUnit::WEEKDAY, weekday.term->number, weekday.end};
        }
        return std::nullopt;
    }

    // "am Montag", "on Monday": the latest such day up to publication;
    // "Montag, 26. August 2024" is the date it names.
    std::optional<Quantity> weekdayPeriod(size_t pos) const {
        auto weekday = matchLongest(kWeekdays, text_, pos);
        if (!weekday) return std::nullopt;
        size_t datePos = weekday.end;
        if (datePos < text_.size() && text_[datePos] == ',') ++datePos;
        if (auto date = readDate(skipSpacesAtLeastOne(datePos))) return dateQuantity(pos, *date);
        if (!published_) return std::nullopt;
        const std::chrono::weekday day{static_cast<unsigned>(weekday.term->number)};
        return period(pos, weekday.end, datePeriod(resolveWeekday(day, WeekdayRule::ON_OR_BEFORE, *published_)));
    }

    // "gestern", "heute", "yesterday".
    std::optional<Quantity> relativeDayPeriod(size_t pos) const {
        auto relative = matchLongest(kRelativeDays, text_, pos);
        if (!relative || !published_) return std::nullopt;
        return period(pos, relative.end, datePeriod(addDays(*published_, relative.term->number)));
    }

    // "Vorjahr", "Vorjahres": the year before publication. (Read against the
    // publication date; "im Vergleich zum Vorjahr" after a half year compares
    // with that half a year earlier, which a relation rule may refine.)
    std::optional<Quantity> relativeYearPeriod(size_t pos) const {
        auto relative = matchLongest(kRelativeYearWords, text_, pos);
        if (!relative || !published_) return std::nullopt;
        return period(pos, relative.end, yearPeriod(publishedYear() + relative.term->number));
    }

    // --- Reading text ----------------------------------------------------------------

    // An ASCII byte that is neither letter, digit nor '$'.
    static bool startsNothing(char c) {
        return static_cast<unsigned char>(c) < 0x80 && !isAsciiLetter(c) && !isDigit(c) && c != '$';
    }

    // '$', "€", "₩", "₹" (E2 82 xx: currency symbols), "£" (C2 A3) and "¥" (C2 A5).
    bool mayStartCurrencySign(size_t pos) const {
        const char c = text_[pos];
        if (c == '$') return true;
        if (pos + 1 >= text_.size()) return false;
        const char next = text_[pos + 1];
        return (c == '\xE2' && next == '\x82') || (c == '\xC2' && (next == '\xA3' || next == '\xA5'));
    }

    int publishedYear() const { return static_cast<int>(published_->year()); }

    // --- Results ----------------------------------------------------------------------

    static Quantity money(size_t begin, size_t end, Decimal amount, std::string_view currency) {
        Quantity quantity = spanned(Quantity::Kind::MONEY, begin, end);
        quantity.amount = amount.toDouble();
        quantity.currency = currency;
        return quantity;
    }

    static Quantity share(size_t begin, size_t end, Decimal fraction) {
        Quantity quantity = spanned(Quantity::Kind::SHARE, begin, end);
        quantity.share = fraction.toDouble();
        return quantity;
    }

    static Quantity period(size_t begin, size_t end, std::string value) {
        Quantity quantity = spanned(Quantity::Kind::PERIOD, begin, end);
        quantity.period = std::move(value);
        return quantity;
    }

    static Quantity spanned(Quantity::Kind kind, size_t begin, size_t end) {
        Quantity quantity;
        quantity.kind = kind;
        quantity.begin = static_cast<uint32_t>(begin);
        quantity.end = static_cast<uint32_t>(end);
        return quantity;
    }

    std::optional<Date> published_;
};

}  // namespace
}  // namespace normalize

std::vector<Quantity> findQuantities(std::string_view text, Lang lang, std::string_view published) {
    KG_ASSERT(text.size() < std::numeric_limits<uint32_t>::max());
    return normalize::QuantityScanner(text, lang, normalize::parseIsoDate(published)).scan();
}

}  // namespace kgraph::ingest
