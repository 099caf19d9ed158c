#include <doctest/doctest.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "import_test_support.hpp"
#include "inspectrack/import/loader.hpp"
#include "inspectrack/import/source.hpp"

using inspectrack::import::check_source;
using inspectrack::import::Diagnostic;
using inspectrack::import::Diagnostics;
using inspectrack::import::Limits;
using inspectrack::import::load_yaml;
using inspectrack::import::Mark;
using inspectrack::import::Node;
using inspectrack::import::read_source;
using inspectrack::import::SourceFile;
using inspectrack::text::Lang;

namespace {

const std::string kBroken = std::string(INSPECTRACK_SOURCE_DIR) + "/tests/data/broken/";

// The example of inspectrack(5) (shared with the document tests).
const std::string kSpecExample(import_test::kChuProng);

struct Loaded {
  std::optional<Node> root;
  Diagnostics diags;

  // "LINE:COLUMN" of every diagnostic, sorted.
  std::vector<std::string> places() const {
    std::vector<std::string> out;
    for (const auto& d : diags.sorted()) {
      out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column));
    }
    return out;
  }
  const Diagnostic& first() const {
    REQUIRE_FALSE(diags.empty());
    return diags.list().front();
  }
  bool says(const std::string& part) const {
    for (const auto& d : diags.list()) {
      if (import_test::text_of(d).find(part) != std::string::npos) return true;
    }
    return false;
  }
};

// Bytes through check_source (BOM, CRLF) and then load_yaml, as the importer does.
Loaded load(const std::string& bytes, Lang lang = Lang::en, const Limits& limits = {}) {
  Loaded out;
  import_test::reading = lang;
  const auto source = check_source("t.yaml", bytes, limits, out.diags);
  REQUIRE(source);
  out.root = load_yaml(*source, limits, out.diags);
  CHECK(out.root.has_value() == out.diags.empty());
  return out;
}

Loaded load_file(const std::string& name, Lang lang = Lang::en) {
  Loaded out;
  import_test::reading = lang;
  const Limits limits;
  const auto source = read_source(kBroken + name, limits, out.diags);
  if (source) out.root = load_yaml(*source, limits, out.diags);
  CHECK(out.root.has_value() == out.diags.empty());
  return out;
}

std::string at(const Mark& m) { return std::to_string(m.line) + ":" + std::to_string(m.column); }

