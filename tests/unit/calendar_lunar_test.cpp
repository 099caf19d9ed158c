#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "inspectrack/calendar/lunar.hpp"

using inspectrack::calendar::from_lunar;
using inspectrack::calendar::leap_month;
using inspectrack::calendar::LunarDate;
using inspectrack::calendar::lunar_month_length;
using inspectrack::calendar::tet;
using inspectrack::calendar::to_lunar;
using inspectrack::model::Date;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

struct MonthDay {
  int month, day;
};

// Two published tables, copied verbatim (reformatted only).
//
// 1. python-holidays (https://github.com/vacanza/holidays), file holidays/calendars/chinese.py
//    at commit 0d3079bdc9eedeba4a3d3b3203731a8ed01b4b03, class _ChineseLunisolar:
//    LUNAR_NEW_YEAR_DATES and HUNG_KINGS_DATES (Chinese calendar, 1901–2100), with the years
//    where the Vietnamese calendar differs listed in VIETNAMESE_CALENDAR_LUNAR_NEW_YEAR_DATES
//    and VIETNAMESE_CALENDAR_HUNG_KINGS_DATES.
constexpr MonthDay kChineseNewYear[] = {  // 1901..2100
    {2, 19}, {2, 8}, {1, 29}, {2, 16}, {2, 4}, {1, 25}, {2, 13}, {2, 2}, {1, 22}, {2, 10},  // 1901–1910
    {1, 30}, {2, 18}, {2, 6}, {1, 26}, {2, 14}, {2, 4}, {1, 23}, {2, 11}, {2, 1}, {2, 20},  // 1911–1920
    {2, 8}, {1, 28}, {2, 16}, {2, 5}, {1, 24}, {2, 13}, {2, 2}, {1, 23}, {2, 10}, {1, 30},  // 1921–1930
    {2, 17}, {2, 6}, {1, 26}, {2, 14}, {2, 4}, {1, 24}, {2, 11}, {1, 31}, {2, 19}, {2, 8},  // 1931–1940
    {1, 27}, {2, 15}, {2, 5}, {1, 25}, {2, 13}, {2, 2}, {1, 22}, {2, 10}, {1, 29}, {2, 17},  // 1941–1950
    {2, 6}, {1, 27}, {2, 14}, {2, 3}, {1, 24}, {2, 12}, {1, 31}, {2, 18}, {2, 8}, {1, 28},  // 1951–1960
    {2, 15}, {2, 5}, {1, 25}, {2, 13}, {2, 2}, {1, 21}, {2, 9}, {1, 30}, {2, 17}, {2, 6},  // 1961–1970
    {1, 27}, {2, 15}, {2, 3}, {1, 23}, {2, 11}, {1, 31}, {2, 18}, {2, 7}, {1, 28}, {2, 16},  // 1971–1980
    {2, 5}, {1, 25}, {2, 13}, {2, 2}, {2, 20}, {2, 9}, {1, 29}, {2, 17}, {2, 6}, {1, 27},  // 1981–1990
    {2, 15}, {2, 4}, {1, 23}, {2, 10}, {1, 31}, {2, 19}, {2, 7}, {1, 28}, {2, 16}, {2, 5},  // 1991–2000
    {1, 24}, {2, 12}, {2, 1}, {1, 22}, {2, 9}, {1, 29}, {2, 18}, {2, 7}, {1, 26}, {2, 14},  // 2001–2010
    {2, 3}, {1, 23}, {2, 10}, {1, 31}, {2, 19}, {2, 8}, {1, 28}, {2, 16}, {2, 5}, {1, 25},  // 2011–2020
    {2, 12}, {2, 1}, {1, 22}, {2, 10}, {1, 29}, {2, 17}, {2, 6}, {1, 26}, {2, 13}, {2, 3},  // 2021–2030
    {1, 23}, {2, 11}, {1, 31}, {2, 19}, {2, 8}, {1, 28}, {2, 15}, {2, 4}, {1, 24}, {2, 12},  // 2031–2040
    {2, 1}, {1, 22}, {2, 10}, {1, 30}, {2, 17}, {2, 6}, {1, 26}, {2, 14}, {2, 2}, {1, 23},  // 2041–2050
    {2, 11}, {2, 1}, {2, 19}, {2, 8}, {1, 28}, {2, 15}, {2, 4}, {1, 24}, {2, 12}, {2, 2},  // 2051–2060
    {1, 21}, {2, 9}, {1, 29}, {2, 17}, {2, 5}, {1, 26}, {2, 14}, {2, 3}, {1, 23}, {2, 11},  // 2061–2070
    {1, 31}, {2, 19}, {2, 7}, {1, 27}, {2, 15}, {2, 5}, {1, 24}, {2, 12}, {2, 2}, {1, 22},  // 2071–2080
    {2, 9}, {1, 29}, {2, 17}, {2, 6}, {1, 26}, {2, 14}, {2, 3}, {1, 24}, {2, 10}, {1, 30},  // 2081–2090
    {2, 18}, {2, 7}, {1, 27}, {2, 15}, {2, 5}, {1, 25}, {2, 12}, {2, 1}, {1, 21}, {2, 9},  // 2091–2100
};
constexpr std::pair<int, MonthDay> kVietnameseNewYear[] = {  // where Vietnam differs
    {1903, {1, 28}}, {1916, {2, 3}}, {1935, {2, 3}}, {1965, {2, 1}}, {1968, {1, 29}},
    {1969, {2, 16}}, {1985, {1, 21}}, {2007, {2, 17}}, {2030, {2, 2}}, {2053, {2, 18}},
};
constexpr MonthDay kChineseHungKings[] = {  // 10/3 lunar, 1901..2100
    {4, 28}, {4, 17}, {4, 7}, {4, 25}, {4, 14}, {4, 3}, {4, 22}, {4, 10}, {4, 29}, {4, 19},  // 1901–1910
    {4, 8}, {4, 26}, {4, 16}, {4, 5}, {4, 23}, {4, 12}, {4, 30}, {4, 20}, {4, 10}, {4, 28},  // 1911–1920
    {4, 17}, {4, 6}, {4, 25}, {4, 13}, {4, 2}, {4, 21}, {4, 11}, {4, 29}, {4, 19}, {4, 8},  // 1921–1930
    {4, 27}, {4, 15}, {4, 4}, {4, 23}, {4, 12}, {4, 1}, {4, 20}, {4, 10}, {4, 29}, {4, 17},  // 1931–1940
    {4, 6}, {4, 24}, {4, 14}, {4, 2}, {4, 21}, {4, 11}, {4, 30}, {4, 18}, {4, 7}, {4, 26},  // 1941–1950
    {4, 15}, {4, 4}, {4, 23}, {4, 12}, {4, 2}, {4, 20}, {4, 9}, {4, 28}, {4, 17}, {4, 5},  // 1951–1960
    {4, 24}, {4, 14}, {4, 3}, {4, 21}, {4, 11}, {3, 31}, {4, 19}, {4, 7}, {4, 26}, {4, 15},  // 1961–1970
    {4, 5}, {4, 23}, {4, 12}, {4, 2}, {4, 21}, {4, 9}, {4, 27}, {4, 16}, {4, 6}, {4, 24},  // 1971–1980
    {4, 14}, {4, 3}, {4, 22}, {4, 10}, {4, 29}, {4, 18}, {4, 7}, {4, 25}, {4, 15}, {4, 5},  // 1981–1990
    {4, 24}, {4, 12}, {4, 1}, {4, 20}, {4, 9}, {4, 27}, {4, 16}, {4, 6}, {4, 25}, {4, 14},  // 1991–2000
    {4, 3}, {4, 22}, {4, 11}, {4, 28}, {4, 18}, {4, 7}, {4, 26}, {4, 15}, {4, 5}, {4, 23},  // 2001–2010
    {4, 12}, {3, 31}, {4, 19}, {4, 9}, {4, 28}, {4, 16}, {4, 6}, {4, 25}, {4, 14}, {4, 2},  // 2011–2020
    {4, 21}, {4, 10}, {4, 29}, {4, 18}, {4, 7}, {4, 26}, {4, 16}, {4, 4}, {4, 23}, {4, 12},  // 2021–2030
    {4, 1}, {4, 19}, {4, 9}, {4, 28}, {4, 17}, {4, 6}, {4, 25}, {4, 14}, {4, 3}, {4, 20},  // 2031–2040
    {4, 10}, {4, 29}, {4, 19}, {4, 7}, {4, 26}, {4, 15}, {4, 4}, {4, 22}, {4, 11}, {4, 1},  // 2041–2050
    {4, 20}, {4, 9}, {4, 28}, {4, 17}, {4, 6}, {4, 24}, {4, 13}, {4, 2}, {4, 21}, {4, 10},  // 2051–2060
    {3, 31}, {4, 19}, {4, 8}, {4, 26}, {4, 15}, {4, 4}, {4, 23}, {4, 11}, {4, 1}, {4, 20},  // 2061–2070
    {4, 9}, {4, 27}, {4, 16}, {4, 5}, {4, 24}, {4, 13}, {4, 2}, {4, 21}, {4, 11}, {3, 30},  // 2071–2080
    {4, 18}, {4, 7}, {4, 26}, {4, 14}, {4, 4}, {4, 23}, {4, 12}, {4, 1}, {4, 20}, {4, 9},  // 2081–2090
    {4, 28}, {4, 16}, {4, 5}, {4, 24}, {4, 14}, {4, 2}, {4, 21}, {4, 11}, {4, 29}, {4, 19},  // 2091–2100
};
constexpr std::pair<int, MonthDay> kVietnameseHungKings[] = {  // where Vietnam differs
    {1916, {4, 11}}, {1917, {4, 1}}, {1939, {4, 28}}, {1975, {4, 20}}, {2009, {4, 4}}, {2037, {4, 24}},
    {2038, {4, 13}}, {2085, {4, 3}}, {2086, {4, 22}}, {2095, {4, 13}}, {2100, {4, 18}},
};

