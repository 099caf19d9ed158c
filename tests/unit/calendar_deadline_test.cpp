#include <doctest/doctest.h>

#include "inspectrack/calendar/deadline.hpp"

using namespace inspectrack;
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
}  // namespace

TEST_CASE("explicit deadlines") {
  calendar::Anchors none;
  CHECK(calendar::last_allowed_day(dated(Due::Form::date, "31/7/2021"), none).last_day == d("2021-07-31"));
  CHECK(calendar::last_allowed_day(dated(Due::Form::by, "31/7/2021"), none).last_day == d("2021-07-31"));
  SUBCASE("before is exclusive: trước ngày 22/7 means 21/7 is the last day") {
    CHECK(calendar::last_allowed_day(dated(Due::Form::before, "22/7/2021"), none).last_day ==
          d("2021-07-21"));
    CHECK(calendar::last_allowed_day(dated(Due::Form::before, "1/3/2021"), none).last_day ==
          d("2021-02-28"));
    CHECK(calendar::last_allowed_day(dated(Due::Form::before, "1/1/2022"), none).last_day ==
          d("2021-12-31"));
  }
  SUBCASE("none has no last day and no error") {
    Due due;
    due.form = Due::Form::none;
    const auto r = calendar::last_allowed_day(due, none);
    CHECK_FALSE(r.last_day);
    CHECK(r.error == calendar::DeadlineError::none);
  }
}

TEST_CASE("within N days: the start day is not counted (art. 147)") {
  Due due;
  due.form = Due::Form::within;
  due.period = 15;
  SUBCASE("from a date") {
    due.anchor = Due::Anchor::date;
    due.anchor_date = d("15/7/2021");
    CHECK(calendar::last_allowed_day(due, {}).last_day == d("2021-07-30"));
  }
  SUBCASE("from the conclusion date") {
    due.anchor = Due::Anchor::conclusion_date;
    CHECK(calendar::last_allowed_day(due, {std::nullopt, d("2021-07-20")}).last_day == d("2021-08-04"));
    const auto missing = calendar::last_allowed_day(due, {d("2021-07-01"), std::nullopt});
    CHECK_FALSE(missing.last_day);
    CHECK(missing.error == calendar::DeadlineError::missing_anchor);
  }
  SUBCASE("from the end of the inspection") {
    due.anchor = Due::Anchor::inspection_to;
    CHECK(calendar::last_allowed_day(due, {d("2021-07-01"), std::nullopt}).last_day == d("2021-07-16"));
  }
  SUBCASE("working days need the calendar") {
    due.counting = Due::Counting::working_days;
    due.anchor_date = d("15/7/2021");
    CHECK(calendar::last_allowed_day(due, {}).error == calendar::DeadlineError::working_days_unsupported);
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
