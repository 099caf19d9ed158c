#include <doctest/doctest.h>

#include <random>

#include "inspectrack/calendar/work_calendar.hpp"
#include "inspectrack/error.hpp"

using namespace inspectrack;
using calendar::CalendarSpec;
using calendar::DayKind;
using calendar::SpecialDay;
using calendar::WorkCalendar;
using calendar::YearSpec;
using model::Date;

namespace {

Date d(const char* s) { return *model::parse_date(s).date; }

SpecialDay off(const char* date, const char* name) { return {d(date), DayKind::holiday, name, false}; }
SpecialDay worked(const char* date, const char* name) { return {d(date), DayKind::workday, name, false}; }

void add_range(YearSpec& year, const char* from, const char* to, const char* name) {
  for (Date day = d(from); day <= d(to); day = day.plus_days(1)) {
    year.days_off.push_back({day, DayKind::holiday, name, false});
  }
}

// 2021 as a hand-made announcement: the real days off, plus one made-up làm bù
// Saturday (24/4) and entries that must be ignored (1/5 is a Saturday, a "workday"
// on a Monday).
YearSpec year_2021() {
  YearSpec y;
  y.year = 2021;
  y.source = "test";
  y.days_off.push_back(off("2021-01-01", "Tết Dương lịch"));
  add_range(y, "2021-02-10", "2021-02-16", "Tết Nguyên đán");
  y.days_off.push_back(off("2021-04-21", "Giỗ Tổ Hùng Vương"));
  y.days_off.push_back(off("2021-04-30", "Ngày Chiến thắng"));
  y.days_off.push_back(off("2021-05-01", "Quốc tế Lao động"));
  y.days_off.push_back(off("2021-05-03", "Nghỉ bù ngày Quốc tế Lao động 1/5"));
  y.days_off.push_back(off("2021-09-02", "Quốc khánh"));
  y.days_off.push_back(off("2021-09-03", "Quốc khánh"));
  y.workdays.push_back(worked("2021-04-24", "Làm bù"));
  y.workdays.push_back(worked("2021-04-26", "Not a rest day"));
  return y;
}

CalendarSpec spec_2021(calendar::Rules rules = calendar::Rules::none) {
  CalendarSpec spec;
  spec.key = "test";
  spec.rules = rules;
  spec.years.push_back(year_2021());
  return spec;
}

// Working days in (from, to], one day at a time.
int brute_count(const WorkCalendar& cal, Date from, Date to) {
  int n = 0;
  for (Date day = from.plus_days(1); day <= to; day = day.plus_days(1)) n += cal.is_working_day(day) ? 1 : 0;
  return n;
}

// add/count agree with each other and with counting day by day.
void check_consistent(const WorkCalendar& cal, Date first, int span_days, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> offset(0, span_days);
  std::uniform_int_distribution<int> small(1, 40);
  std::uniform_int_distribution<int> large(1, 3650);
  for (int i = 0; i < 2000; ++i) {
    const Date start = first.plus_days(offset(rng));
    const int n = i % 2 == 0 ? small(rng) : large(rng);
    const Date end = cal.add_working_days(start, n);
    CAPTURE(start.iso());
    CAPTURE(n);
    REQUIRE(end > start);
    CHECK(cal.is_working_day(end));
    CHECK(cal.working_days_between(start, end) == n);
    CHECK(cal.working_days_between(start, end.plus_days(-1)) == n - 1);
    const Date other = first.plus_days(offset(rng));
    if (i % 10 == 0) CHECK(cal.working_days_between(start, other) == brute_count(cal, start, other));
  }
}

}  // namespace