// 2. Ho Ngoc Duc's year table for the Vietnamese calendar, arrays TK20 (1900–1999), TK21
//    (2000–2099) and TK22 (from 2100) of amlich-hnd.js ("Âm lịch Việt Nam", version 0.8,
//    https://www.informatik.uni-leipzig.de/~duc/amlich/), as mirrored at
//    https://github.com/hochanh/amlich/blob/59de074db5c2955827b454d69583b49c5aab6944/amlich-hnd.js
//    Each code: bits 17+ the days from 1 January to Tết; bit 16 set when the leap month has
//    30 days; bits 4..15 months 1..12 (bit 15 = month 1), set for 30 days; bits 0..3 the leap
//    month, 0 for none.
constexpr std::uint32_t kHoNgocDucYears[] = {  // 1900..2100
    0x3c4bd8, 0x624ae0, 0x4ca570, 0x3854d5, 0x5cd260, 0x44d950, 0x315554, 0x5656a0, 0x409ad0, 0x2a55d2,  // 1900–1909
    0x504ae0, 0x3aa5b6, 0x60a4d0, 0x48d250, 0x33d255, 0x58b540, 0x42d6a0, 0x2cada2, 0x5295b0, 0x3f4977,  // 1910–1919
    0x644970, 0x4ca4b0, 0x36b4b5, 0x5c6a50, 0x466d50, 0x312b54, 0x562b60, 0x409570, 0x2c52f2, 0x504970,  // 1920–1929
    0x3a6566, 0x5ed4a0, 0x48ea50, 0x336a95, 0x585ad0, 0x442b60, 0x2f86e3, 0x5292e0, 0x3dc8d7, 0x62c950,  // 1930–1939
    0x4cd4a0, 0x35d8a6, 0x5ab550, 0x4656a0, 0x31a5b4, 0x5625d0, 0x4092d0, 0x2ad2b2, 0x50a950, 0x38b557,  // 1940–1949
    0x5e6ca0, 0x48b550, 0x355355, 0x584da0, 0x42a5b0, 0x2f4573, 0x5452b0, 0x3ca9a8, 0x60e950, 0x4c6aa0,  // 1950–1959
    0x36aea6, 0x5aab50, 0x464b60, 0x30aae4, 0x56a570, 0x405260, 0x28f263, 0x4ed940, 0x38db47, 0x5cd6a0,  // 1960–1969
    0x4896d0, 0x344dd5, 0x5a4ad0, 0x42a4d0, 0x2cd4b4, 0x52b250, 0x3cd558, 0x60b540, 0x4ab5a0, 0x3755a6,  // 1970–1979
    0x5c95b0, 0x4649b0, 0x30a974, 0x56a4b0, 0x40aa50, 0x29aa52, 0x4e6d20, 0x39ad47, 0x5eab60, 0x489370,  // 1980–1989
    0x344af5, 0x5a4970, 0x4464b0, 0x2c74a3, 0x50ea50, 0x3d6a58, 0x6256a0, 0x4aaad0, 0x3696d5, 0x5c92e0,  // 1990–1999
    0x46c960, 0x2ed954, 0x54d4a0, 0x3eda50, 0x2a7552, 0x4e56a0, 0x38a7a7, 0x5ea5d0, 0x4a92b0, 0x32aab5,  // 2000–2009
    0x58a950, 0x42b4a0, 0x2cbaa4, 0x50ad50, 0x3c55d9, 0x624ba0, 0x4ca5b0, 0x375176, 0x5c5270, 0x466930,  // 2010–2019
    0x307934, 0x546aa0, 0x3ead50, 0x2a5b52, 0x504b60, 0x38a6e6, 0x5ea4e0, 0x48d260, 0x32ea65, 0x56d520,  // 2020–2029
    0x40daa0, 0x2d56a3, 0x5256d0, 0x3c4afb, 0x6249d0, 0x4ca4d0, 0x37d0b6, 0x5ab250, 0x44b520, 0x2edd25,  // 2030–2039
    0x54b5a0, 0x3e55d0, 0x2a55b2, 0x5049b0, 0x3aa577, 0x5ea4b0, 0x48aa50, 0x33b255, 0x586d20, 0x40ad60,  // 2040–2049
    0x2d4b63, 0x525370, 0x3e49e8, 0x60c970, 0x4c54b0, 0x3768a6, 0x5ada50, 0x445aa0, 0x2fa6a4, 0x54aad0,  // 2050–2059
    0x4052e0, 0x28d2e3, 0x4ec950, 0x38d557, 0x5ed4a0, 0x46d950, 0x325d55, 0x5856a0, 0x42a6d0, 0x2c55d4,  // 2060–2069
    0x5252b0, 0x3ca9b8, 0x62a930, 0x4ab490, 0x34b6a6, 0x5aad50, 0x4655a0, 0x2eab64, 0x54a570, 0x4052b0,  // 2070–2079
    0x2ab173, 0x4e6930, 0x386b37, 0x5e6aa0, 0x48ad50, 0x332ad5, 0x582b60, 0x42a570, 0x2e52e4, 0x50d160,  // 2080–2089
    0x3ae958, 0x60d520, 0x4ada90, 0x355aa6, 0x5a56d0, 0x462ae0, 0x30a9d4, 0x54a2d0, 0x3ed150, 0x28e952,  // 2090–2099
    0x4eb520,  // 2100–2100
};

