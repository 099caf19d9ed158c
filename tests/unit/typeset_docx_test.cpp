// The .docx package read back with libzip: its parts, well formed, escaped, the page,
// the styles, the tables, the chart's picture, and the failures.
#include <doctest/doctest.h>
#include <zip.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../../src/typeset/docx.hpp"
#include "../../src/typeset/layout.hpp"
#include "../../src/typeset/writers.hpp"
#include "../typeset/docx_sample.hpp"
#include "temp_dir.hpp"

namespace {

using namespace inspectrack::typeset;

using Parts = std::map<std::string, std::string>;

Parts read_parts(const std::string& path) {
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &code);
  REQUIRE(zip != nullptr);
  Parts parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    zip_stat_t stat;
    REQUIRE(zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
    std::string content(stat.size, '\0');
    zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(file != nullptr);
    REQUIRE(zip_fread(file, content.data(), stat.size) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(file);
    parts[stat.name] = content;
  }
  zip_close(zip);
  return parts;
}

Parts written(const Documents& documents) {
  test_support::TempDir dir;
  const std::string path = dir.file("out.docx");
  write_docx(documents, path, docx_sample::image);
  return read_parts(path);
}

bool entity_at(const std::string& xml, std::size_t i) {
  for (const char* entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
    if (xml.compare(i, std::string(entity).size(), entity) == 0) return true;
  }
  return false;
}

// What makes `xml` not well formed, as far as this looks: tags unbalanced or crossed, an
// attribute unquoted, a bare '&' or '<' in text or a value, more or fewer than one root.
std::string xml_problem(const std::string& xml) {
  std::vector<std::string> open;
  int roots = 0;
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] == '&' && !entity_at(xml, i)) return "a bare & at " + std::to_string(i);
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      i = xml.find("?>", i) + 2;
      continue;
    }
    const bool closing = xml[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    const std::size_t name_end = xml.find_first_of(" />", j);
    const std::string name = xml.substr(j, name_end - j);
    if (name.empty() || name.find_first_of("<&\"=") != std::string::npos)
      return "a bad name at " + std::to_string(i);
    j = name_end;
    while (j < xml.size() && xml[j] != '>' && xml.compare(j, 2, "/>") != 0) {
      if (xml[j] == ' ') {
        ++j;
        continue;
      }
      const std::size_t equals = xml.find('=', j);
      if (equals == std::string::npos || xml[equals + 1] != '"') return "an unquoted attribute in " + name;
      const std::size_t end = xml.find('"', equals + 2);
      for (std::size_t k = equals + 2; k < end; ++k) {
        if (xml[k] == '<' || (xml[k] == '&' && !entity_at(xml, k)))
          return "a bare < or & in a value of " + name;
      }
      j = end + 1;
    }
    if (j >= xml.size()) return "an unclosed tag " + name;
    const bool empty = xml[j] == '/';
    if (closing) {
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
      open.pop_back();
    } else if (!empty) {
      if (open.empty()) ++roots;
      open.push_back(name);
    } else if (open.empty()) {
      ++roots;
    }
    i = j + (empty ? 2 : 1);
  }
  if (!open.empty()) return "<" + open.back() + "> is not closed";
  return roots == 1 ? "" : std::to_string(roots) + " roots";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t i = text.find(what); i != std::string::npos; i = text.find(what, i + what.size())) ++n;
  return n;
}

std::vector<std::string> matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

long twips(double mm) { return std::lround(mm * 1440 / 25.4); }

Document plain(std::vector<Block> body) {
  Document d = docx_sample::letter();
  d.body = std::move(body);
  return d;
}

}  // namespace

TEST_CASE("write_docx: the package holds every part Word opens, each well formed") {
  const Parts parts = written(docx_sample::documents());
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/settings.xml", "word/_rels/document.xml.rels", "word/header1.xml",
                           "docProps/core.xml", "docProps/app.xml", "word/media/chart1.png"}) {
    CAPTURE(name);
    REQUIRE(parts.count(name) == 1);
    if (std::string(name).ends_with(".png")) continue;
    CHECK(xml_problem(parts.at(name)) == "");
  }
  CHECK(parts.size() == 10);
  // The checker finds what it is meant to find.
  CHECK(xml_problem("<a><b></a></b>") != "");
  CHECK(xml_problem("<a>x & y</a>") != "");
  CHECK(xml_problem("<a b=\"<\"/>") != "");
  CHECK(xml_problem("<a/><b/>") != "");
}

