// `inspectrack check` (src/storage/check.cpp) on raw databases: every check passes on
// what the tool wrote, in a fixed order; each broken invariant is counted and its
// first rows listed; checks of tables an older version lacks are left out.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../../src/storage/check.hpp"
#include "../../src/storage/schema.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/text/message.hpp"
#include "schema_fixture.hpp"

using namespace inspectrack;
using namespace inspectrack::storage;

namespace {

std::vector<std::string> names(const std::vector<CheckResult>& checks) {
  std::vector<std::string> out;
  for (const auto& c : checks) out.push_back(c.name);
  return out;
}

const CheckResult& named(const std::vector<CheckResult>& checks, const std::string& name) {
  for (const auto& c : checks) {
    if (c.name == name) return c;
  }
  FAIL("no check " << name);
  throw;
}

// The last released version's fixture, upgraded: a database the tool wrote, with rows
// of every table.
void load_current(SQLite::Database& db) {
  const int last = current_schema_version() - 1;
  db.exec(test_support::fixture_dump(last));
  db.exec("PRAGMA foreign_keys = OFF");
  SQLite::Transaction tx(db);
  detail::upgrade(db, last);
  tx.commit();
}

}  // namespace

TEST_CASE("every check passes on a database the tool wrote, in a fixed order") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
  load_current(db);
  const auto checks = detail::run_checks(db, current_schema_version());
  CHECK(names(checks) == std::vector<std::string>{"integrity", "foreign_keys", "task_status",
                                                  "task_deadline", "fan_out", "task_findings",
                                                  "occurrences", "task_history", "event_tasks",
                                                  "unit_parents", "reminders"});
  for (const auto& c : checks) {
    CAPTURE(c.name);
    CHECK(c.count == 0);
    CHECK(c.problems.empty());
    CHECK_FALSE(c.description.english().empty());
    // Each description is in the catalog: shown in Vietnamese, it reads otherwise.
    CHECK(text::translate(text::Lang::vi, c.description) != c.description.english());
  }
}

TEST_CASE("a broken invariant is counted, and its first 20 rows listed") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
  load_current(db);
  const auto tasks = db.execAndGet("SELECT count(*) FROM tasks").getInt64();
  REQUIRE(tasks > 20);
  db.exec("UPDATE tasks SET status = 'done', done_on = NULL");
  const auto checks = detail::run_checks(db, current_schema_version());
  const CheckResult& status = named(checks, "task_status");
  CHECK(status.count == tasks);
  CHECK(status.problems.size() == 20);
  CHECK(status.problems.front().find("status done, done_on none") != std::string::npos);
  CHECK(named(checks, "integrity").count == 0);
}

TEST_CASE("a database of schema version 2 has no reminder check") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
  db.exec(test_support::fixture_dump(2));
  const auto checks = detail::run_checks(db, 2);
  CHECK(names(checks).back() == "unit_parents");
  for (const auto& c : checks) {
    CAPTURE(c.name);
    CHECK(c.count == 0);
  }
}
