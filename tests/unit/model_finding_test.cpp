#include <doctest/doctest.h>

#include "inspectrack/model/finding.hpp"

using namespace inspectrack::model;

TEST_CASE("severities read back, in the order the names list them") {
  REQUIRE(severity_names().size() == 3);
  for (std::size_t i = 0; i < severity_names().size(); ++i) {
    const auto s = parse_severity(severity_names()[i]);
    REQUIRE(s);
    CHECK(static_cast<std::size_t>(*s) == i);
    CHECK(to_string(*s) == severity_names()[i]);
  }
  CHECK(parse_severity("high") == Severity::high);
}

TEST_CASE("an unknown severity is not guessed") {
  CHECK_FALSE(parse_severity("hgh"));
  CHECK_FALSE(parse_severity("HIGH"));
  CHECK_FALSE(parse_severity("cao"));
}
