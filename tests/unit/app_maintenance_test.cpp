#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "app_examples.hpp"
#include "inspectrack/app/maintenance.hpp"
#include "inspectrack/error.hpp"
#include "temp_dir.hpp"

using namespace inspectrack;

TEST_CASE("check: every check of a sound database passes") {
  const auto store = test_support::chu_prong();
  const app::CheckReport report = app::check(*store);
  CHECK(report.clean);
  REQUIRE(report.checks.size() > 2);
  CHECK(report.checks[0].name == "integrity");
}

namespace {

// A store whose checks are given.
struct GivenChecks final : storage::Maintenance {
  std::vector<storage::CheckResult> results;
  bool older_schema() override { return false; }
  std::vector<storage::CheckResult> check() override { return results; }
  void backup(const std::string&) override {}
};

}  // namespace

TEST_CASE("check: one problem found makes the report not clean") {
  GivenChecks store;
  store.results = {{"integrity", {}, 0, {}}, {"task_status", {}, 1, {"task 4: bad"}}, {"x", {}, 0, {}}};
  const app::CheckReport report = app::check(store);
  CHECK_FALSE(report.clean);
  CHECK(report.checks.size() == 3);
  store.results[1].count = 0;
  CHECK(app::check(store).clean);
}

TEST_CASE("backup: a new file holding the database, never over an existing one") {
  const auto store = test_support::chu_prong();
  test_support::TempDir dir;
  const std::string copy = dir.file("copy.db");
  app::backup(*store, copy);
  CHECK(std::filesystem::file_size(copy) > 0);
  CHECK_THROWS_AS(app::backup(*store, copy), StorageError);
}