TEST_CASE("working days of an announced year") {
  const WorkCalendar cal(spec_2021());
  CHECK(cal.is_working_day(d("2021-02-08")));      // Monday
  CHECK(cal.is_working_day(d("2021-02-19")));      // Friday after Tết
  CHECK_FALSE(cal.is_working_day(d("2021-02-06")));  // Saturday
  CHECK_FALSE(cal.is_working_day(d("2021-02-07")));  // Sunday
  CHECK_FALSE(cal.is_working_day(d("2021-01-01")));
  CHECK_FALSE(cal.is_working_day(d("2021-02-10")));
  CHECK_FALSE(cal.is_working_day(d("2021-02-16")));
  CHECK_FALSE(cal.is_working_day(d("2021-05-03")));  // compensatory day off
  CHECK(cal.is_working_day(d("2021-04-24")));        // làm bù Saturday
  CHECK_FALSE(cal.is_working_day(d("2021-04-25")));  // the Sunday after it
  CHECK(cal.is_working_day(d("2021-04-26")));        // a "workday" on a Monday changes nothing
  SUBCASE("unlisted years under Rules::none have only weekends") {
    CHECK(cal.is_working_day(d("2022-01-03")));
    CHECK(cal.is_working_day(d("2022-02-01")));  // Tết 2022, but not listed
    CHECK_FALSE(cal.is_working_day(d("2022-01-01")));
    CHECK_FALSE(cal.is_provisional(d("2022-02-01")));
    CHECK(cal.announced(2022) == nullptr);
    REQUIRE(cal.announced(2021) != nullptr);
    CHECK(cal.announced(2021)->year == 2021);
    CHECK(cal.special_days(2022).empty());
  }
  SUBCASE("special_day names the day") {
    REQUIRE(cal.special_day(d("2021-02-12")));
    CHECK(cal.special_day(d("2021-02-12"))->name == "Tết Nguyên đán");
    CHECK(cal.special_day(d("2021-02-12"))->kind == DayKind::holiday);
    CHECK(cal.special_day(d("2021-04-24"))->kind == DayKind::workday);
    CHECK_FALSE(cal.special_day(d("2021-02-13")));  // a Saturday inside the break
    CHECK_FALSE(cal.special_day(d("2021-05-01")));  // listed, but a Saturday
    CHECK_FALSE(cal.special_day(d("2021-04-26")));
    CHECK_FALSE(cal.special_day(d("2021-02-08")));
    CHECK_FALSE(cal.is_provisional(d("2021-02-12")));
  }
}

TEST_CASE("next_working_day") {
  const WorkCalendar cal(spec_2021());
  CHECK(cal.next_working_day(d("2021-02-08")) == d("2021-02-08"));
  CHECK(cal.next_working_day(d("2021-02-06")) == d("2021-02-08"));
  CHECK(cal.next_working_day(d("2021-02-10")) == d("2021-02-17"));
  CHECK(cal.next_working_day(d("2021-02-13")) == d("2021-02-17"));
  CHECK(cal.next_working_day(d("2021-04-24")) == d("2021-04-24"));
  // 30/4 Friday off, 1/5 and 2/5 weekend, 3/5 compensatory.
  CHECK(cal.next_working_day(d("2021-04-30")) == d("2021-05-04"));
  CHECK(cal.next_working_day(d("2020-12-31")) == d("2020-12-31"));
  CHECK(cal.next_working_day(d("2021-01-01")) == d("2021-01-04"));
}

TEST_CASE("add_working_days: the start day is not counted") {
  const WorkCalendar cal(spec_2021());
  // Mon 8, Tue 9; break 10–16/2; Wed 17, Thu 18, Fri 19; Mon 22 … Fri 26.
  CHECK(cal.add_working_days(d("2021-02-05"), 1) == d("2021-02-08"));
  CHECK(cal.add_working_days(d("2021-02-05"), 2) == d("2021-02-09"));
  CHECK(cal.add_working_days(d("2021-02-05"), 3) == d("2021-02-17"));
  CHECK(cal.add_working_days(d("2021-02-05"), 10) == d("2021-02-26"));
  SUBCASE("from a day off") {
    CHECK(cal.add_working_days(d("2021-02-12"), 1) == d("2021-02-17"));
    CHECK(cal.add_working_days(d("2021-02-13"), 5) == d("2021-02-23"));
    CHECK(cal.add_working_days(d("2021-02-06"), 1) == d("2021-02-08"));
  }
  SUBCASE("làm bù counts, from it and up to it") {
    CHECK(cal.add_working_days(d("2021-04-23"), 1) == d("2021-04-24"));
    CHECK(cal.add_working_days(d("2021-04-24"), 1) == d("2021-04-26"));
    CHECK(cal.add_working_days(d("2021-04-22"), 3) == d("2021-04-26"));
  }
  SUBCASE("across the new year") {
    CHECK(cal.add_working_days(d("2020-12-31"), 1) == d("2021-01-04"));
    CHECK(cal.add_working_days(d("2021-12-31"), 1) == d("2022-01-03"));
  }
  SUBCASE("long periods") {
    // No special days after 2021: 3650 working days = 730 weeks from a Monday.
    CHECK(cal.add_working_days(d("2022-01-03"), 3650) == d("2022-01-03").plus_days(730 * 7));
    CHECK(cal.add_working_days(d("2022-01-03"), 3649) == d("2022-01-03").plus_days(730 * 7 - 3));
  }
}

