#include "inspectrack/calendar/recurrence.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace inspectrack::calendar {
namespace {

using model::Date;
using model::Due;
using model::Repeat;

constexpr int kLastYear = 9999;

constexpr bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

constexpr int months_per_period(Repeat::Every every) {
  switch (every) {
    case Repeat::Every::monthly: return 1;
    case Repeat::Every::quarterly: return 3;
    case Repeat::Every::half_yearly: return 6;
    case Repeat::Every::yearly: return 12;
  }
  return 12;
}

std::string make_label(Repeat::Every every, int year, int index) {
  switch (every) {
    case Repeat::Every::monthly: return fmt::format("{:04}-{:02}", year, index);
    case Repeat::Every::quarterly: return fmt::format("{:04}-Q{}", year, index);
    case Repeat::Every::half_yearly: return fmt::format("{:04}-H{}", year, index);
    case Repeat::Every::yearly: return fmt::format("{:04}", year);
  }
  return {};
}

}  // namespace

ReportPeriod period_containing(Repeat::Every every, Date day) {
  // Built by day arithmetic from `day` itself rather than Date::from_ymd, so that the
  // period after December 9999 still exists for loops that need to see it end.
  const int year = day.year();
  const int month = day.month();
  const int length = months_per_period(every);
  const int index = (month - 1) / length + 1;
  const int first_month = (index - 1) * length + 1;

  int days_before = day.day() - 1;
  for (int m = first_month; m < month; ++m) days_before += days_in_month(year, m);
  int days_total = 0;
  for (int m = first_month; m < first_month + length; ++m) days_total += days_in_month(year, m);

  ReportPeriod period;
  period.start = day.plus_days(-days_before);
  period.end = period.start.plus_days(days_total - 1);
  period.label = make_label(every, year, index);
  return period;
}

ReportPeriod next_period(Repeat::Every every, const ReportPeriod& period) {
  return period_containing(every, period.end.plus_days(1));
}

std::optional<ReportPeriod> parse_period_label(Repeat::Every every, std::string_view label) {
  if (label.size() < 4) return std::nullopt;
  const auto year = model::parse_digits(label.substr(0, 4), 4, 4);
  if (!year || *year < 1) return std::nullopt;
  std::string_view rest = label.substr(4);

  int first_month = 1;
  switch (every) {
    case Repeat::Every::yearly:
      if (!rest.empty()) return std::nullopt;
      break;
    case Repeat::Every::monthly: {
      if (rest.size() != 3 || rest[0] != '-') return std::nullopt;
      const auto month = model::parse_digits(rest.substr(1), 2, 2);
      if (!month || *month < 1 || *month > 12) return std::nullopt;
      first_month = *month;
      break;
    }
    case Repeat::Every::quarterly:
    case Repeat::Every::half_yearly: {
      const bool quarter = every == Repeat::Every::quarterly;
      if (rest.size() != 3 || rest[0] != '-' || rest[1] != (quarter ? 'Q' : 'H')) {
        return std::nullopt;
      }
      const auto index = model::parse_digits(rest.substr(2), 1, 1);
      if (!index || *index < 1 || *index > (quarter ? 4 : 2)) return std::nullopt;
      first_month = (*index - 1) * months_per_period(every) + 1;
      break;
    }
  }
  const auto start = Date::from_ymd(*year, first_month, 1);
  if (!start) return std::nullopt;
  return period_containing(every, *start);
}

DeadlineResult occurrence_last_day(const Due& rule, const ReportPeriod& period,
                                   const Anchors& anchors, const WorkCalendar& calendar) {
  if (rule.form == Due::Form::day) {
    // Like an explicit date: the day is taken as written, even when it is a day off.
    const int month_length = period.end.day();
    const int day = std::clamp(rule.day, 1, month_length);
    DeadlineResult result;
    result.last_day = period.end.plus_days(day - month_length);
    return result;
  }
  Anchors with_period = anchors;
  with_period.period_end = period.end;
  return last_allowed_day(rule, with_period, calendar);
}

std::vector<Occurrence> occurrences(const Repeat& repeat, Date first, const Due& rule,
                                    const Anchors& anchors, const WorkCalendar& calendar,
                                    Date limit) {
  std::vector<Occurrence> result;
  // Day and within rules fall on or after their period's start, so no period that
  // starts after `limit` can have a deadline on or before it.
  for (ReportPeriod period = period_containing(repeat.every, repeat.from.value_or(first));
       period.start.year() <= kLastYear && period.start <= limit &&
       (!repeat.until || period.start <= *repeat.until);
       period = next_period(repeat.every, period)) {
    const DeadlineResult deadline = occurrence_last_day(rule, period, anchors, calendar);
    if (deadline.error != DeadlineError::none || !deadline.last_day ||
        *deadline.last_day > limit) {
      continue;
    }
    result.push_back(Occurrence{period, *deadline.last_day, deadline.provisional});
  }
  return result;
}

}  // namespace inspectrack::calendar
