#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "inspectrack/calendar/work_calendar.hpp"

using inspectrack::calendar::DayKind;
using inspectrack::calendar::kSaturdaySunday;
using inspectrack::calendar::SpecialDay;
using inspectrack::calendar::vietnam_provisional_days;
using inspectrack::calendar::WeekendMask;
using inspectrack::model::Date;

namespace {

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

using Expected = std::vector<std::pair<Date, std::string>>;

// The days as (date, name), checking what every entry shares.
Expected listed(int year, WeekendMask weekend = kSaturdaySunday) {
  Expected out;
  const std::vector<SpecialDay> days = vietnam_provisional_days(year, weekend);
  for (std::size_t i = 0; i < days.size(); ++i) {
    CAPTURE(days[i].date.iso());
    CHECK(days[i].provisional);
    CHECK(days[i].kind == DayKind::holiday);
    if (i > 0) CHECK(days[i - 1].date < days[i].date);  // sorted, no date twice
    out.emplace_back(days[i].date, days[i].name);
  }
  return out;
}

std::vector<Date> dates_named(const Expected& days, const std::string& name) {
  std::vector<Date> out;
  for (const auto& [date, n] : days) {
    if (n == name) out.push_back(date);
  }
  return out;
}

const std::string kNewYear = "Tết Dương lịch";
const std::string kTet = "Tết Nguyên đán";
const std::string kHungKings = "Giỗ Tổ Hùng Vương";
const std::string kVictory = "Ngày Chiến thắng";
const std::string kLabour = "Ngày Quốc tế Lao động";
const std::string kNational = "Quốc khánh";
const std::string kMakeUp = "Nghỉ bù ";
const std::string kCulture = "Ngày Văn hóa Việt Nam";

}  // namespace

TEST_CASE("2021: Labor Code 2019, Tết and 1/5 over a weekend") {
  // Tết Tân Sửu is Friday 12/2/2021; 30 Chạp is Thursday 11/2. Giỗ Tổ: Wednesday 21/4.
  // Saturday 13/2 and Sunday 14/2 are made up on Tuesday 16/2 and Wednesday 17/2;
  // Saturday 1/5 on Monday 3/5 (Sunday 2/5 is a rest day). 2/9 is a Thursday: Friday 3/9
  // joins the weekend.
  const Expected expected = {
      {ymd(2021, 1, 1), kNewYear},
      {ymd(2021, 2, 11), kTet},
      {ymd(2021, 2, 12), kTet},
      {ymd(2021, 2, 13), kTet},
      {ymd(2021, 2, 14), kTet},
      {ymd(2021, 2, 15), kTet},
      {ymd(2021, 2, 16), kMakeUp + kTet},
      {ymd(2021, 2, 17), kMakeUp + kTet},
      {ymd(2021, 4, 21), kHungKings},
      {ymd(2021, 4, 30), kVictory},
      {ymd(2021, 5, 1), kLabour},
      {ymd(2021, 5, 3), kMakeUp + kLabour},
      {ymd(2021, 9, 2), kNational},
      {ymd(2021, 9, 3), kNational},
  };
  CHECK(listed(2021) == expected);
}

TEST_CASE("2027: Tết on a Saturday") {
  // Tết Đinh Mùi is Saturday 6/2/2027 (the eve, 29 Chạp, Friday 5/2); Giỗ Tổ Friday 16/4;
  // 1/1 Friday; 1/5 Saturday; 2/9 Thursday.
  const Expected expected = {
      {ymd(2027, 1, 1), kNewYear},
      {ymd(2027, 2, 5), kTet},
      {ymd(2027, 2, 6), kTet},
      {ymd(2027, 2, 7), kTet},
      {ymd(2027, 2, 8), kTet},
      {ymd(2027, 2, 9), kTet},
      {ymd(2027, 2, 10), kMakeUp + kTet},
      {ymd(2027, 2, 11), kMakeUp + kTet},
      {ymd(2027, 4, 16), kHungKings},
      {ymd(2027, 4, 30), kVictory},
      {ymd(2027, 5, 1), kLabour},
      {ymd(2027, 5, 3), kMakeUp + kLabour},
      {ymd(2027, 9, 2), kNational},
      {ymd(2027, 9, 3), kNational},
      {ymd(2027, 11, 24), kCulture},
  };
  CHECK(listed(2027) == expected);
}

