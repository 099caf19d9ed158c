#include <doctest/doctest.h>

#include "inspectrack/model/date.hpp"

using inspectrack::model::Date;
using inspectrack::model::DateParseError;
using inspectrack::model::parse_date;

TEST_CASE("parse_date accepts ISO and Vietnamese day/month/year") {
  SUBCASE("ISO") { CHECK(parse_date("2021-07-22").date->iso() == "2021-07-22"); }
  SUBCASE("d/m/yyyy") { CHECK(parse_date("22/7/2021").date->iso() == "2021-07-22"); }
  SUBCASE("dd/mm/yyyy") { CHECK(parse_date("01/07/2021").date->iso() == "2021-07-01"); }
  SUBCASE("one-digit day and month") { CHECK(parse_date("1/7/2021").date->iso() == "2021-07-01"); }
}

TEST_CASE("parse_date rejects other spellings as format errors") {
  for (const char* s : {"", "2021-7-22", "22-07-2021", "22.07.2021", "22/07/21", "2021/07/22",
                        "22/07/2021 ", " 22/07/2021", "22//2021", "22/07/2021/1", "123/07/2021",
                        "22/007/2021", "２２/07/2021", "2021-07-22T00:00", "abc"}) {
    CAPTURE(s);
    const auto r = parse_date(s);
    CHECK_FALSE(r.date);
    CHECK(r.error == DateParseError::format);
  }
}

TEST_CASE("parse_date rejects impossible days") {
  for (const char* s : {"30/02/2021", "29/2/2021", "31/04/2021", "2021-13-01", "2021-00-10",
                        "00/01/2021", "32/01/2021", "1/1/0000"}) {
    CAPTURE(s);
    const auto r = parse_date(s);
    CHECK_FALSE(r.date);
    CHECK(r.error == DateParseError::impossible);
  }
  CHECK(parse_date("29/2/2020").date->iso() == "2020-02-29");
  CHECK(parse_date("29/2/2000").date);
  CHECK_FALSE(parse_date("29/2/1900").date);
}

TEST_CASE("date arithmetic and formatting") {
  const Date d = *Date::from_ymd(2021, 7, 22);
  CHECK(d.vn() == "22/07/2021");
  CHECK(d.plus_days(10).iso() == "2021-08-01");
  CHECK(d.plus_days(-22).iso() == "2021-06-30");
  CHECK(Date::from_ymd(2021, 12, 31)->plus_days(1).iso() == "2022-01-01");
  CHECK(Date::from_ymd(2021, 7, 26)->days_since(d) == 4);
  CHECK(d.days_since(*Date::from_ymd(2021, 7, 26)) == -4);
  CHECK(Date().iso() == "1970-01-01");
  CHECK(Date::from_ymd(1, 1, 1)->iso() == "0001-01-01");
  CHECK(Date::from_ymd(9999, 12, 31)->iso() == "9999-12-31");
}

TEST_CASE("iso_weekday") {
  CHECK(Date::from_ymd(2021, 7, 22)->iso_weekday() == 4);  // Thursday
  CHECK(Date::from_ymd(2021, 7, 25)->iso_weekday() == 7);  // Sunday
  CHECK(Date::from_ymd(2021, 7, 26)->iso_weekday() == 1);  // Monday
  CHECK(Date::from_ymd(1969, 12, 31)->iso_weekday() == 3); // before the epoch
}

TEST_CASE("round trip over a wide range of days") {
  for (int n = -800000; n <= 2900000; n += 997) {
    const Date d = Date::from_days(n);
    if (d.year() < 1 || d.year() > 9999) continue;
    const auto back = parse_date(d.iso()).date;
    REQUIRE(back);
    CHECK(*back == d);
  }
}

TEST_CASE("parse_digits: all of the text, within the digit counts, ASCII digits only") {
  using inspectrack::model::parse_digits;
  CHECK(parse_digits("07", 1, 2) == 7);
  CHECK(parse_digits("2021", 4, 4) == 2021);
  CHECK_FALSE(parse_digits("", 1, 2));
  CHECK_FALSE(parse_digits("123", 1, 2));
  CHECK_FALSE(parse_digits("7", 2, 2));
  CHECK_FALSE(parse_digits("+7", 1, 2));
  CHECK_FALSE(parse_digits(" 7", 1, 2));
  CHECK_FALSE(parse_digits("٧", 1, 4));  // an Arabic-Indic seven is not a digit here
}
