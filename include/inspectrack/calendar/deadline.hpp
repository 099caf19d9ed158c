#pragma once
// Deadline rules: from a due form as written to the last allowed day.

#include <optional>
#include <string>
#include <string_view>

#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/due.hpp"

namespace inspectrack::calendar {

// A period as an order words it: "10 days", "10 ngày", "15 working days",
// "15 ngày làm việc" (case-insensitive, NFC or NFD, single spaces not required).
struct Period {
  int count = 0;
  model::Due::Counting counting = model::Due::Counting::calendar_days;
};
// nullopt when the phrase is not a period; count must be 1..3650.
std::optional<Period> parse_period(std::string_view phrase);

// The Vietnamese units parse_period accepts (input words, also named in messages
// that say how to write a period).
inline constexpr std::string_view kDaysWord = "ngày";
inline constexpr std::string_view kWorkingDaysWord = "ngày làm việc";

// The dates a `within` period may run from.
struct Anchors {
  std::optional<model::Date> inspection_to;
  std::optional<model::Date> conclusion_date;
  std::optional<model::Date> period_end;  // a recurring task's period (Anchor::period_end)
};

enum class DeadlineError {
  none,
  missing_anchor,  // from: inspection.to / conclusion.date, but that date is unknown
  out_of_range,    // the result would leave the years 1..9999
  needs_period,    // Form::day outside a recurring task (use calendar/recurrence.hpp)
};

struct DeadlineResult {
  std::optional<model::Date> last_day;  // nullopt for Form::none, or on error
  // The result depends on a provisional (unannounced) day of the calendar.
  bool provisional = false;
  DeadlineError error = DeadlineError::none;
};

// The last allowed day, per the Civil Code 2015:
// - date, by: that day; before: the day before (explicit dates are literal, even on a
//   day off); none: nullopt;
// - within N days from D (art. 147: D is not counted): D + N, and when that is not a
//   working day of `calendar`, the next working day (art. 148);
// - within N working days from D: the N-th working day after D.
// `provisional` is set when a day the computation relied on is provisional.
DeadlineResult last_allowed_day(const model::Due& due, const Anchors& anchors,
                                const WorkCalendar& calendar);

// Whole calendar days late on `as_of`: as_of - last_day when positive, else 0.
int days_late(std::optional<model::Date> last_day, model::Date as_of);
// Working days late on `as_of`: working days in (last_day, as_of], 0 when not late.
int working_days_late(std::optional<model::Date> last_day, model::Date as_of,
                      const WorkCalendar& calendar);

}  // namespace inspectrack::calendar
