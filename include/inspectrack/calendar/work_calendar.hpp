#pragma once
// Which days are working days: a weekly rest pattern, public holidays,
// compensatory days off and swapped working days (làm bù), year by year.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"

namespace inspectrack::calendar {

// Bit (iso_weekday - 1) set for a weekly rest day. State agencies: Saturday, Sunday.
using WeekendMask = std::uint8_t;
inline constexpr WeekendMask kSaturdaySunday = 0b1100000;

enum class DayKind {
  holiday,  // a day off on a day that is otherwise worked: a public holiday, a
            // compensatory day off (nghỉ bù), a swapped day off (nghỉ hoán đổi)
  workday,  // a weekly rest day that is worked instead (làm bù)
};

struct SpecialDay {
  model::Date date;
  DayKind kind = DayKind::holiday;
  std::string name;          // as the announcement names it, e.g. "Tết Nguyên đán"
  bool provisional = false;  // computed by rule: the year has not been announced

  bool operator==(const SpecialDay&) const = default;
};

// One year of a calendar as announced, with the document that announced it.
struct YearSpec {
  int year = 0;
  std::string source;                // e.g. "Thông báo số 5205/TB-LĐTBXH ngày 21/12/2020 …"
  std::vector<SpecialDay> days_off;  // every day off that is not a weekly rest day
                                     // (days on weekly rest days may be listed: ignored)
  std::vector<SpecialDay> workdays;  // weekly rest days worked instead

  bool operator==(const YearSpec&) const = default;
};

// How days of years that a calendar does not list are decided.
enum class Rules {
  none,     // only the weekly rest days are days off
  vietnam,  // Labor Code 2019 art. 112 holidays (lunar ones from the Vietnamese lunar
            // calendar), with compensatory days for those on rest days; provisional
};

// A calendar as a `calendar:` document writes it.
struct CalendarSpec {
  std::string key;                       // e.g. "vn"
  std::string name;
  WeekendMask weekend = kSaturdaySunday;
  Rules rules = Rules::none;
  std::vector<YearSpec> years;           // announced years, ascending, each at most once

  bool operator==(const CalendarSpec&) const = default;
};

// Years, both included.
struct YearRange {
  int first = 0;
  int last = 0;

  bool operator==(const YearRange&) const = default;
};

// A calendar ready for arithmetic. All queries are pure, thread-safe and O(log H) for
// H special days; dates of any year 1..9999 are accepted. Under Rules::vietnam an
// unlisted year after 2100 has the solar holidays only (the lunar calendar ends with
// 2100) and an unlisted year before 1900 only the weekly rest days; both count as
// provisional.
class WorkCalendar {
 public:
  explicit WorkCalendar(CalendarSpec spec);

  const CalendarSpec& spec() const { return spec_; }
  const std::string& key() const { return spec_.key; }

  bool is_working_day(model::Date day) const;
  // True when whether `day` is worked comes from a provisional (unannounced) year.
  bool is_provisional(model::Date day) const;
  // The special day on `day`, if any.
  std::optional<SpecialDay> special_day(model::Date day) const;

  // `day` when it is a working day, else the first working day after it.
  model::Date next_working_day(model::Date day) const;
  // The n-th working day after `start`, start not counted (Civil Code 2015 art. 147);
  // n >= 1.
  model::Date add_working_days(model::Date start, int n) const;
  // Working days in (from, to]; 0 when to <= from.
  int working_days_between(model::Date from, model::Date to) const;
  // True when a day in (from, to] is provisional.
  bool any_provisional(model::Date from, model::Date to) const;
  // The first and the last year of (from, to] counted without its lunar holidays (Tết
  // Nguyên đán, Giỗ Tổ Hùng Vương): unlisted years after the lunar calendar's last year
  // under Rules::vietnam. nullopt when there is none; listed years in between are
  // counted as written.
  std::optional<YearRange> lunar_holidays_missing(model::Date from, model::Date to) const;

  // The year's special days in date order: days off that fall on otherwise worked
  // days and rest days that are worked. Ordinary weekends are not listed.
  std::vector<SpecialDay> special_days(int year) const;
  // The announcement of `year`, or nullptr when the year is provisional/unlisted.
  const YearSpec* announced(int year) const;

 private:
  // Special days counted up to and including `day`.
  struct Counts {
    std::int32_t off = 0;
    std::int32_t work = 0;
  };

  // Whole cycles that `day` lies after the cycle held in days_ (0 when none).
  std::int32_t cycles_after(model::Date day) const;
  Counts counts_through(model::Date day) const;
  // Working days up to and including `day`, from the origin of pattern_count.
  std::int32_t worked_through(model::Date day) const;
  // add_working_days within what days_ holds: exact when the answer is not after the
  // cycle (or, without one, anywhere).
  model::Date add_in_days(model::Date start, int n) const;

  CalendarSpec spec_;
  std::vector<SpecialDay> days_;    // all special days, ascending by date, no duplicates
  std::vector<int> off_prefix_;     // off_prefix_[i]: holidays among days_[0..i)
  std::vector<int> work_prefix_;    // work_prefix_[i]: workdays among days_[0..i)
  int first_year_ = 0, last_year_ = 0;  // the years days_ covers
  // Under Rules::vietnam, the 400 unlisted years after 2100 and after the last listed
  // year, which repeat for ever after: days_ ends with them.
  bool cyclic_ = false;
  int cycle_first_year_ = 0;
  model::Date cycle_first_, cycle_last_;
  Counts cycle_counts_;             // special days in one cycle
  std::int32_t cycle_worked_ = 0;   // working days in one cycle
};

// The days off Vietnamese law gives in `year` when no announcement is known, all marked
// provisional: 1/1; Tết Nguyên đán (the last day of the old lunar year and mùng 1–4);
// Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and, from 2021, one adjacent day
// (1/9 or 3/9, whichever joins a weekend, else 1/9); from 2026, 24/11 (Ngày Văn hóa
// Việt Nam); and for each holiday on a rest day, a compensatory day off on the next
// working day. Sorted by date. Lunar holidays
// are omitted outside lunar years 1900..2100, so that from 2101 on the days depend only
// on the date and the weekday.
std::vector<SpecialDay> vietnam_provisional_days(int year, WeekendMask weekend);

// Saturday and Sunday off, nothing else: what a task whose calendar is unknown is
// counted with.
const WorkCalendar& weekends_only();

}  // namespace inspectrack::calendar
