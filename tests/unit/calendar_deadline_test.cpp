#include <doctest/doctest.h>

#include "inspectrack/calendar/deadline.hpp"

using namespace inspectrack;
using calendar::DeadlineError;
using model::Date;
using model::Due;

namespace {
Date d(const char* s) { return *model::parse_date(s).date; }

Due dated(Due::Form form, const char* s) {
  Due due;
  due.form = form;
  due.date = d(s);
  return due;
}

Due within(int n, Due::Counting counting, Due::Anchor anchor = Due::Anchor::date,
           const char* from = nullptr) {
  Due due;
  due.form = Due::Form::within;
  due.period = n;
  due.counting = counting;
  due.anchor = anchor;
  if (from != nullptr) due.anchor_date = d(from);
  return due;
}

constexpr auto kDays = Due::Counting::calendar_days;
constexpr auto kWorkingDays = Due::Counting::working_days;

// 2021 with its Tết break (10–16/2) and the 30/4, 1/5 days off (3/5 compensatory).
calendar::CalendarSpec spec_2021(calendar::Rules rules = calendar::Rules::none) {
  calendar::YearSpec year;
  year.year = 2021;
  for (Date day = d("2021-02-10"); day <= d("2021-02-16"); day = day.plus_days(1)) {
    year.days_off.push_back({day, calendar::DayKind::holiday, "Tết Nguyên đán", false});
  }
  year.days_off.push_back({d("2021-01-01"), calendar::DayKind::holiday, "Tết Dương lịch", false});
  year.days_off.push_back({d("2021-04-30"), calendar::DayKind::holiday, "30/4", false});
  year.days_off.push_back({d("2021-05-03"), calendar::DayKind::holiday, "Nghỉ bù 1/5", false});
  calendar::CalendarSpec spec;
  spec.key = "test";
  spec.rules = rules;
  spec.years.push_back(year);
  return spec;
}

const calendar::WorkCalendar& tet_2021() {
  static const calendar::WorkCalendar cal(spec_2021());
  return cal;
}

calendar::DeadlineResult last_day(const Due& due, const calendar::Anchors& anchors = {}) {
  return calendar::last_allowed_day(due, anchors, tet_2021());
}
}  // namespace

TEST_CASE("explicit deadlines") {
  CHECK(last_day(dated(Due::Form::date, "30/7/2021")).last_day == d("2021-07-30"));
  CHECK(last_day(dated(Due::Form::by, "30/7/2021")).last_day == d("2021-07-30"));
  SUBCASE("taken literally, even on a day off") {
    CHECK(last_day(dated(Due::Form::date, "31/7/2021")).last_day == d("2021-07-31"));
    CHECK(last_day(dated(Due::Form::by, "12/2/2021")).last_day == d("2021-02-12"));
    const auto r = last_day(dated(Due::Form::before, "14/2/2021"));
    CHECK(r.last_day == d("2021-02-13"));
    CHECK_FALSE(r.provisional);
  }
  SUBCASE("before is exclusive: trước ngày 22/7 means 21/7 is the last day") {
    CHECK(last_day(dated(Due::Form::before, "22/7/2021")).last_day == d("2021-07-21"));
    CHECK(last_day(dated(Due::Form::before, "1/3/2021")).last_day == d("2021-02-28"));
    CHECK(last_day(dated(Due::Form::before, "1/1/2022")).last_day == d("2021-12-31"));
    const auto r = last_day(dated(Due::Form::before, "1/1/0001"));
    CHECK_FALSE(r.last_day);
    CHECK(r.error == DeadlineError::out_of_range);
  }
  SUBCASE("none has no last day and no error") {
    Due due;
    due.form = Due::Form::none;
    const auto r = last_day(due);
    CHECK_FALSE(r.last_day);
    CHECK(r.error == DeadlineError::none);
  }
  SUBCASE("day needs a recurring task's period") {
    Due due;
    due.form = Due::Form::day;
    due.day = 15;
    const auto r = last_day(due);
    CHECK_FALSE(r.last_day);
    CHECK(r.error == DeadlineError::needs_period);
  }
}

