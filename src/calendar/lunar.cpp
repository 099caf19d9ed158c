#include "inspectrack/calendar/lunar.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

// Ho Ngoc Duc's astronomical method ("Âm lịch Việt Nam",
// https://www.informatik.uni-leipzig.de/~duc/amlich/), after Jean Meeus, "Astronomical
// Algorithms" (1998): new moons and the sun's longitude at local midnight in UTC+7. Days
// are Julian day numbers (JDN); new moons are counted by k, k = 0 being the new moon of
// 1/1/1900 13:52 UTC.
//
// Between two consecutive month-11 starts (a "sui", solstice year) lie 12 or 13 months.
// With 13, the first month after month 11 during which the sun enters no new 30° sector
// (no major solar term) is the leap month and repeats the number of the month before it.
// Lunar year Y runs from its month 1, in the sui that begins in Gregorian year Y-1, to its
// month 12 (or leap 12), in the sui that begins in Gregorian year Y.

namespace inspectrack::calendar {
namespace {

constexpr double kTimeZone = 7.0;                  // hours east of UTC: Vietnam
constexpr std::int32_t kJdnOfUnixEpoch = 2440588;  // JDN of 1970-01-01
constexpr double kSynodicMonth = 29.530588853;
constexpr double kDegree = std::numbers::pi / 180.0;

int jdn_of(model::Date date) { return date.days() + kJdnOfUnixEpoch; }
model::Date date_of(int jdn) { return model::Date::from_days(jdn - kJdnOfUnixEpoch); }

// Julian date (UT) of the k-th new moon.
double new_moon(int k) {
  const double t = k / 1236.85;  // Julian centuries from 1900 January 0.5
  const double t2 = t * t;
  const double t3 = t2 * t;
  double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kDegree);  // mean new moon
  const double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;  // sun's anomaly
  const double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;  // moon's
  const double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;  // latitude arg.
  double c1 = (0.1734 - 0.000393 * t) * std::sin(m * kDegree) + 0.0021 * std::sin(2 * kDegree * m);
  c1 = c1 - 0.4068 * std::sin(mpr * kDegree) + 0.0161 * std::sin(kDegree * 2 * mpr);
  c1 = c1 - 0.0004 * std::sin(kDegree * 3 * mpr);
  c1 = c1 + 0.0104 * std::sin(kDegree * 2 * f) - 0.0051 * std::sin(kDegree * (m + mpr));
  c1 = c1 - 0.0074 * std::sin(kDegree * (m - mpr)) + 0.0004 * std::sin(kDegree * (2 * f + m));
  c1 = c1 - 0.0004 * std::sin(kDegree * (2 * f - m)) - 0.0006 * std::sin(kDegree * (2 * f + mpr));
  c1 = c1 + 0.0010 * std::sin(kDegree * (2 * f - mpr)) + 0.0005 * std::sin(kDegree * (2 * mpr + m));
  const double delta_t = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 -
                                       0.000000081 * t * t3
                                 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - delta_t;
}

// The sun's longitude at Julian date `jd`, in radians, in [0, 2π).
double sun_longitude(double jd) {
  const double t = (jd - 2451545.0) / 36525;  // Julian centuries from 2000-01-01 12:00 UTC
  const double t2 = t * t;
  const double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(kDegree * m);
  dl += (0.019993 - 0.000101 * t) * std::sin(kDegree * 2 * m) + 0.000290 * std::sin(kDegree * 3 * m);
  const double l = (l0 + dl) * kDegree;
  return l - 2 * std::numbers::pi * std::floor(l / (2 * std::numbers::pi));
}

// The JDN of the local day holding the k-th new moon.
int new_moon_day(int k) {
  return static_cast<int>(std::floor(new_moon(k) + 0.5 + kTimeZone / 24));
}

// The 30° sector (0..11, 0 from the March equinox) the sun is in at local midnight
// starting day `jdn`.
int sun_sector(int jdn) {
  return static_cast<int>(std::floor(sun_longitude(jdn - 0.5 - kTimeZone / 24) / std::numbers::pi * 6));
}

// k of the new moon starting month 11 (the month holding the winter solstice) that
// begins in Gregorian year `year`.
int month11_k(int year) {
  const double off = jdn_of(*model::Date::from_ymd(year, 12, 31)) - 2415021.0;
  const int k = static_cast<int>(std::floor(off / kSynodicMonth));
  // A month starting with the sun already past 270° does not hold the solstice.
  return sun_sector(new_moon_day(k)) >= 9 ? k - 1 : k;
}

// The offset (1..12) after month 11 (starting with new moon k11) of the first month
// with no major term.
int leap_offset(int k11) {
  int last = sun_sector(new_moon_day(k11 + 1));
  for (int i = 1; i <= 12; ++i) {
    const int next = sun_sector(new_moon_day(k11 + i + 1));
    if (next == last) return i;
    last = next;
  }
  return 12;  // unreachable: 13 months hold at most 12 major terms
}

// The months between the month 11 that begins in Gregorian year `year` and the next.
struct Sui {
  int k11 = 0;    // k of its month 11
  int months = 12;
  int leap = 0;   // offset of its leap month after month 11, 0 without one
};

Sui sui(int year) {
  Sui s;
  s.k11 = month11_k(year);
  s.months = month11_k(year + 1) - s.k11;
  if (s.months == 13) s.leap = leap_offset(s.k11);
  return s;
}

// The month number (1..12) of the month `offset` months after month 11 in `s`.
int month_number(const Sui& s, int offset) {
  const int shifted = s.leap != 0 && offset >= s.leap ? offset - 1 : offset;
  return (shifted + 10) % 12 + 1;
}

struct Month {
  int number = 0;
  bool leap = false;
  int start = 0;  // JDN of day 1
};

// One lunar year: its months in order, and the JDN of the next year's Tết.
struct Year {
  std::array<Month, 14> months{};  // 13 at most; 14 bounds what lunar_year_layout() can add
  int count = 0;
  int end = 0;
};

Year lunar_year_layout(int year) {
  const Sui before = sui(year - 1);  // holds months 1..10 (and any leap among them)
  const Sui after = sui(year);       // holds months 11 and 12 (and a leap 11 or 12)
  Year y;
  auto add = [&y](const Sui& s, int offset) {
    y.months[y.count++] = {month_number(s, offset), s.leap != 0 && offset == s.leap,
                           new_moon_day(s.k11 + offset)};
  };
  // A leap month 11 or 12 of the previous sui belongs to the previous year.
  const int first = before.leap == 1 || before.leap == 2 ? 3 : 2;
  for (int offset = first; offset < before.months; ++offset) add(before, offset);
  const int last = after.leap == 1 || after.leap == 2 ? 2 : 1;
  for (int offset = 0; offset <= last; ++offset) add(after, offset);
  y.end = new_moon_day(after.k11 + last + 1);
  return y;
}

int month_end(const Year& y, int index) {
  return index + 1 < y.count ? y.months[index + 1].start : y.end;
}

bool in_range(int year) { return year >= kLunarFirstYear && year <= kLunarLastYear; }

// The index of (month, leap) in `y`, or -1.
int find_month(const Year& y, int month, bool leap) {
  for (int i = 0; i < y.count; ++i) {
    if (y.months[i].number == month && y.months[i].leap == leap) return i;
  }
  return -1;
}

}  // namespace

