#include <doctest/doctest.h>

#include "inspectrack/model/local_time.hpp"

namespace model = inspectrack::model;

TEST_CASE("parse_utc_timestamp: the history's form only, to seconds since 1970") {
  CHECK(model::parse_utc_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(model::parse_utc_timestamp("2026-12-07T18:29:03Z") == 1796668143);
  CHECK(model::parse_utc_timestamp("1969-12-31T23:59:59Z") == -1);
  CHECK_FALSE(model::parse_utc_timestamp("2026-12-07T18:29:03"));
  CHECK_FALSE(model::parse_utc_timestamp("2026-12-07 18:29:03Z"));
  CHECK_FALSE(model::parse_utc_timestamp("2026-02-30T18:29:03Z"));
  CHECK_FALSE(model::parse_utc_timestamp("2026-12-07T24:00:00Z"));
  CHECK_FALSE(model::parse_utc_timestamp("2026-12-07T18:60:00Z"));
  CHECK_FALSE(model::parse_utc_timestamp("2026-12-07T18:29:0xZ"));
  CHECK_FALSE(model::parse_utc_timestamp(""));
}

TEST_CASE("in_utc: the day and time of an instant, before 1970 too") {
  const model::LocalTime t = model::in_utc(1796668143);
  CHECK(t.date.iso() == "2026-12-07");
  CHECK(t.hour == 18);
  CHECK(t.minute == 29);
  CHECK(t.second == 3);
  CHECK(t.offset_seconds == 0);
  const model::LocalTime before = model::in_utc(-1);
  CHECK(before.date.iso() == "1969-12-31");
  CHECK(before.hour == 23);
  CHECK(before.second == 59);
}

TEST_CASE("utc_offset_text: sign, hours and minutes, UTC alone for 0") {
  CHECK(model::utc_offset_text(7 * 3600) == "UTC+07:00");
  CHECK(model::utc_offset_text(-(9 * 3600 + 30 * 60)) == "UTC-09:30");
  CHECK(model::utc_offset_text(5 * 3600 + 45 * 60) == "UTC+05:45");
  CHECK(model::utc_offset_text(0) == "UTC");
}
