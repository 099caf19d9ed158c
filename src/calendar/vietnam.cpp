// The provisional Vietnamese holidays: what the law fixes, before the government
// announces a year's actual schedule.
//
// Labor Code 2019 (45/2019/QH14) art. 112, in force from 2021, and before it Labor Code
// 2012 (10/2012/QH13) art. 115 give: Tết Dương lịch (1/1), Tết Nguyên đán (5 days), Giỗ Tổ
// Hùng Vương (10/3 lunar), Ngày Chiến thắng (30/4), Ngày Quốc tế Lao động (1/5) and Quốc
// khánh (2/9; from 2021 with one adjacent day, 1/9 or 3/9). A holiday on a weekly rest day
// is made up on the next working day (nghỉ bù). From 1/7/2026, Nghị quyết 28/2026/QH16
// adds Ngày Văn hóa Việt Nam (24/11) as a paid day off (as reported by the government's
// newspaper; the resolution's own text was not read: see src/calendar/data/SOURCES.md).
//
// The Prime Minister picks the actual Tết days and the second Quốc khánh day each year.
// Here, provisionally:
// - Tết: the last day of the old lunar year (29 or 30 tháng Chạp) and mùng 1 to mùng 4.
// - Quốc khánh: the neighbour of 2/9 that makes the longer run of consecutive days off
//   with the weekly rest days (compensatory days not counted); on a tie, 1/9. This gives
//   the announced choices of 2021 (3/9), 2022 (1/9), 2023 (1/9), 2024 (3/9), 2025 (1/9).
// - A holiday falling on another holiday's date (Giỗ Tổ on 30/4, as in 1947) is listed once.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "inspectrack/calendar/lunar.hpp"
#include "inspectrack/calendar/work_calendar.hpp"

namespace inspectrack::calendar {
namespace {

using model::Date;

constexpr int kSecondNationalDayFrom = 2021;  // Labor Code 2019 in force
constexpr int kCultureDayFrom = 2026;         // Ngày Văn hóa Việt Nam, from 1/7/2026
constexpr WeekendMask kEveryDay = 0b1111111;

bool is_rest_day(Date day, WeekendMask weekend) {
  return ((weekend >> (day.iso_weekday() - 1)) & 1) != 0;
}

// The run of consecutive days off made of the days first..last and the rest days around them.
int run_length(Date first, Date last, WeekendMask weekend) {
  int length = last.days_since(first) + 1;
  for (int i = 1; i <= 7 && is_rest_day(first.plus_days(-i), weekend); ++i) ++length;
  for (int i = 1; i <= 7 && is_rest_day(last.plus_days(i), weekend); ++i) ++length;
  return length;
}

class Builder {
 public:
  explicit Builder(WeekendMask weekend) : weekend_(weekend) {}

  void add(Date date, const char* name) {
    if (taken(date)) return;
    days_.push_back({date, DayKind::holiday, name, true});
  }

  // A compensatory day for each holiday on a rest day, on the next day that is neither a
  // rest day nor already off, holidays taken in date order.
  void add_compensatory_days() {
    std::sort(days_.begin(), days_.end(), by_date);
    if ((weekend_ & kEveryDay) == kEveryDay) return;  // no working day to give
    const std::vector<SpecialDay> holidays = days_;
    for (const SpecialDay& h : holidays) {
      if (!is_rest_day(h.date, weekend_)) continue;
      Date d = h.date.plus_days(1);
      while (is_rest_day(d, weekend_) || taken(d)) d = d.plus_days(1);
      days_.push_back({d, DayKind::holiday, "Nghỉ bù " + h.name, true});
    }
    std::sort(days_.begin(), days_.end(), by_date);
  }

  std::vector<SpecialDay> take() { return std::move(days_); }

 private:
  static bool by_date(const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; }

  bool taken(Date date) const {
    return std::any_of(days_.begin(), days_.end(), [&](const SpecialDay& s) { return s.date == date; });
  }

  WeekendMask weekend_;
  std::vector<SpecialDay> days_;
};

}  // namespace

std::vector<SpecialDay> vietnam_provisional_days(int year, WeekendMask weekend) {
  const std::optional<Date> new_year = Date::from_ymd(year, 1, 1);
  if (!new_year) return {};  // year outside 1..9999
  Builder b(weekend);
  b.add(*new_year, "Tết Dương lịch");
  if (const std::optional<Date> first = tet(year)) {
    for (int i = -1; i <= 3; ++i) b.add(first->plus_days(i), "Tết Nguyên đán");
  }
  if (const std::optional<Date> hung_kings = from_lunar({year, 3, 10, false})) {
    b.add(*hung_kings, "Giỗ Tổ Hùng Vương");
  }
  b.add(*Date::from_ymd(year, 4, 30), "Ngày Chiến thắng");
  b.add(*Date::from_ymd(year, 5, 1), "Ngày Quốc tế Lao động");
  const Date national_day = *Date::from_ymd(year, 9, 2);
  b.add(national_day, "Quốc khánh");
  if (year >= kSecondNationalDayFrom) {
    const Date before = national_day.plus_days(-1);
    const Date after = national_day.plus_days(1);
    const bool later = run_length(national_day, after, weekend) > run_length(before, national_day, weekend);
    b.add(later ? after : before, "Quốc khánh");
  }
  if (year >= kCultureDayFrom) b.add(*Date::from_ymd(year, 11, 24), "Ngày Văn hóa Việt Nam");
  b.add_compensatory_days();
  return b.take();
}

}  // namespace inspectrack::calendar