TEST_CASE("within N days: the start day is not counted (art. 147)") {
  SUBCASE("from a date") {
    CHECK(last_day(within(15, kDays, Due::Anchor::date, "15/7/2021")).last_day == d("2021-07-30"));
    CHECK(last_day(within(1, kDays, Due::Anchor::date, "15/7/2021")).last_day == d("2021-07-16"));
  }
  SUBCASE("from the conclusion date") {
    const Due due = within(15, kDays, Due::Anchor::conclusion_date);
    CHECK(last_day(due, {std::nullopt, d("2021-07-20"), std::nullopt}).last_day == d("2021-08-04"));
    const auto missing = last_day(due, {d("2021-07-01"), std::nullopt, std::nullopt});
    CHECK_FALSE(missing.last_day);
    CHECK(missing.error == DeadlineError::missing_anchor);
  }
  SUBCASE("from the end of the inspection") {
    const Due due = within(15, kDays, Due::Anchor::inspection_to);
    CHECK(last_day(due, {d("2021-07-01"), std::nullopt, std::nullopt}).last_day == d("2021-07-16"));
  }
  SUBCASE("from the end of a recurring task's period") {
    const Due due = within(15, kDays, Due::Anchor::period_end);
    CHECK(last_day(due, {d("2021-01-01"), d("2021-01-01"), d("2021-06-30")}).last_day ==
          d("2021-07-15"));
    CHECK(last_day(due, {d("2021-01-01"), d("2021-01-01"), std::nullopt}).error ==
          DeadlineError::missing_anchor);
  }
  SUBCASE("past the year 9999") {
    const auto r = last_day(within(10, kDays, Due::Anchor::date, "9999-12-25"));
    CHECK_FALSE(r.last_day);
    CHECK(r.error == DeadlineError::out_of_range);
  }
}

TEST_CASE("a period ending on a day off ends on the next working day (art. 148)") {
  SUBCASE("across a weekend") {
    // 16/7 + 15 = Saturday 31/7 → Monday 2/8.
    const auto r = last_day(within(15, kDays, Due::Anchor::date, "2021-07-16"));
    CHECK(r.last_day == d("2021-08-02"));
    CHECK(r.error == DeadlineError::none);
    CHECK_FALSE(r.provisional);
    CHECK(last_day(within(14, kDays, Due::Anchor::date, "2021-07-16")).last_day == d("2021-07-30"));
  }
  SUBCASE("across the whole Tết break") {
    // 31/1 + 10 = 10/2, the first day of the break 10–16/2 → 17/2.
    CHECK(last_day(within(10, kDays, Due::Anchor::date, "2021-01-31")).last_day == d("2021-02-17"));
    CHECK(last_day(within(16, kDays, Due::Anchor::date, "2021-01-31")).last_day == d("2021-02-17"));
    CHECK(last_day(within(17, kDays, Due::Anchor::date, "2021-01-31")).last_day == d("2021-02-17"));
    CHECK(last_day(within(9, kDays, Due::Anchor::date, "2021-01-31")).last_day == d("2021-02-09"));
  }
  SUBCASE("30/4 to the compensatory 3/5") {
    CHECK(last_day(within(30, kDays, Due::Anchor::date, "2021-03-31")).last_day == d("2021-05-04"));
  }
  SUBCASE("a start on a day off") {
    CHECK(last_day(within(3, kDays, Due::Anchor::date, "2021-02-13")).last_day == d("2021-02-17"));
    CHECK(last_day(within(2, kDays, Due::Anchor::date, "2021-02-05")).last_day == d("2021-02-08"));
  }
  SUBCASE("rolling past the year 9999") {
    calendar::CalendarSpec spec;
    spec.weekend = 0b0010000;  // Friday; 31/12/9999 is a Friday
    const calendar::WorkCalendar fridays(spec);
    const auto r = calendar::last_allowed_day(within(1, kDays, Due::Anchor::date, "9999-12-30"), {},
                                              fridays);
    CHECK_FALSE(r.last_day);
    CHECK(r.error == DeadlineError::out_of_range);
  }
}

TEST_CASE("within N working days") {
  SUBCASE("from the conclusion date, across Tết") {
    const Due due = within(10, kWorkingDays, Due::Anchor::conclusion_date);
    const auto r = last_day(due, {std::nullopt, d("2021-02-05"), std::nullopt});
    CHECK(r.last_day == d("2021-02-26"));
    CHECK(r.error == DeadlineError::none);
    CHECK_FALSE(r.provisional);
    CHECK(last_day(due, {d("2021-02-05"), std::nullopt, std::nullopt}).error ==
          DeadlineError::missing_anchor);
  }
  SUBCASE("from a day off: the first working day after it is day 1") {
    CHECK(last_day(within(1, kWorkingDays, Due::Anchor::date, "2021-02-13")).last_day ==
          d("2021-02-17"));
    CHECK(last_day(within(1, kWorkingDays, Due::Anchor::date, "2021-02-06")).last_day ==
          d("2021-02-08"));
    CHECK(last_day(within(5, kWorkingDays, Due::Anchor::date, "2021-05-01")).last_day ==
          d("2021-05-10"));
  }
  SUBCASE("from a working day") {
    CHECK(last_day(within(1, kWorkingDays, Due::Anchor::date, "2021-07-15")).last_day ==
          d("2021-07-16"));
    CHECK(last_day(within(2, kWorkingDays, Due::Anchor::date, "2021-07-15")).last_day ==
          d("2021-07-19"));
  }
  SUBCASE("past the year 9999") {
    const auto r = last_day(within(10, kWorkingDays, Due::Anchor::date, "9999-12-24"));
    CHECK_FALSE(r.last_day);
    CHECK(r.error == DeadlineError::out_of_range);
  }
}