TEST_CASE("working_days_between counts the days after from, up to and including to") {
  const WorkCalendar cal(spec_2021());
  CHECK(cal.working_days_between(d("2021-02-05"), d("2021-02-26")) == 10);
  CHECK(cal.working_days_between(d("2021-02-09"), d("2021-02-16")) == 0);
  CHECK(cal.working_days_between(d("2021-02-12"), d("2021-02-17")) == 1);  // from a holiday
  CHECK(cal.working_days_between(d("2021-02-08"), d("2021-02-14")) == 1);  // to a holiday weekend
  CHECK(cal.working_days_between(d("2021-02-08"), d("2021-02-08")) == 0);
  CHECK(cal.working_days_between(d("2021-02-26"), d("2021-02-05")) == 0);
  CHECK(cal.working_days_between(d("2020-12-31"), d("2021-01-04")) == 1);
  CHECK(cal.working_days_between(d("2021-04-23"), d("2021-04-24")) == 1);  // làm bù
  CHECK(cal.working_days_between(d("2021-04-24"), d("2021-04-25")) == 0);
  // 2021: 261 weekdays, 11 of them off, one Saturday worked.
  CHECK(cal.working_days_between(d("2020-12-31"), d("2021-12-31")) == 251);
  CHECK(brute_count(cal, d("2020-12-31"), d("2021-12-31")) == 251);
  // Far from the listed year, and before the epoch of Date.
  CHECK(cal.working_days_between(d("1899-12-31"), d("1900-01-07")) == 5);
  CHECK(cal.working_days_between(d("0001-01-01"), d("0001-01-08")) == 5);
  CHECK(cal.working_days_between(d("9999-12-24"), d("9999-12-31")) == 5);
}

TEST_CASE("add_working_days and working_days_between agree") {
  SUBCASE("Saturday and Sunday, with 2021 announced") {
    check_consistent(WorkCalendar(spec_2021()), d("2019-06-01"), 1200, 1);
  }
  SUBCASE("before 1970 and near the last year") {
    check_consistent(WorkCalendar(spec_2021()), d("1960-01-01"), 4000, 2);
    check_consistent(WorkCalendar(spec_2021()), d("9980-01-01"), 200, 3);
  }
  SUBCASE("Friday only") {
    CalendarSpec spec = spec_2021();
    spec.weekend = 0b0010000;
    check_consistent(WorkCalendar(spec), d("2019-06-01"), 1200, 4);
  }
  SUBCASE("Sunday only") {
    CalendarSpec spec = spec_2021();
    spec.weekend = 0b1000000;
    check_consistent(WorkCalendar(spec), d("2019-06-01"), 1200, 5);
  }
  SUBCASE("six rest days") {
    CalendarSpec spec = spec_2021();
    spec.weekend = 0b1111011;  // only Wednesday is worked
    check_consistent(WorkCalendar(spec), d("2019-06-01"), 1200, 6);
  }
}

