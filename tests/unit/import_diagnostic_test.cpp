#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "inspectrack/import/diagnostic.hpp"

using inspectrack::import::Diagnostic;
using inspectrack::import::Diagnostics;
using inspectrack::import::format;
using inspectrack::import::Position;
using inspectrack::text::Message;

namespace {

// A message of these tests: text shown as is.
Message said(std::string text) { return Message::verbatim(std::move(text)); }

}  // namespace

TEST_CASE("format puts the place first, as compilers do") {
  const Position at{"visit.yaml", 12, 7};
  CHECK(format(at, "error", "unknown severity 'hgh'") == "visit.yaml:12:7: error: unknown severity 'hgh'");
  CHECK(format(at, "lỗi", "mức độ 'hgh' không hợp lệ") == "visit.yaml:12:7: lỗi: mức độ 'hgh' không hợp lệ");

  SUBCASE("line 0 means the whole file") {
    CHECK(format(Position{"big.yaml", 0, 0}, "error", "too big") == "big.yaml: error: too big");
  }
  SUBCASE("a line without a column") {
    CHECK(format(Position{"a.yaml", 3, 0}, "error", "m") == "a.yaml:3: error: m");
  }
}

TEST_CASE("Diagnostics collects every error and sorts by file, line and column") {
  Diagnostics diags;
  CHECK(diags.empty());
  diags.error({"b.yaml", 5, 1}, said("b5"));
  diags.error({"a.yaml", 9, 3}, said("a9"));
  diags.error({"b.yaml", 2, 8}, said("b2:8"));
  diags.error({"b.yaml", 2, 3}, said("b2:3"));
  diags.error({"a.yaml", 0, 0}, said("a-whole"));
  diags.error({"b.yaml", 2, 3}, said("b2:3 again"));
  CHECK(diags.size() == 6);
  CHECK(diags.list().front().message.english() == "b5");  // list() keeps the order of reporting

  std::vector<std::string> order;
  for (const auto& d : diags.sorted()) order.push_back(d.message.english());
  // Files in the order first seen (b before a), then line and column; ties stable.
  CHECK(order == std::vector<std::string>{"b2:3", "b2:3 again", "b2:8", "b5", "a-whole", "a9"});
}

TEST_CASE("diagnostics keep the first 100 errors of each file and count the rest") {
  Diagnostics diags;
  for (int n = 1; n <= 250; ++n) diags.error({"a.yaml", n, 1}, said("bad " + std::to_string(n)));
  diags.error({"b.yaml", 1, 1}, said("bad"));
  CHECK(diags.size() == 251);
  CHECK(diags.list().size() == 101);
  CHECK(diags.list().at(99).message.english() == "bad 100");
  CHECK(diags.dropped("a.yaml") == 150);
  CHECK(diags.dropped("b.yaml") == 0);
  CHECK(diags.full("a.yaml"));
  CHECK_FALSE(diags.full("b.yaml"));
  CHECK(diags.sorted().back().where.file == "b.yaml");
}

TEST_CASE("append carries the errors another list kept and the count of those it did not") {
  Diagnostics stage;
  for (int line = 1; line <= 150; ++line) stage.error(Position{"a.yaml", line, 1}, said("bad"));
  stage.error(Position{"b.yaml", 1, 1}, said("bad too"));
  Diagnostics all;
  all.error(Position{"a.yaml", 200, 1}, said("first"));
  all.append(stage);
  CHECK(all.size() == 152);
  CHECK(all.list().size() == Diagnostics::kMaxPerFile + 1);  // 100 of a.yaml, 1 of b.yaml
  CHECK(all.dropped("a.yaml") == 51);
  CHECK(all.dropped("b.yaml") == 0);
  CHECK(all.list().front().message.english() == "first");
}

TEST_CASE("append_new leaves out what is already listed at the same place, and keeps the counts") {
  Diagnostics read;
  read.error(Position{"a.yaml", 3, 5}, said("bad key"));
  Diagnostics resolved;
  resolved.error(Position{"a.yaml", 3, 5}, said("bad key"));       // the same: left out
  resolved.error(Position{"a.yaml", 3, 5}, said("unknown unit"));  // same place, other words
  resolved.error(Position{"a.yaml", 9, 1}, said("unknown finding"));
  for (int line = 1; line <= 120; ++line) resolved.error(Position{"b.yaml", line, 1}, said("unknown unit"));
  read.append_new(resolved);
  CHECK(read.size() == 1 + 2 + 120);
  CHECK(read.list().size() == 3 + Diagnostics::kMaxPerFile);
  CHECK(read.dropped("b.yaml") == 20);
  CHECK(read.list()[1].message.english() == "unknown unit");
}

TEST_CASE("order_files puts the files in the order given, each file's errors in theirs") {
  Diagnostics diags;
  diags.error(Position{"b.yaml", 1, 1}, said("b first"));
  diags.error(Position{"x.yaml", 1, 1}, said("not given"));
  diags.error(Position{"a.yaml", 7, 1}, said("a seven"));
  diags.error(Position{"a.yaml", 2, 1}, said("a two"));
  diags.order_files({"a.yaml", "b.yaml"});
  const auto sorted = diags.sorted();
  REQUIRE(sorted.size() == 4);
  CHECK(sorted[0].message.english() == "a two");
  CHECK(sorted[1].message.english() == "a seven");
  CHECK(sorted[2].message.english() == "b first");
  CHECK(sorted[3].message.english() == "not given");
}
