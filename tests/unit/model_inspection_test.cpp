#include <doctest/doctest.h>

#include "inspectrack/model/inspection.hpp"

using namespace inspectrack::model;

TEST_CASE("inspection kinds read back, in the order the names list them") {
  REQUIRE(inspection_kind_names().size() == 3);
  for (std::size_t i = 0; i < inspection_kind_names().size(); ++i) {
    const auto k = parse_inspection_kind(inspection_kind_names()[i]);
    REQUIRE(k);
    CHECK(static_cast<std::size_t>(*k) == i);
    CHECK(to_string(*k) == inspection_kind_names()[i]);
  }
  CHECK(parse_inspection_kind("directive") == InspectionKind::directive);
}

TEST_CASE("an unknown inspection kind is not guessed") {
  CHECK_FALSE(parse_inspection_kind("Visit"));
  CHECK_FALSE(parse_inspection_kind("visits"));
  CHECK_FALSE(parse_inspection_kind(""));
}