TEST_CASE("write_docx: texts are escaped and characters XML forbids are dropped") {
  Document d = plain({Paragraph{Paragraph::Style::body,
                                {{"a & b < c > d \"e\" \x01\x1b"
                                  "f\xff\xc3g\ttab\nline"}}}});
  d.title = "T & \"U\" <V>";
  const Parts parts = written({d});
  const std::string& xml = parts.at("word/document.xml");
  CHECK(xml.find("a &amp; b &lt; c &gt; d &quot;e&quot; f") != std::string::npos);
  CHECK(xml.find("fg</w:t><w:tab/>") != std::string::npos);
  CHECK(xml.find("tab</w:t><w:br/><w:t xml:space=\"preserve\">line") != std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
  CHECK(xml.find('\x1b') == std::string::npos);
  CHECK(xml.find('\xff') == std::string::npos);
  CHECK(xml_problem(xml) == "");
  CHECK(parts.at("docProps/core.xml").find("<dc:title>T &amp; &quot;U&quot; &lt;V&gt;</dc:title>") !=
        std::string::npos);
  CHECK(parts.at("docProps/core.xml").find("<dc:language>vi-VN</dc:language>") != std::string::npos);
}

TEST_CASE("write_docx: every Vietnamese letter is written as it came") {
  const std::string xml = written(docx_sample::documents()).at("word/document.xml");
  CHECK(xml.find(docx_sample::kLetters) != std::string::npos);
}

TEST_CASE("write_docx: the page is A4 with the layout's margins, each document a section of its own") {
  namespace layout = inspectrack::typeset::layout;
  const std::string xml = written(docx_sample::documents()).at("word/document.xml");
  CHECK(count(xml, "<w:sectPr>") == 2);
  CHECK(count(xml, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>") == 2);
  const std::string margins = "<w:pgMar w:top=\"" + std::to_string(twips(layout::kMarginTop)) +
                              "\" w:right=\"" + std::to_string(twips(layout::kMarginRight)) +
                              "\" w:bottom=\"" + std::to_string(twips(layout::kMarginBottom)) +
                              "\" w:left=\"" + std::to_string(twips(layout::kMarginLeft)) + "\"";
  CHECK(count(xml, margins) == 2);
  CHECK(twips(layout::kMarginLeft) == 1701);  // 30 mm: mm × 1440 / 25.4, rounded
  // The first section ends in a paragraph's properties, the last at the end of the body.
  CHECK(count(xml, "<w:sectPr><w:headerReference") == 2);
  CHECK(xml.find("</w:sectPr></w:pPr>") != std::string::npos);
  CHECK(xml.ends_with("</w:sectPr></w:body></w:document>"));
  CHECK(count(xml, "<w:titlePg/>") == 2);
}

TEST_CASE("write_docx: every style a paragraph names is defined, with the layout's font and language") {
  const Parts parts = written(docx_sample::documents());
  const std::string& styles = parts.at("word/styles.xml");
  const std::vector<std::string> defined = matches(styles, "w:styleId=\"([A-Za-z]+)\"");
  const std::set<std::string> known(defined.begin(), defined.end());
  CHECK(known.size() == defined.size());
  std::set<std::string> used;
  for (const char* part : {"word/document.xml", "word/header1.xml"}) {
    for (const std::string& id : matches(parts.at(part), "<w:pStyle w:val=\"([^\"]*)\"")) used.insert(id);
  }
  CHECK(used.size() > 15);
  for (const std::string& id : used) {
    CAPTURE(id);
    CHECK(known.count(id) == 1);
  }
  CHECK(count(styles, "w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"") == known.size() - 2 + 1);
  CHECK(styles.find("<w:lang w:val=\"vi-VN\"") != std::string::npos);
  // The body: 14 pt (28 half-points), justified, the first line indented 10 mm, 1.15 lines.
  const std::string body = styles.substr(styles.find("w:styleId=\"BodyText\""));
  CHECK(body.substr(0, body.find("</w:style>"))
            .find("<w:ind w:left=\"0\" w:firstLine=\"567\"/><w:jc w:val=\"both\"/>") != std::string::npos);
  CHECK(body.substr(0, body.find("</w:style>")).find("w:line=\"276\" w:lineRule=\"auto\"") !=
        std::string::npos);
  CHECK(body.substr(0, body.find("</w:style>")).find("<w:sz w:val=\"28\"/>") != std::string::npos);
}

TEST_CASE("write_docx: a table's header row repeats, no row splits, a group spans the row in bold") {
  const std::string xml = written({plain({docx_sample::table()})}).at("word/document.xml");
  CHECK(count(xml, "<w:tblHeader/>") == 1);
  const std::size_t rows = count(xml, "<w:tr>");
  // The head's two rows, the table's header, group and task rows, the signature's row.
  CHECK(rows == 2 + 1 + 1 + docx_sample::kTableRows + 1);
  CHECK(count(xml, "<w:cantSplit/>") == rows);
  CHECK(count(xml, "<w:gridSpan w:val=\"5\"/>") == 1);
  CHECK(
      xml.find(
          "<w:pStyle w:val=\"TableGroup\"/></w:pPr><w:r><w:t xml:space=\"preserve\">UBND các xã, thị trấn") !=
      std::string::npos);
  CHECK(count(xml, "<w:gridCol ") == 2 + 5 + 2);
  CHECK(count(xml, "<w:pStyle w:val=\"TableHeading\"/>") == 5);
  CHECK(count(xml, "<w:top w:val=\"single\"") == 1);
}

TEST_CASE("write_docx: repeated cells of a merge_repeats column merge down, a group row breaks the run") {
  Table t;
  t.columns = {{"Đơn vị", 1, Table::Align::left, true}, {"Nhiệm vụ", 1, Table::Align::right}};
  t.rows = {{{"A", "1"}}, {{"A", "2"}},     {{"A", "3"}}, {{"B", "4"}},
            {{"B", "5"}}, {{"Nhóm"}, true}, {{"B", "6"}}, {{"C", "7"}}};
  const std::string xml = written({plain({t})}).at("word/document.xml");
  CHECK(count(xml, "<w:vMerge w:val=\"restart\"/>") == 2);
  CHECK(count(xml, "<w:vMerge/>") == 3);
  // A continued cell is empty: its text shows once, in the cell that starts the run.
  CHECK(count(xml, ">A</w:t>") == 1);
  CHECK(count(xml, ">B</w:t>") == 2);
  CHECK(count(xml, "<w:jc w:val=\"right\"/>") == 7);
}

TEST_CASE("write_docx: a chart is an inline picture of its PNG, at the size of its image") {
  const Parts parts = written({plain({docx_sample::chart()})});
  const std::string& xml = parts.at("word/document.xml");
  namespace layout = inspectrack::typeset::layout;
  const long width = std::lround((layout::kPageWidth - layout::kMarginLeft - layout::kMarginRight) * 36000);
  const long height = std::lround(docx_sample::kChartHeight * 36000);
  CHECK(count(xml, "<wp:extent cx=\"" + std::to_string(width) + "\" cy=\"" + std::to_string(height) +
                       "\"/>") == 1);
  CHECK(count(xml, "<a:blip r:embed=\"rIdChart1\"/>") == 1);
  CHECK(parts.at("word/_rels/document.xml.rels").find("Id=\"rIdChart1\"") != std::string::npos);
  CHECK(parts.at("word/_rels/document.xml.rels").find("Target=\"media/chart1.png\"") != std::string::npos);
  CHECK(parts.at("[Content_Types].xml").find("Extension=\"png\" ContentType=\"image/png\"") !=
        std::string::npos);
  CHECK(parts.at("word/media/chart1.png") ==
        docx_sample::png(layout::kPageWidth - layout::kMarginLeft - layout::kMarginRight,
                         docx_sample::kChartHeight));
  CHECK(xml.find("Biểu đồ 1. Nhiệm vụ của từng đơn vị theo kết quả</w:t>") != std::string::npos);
}

TEST_CASE("write_docx: a run's emphasis is direct formatting only where its style lacks it") {
  const std::string xml = written({plain({Paragraph{Paragraph::Style::heading,
                                                    {{"plain"}, {"bold", true}, {"italic", false, true}}}})})
                              .at("word/document.xml");
  const std::string heading = xml.substr(xml.find("<w:pStyle w:val=\"Heading\"/>"));
  const std::string p = heading.substr(0, heading.find("</w:p>"));
  CHECK(p.find("<w:r><w:t xml:space=\"preserve\">plain</w:t></w:r>") != std::string::npos);
  CHECK(p.find("<w:r><w:t xml:space=\"preserve\">bold</w:t></w:r>") != std::string::npos);
  CHECK(p.find("<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">italic</w:t></w:r>") !=
        std::string::npos);
}

TEST_CASE("write_docx: the rules under the issuing body and the motto follow their texts' lengths") {
  Document short_motto = plain({});
  short_motto.heading.motto = "Độc lập";
  const std::string long_xml = written({plain({})}).at("word/document.xml");
  const std::string short_xml = written({short_motto}).at("word/document.xml");
  const std::vector<std::string> long_rules = matches(long_xml, "\"Rule\"/><w:ind w:left=\"([0-9]+)\"");
  const std::vector<std::string> short_rules = matches(short_xml, "\"Rule\"/><w:ind w:left=\"([0-9]+)\"");
  REQUIRE(long_rules.size() == 2);  // the issuing body's, the motto's
  REQUIRE(short_rules.size() == 2);
  CHECK(long_rules[0] == short_rules[0]);
  CHECK(std::stol(long_rules[1]) > 0);
  CHECK(std::stol(short_rules[1]) > std::stol(long_rules[1]) + 500);
}

TEST_CASE("write_docx: the same documents give the same bytes") {
  test_support::TempDir dir;
  write_docx(docx_sample::documents(), dir.file("a.docx"), docx_sample::image);
  write_docx(docx_sample::documents(), dir.file("b.docx"), docx_sample::image);
  const auto bytes = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  };
  CHECK(bytes(dir.file("a.docx")) == bytes(dir.file("b.docx")));
}

TEST_CASE("write_docx: a file that cannot be made is a WriteFailure naming what failed") {
  test_support::TempDir dir;
  CHECK_THROWS_WITH_AS(
      write_docx(docx_sample::documents(), dir.file("no/such/folder/out.docx"), docx_sample::image),
      doctest::Contains("the .docx package"), WriteFailure);
  CHECK_THROWS_AS(write_docx({}, dir.file("none.docx"), docx_sample::image), WriteFailure);
  const ChartImager failing = [](const Chart&, double) -> ChartImage { throw WriteFailure("no chart"); };
  CHECK_THROWS_WITH_AS(write_docx({plain({docx_sample::chart()})}, dir.file("chart.docx"), failing),
                       "no chart", WriteFailure);
  CHECK_FALSE(std::filesystem::exists(dir.file("chart.docx")));
}

TEST_CASE("write_docx: an existing file, empty or not a zip, is replaced by the package") {
  test_support::TempDir dir;
  for (const std::string content : {"", "not a zip at all"}) {
    CAPTURE(content);
    const std::string path = dir.file("made.docx");
    std::ofstream(path, std::ios::binary) << content;
    write_docx({plain({})}, path, docx_sample::image);
    CHECK(read_parts(path).count("word/document.xml") == 1);
  }
}

TEST_CASE("write_docx: one addressee follows Kính gửi on its line, several go one a line under it") {
  Document one = plain({});
  one.addressees = {"Sở Nội vụ tỉnh Gia Lai."};
  const std::string single = written({one}).at("word/document.xml");
  CHECK(single.find("\"Addressees\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Kính gửi: Sở Nội vụ tỉnh Gia "
                    "Lai.</w:t>") != std::string::npos);
  CHECK(count(single, "\"AddresseeItem\"") == 0);
  const std::string several = written({plain({})}).at("word/document.xml");
  CHECK(several.find("\"Addressees\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Kính gửi:</w:t>") !=
        std::string::npos);
  CHECK(count(several, "\"AddresseeItem\"/></w:pPr>") == 2);
  CHECK(several.find("- UBND thị trấn Chư Prông.</w:t>") != std::string::npos);
  Document none = plain({});
  none.addressees.clear();
  CHECK(written({none}).at("word/document.xml").find("Kính gửi") == std::string::npos);
}

TEST_CASE("write_docx: the last paragraph keeps with the signature, and no other does") {
  using inspectrack::typeset::Paragraph;
  const Paragraph first{Paragraph::Style::body, {{.text = "Đoạn đầu."}}};
  const Paragraph last{Paragraph::Style::body, {{.text = "Đoạn kết thúc./."}}};
  const std::string xml = written({plain({first, last}), plain({first, last})}).at("word/document.xml");
  CHECK(count(xml, "<w:keepNext/>") == 2);
  CHECK(xml.find("<w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Đoạn kết thúc./.</w:t>") !=
        std::string::npos);
  CHECK(xml.find("<w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Đoạn đầu.") == std::string::npos);
}