TEST_CASE("2029: 2/9 on a Sunday") {
  // Monday 3/9 is the second day (Saturday 1/9 adds nothing); Sunday 2/9 is made up on
  // the next day neither off nor a holiday, Tuesday 4/9. Tết (Tuesday 13/2/2029) and
  // the eve fall on weekdays: no make-up day.
  const Expected expected = {
      {ymd(2029, 1, 1), kNewYear},
      {ymd(2029, 2, 12), kTet},
      {ymd(2029, 2, 13), kTet},
      {ymd(2029, 2, 14), kTet},
      {ymd(2029, 2, 15), kTet},
      {ymd(2029, 2, 16), kTet},
      {ymd(2029, 4, 23), kHungKings},
      {ymd(2029, 4, 30), kVictory},
      {ymd(2029, 5, 1), kLabour},
      {ymd(2029, 9, 2), kNational},
      {ymd(2029, 9, 3), kNational},
      {ymd(2029, 9, 4), kMakeUp + kNational},
      {ymd(2029, 11, 24), kCulture},  // a Saturday, made up on Monday
      {ymd(2029, 11, 26), kMakeUp + kCulture},
  };
  CHECK(listed(2029) == expected);
}

TEST_CASE("2023: holidays in a row over a weekend are made up one after another") {
  // Sunday 1/1 → Monday 2/1. Giỗ Tổ Saturday 29/4, 30/4 Sunday, 1/5 Monday: made up on
  // Tuesday 2/5 and Wednesday 3/5, as the 2023 announcement did.
  const Expected days = listed(2023);
  CHECK(dates_named(days, kMakeUp + kNewYear) == std::vector{ymd(2023, 1, 2)});
  CHECK(dates_named(days, kMakeUp + kHungKings) == std::vector{ymd(2023, 5, 2)});
  CHECK(dates_named(days, kMakeUp + kVictory) == std::vector{ymd(2023, 5, 3)});
  CHECK(dates_named(days, kMakeUp + kLabour).empty());
  CHECK(dates_named(days, kTet) ==
        std::vector{ymd(2023, 1, 21), ymd(2023, 1, 22), ymd(2023, 1, 23), ymd(2023, 1, 24),
                    ymd(2023, 1, 25)});
  CHECK(dates_named(days, kMakeUp + kTet) == std::vector{ymd(2023, 1, 26), ymd(2023, 1, 27)});
}

TEST_CASE("the second Quốc khánh day reproduces the announced choices") {
  // Announced: 2021 Thu 2/9 + Fri 3/9; 2022 Thu 1/9 + Fri 2/9; 2023 Fri 1/9 + Sat 2/9
  // (+ Mon 4/9 made up); 2024 Mon 2/9 + Tue 3/9; 2025 Mon 1/9 + Tue 2/9.
  const std::pair<int, std::vector<Date>> announced[] = {
      {2021, {ymd(2021, 9, 2), ymd(2021, 9, 3)}},
      {2022, {ymd(2022, 9, 1), ymd(2022, 9, 2)}},
      {2023, {ymd(2023, 9, 1), ymd(2023, 9, 2)}},
      {2024, {ymd(2024, 9, 2), ymd(2024, 9, 3)}},
      {2025, {ymd(2025, 9, 1), ymd(2025, 9, 2)}},
  };
  for (const auto& [year, dates] : announced) {
    CAPTURE(year);
    CHECK(dates_named(listed(year), kNational) == dates);
  }
  CHECK(dates_named(listed(2023), kMakeUp + kNational) == std::vector{ymd(2023, 9, 4)});
  SUBCASE("a tie (2/9 on a Wednesday) takes 1/9") {
    CHECK(dates_named(listed(2026), kNational) == std::vector{ymd(2026, 9, 1), ymd(2026, 9, 2)});
  }
}

TEST_CASE("before 2021 Quốc khánh is 2/9 only") {
  CHECK(dates_named(listed(2020), kNational) == std::vector{ymd(2020, 9, 2)});
  CHECK(dates_named(listed(2019), kNational) == std::vector{ymd(2019, 9, 2)});
  // Sunday 2/9/2018 was made up on Monday 3/9/2018.
  const Expected days2018 = listed(2018);
  CHECK(dates_named(days2018, kNational) == std::vector{ymd(2018, 9, 2)});
  CHECK(dates_named(days2018, kMakeUp + kNational) == std::vector{ymd(2018, 9, 3)});
}