TEST_CASE("custom weekly rest days") {
  SUBCASE("Friday only") {
    CalendarSpec spec = spec_2021();
    spec.weekend = 0b0010000;
    const WorkCalendar cal(spec);
    CHECK_FALSE(cal.is_working_day(d("2021-07-02")));  // Friday
    CHECK(cal.is_working_day(d("2021-07-03")));        // Saturday
    CHECK(cal.is_working_day(d("2021-07-04")));        // Sunday
    CHECK(cal.add_working_days(d("2021-07-01"), 1) == d("2021-07-03"));
    CHECK(cal.working_days_between(d("2021-07-04"), d("2021-07-11")) == 6);
    // Tết 13/2 and 14/2 are worked days for this calendar, so they are holidays now;
    // 12/2 is the Friday rest day; the làm bù Saturday is not a rest day: ignored.
    CHECK_FALSE(cal.is_working_day(d("2021-02-13")));
    CHECK(cal.special_day(d("2021-02-13")));
    CHECK_FALSE(cal.special_day(d("2021-02-12")));
    CHECK_FALSE(cal.special_day(d("2021-04-24")));
    CHECK(cal.is_working_day(d("2021-04-24")));
    CHECK(cal.special_days(2021).size() == 10);
  }
  SUBCASE("Sunday only") {
    CalendarSpec spec;
    spec.weekend = 0b1000000;
    const WorkCalendar cal(spec);
    CHECK(cal.is_working_day(d("2021-07-03")));
    CHECK_FALSE(cal.is_working_day(d("2021-07-04")));
    CHECK(cal.add_working_days(d("2021-07-03"), 1) == d("2021-07-05"));
    CHECK(cal.next_working_day(d("2021-07-04")) == d("2021-07-05"));
    CHECK(cal.working_days_between(d("2021-07-01"), d("2021-07-31")) == 26);
  }
}

TEST_CASE("special_days lists what differs from the weekly pattern") {
  const WorkCalendar cal(spec_2021());
  const auto days = cal.special_days(2021);
  // 1/1; 10, 11, 12, 15, 16/2; 21/4; 24/4 (worked); 30/4; 3/5; 2/9; 3/9.
  REQUIRE(days.size() == 12);
  CHECK(days.front().date == d("2021-01-01"));
  CHECK(days[1].date == d("2021-02-10"));
  CHECK(days[3].date == d("2021-02-12"));
  CHECK(days[4].date == d("2021-02-15"));
  CHECK(days[7].date == d("2021-04-24"));
  CHECK(days[7].kind == DayKind::workday);
  CHECK(days.back().date == d("2021-09-03"));
  for (std::size_t i = 1; i < days.size(); ++i) CHECK(days[i - 1].date < days[i].date);
  for (const SpecialDay& day : days) {
    CAPTURE(day.date.iso());
    CHECK((day.date.iso_weekday() >= 6) == (day.kind == DayKind::workday));
    CHECK_FALSE(day.provisional);
  }
  CHECK(cal.special_days(2020).empty());
  CHECK(cal.special_days(0).empty());
}

TEST_CASE("a date listed twice keeps its first entry") {
  CalendarSpec spec = spec_2021();
  spec.years[0].days_off.push_back(off("2021-09-02", "Second name"));
  spec.years[0].days_off.push_back(off("2021-09-06", "Only entry"));
  const WorkCalendar cal(spec);
  CHECK(cal.special_day(d("2021-09-02"))->name == "Quốc khánh");
  CHECK(cal.special_day(d("2021-09-06"))->name == "Only entry");
  CHECK(cal.special_days(2021).size() == 13);
  CHECK(cal.working_days_between(d("2021-08-31"), d("2021-09-07")) == 2);
}

TEST_CASE("a calendar without a working weekday is refused") {
  CalendarSpec spec;
  spec.weekend = 0x7F;
  CHECK_THROWS_AS(WorkCalendar{spec}, Error);
}