const Node& get(const Node& map, const char* key) {
  const Node* n = map.find(key);
  REQUIRE_MESSAGE(n != nullptr, key);
  return *n;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("the Chư Prông example loads into the expected tree") {
  const auto loaded = load(kSpecExample);
  REQUIRE(loaded.root);
  const Node& root = *loaded.root;

  REQUIRE(root.is_mapping());
  CHECK(at(root.mark) == "2:1");
  REQUIRE(root.entries.size() == 4);
  CHECK(root.entries[0].first.scalar == "inspection");
  CHECK(root.entries[1].first.scalar == "units");
  CHECK(root.entries[2].first.scalar == "findings");
  CHECK(root.entries[3].first.scalar == "tasks");

  const Node& inspection = get(root, "inspection");
  CHECK_FALSE(inspection.flow);
  const Node& key = get(inspection, "key");
  CHECK(key.is_scalar());
  CHECK(key.scalar == "gia-lai-cchc-2021-chu-prong");
  CHECK(at(key.mark) == "3:8");
  CHECK_FALSE(key.quoted);
  CHECK(get(inspection, "kind").scalar == "visit");  // the comment is not part of it
  CHECK(at(inspection.find_key("conclusion")->mark) == "11:3");
  const Node& signed_by = get(get(inspection, "conclusion"), "signed_by");
  CHECK(signed_by.scalar == "Nguyễn Tiến Tạo");
  CHECK(at(signed_by.mark) == "15:16");

  const Node& units = get(root, "units");
  REQUIRE(units.is_sequence());
  CHECK_FALSE(units.flow);
  REQUIRE(units.items.size() == 5);
  CHECK(at(units.mark) == "18:3");
  const Node& bau_can = units.items[2];
  CHECK(bau_can.is_mapping());
  CHECK(bau_can.flow);
  CHECK(at(bau_can.mark) == "20:5");
  CHECK(get(bau_can, "name").scalar == "UBND xã Bàu Cạn");
  CHECK(at(get(bau_can, "name").mark) == "20:26");
  // Columns count characters: "xã Bàu Cạn" is 3 bytes longer than it is wide.
  CHECK(at(get(bau_can, "parent").mark) == "20:66");

  const Node& inline_task = get(get(root, "findings").items[1], "tasks").items[0];
  CHECK(get(inline_task, "due").scalar == "31/7/2021");
  CHECK(at(get(inline_task, "due").mark) == "37:14");

  const Node& tasks = get(root, "tasks");
  REQUIRE(tasks.items.size() == 3);
  const Node& assignees = get(tasks.items[0], "assignees");
  CHECK(assignees.is_sequence());
  CHECK(assignees.flow);
  CHECK(at(assignees.mark) == "42:16");
  REQUIRE(assignees.items.size() == 3);
  CHECK(at(assignees.items[2].mark) == "42:37");
  const Node& due = get(tasks.items[0], "due");
  CHECK(due.is_mapping());
  CHECK(at(get(due, "before").mark) == "45:19");
  const Node& fan_out = get(tasks.items[1], "assignees");
  CHECK(get(fan_out, "except").items.size() == 3);
  const Node& none = get(tasks.items[2], "due");
  CHECK(none.is_scalar());
  CHECK(none.scalar == "none");
  CHECK_FALSE(none.quoted);
  CHECK(at(none.mark) == "54:10");
}

TEST_CASE("CRLF and BOM files give the same tree and the same line numbers") {
  std::string crlf;
  for (char c : kSpecExample) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const auto lf = load(kSpecExample);
  SUBCASE("CRLF") {
    const auto dos = load(crlf);
    REQUIRE(dos.root);
    CHECK(at(get(get(*dos.root, "units").items[2], "parent").mark) == "20:66");
    CHECK(at(get(get(*dos.root, "tasks").items[2], "due").mark) == "54:10");
    CHECK(get(get(*dos.root, "inspection"), "title").scalar ==
          get(get(*lf.root, "inspection"), "title").scalar);
  }
  SUBCASE("CRLF with a BOM") {
    const auto dos = load("\xEF\xBB\xBF" + crlf);
    REQUIRE(dos.root);
    CHECK(at(dos.root->mark) == "2:1");
    CHECK(at(get(get(*dos.root, "tasks").items[2], "due").mark) == "54:10");
  }
  SUBCASE("an error in a CRLF file is at the same line and column") {
    const auto dos = load("a: 1\r\nb:\r\n  c: Bàu Cạn\r\n  c: 2\r\n");
    CHECK(dos.places() == std::vector<std::string>{"4:3"});
    const auto bom = load("\xEF\xBB\xBFx: 1\r\nx: 2\r\n");
    CHECK(bom.places() == std::vector<std::string>{"2:1"});
  }
}

TEST_CASE("null values, quoted values and empty files") {
  const auto loaded =
      load("a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: \"null\"\ng: 'x'\nh: |\n  text\n");
  REQUIRE(loaded.root);
  const Node& r = *loaded.root;
  for (const char* k : {"a", "b", "c", "d", "e"}) {
    CAPTURE(k);
    CHECK(get(r, k).is_null());
  }
  CHECK(at(get(r, "b").mark) == "2:4");
  // An empty value has no text: it is placed at its key, not on the next line.
  CHECK(at(get(r, "e").mark) == "5:1");
  CHECK(get(r, "f").is_scalar());
  CHECK(get(r, "f").scalar == "null");
  CHECK(get(r, "f").quoted);
  CHECK(get(r, "g").quoted);
  CHECK(get(r, "h").scalar == "text\n");
  CHECK_FALSE(get(r, "h").quoted);

  SUBCASE("an empty list item is placed just after its dash") {
    const auto list = load("- \n- x\n");
    REQUIRE(list.root);
    CHECK(list.root->items[0].is_null());
    CHECK(at(list.root->items[0].mark) == "1:2");
  }
  SUBCASE("an empty file or a file of comments is a null root without error") {
    for (const char* text : {"", "# only a comment\n", "\n\n"}) {
      const auto empty = load(text);
      REQUIRE(empty.root);
      CHECK(empty.root->is_null());
    }
  }
}

TEST_CASE("a key given twice is an error naming both lines") {
  SUBCASE("at the top level") {
    const auto loaded = load("due: 1\nx: 2\ndue: 3\n");
    CHECK(loaded.places() == std::vector<std::string>{"3:1"});
    CHECK(import_test::text_of(loaded.first()) == "key 'due' given twice (first at line 1)");
  }
  SUBCASE("nested in a list item") {
    const auto loaded =
        load("tasks:\n  - key: a\n    due: 1\n  - key: b\n    due: 2\n    due: 3\n");
    CHECK(loaded.places() == std::vector<std::string>{"6:5"});
    CHECK(import_test::text_of(loaded.first()) == "key 'due' given twice (first at line 5)");
  }
  SUBCASE("in a flow mapping, in Vietnamese") {
    const auto loaded = load("x: {a: 1, b: 2, a: 3}\n", Lang::vi);
    CHECK(loaded.places() == std::vector<std::string>{"1:17"});
    CHECK(import_test::text_of(loaded.first()) == "khóa 'a' được ghi hai lần (lần đầu ở dòng 1)");
  }
  SUBCASE("the same key in different mappings is fine") {
    CHECK(load("- due: 1\n- due: 2\n").diags.empty());
  }
  SUBCASE("duplicate-key.yaml") {
    const auto loaded = load_file("duplicate-key.yaml");
    CHECK(loaded.places() == std::vector<std::string>{"46:5"});
    CHECK(import_test::text_of(loaded.first()) == "key 'due' given twice (first at line 45)");
  }
}

TEST_CASE("a quote that is never closed is an error at the opening quote") {
  SUBCASE("columns count characters of Vietnamese text before it") {
    const auto loaded = load("x: 1\ntên: \"Bàu Cạn\nb: 2\n");
    CHECK(loaded.places() == std::vector<std::string>{"2:6"});
    CHECK(import_test::text_of(loaded.first()) ==
          "unclosed quote: the text runs to the end of the file; add the closing quote");
  }
  SUBCASE("single quotes; a doubled '' does not close") {
    const auto loaded = load("a: 'it''s\nb: 2\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:4"});
  }
  SUBCASE("an escaped \\\" does not close") {
    const auto loaded = load("- \"say \\\"hi\\\"\n- x\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:3"});
  }
  SUBCASE("in Vietnamese") {
    const auto loaded = load("a: \"x\n", Lang::vi);
    CHECK(import_test::text_of(loaded.first()).starts_with("dấu ngoặc chưa đóng"));
  }
  SUBCASE("closed quotes with escapes, and multi-line quoted text, are fine") {
    const auto loaded = load("a: \"say \\\"hi\\\"\"\nb: 'it''s'\nc: \"two\n  lines\"\n");
    REQUIRE(loaded.root);
    CHECK(get(*loaded.root, "a").scalar == "say \"hi\"");
    CHECK(get(*loaded.root, "b").scalar == "it's");
    CHECK(get(*loaded.root, "c").scalar == "two lines");
  }
  SUBCASE("unclosed-quote.yaml: closed lines later by a quote in a comment") {
    const auto loaded = load_file("unclosed-quote.yaml");
    REQUIRE(loaded.diags.size() == 2);
    CHECK(loaded.places().front() == "20:49");
    CHECK(import_test::text_of(loaded.diags.sorted().front()).find("add the closing quote") !=
          std::string::npos);
    CHECK(import_test::text_of(loaded.diags.sorted().front()).find("line 54") != std::string::npos);
  }
}

