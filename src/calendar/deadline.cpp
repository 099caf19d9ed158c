#include "inspectrack/calendar/deadline.hpp"

#include <cctype>
#include <string>

#include "inspectrack/text/utf8.hpp"

namespace inspectrack::calendar {
namespace {

using model::Due;

constexpr int kMaxPeriod = 3650;
constexpr int kLastYear = 9999;

// NFC, lowercased, runs of spaces collapsed, trimmed.
std::string normalize_phrase(std::string_view phrase) {
  const std::string folded = text::lowercase(text::nfc(phrase));
  std::string out;
  for (char c : folded) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::optional<Period> parse_period(std::string_view phrase) {
  const std::string s = normalize_phrase(phrase);
  std::size_t i = 0;
  int count = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    count = count * 10 + (s[i] - '0');
    if (count > kMaxPeriod) return std::nullopt;
    ++i;
  }
  if (i == 0 || count < 1) return std::nullopt;
  std::string_view unit(s);
  unit.remove_prefix(i);
  if (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);

  if (unit == "day" || unit == "days" || unit == kDaysWord || unit == "calendar days") {
    return Period{count, Due::Counting::calendar_days};
  }
  if (unit == "working day" || unit == "working days" || unit == kWorkingDaysWord) {
    return Period{count, Due::Counting::working_days};
  }
  return std::nullopt;
}

DeadlineResult last_allowed_day(const Due& due, const Anchors& anchors,
                                const WorkCalendar& calendar) {
  DeadlineResult result;
  switch (due.form) {
    case Due::Form::none:
      return result;
    case Due::Form::day:
      result.error = DeadlineError::needs_period;
      return result;
    case Due::Form::date:
    case Due::Form::by:
      result.last_day = due.date;
      return result;
    case Due::Form::before:
      if (due.date) {
        const model::Date day_before = due.date->plus_days(-1);
        if (day_before.year() < 1) {
          result.error = DeadlineError::out_of_range;
        } else {
          result.last_day = day_before;
        }
      }
      return result;
    case Due::Form::within: {
      std::optional<model::Date> start;
      switch (due.anchor) {
        case Due::Anchor::date: start = due.anchor_date; break;
        case Due::Anchor::inspection_to: start = anchors.inspection_to; break;
        case Due::Anchor::conclusion_date: start = anchors.conclusion_date; break;
        case Due::Anchor::period_end: start = anchors.period_end; break;
      }
      if (!start) {
        result.error = DeadlineError::missing_anchor;
        return result;
      }
      model::Date last;
      bool provisional = false;
      if (due.counting == Due::Counting::working_days) {
        last = calendar.add_working_days(*start, due.period);
        provisional = calendar.any_provisional(*start, last);
      } else {
        // Art. 147: the period starts the day after the event, so N days from D end on
        // D + N; art. 148: a last day that is not worked moves to the next working day.
        // Whether D + N itself is worked is part of the answer, hence from D + N - 1.
        const model::Date end = start->plus_days(due.period);
        if (end.year() > kLastYear) {
          result.error = DeadlineError::out_of_range;
          return result;
        }
        last = calendar.next_working_day(end);
        provisional = calendar.any_provisional(end.plus_days(-1), last);
      }
      if (last.year() > kLastYear) {
        result.error = DeadlineError::out_of_range;
        return result;
      }
      result.last_day = last;
      result.provisional = provisional;
      return result;
    }
  }
  return result;
}

int days_late(std::optional<model::Date> last_day, model::Date as_of) {
  if (!last_day || as_of <= *last_day) return 0;
  return as_of.days_since(*last_day);
}

int working_days_late(std::optional<model::Date> last_day, model::Date as_of,
                      const WorkCalendar& calendar) {
  if (!last_day || as_of <= *last_day) return 0;
  return calendar.working_days_between(*last_day, as_of);
}

}  // namespace inspectrack::calendar