TEST_CASE("Rules::vietnam: unannounced years are computed and provisional") {
  const WorkCalendar cal(spec_2021(calendar::Rules::vietnam));
  SUBCASE("the announced year is exactly as written") {
    CHECK_FALSE(cal.is_provisional(d("2021-06-01")));
    CHECK_FALSE(cal.any_provisional(d("2020-12-31"), d("2021-12-31")));
    CHECK(cal.working_days_between(d("2020-12-31"), d("2021-12-31")) == 251);
    for (const SpecialDay& day : cal.special_days(2021)) CHECK_FALSE(day.provisional);
  }
  SUBCASE("an unannounced year") {
    CHECK(cal.is_provisional(d("2022-06-01")));
    CHECK(cal.is_provisional(d("2020-06-01")));
    // Tết 2022: mùng 1 is Tuesday 1/2/2022.
    CHECK_FALSE(cal.is_working_day(d("2022-02-01")));
    REQUIRE(cal.special_day(d("2022-02-01")));
    CHECK(cal.special_day(d("2022-02-01"))->provisional);
    CHECK_FALSE(cal.is_working_day(d("2022-01-31")));  // the last day of the old year
    CHECK_FALSE(cal.is_working_day(d("2022-09-02")));
    CHECK_FALSE(cal.is_working_day(d("2020-01-01")));
    CHECK(cal.announced(2022) == nullptr);
    const auto days = cal.special_days(2022);
    REQUIRE_FALSE(days.empty());
    for (std::size_t i = 0; i < days.size(); ++i) {
      CAPTURE(days[i].date.iso());
      CHECK(days[i].provisional);
      CHECK(days[i].date.year() == 2022);
      if (i > 0) CHECK(days[i - 1].date < days[i].date);
      if (days[i].kind == DayKind::holiday) CHECK(days[i].date.iso_weekday() <= 5);
    }
  }
  SUBCASE("any_provisional looks at (from, to]") {
    CHECK(cal.any_provisional(d("2021-12-30"), d("2022-01-01")));
    CHECK_FALSE(cal.any_provisional(d("2020-12-31"), d("2021-01-05")));
    CHECK(cal.any_provisional(d("2020-12-30"), d("2021-01-05")));
    CHECK_FALSE(cal.any_provisional(d("2022-03-01"), d("2022-03-01")));
    CHECK_FALSE(cal.any_provisional(d("2022-03-02"), d("2022-03-01")));
    CHECK(cal.any_provisional(d("2019-03-01"), d("2019-03-02")));
  }
  SUBCASE("before 1900 only the weekly pattern, still provisional") {
    CHECK(cal.is_working_day(d("1800-01-01")));  // a Wednesday
    CHECK(cal.special_days(1800).empty());
    CHECK(cal.special_days(1899).empty());
    CHECK(cal.is_provisional(d("1800-01-01")));
    CHECK(cal.working_days_between(d("1800-12-31"), d("1801-01-07")) == 5);
  }
  SUBCASE("after 2100 the solar holidays, provisional") {
    CHECK_FALSE(cal.special_days(2101).empty());
    CHECK_FALSE(cal.is_working_day(d("2201-01-01")));  // a Monday
    CHECK(cal.is_provisional(d("2201-01-01")));
    CHECK(cal.working_days_between(d("2200-12-31"), d("2201-01-07")) == 4);
  }
  SUBCASE("Rules::none is never provisional") {
    const WorkCalendar plain(spec_2021());
    CHECK_FALSE(plain.is_provisional(d("2022-02-01")));
    CHECK_FALSE(plain.any_provisional(d("2019-01-01"), d("2030-01-01")));
  }
  SUBCASE("add and count agree over computed years") {
    check_consistent(cal, d("2018-01-01"), 3000, 7);
  }
}

namespace {

CalendarSpec vietnam_rules(calendar::WeekendMask weekend = calendar::kSaturdaySunday) {
  CalendarSpec spec;
  spec.key = "vn";
  spec.rules = calendar::Rules::vietnam;
  spec.weekend = weekend;
  return spec;
}

// What a Rules::vietnam calendar holds for an unlisted `year`: the rule's days of that
// year, less those on rest days, all provisional. Computed year by year, with no cycle.
std::vector<SpecialDay> by_rule(int year, calendar::WeekendMask weekend) {
  std::vector<SpecialDay> out;
  for (SpecialDay& day : calendar::vietnam_provisional_days(year, weekend)) {
    const bool rest = ((weekend >> (day.date.iso_weekday() - 1)) & 1U) != 0;
    if (day.date.year() != year || rest) continue;
    day.provisional = true;
    out.push_back(std::move(day));
  }
  return out;
}

// The years in [first, last] whose special days differ from the rule's, but `except`;
// the first of them in *where.
int years_unlike_rule(const WorkCalendar& cal, int first, int last, int except, int* where) {
  int count = 0;
  for (int year = first; year <= last; ++year) {
    if (year == except || cal.special_days(year) == by_rule(year, cal.spec().weekend)) continue;
    if (count++ == 0) *where = year;
  }
  return count;
}

}  // namespace