std::uint32_t hnd_code(int year) { return kHoNgocDucYears[year - 1900]; }

MonthDay lookup(int year, const MonthDay (&chinese)[200],
                const std::pair<int, MonthDay>* vn_begin, const std::pair<int, MonthDay>* vn_end) {
  for (auto it = vn_begin; it != vn_end; ++it) {
    if (it->first == year) return it->second;
  }
  return chinese[year - 1901];
}

// A lunar month as Ho Ngoc Duc's table has it.
struct TableMonth {
  int month;
  bool leap;
  Date start;
  int length;
};

std::vector<TableMonth> hnd_year(int year) {
  const std::uint32_t code = hnd_code(year);
  const int leap = static_cast<int>(code & 0xf);
  Date start = ymd(year, 1, 1).plus_days(static_cast<std::int32_t>(code >> 17));
  std::vector<TableMonth> months;
  for (int m = 1; m <= 12; ++m) {
    const int length = (code >> (16 - m)) & 1 ? 30 : 29;
    months.push_back({m, false, start, length});
    start = start.plus_days(length);
    if (m == leap) {
      const int leap_length = (code >> 16) & 1 ? 30 : 29;
      months.push_back({m, true, start, leap_length});
      start = start.plus_days(leap_length);
    }
  }
  return months;
}

}  // namespace

