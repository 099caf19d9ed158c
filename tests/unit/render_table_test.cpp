#include <doctest/doctest.h>

#include <algorithm>
#include <utility>

#include <sstream>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/text/utf8.hpp"

using inspectrack::model::Date;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::TableStyle;
using inspectrack::render::to_table;
using inspectrack::render::Type;
using inspectrack::render::Value;
using inspectrack::text::display_width;
using inspectrack::text::Lang;
using inspectrack::text::truncate_to_width;

namespace {

const std::string kUnitNfc = "UBND x\u00E3 B\u00E0u C\u1EA1n";
const std::string kUnitNfd = "UBND xa\u0303 Ba\u0300u Ca\u0323n";
const std::string kTitle = "S\u1EEDa ch\u1EEFa m\u00E1i nh\u00E0 v\u0103n h\u00F3a th\u00F4n 3";

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

namespace {

// The text of column `k` of each row of a table `out` (no groups), its lines joined
// by spaces: the columns' places come from the rule line under the headings, a row's
// continuation lines from a blank first column.
std::vector<std::string> column_texts(const std::string& out, std::size_t k) {
  const auto lines = lines_of(out);
  std::size_t rule = 0;
  while (rule < lines.size() &&
         (lines[rule].empty() || lines[rule].find_first_not_of("- ") != std::string::npos)) {
    ++rule;
  }
  REQUIRE(rule < lines.size());
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // display columns [begin, end)
  for (std::size_t i = 0; i < lines[rule].size();) {
    const std::size_t end = std::min(lines[rule].find(' ', i), lines[rule].size());
    spans.emplace_back(i, end);
    i = lines[rule].find('-', end);
    if (i == std::string::npos) break;
  }
  REQUIRE(k < spans.size());
  const auto slice = [](const std::string& line, std::size_t from, std::size_t to) {
    const auto head = truncate_to_width(line, from);
    std::string part(truncate_to_width(line, to).substr(head.size()));
    part.erase(0, std::min(part.find_first_not_of(' '), part.size()));
    part.erase(part.find_last_not_of(' ') + 1);
    return part;
  };
  std::vector<std::string> texts;
  for (std::size_t i = rule + 1; i < lines.size(); ++i) {
    const bool continued = slice(lines[i], spans[0].first, spans[0].second).empty() && !texts.empty();
    const std::string part = slice(lines[i], spans[k].first, spans[k].second);
    if (!continued) {
      texts.push_back(part);
    } else if (!part.empty()) {
      texts.back() += (texts.back().empty() ? "" : " ") + part;
    }
  }
  return texts;
}

Dataset title_dataset() {
  Dataset d;
  d.columns = {Column{"key", "Key"}, Column{"title", "Title"}, Column{"due", "Due", Type::date}};
  d.columns[1].wrap = true;
  d.rows = {{std::string("t-1"), kTitle, *Date::from_ymd(2021, 7, 22)}};
  return d;
}

// What an overdue report holds, as long as the examples' longest rows.
Dataset overdue_dataset() {
  Dataset d;
  d.columns = {Column{"id", "ID", Type::count},
               Column{"action", "Nội dung khắc phục"},
               Column{"due", "Hạn cuối", Type::date},
               Column{"due_text", "Thời hạn theo văn bản"},
               Column{"late", "Số ngày làm việc trễ", Type::count},
               Column{"report_to", "Báo cáo về"}};
  d.columns[1].wrap = true;
  const std::string action =
      "Xây dựng và triển khai kế hoạch khắc phục các tồn tại trong công tác quản lý đất đai, "
      "thu hồi số tiền 125.400.000 đồng chi sai chế độ và nộp vào ngân sách nhà nước";
  const std::string nfd =
      "Ra\u0300 soa\u0301t, kie\u0302\u0309m \u0111ie\u0302\u0309m la\u0323i ho\u0302\u0300 so\u031b "
      "ca\u0301n bo\u0323";
  for (std::int64_t i = 1; i <= 12; ++i) {
    d.rows.push_back({i, i % 3 == 0 ? nfd : action, *Date::from_ymd(2021, 7, static_cast<int>(i)),
                      std::string("trong 15 ngày làm việc kể từ ngày ban hành kết luận"), i * 7,
                      std::string("Thanh tra huyện Chư Prông (thanh-tra-huyen)")});
  }
  return d;
}

// The widths of the columns, read from the rule under the headings.
std::vector<std::size_t> rule_widths(const std::string& out) {
  for (const auto& line : lines_of(out)) {
    if (line.empty() || line.find_first_not_of("- ") != std::string::npos) continue;
    std::vector<std::size_t> widths;
    std::istringstream in(line);
    for (std::string dashes; in >> dashes;) widths.push_back(dashes.size());
    return widths;
  }
  return {};
}

std::string without_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// The words of `s`, separated by single spaces.
std::string words_of(const std::string& s) {
  std::istringstream in(s);
  std::string out;
  for (std::string word; in >> word;) out += (out.empty() ? "" : " ") + word;
  return out;
}

}  // namespace

TEST_CASE("table wraps only when a width is set") {
  const Dataset d = title_dataset();
  SUBCASE("no width: one line per row, however long") {
    Dataset long_rows = overdue_dataset();
    const auto lines = lines_of(to_table(long_rows, TableStyle{}));
    CHECK(lines.size() == 2 + long_rows.rows.size());
    CHECK(lines[2].find("nộp vào ngân sách nhà nước") != std::string::npos);
  }
  SUBCASE("wide enough: unchanged") {
    TableStyle style;
    style.width = 200;
    CHECK(to_table(d, style) == to_table(d, TableStyle{}));
  }
  SUBCASE("narrow: the text wraps at its spaces, the other columns blank below") {
    TableStyle style;
    style.width = 30;
    const std::string out = to_table(d, style);
    CHECK(out ==
          "Key  Title          Due\n"
          "---  -------------  ----------\n"
          "t-1  S\u1EEDa ch\u1EEFa m\u00E1i   2021-07-22\n"
          "     nh\u00E0 v\u0103n h\u00F3a\n"
          "     th\u00F4n 3\n");
    for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 30);
  }
}

