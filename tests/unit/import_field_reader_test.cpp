// The building blocks of the document readers (src/import/field_reader.cpp): each
// reads one field and reports what is wrong at the field's line and column.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../src/import/field_reader.hpp"
#include "inspectrack/import/loader.hpp"
#include "inspectrack/import/source.hpp"

using namespace inspectrack::import;

namespace {

struct Read {
  Diagnostics diags;
  Node root;
};

Read parse(const std::string& yaml) {
  Read out;
  const auto source = check_source("f.yaml", yaml, Limits{}, out.diags);
  REQUIRE(source);
  auto root = load_yaml(*source, Limits{}, out.diags);
  REQUIRE(root);
  out.root = std::move(*root);
  return out;
}

// Each error as "LINE:COLUMN: message" in English.
std::vector<std::string> errors(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.list()) {
    out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                  d.message.english());
  }
  return out;
}

}  // namespace

TEST_CASE("field reader: a missing key is reported at its mapping, an unknown one at itself with the nearest") {
  Read r = parse("title: Kiểm tra\ntitel: x\n");
  FieldReader reader("f.yaml", r.diags);
  CHECK(reader.require(r.root, "title", Phrase("in the inspection")) != nullptr);
  CHECK(reader.require(r.root, "scope", Phrase("in the inspection")) == nullptr);
  reader.reject_unknown_keys(r.root, {"title", "scope"}, Phrase("in the inspection"));
  const auto found = errors(r.diags);
  REQUIRE(found.size() == 2);
  CHECK(found[0].starts_with("1:1: missing 'scope' in the inspection"));
  CHECK(found[1].starts_with("2:1: unknown key 'titel' in the inspection"));
}

TEST_CASE("field reader: a text is trimmed and NFC, a line refuses a line break, types are checked") {
  // "Kiểm tra" written as ê and a combining hook above becomes the precomposed form.
  Read r = parse("action: \"  Ki\xC3\xAA\xCC\x89m tra  \"\nname: \"a\\nb\"\nlist: x\n");
  FieldReader reader("f.yaml", r.diags);
  const auto action = reader.text(*r.root.find("action"), "action", true);
  REQUIRE(action);
  CHECK(*action == "Kiểm tra");
  CHECK_FALSE(reader.line(*r.root.find("name"), "name", true));
  CHECK_FALSE(reader.expect_list(*r.root.find("list"), "list", Phrase("a list of tasks")));
  const auto found = errors(r.diags);
  REQUIRE(found.size() == 2);
  CHECK(found[0].starts_with("2:7: "));
  CHECK(found[1].starts_with("3:7: 'list' must be a list of tasks"));
}
