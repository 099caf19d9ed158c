#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "inspectrack/calendar/recurrence.hpp"

using namespace inspectrack;
using calendar::ReportPeriod;
using model::Date;
using model::Due;
using model::Repeat;

namespace {
Date d(const char* s) { return *model::parse_date(s).date; }

using Every = Repeat::Every;

void check_period(const ReportPeriod& p, const char* start, const char* end, const char* label) {
  CHECK(p.start == d(start));
  CHECK(p.end == d(end));
  CHECK(p.label == label);
}

// Weekends only, plus 1/1/2021 and the Tết break 10/2–16/2/2021 as announced.
calendar::WorkCalendar tet_2021() {
  calendar::CalendarSpec spec;
  spec.key = "test";
  spec.rules = calendar::Rules::none;
  calendar::YearSpec year;
  year.year = 2021;
  year.days_off.push_back({d("2021-01-01"), calendar::DayKind::holiday, "Tết Dương lịch", false});
  for (Date day = d("2021-02-10"); day <= d("2021-02-16"); day = day.plus_days(1)) {
    year.days_off.push_back({day, calendar::DayKind::holiday, "Tết Nguyên đán", false});
  }
  spec.years.push_back(year);
  return calendar::WorkCalendar(spec);
}

calendar::WorkCalendar weekends_only() {
  calendar::CalendarSpec spec;
  spec.key = "plain";
  spec.rules = calendar::Rules::none;
  return calendar::WorkCalendar(spec);
}

Due day_rule(int day) {
  Due due;
  due.form = Due::Form::day;
  due.day = day;
  return due;
}

Due within_period_end(int n, Due::Counting counting) {
  Due due;
  due.form = Due::Form::within;
  due.period = n;
  due.counting = counting;
  due.anchor = Due::Anchor::period_end;
  return due;
}

Repeat repeat_of(Every every, std::optional<Date> from = std::nullopt,
                 std::optional<Date> until = std::nullopt) {
  Repeat repeat;
  repeat.every = every;
  repeat.from = from;
  repeat.until = until;
  return repeat;
}

std::vector<std::string> labels(const std::vector<calendar::Occurrence>& list) {
  std::vector<std::string> out;
  for (const auto& o : list) out.push_back(o.period.label);
  return out;
}

Date last_day_of(const Due& rule, Every every, const char* day,
                 const calendar::WorkCalendar& cal) {
  const auto r = calendar::occurrence_last_day(rule, calendar::period_containing(every, d(day)),
                                               {}, cal);
  REQUIRE(r.error == calendar::DeadlineError::none);
  REQUIRE(r.last_day);
  return *r.last_day;
}
}  // namespace

