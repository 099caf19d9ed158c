#include "inspectrack/calendar/work_calendar.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "inspectrack/calendar/lunar.hpp"
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
// Rules::vietnam, the provisional days of the unlisted years, computed here so that
// queries stay pure. From 1900 to 2100 every unlisted year is computed, lunar holidays
// included. After 2100 the lunar calendar ends and the rules left (1/1, 30/4, 1/5, 2/9
// and its neighbour, 24/11, compensatory days) depend only on the date and the
// weekday; the Gregorian calendar repeats every 400 years (146,097 days, 20,871 whole
// weeks), so those years repeat too. The unlisted years up to the last listed one are
// computed, then one cycle of 400 years after both 2100 and the last listed year, and
// a later day is moved back into that cycle by whole cycles, each cycle adding its
// counts: exact, and cheap to build. Before 1900 an unlisted year has only the weekly
// rest days, even under Rules::vietnam: there the law gives no holiday, a deadline is a
// typing error far more often than a real date, and the year is reported provisional
// all the same.

namespace inspectrack::calendar {
namespace {

constexpr int kProvisionalFirstYear = 1900;
constexpr int kCycleYears = 400;
constexpr std::int32_t kCycleDays = 146097;
constexpr int kLastDateYear = 9999;
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

// Cycles to go back from `year` to reach one Date::from_ymd accepts: 0 up to 9999.
int cycles_past_last_year(int year) {
  return year > kLastDateYear ? (year - kLastDateYear + kCycleYears - 1) / kCycleYears : 0;
}

// 1 January of `year`, also after 9999.
model::Date year_start(int year) {
  const int back = cycles_past_last_year(year);
  return model::Date::from_ymd(year - back * kCycleYears, 1, 1)->plus_days(back * kCycleDays);
}

// The provisional days of `year`, a year after 2100 (solar holidays only), also after
// 9999: there, those of the year whole cycles earlier, moved forward.
std::vector<SpecialDay> solar_days(int year, WeekendMask weekend) {
  const int back = cycles_past_last_year(year);
  std::vector<SpecialDay> days = vietnam_provisional_days(year - back * kCycleYears, weekend);
  for (SpecialDay& day : days) day.date = day.date.plus_days(back * kCycleDays);
  return days;
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

// The spec as the calendar keeps it: the weekend within one week, the years ascending
// and unique.
CalendarSpec normalized(CalendarSpec spec) {
  spec.weekend &= kAllDays;
  // The importer refuses such a calendar; without a working weekday no period ends.
  if (spec.weekend == kAllDays) {
    throw Error(ExitCode::software,
                fmt::format("calendar '{}' has no working day in the week", spec.key));
  }
  // Years are documented ascending and unique; enforce it, the first of a year winning.
  std::stable_sort(spec.years.begin(), spec.years.end(),
                   [](const YearSpec& a, const YearSpec& b) { return a.year < b.year; });
  spec.years.erase(std::unique(spec.years.begin(), spec.years.end(),
                               [](const YearSpec& a, const YearSpec& b) { return a.year == b.year; }),
                   spec.years.end());
  return spec;
}

// The entry of `year` among `years` (ascending), or nullptr.
const YearSpec* find_year(const std::vector<YearSpec>& years, int year) {
  const auto it = std::lower_bound(years.begin(), years.end(), year,
                                   [](const YearSpec& y, int value) { return y.year < value; });
  return it != years.end() && it->year == year ? &*it : nullptr;
}

// Adds `day` as a `kind` to `to` when it flips its day. A day off listed on a rest day
// is a rest day anyway; a workday listed on a worked day changes nothing. Neither is
// kept, so that each special day flips one day.
void add_flip(std::vector<SpecialDay>& to, WeekendMask weekend, SpecialDay day, DayKind kind) {
  if (is_rest_day(weekend, day.date) != (kind == DayKind::workday)) return;
  day.kind = kind;
  to.push_back(std::move(day));
}

// The special days of the listed years, in the order written.
std::vector<SpecialDay> listed_days(const CalendarSpec& spec) {
  std::vector<SpecialDay> all;
  for (const YearSpec& year : spec.years) {
    for (const SpecialDay& day : year.days_off) add_flip(all, spec.weekend, day, DayKind::holiday);
    for (const SpecialDay& day : year.workdays) add_flip(all, spec.weekend, day, DayKind::workday);
  }
  return all;
}

// The first year of the repeating cycle: after every listed year and every listed day,
// so that nothing listed falls inside the years it repeats.
int first_cycle_year(const CalendarSpec& spec, const std::vector<SpecialDay>& listed) {
  int last_listed = kLunarLastYear;
  for (const SpecialDay& day : listed) last_listed = std::max(last_listed, day.date.year());
  for (const YearSpec& year : spec.years) last_listed = std::max(last_listed, year.year);
  return last_listed + 1;
}

// Adds the provisional days of the unlisted years from 1900 to the lunar calendar's
// last year.
void add_lunar_years(std::vector<SpecialDay>& all, const CalendarSpec& spec) {
  for (int year = kProvisionalFirstYear; year <= kLunarLastYear; ++year) {
    if (find_year(spec.years, year) != nullptr) continue;
    for (SpecialDay& day : vietnam_provisional_days(year, spec.weekend)) {
      // A computed day belongs to its own year only: a neighbouring listed year is
      // taken exactly as written.
      if (day.date.year() != year) continue;
      day.provisional = true;
      const DayKind kind = day.kind;
      add_flip(all, spec.weekend, std::move(day), kind);
    }
  }
}

// Adds the provisional days of the unlisted years after the lunar calendar's last year
// and before `cycle_first_year` to `all`; returns those of the cycle's years.
std::vector<SpecialDay> add_solar_years(std::vector<SpecialDay>& all, const CalendarSpec& spec,
                                        int cycle_first_year) {
  // After 2100 a year's days depend only on whether it is a leap year and on the
  // weekday of its 1 January: each of those 14 kinds is computed once, as kept here,
  // then copied to each year of its kind. They all fall within their year.
  std::array<std::optional<std::pair<model::Date, std::vector<SpecialDay>>>, 14> kinds;
  std::vector<SpecialDay> cycle;
  cycle.reserve(kCycleYears * 8);
  model::Date start = year_start(kLunarLastYear + 1);
  for (int year = kLunarLastYear + 1; year < cycle_first_year + kCycleYears; ++year) {
    const model::Date next = year_start(year + 1);
    const bool leap = next.days_since(start) == 366;
    auto& kind = kinds[static_cast<std::size_t>((start.iso_weekday() - 1) * 2 + (leap ? 1 : 0))];
    if (!kind) {
      std::vector<SpecialDay> days;
      for (SpecialDay& day : solar_days(year, spec.weekend)) {
        day.provisional = true;
        const DayKind day_kind = day.kind;
        add_flip(days, spec.weekend, std::move(day), day_kind);
      }
      kind.emplace(start, std::move(days));
    }
    if (find_year(spec.years, year) == nullptr) {
      std::vector<SpecialDay>& to = year < cycle_first_year ? all : cycle;
      const std::int32_t shift = start.days_since(kind->first);
      for (const SpecialDay& day : kind->second) {
        to.push_back(day);
        to.back().date = day.date.plus_days(shift);
      }
    }
    start = next;
  }
  return cycle;
}

// Sorts `days` by date, keeping the first entry of a date listed twice.
void keep_first_of_each_date(std::vector<SpecialDay>& days) {
  std::stable_sort(days.begin(), days.end(), date_less);
  days.erase(std::unique(days.begin(), days.end(),
                         [](const SpecialDay& a, const SpecialDay& b) { return a.date == b.date; }),
             days.end());
}

}  // namespace

WorkCalendar::WorkCalendar(CalendarSpec spec) : spec_(normalized(std::move(spec))) {
  std::vector<SpecialDay> all = listed_days(spec_);
  // The repeating years come after every listed day and are computed in date order:
  // they join `all` once it is sorted.
  std::vector<SpecialDay> cycle;
  if (spec_.rules == Rules::vietnam) {
    cycle_first_year_ = first_cycle_year(spec_, all);
    add_lunar_years(all, spec_);
    cycle = add_solar_years(all, spec_, cycle_first_year_);
  }
  // A date listed twice (overlapping ranges, a computed day that a neighbouring listed
  // year also holds) keeps its first entry: listed years before computed ones, in the
  // order written. A date listed both off and worked, a data error the importer reports,
  // already kept the one entry that fits its weekday above.
  keep_first_of_each_date(all);
  all.insert(all.end(), std::make_move_iterator(cycle.begin()), std::make_move_iterator(cycle.end()));
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

  if (spec_.rules == Rules::vietnam) {
    cyclic_ = true;
    cycle_first_ = year_start(cycle_first_year_);
    cycle_last_ = cycle_first_.plus_days(kCycleDays - 1);
    last_year_ = cycle_first_year_ + kCycleYears - 1;
    const std::size_t first_in_cycle = from(days_, cycle_first_);
    cycle_counts_ = {off_prefix_.back() - off_prefix_[first_in_cycle],
                     work_prefix_.back() - work_prefix_[first_in_cycle]};
    cycle_worked_ = worked_through(cycle_last_) - worked_through(cycle_first_.plus_days(-1));
  }
}

std::int32_t WorkCalendar::cycles_after(model::Date day) const {
  if (!cyclic_ || day <= cycle_last_) return 0;
  return floor_div(day.days() - cycle_first_.days(), kCycleDays);
}

WorkCalendar::Counts WorkCalendar::counts_through(model::Date day) const {
  const std::int32_t k = cycles_after(day);
  const std::size_t i = after(days_, day.plus_days(-k * kCycleDays));
  return {off_prefix_[i] + k * cycle_counts_.off, work_prefix_[i] + k * cycle_counts_.work};
}

std::int32_t WorkCalendar::worked_through(model::Date day) const {
  const Counts counts = counts_through(day);
  return pattern_count(spec_.weekend, day) - counts.off + counts.work;
}

bool WorkCalendar::is_working_day(model::Date day) const {
  if (const auto special = special_day(day)) return special->kind == DayKind::workday;
  return !is_rest_day(spec_.weekend, day);
}

bool WorkCalendar::is_provisional(model::Date day) const {
  return spec_.rules == Rules::vietnam && announced(day.year()) == nullptr;
}

std::optional<SpecialDay> WorkCalendar::special_day(model::Date day) const {
  const std::int32_t shift = cycles_after(day) * kCycleDays;
  const model::Date in_days = day.plus_days(-shift);
  const std::size_t i = from(days_, in_days);
  if (i == days_.size() || days_[i].date != in_days) return std::nullopt;
  SpecialDay out = days_[i];
  out.date = day;
  return out;
}

model::Date WorkCalendar::next_working_day(model::Date day) const {
  return is_working_day(day) ? day : add_working_days(day, 1);
}

model::Date WorkCalendar::add_working_days(model::Date start, int n) const {
  if (n < 1) return start;
  // After the cycle, days repeat it with the same count per cycle: answer in the cycle.
  if (const std::int32_t k = cycles_after(start); k > 0) {
    return add_working_days(start.plus_days(-k * kCycleDays), n).plus_days(k * kCycleDays);
  }
  if (cyclic_) {
    const std::int32_t beyond = worked_through(start) + n - worked_through(cycle_last_);
    if (beyond > 0) {
      // The answer is `rest` working days into the cycle, `whole` + 1 cycles later.
      const std::int32_t whole = (beyond - 1) / cycle_worked_;
      const int rest = beyond - whole * cycle_worked_;
      return add_in_days(cycle_first_.plus_days(-1), rest).plus_days((whole + 1) * kCycleDays);
    }
  }
  return add_in_days(start, n);
}

model::Date WorkCalendar::add_in_days(model::Date start, int n) const {
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
  return worked_through(to) - worked_through(from_day);
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
  if (days_.empty() || !first) return {};
  // A year after the cycle is a year of the cycle, whole cycles later.
  const std::int32_t k = cycles_after(*first);
  const int in_days = year - k * kCycleYears;
  if (in_days < first_year_ || in_days > last_year_) return {};
  const std::int32_t shift = k * kCycleDays;
  const std::size_t i = from(days_, first->plus_days(-shift));
  const std::size_t j = after(days_, model::Date::from_ymd(year, 12, 31)->plus_days(-shift));
  std::vector<SpecialDay> out(days_.begin() + static_cast<std::ptrdiff_t>(i),
                              days_.begin() + static_cast<std::ptrdiff_t>(j));
  for (SpecialDay& day : out) day.date = day.date.plus_days(shift);
  return out;
}

std::optional<YearRange> WorkCalendar::lunar_holidays_missing(model::Date from_day,
                                                              model::Date to) const {
  if (spec_.rules != Rules::vietnam || to <= from_day) return std::nullopt;
  YearRange years{std::max(from_day.plus_days(1).year(), kLunarLastYear + 1), to.year()};
  while (years.first <= years.last && announced(years.first) != nullptr) ++years.first;
  while (years.last >= years.first && announced(years.last) != nullptr) --years.last;
  if (years.first > years.last) return std::nullopt;
  return years;
}

const YearSpec* WorkCalendar::announced(int year) const { return find_year(spec_.years, year); }

const WorkCalendar& weekends_only() {
  static const WorkCalendar kWeekends(CalendarSpec{});
  return kWeekends;
}

}  // namespace inspectrack::calendar