TEST_CASE("Tết 1901–2100 matches the published Vietnamese dates (python-holidays)") {
  int differing = 0;
  for (int year = 1901; year <= 2100; ++year) {
    CAPTURE(year);
    const MonthDay md = lookup(year, kChineseNewYear, std::begin(kVietnameseNewYear),
                               std::end(kVietnameseNewYear));
    REQUIRE(tet(year));
    CHECK(*tet(year) == ymd(year, md.month, md.day));
    const MonthDay cn = kChineseNewYear[year - 1901];
    if (*tet(year) != ymd(year, cn.month, cn.day)) ++differing;
  }
  // Exactly the listed years differ from the Chinese calendar.
  CHECK(differing == static_cast<int>(std::size(kVietnameseNewYear)));
}

TEST_CASE("Tết 1900 and the range ends") {
  // Ho Ngoc Duc's table: 30 days after 1/1/1900.
  CHECK((hnd_code(1900) >> 17) == 30);
  CHECK(tet(1900) == ymd(1900, 1, 31));
  CHECK(tet(2100) == ymd(2100, 2, 9));
  CHECK_FALSE(tet(1899));
  CHECK_FALSE(tet(2101));
}

TEST_CASE("Giỗ Tổ Hùng Vương (10/3) 1901–2100 matches the published Vietnamese dates") {
  for (int year = 1901; year <= 2100; ++year) {
    CAPTURE(year);
    const MonthDay md = lookup(year, kChineseHungKings, std::begin(kVietnameseHungKings),
                               std::end(kVietnameseHungKings));
    CHECK(from_lunar({year, 3, 10, false}) == ymd(year, md.month, md.day));
  }
}