TEST_CASE("table wrapping counts combining marks as no column and keeps them with their letter") {
  Dataset d;
  d.columns = {Column{"title", "Title"}};
  d.rows = {{std::string("Ca\u0323n Ca\u0323n Ca\u0323n Ca\u0323n")}};
  TableStyle style;
  style.width = 10;
  CHECK(to_table(d, style) == "Title\n----------\nCa\u0323n Ca\u0323n\nCa\u0323n Ca\u0323n\n");
  SUBCASE("a word wider than its column is broken by width, never before a mark") {
    d.rows = {{std::string("Ca\u0323nCa\u0323nCa\u0323nCa\u0323n")}};
    CHECK(to_table(d, style) == "Title\n----------\nCa\u0323nCa\u0323nCa\u0323nC\na\u0323n\n");
    style.width = 8;
    CHECK(to_table(d, style) == "Title\n--------\nCa\u0323nCa\u0323nCa\u0323\nnCa\u0323n\n");
  }
}

TEST_CASE("table breaks a word longer than its column by width and loses none of it") {
  Dataset d;
  d.columns = {Column{"id", "ID", Type::count}, Column{"url", "Link"}};
  d.rows = {{std::int64_t{1}, std::string("see https://example.org/abcdefghijklmnopqrstuvwxyz now")}};
  TableStyle style;
  style.width = 14;
  const std::string out = to_table(d, style);
  CHECK(out ==
        "ID  Link\n"
        "--  ----------\n"
        " 1  see\n"
        "    https://ex\n"
        "    ample.org/\n"
        "    abcdefghij\n"
        "    klmnopqrst\n"
        "    uvwxyz now\n");
}

TEST_CASE("table text columns narrow in proportion to their natural width") {
  Dataset d;
  d.columns = {Column{"a", "A"}, Column{"b", "B"}};
  // Words of 4 or 5 letters: 40 and 20 columns in all.
  d.rows = {{"xxxxx" + std::string(7 * 5, 'x'), "yyyyy" + std::string(3 * 5, 'y')}};
  for (auto* s : {&std::get<std::string>(d.rows[0][0]), &std::get<std::string>(d.rows[0][1])}) {
    for (std::size_t i = 5; i < s->size(); i += 5) (*s)[i] = ' ';
  }
  TableStyle style;
  style.width = 32;
  CHECK(lines_of(to_table(d, style))[1] == std::string(20, '-') + "  " + std::string(10, '-'));
}

