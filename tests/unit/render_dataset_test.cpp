#include <doctest/doctest.h>

#include <string>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"

using inspectrack::model::Date;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::Format;
using inspectrack::render::render;
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
    CHECK(render(d, Format::csv, style, false) == "key,due\r\n'=t-1,2021-07-22\r\n");
    CHECK(render(d, Format::json, style, false) ==
          "[\n  {\"key\": \"=t-1\", \"due\": \"2021-07-22\"}\n]\n");
    CHECK(render(d, Format::markdown, style, false) ==
          "| Task | Due |\n| --- | --- |\n| =t-1 | 22/07/2021 |\n");
  }
}
