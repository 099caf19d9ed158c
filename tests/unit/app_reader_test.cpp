#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "../../src/app/reader.hpp"
#include "inspectrack/error.hpp"
#include "temp_dir.hpp"

using inspectrack::app::LoadedFile;
using inspectrack::app::looks_like_progress;
using inspectrack::app::Reader;
using test_support::TempDir;

namespace {

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

const char* const kUnits = "units:\n  - {key: d, name: Huyện D, kind: district}\n";
const char* const kProgress = "progress:\n  - {task: k/t@d, done: 1/7/2021}\n";

}  // namespace

TEST_CASE("looks_like_progress: the first key, after a BOM, blank and comment lines") {
  TempDir dir;
  CHECK(looks_like_progress(write(dir, "p.yaml", kProgress)));
  CHECK(looks_like_progress(write(dir, "bom.yaml", std::string("\xEF\xBB\xBF# c\n\n") + kProgress)));
  CHECK_FALSE(looks_like_progress(write(dir, "u.yaml", kUnits)));
  // Flow style is read with the others: its entries are taken from the document.
  CHECK_FALSE(looks_like_progress(write(dir, "flow.yaml", "{progress: []}\n")));
  CHECK_FALSE(looks_like_progress(dir.file("missing.yaml")));
}

TEST_CASE("Reader: the files in order, progress files left for later when asked") {
  TempDir dir;
  const std::vector<std::string> files = {write(dir, "u.yaml", kUnits), write(dir, "p.yaml", kProgress),
                                          write(dir, "bad.yaml", "units: [\n")};
  for (const bool defer : {true, false}) {
    CAPTURE(defer);
    Reader reader(files, {}, defer);
    std::vector<LoadedFile> got;
    while (auto loaded = reader.next()) got.push_back(std::move(*loaded));
    REQUIRE(got.size() == 3);
    CHECK(got[0].path == files[0]);
    CHECK(got[0].doc.has_value());
    CHECK(got[1].progress == defer);
    CHECK(got[1].doc.has_value() == !defer);
    CHECK_FALSE(got[2].doc.has_value());
    CHECK_FALSE(got[2].diags.empty());
  }
}

TEST_CASE("Reader: reading stops after a file that cannot be read, its error kept for its turn") {
  TempDir dir;
  const std::vector<std::string> files = {write(dir, "u.yaml", kUnits), dir.file("missing.yaml"),
                                          write(dir, "after.yaml", kUnits)};
  Reader reader(files, {}, true);
  auto first = reader.next();
  REQUIRE(first.has_value());
  CHECK(first->error == nullptr);
  reader.recycle(std::move(*first));
  auto second = reader.next();
  REQUIRE(second.has_value());
  REQUIRE(second->error != nullptr);
  CHECK_THROWS_AS(std::rethrow_exception(second->error), inspectrack::InputError);
  CHECK_FALSE(reader.next().has_value());
}

TEST_CASE("Reader: given up early, it stops and is joined") {
  TempDir dir;
  std::vector<std::string> files(20, write(dir, "u.yaml", kUnits));
  Reader reader(files, {}, true);
  CHECK(reader.next().has_value());
  // The destructor closes the channel while the thread waits to push: no hang.
}
