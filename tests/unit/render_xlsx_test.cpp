#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "inspectrack/error.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/render/xlsx.hpp"
#include "inspectrack/text/utf8.hpp"
#include "temp_dir.hpp"

using inspectrack::render::cell_name;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::fit_column;
using inspectrack::render::kMaxColumnWidth;
using inspectrack::render::sheet_name;
using inspectrack::render::Type;
using inspectrack::text::Lang;
namespace render = inspectrack::render;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t place(const Dataset& data, const std::string& key) {
  for (std::size_t i = 0; i < data.columns.size(); ++i) {
    if (data.columns[i].key == key) return i;
  }
  FAIL("no column " << key);
  return 0;
}

}  // namespace

TEST_CASE("sheet_name: what Excel accepts as a sheet's name") {
  CHECK(sheet_name("Quá hạn") == "Quá hạn");
  CHECK(sheet_name("Overdue") == "Overdue");
  SUBCASE("none of []:*?/\\ nor a control character") {
    CHECK(sheet_name("Tổng hợp [2021]: a/b\\c*d?e") == "Tổng hợp  2021   a b c d e");
    CHECK(sheet_name("a\tb\x01"
                     "c") == "a b c");
  }
  SUBCASE("no apostrophe or space at either end") {
    CHECK(sheet_name("'Quá hạn' ") == "Quá hạn");
    CHECK(sheet_name("it's") == "it's");
  }
  SUBCASE("at most 31 characters, counted as characters, never half of one") {
    const std::string name = sheet_name("Nhiệm vụ quá hạn của các đơn vị trong huyện Chư Prông");
    CHECK(name == "Nhiệm vụ quá hạn của các đơn vị");
    CHECK(inspectrack::text::count_code_points(name) <= 31);
    CHECK(sheet_name(std::string(40, 'x')) == std::string(31, 'x'));
  }
  SUBCASE("never empty, never the name Excel keeps for itself") {
    CHECK(sheet_name("") == "Sheet1");
    CHECK(sheet_name("[]:") == "Sheet1");
    CHECK(sheet_name("History") == "Sheet1");
    CHECK(sheet_name("history") == "Sheet1");
  }
  SUBCASE("bytes that are not UTF-8 become spaces") {
    CHECK(sheet_name("a\xff"
                     "b") == "a b");
  }
}

TEST_CASE("fit_column: fitted to the widest text, capped, long text wrapped") {
  SUBCASE("the widest cell and a character to spare") {
    const auto fit = fit_column("ID", 30);
    CHECK(fit.width == 31);
    CHECK_FALSE(fit.wrap);
  }
  SUBCASE("a heading wider than its cells, with room for the filter's button") {
    CHECK(fit_column("Unit", 2).width == 7);
    // A long heading wraps at its spaces, not to less than 10 columns a line.
    CHECK(fit_column("Số ngày làm việc trễ", 2).width == 13);
    CHECK(fit_column("Overdue 1–7 days", 1).width == 13);
  }
  SUBCASE("Vietnamese letters counted by display width, not bytes") {
    CHECK(fit_column("Đơn vị", 0).width == 9);  // 6 columns, 9 bytes
  }
  SUBCASE("long text is capped and wraps") {
    const auto fit = fit_column("Action", 250);
    CHECK(fit.width == kMaxColumnWidth);
    CHECK(fit.wrap);
    CHECK_FALSE(fit_column("Action", 59).wrap);
    CHECK(fit_column("Action", 60).wrap);
  }
}

TEST_CASE("cell_name: A1 names") {
  CHECK(cell_name(0, 0) == "A1");
  CHECK(cell_name(3, 2) == "C4");
  CHECK(cell_name(9, 25) == "Z10");
  CHECK(cell_name(0, 26) == "AA1");
  CHECK(cell_name(0, 701) == "ZZ1");
  CHECK(cell_name(0, 702) == "AAA1");
}

TEST_CASE("the reports declare what their workbooks need") {
  SUBCASE("a task's last day is a date cell in place of the text people read") {
    const Dataset data = render::task_columns(render::TaskView::overdue, Lang::vi).header();
    REQUIRE(data.workbook_typed.size() == 1);
    CHECK(data.workbook_typed[0].first == place(data, "due_shown"));
    CHECK(data.workbook_typed[0].second == place(data, "due"));
    CHECK(data.columns[place(data, "due")].type == Type::date);
  }
  SUBCASE("a summary by unit or inspection has a totals row with the on-time rate from the totals") {
    for (const auto by : {inspectrack::report::GroupBy::unit, inspectrack::report::GroupBy::inspection}) {
      const Dataset data = render::summary_columns(by, Lang::en).header();
      REQUIRE(data.totals);
      REQUIRE(data.totals->size() == 1);
      const auto& ratio = data.totals->front();
      CHECK(ratio.rate == place(data, "on_time_rate"));
      CHECK(ratio.numerator == place(data, "done_on_time"));
      CHECK(ratio.denominator ==
            std::vector<std::size_t>{place(data, "done_on_time"), place(data, "done_late")});
    }
  }
  SUBCASE("areas do not add up (a task in two areas counts in both): no totals row") {
    CHECK_FALSE(render::summary_columns(inspectrack::report::GroupBy::area, Lang::en).header().totals);
  }
}

TEST_CASE("write_xlsx: a workbook file of any text, or a clear error") {
  const test_support::TempDir dir;
  const std::string path = dir.file("book.xlsx");
  Dataset data;
  Column text{"text", "Text", Type::text};
  Column date{"date", "Date", Type::date};
  Column count{"n", "N", Type::count};
  data.columns = {text, date, count};
  const render::SheetHead head{"Quá hạn", "Nhiệm vụ quá hạn", "Tính đến ngày 26/07/2021"};

  SUBCASE("a zip package, whatever the text holds") {
    data.rows = {{std::string("=HYPERLINK(\"http://x\")"),
                  inspectrack::model::Date::from_ymd(2021, 7, 22).value(), std::int64_t{3}},
                 {std::string("a\x01"
                              "b \xff"),
                  inspectrack::model::Date::from_ymd(1800, 1, 1).value(),
                  {}},
                 {std::string(40000, 'x'), {}, std::int64_t{-1}}};
    render::write_xlsx(data, head, Lang::vi, path);
    CHECK(read_file(path).substr(0, 4) == "PK\x03\x04");
  }
  SUBCASE("an empty report") {
    render::write_xlsx(data, head, Lang::en, path);
    CHECK(read_file(path).substr(0, 4) == "PK\x03\x04");
  }
  SUBCASE("more rows than a sheet holds") {
    data.rows.resize(1048576 - 3);
    try {
      render::write_xlsx(data, head, Lang::en, path);
      FAIL("no error");
    } catch (const inspectrack::Error& e) {
      CHECK(e.code() == inspectrack::ExitCode::cant_create);
      CHECK(std::string(e.what()) == "1048573 rows do not fit a sheet (at most 1048572): write CSV instead");
    }
  }
  SUBCASE("a folder that does not exist") {
    CHECK_THROWS_AS(render::write_xlsx(data, head, Lang::en, dir.file("missing/book.xlsx")),
                    inspectrack::Error);
  }
}
