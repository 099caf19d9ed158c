// The schema and its migration steps (src/storage/schema.cpp), on raw databases: a
// database of every released version, migrated, has exactly the schema of
// schemas/database.sql; the task selections read what their filters say and use the
// indexes the reports count on.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "../../src/storage/schema.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "schema_fixture.hpp"

using namespace inspectrack::storage;
using test_support::schema_objects;
using test_support::schema_objects_unquoted;

namespace {

std::string schema_file() {
  std::ifstream in(INSPECTRACK_SOURCE_DIR "/schemas/database.sql", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int pragma(SQLite::Database& db, const char* name) {
  return db.execAndGet(std::string("PRAGMA ") + name).getInt();
}

// `db` upgraded as the store does it: in one transaction, foreign keys off.
void upgrade(SQLite::Database& db) {
  db.exec("PRAGMA foreign_keys = OFF");
  const int from = pragma(db, "user_version");
  SQLite::Transaction tx(db);
  detail::upgrade(db, from);
  tx.commit();
}

std::string plan_of(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
  std::string out;
  while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
  return out;
}

}  // namespace

TEST_CASE("schema_sql is schemas/database.sql as the build embedded it") {
  const std::string file = schema_file();
  REQUIRE_FALSE(file.empty());
  CHECK(detail::schema_sql() == file);
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
  db.exec(std::string(detail::schema_sql()));
  CHECK(pragma(db, "user_version") == current_schema_version());
  CHECK(pragma(db, "application_id") == detail::kApplicationId);
}

TEST_CASE("database.sql documents every column") {
  // Each column line inside a CREATE TABLE carries a comment (a continued
  // definition is commented on its first line).
  std::istringstream in(detail::schema_sql().data());
  std::string line;
  bool in_table = false;
  int uncommented = 0;
  while (std::getline(in, line)) {
    if (line.rfind("CREATE TABLE", 0) == 0) {
      in_table = true;
      continue;
    }
    if (line.rfind(");", 0) == 0) in_table = false;
    const bool starts_column =
        line.size() > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ';
    if (in_table && starts_column && line.find("--") == std::string::npos &&
        line.find("UNIQUE (") == std::string::npos &&
        line.find("PRIMARY KEY (") == std::string::npos) {
      ++uncommented;
      MESSAGE("no comment: " << line);
    }
  }
  CHECK(uncommented == 0);
}

TEST_CASE("the steps run from version 1 to the current version, one version each") {
  const auto steps = detail::migrations();
  REQUIRE_FALSE(steps.empty());
  for (std::size_t n = 0; n < steps.size(); ++n) {
    CHECK(steps[n].to_version == static_cast<int>(n) + 2);
    CHECK((!steps[n].sql.empty() || steps[n].apply != nullptr));
  }
  CHECK(steps.back().to_version == current_schema_version());
}

TEST_CASE("an empty database upgraded gets the schema of database.sql") {
  SQLite::Database fresh(":memory:", SQLite::OPEN_READWRITE);
  fresh.exec(schema_file());
  SQLite::Database empty(":memory:", SQLite::OPEN_READWRITE);
  upgrade(empty);
  CHECK(schema_objects(empty) == schema_objects(fresh));
  CHECK(pragma(empty, "user_version") == current_schema_version());
}

TEST_CASE("a database of every released version, migrated, has the schema of database.sql") {
  SQLite::Database fresh(":memory:", SQLite::OPEN_READWRITE);
  fresh.exec(schema_file());
  for (int version = 1; version < current_schema_version(); ++version) {
    CAPTURE(version);
    SQLite::Database old(":memory:", SQLite::OPEN_READWRITE);
    old.exec(test_support::fixture_dump(version));
    REQUIRE(pragma(old, "user_version") == version);
    upgrade(old);
    // Tables rebuilt by a step are renamed into place, and SQLite quotes a new name.
    CHECK(schema_objects_unquoted(old) == schema_objects_unquoted(fresh));
    CHECK(pragma(old, "user_version") == current_schema_version());
    CHECK(pragma(old, "application_id") == detail::kApplicationId);
    SQLite::Statement ok(old, "PRAGMA integrity_check");
    REQUIRE(ok.executeStep());
    CHECK(ok.getColumn(0).getString() == "ok");
    SQLite::Statement broken(old, "PRAGMA foreign_key_check");
    CHECK_FALSE(broken.executeStep());
  }
}

TEST_CASE("task selections name only the conditions of their filter") {
  TaskFilter none;
  const std::string all = detail::task_query_sql(none, detail::TaskRange::all);
  CHECK(all.find(":unit") == std::string::npos);
  CHECK(all.find("t.period <> ''") != std::string::npos);  // series rows left out
  TaskFilter every;
  every.unit = "u";
  every.inspection = "i";
  every.area = "a";
  every.report_to = "r";
  every.status = inspectrack::model::Status::open;
  const std::string filtered = detail::task_query_sql(every, detail::TaskRange::overdue);
  for (const char* parameter : {":unit", ":inspection", ":area", ":report_to", ":status", ":as_of"}) {
    CAPTURE(parameter);
    CHECK(filtered.find(parameter) != std::string::npos);
  }
  CHECK(detail::task_exists_sql(none, detail::TaskRange::overdue).find("JOIN") == std::string::npos);
  CHECK(detail::task_tally_sql(Grouping::unit, every).find("JOIN units") == std::string::npos);
  CHECK(detail::finding_count_sql(Grouping::inspection, {}).find("GROUP BY f.inspection_id") !=
        std::string::npos);
}

TEST_CASE("the overdue and due selections read the partial index of open tasks") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
  db.exec(std::string(detail::schema_sql()));
  detail::register_name_order(db.getHandle(), {});
  for (const auto range : {detail::TaskRange::overdue, detail::TaskRange::due_between}) {
    CHECK(plan_of(db, detail::task_query_sql({}, range)).find("tasks_open_last_day") !=
          std::string::npos);
    CHECK(plan_of(db, detail::task_exists_sql({}, range)).find("tasks_open_last_day") !=
          std::string::npos);
  }
}
