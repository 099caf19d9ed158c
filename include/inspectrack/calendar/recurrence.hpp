#pragma once
// Recurring tasks: the periods a repeat rule covers and each occurrence's deadline.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/due.hpp"
#include "inspectrack/model/repeat.hpp"

namespace inspectrack::calendar {

// Occurrences of recurring tasks exist once their deadline is at most this many days
// after the day a command works for (--as-of): in time for `due` and reminders, and
// never a pile of future copies.
inline constexpr int kOccurrenceHorizonDays = 7;

// One reporting period: a month, quarter, half-year or year.
struct ReportPeriod {
  model::Date start;  // first day
  model::Date end;    // last day
  // Stable label, part of an occurrence's key: "2021-07", "2021-Q3", "2021-H2", "2021".
  std::string label;

  bool operator==(const ReportPeriod&) const = default;
};

// The period of `every` that holds `day`.
ReportPeriod period_containing(model::Repeat::Every every, model::Date day);
// The period right after `period`.
ReportPeriod next_period(model::Repeat::Every every, const ReportPeriod& period);
// The period a label names; nullopt when the label is not of `every`'s shape.
std::optional<ReportPeriod> parse_period_label(model::Repeat::Every every, std::string_view label);

// The last allowed day of one occurrence under a recurring task's due rule:
// - day D: day D of the period's last month (its last day when the month is shorter),
//   taken literally like an explicit date;
// - within N days / N working days (from the period's end unless `from` says otherwise):
//   as last_allowed_day with the period's end as Anchor::period_end.
// Other forms behave as last_allowed_day.
DeadlineResult occurrence_last_day(const model::Due& rule, const ReportPeriod& period,
                                   const Anchors& anchors, const WorkCalendar& calendar);

struct Occurrence {
  ReportPeriod period;
  model::Date last_day;
  bool provisional = false;  // the deadline depends on a provisional day
};

// The occurrences of a recurring task whose last allowed day is on or before `limit`,
// oldest first: every period from the one holding `first` (repeat.from when set, else
// what the caller passes: the inspection's conclusion date or last day) to the one
// holding repeat.until (no end when unset), none starting after `limit` or after the
// year 9999, so at most 12 a year. Periods whose deadline cannot be computed are
// skipped. How many a command may store is the caller's limit.
std::vector<Occurrence> occurrences(const model::Repeat& repeat, model::Date first,
                                    const model::Due& rule, const Anchors& anchors,
                                    const WorkCalendar& calendar, model::Date limit);

}  // namespace inspectrack::calendar