TEST_CASE("anchors and aliases are errors at their places") {
  SUBCASE("anchor-alias.yaml") {
    const auto loaded = load_file("anchor-alias.yaml");
    CHECK(loaded.places() == std::vector<std::string>{"42:16", "48:48"});
    CHECK(loaded.says("anchors ('&communes') are not allowed"));
    CHECK(loaded.says("aliases ('*communes') are not allowed"));
  }
  SUBCASE("an alias cycle fails fast, without a crash") {
    const auto loaded = load("a: &x [1, *x]\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:4", "1:11"});
    const auto file = load_file("alias-cycle.yaml");
    CHECK(file.places() == std::vector<std::string>{"44:15", "44:29"});
  }
  SUBCASE("an alias bomb fails fast, in little memory") {
    const long rss_before = peak_rss_kib();
    const auto start = std::chrono::steady_clock::now();
    const auto loaded = load_file("alias-bomb.yaml");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed < std::chrono::seconds(2));
    CHECK(peak_rss_kib() - rss_before < 64 * 1024);
    // 9 anchors and 72 aliases: the first four are named, then one line says more follow.
    CHECK(loaded.places() == std::vector<std::string>{"55:7", "56:7", "56:11", "56:14", "56:17"});
    CHECK(import_test::text_of(loaded.diags.list().back()) ==
          "more anchors or aliases follow from here; remove them all");
  }
  SUBCASE("an alias to an unknown anchor is reported as an alias") {
    const auto loaded = load("a: 1\nb: *nowhere\n");
    CHECK(loaded.places() == std::vector<std::string>{"2:4"});
    CHECK(loaded.says("aliases ('*nowhere') are not allowed"));
  }
  SUBCASE("in Vietnamese") {
    const auto loaded = load("a: &x 1\nb: *x\n", Lang::vi);
    CHECK(loaded.says("không được dùng neo ('&x')"));
    CHECK(loaded.says("không được dùng bí danh ('*x')"));
  }
  SUBCASE("a flood of errors stops after 99, with a 100th saying so") {
    std::string text = "a: 1\nb: [";
    for (int i = 0; i < 300; ++i) text += "!t 1, ";
    text += "1]\n";
    const auto loaded = load(text);
    CHECK(loaded.diags.size() == 100);
    CHECK(loaded.diags.list().size() == 100);
    CHECK(import_test::text_of(loaded.diags.list().back()) == "too many errors; stopping here");
  }
}