std::optional<LunarDate> to_lunar(model::Date date) {
  const int jdn = jdn_of(date);
  // Lunar year Y begins in January or February of Gregorian year Y.
  int year = date.year();
  if (year < kLunarFirstYear || year > kLunarLastYear + 1) return std::nullopt;
  Year y = lunar_year_layout(year);
  if (jdn < y.months[0].start) {
    --year;
    y = lunar_year_layout(year);
  }
  if (!in_range(year)) return std::nullopt;
  int i = y.count - 1;
  while (jdn < y.months[i].start) --i;
  return LunarDate{year, y.months[i].number, jdn - y.months[i].start + 1, y.months[i].leap};
}

std::optional<model::Date> from_lunar(const LunarDate& lunar) {
  if (!in_range(lunar.year) || lunar.day < 1 || lunar.day > 30) return std::nullopt;
  const Year y = lunar_year_layout(lunar.year);
  const int i = find_month(y, lunar.month, lunar.leap);
  if (i < 0) return std::nullopt;
  const int start = y.months[i].start;
  if (lunar.day > month_end(y, i) - start) return std::nullopt;
  return date_of(start + lunar.day - 1);
}

std::optional<model::Date> tet(int lunar_year) {
  if (!in_range(lunar_year)) return std::nullopt;
  return date_of(lunar_year_layout(lunar_year).months[0].start);
}

std::optional<int> leap_month(int lunar_year) {
  if (!in_range(lunar_year)) return std::nullopt;
  const Year y = lunar_year_layout(lunar_year);
  for (int i = 0; i < y.count; ++i) {
    if (y.months[i].leap) return y.months[i].number;
  }
  return 0;
}

std::optional<int> lunar_month_length(int lunar_year, int month, bool leap) {
  if (!in_range(lunar_year)) return std::nullopt;
  const Year y = lunar_year_layout(lunar_year);
  const int i = find_month(y, month, leap);
  if (i < 0) return std::nullopt;
  return month_end(y, i) - y.months[i].start;
}

}  // namespace inspectrack::calendar
