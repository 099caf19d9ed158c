#include <doctest/doctest.h>

#include "inspectrack/text/slug.hpp"

using inspectrack::text::is_slug;
using inspectrack::text::slugify;

TEST_CASE("is_slug") {
  CHECK(is_slug("bau-can"));
  CHECK(is_slug("a"));
  CHECK(is_slug("0"));
  CHECK(is_slug("2021.07_dot-1"));
  CHECK_FALSE(is_slug(""));
  CHECK_FALSE(is_slug("-bau"));
  CHECK_FALSE(is_slug(".bau"));
  CHECK_FALSE(is_slug("_bau"));
  CHECK_FALSE(is_slug("Bau"));
  CHECK_FALSE(is_slug("bau can"));
  CHECK_FALSE(is_slug("b\u00E0u"));
  CHECK_FALSE(is_slug("bau/can"));
}

TEST_CASE("slugify drops Vietnamese marks") {
  CHECK(slugify("b\u00E0u-c\u1EA1n") == "bau-can");
  CHECK(slugify("UBND x\u00E3 B\u00E0u C\u1EA1n") == "ubnd-xa-bau-can");
  CHECK(slugify("Ph\u00F2ng N\u1ED9i v\u1EE5") == "phong-noi-vu");
  CHECK(slugify("\u0110o\u00E0n") == "doan");
  CHECK(slugify("\u0111\u1ED3ng") == "dong");
  CHECK(slugify("\u01AF") == "u");
  CHECK(slugify("\u01A1") == "o");
  CHECK(slugify("Tr\u01B0\u1EDDng") == "truong");
}

TEST_CASE("slugify gives the same slug for NFD and NFC input") {
  CHECK(slugify("UBND xa\u0303 Ba\u0300u Ca\u0323n") == slugify("UBND x\u00E3 B\u00E0u C\u1EA1n"));
  CHECK(slugify("Ba\u0300u Ca\u0323n") == "bau-can");
}

TEST_CASE("slugify separators") {
  CHECK(slugify("  a  b  ") == "a-b");
  CHECK(slugify("a / b, c") == "a-b-c");
  CHECK(slugify("--a--") == "a");
  CHECK(slugify("._a_.") == "a");
  CHECK(slugify("v1.2_x") == "v1.2_x");
  CHECK(slugify("2021 \u0110\u1EE3t 1") == "2021-dot-1");
  CHECK(slugify("a\xFF" "b") == "a-b");
  CHECK(is_slug(slugify("Ph\u00F2ng T\u00E0i ch\u00EDnh - K\u1EBF ho\u1EA1ch")));
}

TEST_CASE("slugify returns empty when nothing usable is left") {
  CHECK(slugify("") == "");
  CHECK(slugify("---") == "");
  CHECK(slugify("\u4E2D\u6587") == "");
}