TEST_CASE("explicit tags are errors, quoted and block scalars are not tagged") {
  SUBCASE("each kind of tag") {
    const auto loaded = load("a: !foo x\nb: !!str y\nc: ! z\nd: !foo [1]\ne: \"q\"\nf: >\n  t\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:4", "2:4", "3:4", "4:4"});
    CHECK(loaded.says("tags ('!foo') are not allowed"));
    CHECK(loaded.says("tags ('!!str') are not allowed"));
    CHECK(loaded.says("tags ('!') are not allowed"));
  }
  SUBCASE("unknown-tag.yaml") {
    const auto loaded = load_file("unknown-tag.yaml");
    CHECK(loaded.places() == std::vector<std::string>{"28:15"});
    CHECK(import_test::text_of(loaded.first()) ==
          "tags ('!important') are not allowed in these files; remove the tag");
  }
}

TEST_CASE("a second document is an error at its start") {
  SUBCASE("after ---") {
    const auto loaded = load("a: 1\n---\nb: 2\n");
    CHECK(loaded.places() == std::vector<std::string>{"2:1"});
    CHECK(loaded.says("second YAML document"));
  }
  SUBCASE("after ... without ---") {
    CHECK(load("a: 1\n...\nb: 2\n").places() == std::vector<std::string>{"3:1"});
  }
  SUBCASE("a second document that is broken is not parsed further") {
    CHECK(load("a: 1\n---\n]\n").places() == std::vector<std::string>{"2:1"});
  }
  SUBCASE("a document cut short by its structure: the message does not speak of ---") {
    const auto loaded = load("- a\nb: 1\n");
    CHECK(loaded.places() == std::vector<std::string>{"2:1"});
    CHECK(loaded.says("check the indentation"));
    CHECK_FALSE(loaded.says("'---'"));
  }
  SUBCASE("one document with --- and ... is fine") {
    CHECK(load("---\na: 1\n...\n").diags.empty());
  }
  SUBCASE("second-document.yaml") {
    CHECK(load_file("second-document.yaml").places() == std::vector<std::string>{"55:1"});
  }
}

