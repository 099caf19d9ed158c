#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/render/views.hpp"

using inspectrack::model::Date;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::Format;
using inspectrack::render::render;
using inspectrack::render::render_record;
using inspectrack::render::TableStyle;
using inspectrack::render::to_csv;
using inspectrack::render::to_json;
using inspectrack::render::to_markdown;
using inspectrack::render::to_table;
using inspectrack::text::Lang;

namespace {

Dataset sample() {
  Dataset d;
  Column key;
  key.key = "key";
  key.heading = "Task";
  Column due;
  due.key = "due";
  due.heading = "Due";
  d.columns = {key, due};
  d.rows = {{std::string("=t-1"), *Date::from_ymd(2021, 7, 22)}};
  return d;
}

}  // namespace

TEST_CASE("render dispatches by format") {
  const Dataset d = sample();
  TableStyle style;
  style.lang = Lang::vi;
  style.color = true;
  CHECK(render(d, Format::table, style, true) == to_table(d, style));
  CHECK(render(d, Format::csv, style, true) == to_csv(d, true));
  CHECK(render(d, Format::csv, style, false) == to_csv(d, false));
  CHECK(render(d, Format::json, style, true) == to_json(d));
  CHECK(render(d, Format::markdown, style, true) == to_markdown(d, Lang::vi));
  SUBCASE("the formats differ") {
    CHECK(render(d, Format::csv, style, false) == "Task,Due\r\n'=t-1,2021-07-22\r\n");
    CHECK(render(d, Format::json, style, false) ==
          "[\n  {\"key\": \"=t-1\", \"due\": \"2021-07-22\"}\n]\n");
    CHECK(render(d, Format::markdown, style, false) ==
          "| Task | Due |\n| --- | --- |\n| =t-1 | 22/07/2021 |\n");
  }
}

TEST_CASE("RowStream writes what render() writes, one row at a time") {
  Dataset d = sample();
  d.rows.push_back({std::string("t-2, \"quoted\""), std::monostate{}});
  d.rows.push_back({std::string("t-3\nline"), *Date::from_ymd(2021, 8, 1)});
  d.empty_message = "Nothing.";
  TableStyle style;
  style.lang = Lang::vi;
  for (const Format format : {Format::table, Format::csv, Format::json, Format::markdown}) {
    for (const bool bom : {false, true}) {
      for (std::size_t rows = 0; rows <= d.rows.size(); ++rows) {
        Dataset part = d;
        part.rows.resize(rows);
        Dataset header = part;
        header.rows.clear();
        std::ostringstream out;
        inspectrack::render::RowStream stream(out, header, format, style, bom);
        for (const auto& row : part.rows) stream.add(row);
        stream.finish();
        CAPTURE(static_cast<int>(format));
        CAPTURE(rows);
        CHECK(out.str() == render(part, format, style, bom));
        CHECK(stream.rows() == rows);
      }
    }
  }
  SUBCASE("rows given with the header come first") {
    std::ostringstream out;
    inspectrack::render::RowStream stream(out, d, Format::json, style, false);
    stream.finish();
    CHECK(out.str() == to_json(d));
  }
  SUBCASE("a long report is written before it ends") {
    std::ostringstream out;
    Dataset header = d;
    header.rows.clear();
    inspectrack::render::RowStream stream(out, header, Format::json, style, false);
    for (int i = 0; i < 5000; ++i) stream.add(d.rows[0]);
    CHECK(out.str().size() > 64 * 1024);  // flushed already, not held to the end
    stream.finish();
    CHECK(out.str().size() == to_json([&] {
            Dataset all = header;
            all.rows.assign(5000, d.rows[0]);
            return all;
          }()).size());
  }
}

TEST_CASE("render_record: a value of several lines stays under its heading") {
  Dataset record;
  Column action;
  action.key = "action";
  action.heading = "Action";
  Column status;
  status.key = "status";
  status.heading = "Status";
  record.columns = {action, status};
  record.rows = {{std::string("Copy \x1b]52;c;eA==\x07 now\nStatus: verified\n# heading"),
                  std::string("open")}};
  Dataset history;
  history.columns = {action};
  history.empty_message = "No history.";
  TableStyle style;
  CHECK(render_record(record, history, Format::table, style, false) ==
        "Action: Copy \\e]52;c;eA==\\x07 now\n"
        "        Status: verified\n"
        "        # heading\n"
        "Status: open\n"
        "\nHistory\nNo history.\n");
  CHECK(render_record(record, history, Format::markdown, style, false) ==
        "- **Action**: Copy \\e]52;c;eA==\\x07 now<br>Status: verified<br># heading\n"
        "- **Status**: open\n"
        "\n## History\n\nNo history.\n");
}

TEST_CASE("a column's type: numbers align right, a rate reads as a percentage") {
  using inspectrack::render::Align;
  using inspectrack::render::align_of;
  using inspectrack::render::Type;
  CHECK(align_of(Type::count) == Align::right);
  CHECK(align_of(Type::real) == Align::right);
  CHECK(align_of(Type::rate) == Align::right);
  CHECK(align_of(Type::text) == Align::left);
  CHECK(align_of(Type::date) == Align::left);
  Dataset d;
  Column rate;
  rate.key = "rate";
  rate.heading = "Rate";
  rate.type = Type::rate;
  d.columns = {rate};
  d.rows = {{2.0 / 3.0}, {1.0}, {inspectrack::render::Value{}}};
  CHECK(to_table(d, TableStyle{Lang::vi, std::nullopt, false}) == " Rate\n-----\n66,7%\n 100%\n    -\n");
  CHECK(to_csv(d, false) == "Rate\r\n66.7%\r\n100%\r\n\r\n");
}
