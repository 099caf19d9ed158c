#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/utf8.hpp"

using inspectrack::model::Date;
using inspectrack::render::Type;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::TableStyle;
using inspectrack::render::to_table;
using inspectrack::render::Value;
using inspectrack::text::display_width;
using inspectrack::text::Lang;

namespace {

const std::string kUnitNfc = "UBND x\u00E3 B\u00E0u C\u1EA1n";
const std::string kUnitNfd = "UBND xa\u0303 Ba\u0300u Ca\u0323n";

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string strip_escapes(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      i = s.find('m', i);
      continue;
    }
    out += s[i];
  }
  return out;
}

Dataset units_dataset() {
  Dataset d;
  d.columns = {Column{"key", "Key"}, Column{"unit", "Unit"}, Column{"late", "Days late", Type::count}};
  d.rows = {{std::string("t-1"), kUnitNfc, std::int64_t{3}},
            {std::string("t-22"), kUnitNfd, std::int64_t{12}}};
  return d;
}

}  // namespace

TEST_CASE("table aligns by display width, not bytes") {
  const std::string out = to_table(units_dataset(), TableStyle{});
  CHECK(out ==
        "Key   Unit             Days late\n"
        "----  ---------------  ---------\n"
        "t-1   " + kUnitNfc + "          3\n"
        "t-22  " + kUnitNfd + "         12\n");
  SUBCASE("NFC and NFD rows end at the same column") {
    for (const auto& line : lines_of(out)) CHECK(display_width(line) == 32);
  }
}

TEST_CASE("table with a CJK cell counts it two columns per character") {
  Dataset d;
  d.columns = {Column{"name", "Name"}, Column{"n", "N", Type::count}};
  d.rows = {{std::string("\u4E2D\u6587"), std::int64_t{1}}, {std::string("ab"), std::int64_t{22}}};
  CHECK(to_table(d, TableStyle{}) ==
        "Name   N\n"
        "----  --\n"
        "\u4E2D\u6587   1\n"
        "ab    22\n");
}

TEST_CASE("table cells by type and language") {
  Dataset d;
  d.columns = {Column{"due", "Due"}, Column{"done", "Done"}, Column{"ratio", "Ratio", Type::real},
               Column{"who", "Who"}, Column{"note", "Note"}};
  const Date july = *Date::from_ymd(2021, 7, 22);
  const Date january = *Date::from_ymd(2021, 1, 2);
  using List = std::vector<std::string>;
  d.rows = {{july, true, 0.5, List{"a", "b"}, Value{}},
            {january, false, 1.0, List{}, std::string("x")},
            {january, false, 3.14159, List{"c"}, std::string("y")}};
  SUBCASE("English") {
    CHECK(to_table(d, TableStyle{}) ==
          "Due         Done  Ratio  Who   Note\n"
          "----------  ----  -----  ----  ----\n"
          "2021-07-22  yes     0.5  a, b  -\n"
          "2021-01-02  no        1        x\n"
          "2021-01-02  no     3.14  c     y\n");
  }
  SUBCASE("Vietnamese: dd/mm/yyyy, có/không, decimal comma") {
    TableStyle style;
    style.lang = Lang::vi;
    CHECK(to_table(d, style) ==
          "Due         Done   Ratio  Who   Note\n"
          "----------  -----  -----  ----  ----\n"
          "22/07/2021  c\u00F3       0,5  a, b  -\n"
          "02/01/2021  kh\u00F4ng      1        x\n"
          "02/01/2021  kh\u00F4ng   3,14  c     y\n");
  }
}

TEST_CASE("table hides columns that are not for people") {
  Dataset d;
  d.columns = {Column{"id", "Id"}, Column{"name", "Name"}};
  d.columns[0].human = false;
  d.rows = {{std::int64_t{7}, std::string("n")}};
  CHECK(to_table(d, TableStyle{}) == "Name\n----\nn\n");
}

TEST_CASE("table truncates only when a width is set") {
  Dataset d;
  d.columns = {Column{"key", "Key"}, Column{"title", "Title"}, Column{"due", "Due"}};
  d.columns[1].wrap = true;
  const std::string title = "S\u1EEDa ch\u1EEFa m\u00E1i nh\u00E0 v\u0103n h\u00F3a th\u00F4n 3";
  d.rows = {{std::string("t-1"), title, *Date::from_ymd(2021, 7, 22)}};

  SUBCASE("no width: never truncated, however long") {
    const std::string out = to_table(d, TableStyle{});
    CHECK(out.find(title) != std::string::npos);
    CHECK(out.find("\u2026") == std::string::npos);
  }
  SUBCASE("wide enough: unchanged") {
    TableStyle style;
    style.width = 200;
    CHECK(to_table(d, style) == to_table(d, TableStyle{}));
  }
  SUBCASE("narrow: the wrap column gives up width") {
    TableStyle style;
    style.width = 30;
    const std::string out = to_table(d, style);
    // 3 + 2 + 13 + 2 + 10 = 30
    CHECK(out ==
          "Key  Title          Due\n"
          "---  -------------  ----------\n"
          "t-1  S\u1EEDa ch\u1EEFa m\u00E1i\u2026  2021-07-22\n");
    for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 30);
  }
  SUBCASE("very narrow: the wrap column keeps at least 10 columns") {
    TableStyle style;
    style.width = 5;
    const auto lines = lines_of(to_table(d, style));
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == "---  ----------  ----------");
    CHECK(lines[2] == "t-1  S\u1EEDa ch\u1EEFa\u2026   2021-07-22");
  }
}