TEST_CASE("Rules::vietnam after 2100: the solar holidays of the law") {
  const WorkCalendar cal(vietnam_rules());
  SUBCASE("2101: no Tết, no Giỗ Tổ; 1/1 and 30/4–1/5 on weekends are made up") {
    // 1/1/2101 is a Saturday; 30/4 and 1/5 a Saturday and a Sunday; 2/9 a Friday, so
    // Thursday 1/9 is its neighbour.
    const std::vector<SpecialDay> expected = {
        {d("2101-01-03"), DayKind::holiday, "Nghỉ bù Tết Dương lịch", true},
        {d("2101-05-02"), DayKind::holiday, "Nghỉ bù Ngày Chiến thắng", true},
        {d("2101-05-03"), DayKind::holiday, "Nghỉ bù Ngày Quốc tế Lao động", true},
        {d("2101-09-01"), DayKind::holiday, "Quốc khánh", true},
        {d("2101-09-02"), DayKind::holiday, "Quốc khánh", true},
        {d("2101-11-24"), DayKind::holiday, "Ngày Văn hóa Việt Nam", true},
    };
    CHECK(cal.special_days(2101) == expected);
    CHECK_FALSE(cal.is_working_day(d("2101-01-03")));
    CHECK(cal.special_day(d("2101-09-01")) == expected[3]);
    // January 2101: 21 weekdays, 3/1 off.
    CHECK(cal.working_days_between(d("2100-12-31"), d("2101-01-31")) == 20);
    CHECK(cal.add_working_days(d("2100-12-31"), 1) == d("2101-01-04"));
    CHECK(cal.is_provisional(d("2101-01-03")));
    CHECK(cal.any_provisional(d("2100-12-31"), d("2101-01-31")));
  }
  SUBCASE("9999: its own solar holidays") {
    const std::vector<SpecialDay> expected = {
        {d("9999-01-01"), DayKind::holiday, "Tết Dương lịch", true},
        {d("9999-04-30"), DayKind::holiday, "Ngày Chiến thắng", true},
        {d("9999-05-03"), DayKind::holiday, "Nghỉ bù Ngày Quốc tế Lao động", true},
        {d("9999-09-02"), DayKind::holiday, "Quốc khánh", true},
        {d("9999-09-03"), DayKind::holiday, "Quốc khánh", true},
        {d("9999-11-24"), DayKind::holiday, "Ngày Văn hóa Việt Nam", true},
    };
    CHECK(cal.special_days(9999) == expected);
    CHECK_FALSE(cal.is_working_day(d("9999-11-24")));
    CHECK(cal.special_day(d("9999-11-24")) == expected.back());
    // December 9999: 23 weekdays, none off; 31/12 is a Friday.
    CHECK(cal.working_days_between(d("9999-11-30"), d("9999-12-31")) == 23);
    CHECK(cal.add_working_days(d("9999-11-23"), 1) == d("9999-11-25"));
    CHECK(cal.special_days(10000).empty());
  }
  SUBCASE("every year from 2101 to 9999 is what the rule gives it, for several weekly patterns") {
    for (const calendar::WeekendMask weekend :
         {calendar::kSaturdaySunday, calendar::WeekendMask{0b1000000}, calendar::WeekendMask{0b0010000}}) {
      CAPTURE(int{weekend});
      const WorkCalendar other(vietnam_rules(weekend));
      int where = 0;
      CHECK(years_unlike_rule(other, 2101, 9999, 0, &where) == 0);
      CAPTURE(where);
    }
  }
}

