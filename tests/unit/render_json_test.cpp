#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"
#include "../../src/render/cell.hpp"

using inspectrack::model::Date;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::json_quote;
using inspectrack::render::to_json;
using inspectrack::render::to_json_object;
using inspectrack::render::Value;

namespace {

Column col(std::string key) {
  Column c;
  c.key = std::move(key);
  c.heading = "Heading";
  return c;
}

// The JSON of `v` as the only field of the only object.
std::string json_of(const Value& v) {
  Dataset d;
  d.columns = {col("v")};
  d.rows = {{v}};
  const std::string out = to_json(d);
  const std::string head = "[\n  {\"v\": ";
  const std::string tail = "}\n]\n";
  REQUIRE(out.substr(0, head.size()) == head);
  REQUIRE(out.size() >= head.size() + tail.size());
  REQUIRE(out.substr(out.size() - tail.size()) == tail);
  return out.substr(head.size(), out.size() - head.size() - tail.size());
}

}  // namespace

TEST_CASE("json_quote") {
  CHECK(json_quote("") == "\"\"");
  CHECK(json_quote("plain") == "\"plain\"");
  CHECK(json_quote("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(json_quote("C:\\dir") == "\"C:\\\\dir\"");
  SUBCASE("control characters") {
    CHECK(json_quote("a\nb\rc\td") == "\"a\\nb\\rc\\td\"");
    CHECK(json_quote("\b\f") == "\"\\b\\f\"");
    CHECK(json_quote(std::string("\x01\x1f", 2)) == "\"\\u0001\\u001f\"");
    CHECK(json_quote(std::string("a\0b", 3)) == "\"a\\u0000b\"");
  }
  SUBCASE("DEL and C1 controls are escaped: exact, and inert on a terminal") {
    CHECK(json_quote("\x7f") == "\"\\u007f\"");
    CHECK(json_quote("a\u0085b\u009b") == "\"a\\u0085b\\u009b\"");
    CHECK(json_quote("\x1b]52;c;eA==\x07") == "\"\\u001b]52;c;eA==\\u0007\"");
    CHECK(json_quote("\u00A0\u00FF") == "\"\u00A0\u00FF\"");  // after the C1 range: text
  }
  SUBCASE("U+2028 and U+2029 are escaped") {
    CHECK(json_quote("a\u2028b\u2029c") == "\"a\\u2028b\\u2029c\"");
  }
  SUBCASE("other UTF-8 passes through") {
    CHECK(json_quote("UBND x\u00E3 B\u00E0u C\u1EA1n") == "\"UBND x\u00E3 B\u00E0u C\u1EA1n\"");
    CHECK(json_quote("Ca\u0323n \u4E2D \U0001F600 \u2027") ==
          "\"Ca\u0323n \u4E2D \U0001F600 \u2027\"");
  }
  SUBCASE("bytes that are not UTF-8 become U+FFFD") {
    CHECK(json_quote("a\xFF" "b\xC0\x80") == "\"a\\ufffdb\\ufffd\\ufffd\"");
    CHECK(json_quote("\xE2\x80") == "\"\\ufffd\\ufffd\"");
  }
}

TEST_CASE("json layout") {
  Dataset d;
  d.columns = {col("id"), col("key"), col("note")};
  d.columns[2].machine = false;
  SUBCASE("empty array") { CHECK(to_json(d) == "[]\n"); }
  SUBCASE("one object per line, keys in column order") {
    d.rows = {{std::int64_t{1}, std::string("x"), std::string("hidden")},
              {std::int64_t{2}, std::string("y"), Value{}}};
    CHECK(to_json(d) ==
          "[\n"
          "  {\"id\": 1, \"key\": \"x\"},\n"
          "  {\"id\": 2, \"key\": \"y\"}\n"
          "]\n");
  }
  SUBCASE("a single object") {
    d.rows = {{std::int64_t{1}, std::string("x"), Value{}}};
    CHECK(to_json(d) == "[\n  {\"id\": 1, \"key\": \"x\"}\n]\n");
  }
  SUBCASE("group_by does not change the JSON") {
    d.rows = {{std::int64_t{1}, std::string("x"), Value{}}};
    const std::string plain = to_json(d);
    d.group_by = 1;
    CHECK(to_json(d) == plain);
  }
}

TEST_CASE("json values by type") {
  CHECK(json_of(Value{}) == "null");
  CHECK(json_of(true) == "true");
  CHECK(json_of(false) == "false");
  CHECK(json_of(std::int64_t{-5}) == "-5");
  CHECK(json_of(std::int64_t{9007199254740993}) == "9007199254740993");
  CHECK(json_of(std::string("a\"b")) == "\"a\\\"b\"");
  CHECK(json_of(*Date::from_ymd(2021, 7, 22)) == "\"2021-07-22\"");
  SUBCASE("doubles: shortest round-trip; NaN and infinities are null") {
    CHECK(json_of(0.1) == "0.1");
    CHECK(json_of(0.5) == "0.5");
    CHECK(json_of(1.0 / 3) == "0.3333333333333333");
    CHECK(json_of(std::nan("")) == "null");
    CHECK(json_of(std::numeric_limits<double>::infinity()) == "null");
    CHECK(json_of(-std::numeric_limits<double>::infinity()) == "null");
  }
  SUBCASE("lists are arrays of strings") {
    CHECK(json_of(std::vector<std::string>{}) == "[]");
    CHECK(json_of(std::vector<std::string>{"ubnd-bau-can"}) == "[\"ubnd-bau-can\"]");
    CHECK(json_of(std::vector<std::string>{"a", "b\"c", "\n"}) == "[\"a\", \"b\\\"c\", \"\\n\"]");
  }
}

TEST_CASE("to_json_object is one array element") {
  Dataset d;
  d.columns = {col("id"), col("tags"), col("note")};
  d.columns[2].machine = false;
  d.rows = {{std::int64_t{3}, std::vector<std::string>{"a"}, std::string("x")},
            {std::int64_t{4}, Value{}, Value{}}};
  CHECK(to_json_object(d, 0) == "{\"id\": 3, \"tags\": [\"a\"]}");
  CHECK(to_json_object(d, 1) == "{\"id\": 4, \"tags\": null}");
  CHECK(to_json(d) == "[\n  " + to_json_object(d, 0) + ",\n  " + to_json_object(d, 1) + "\n]\n");
  SUBCASE("a row past the end reads as nulls") {
    CHECK(to_json_object(d, 5) == "{\"id\": null, \"tags\": null}");
  }
}
