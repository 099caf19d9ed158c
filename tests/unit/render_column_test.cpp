#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "inspectrack/render/column.hpp"
#include "inspectrack/render/dataset.hpp"
#include "inspectrack/render/views.hpp"

using inspectrack::render::Audience;
using inspectrack::render::ColumnDef;
using inspectrack::render::ColumnSet;
using inspectrack::render::Dataset;
using inspectrack::render::Format;
using inspectrack::render::Mark;
using inspectrack::render::RowStream;
using inspectrack::render::TableStyle;
using inspectrack::render::Type;
using inspectrack::render::Value;
using inspectrack::report::TaskRow;
using inspectrack::text::Lang;

namespace {

struct Pair {
  std::string name;
  int n = 0;
};

ColumnSet<Pair> pairs(Lang lang) {
  return ColumnSet<Pair>(
      lang,
      {
          {"name", "Name", Type::text, Audience::both,
           [](Value& c, const Pair& p, Lang) { inspectrack::render::set_text(c, p.name); }, Mark::wrap},
          {"n", "N", Type::count, Audience::scripts,
           [](Value& c, const Pair& p, Lang) { inspectrack::render::set_count(c, p.n); }},
          {"n_shown", "N shown", Type::count, Audience::people,
           [](Value& c, const Pair& p, Lang) { inspectrack::render::set_count(c, p.n); }, Mark::alert},
          {"hidden", "Hidden", Type::text, Audience::none,
           [](Value& c, const Pair& p, Lang) { inspectrack::render::set_text(c, p.name); }},
      },
      "Nothing.");
}

TaskRow late_task() {
  TaskRow row;
  row.task.id = 7;
  row.task.assignee = "bau-can";
  row.task.action = "Báo cáo kết quả";
  row.days_late = 5;
  return row;
}

// What a RowStream writes of `columns` over `rows`, in `format`.
template <class Row>
std::string streamed(const ColumnSet<Row>& columns, const std::vector<Row>& rows, Format format) {
  std::ostringstream out;
  RowStream stream(out, columns.header(), format, TableStyle{}, false);
  std::vector<Value> cells;
  for (const auto& row : rows) {
    columns.fill(cells, row, format == Format::table || format == Format::markdown);
    stream.add(cells);
  }
  stream.finish();
  return out.str();
}

}  // namespace

TEST_CASE("header: who sees each column, its marks and the group, from the declarations") {
  auto columns = pairs(Lang::en);
  columns.group_by("name");
  const Dataset header = columns.header();
  REQUIRE(header.columns.size() == 4);
  CHECK(header.rows.empty());
  CHECK(header.empty_message == "Nothing.");
  CHECK(header.group_by == 0U);
  CHECK((header.columns[0].human && header.columns[0].machine && header.columns[0].wrap));
  CHECK((!header.columns[1].human && header.columns[1].machine));
  CHECK((header.columns[2].human && !header.columns[2].machine && header.columns[2].alert));
  CHECK((!header.columns[3].human && !header.columns[3].machine));
  CHECK(header.columns[2].key == "n_shown");
  CHECK(header.columns[2].heading == "N shown");
  CHECK(header.columns[2].type == Type::count);
  CHECK_FALSE(pairs(Lang::en).header().group_by.has_value());
}

TEST_CASE("people_first: people read those columns first, scripts keep the list's order") {
  auto columns = pairs(Lang::en);
  columns.people_first({"n_shown", "no-such-column"});
  const Dataset data = columns.dataset({Pair{"a", 3}});
  CHECK(inspectrack::render::to_table(data, TableStyle{}) == "N shown  Name\n-------  ----\n      3  a\n");
  CHECK(inspectrack::render::to_markdown(data, Lang::en) == "| N shown | Name |\n| ---: | --- |\n| 3 | a |\n");
  CHECK(inspectrack::render::to_csv(data, false) == "Name,N\r\na,3\r\n");
  CHECK(inspectrack::render::to_json(data) == "[\n  {\"name\": \"a\", \"n\": 3}\n]\n");
}

TEST_CASE("fill: a cell per column, and for scripts only the cells for people stay null") {
  const auto columns = pairs(Lang::en);
  const Pair p{"a", 3};
  CHECK(columns.row(p) == std::vector<Value>{std::string("a"), std::int64_t{3}, std::int64_t{3}, Value{}});
  CHECK(columns.row(p, false) == std::vector<Value>{std::string("a"), std::int64_t{3}, Value{}, Value{}});
  const Dataset data = columns.dataset({p, Pair{"b", 0}});
  REQUIRE(data.rows.size() == 2);
  CHECK(data.rows[1][0] == Value(std::string("b")));
}