TEST_CASE("every month 1968–2100 matches Ho Ngoc Duc's table") {
  // Vietnam has reckoned the calendar for UTC+7 since the 1967 reform (Tết Mậu Thân 1968);
  // the table's years before 1968 do not follow the UTC+7 computation and are not compared.
  // Three month starts differ by a day: the table's new moon falls just before local
  // midnight, Meeus's series (which the header promises) puts it at 00:00–00:02 UTC+7.
  struct Shift {
    int year, month;
    Date ours;
  };
  const Shift shifts[] = {
      {2054, 4, ymd(2054, 5, 8)},    // table: 7/5/2054
      {2072, 11, ymd(2072, 12, 10)}, // table: 9/12/2072
      {2077, 10, ymd(2077, 11, 16)}, // table: 15/11/2077
  };
  int months_checked = 0;
  for (int year = 1968; year <= 2100; ++year) {
    CAPTURE(year);
    const auto table = hnd_year(year);
    CHECK(tet(year) == table.front().start);
    const int table_leap = static_cast<int>(hnd_code(year) & 0xf);
    CHECK(leap_month(year) == table_leap);
    for (const TableMonth& m : table) {
      CAPTURE(m.month);
      CAPTURE(m.leap);
      Date expected = m.start;
      int expected_length = m.length;
      for (const Shift& s : shifts) {
        if (s.year == year && s.month == m.month && !m.leap) {
          CHECK(s.ours == m.start.plus_days(1));
          expected = s.ours;
          expected_length = m.length - 1;
        } else if (s.year == year && s.month == m.month + 1 && !m.leap) {
          expected_length = m.length + 1;  // the month before a late start is a day longer
        }
      }
      CHECK(from_lunar({year, m.month, 1, m.leap}) == expected);
      CHECK(lunar_month_length(year, m.month, m.leap) == expected_length);
      ++months_checked;
    }
  }
  CHECK(months_checked == 133 * 12 + 49);  // 49 leap years among the 133
}

