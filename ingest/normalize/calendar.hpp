// Calendar arithmetic for periods stated relative to an article's publication
// date, and the period strings of the data model: "2024", "2024-H1",
// "2024-Q2", "2024-06", "2024-08-28".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kgraph::ingest::normalize {

using Date = std::chrono::year_month_day;

// "YYYY-MM-DD", alone or followed by 'T' or ' ' and a time; nullopt for anything else.
std::optional<Date> parseIsoDate(std::string_view text);

std::string yearPeriod(int year);
std::string halfPeriod(int year, int half);
std::string quarterPeriod(int year, int quarter);
std::string monthPeriod(int year, unsigned month);
std::string datePeriod(Date date);

// The month or quarter `offset` steps from the one `reference` lies in:
// "letzten Monat" is monthPeriodFrom(published, -1).
std::string monthPeriodFrom(Date reference, int offset);
std::string quarterPeriodFrom(Date reference, int offset);

inline int quarterOfMonth(unsigned month) {
    return static_cast<int>((month + 2) / 3);
}
inline int halfOfMonth(unsigned month) {
    return month <= 6 ? 1 : 2;
}

// A day of a month without a year, in the year that puts it nearest to
// `reference` (articles speak of recent and coming days: "30. Dezember" in a
// text of 2 January is last year's). nullopt when no such day exists.
std::optional<Date> nearestDate(unsigned month, unsigned day, Date reference);

// A day of a month without a year, at its latest on `reference` ("the quarter
// ended June 30" has ended by the time it is reported).
std::optional<Date> latestDateUpTo(unsigned month, unsigned day, Date reference);

// The year of the month nearest to `reference` ("im Dezember" in January is last December).
int nearestYearOfMonth(unsigned month, Date reference);

enum class WeekdayRule {
    ON_OR_BEFORE,  // "am Montag", "on Monday": this week's day, or today
    BEFORE,       // "vergangenen Freitag", "last Friday"
    AFTER,        // "kommenden Freitag", "next Friday"
};
Date resolveWeekday(std::chrono::weekday day, WeekdayRule rule, Date reference);

Date addDays(Date date, int days);

}  // namespace kgraph::ingest::normalize
