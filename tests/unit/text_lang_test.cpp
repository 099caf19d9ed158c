#include <doctest/doctest.h>

#include <string>

#include "inspectrack/text/lang.hpp"

using inspectrack::text::Lang;
using inspectrack::text::lang_from_environment;
using inspectrack::text::lang_from_locale;
using inspectrack::text::parse_lang;

TEST_CASE("parse_lang") {
  CHECK(parse_lang("vi") == Lang::vi);
  CHECK(parse_lang("en") == Lang::en);
  CHECK(parse_lang("VI") == Lang::vi);
  CHECK(parse_lang("En") == Lang::en);
  CHECK_FALSE(parse_lang("").has_value());
  CHECK_FALSE(parse_lang("fr").has_value());
  CHECK_FALSE(parse_lang("vi_VN").has_value());
  CHECK_FALSE(parse_lang("english").has_value());
}

TEST_CASE("lang_from_locale") {
  CHECK(lang_from_locale("vi") == Lang::vi);
  CHECK(lang_from_locale("vi_VN.UTF-8") == Lang::vi);
  CHECK(lang_from_locale("vi_VN") == Lang::vi);
  CHECK(lang_from_locale("C") == Lang::en);
  CHECK(lang_from_locale("POSIX") == Lang::en);
  CHECK(lang_from_locale("C.UTF-8") == Lang::en);
  CHECK(lang_from_locale("en_US.UTF-8") == Lang::en);
  CHECK(lang_from_locale("fr_FR.UTF-8") == Lang::en);
  CHECK(lang_from_locale("") == Lang::en);
  CHECK(lang_from_locale("v") == Lang::en);
}

TEST_CASE("lang_from_environment: the first non-empty variable wins") {
  CHECK(lang_from_environment(nullptr, nullptr, nullptr) == Lang::en);
  CHECK(lang_from_environment("", "", "") == Lang::en);
  CHECK(lang_from_environment(nullptr, nullptr, "vi_VN.UTF-8") == Lang::vi);
  CHECK(lang_from_environment("", nullptr, "vi_VN.UTF-8") == Lang::vi);
  CHECK(lang_from_environment("C", nullptr, "vi_VN.UTF-8") == Lang::en);
  CHECK(lang_from_environment("vi", "en_US.UTF-8", "C") == Lang::vi);
  CHECK(lang_from_environment(nullptr, "vi_VN.UTF-8", "en_US.UTF-8") == Lang::vi);
  CHECK(lang_from_environment("", "en_US.UTF-8", "vi_VN.UTF-8") == Lang::en);
}
