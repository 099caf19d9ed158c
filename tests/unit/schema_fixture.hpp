#pragma once
// The schema of a released version as a real database of it has it, read from its
// fixture (tests/data/fixtures/schema-vN.sql, a `sqlite3 .dump`): the tests that need
// an old schema take it there, since the program keeps only the steps from it.

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

// The dump of the version `version` fixture, as it is.
inline std::string fixture_dump(int version) {
  const std::string path =
      INSPECTRACK_SOURCE_DIR "/tests/data/fixtures/schema-v" + std::to_string(version) + ".sql";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The CREATE statements of that dump (tables, indexes, triggers; no rows), then its
// application_id and user_version pragmas: an empty database of that version.
inline std::string fixture_ddl(int version) {
  const std::string dump = fixture_dump(version);
  std::string ddl;
  std::string statement;
  std::size_t at = 0;
  while (at < dump.size()) {
    std::size_t end = dump.find('\n', at);
    end = end == std::string::npos ? dump.size() : end + 1;
    const std::string line = dump.substr(at, end - at);
    at = end;
    if (statement.empty() && line.rfind("CREATE ", 0) != 0 && line.rfind("PRAGMA a", 0) != 0 &&
        line.rfind("PRAGMA user_version", 0) != 0) {
      continue;
    }
    statement += line;
    if (sqlite3_complete(statement.c_str()) != 0) {
      ddl += statement;
      statement.clear();
    }
  }
  return ddl;
}

// Removes `--` comments and collapses whitespace (none kept before ',' and ')' or after
// '(': ALTER TABLE … ADD COLUMN writes ", column TYPE" after the last line of a table),
// so that only the SQL is compared.
inline std::string normalize_sql(std::string_view sql) {
  std::string out;
  bool quoted = false;
  bool space = false;
  for (std::size_t n = 0; n < sql.size(); ++n) {
    const char c = sql[n];
    if (!quoted && c == '-' && n + 1 < sql.size() && sql[n + 1] == '-') {
      while (n < sql.size() && sql[n] != '\n') ++n;
      space = true;
      continue;
    }
    if (c == '\'') quoted = !quoted;
    if (!quoted && (c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
      space = true;
      continue;
    }
    if (space && !out.empty() && c != ',' && c != ')' && out.back() != '(') out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// type, name and normalized SQL of every schema object, sorted by name.
inline std::vector<std::string> schema_objects(SQLite::Database& db) {
  std::vector<std::string> out;
  SQLite::Statement q(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name");
  while (q.executeStep()) {
    out.push_back(q.getColumn(0).getString() + " " + q.getColumn(1).getString() + ": " +
                  normalize_sql(q.getColumn(2).isNull() ? "" : q.getColumn(2).getString()));
  }
  return out;
}

// schema_objects(), without the quotes ALTER TABLE … RENAME puts around the new names
// of the tables a step rebuilds.
inline std::vector<std::string> schema_objects_unquoted(SQLite::Database& db) {
  std::vector<std::string> out = schema_objects(db);
  for (std::string& object : out) {
    for (const std::string table : {"tasks", "events", "reminder_tasks"}) {
      const std::string quoted = "CREATE TABLE \"" + table + "\"";
      if (const auto at = object.find(quoted); at != std::string::npos) {
        object.replace(at, quoted.size(), "CREATE TABLE " + table);
      }
    }
  }
  return out;
}
}  // namespace test_support