TEST_CASE("syntax errors and tabs") {
  SUBCASE("syntax-error.yaml: yaml-cpp's message, lowercase, with a hint, at a character column") {
    const auto loaded = load_file("syntax-error.yaml");
    CHECK(loaded.places() == std::vector<std::string>{"41:40"});
    CHECK(import_test::text_of(loaded.first()) ==
          "illegal map value; a value that contains ': ' must be quoted, or this line is "
          "indented wrongly");
  }
  SUBCASE("in Vietnamese the message is prefixed") {
    const auto loaded = load("a: [1, 2\n", Lang::vi);
    REQUIRE(loaded.diags.size() == 1);
    CHECK(
        import_test::text_of(loaded.first()).starts_with("cú pháp YAML sai: end of sequence flow not found"));
  }
  SUBCASE("text after a closing quote gets a hint on quoting quotes") {
    const auto loaded = load("x: 'it's here'\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:8"});
    CHECK(loaded.says("text follows the closing quote"));
    CHECK(loaded.says("''"));
  }
  SUBCASE("a stray closing bracket") {
    const auto loaded = load("a: [1, 2]]\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:10"});
    CHECK(loaded.says("has no opening one"));
  }
  SUBCASE("tab-indent.yaml") {
    const auto loaded = load_file("tab-indent.yaml");
    CHECK(loaded.places() == std::vector<std::string>{"26:1"});
    CHECK(import_test::text_of(loaded.first()) == "tabs are not allowed for indentation in YAML; use spaces");
  }
  SUBCASE("a tab after spaces is found too") {
    const auto loaded = load("a:\n  b: 1\n  \tc: 2\n");
    CHECK(loaded.places() == std::vector<std::string>{"3:3"});
    CHECK(loaded.says("tabs are not allowed"));
  }
  SUBCASE("a tab inside a line is not indentation") { CHECK(load("a:\tb\n").diags.empty()); }
}

TEST_CASE("mapping keys must be single values") {
  SUBCASE("a list as a key") {
    const auto loaded = load("[a]: 1\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:1"});
    CHECK(import_test::text_of(loaded.first()) == "a mapping key must be a single value, not a list");
  }
  SUBCASE("a mapping as a key") {
    CHECK(load("? {a: 1}\n: 2\n").places() == std::vector<std::string>{"1:3"});
  }
  SUBCASE("a missing key") {
    const auto loaded = load(": x\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:1"});
    CHECK(loaded.says("key is missing"));
  }
}

