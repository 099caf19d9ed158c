#pragma once
// The Vietnamese lunar calendar (âm lịch): Gregorian ↔ lunar conversion.
//
// Months begin on the day (in UTC+7, Vietnam's time zone) that holds the new moon;
// the eleventh month holds the winter solstice; a year of 13 months leaps the first
// month that holds no major solar term. Computed astronomically (Ho Ngoc Duc's
// method, after Jean Meeus), so it differs from the Chinese calendar (UTC+8) in some
// years: Tết 1985 fell on 21/1/1985 in Vietnam and on 20/2/1985 in China.

#include <compare>
#include <optional>

#include "inspectrack/model/date.hpp"

namespace inspectrack::calendar {

// Lunar years whose conversion is supported, both ways: Tết 1900 (31/1/1900) to the
// last day of lunar year 2100.
inline constexpr int kLunarFirstYear = 1900;
inline constexpr int kLunarLastYear = 2100;

struct LunarDate {
  int year = 0;       // the lunar year that begins with its Tết (mùng 1 tháng Giêng)
  int month = 0;      // 1..12
  int day = 0;        // 1..30
  bool leap = false;  // a leap month (tháng nhuận) repeating `month`

  auto operator<=>(const LunarDate&) const = default;
};

// The lunar date of a Gregorian day; nullopt outside lunar years 1900..2100.
std::optional<LunarDate> to_lunar(model::Date date);

// The Gregorian day of a lunar date; nullopt when that lunar date does not exist
// (day 30 of a 29-day month, a leap month the year does not have) or lies outside
// lunar years 1900..2100.
std::optional<model::Date> from_lunar(const LunarDate& lunar);

// Mùng 1 tháng Giêng of `lunar_year`; nullopt outside 1900..2100.
std::optional<model::Date> tet(int lunar_year);

// The month a lunar year repeats (4 for a year with a leap 4th month), 0 when the year
// has no leap month; nullopt outside 1900..2100.
std::optional<int> leap_month(int lunar_year);

// Days in a lunar month: 29 or 30; nullopt when that month does not exist.
std::optional<int> lunar_month_length(int lunar_year, int month, bool leap = false);

}  // namespace inspectrack::calendar
