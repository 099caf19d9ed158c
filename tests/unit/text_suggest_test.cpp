#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "inspectrack/text/suggest.hpp"

using inspectrack::text::edit_distance;
using inspectrack::text::nearest;

TEST_CASE("edit_distance") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("severity", "severity") == 0);
  CHECK(edit_distance("sevrity", "severity") == 1);
  SUBCASE("counts code points, not bytes") {
    CHECK(edit_distance("b\u00E0u", "bau") == 1);
    CHECK(edit_distance("\u0111", "d") == 1);
    CHECK(edit_distance("\u4E2D", "\u6587") == 1);
  }
}

TEST_CASE("nearest") {
  const std::vector<std::string> keys = {"title", "severity", "assignees", "due", "status"};
  CHECK(nearest("sevrity", keys) == "severity");
  CHECK(nearest("asignees", keys) == "assignees");
  CHECK(nearest("titel", keys) == std::nullopt);  // distance 2 > max(1, 5/3)
  CHECK(nearest("tite", keys) == "title");
  CHECK(nearest("owner", keys) == std::nullopt);
  CHECK(nearest("xyz", keys) == std::nullopt);
  CHECK(nearest("due", keys) == "due");
  CHECK(nearest("sevrity", {}) == std::nullopt);
  SUBCASE("ties go to the earlier candidate") {
    CHECK(nearest("hig", {"high", "hit"}) == "high");
    CHECK(nearest("hig", {"hit", "high"}) == "hit");
  }
  SUBCASE("the threshold counts code points") {
    // "mức đ" is 5 code points but 8 bytes: the threshold is 1, not 2.
    CHECK(nearest("m\u1EE9c \u0111", {"m\u1EE9c \u0111\u1ED9"}) == "m\u1EE9c \u0111\u1ED9");
    CHECK(nearest("m\u1EE9c \u0111", {"m\u1EE9c \u0111\u1ED9!"}) == std::nullopt);
    CHECK(nearest("ab", {"ba"}) == std::nullopt);
  }
}