TEST_CASE("table truncation keeps combining marks with their letter") {
  Dataset d;
  d.columns = {Column{"title", "Title"}};
  d.rows = {{std::string("Ca\u0323n Ca\u0323n Ca\u0323n Ca\u0323n")}};
  TableStyle style;
  style.width = 10;
  CHECK(to_table(d, style) == "Title\n----------\nCa\u0323n Ca\u0323n C\u2026\n");
  style.width = 11;
  CHECK(to_table(d, style) == "Title\n-----------\nCa\u0323n Ca\u0323n Ca\u0323\u2026\n");
}

TEST_CASE("table truncation leaves no space before the ellipsis") {
  Dataset d;
  d.columns = {Column{"title", "Title"}};
  d.rows = {{std::string("abcdefgh ijkl")}};
  TableStyle style;
  style.width = 10;
  CHECK(to_table(d, style) == "Title\n----------\nabcdefgh\u2026\n");
}

TEST_CASE("table without a wrap column shrinks the widest") {
  Dataset d;
  d.columns = {Column{"a", "A"}, Column{"b", "B"}};
  d.rows = {{std::string("abcdefghijklmnop"), std::string("abcdefghijklmnopqrstuvwxyz")}};
  TableStyle style;
  style.width = 30;
  CHECK(to_table(d, style) ==
        "A                 B\n"
        "----------------  ------------\n"
        "abcdefghijklmnop  abcdefghijk\u2026\n");
}

TEST_CASE("table cells: line breaks become spaces, control characters escapes") {
  Dataset d;
  d.columns = {Column{"a", "A"}, Column{"b", "B"}};
  d.rows = {{std::string("x\ny\tz\r\x1b[31m"), std::string("\u2028k")},
            {std::string("\x1b]52;c;cm0=\x07\u009b\xff"), std::string("\u202E")}};
  const std::string out = to_table(d, TableStyle{});
  CHECK(out ==
        "A                           B\n"
        "--------------------------  --------\n"
        "x y z \\e[31m                 k\n"
        "\\e]52;c;cm0=\\x07\\u{9b}\\xff  \\u{202e}\n");
  CHECK(lines_of(out).size() == 4);
}

TEST_CASE("table colours are its own, never a value's") {
  Dataset d;
  d.columns = {Column{"a", "A"}};
  d.rows = {{std::string("\x1b[31mred")}};
  TableStyle style;
  style.color = true;
  const std::string out = to_table(d, style);
  CHECK(out.find("\x1b[1mA\x1b[0m") != std::string::npos);  // the heading is bold
  CHECK(out.find("\\e[31mred") != std::string::npos);
  CHECK(out.find("\x1b[31mred") == std::string::npos);
}

TEST_CASE("table lines have no trailing spaces") {
  Dataset d;
  d.columns = {Column{"a", "A"}, Column{"b", "Bbbbb"}};
  d.rows = {{std::string("long value"), std::string("")}, {std::string("x  "), Value{}}};
  for (const auto& line : lines_of(to_table(d, TableStyle{}))) {
    CHECK_FALSE(line.empty());
    CHECK(line.back() != ' ');
  }
}

TEST_CASE("table colour") {
  Dataset d = units_dataset();
  d.columns[2].alert = true;
  d.rows.push_back({std::string("t-3"), std::string("x"), std::int64_t{0}});
  d.rows.push_back({std::string("t-4"), std::string("y"), std::int64_t{-2}});
  TableStyle style;
  style.color = true;
  const std::string out = to_table(d, style);
  CHECK(out.find("\x1b[1mKey\x1b[0m") != std::string::npos);
  CHECK(out.find("\x1b[1mDays late\x1b[0m") != std::string::npos);
  CHECK(out.find("\x1b[31m3\x1b[0m") != std::string::npos);
  CHECK(out.find("\x1b[31m12\x1b[0m") != std::string::npos);
  CHECK(out.find("\x1b[31m0") == std::string::npos);
  CHECK(out.find("\x1b[31m-2") == std::string::npos);
  SUBCASE("padding counts visible width only") {
    CHECK(strip_escapes(out) == to_table(d, TableStyle{}));
  }
  SUBCASE("no colour without style.color") {
    CHECK(to_table(d, TableStyle{}).find('\x1b') == std::string::npos);
  }
}

TEST_CASE("table of an empty dataset") {
  Dataset d = units_dataset();
  d.rows.clear();
  CHECK(to_table(d, TableStyle{}) == "");
  d.empty_message = "no overdue tasks";
  CHECK(to_table(d, TableStyle{}) == "no overdue tasks\n");
}

TEST_CASE("table grouped by a column") {
  Dataset d;
  d.columns = {Column{"unit", "Unit"}, Column{"key", "Key"}, Column{"late", "Late", Type::count}};
  d.group_by = 0;
  d.rows = {{kUnitNfc, std::string("t-1"), std::int64_t{3}},
            {kUnitNfc, std::string("t-2"), std::int64_t{40}},
            {std::string("Ph\u00F2ng N\u1ED9i v\u1EE5"), std::string("t-10"), std::int64_t{1}}};
  CHECK(to_table(d, TableStyle{}) ==
        kUnitNfc + "\n"
        "Key   Late\n"
        "----  ----\n"
        "t-1      3\n"
        "t-2     40\n"
        "\n"
        "Ph\u00F2ng N\u1ED9i v\u1EE5\n"
        "Key   Late\n"
        "----  ----\n"
        "t-10     1\n");
  SUBCASE("group headings are bold with colour") {
    TableStyle style;
    style.color = true;
    CHECK(to_table(d, style).find("\x1b[1m" + kUnitNfc + "\x1b[0m\n") == 0);
  }
}