TEST_CASE("table numbers and dates never narrow: only their headings wrap, to 8 columns at least") {
  Dataset d;
  d.columns = {Column{"n", "Working days late", Type::count}, Column{"due", "Last day", Type::date},
               Column{"what", "What"}};
  d.rows = {{std::int64_t{123456}, *Date::from_ymd(2021, 7, 22), std::string("a b c d e f g h")}};
  TableStyle style;
  style.width = 30;
  CHECK(to_table(d, style) ==
        " Working  Last day    What\n"
        "    days\n"
        "    late\n"
        "--------  ----------  --------\n"
        "  123456  2021-07-22  a b c d\n"
        "                      e f g h\n");
  SUBCASE("a terminal too narrow for the numbers and dates alone: they stay whole") {
    style.width = 5;
    const std::string out = to_table(d, style);
    CHECK(out.find("123456  2021-07-22") != std::string::npos);
  }
}

TEST_CASE("table at 80 and 200 columns: no line wider, nothing lost") {
  const Dataset d = overdue_dataset();
  for (const std::size_t width : {80u, 200u}) {
    CAPTURE(width);
    TableStyle style;
    style.width = width;
    style.lang = Lang::vi;
    const std::string out = to_table(d, style);
    for (const auto& line : lines_of(out)) CHECK(display_width(line) <= width);
    for (const std::size_t k : {1u, 3u, 5u}) {
      const auto texts = column_texts(out, k);
      REQUIRE(texts.size() == d.rows.size());
      for (std::size_t r = 0; r < d.rows.size(); ++r) {
        const std::string cell = std::get<std::string>(d.rows[r][k]);
        // The key in brackets is wider than its column at 80: broken, not lost.
        CHECK(without_spaces(texts[r]) == without_spaces(cell));
        if (k != 5) CHECK(texts[r] == words_of(cell));
      }
    }
  }
  SUBCASE("at 80 columns the action keeps the most room") {
    TableStyle style;
    style.width = 80;
    const auto widths = rule_widths(to_table(d, style));
    REQUIRE(widths.size() == 6);
    CHECK(widths[1] > widths[3]);
    CHECK(widths[1] > widths[5]);
    CHECK(widths[2] == 10);  // the date whole
  }
}

TEST_CASE("table with more numbers than fit: in sections, the columns naming a row in each") {
  Dataset d;
  d.columns = {Column{"key", "Key"}, Column{"name", "Name"}};
  for (const char* h : {"Findings", "Tasks", "Open", "Overdue", "Done on time", "Done late"}) {
    d.columns.push_back(Column{h, h, Type::count});
  }
  d.columns[1].wrap = true;
  d.rows = {{std::string("bau-can"), kUnitNfc, std::int64_t{1}, std::int64_t{2}, std::int64_t{3},
             std::int64_t{4}, std::int64_t{5}, std::int64_t{6}}};
  d.frame.totals = {Value{},         std::string("Total"), std::int64_t{1}, std::int64_t{2},
                    std::int64_t{3}, std::int64_t{4},      std::int64_t{5}, std::int64_t{6}};
  TableStyle style;
  style.width = 50;
  const std::string out = to_table(d, style);
  // Each section as wide as its columns need: the headings wrap only when they must.
  CHECK(out ==
        "Key      Name             Findings  Tasks  Open\n"
        "-------  ---------------  --------  -----  ----\n"
        "bau-can  " +
            kUnitNfc +
            "         1      2     3\n"
            "-------  ---------------  --------  -----  ----\n"
            "         Total                   1      2     3\n"
            "\n"
            "Key      Name             Overdue  Done on time\n"
            "-------  ---------------  -------  ------------\n"
            "bau-can  " +
            kUnitNfc +
            "        4             5\n"
            "-------  ---------------  -------  ------------\n"
            "         Total                  4             5\n"
            "\n"
            "Key      Name             Done late\n"
            "-------  ---------------  ---------\n"
            "bau-can  " +
            kUnitNfc +
            "          6\n"
            "-------  ---------------  ---------\n"
            "         Total                    6\n");
  for (const auto& line : lines_of(out)) CHECK(display_width(line) <= 50);
  SUBCASE("wide enough: one table") {
    style.width = 200;
    CHECK(to_table(d, style) == to_table(d, TableStyle{}));
  }
}

