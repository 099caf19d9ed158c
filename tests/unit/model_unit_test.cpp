#include <doctest/doctest.h>

#include "inspectrack/model/unit.hpp"

using namespace inspectrack::model;

TEST_CASE("unit kinds read back, in the order the names list them") {
  REQUIRE(unit_kind_names().size() == 7);
  for (std::size_t i = 0; i < unit_kind_names().size(); ++i) {
    const auto k = parse_unit_kind(unit_kind_names()[i]);
    REQUIRE(k);
    CHECK(static_cast<std::size_t>(*k) == i);
    CHECK(to_string(*k) == unit_kind_names()[i]);
  }
  CHECK(parse_unit_kind("commune") == UnitKind::commune);
  CHECK(parse_unit_kind("department") == UnitKind::department);
}

TEST_CASE("an unknown unit kind is not guessed") {
  CHECK_FALSE(parse_unit_kind("xã"));
  CHECK_FALSE(parse_unit_kind("Commune"));
  CHECK_FALSE(parse_unit_kind("communes"));
}

TEST_CASE("units are equal only when every field is") {
  Unit a{"bau-can", "UBND xã Bàu Cạn", UnitKind::commune, "chu-prong", {"a@example.vn"}, ""};
  Unit b = a;
  CHECK(a == b);
  b.emails.push_back("b@example.vn");
  CHECK_FALSE(a == b);
  b = a;
  b.parent.reset();
  CHECK_FALSE(a == b);
}
