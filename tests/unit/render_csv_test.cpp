#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/render/dataset.hpp"

using inspectrack::model::Date;
using inspectrack::render::Column;
using inspectrack::render::Dataset;
using inspectrack::render::to_csv;
using inspectrack::render::Value;

namespace {

Column col(std::string key, std::string heading = "Heading") {
  Column c;
  c.key = std::move(key);
  c.heading = std::move(heading);
  return c;
}

// The CSV body (without the header line) of a one-column dataset holding `v`.
std::string field(const Value& v) {
  Dataset d;
  d.columns = {col("v")};
  d.rows = {{v}};
  const std::string out = to_csv(d, false);
  const std::string header = "Heading\r\n";
  REQUIRE(out.substr(0, header.size()) == header);
  REQUIRE(out.size() >= header.size() + 2);
  REQUIRE(out.substr(out.size() - 2) == "\r\n");
  return out.substr(header.size(), out.size() - header.size() - 2);
}

}  // namespace

TEST_CASE("csv layout: headings in the language, CRLF after every record") {
  Dataset d;
  d.columns = {col("key", "Key"), col("title", "Title"), col("note", "Note"), col("due", "Due")};
  d.columns[2].machine = false;
  d.group_by = 0;  // grouping is for people only
  d.rows = {{std::string("t-1"), std::string("S\u1EEDa m\u00E1i"), std::string("hidden"),
             *Date::from_ymd(2021, 7, 22)},
            {std::string("t-2"), std::string("plain"), Value{}, Value{}}};
  CHECK(to_csv(d, false) ==
        "Key,Title,Due\r\n"
        "t-1,S\u1EEDa m\u00E1i,2021-07-22\r\n"
        "t-2,plain,\r\n");
  SUBCASE("BOM first when asked") {
    CHECK(to_csv(d, true) == "\xEF\xBB\xBF" + to_csv(d, false));
  }
  SUBCASE("an empty dataset is the header alone") {
    d.rows.clear();
    CHECK(to_csv(d, false) == "Key,Title,Due\r\n");
    CHECK(to_csv(d, true) == "\xEF\xBB\xBFKey,Title,Due\r\n");
  }
}

TEST_CASE("csv quoting") {
  CHECK(field(std::string("plain text")) == "plain text");
  CHECK(field(std::string("a,b")) == "\"a,b\"");
  CHECK(field(std::string("say \"hi\"")) == "\"say \"\"hi\"\"\"");
  CHECK(field(std::string("line1\nline2")) == "\"line1\nline2\"");
  CHECK(field(std::string("line1\r\nline2")) == "\"line1\r\nline2\"");
  CHECK(field(std::string("a;b")) == "a;b");
  CHECK(field(std::string("")) == "");
}

TEST_CASE("csv makes formula-like cells inert") {
  SUBCASE("each dangerous first character") {
    CHECK(field(std::string("=SUM(A1:A2)")) == "'=SUM(A1:A2)");
    CHECK(field(std::string("+84 912")) == "'+84 912");
    CHECK(field(std::string("-x")) == "'-x");
    CHECK(field(std::string("@cmd")) == "'@cmd");
    CHECK(field(std::string("\tTAB")) == "'\tTAB");
    CHECK(field(std::string("\rCR")) == "\"'\rCR\"");
    CHECK(field(std::string("\n=1")) == "\"'\n=1\"");
    CHECK(field(std::string("\t=2+2")) == "'\t=2+2");
  }
  SUBCASE("a Vietnamese list item starting with '- ' is text too") {
    CHECK(field(std::string("- Rà soát hồ sơ")) == "'- Rà soát hồ sơ");
  }
  SUBCASE("a leading space or an ordinary letter is left alone") {
    CHECK(field(std::string(" =1")) == " =1");
    CHECK(field(std::string("1+1")) == "1+1");
  }
  SUBCASE("prefix and quoting together") {
    CHECK(field(std::string("=1,2")) == "\"'=1,2\"");
    CHECK(field(std::string("=\"x\"")) == "\"'=\"\"x\"\"\"");
  }
  SUBCASE("joined lists too") {
    CHECK(field(std::vector<std::string>{"=a", "b"}) == "'=a;b");
    CHECK(field(std::vector<std::string>{"a", "=b"}) == "a;=b");
  }
  SUBCASE("not in the middle") { CHECK(field(std::string("a=b-c")) == "a=b-c"); }
  SUBCASE("numbers stay numbers, negative ones too (a spreadsheet reads them as numbers)") {
    CHECK(field(std::int64_t{-5}) == "-5");
    CHECK(field(-0.25) == "-0.25");
    CHECK(field(std::string("-5")) == "'-5");  // the same characters as text are made inert
  }
}