TEST_CASE("table group headings wrap at the terminal width") {
  Dataset d;
  d.columns = {Column{"unit", "Unit"}, Column{"key", "Key"}};
  d.group_by = 0;
  d.rows = {{std::string("Ủy ban nhân dân xã Ia Púch huyện Chư Prông"), std::string("t-1")}};
  TableStyle style;
  style.width = 20;
  CHECK(to_table(d, style) ==
        "Ủy ban nhân dân xã\n"
        "Ia Púch huyện Chư\n"
        "Prông\n"
        "Key\n"
        "---\n"
        "t-1\n");
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

namespace {

// Two units' overdue tasks under a frame: title, day, row numbers, counts, count line.
Dataset framed() {
  Dataset d;
  d.columns = {Column{"unit", "Unit"}, Column{"key", "Key"}, Column{"late", "Late", Type::count}};
  d.group_by = 0;
  d.rows = {{kUnitNfc, std::string("t-1"), std::int64_t{3}},
            {kUnitNfc, std::string("t-2"), std::int64_t{40}},
            {std::string("Ph\u00F2ng N\u1ED9i v\u1EE5"), std::string("t-10"), std::int64_t{1}}};
  d.frame.title = "Overdue tasks";
  d.frame.as_of = *Date::from_ymd(2021, 7, 26);
  d.frame.number_heading = "No.";
  d.frame.group_counts = true;
  d.frame.count_line = [](std::size_t n) { return "Total: " + std::to_string(n) + " overdue tasks"; };
  return d;
}

}  // namespace

TEST_CASE("table with a frame: title, day, row numbers, counts per group, count line") {
  CHECK(to_table(framed(), TableStyle{}) ==
        "Overdue tasks\n"
        "As of 2021-07-26\n"
        "\n" +
            kUnitNfc +
            " (2)\n"
            "No.  Key   Late\n"
            "---  ----  ----\n"
            "  1  t-1      3\n"
            "  2  t-2     40\n"
            "\n"
            "Ph\u00F2ng N\u1ED9i v\u1EE5 (1)\n"
            "No.  Key   Late\n"
            "---  ----  ----\n"
            "  3  t-10     1\n"
            "\n"
            "Total: 3 overdue tasks\n");
  SUBCASE("the day in the language's format") {
    TableStyle style;
    style.lang = Lang::vi;
    CHECK(to_table(framed(), style).find("T\u00EDnh \u0111\u1EBFn ng\u00E0y 26/07/2021\n") !=
          std::string::npos);
  }
  SUBCASE("--no-header: the rows under their groups only") {
    TableStyle style;
    style.header = false;
    CHECK(to_table(framed(), style) == kUnitNfc +
                                           " (2)\n"
                                           "  1  t-1      3\n"
                                           "  2  t-2     40\n"
                                           "\n"
                                           "Ph\u00F2ng N\u1ED9i v\u1EE5 (1)\n"
                                           "  3  t-10     1\n");
  }
  SUBCASE("empty: the title, the day and what there is not") {
    Dataset d = framed();
    d.rows.clear();
    d.empty_message = "No overdue tasks.";
    CHECK(to_table(d, TableStyle{}) == "Overdue tasks\nAs of 2021-07-26\n\nNo overdue tasks.\n");
  }
  SUBCASE("a title wider than the terminal wraps") {
    Dataset d = framed();
    d.frame.title = "Overdue tasks \u2014 unit: UBND x\u00E3 Ia P\u00FAch";
    TableStyle style;
    style.width = 24;
    CHECK(to_table(d, style).starts_with("Overdue tasks \u2014 unit:\nUBND x\u00E3 Ia P\u00FAch\nAs of"));
  }
}

TEST_CASE("table totals: under a rule, blank where nothing adds up") {
  Dataset d;
  d.columns = {Column{"name", "Name"}, Column{"tasks", "Tasks", Type::count},
               Column{"rate", "Rate", Type::rate}};
  d.rows = {{std::string("a"), std::int64_t{3}, 1.0}, {std::string("bb"), std::int64_t{1}, 0.0}};
  d.frame.totals = {std::string("Total"), std::int64_t{4}, 0.75};
  CHECK(to_table(d, TableStyle{}) ==
        "Name   Tasks  Rate\n"
        "-----  -----  ----\n"
        "a          3  100%\n"
        "bb         1    0%\n"
        "-----  -----  ----\n"
        "Total      4   75%\n");
  d.frame.totals = {Value{}, std::int64_t{4}, Value{}};
  CHECK(lines_of(to_table(d, TableStyle{})).back() == std::string(10, ' ') + "4");
  TableStyle style;
  style.header = false;
  // Aligned as with the headings, which set the widths even when not shown.
  CHECK(to_table(d, style) == "a         3  100%\nbb        1    0%\n");
}