TEST_CASE("limits: depth, node count, scalar length") {
  SUBCASE("block nesting deeper than max_depth") {
    Limits limits;
    limits.max_depth = 2;
    CHECK(load("a:\n  b: 1\n", Lang::en, limits).diags.empty());
    const auto loaded = load("a:\n  b:\n    c: 1\n", Lang::en, limits);
    CHECK(loaded.places() == std::vector<std::string>{"3:5"});
    CHECK(import_test::text_of(loaded.first()) ==
          "lists and mappings nested more than 2 levels deep, the nesting limit; these files "
          "need only a few levels: check the indentation and the brackets");
  }
  SUBCASE("[[[[... 10,000 deep is refused before yaml-cpp recurses") {
    const auto loaded = load(std::string(10'000, '['));
    CHECK(loaded.places() == std::vector<std::string>{"1:65"});
    CHECK(loaded.says("nested more than 64 levels"));
  }
  SUBCASE("{a: {a: ... 10,000 deep") {
    std::string text;
    for (int i = 0; i < 10'000; ++i) text += "{a: ";
    CHECK(load(text).says("nested more than 64 levels"));
  }
  SUBCASE("- - - ... 10,000 deep in block style") {
    std::string text;
    for (int i = 0; i < 10'000; ++i) text += "- ";
    text += "x\n";
    const auto loaded = load(text);
    CHECK(loaded.places() == std::vector<std::string>{"1:129"});
    CHECK(loaded.says("nested more than 64 levels"));
  }
  SUBCASE("brackets inside quotes and comments are not nesting") {
    const std::string many(200, '[');
    CHECK(load("a: \"" + many + "\"\nb: '" + many + "'\n# " + many + "\nc: it's " + "[x]\n")
              .diags.empty());
  }
  SUBCASE("more nodes than max_nodes") {
    Limits limits;
    limits.max_nodes = 5;
    CHECK(load("a: [1, 2]\n", Lang::en, limits).diags.empty());
    const auto loaded = load("a: [1, 2, 3]\n", Lang::en, limits);
    CHECK(loaded.places() == std::vector<std::string>{"1:11"});
    CHECK(import_test::text_of(loaded.first()) ==
          "more than 5 values in the file, the limit for one file; split it into several files");
  }
  SUBCASE("a scalar longer than max_scalar") {
    Limits limits;
    limits.max_scalar = 4;
    CHECK(load("a: abcd\n", Lang::en, limits).diags.empty());
    const auto loaded = load("a: abcde\nb: \"12345\"\n", Lang::en, limits);
    CHECK(loaded.places() == std::vector<std::string>{"1:4", "2:4"});
    CHECK(import_test::text_of(loaded.first()) ==
          "value longer than 4 bytes, the limit for one value; shorten it");
  }
}

TEST_CASE("a scalar an escape made invalid UTF-8 is an error at the scalar, naming the escape") {
  SUBCASE("\\N") {
    const auto loaded = load("a: \"UBND\\NX\"\n");
    CHECK(loaded.places() == std::vector<std::string>{"1:4"});
    CHECK(import_test::text_of(loaded.first()) ==
          "the escape \\N is not supported in these files; write the character itself instead of "
          "the escape");
  }
  SUBCASE("\\_ in a key, in Vietnamese") {
    const auto loaded = load("x: 1\n\"k\\_\": 2\n", Lang::vi);
    CHECK(loaded.places() == std::vector<std::string>{"2:1"});
    CHECK(import_test::text_of(loaded.first()).starts_with("không hỗ trợ ký tự thoát \\_"));
  }
  SUBCASE("every such scalar is reported") {
    CHECK(load("a: \"\\N\"\nb: [\"\\_\", ok]\n").places() ==
          std::vector<std::string>{"1:4", "2:5"});
  }
  SUBCASE("escapes that give valid UTF-8 are the text gate's to judge") {
    const auto loaded = load("a: \"\\x85 \\u00A0 \\L \\e\"\n");
    CHECK(loaded.diags.empty());
  }
}

TEST_CASE("every error in a file is collected, not only the first") {
  const auto loaded = load("a: 1\na: 2\nb: !x 3\nc: &y 4\n");
  CHECK(loaded.places() == std::vector<std::string>{"2:1", "3:4", "4:4"});
}

TEST_CASE("tests/data/broken/README.md gives the places where these files fail") {
  std::ifstream readme(kBroken + "README.md");
  REQUIRE(readme);
  const std::vector<std::string> mine = {
      "duplicate-key.yaml", "unclosed-quote.yaml",  "nul-byte.yaml",     "windows-1258.yaml",
      "invalid-utf8.yaml",  "second-document.yaml", "anchor-alias.yaml", "alias-cycle.yaml",
      "alias-bomb.yaml",    "unknown-tag.yaml",     "tab-indent.yaml",   "syntax-error.yaml",
      "escape-next-line.yaml", "escape-no-break-space.yaml"};
  std::size_t checked = 0;
  std::string line;
  while (std::getline(readme, line)) {
    // | `file.yaml` | defect | `L:C` (, `L:C`)* |
    const auto open = line.find("| `");
    if (open != 0) continue;
    const auto close = line.find('`', 3);
    const std::string file = line.substr(3, close - 3);
    if (std::find(mine.begin(), mine.end(), file) == mine.end()) continue;
    CAPTURE(file);
    const std::string places_column = line.substr(line.rfind('|', line.size() - 2));
    std::vector<std::string> listed;
    for (auto p = places_column.find('`'); p != std::string::npos;
         p = places_column.find('`', places_column.find('`', p + 1) + 1)) {
      const auto q = places_column.find('`', p + 1);
      listed.push_back(places_column.substr(p + 1, q - p - 1));
    }
    const auto places = load_file(file).places();
    REQUIRE_FALSE(listed.empty());
    REQUIRE(places.size() >= listed.size());
    CHECK(std::vector<std::string>(places.begin(),
                                   places.begin() + static_cast<long>(listed.size())) == listed);
    ++checked;
  }
  CHECK(checked == mine.size());
}