TEST_CASE("period_containing: labels and boundaries of each kind") {
  SUBCASE("monthly: the calendar month") {
    check_period(calendar::period_containing(Every::monthly, d("2021-07-22")), "2021-07-01",
                 "2021-07-31", "2021-07");
    check_period(calendar::period_containing(Every::monthly, d("2021-04-01")), "2021-04-01",
                 "2021-04-30", "2021-04");
    check_period(calendar::period_containing(Every::monthly, d("2021-12-31")), "2021-12-01",
                 "2021-12-31", "2021-12");
  }
  SUBCASE("February in leap and common years") {
    check_period(calendar::period_containing(Every::monthly, d("2021-02-14")), "2021-02-01",
                 "2021-02-28", "2021-02");
    check_period(calendar::period_containing(Every::monthly, d("2020-02-29")), "2020-02-01",
                 "2020-02-29", "2020-02");
    check_period(calendar::period_containing(Every::monthly, d("2024-02-01")), "2024-02-01",
                 "2024-02-29", "2024-02");
    check_period(calendar::period_containing(Every::monthly, d("2100-02-10")), "2100-02-01",
                 "2100-02-28", "2100-02");
    check_period(calendar::period_containing(Every::monthly, d("2000-02-10")), "2000-02-01",
                 "2000-02-29", "2000-02");
  }
  SUBCASE("quarterly: Q1 Jan–Mar … Q4 Oct–Dec") {
    check_period(calendar::period_containing(Every::quarterly, d("2021-01-01")), "2021-01-01",
                 "2021-03-31", "2021-Q1");
    check_period(calendar::period_containing(Every::quarterly, d("2021-03-31")), "2021-01-01",
                 "2021-03-31", "2021-Q1");
    check_period(calendar::period_containing(Every::quarterly, d("2021-04-01")), "2021-04-01",
                 "2021-06-30", "2021-Q2");
    check_period(calendar::period_containing(Every::quarterly, d("2021-08-15")), "2021-07-01",
                 "2021-09-30", "2021-Q3");
    check_period(calendar::period_containing(Every::quarterly, d("2021-12-31")), "2021-10-01",
                 "2021-12-31", "2021-Q4");
  }
  SUBCASE("half-yearly: H1 Jan–Jun, H2 Jul–Dec") {
    check_period(calendar::period_containing(Every::half_yearly, d("2021-06-30")), "2021-01-01",
                 "2021-06-30", "2021-H1");
    check_period(calendar::period_containing(Every::half_yearly, d("2021-07-01")), "2021-07-01",
                 "2021-12-31", "2021-H2");
  }
  SUBCASE("yearly: the calendar year") {
    check_period(calendar::period_containing(Every::yearly, d("2021-12-31")), "2021-01-01",
                 "2021-12-31", "2021");
    check_period(calendar::period_containing(Every::yearly, d("2024-01-01")), "2024-01-01",
                 "2024-12-31", "2024");
  }
  SUBCASE("years below 1000 are zero-padded") {
    check_period(calendar::period_containing(Every::quarterly, *Date::from_ymd(999, 5, 5)),
                 "0999-04-01", "0999-06-30", "0999-Q2");
    CHECK(calendar::period_containing(Every::yearly, *Date::from_ymd(5, 5, 5)).label == "0005");
  }
}

TEST_CASE("next_period crosses year ends") {
  SUBCASE("December → January") {
    const auto next = calendar::next_period(
        Every::monthly, calendar::period_containing(Every::monthly, d("2021-12-05")));
    check_period(next, "2022-01-01", "2022-01-31", "2022-01");
  }
  SUBCASE("Q4 → next year's Q1") {
    const auto next = calendar::next_period(
        Every::quarterly, calendar::period_containing(Every::quarterly, d("2021-11-05")));
    check_period(next, "2022-01-01", "2022-03-31", "2022-Q1");
  }
  SUBCASE("H2 → next year's H1") {
    const auto next = calendar::next_period(
        Every::half_yearly, calendar::period_containing(Every::half_yearly, d("2021-11-05")));
    check_period(next, "2022-01-01", "2022-06-30", "2022-H1");
  }
  SUBCASE("a year → the next") {
    const auto next = calendar::next_period(
        Every::yearly, calendar::period_containing(Every::yearly, d("2021-11-05")));
    check_period(next, "2022-01-01", "2022-12-31", "2022");
  }
  SUBCASE("periods are contiguous: twelve months from January 2023 reach January 2024") {
    auto period = calendar::period_containing(Every::monthly, d("2023-01-10"));
    for (int i = 0; i < 12; ++i) {
      const auto next = calendar::next_period(Every::monthly, period);
      CHECK(next.start == period.end.plus_days(1));
      CHECK(next.end >= next.start);
      period = next;
    }
    check_period(period, "2024-01-01", "2024-01-31", "2024-01");
  }
}

