#include "ingest/normalize/calendar.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "ingest/normalize/text_scan.hpp"

namespace kgraph::ingest::normalize {

using std::chrono::days;
using std::chrono::sys_days;

namespace {

// The number written in text[begin, end) when all of it is digits.
std::optional<int> digitsValue(std::string_view text, size_t begin, size_t end) {
    int value = 0;
    for (size_t i = begin; i < end; ++i) {
        if (!isDigit(text[i])) return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

Date makeDate(int year, unsigned month, unsigned day) {
    return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

int daysBetween(Date a, Date b) { return std::abs((sys_days{a} - sys_days{b}).count()); }

}  // namespace

std::optional<Date> parseIsoDate(std::string_view text) {
    constexpr size_t kLength = 10;  // YYYY-MM-DD
    if (text.size() < kLength || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (text.size() > kLength && text[kLength] != 'T' && text[kLength] != ' ') return std::nullopt;
    auto year = digitsValue(text, 0, 4);
    auto month = digitsValue(text, 5, 7);
    auto day = digitsValue(text, 8, 10);
    if (!year || !month || !day) return std::nullopt;
    Date date = makeDate(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string yearPeriod(int year) { return fmt::format("{:04}", year); }
std::string halfPeriod(int year, int half) { return fmt::format("{:04}-H{}", year, half); }
std::string quarterPeriod(int year, int quarter) { return fmt::format("{:04}-Q{}", year, quarter); }
std::string monthPeriod(int year, unsigned month) { return fmt::format("{:04}-{:02}", year, month); }

std::string datePeriod(Date date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

std::string monthPeriodFrom(Date reference, int offset) {
    const auto month = std::chrono::year_month{reference.year(), reference.month()} + std::chrono::months{offset};
    return monthPeriod(static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
}

std::string quarterPeriodFrom(Date reference, int offset) {
    constexpr int kQuarters = 4;
    const int year = static_cast<int>(reference.year());
    const int index = year * kQuarters + quarterOfMonth(static_cast<unsigned>(reference.month())) - 1 + offset;
    return quarterPeriod(index / kQuarters, index % kQuarters + 1);
}

std::optional<Date> nearestDate(unsigned month, unsigned day, Date reference) {
    const int year = static_cast<int>(reference.year());
    std::optional<Date> best;
    for (int candidateYear : {year, year - 1, year + 1}) {
        Date candidate = makeDate(candidateYear, month, day);
        if (candidate.ok() && (!best || daysBetween(candidate, reference) < daysBetween(*best, reference))) {
            best = candidate;
        }
    }
    return best;
}

std::optional<Date> latestDateUpTo(unsigned month, unsigned day, Date reference) {
    const int year = static_cast<int>(reference.year());
    for (int candidateYear : {year, year - 1, year - 2, year - 3, year - 4}) {  // 29 February: up to four years back
        Date candidate = makeDate(candidateYear, month, day);
        if (candidate.ok() && sys_days{candidate} <= sys_days{reference}) return candidate;
    }
    return std::nullopt;
}

int nearestYearOfMonth(unsigned month, Date reference) {
    const int year = static_cast<int>(reference.year());
    const int monthsAhead = static_cast<int>(month) - static_cast<int>(static_cast<unsigned>(reference.month()));
    if (monthsAhead > 6) return year - 1;
    if (monthsAhead < -6) return year + 1;
    return year;
}

Date resolveWeekday(std::chrono::weekday day, WeekdayRule rule, Date reference) {
    const sys_days today{reference};
    const std::chrono::weekday todayWeekday{today};
    switch (rule) {
        case WeekdayRule::ON_OR_BEFORE: return Date{today - (todayWeekday - day)};
        case WeekdayRule::BEFORE: return Date{today - days{1} - (std::chrono::weekday{today - days{1}} - day)};
        case WeekdayRule::AFTER: return Date{today + days{1} + (day - std::chrono::weekday{today + days{1}})};
    }
    return reference;
}

Date addDays(Date date, int count) { return Date{sys_days{date} + days{count}}; }

}  // namespace kgraph::ingest::normalize
