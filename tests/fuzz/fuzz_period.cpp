// libFuzzer target for deadline periods: calendar::parse_period on the phrase (as
// `due: {within: …}` and `calendar deadline` take it) and, when it parses,
// calendar::last_allowed_day with the shipped `vn` calendar from a fixed day and from
// a day derived from the input (1900..2100). A phrase that does not parse is fine; a
// crash, a sanitizer report or a broken invariant of deadline.hpp /
// work_calendar.hpp is a finding:
// - a period's count is 1..3650;
// - N calendar days from D end on D + N, or on the next working day when D + N is not
//   worked (art. 147-148): never before D + N, always a working day, and no working
//   day in between;
// - N working days from D end on the N-th working day after D (D not counted): after
//   D, a working day, with exactly N working days in (D, last];
// - a period counted from an anchor that is not known is a missing_anchor error.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "inspectrack/calendar/deadline.hpp"
#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/due.hpp"

namespace {

using namespace inspectrack;
using model::Date;
using model::Due;

[[noreturn]] void fail(const char* what, std::string_view phrase, Date start) {
  std::fprintf(stderr, "fuzz_period: %s: phrase '%.*s' from %s\n", what,
               static_cast<int>(phrase.size()), phrase.data(), start.iso().c_str());
  std::abort();
}

const calendar::WorkCalendar& vn() {
  static const calendar::WorkCalendar cal(import::shipped_calendar());
  return cal;
}

// A day of 1900..2100 chosen by the input's bytes (FNV-1a), so that the corpus walks
// over years, weekends and holidays.
Date derived_day(std::string_view bytes) {
  std::uint32_t h = 2166136261u;
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  const Date first = *Date::from_ymd(1900, 1, 1);
  const Date last = *Date::from_ymd(2100, 12, 31);
  const auto span = static_cast<std::uint32_t>(last.days_since(first)) + 1;
  return first.plus_days(static_cast<std::int32_t>(h % span));
}

void check_from(const calendar::Period& period, Date start, std::string_view phrase) {
  const calendar::WorkCalendar& cal = vn();
  Due due;
  due.form = Due::Form::within;
  due.period = period.count;
  due.counting = period.counting;
  due.anchor = Due::Anchor::date;
  due.anchor_date = start;
  due.text = std::string(phrase);

  const auto result = calendar::last_allowed_day(due, {}, cal);
  if (result.error != calendar::DeadlineError::none || !result.last_day) {
    fail("no last day for a period inside 1900..2110", phrase, start);
  }
  const Date last = *result.last_day;
  if (!cal.is_working_day(last)) fail("last allowed day is not a working day", phrase, start);
  if (period.counting == Due::Counting::calendar_days) {
    const Date end = start.plus_days(period.count);
    if (last < end) fail("last allowed day before D + N", phrase, start);
    for (Date d = end; d < last; d = d.plus_days(1)) {
      if (cal.is_working_day(d)) fail("a working day between D + N and the last day", phrase, start);
    }
  } else {
    if (last <= start) fail("last allowed day not after D", phrase, start);
    if (cal.working_days_between(start, last) != period.count) {
      fail("working days in (D, last] differ from N", phrase, start);
    }
    if (last.days_since(start) < period.count) fail("fewer calendar days than N", phrase, start);
  }
  if (result.provisional != cal.any_provisional(
                                period.counting == Due::Counting::calendar_days
                                    ? start.plus_days(period.count - 1)
                                    : start,
                                last)) {
    fail("provisional flag disagrees with the calendar", phrase, start);
  }

  Due anchored = due;
  anchored.anchor = Due::Anchor::conclusion_date;
  anchored.anchor_date.reset();
  if (calendar::last_allowed_day(anchored, {}, cal).error != calendar::DeadlineError::missing_anchor) {
    fail("unknown anchor is not missing_anchor", phrase, start);
  }
  calendar::Anchors anchors;
  anchors.conclusion_date = start;
  const auto via_anchor = calendar::last_allowed_day(anchored, anchors, cal);
  if (via_anchor.last_day != result.last_day) fail("anchor and date disagree", phrase, start);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)vn();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view phrase(reinterpret_cast<const char*>(data), size);
  const auto period = calendar::parse_period(phrase);
  if (!period) return 0;
  if (period->count < 1 || period->count > 3650) fail("count outside 1..3650", phrase, Date());
  check_from(*period, *Date::from_ymd(2021, 7, 22), phrase);
  check_from(*period, derived_day(phrase), phrase);
  return 0;
}