TEST_CASE("parse_period_label") {
  SUBCASE("each kind's shape") {
    const auto month = calendar::parse_period_label(Every::monthly, "2021-07");
    REQUIRE(month);
    check_period(*month, "2021-07-01", "2021-07-31", "2021-07");
    const auto quarter = calendar::parse_period_label(Every::quarterly, "2021-Q3");
    REQUIRE(quarter);
    check_period(*quarter, "2021-07-01", "2021-09-30", "2021-Q3");
    const auto half = calendar::parse_period_label(Every::half_yearly, "2021-H2");
    REQUIRE(half);
    check_period(*half, "2021-07-01", "2021-12-31", "2021-H2");
    const auto year = calendar::parse_period_label(Every::yearly, "2021");
    REQUIRE(year);
    check_period(*year, "2021-01-01", "2021-12-31", "2021");
  }
  SUBCASE("the edges of the ranges") {
    CHECK(calendar::parse_period_label(Every::monthly, "0001-01"));
    CHECK(calendar::parse_period_label(Every::monthly, "9999-12"));
    CHECK(calendar::parse_period_label(Every::quarterly, "2021-Q1"));
    CHECK(calendar::parse_period_label(Every::quarterly, "2021-Q4"));
    CHECK(calendar::parse_period_label(Every::half_yearly, "2021-H1"));
    CHECK(calendar::parse_period_label(Every::yearly, "9999"));
  }
  SUBCASE("out of range") {
    CHECK_FALSE(calendar::parse_period_label(Every::monthly, "2021-00"));
    CHECK_FALSE(calendar::parse_period_label(Every::monthly, "2021-13"));
    CHECK_FALSE(calendar::parse_period_label(Every::monthly, "0000-01"));
    CHECK_FALSE(calendar::parse_period_label(Every::quarterly, "2021-Q0"));
    CHECK_FALSE(calendar::parse_period_label(Every::quarterly, "2021-Q5"));
    CHECK_FALSE(calendar::parse_period_label(Every::half_yearly, "2021-H0"));
    CHECK_FALSE(calendar::parse_period_label(Every::half_yearly, "2021-H3"));
    CHECK_FALSE(calendar::parse_period_label(Every::yearly, "0000"));
    CHECK_FALSE(calendar::parse_period_label(Every::yearly, "10000"));
  }
  SUBCASE("malformed") {
    for (const char* bad : {"", "2021-7", "2021-007", "21-07", "2021/07", "2021-07-01", " 2021-07",
                            "2021-07 ", "abcd-07", "2021-0a", "-2021-07"}) {
      CAPTURE(bad);
      CHECK_FALSE(calendar::parse_period_label(Every::monthly, bad));
    }
    for (const char* bad : {"2021-q3", "2021-Q", "2021-Q33", "2021Q3", "2021-3", "2021-QQ"}) {
      CAPTURE(bad);
      CHECK_FALSE(calendar::parse_period_label(Every::quarterly, bad));
    }
    for (const char* bad : {"", "202", "2021-", "21", "y2021"}) {
      CAPTURE(bad);
      CHECK_FALSE(calendar::parse_period_label(Every::yearly, bad));
    }
  }
  SUBCASE("labels of the other kinds are rejected") {
    CHECK_FALSE(calendar::parse_period_label(Every::monthly, "2021-Q3"));
    CHECK_FALSE(calendar::parse_period_label(Every::monthly, "2021"));
    CHECK_FALSE(calendar::parse_period_label(Every::quarterly, "2021-07"));
    CHECK_FALSE(calendar::parse_period_label(Every::quarterly, "2021-H1"));
    CHECK_FALSE(calendar::parse_period_label(Every::half_yearly, "2021-Q1"));
    CHECK_FALSE(calendar::parse_period_label(Every::half_yearly, "2021-12"));
    CHECK_FALSE(calendar::parse_period_label(Every::yearly, "2021-H1"));
    CHECK_FALSE(calendar::parse_period_label(Every::yearly, "2021-01"));
  }
  SUBCASE("round trips over several years of every kind") {
    for (Every every : {Every::monthly, Every::quarterly, Every::half_yearly, Every::yearly}) {
      auto period = calendar::period_containing(every, d("2019-05-20"));
      while (period.start.year() < 2026) {
        CAPTURE(period.label);
        const auto parsed = calendar::parse_period_label(every, period.label);
        REQUIRE(parsed);
        CHECK(*parsed == period);
        period = calendar::next_period(every, period);
      }
    }
  }
}