TEST_CASE("leap months (tháng nhuận)") {
  // Ho Ngoc Duc's table (above) for Vietnam.
  const std::pair<int, int> vietnam[] = {
      {1985, 2}, {2004, 2}, {2006, 7}, {2009, 5}, {2012, 4}, {2014, 9}, {2017, 6},
      {2020, 4}, {2023, 2}, {2025, 6}, {2028, 5}, {2033, 11}, {2036, 6}, {1984, 0},
      {2021, 0}, {2022, 0}, {2024, 0}, {2026, 0},
  };
  for (auto [year, month] : vietnam) {
    CAPTURE(year);
    CHECK(static_cast<int>(hnd_code(year) & 0xf) == month);
    CHECK(leap_month(year) == month);
  }
  CHECK_FALSE(leap_month(1899));
  CHECK_FALSE(leap_month(2101));
}

TEST_CASE("1985: Vietnam differs from the Chinese calendar") {
  // China (python lunardate, https://github.com/lidaobing/python-lunardate, lunardate.py,
  // YEAR_INFOS: 1984 = 0x0b27a, leap month 10; 1985 = 0x06a50, none) kept a leap 10th month
  // in 1984 and began 1985 on 20/2/1985. Vietnam had no leap month in 1984, began 1985 on
  // 21/1/1985 and repeated the 2nd month instead.
  CHECK(tet(1985) == ymd(1985, 1, 21));
  CHECK(leap_month(1984) == 0);
  CHECK(leap_month(1985) == 2);
  CHECK(to_lunar(ymd(1985, 1, 20)) == LunarDate{1984, 12, 30, false});
  CHECK(to_lunar(ymd(1985, 1, 21)) == LunarDate{1985, 1, 1, false});
  CHECK(to_lunar(ymd(1985, 2, 20)) == LunarDate{1985, 2, 1, false});  // Tết in China
  CHECK(to_lunar(ymd(1985, 3, 21)) == LunarDate{1985, 2, 1, true});
  CHECK(from_lunar({1985, 2, 1, true}) == ymd(1985, 3, 21));
  SUBCASE("1968 and 2007 too") {
    CHECK(tet(1968) == ymd(1968, 1, 29));  // China: 30/1/1968
    CHECK(tet(2007) == ymd(2007, 2, 17));  // China: 18/2/2007
  }
}

TEST_CASE("known conversions") {
  // As in Ho Ngoc Duc's table.
  CHECK(to_lunar(ymd(2024, 2, 10)) == LunarDate{2024, 1, 1, false});
  CHECK(to_lunar(ymd(2024, 2, 9)) == LunarDate{2023, 12, 30, false});
  CHECK(to_lunar(ymd(2023, 3, 22)) == LunarDate{2023, 2, 1, true});
  CHECK(to_lunar(ymd(2023, 4, 19)) == LunarDate{2023, 2, 29, true});
  CHECK(to_lunar(ymd(2023, 4, 20)) == LunarDate{2023, 3, 1, false});
  CHECK(from_lunar({2033, 11, 1, true}) == ymd(2033, 12, 22));  // the rare leap 11th month
  CHECK(to_lunar(ymd(2034, 1, 19)) == LunarDate{2033, 11, 29, true});
  CHECK(to_lunar(ymd(2034, 1, 20)) == LunarDate{2033, 12, 1, false});
  CHECK(to_lunar(ymd(2021, 7, 22)) == LunarDate{2021, 6, 13, false});
}

