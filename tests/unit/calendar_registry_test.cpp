#include <doctest/doctest.h>

#include "inspectrack/calendar/registry.hpp"

using namespace inspectrack::calendar;

namespace {

CalendarSpec spec_with_key(const char* key, WeekendMask weekend = kSaturdaySunday) {
  CalendarSpec spec;
  spec.key = key;
  spec.weekend = weekend;
  return spec;
}

}  // namespace

TEST_CASE("a registry finds calendars by key, a later one replaces an earlier one") {
  CalendarRegistry registry;
  registry.add(spec_with_key("vn"));
  registry.add(spec_with_key("rieng", 0b1000000));  // Sunday only
  CHECK(registry.keys() == std::vector<std::string>{"rieng", "vn"});
  CHECK(registry.find("khac") == nullptr);
  REQUIRE(registry.find("rieng") != nullptr);
  CHECK(registry.find("rieng")->is_working_day(*inspectrack::model::Date::from_ymd(2021, 7, 24)));
  registry.add(spec_with_key("rieng"));  // Saturday and Sunday now
  CHECK_FALSE(registry.find("rieng")->is_working_day(*inspectrack::model::Date::from_ymd(2021, 7, 24)));
}

TEST_CASE("a lazy calendar is made only when it is used") {
  CalendarRegistry registry;
  int loads = 0;
  registry.add_lazy("vn", [&loads] {
    ++loads;
    return spec_with_key("vn");
  });
  CHECK(registry.contains("vn"));
  CHECK(registry.keys() == std::vector<std::string>{"vn"});
  CHECK(loads == 0);
  REQUIRE(registry.find("vn") != nullptr);
  REQUIRE(registry.spec("vn") != nullptr);
  CHECK(registry.spec("vn")->key == "vn");
  CHECK(loads == 1);

  SUBCASE("a stored calendar with the key replaces it without loading it") {
    CalendarRegistry other;
    int other_loads = 0;
    other.add_lazy("vn", [&other_loads] {
      ++other_loads;
      return spec_with_key("vn");
    });
    other.add(spec_with_key("vn", 0b1000000));
    CHECK(other.find("vn")->is_working_day(*inspectrack::model::Date::from_ymd(2021, 7, 24)));
    CHECK(other_loads == 0);
  }
}
