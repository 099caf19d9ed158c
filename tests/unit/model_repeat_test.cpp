#include <doctest/doctest.h>

#include "inspectrack/model/repeat.hpp"

using namespace inspectrack::model;

TEST_CASE("every recurrence reads back from its English name") {
  for (Repeat::Every e : {Repeat::Every::monthly, Repeat::Every::quarterly,
                          Repeat::Every::half_yearly, Repeat::Every::yearly}) {
    CAPTURE(to_string(e));
    CHECK(parse_repeat_every(to_string(e)) == e);
  }
  CHECK(to_string(Repeat::Every::half_yearly) == "half-yearly");
}

TEST_CASE("the Vietnamese words of an order are read too, in either spelling and any case") {
  CHECK(parse_repeat_every("hằng quý") == Repeat::Every::quarterly);
  CHECK(parse_repeat_every("hàng quý") == Repeat::Every::quarterly);
  CHECK(parse_repeat_every("Hằng Tháng") == Repeat::Every::monthly);
  CHECK(parse_repeat_every("6 tháng") == Repeat::Every::half_yearly);
  CHECK(parse_repeat_every("sáu tháng") == Repeat::Every::half_yearly);
  CHECK(parse_repeat_every("hằng năm") == Repeat::Every::yearly);
  // NFD, as some keyboards on Windows type it: "hằng quý" decomposed.
  CHECK(parse_repeat_every("ha\xCC\x86\xCC\x80ng quy\xCC\x81") == Repeat::Every::quarterly);
}

TEST_CASE("a recurrence word that is not one is not guessed") {
  CHECK_FALSE(parse_repeat_every("weekly"));
  CHECK_FALSE(parse_repeat_every("quarter"));
  CHECK_FALSE(parse_repeat_every("hằng tuần"));
  CHECK_FALSE(parse_repeat_every(""));
}

TEST_CASE("a rule is described with ISO dates, as the history and JSON show it") {
  Repeat r;
  r.every = Repeat::Every::quarterly;
  CHECK(describe(r) == "quarterly");
  r.from = *Date::from_ymd(2021, 7, 1);
  r.until = *Date::from_ymd(2022, 12, 31);
  CHECK(describe(r) == "quarterly from 2021-07-01 until 2022-12-31");
}