TEST_CASE("Rules::vietnam after 2100: counting across the 400-year cycles") {
  const WorkCalendar cal(vietnam_rules());
  SUBCASE("the boundaries of the first cycles (2101–2500, 2501–2900) and the year 9999") {
    // 31/12/2500 and 31/12/2900 are Fridays; 1/1/2501 and 1/1/2901 Saturdays, made up on
    // Monday 3/1.
    for (const char* from : {"2100-12-24", "2500-12-24", "2900-12-24", "9599-12-24"}) {
      CAPTURE(from);
      CHECK(cal.working_days_between(d(from), d(from).plus_days(14)) == 9);
    }
    CHECK(cal.add_working_days(d("2500-12-30"), 1) == d("2500-12-31"));
    CHECK(cal.add_working_days(d("2500-12-30"), 2) == d("2501-01-04"));
    CHECK(cal.add_working_days(d("2900-12-31"), 1) == d("2901-01-04"));
    CHECK(cal.next_working_day(d("2901-01-01")) == d("2901-01-04"));
    REQUIRE(cal.special_day(d("2901-01-03")));
    CHECK(cal.special_day(d("2901-01-03"))->date == d("2901-01-03"));
    CHECK(cal.special_day(d("2901-01-03"))->name == "Nghỉ bù Tết Dương lịch");
    for (const char* from : {"2090-01-01", "2480-01-01", "2880-01-01", "9960-01-01"}) {
      CAPTURE(from);
      const Date to = d(from).plus_days(40 * 365);
      CHECK(cal.working_days_between(d(from), to) == brute_count(cal, d(from), to));
    }
  }
  SUBCASE("one count from 2095 to 9999, year by year, agrees with counting day by day") {
    const Date origin = d("2095-12-31");
    int counted = 0;
    int wrong = 0;
    int first_wrong = 0;
    for (Date day = origin.plus_days(1); day <= d("9999-12-31"); day = day.plus_days(1)) {
      counted += cal.is_working_day(day) ? 1 : 0;
      if (day.month() == 12 && day.day() == 31 && cal.working_days_between(origin, day) != counted) {
        if (wrong++ == 0) first_wrong = day.year();
      }
    }
    CAPTURE(first_wrong);
    CHECK(wrong == 0);
  }
  SUBCASE("whole cycles at once") {
    const int cycle = cal.working_days_between(d("2100-12-31"), d("2500-12-31"));
    CHECK(cal.working_days_between(d("2500-12-31"), d("2900-12-31")) == cycle);
    CHECK(cal.working_days_between(d("5300-12-31"), d("5700-12-31")) == cycle);
    CHECK(cal.add_working_days(d("2100-12-31"), cycle) == d("2500-12-31"));
    CHECK(cal.add_working_days(d("2100-12-31"), cycle + 1) == d("2501-01-04"));
    CHECK(cal.add_working_days(d("2100-12-31"), 3 * cycle) == d("3300-12-31"));
    // From before the cycle into the middle of a later one.
    const Date five = cal.add_working_days(d("2000-06-01"), 5 * cycle);
    CHECK(cal.working_days_between(d("2000-06-01"), five) == 5 * cycle);
    CHECK(cal.working_days_between(d("2000-06-01"), five.plus_days(-1)) == 5 * cycle - 1);
    const int many = 19 * cycle + 12345;
    const Date end = cal.add_working_days(d("2010-01-01"), many);
    CHECK(cal.is_working_day(end));
    CHECK(cal.working_days_between(d("2010-01-01"), end) == many);
    CHECK(cal.working_days_between(d("2010-01-01"), end.plus_days(-1)) == many - 1);
  }
  SUBCASE("add and count agree around the boundaries") {
    check_consistent(cal, d("2085-01-01"), 12000, 21);
    check_consistent(cal, d("2490-01-01"), 8000, 22);
    check_consistent(cal, d("9590-01-01"), 8000, 23);
    check_consistent(cal, d("9985-01-01"), 5400, 24);
  }
  SUBCASE("another weekly pattern: Friday only") {
    const WorkCalendar friday(vietnam_rules(0b0010000));
    check_consistent(friday, d("2490-01-01"), 8000, 25);
    check_consistent(friday, d("9985-01-01"), 5400, 26);
  }
}