TEST_CASE("occurrence_last_day with a day rule") {
  const auto cal = weekends_only();
  SUBCASE("the day of the period's last month") {
    CHECK(last_day_of(day_rule(15), Every::monthly, "2021-07-03", cal) == d("2021-07-15"));
    CHECK(last_day_of(day_rule(15), Every::quarterly, "2021-07-03", cal) == d("2021-09-15"));
    CHECK(last_day_of(day_rule(15), Every::half_yearly, "2021-07-03", cal) == d("2021-12-15"));
    CHECK(last_day_of(day_rule(20), Every::yearly, "2021-07-03", cal) == d("2021-12-20"));
    CHECK(last_day_of(day_rule(1), Every::quarterly, "2021-01-03", cal) == d("2021-03-01"));
  }
  SUBCASE("day 31 in February: the month's last day") {
    CHECK(last_day_of(day_rule(31), Every::monthly, "2021-02-03", cal) == d("2021-02-28"));
    CHECK(last_day_of(day_rule(31), Every::monthly, "2020-02-03", cal) == d("2020-02-29"));
    CHECK(last_day_of(day_rule(31), Every::monthly, "2024-02-03", cal) == d("2024-02-29"));
    CHECK(last_day_of(day_rule(31), Every::monthly, "2100-02-03", cal) == d("2100-02-28"));
    CHECK(last_day_of(day_rule(31), Every::monthly, "2000-02-03", cal) == d("2000-02-29"));
    CHECK(last_day_of(day_rule(29), Every::monthly, "2021-02-03", cal) == d("2021-02-28"));
    CHECK(last_day_of(day_rule(29), Every::monthly, "2024-02-03", cal) == d("2024-02-29"));
  }
  SUBCASE("day 31 in 30-day months") {
    CHECK(last_day_of(day_rule(31), Every::monthly, "2021-04-10", cal) == d("2021-04-30"));
    CHECK(last_day_of(day_rule(31), Every::quarterly, "2021-04-10", cal) == d("2021-06-30"));
    CHECK(last_day_of(day_rule(31), Every::quarterly, "2021-07-10", cal) == d("2021-09-30"));
    CHECK(last_day_of(day_rule(31), Every::quarterly, "2021-10-10", cal) == d("2021-12-31"));
    CHECK(last_day_of(day_rule(30), Every::monthly, "2021-04-10", cal) == d("2021-04-30"));
  }
  SUBCASE("taken literally: a Saturday or a holiday stays, and nothing is provisional") {
    // 18/9/2021 is a Saturday.
    CHECK(last_day_of(day_rule(18), Every::quarterly, "2021-08-01", cal) == d("2021-09-18"));
    const auto tet = tet_2021();
    const auto r = calendar::occurrence_last_day(
        day_rule(12), calendar::period_containing(Every::monthly, d("2021-02-01")), {}, tet);
    CHECK(r.last_day == d("2021-02-12"));
    CHECK_FALSE(r.provisional);
  }
}

