#include "inspectrack/calendar/work_calendar.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include <fmt/format.h>

#include "inspectrack/error.hpp"

// Counting. Every day is either worked or not; let G(t) be the number of working days
// up to and including day t, counted from an arbitrary origin. Then the working days in
// (a, b] are G(b) - G(a), and the n-th working day after s is the first t with
// G(t) >= G(s) + n. G splits into the weekly pattern, counted with whole weeks, and the
// special days, which days_ holds sorted with prefix counts: holidays only on days the
// pattern works, workdays only on its rest days, so each one moves G by exactly one.
// Between two special days G is the pattern's count plus a constant, which week
// arithmetic inverts. Both directions are O(log H) for H special days.
//
// Which years have special days: the listed years exactly as written and, under
// Rules::vietnam, the provisional days of every unlisted year 1900..2100, computed once
// here so that queries stay pure. Outside that range an unlisted year has only the
// weekly rest days, even under Rules::vietnam: a deadline there is a typing error far
// more often than a real date, and such a year is reported provisional all the same.

namespace inspectrack::calendar {
namespace {

constexpr int kProvisionalFirstYear = 1900;
constexpr int kProvisionalLastYear = 2100;
constexpr WeekendMask kAllDays = 0x7F;
// 1970-01-05, a Monday, in days since 1970-01-01.
constexpr std::int32_t kSomeMonday = 4;

bool is_rest_day(WeekendMask weekend, model::Date day) {
  return ((weekend >> (day.iso_weekday() - 1)) & 1U) != 0;
}

std::int32_t floor_div(std::int32_t a, std::int32_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Days the weekly pattern works in [kSomeMonday, day], or minus those in
// (day, kSomeMonday) for an earlier day: the difference of two calls counts the days
// between them.
std::int32_t pattern_count(WeekendMask weekend, model::Date day) {
  const auto worked = static_cast<unsigned>(~weekend & kAllDays);
  const std::int32_t offset = day.days() - kSomeMonday;
  const std::int32_t weeks = floor_div(offset, 7);
  const std::int32_t in_week = offset - weeks * 7;  // 0 = Monday … 6 = Sunday
  const auto through = static_cast<unsigned>((1U << (in_week + 1)) - 1U);
  return weeks * std::popcount(worked) + std::popcount(worked & through);
}

// The first day at which pattern_count reaches m.
model::Date nth_pattern_day(WeekendMask weekend, std::int32_t m) {
  const auto worked = static_cast<unsigned>(~weekend & kAllDays);
  const int per_week = std::popcount(worked);
  const std::int32_t weeks = floor_div(m - 1, per_week);
  int rank = m - 1 - weeks * per_week;  // among the week's worked days, from 0
  int in_week = 0;
  for (;; ++in_week) {
    if (((worked >> in_week) & 1U) == 0) continue;
    if (rank == 0) break;
    --rank;
  }
  return model::Date::from_days(kSomeMonday + weeks * 7 + in_week);
}

bool date_less(const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; }

// Index of the first special day after `day`.
std::size_t after(const std::vector<SpecialDay>& days, model::Date day) {
  const auto it = std::upper_bound(days.begin(), days.end(), day,
                                   [](model::Date d, const SpecialDay& s) { return d < s.date; });
  return static_cast<std::size_t>(it - days.begin());
}

// Index of the first special day on or after `day`.
std::size_t from(const std::vector<SpecialDay>& days, model::Date day) {
  const auto it = std::lower_bound(days.begin(), days.end(), day,
                                   [](const SpecialDay& s, model::Date d) { return s.date < d; });
  return static_cast<std::size_t>(it - days.begin());
}

}  // namespace

WorkCalendar::WorkCalendar(CalendarSpec spec) : spec_(std::move(spec)) {
  spec_.weekend &= kAllDays;
  // The importer refuses such a calendar; without a working weekday no period ends.
  if (spec_.weekend == kAllDays) {
    throw Error(ExitCode::software,
                fmt::format("calendar '{}' has no working day in the week", spec_.key));
  }
  // Years are documented ascending and unique; enforce it, the first of a year winning.
  std::stable_sort(spec_.years.begin(), spec_.years.end(),
                   [](const YearSpec& a, const YearSpec& b) { return a.year < b.year; });
  spec_.years.erase(std::unique(spec_.years.begin(), spec_.years.end(),
                                [](const YearSpec& a, const YearSpec& b) { return a.year == b.year; }),
                    spec_.years.end());

  const WeekendMask weekend = spec_.weekend;
  std::vector<SpecialDay> all;
  // A day off listed on a rest day is a rest day anyway; a workday listed on a worked
  // day changes nothing. Neither is kept, so that each special day flips one day.
  const auto add = [&](SpecialDay day, DayKind kind) {
    if (is_rest_day(weekend, day.date) != (kind == DayKind::workday)) return;
    day.kind = kind;
    all.push_back(std::move(day));
  };
  for (const YearSpec& year : spec_.years) {
    for (const SpecialDay& day : year.days_off) add(day, DayKind::holiday);
    for (const SpecialDay& day : year.workdays) add(day, DayKind::workday);
  }
  if (spec_.rules == Rules::vietnam) {
    for (int year = kProvisionalFirstYear; year <= kProvisionalLastYear; ++year) {
      if (announced(year) != nullptr) continue;
      for (SpecialDay& day : vietnam_provisional_days(year, weekend)) {
        // A computed day belongs to its own year only: a neighbouring listed year is
        // taken exactly as written.
        if (day.date.year() != year) continue;
        day.provisional = true;
        const DayKind kind = day.kind;
        add(std::move(day), kind);
      }
    }
  }

  // A date listed twice (overlapping ranges, a computed day that a neighbouring listed
  // year also holds) keeps its first entry: listed years before computed ones, in the
  // order written. A date listed both off and worked, a data error the importer reports,
  // already kept the one entry that fits its weekday above.
  std::stable_sort(all.begin(), all.end(), date_less);
  all.erase(std::unique(all.begin(), all.end(),
                        [](const SpecialDay& a, const SpecialDay& b) { return a.date == b.date; }),
            all.end());
  days_ = std::move(all);
  if (!days_.empty()) {
    first_year_ = days_.front().date.year();
    last_year_ = days_.back().date.year();
  }

  off_prefix_.assign(days_.size() + 1, 0);
  work_prefix_.assign(days_.size() + 1, 0);
  for (std::size_t i = 0; i < days_.size(); ++i) {
    const bool off = days_[i].kind == DayKind::holiday;
    off_prefix_[i + 1] = off_prefix_[i] + (off ? 1 : 0);
    work_prefix_[i + 1] = work_prefix_[i] + (off ? 0 : 1);
  }
}

bool WorkCalendar::is_working_day(model::Date day) const {
  if (const auto special = special_day(day)) return special->kind == DayKind::workday;
  return !is_rest_day(spec_.weekend, day);
}

bool WorkCalendar::is_provisional(model::Date day) const {
  return spec_.rules == Rules::vietnam && announced(day.year()) == nullptr;
}

std::optional<SpecialDay> WorkCalendar::special_day(model::Date day) const {
  const std::size_t i = from(days_, day);
  if (i == days_.size() || days_[i].date != day) return std::nullopt;
  return days_[i];
}

model::Date WorkCalendar::next_working_day(model::Date day) const {
  return is_working_day(day) ? day : add_working_days(day, 1);
}

model::Date WorkCalendar::add_working_days(model::Date start, int n) const {
  if (n < 1) return start;
  const WeekendMask weekend = spec_.weekend;
  const std::size_t first = after(days_, start);
  const std::int32_t target =
      pattern_count(weekend, start) - off_prefix_[first] + work_prefix_[first] + n;
  // The first special day after `start` where the count reaches the target, if any.
  std::size_t lo = first;
  std::size_t hi = days_.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    const std::int32_t reached =
        pattern_count(weekend, days_[mid].date) - off_prefix_[mid + 1] + work_prefix_[mid + 1];
    if (reached < target) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // Up to the day before days_[lo] the count is the weekly pattern's plus a constant,
  // and it is still short of the target where that stretch begins.
  const std::int32_t shift = work_prefix_[lo] - off_prefix_[lo];
  const model::Date day = nth_pattern_day(weekend, target - shift);
  return lo < days_.size() && days_[lo].date < day ? days_[lo].date : day;
}

int WorkCalendar::working_days_between(model::Date from_day, model::Date to) const {
  if (to <= from_day) return 0;
  const std::size_t i = after(days_, from_day);
  const std::size_t j = after(days_, to);
  return pattern_count(spec_.weekend, to) - pattern_count(spec_.weekend, from_day) -
         (off_prefix_[j] - off_prefix_[i]) + (work_prefix_[j] - work_prefix_[i]);
}

bool WorkCalendar::any_provisional(model::Date from_day, model::Date to) const {
  if (spec_.rules != Rules::vietnam || to <= from_day) return false;
  const int first = from_day.plus_days(1).year();
  const int last = to.year();
  const auto by_year = [](const YearSpec& y, int year) { return y.year < year; };
  const auto lo = std::lower_bound(spec_.years.begin(), spec_.years.end(), first, by_year);
  const auto hi = std::lower_bound(spec_.years.begin(), spec_.years.end(), last + 1, by_year);
  // Years are unique, so all of first..last are announced exactly when all are listed.
  return hi - lo < last - first + 1;
}

std::vector<SpecialDay> WorkCalendar::special_days(int year) const {
  const auto first = model::Date::from_ymd(year, 1, 1);
  if (days_.empty() || !first || year < first_year_ || year > last_year_) return {};
  const std::size_t i = from(days_, *first);
  const std::size_t j = after(days_, *model::Date::from_ymd(year, 12, 31));
  const auto begin = days_.begin() + static_cast<std::ptrdiff_t>(i);
  const auto end = days_.begin() + static_cast<std::ptrdiff_t>(j);
  return {begin, end};
}

const YearSpec* WorkCalendar::announced(int year) const {
  const auto it = std::lower_bound(spec_.years.begin(), spec_.years.end(), year,
                                   [](const YearSpec& y, int value) { return y.year < value; });
  return it != spec_.years.end() && it->year == year ? &*it : nullptr;
}

const WorkCalendar& weekends_only() {
  static const WorkCalendar kWeekends(CalendarSpec{});
  return kWeekends;
}

}  // namespace inspectrack::calendar
