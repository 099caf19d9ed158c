#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"

using inspectrack::model::Date;
using inspectrack::render::Type;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::to_markdown;
using inspectrack::render::Value;
using inspectrack::text::Lang;

namespace {

Dataset tasks() {
  Dataset d;
  d.columns = {Column{"key", "Task"}, Column{"id", "Id"}, Column{"due", "Due"},
               Column{"late", "Days late", Type::count}};
  d.columns[1].human = false;
  d.rows = {{std::string("t-1"), std::int64_t{1}, *Date::from_ymd(2021, 7, 22), std::int64_t{12}},
            {std::string("t-2"), std::int64_t{2}, Value{}, std::int64_t{0}}};
  return d;
}

}  // namespace

TEST_CASE("markdown table with alignment row") {
  CHECK(to_markdown(tasks(), Lang::en) ==
        "| Task | Due | Days late |\n"
        "| --- | --- | ---: |\n"
        "| t-1 | 2021-07-22 | 12 |\n"
        "| t-2 | - | 0 |\n");
  SUBCASE("dates in Vietnamese") {
    CHECK(to_markdown(tasks(), Lang::vi) ==
          "| Task | Due | Days late |\n"
          "| --- | --- | ---: |\n"
          "| t-1 | 22/07/2021 | 12 |\n"
          "| t-2 | - | 0 |\n");
  }
}

TEST_CASE("markdown escapes pipes and line breaks") {
  Dataset d;
  d.columns = {Column{"a", "A|B"}, Column{"b", "B"}};
  d.rows = {{std::string("x|y"), std::string("one\ntwo\r\nthree\rfour\tfive")}};
  CHECK(to_markdown(d, Lang::en) ==
        "| A\\|B | B |\n"
        "| --- | --- |\n"
        "| x\\|y | one<br>two<br>three<br>four five |\n");
}

TEST_CASE("markdown: a value never starts a block of its own, nor drives a terminal") {
  Dataset d;
  d.columns = {Column{"unit", "Unit"}, Column{"a", "Action"}};
  d.group_by = 0;
  d.rows = {{std::string("X\n# fake\x1b[2J"), std::string("do it\n# Injected heading\n| a | b |\n- item\n> quote")}};
  CHECK(to_markdown(d, Lang::en) ==
        "### X # fake\\e[2J\n"
        "\n"
        "| Action |\n"
        "| --- |\n"
        "| do it<br># Injected heading<br>\\| a \\| b \\|<br>- item<br>> quote |\n");
}

TEST_CASE("markdown shows control characters as escapes") {
  Dataset d;
  d.columns = {Column{"a", "A"}};
  d.rows = {{std::string("\x1b]52;c;eA==\x07 \u0085 \u202E \xff")}};
  CHECK(to_markdown(d, Lang::en) ==
        "| A |\n"
        "| --- |\n"
        "| \\e]52;c;eA==\\x07 \\u{85} \\u{202e} \\xff |\n");
}

TEST_CASE("markdown values follow the language") {
  Dataset d;
  d.columns = {Column{"done", "Done"}, Column{"ratio", "Ratio"}, Column{"who", "Who"}};
  d.rows = {{true, 0.5, std::vector<std::string>{"a", "b"}}};
  CHECK(to_markdown(d, Lang::en).find("| yes | 0.5 | a, b |\n") != std::string::npos);
  CHECK(to_markdown(d, Lang::vi).find("| c\u00F3 | 0,5 | a, b |\n") != std::string::npos);
}

TEST_CASE("markdown grouped: a heading before each group's table") {
  Dataset d;
  d.columns = {Column{"unit", "Unit"}, Column{"key", "Task"}};
  d.group_by = 0;
  d.rows = {{std::string("UBND x\u00E3 B\u00E0u C\u1EA1n"), std::string("t-1")},
            {std::string("UBND x\u00E3 B\u00E0u C\u1EA1n"), std::string("t-2")},
            {std::string("Ph\u00F2ng N\u1ED9i v\u1EE5"), std::string("t-3")}};
  CHECK(to_markdown(d, Lang::en) ==
        "### UBND x\u00E3 B\u00E0u C\u1EA1n\n"
        "\n"
        "| Task |\n"
        "| --- |\n"
        "| t-1 |\n"
        "| t-2 |\n"
        "\n"
        "### Ph\u00F2ng N\u1ED9i v\u1EE5\n"
        "\n"
        "| Task |\n"
        "| --- |\n"
        "| t-3 |\n");
}

TEST_CASE("markdown of an empty dataset") {
  Dataset d = tasks();
  d.rows.clear();
  CHECK(to_markdown(d, Lang::en) == "");
  d.empty_message = "no overdue tasks";
  CHECK(to_markdown(d, Lang::en) == "no overdue tasks\n");
}

TEST_CASE("markdown with a frame: title, day, STT, counts per group, totals, count line") {
  Dataset d;
  d.columns = {Column{"unit", "Unit"}, Column{"key", "Task"}, Column{"n", "N", Type::count}};
  d.group_by = 0;
  d.rows = {{std::string("UBND x\u00E3 B\u00E0u C\u1EA1n"), std::string("t-1"), std::int64_t{1}},
            {std::string("UBND x\u00E3 B\u00E0u C\u1EA1n"), std::string("t-2"), std::int64_t{2}},
            {std::string("Ph\u00F2ng N\u1ED9i v\u1EE5"), std::string("t-3"), std::int64_t{3}}};
  d.frame.title = "Nhi\u1EC7m v\u1EE5 qu\u00E1 h\u1EA1n";
  d.frame.as_of = *Date::from_ymd(2021, 7, 26);
  d.frame.number_heading = "STT";
  d.frame.group_counts = true;
  d.frame.totals = {Value{}, std::string("T\u1ED5ng c\u1ED9ng"), std::int64_t{6}};
  d.frame.count_line = [](std::size_t n) { return "T\u1ED5ng s\u1ED1: " + std::to_string(n); };
  const std::string heading = "| STT | Task | N |\n| ---: | --- | ---: |\n";
  CHECK(to_markdown(d, Lang::vi) ==
        "## Nhi\u1EC7m v\u1EE5 qu\u00E1 h\u1EA1n\n"
        "\n"
        "T\u00EDnh \u0111\u1EBFn ng\u00E0y 26/07/2021\n"
        "\n"
        "### UBND x\u00E3 B\u00E0u C\u1EA1n (2)\n"
        "\n" +
            heading +
            "| 1 | t-1 | 1 |\n"
            "| 2 | t-2 | 2 |\n"
            "\n"
            "### Ph\u00F2ng N\u1ED9i v\u1EE5 (1)\n"
            "\n" +
            heading +
            "| 3 | t-3 | 3 |\n"
            "|  | T\u1ED5ng c\u1ED9ng | 6 |\n"
            "\n"
            "T\u1ED5ng s\u1ED1: 3\n");
  SUBCASE("--no-header: the tables only (markdown needs their heading rows)") {
    const std::string out = to_markdown(d, Lang::vi, false);
    CHECK(out.starts_with("### UBND"));
    CHECK(out.ends_with("| 3 | t-3 | 3 |\n"));
  }
}