TEST_CASE("occurrence_last_day with a within rule runs from the period's end") {
  const auto tet = tet_2021();
  SUBCASE("10 working days after Q4 2020, 1/1/2021 off: 15/1/2021") {
    // 31/12/2020 is a Thursday; 1/1 off; 4–8/1 are days 1–5, 11–15/1 days 6–10.
    const Due rule = within_period_end(10, Due::Counting::working_days);
    const auto r = calendar::occurrence_last_day(
        rule, calendar::period_containing(Every::quarterly, d("2020-11-11")), {}, tet);
    CHECK(r.error == calendar::DeadlineError::none);
    CHECK(r.last_day == d("2021-01-15"));
    CHECK_FALSE(r.provisional);
  }
  SUBCASE("10 working days after January 2021 jump the Tết break") {
    // 1–5/2 are days 1–5, 8–9/2 days 6–7, 10–16/2 off, 17–19/2 days 8–10.
    const Due rule = within_period_end(10, Due::Counting::working_days);
    CHECK(last_day_of(rule, Every::monthly, "2021-01-20", tet) == d("2021-02-19"));
    CHECK(last_day_of(rule, Every::monthly, "2021-01-20", weekends_only()) == d("2021-02-12"));
  }
  SUBCASE("15 days: rolled to the next working day when landing on a day off (art. 148)") {
    const Due rule = within_period_end(15, Due::Counting::calendar_days);
    // 31/12/2020 + 15 = Friday 15/1/2021: no roll.
    CHECK(last_day_of(rule, Every::quarterly, "2020-12-01", tet) == d("2021-01-15"));
    // 31/12/2021 + 15 = Saturday 15/1/2022 → Monday 17/1/2022.
    CHECK(last_day_of(rule, Every::quarterly, "2021-12-01", tet) == d("2022-01-17"));
    // 31/1/2021 + 15 = Monday 15/2/2021, in the Tết break → Wednesday 17/2/2021.
    CHECK(last_day_of(rule, Every::monthly, "2021-01-01", tet) == d("2021-02-17"));
    // 28/2/2021 + 10 = Wednesday 10/3/2021.
    CHECK(last_day_of(within_period_end(10, Due::Counting::calendar_days), Every::monthly,
                      "2021-02-01", tet) == d("2021-03-10"));
  }
  SUBCASE("the period's own end wins over an anchor the caller passed") {
    calendar::Anchors anchors;
    anchors.period_end = d("2000-01-01");
    const auto r = calendar::occurrence_last_day(
        within_period_end(15, Due::Counting::calendar_days),
        calendar::period_containing(Every::quarterly, d("2020-12-01")), anchors, tet);
    CHECK(r.last_day == d("2021-01-15"));
  }
  SUBCASE("within from another anchor and other forms are as last_allowed_day") {
    Due rule = within_period_end(10, Due::Counting::calendar_days);
    rule.anchor = Due::Anchor::conclusion_date;
    const auto q3 = calendar::period_containing(Every::quarterly, d("2021-08-01"));
    calendar::Anchors anchors;
    anchors.conclusion_date = d("2021-07-20");
    CHECK(calendar::occurrence_last_day(rule, q3, anchors, tet).last_day == d("2021-07-30"));
    CHECK(calendar::occurrence_last_day(rule, q3, {}, tet).error ==
          calendar::DeadlineError::missing_anchor);

    Due fixed;
    fixed.form = Due::Form::before;
    fixed.date = d("2021-08-01");
    CHECK(calendar::occurrence_last_day(fixed, q3, {}, tet).last_day == d("2021-07-31"));

    Due none;
    none.form = Due::Form::none;
    const auto r = calendar::occurrence_last_day(none, q3, {}, tet);
    CHECK_FALSE(r.last_day);
    CHECK(r.error == calendar::DeadlineError::none);
  }
}