TEST_CASE("Tết is the eve and mùng 1–4 whatever the length of tháng Chạp") {
  // Lunar 2023's 12th month has 30 days: the eve of Tết 2024 (Saturday 10/2) is 30 Chạp,
  // Friday 9/2. Lunar 2021's has 29: the eve of Tết 2022 (Tuesday 1/2) is 29 Chạp, 31/1.
  CHECK(dates_named(listed(2024), kTet) ==
        std::vector{ymd(2024, 2, 9), ymd(2024, 2, 10), ymd(2024, 2, 11), ymd(2024, 2, 12),
                    ymd(2024, 2, 13)});
  CHECK(dates_named(listed(2022), kTet) ==
        std::vector{ymd(2022, 1, 31), ymd(2022, 2, 1), ymd(2022, 2, 2), ymd(2022, 2, 3),
                    ymd(2022, 2, 4)});
}

TEST_CASE("another weekly rest pattern: Sunday only") {
  // 2021 with only Sundays off: Saturday 13/2 and 1/5 are worked days, so only Sunday
  // 14/2 is made up (Tuesday 16/2); Wednesday 1/9 and Friday 3/9 make runs of the same
  // length with Thursday 2/9 (Saturday is worked): 1/9 is taken.
  const Expected days = listed(2021, 0b1000000);
  CHECK(dates_named(days, kMakeUp + kTet) == std::vector{ymd(2021, 2, 16)});
  CHECK(dates_named(days, kMakeUp + kLabour).empty());
  CHECK(dates_named(days, kNational) == std::vector{ymd(2021, 9, 1), ymd(2021, 9, 2)});
  CHECK(days.size() == 12);
}

TEST_CASE("every day a rest day: holidays listed, nothing made up") {
  const Expected days = listed(2021, 0b1111111);
  CHECK(days.size() == 11);  // 1/1, five Tết days, Giỗ Tổ, 30/4, 1/5, two Quốc khánh days
  for (const auto& [date, name] : days) CHECK(name.rfind(kMakeUp, 0) == std::string::npos);
}

TEST_CASE("outside lunar years 1900..2100 only the solar holidays") {
  for (int year : {1899, 2101, 1, 9999}) {
    CAPTURE(year);
    const Expected days = listed(year);
    CHECK(dates_named(days, kTet).empty());
    CHECK(dates_named(days, kHungKings).empty());
    CHECK(dates_named(days, kNewYear) == std::vector{ymd(year, 1, 1)});
    CHECK(dates_named(days, kVictory) == std::vector{ymd(year, 4, 30)});
    CHECK(dates_named(days, kLabour) == std::vector{ymd(year, 5, 1)});
    CHECK(dates_named(days, kNational).size() == (year >= 2021 ? 2U : 1U));
  }
  SUBCASE("lunar 1900 and 2100 are in range") {
    CHECK(dates_named(listed(1900), kTet).front() == ymd(1900, 1, 30));
    CHECK(dates_named(listed(2100), kHungKings) == std::vector{ymd(2100, 4, 18)});
  }
  CHECK(vietnam_provisional_days(0, kSaturdaySunday).empty());
  CHECK(vietnam_provisional_days(10000, kSaturdaySunday).empty());
}

TEST_CASE("Giỗ Tổ on 30/4 is listed once") {
  // Lunar 10/3/1947 fell on 30/4/1947 (python-holidays' HUNG_KINGS_DATES).
  const Expected days = listed(1947);
  CHECK(dates_named(days, kHungKings) == std::vector{ymd(1947, 4, 30)});
  CHECK(dates_named(days, kVictory).empty());
}

TEST_CASE("Ngày Văn hóa Việt Nam (24/11) is a day off from 2026 only") {
  CHECK(dates_named(listed(2025), kCulture).empty());
  CHECK(dates_named(listed(2026), kCulture) == std::vector{ymd(2026, 11, 24)});
  CHECK(dates_named(listed(2030), kCulture) == std::vector{ymd(2030, 11, 24)});
}
