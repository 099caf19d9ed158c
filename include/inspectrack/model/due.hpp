#pragma once
// A task's deadline as the order wrote it.

#include <optional>
#include <string>
#include <string_view>

#include "inspectrack/model/date.hpp"

namespace inspectrack::model {

struct Due {
  enum class Form {
    date,    // due: 22/7/2021 — that day is allowed
    by,      // due: {by: 22/7/2021} — same as date
    before,  // due: {before: 22/7/2021} — "trước ngày": the last allowed day is 21/7
    within,  // due: {within: "10 days", from: …} — a period (Civil Code art. 147–148)
    none,    // due: none — no deadline was set ("khẩn trương"); never overdue
    day,     // due: {day: 15} on a repeating task — that day of the period's last month
             // (the month's last day when it is shorter)
  };
  enum class Counting { calendar_days, working_days };
  enum class Anchor { date, inspection_to, conclusion_date, period_end };

  Form form = Form::none;
  std::optional<Date> date;        // date, by, before: the date as written
  int period = 0;                  // within: N
  int day = 0;                     // day: the day of the month, 1..31
  Counting counting = Counting::calendar_days;
  Anchor anchor = Anchor::date;    // within: what the period runs from
  std::optional<Date> anchor_date; // within with Anchor::date
  std::string text;                // the wording as written, e.g. "before: 22/7/2021"

  bool operator==(const Due&) const = default;
};

// "date", "by", "before", "within", "none", "day": stored in the database and in JSON.
std::string_view to_string(Due::Form form);
std::optional<Due::Form> parse_due_form(std::string_view s);

}  // namespace inspectrack::model