TEST_CASE("occurrences: quarterly day 15 from 1/7/2021 up to 20/1/2022") {
  const auto cal = weekends_only();
  const Due rule = day_rule(15);
  const std::vector<std::string> q3_q4 = {"2021-Q3", "2021-Q4"};

  SUBCASE("repeat.from is the start") {
    const auto list = calendar::occurrences(repeat_of(Every::quarterly, d("2021-07-01")),
                                            d("2000-01-01"), rule, {}, cal, d("2022-01-20"));
    REQUIRE(list.size() == 2);
    CHECK(list[0].period.label == "2021-Q3");
    CHECK(list[0].period.start == d("2021-07-01"));
    CHECK(list[0].period.end == d("2021-09-30"));
    CHECK(list[0].last_day == d("2021-09-15"));
    CHECK(list[1].period.label == "2021-Q4");
    CHECK(list[1].last_day == d("2021-12-15"));
    CHECK_FALSE(list[0].provisional);
    CHECK_FALSE(list[1].provisional);
  }
  SUBCASE("without repeat.from, the caller's first day is the start") {
    const auto list = calendar::occurrences(repeat_of(Every::quarterly), d("2021-07-01"), rule,
                                            {}, cal, d("2022-01-20"));
    CHECK(labels(list) == q3_q4);
  }
  SUBCASE("from inside a period includes that period, even after its deadline") {
    const auto list = calendar::occurrences(repeat_of(Every::quarterly, d("2021-09-20")),
                                            d("2000-01-01"), rule, {}, cal, d("2022-01-20"));
    CHECK(labels(list) == q3_q4);
  }
  SUBCASE("until inside a period includes that period") {
    const auto to_q4 = calendar::occurrences(
        repeat_of(Every::quarterly, d("2021-07-01"), d("2021-10-01")), d("2000-01-01"), rule, {},
        cal, d("2030-01-01"));
    CHECK(labels(to_q4) == q3_q4);
    const auto to_q3 = calendar::occurrences(
        repeat_of(Every::quarterly, d("2021-07-01"), d("2021-09-30")), d("2000-01-01"), rule, {},
        cal, d("2030-01-01"));
    CHECK(labels(to_q3) == std::vector<std::string>{"2021-Q3"});
  }
  SUBCASE("a limit on a deadline includes it, the day before does not") {
    const auto on = calendar::occurrences(repeat_of(Every::quarterly, d("2021-07-01")),
                                          d("2000-01-01"), rule, {}, cal, d("2021-12-15"));
    CHECK(labels(on) == q3_q4);
    const auto before = calendar::occurrences(repeat_of(Every::quarterly, d("2021-07-01")),
                                              d("2000-01-01"), rule, {}, cal, d("2021-12-14"));
    CHECK(labels(before) == std::vector<std::string>{"2021-Q3"});
    const auto none = calendar::occurrences(repeat_of(Every::quarterly, d("2021-07-01")),
                                            d("2000-01-01"), rule, {}, cal, d("2021-09-14"));
    CHECK(none.empty());
  }
  SUBCASE("until before from's period gives nothing") {
    const auto list = calendar::occurrences(
        repeat_of(Every::quarterly, d("2021-07-01"), d("2021-06-30")), d("2000-01-01"), rule, {},
        cal, d("2030-01-01"));
    CHECK(list.empty());
  }
}

TEST_CASE("occurrences of a within rule: deadlines after their period's end") {
  const auto tet = tet_2021();
  const Due rule = within_period_end(10, Due::Counting::working_days);
  const auto repeat = repeat_of(Every::quarterly, d("2020-10-01"));
  SUBCASE("limit on the deadline") {
    const auto list = calendar::occurrences(repeat, d("2000-01-01"), rule, {}, tet, d("2021-01-15"));
    REQUIRE(list.size() == 1);
    CHECK(list[0].period.label == "2020-Q4");
    CHECK(list[0].last_day == d("2021-01-15"));
  }
  SUBCASE("limit the day before: nothing yet, though the period has ended") {
    CHECK(calendar::occurrences(repeat, d("2000-01-01"), rule, {}, tet, d("2021-01-14")).empty());
  }
  SUBCASE("a year of quarters") {
    const auto list = calendar::occurrences(repeat, d("2000-01-01"), rule, {}, tet, d("2021-12-31"));
    CHECK(labels(list) == std::vector<std::string>{"2020-Q4", "2021-Q1", "2021-Q2", "2021-Q3"});
  }
  SUBCASE("periods whose deadline cannot be computed are skipped") {
    Due from_conclusion = rule;
    from_conclusion.anchor = Due::Anchor::conclusion_date;
    CHECK(calendar::occurrences(repeat, d("2000-01-01"), from_conclusion, {}, tet,
                                d("2021-12-31")).empty());
    Due none;
    none.form = Due::Form::none;
    CHECK(calendar::occurrences(repeat, d("2000-01-01"), none, {}, tet, d("2021-12-31")).empty());
  }
}