TEST_CASE("Rules::vietnam after 2100: a listed year is taken as written, the years around it computed") {
  CalendarSpec spec = vietnam_rules();
  YearSpec listed;
  listed.year = 2300;
  listed.source = "test";
  listed.days_off.push_back(off("2300-01-01", "Tết Dương lịch"));
  listed.days_off.push_back(off("2300-03-14", "Made-up day off"));
  listed.workdays.push_back(worked("2300-03-17", "Làm bù"));  // a Saturday
  spec.years.push_back(listed);
  const WorkCalendar cal(spec);
  const std::vector<SpecialDay> as_listed = {off("2300-01-01", "Tết Dương lịch"),
                                             off("2300-03-14", "Made-up day off"),
                                             worked("2300-03-17", "Làm bù")};
  CHECK(cal.special_days(2300) == as_listed);
  CHECK_FALSE(cal.is_working_day(d("2300-03-14")));
  CHECK(cal.is_working_day(d("2300-03-17")));
  CHECK(cal.is_working_day(d("2300-04-30")));  // a Wednesday, not listed
  CHECK_FALSE(cal.is_provisional(d("2300-04-30")));
  CHECK(cal.is_provisional(d("2301-04-30")));
  int where = 0;
  CHECK(years_unlike_rule(cal, 2101, 9999, 2300, &where) == 0);
  CAPTURE(where);
  for (const char* from : {"2290-01-01", "2690-01-01", "9990-01-01"}) {
    CAPTURE(from);
    const Date to = d(from).plus_days(20 * 365);
    CHECK(cal.working_days_between(d(from), to) == brute_count(cal, d(from), to));
  }
  check_consistent(cal, d("2290-01-01"), 8000, 31);
  check_consistent(cal, d("2690-01-01"), 8000, 32);

  SUBCASE("the year 9999 listed") {
    CalendarSpec last = vietnam_rules();
    YearSpec y9999;
    y9999.year = 9999;
    y9999.source = "test";
    y9999.days_off.push_back(off("9999-12-30", "Made-up day off"));
    last.years.push_back(y9999);
    const WorkCalendar far(last);
    CHECK(far.special_days(9999) == std::vector<SpecialDay>{off("9999-12-30", "Made-up day off")});
    CHECK(far.special_days(9998) == by_rule(9998, calendar::kSaturdaySunday));
    CHECK(far.add_working_days(d("9999-12-29"), 1) == d("9999-12-31"));
    check_consistent(far, d("9990-01-01"), 3600, 33);
  }
}

TEST_CASE("lunar_holidays_missing: the unlisted years after 2100 under Rules::vietnam") {
  const WorkCalendar cal(vietnam_rules());
  using calendar::YearRange;
  CHECK(cal.lunar_holidays_missing(d("2100-12-31"), d("2101-01-31")) == YearRange{2101, 2101});
  CHECK(cal.lunar_holidays_missing(d("2050-01-01"), d("2300-06-01")) == YearRange{2101, 2300});
  CHECK(cal.lunar_holidays_missing(d("9999-01-01"), d("9999-12-31")) == YearRange{9999, 9999});
  CHECK_FALSE(cal.lunar_holidays_missing(d("2100-01-01"), d("2100-12-31")));
  CHECK_FALSE(cal.lunar_holidays_missing(d("2101-01-31"), d("2101-01-31")));  // (from, to] empty
  CHECK_FALSE(cal.lunar_holidays_missing(d("2101-01-31"), d("2101-01-01")));
  CHECK_FALSE(cal.lunar_holidays_missing(d("1800-01-01"), d("2100-12-31")));
  SUBCASE("listed years are left out at both ends") {
    CalendarSpec spec = vietnam_rules();
    for (int year : {2101, 2102, 2105}) {
      YearSpec y;
      y.year = year;
      y.source = "test";
      spec.years.push_back(y);
    }
    const WorkCalendar listed(spec);
    CHECK(listed.lunar_holidays_missing(d("2100-12-31"), d("2106-12-31")) == YearRange{2103, 2106});
    CHECK(listed.lunar_holidays_missing(d("2100-12-31"), d("2105-12-31")) == YearRange{2103, 2104});
    CHECK_FALSE(listed.lunar_holidays_missing(d("2100-12-31"), d("2102-12-31")));
  }
  SUBCASE("Rules::none has nothing computed") {
    CHECK_FALSE(WorkCalendar(spec_2021()).lunar_holidays_missing(d("2100-12-31"), d("2300-01-01")));
  }
}