TEST_CASE("setters: absent values are null, a text cell keeps its buffer") {
  using namespace inspectrack::render;
  Value v = std::string(100, 'x');
  const char* buffer = std::get<std::string>(v).data();
  set_text(v, "short");
  CHECK(std::get<std::string>(v) == "short");
  CHECK(std::get<std::string>(v).data() == buffer);
  set_nonempty_text(v, "");
  CHECK(v == Value{});
  set_optional_text(v, std::optional<std::string>(""));
  CHECK(v == Value(std::string()));
  set_optional_text(v, std::nullopt);
  CHECK(v == Value{});
  set_date(v, std::nullopt);
  CHECK(v == Value{});
  set_real(v, 0.5);
  CHECK(v == Value(0.5));
  set_list(v, {"a", "b"});
  CHECK(v == Value(std::vector<std::string>{"a", "b"}));
  set_flag(v, false);
  CHECK(v == Value(false));
}

TEST_CASE("a column added to a report's list shows in every renderer and in the row stream") {
  auto columns = inspectrack::render::task_columns(inspectrack::render::TaskView::overdue, Lang::en);
  columns.add({"test_only", "Test heading", Type::count, Audience::both,
               [](Value& c, const TaskRow& r, Lang) { inspectrack::render::set_count(c, r.task.id * 1000 + 1); }});
  const std::vector<TaskRow> rows = {late_task()};
  const Dataset data = columns.dataset(rows);

  const std::string table = inspectrack::render::to_table(data, TableStyle{});
  CHECK(table.find("Test heading") != std::string::npos);
  CHECK(table.find("7001") != std::string::npos);
  const std::string markdown = inspectrack::render::to_markdown(data, Lang::en);
  CHECK(markdown.find("| Test heading |") != std::string::npos);
  CHECK(markdown.find("| 7001 |") != std::string::npos);
  const std::string csv = inspectrack::render::to_csv(data, false);
  CHECK(csv.find(",Test heading\r\n") != std::string::npos);
  CHECK(csv.find(",7001\r\n") != std::string::npos);
  const std::string json = inspectrack::render::to_json(data);
  CHECK(json.find(", \"test_only\": 7001}") != std::string::npos);

  // The stream, row by row, writes what the renderers write of the whole.
  CHECK(streamed(columns, rows, Format::table) == table);
  CHECK(streamed(columns, rows, Format::markdown) == markdown);
  CHECK(streamed(columns, rows, Format::csv) == csv);
  CHECK(streamed(columns, rows, Format::json) == json);
}

TEST_CASE("a column for people only is in table and markdown, not in JSON or CSV") {
  auto columns = inspectrack::render::unit_columns(Lang::vi);
  columns.add({"test_only", "Cột thử", Type::text, Audience::people,
               [](Value& c, const inspectrack::model::Unit& u, Lang) {
                 inspectrack::render::set_text(c, u.key + "!");
               }});
  inspectrack::model::Unit unit;
  unit.key = "bau-can";
  unit.name = "UBND xã Bàu Cạn";
  const Dataset data = columns.dataset({unit});
  CHECK(inspectrack::render::to_table(data, TableStyle{Lang::vi, std::nullopt, false}).find("bau-can!") !=
        std::string::npos);
  CHECK(inspectrack::render::to_markdown(data, Lang::vi).find("| Cột thử |") != std::string::npos);
  CHECK(inspectrack::render::to_json(data).find("test_only") == std::string::npos);
  CHECK(inspectrack::render::to_csv(data, false).find("bau-can!") == std::string::npos);
}

TEST_CASE(
    "a column with words: JSON carries the raw value, table, markdown and CSV the words, in one place") {
  ColumnSet<Pair> columns(
      Lang::vi,
      {
          {"name", "Tên", Type::text, Audience::both,
           [](Value& c, const Pair& p, Lang) { inspectrack::render::set_text(c, p.name); }},
          {"state", "Trạng thái", Type::text, Audience::both,
           [](Value& c, const Pair&, Lang) { inspectrack::render::set_text(c, "open"); }, Mark::none,
           [](Value& c, const Pair&, Lang) { inspectrack::render::set_text(c, "đang thực hiện"); }},
          {"n", "Số", Type::count, Audience::both,
           [](Value& c, const Pair& p, Lang) { inspectrack::render::set_count(c, p.n); }},
      });
  const std::vector<Pair> rows = {{"Bàu Cạn", 3}};
  const Dataset data = columns.dataset(rows);
  const std::string json = inspectrack::render::to_json(data);
  CHECK(json.find("\"state\": \"open\", \"n\": 3") != std::string::npos);
  CHECK(json.find("đang thực hiện") == std::string::npos);
  const std::string table = inspectrack::render::to_table(data, TableStyle{Lang::vi, std::nullopt, false});
  CHECK(table.find("đang thực hiện") != std::string::npos);
  CHECK(table.find("open") == std::string::npos);
  CHECK(inspectrack::render::to_markdown(data, Lang::vi).find("| Bàu Cạn | đang thực hiện | 3 |") !=
        std::string::npos);
  const std::string csv = inspectrack::render::to_csv(data, false);
  CHECK(csv.find("Bàu Cạn,đang thực hiện,3\r\n") != std::string::npos);
  CHECK(csv.find(",open") == std::string::npos);
  CHECK(streamed(columns, rows, Format::csv) == csv);
  CHECK(streamed(columns, rows, Format::json) == json);
}