TEST_CASE("occurrences: provisional deadlines are marked") {
  calendar::CalendarSpec spec;
  spec.key = "vn";
  spec.rules = calendar::Rules::vietnam;
  const calendar::WorkCalendar vn(spec);
  // 10 working days after 31/12/2030 cross 1/1/2031, a holiday of an unannounced year.
  const auto within = calendar::occurrences(
      repeat_of(Every::quarterly, d("2030-10-01")), d("2000-01-01"),
      within_period_end(10, Due::Counting::working_days), {}, vn, d("2031-02-28"));
  REQUIRE(within.size() == 1);
  CHECK(within[0].period.label == "2030-Q4");
  CHECK(within[0].provisional);
  const auto day = calendar::occurrences(repeat_of(Every::quarterly, d("2030-10-01")),
                                         d("2000-01-01"), day_rule(31), {}, vn, d("2031-02-28"));
  REQUIRE(day.size() == 1);
  CHECK_FALSE(day[0].provisional);
}

TEST_CASE("occurrences: every period up to the limit, none after the year 9999") {
  const auto cal = weekends_only();
  SUBCASE("monthly from 1900 up to 2026: all 1,524 months") {
    const auto list = calendar::occurrences(repeat_of(Every::monthly, d("1900-01-01")),
                                            d("2000-01-01"), day_rule(31), {}, cal, d("2026-12-31"));
    REQUIRE(list.size() == 127 * 12);
    CHECK(list.front().period.label == "1900-01");
    CHECK(list.front().last_day == d("1900-01-31"));
    CHECK(list[1].last_day == d("1900-02-28"));  // 1900 is not a leap year
    CHECK(list[1200].period.label == "2000-01");
    CHECK(list.back().period.label == "2026-12");
    for (std::size_t i = 1; i < list.size(); ++i) {
      CHECK(list[i].period.start == list[i - 1].period.end.plus_days(1));
    }
  }
  SUBCASE("monthly from the year 1: up to the limit, and up to December 9999 past it") {
    const auto to_2021 = calendar::occurrences(repeat_of(Every::monthly, d("0001-01-01")),
                                               d("2000-01-01"), day_rule(31), {}, cal,
                                               d("2021-08-02"));
    REQUIRE(to_2021.size() == 2020 * 12 + 7);
    CHECK(to_2021.front().period.label == "0001-01");
    CHECK(to_2021.back().period.label == "2021-07");
    const auto all = calendar::occurrences(repeat_of(Every::monthly, d("0001-01-01")),
                                           d("2000-01-01"), day_rule(1), {}, cal,
                                           d("9999-12-31").plus_days(1000));
    REQUIRE(all.size() == 9999 * 12);
    CHECK(all.back().period.label == "9999-12");
  }
  SUBCASE("a limit past 9999 still ends with the year 9999") {
    const Date far = d("9999-12-31").plus_days(1000);
    const auto years = calendar::occurrences(repeat_of(Every::yearly, d("9995-03-01")),
                                             d("2000-01-01"), day_rule(31), {}, cal, far);
    CHECK(labels(years) == std::vector<std::string>{"9995", "9996", "9997", "9998", "9999"});
    // December 9999's deadline, 30 days after its end, is out of range: skipped.
    const auto months = calendar::occurrences(
        repeat_of(Every::monthly, d("9999-11-01")), d("2000-01-01"),
        within_period_end(30, Due::Counting::calendar_days), {}, cal, far);
    REQUIRE(months.size() == 1);
    CHECK(months[0].period.label == "9999-11");
    CHECK(months[0].last_day == d("9999-12-30"));
  }
}