TEST_CASE("every day 31/1/1900 … end of lunar 2100 converts both ways") {
  const Date first = ymd(1900, 1, 31);
  const Date end = ymd(2101, 1, 29);  // Tết 2101 (Ho Ngoc Duc: 2100 is a 354-day year)
  REQUIRE(hnd_year(2100).back().start.plus_days(hnd_year(2100).back().length) == end);
  CHECK_FALSE(to_lunar(first.plus_days(-1)));
  CHECK_FALSE(to_lunar(end));
  LunarDate previous{1899, 12, 30, false};
  int failures = 0;
  for (Date d = first; d < end; d = d.plus_days(1)) {
    const auto lunar = to_lunar(d);
    bool ok = lunar && from_lunar(*lunar) == d;
    if (ok && lunar->day != 1) {
      ok = lunar->year == previous.year && lunar->month == previous.month &&
           lunar->leap == previous.leap && lunar->day == previous.day + 1;
    } else if (ok) {
      ok = d == first || previous.day >= 29;
    }
    if (ok) {
      previous = *lunar;
    } else if (++failures <= 5) {
      FAIL_CHECK("round trip fails on " << d.iso());
    }
  }
  CHECK(failures == 0);
  CHECK(previous == LunarDate{2100, 12, 29, false});
}

TEST_CASE("lunar dates that do not exist") {
  REQUIRE(lunar_month_length(2023, 1) == 29);
  CHECK_FALSE(from_lunar({2023, 1, 30, false}));
  CHECK(from_lunar({2023, 1, 29, false}) == ymd(2023, 2, 19));
  CHECK(lunar_month_length(2023, 2, true) == 29);
  CHECK_FALSE(from_lunar({2023, 2, 30, true}));
  SUBCASE("a leap month the year does not have") {
    CHECK_FALSE(from_lunar({2023, 3, 1, true}));
    CHECK_FALSE(from_lunar({2024, 4, 1, true}));
    CHECK_FALSE(lunar_month_length(2024, 4, true));
  }
  SUBCASE("out of bounds fields") {
    CHECK_FALSE(from_lunar({2024, 1, 0, false}));
    CHECK_FALSE(from_lunar({2024, 1, 31, false}));
    CHECK_FALSE(from_lunar({2024, 0, 1, false}));
    CHECK_FALSE(from_lunar({2024, 13, 1, false}));
    CHECK_FALSE(from_lunar({2024, -1, 1, false}));
    CHECK_FALSE(lunar_month_length(2024, 13));
    CHECK_FALSE(lunar_month_length(2024, 0));
  }
  SUBCASE("out of range years") {
    CHECK_FALSE(from_lunar({1899, 12, 1, false}));
    CHECK_FALSE(from_lunar({2101, 1, 1, false}));
    CHECK_FALSE(lunar_month_length(1899, 1));
    CHECK_FALSE(to_lunar(ymd(1, 1, 1)));
    CHECK_FALSE(to_lunar(ymd(1899, 6, 1)));
    CHECK_FALSE(to_lunar(ymd(2101, 6, 1)));
    CHECK_FALSE(to_lunar(ymd(9999, 12, 31)));
    CHECK(from_lunar({1900, 1, 1, false}) == ymd(1900, 1, 31));
    CHECK(from_lunar({2100, 12, 29, false}) == ymd(2101, 1, 28));
  }
}
