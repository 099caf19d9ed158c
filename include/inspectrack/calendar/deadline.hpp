#pragma once
// Deadline rules: from a due form as written to the last allowed day.

#include <optional>
#include <string>
#include <string_view>

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

// The dates a `within` period may run from.
struct Anchors {
  std::optional<model::Date> inspection_to;
  std::optional<model::Date> conclusion_date;
};

enum class DeadlineError {
  none,
  missing_anchor,           // from: inspection.to / conclusion.date, but that date is unknown
  working_days_unsupported, // needs the working-day calendar (issue 3)
  out_of_range,             // the result would leave the years 1..9999
};

struct DeadlineResult {
  std::optional<model::Date> last_day;  // nullopt for Form::none, or on error
  DeadlineError error = DeadlineError::none;
};

// The last allowed day:
// - date, by: that day;  before: the day before;  none: nullopt;
// - within N days from D: D + N (Civil Code 2015 art. 147: the start day is not
//   counted). Working days are not supported yet: they need the calendar
//   (issue 3) and give an error.
DeadlineResult last_allowed_day(const model::Due& due, const Anchors& anchors);

// Whole days late on `as_of`: as_of - last_day when positive, else 0.
int days_late(std::optional<model::Date> last_day, model::Date as_of);

}  // namespace inspectrack::calendar