TEST_CASE("provisional: the result relies on an unannounced year") {
  const calendar::WorkCalendar vn(spec_2021(calendar::Rules::vietnam));
  const auto run = [&vn](const Due& due) { return calendar::last_allowed_day(due, {}, vn); };
  SUBCASE("a last day in an unannounced year") {
    // 25/12/2021 + 10 = Tuesday 4/1/2022, a working day, but of an unannounced year.
    const auto r = run(within(10, kDays, Due::Anchor::date, "2021-12-25"));
    CHECK(r.last_day == d("2022-01-04"));
    CHECK(r.provisional);
    const auto w = run(within(10, kWorkingDays, Due::Anchor::date, "2021-12-20"));
    REQUIRE(w.last_day);
    CHECK(w.last_day->year() == 2022);
    CHECK(w.provisional);
  }
  SUBCASE("within the announced year") {
    CHECK_FALSE(run(within(5, kDays, Due::Anchor::date, "2021-12-26")).provisional);
    CHECK_FALSE(run(within(3, kWorkingDays, Due::Anchor::date, "2021-12-20")).provisional);
    // Counted from an unannounced year, but only 4/1/2021 decides.
    const auto r = run(within(10, kDays, Due::Anchor::date, "2020-12-25"));
    CHECK(r.last_day == d("2021-01-04"));
    CHECK_FALSE(r.provisional);
  }
  SUBCASE("explicit dates are never provisional") {
    CHECK_FALSE(run(dated(Due::Form::date, "2022-02-01")).provisional);
    CHECK_FALSE(run(dated(Due::Form::before, "2022-02-01")).provisional);
  }
  SUBCASE("Rules::none is never provisional") {
    CHECK_FALSE(last_day(within(10, kDays, Due::Anchor::date, "2021-12-25")).provisional);
    CHECK_FALSE(last_day(within(30, kWorkingDays, Due::Anchor::date, "2021-12-25")).provisional);
  }
}

TEST_CASE("parse_period") {
  using C = Due::Counting;
  CHECK(calendar::parse_period("10 days")->count == 10);
  CHECK(calendar::parse_period("10 days")->counting == C::calendar_days);
  CHECK(calendar::parse_period("1 day")->count == 1);
  CHECK(calendar::parse_period("10 ngày")->counting == C::calendar_days);
  CHECK(calendar::parse_period("  10   Ngày ")->count == 10);
  CHECK(calendar::parse_period("10 Days")->count == 10);
  CHECK(calendar::parse_period("15 working days")->counting == C::working_days);
  CHECK(calendar::parse_period("10 NGÀY")->counting == C::calendar_days);
  CHECK(calendar::parse_period("15 Ngày Làm Việc")->counting == C::working_days);
  CHECK(calendar::parse_period("15 ngày làm việc")->counting == C::working_days);
  // NFD-typed "ngày làm việc" (a + combining grave, e + combining circumflex + dot below).
  CHECK(calendar::parse_period("15 nga\xCC\x80y la\xCC\x80m vie\xCC\xA3\xCC\x82\x63")->counting ==
        C::working_days);
  for (const char* s : {"", "days", "0 days", "-1 days", "10", "10 weeks", "ten days", "3651 days",
                        "99999999999 days", "10 days later"}) {
    CAPTURE(s);
    CHECK_FALSE(calendar::parse_period(s));
  }
}

TEST_CASE("days_late") {
  CHECK(calendar::days_late(d("2021-07-21"), d("2021-07-26")) == 5);
  CHECK(calendar::days_late(d("2021-07-26"), d("2021-07-26")) == 0);
  CHECK(calendar::days_late(d("2021-07-30"), d("2021-07-26")) == 0);
  CHECK(calendar::days_late(std::nullopt, d("2021-07-26")) == 0);
}

TEST_CASE("working_days_late") {
  const auto& cal = tet_2021();
  // Mon 8, Tue 9, then the break until Wed 17.
  CHECK(calendar::working_days_late(d("2021-02-05"), d("2021-02-17"), cal) == 3);
  CHECK(calendar::working_days_late(d("2021-02-05"), d("2021-02-12"), cal) == 2);
  CHECK(calendar::working_days_late(d("2021-02-05"), d("2021-02-07"), cal) == 0);
  CHECK(calendar::working_days_late(d("2021-02-05"), d("2021-02-05"), cal) == 0);
  CHECK(calendar::working_days_late(d("2021-02-05"), d("2021-02-01"), cal) == 0);
  CHECK(calendar::working_days_late(std::nullopt, d("2021-02-17"), cal) == 0);
  CHECK(calendar::days_late(d("2021-02-05"), d("2021-02-17")) == 12);
}