TEST_CASE("csv fields by type") {
  CHECK(field(Value{}) == "");
  CHECK(field(true) == "yes");
  CHECK(field(false) == "no");
  CHECK(field(std::int64_t{42}) == "42");
  CHECK(field(*Date::from_ymd(2021, 7, 22)) == "2021-07-22");
  CHECK(field(std::vector<std::string>{"ubnd-bau-can", "phong-noi-vu"}) ==
        "ubnd-bau-can;phong-noi-vu");
  CHECK(field(std::vector<std::string>{}) == "");
  SUBCASE("doubles: a point, at most four decimals") {
    CHECK(field(0.5) == "0.5");
    CHECK(field(2.0) == "2");
    CHECK(field(1.23456) == "1.2346");
    CHECK(field(1234.5) == "1234.5");
    CHECK(field(std::nan("")) == "");
    CHECK(field(std::numeric_limits<double>::infinity()) == "");
  }
}

TEST_CASE("csv keeps the file UTF-8: a byte that is not UTF-8 becomes U+FFFD") {
  Dataset data;
  data.columns = {Column{"name", "Name"}};
  data.rows = {{Value{std::string("UBND \xff x\xc3")}}, {Value{std::string("Bàu Cạn")}}};
  CHECK(to_csv(data, false) == "Name\r\nUBND \xEF\xBF\xBD x\xEF\xBF\xBD\r\nBàu Cạn\r\n");
}

TEST_CASE(
    "csv follows the language: headings, yes and no, a rate as a percentage, the decimal comma, ISO dates") {
  Dataset d;
  d.lang = inspectrack::text::Lang::vi;
  d.columns = {col("done_on", "Ngày hoàn thành"), col("provisional", "Tạm tính"),
               col("on_time_rate", "Tỷ lệ"), col("value", "Giá trị")};
  d.columns[0].type = inspectrack::render::Type::date;
  d.columns[1].type = inspectrack::render::Type::flag;
  d.columns[2].type = inspectrack::render::Type::rate;
  d.columns[3].type = inspectrack::render::Type::real;
  d.rows = {{*Date::from_ymd(2021, 7, 22), true, 1.0 / 3.0, 0.25}};
  CHECK(to_csv(d, false) == "Ngày hoàn thành,Tạm tính,Tỷ lệ,Giá trị\r\n2021-07-22,có,\"33,3%\",\"0,25\"\r\n");
  d.lang = inspectrack::text::Lang::en;
  CHECK(to_csv(d, false).ends_with("\r\n2021-07-22,yes,33.3%,0.25\r\n"));
}

TEST_CASE("csv --no-header: the records only, after the BOM when asked") {
  inspectrack::render::Dataset d;
  d.columns = {inspectrack::render::Column{"a", "A"}};
  d.rows = {{std::string("x")}};
  d.frame.title = "never in CSV";
  CHECK(inspectrack::render::to_csv(d, false) == "A\r\nx\r\n");
  CHECK(inspectrack::render::to_csv(d, false, false) == "x\r\n");
  CHECK(inspectrack::render::to_csv(d, true, false) == "\xEF\xBB\xBFx\r\n");
}

TEST_CASE("csv with semicolons for a spreadsheet that writes 0,5: quoting follows the separator, decimals the language") {
  Dataset d;
  d.columns = {col("text", "text"), col("rate", "rate"), col("list", "list"), col("n", "n")};
  d.columns[1].type = inspectrack::render::Type::rate;
  d.columns[2].type = inspectrack::render::Type::list;
  d.columns[3].type = inspectrack::render::Type::count;
  d.rows = {{std::string("a,b"), 0.3333, std::vector<std::string>{"x", "y"}, std::int64_t{-2}},
            {std::string("a;b"), Value{}, std::vector<std::string>{"z"}, std::int64_t{3}},
            {std::string("say \"hi\"\n"), 1.0, Value{}, Value{}}};
  CHECK(to_csv(d, false, true, ';') ==
        "text;rate;list;n\r\n"
        "a,b;33.3%;\"x;y\";-2\r\n"
        "\"a;b\";;z;3\r\n"
        "\"say \"\"hi\"\"\n\";100%;;\r\n");
  SUBCASE("Vietnamese: the decimal comma, which a ';' file need not quote") {
    d.lang = inspectrack::text::Lang::vi;
    CHECK(to_csv(d, false, true, ';').find("\r\na,b;33,3%;\"x;y\";-2\r\n") != std::string::npos);
    CHECK(to_csv(d, false).find("\r\n\"a,b\",\"33,3%\",x;y,-2\r\n") != std::string::npos);
  }
  SUBCASE("the default is the comma, decimals with a point") {
    CHECK(to_csv(d, false) == to_csv(d, false, true, ','));
    CHECK(to_csv(d, false).find("\"a,b\",33.3%,x;y,-2\r\n") != std::string::npos);
  }
  SUBCASE("formula-like text stays inert") {
    d.rows = {{std::string("=1;2"), Value{}, Value{}, Value{}}};
    CHECK(to_csv(d, false, true, ';') == "text;rate;list;n\r\n\"'=1;2\";;;\r\n");
  }
  SUBCASE("streamed as written whole") {
    std::ostringstream out;
    inspectrack::render::TableStyle style;
    style.separator = ';';
    Dataset header;
    header.columns = d.columns;
    inspectrack::render::RowStream stream(out, header, inspectrack::render::Format::csv, style, true);
    for (const auto& row : d.rows) stream.add(row);
    stream.finish();
    CHECK(out.str() == to_csv(d, true, true, ';'));
  }
}
