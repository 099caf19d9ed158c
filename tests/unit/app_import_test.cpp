#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "inspectrack/app/import.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using namespace inspectrack::app;
using inspectrack::model::Date;
using namespace inspectrack::storage;
using test_support::TempDir;

namespace {

std::string example(const std::string& name) {
  return std::string(INSPECTRACK_SOURCE_DIR) + "/examples/" + name;
}

std::string data(const std::string& name) {
  return std::string(INSPECTRACK_SOURCE_DIR) + "/tests/data/" + name;
}

// The services of the command line, without its messages: calendars are the shipped
// one and those stored.
ImportServices services(const std::string& db) {
  ImportServices s;
  s.open_store = [db](OpenMode mode) {
    OpenOptions options;
    options.mode = mode;
    return inspectrack::storage::open_sqlite(db, options);
  };
  s.calendars = [](Store* store, const std::vector<std::string>&) {
    inspectrack::calendar::CalendarRegistry registry;
    registry.add(inspectrack::import::shipped_calendar());
    if (store != nullptr) {
      for (auto& spec : store->calendars()) registry.add(std::move(spec));
    }
    return registry;
  };
  s.actor = [] { return std::string("tester"); };
  return s;
}

ImportRequest request(const std::string& db, std::vector<std::string> files) {
  ImportRequest r;
  r.files = std::move(files);
  r.db_path = db;
  r.as_of = *Date::from_ymd(2021, 7, 29);
  r.now = "2021-07-29T01:00:00Z";
  return r;
}

struct Recorder final : ChangeSink {
  std::vector<Change> changes;
  int restarts = 0;
  void change(const Change& c) override { changes.push_back(c); }
  void restart() override {
    changes.clear();
    ++restarts;
  }
};

std::size_t count(const ImportResult& r, Change::Kind kind) {
  return r.counts[static_cast<std::size_t>(kind)];
}

std::unique_ptr<Store> reopen(const std::string& db) {
  OpenOptions options;
  options.mode = OpenMode::read_only;
  return inspectrack::storage::open_sqlite(db, options);
}

}  // namespace

TEST_CASE("import_files: a new database, then the same files again into it") {
  TempDir dir;
  const std::string db = dir.file("new.db");
  const std::vector<std::string> files = {example("units-chu-prong.yaml"), example("chu-prong-2021.yaml"),
                                          example("tien-do-chu-prong-2021.yaml")};
  Recorder first;
  const ImportResult created = import_files(request(db, files), services(db), first);
  REQUIRE(created.diagnostics.empty());
  CHECK(count(created, Change::Kind::added) > 20);
  CHECK(first.restarts == 0);
  std::size_t lines = 0;
  for (const Change& c : first.changes) lines += c.kind == Change::Kind::unchanged ? 0 : 1;
  CHECK(lines == count(created, Change::Kind::added) + count(created, Change::Kind::changed));
  CHECK(reopen(db)->unit("ia-me").has_value());

  // Into an existing database each file is stored as it comes: nothing changes.
  Recorder again;
  const ImportResult same = import_files(request(db, files), services(db), again);
  REQUIRE(same.diagnostics.empty());
  CHECK(count(same, Change::Kind::added) == 0);
  CHECK(count(same, Change::Kind::changed) == 0);
  CHECK(count(same, Change::Kind::unchanged) > 20);
  CHECK(again.restarts == 0);
}

TEST_CASE("import_files: a refused import writes nothing and creates no database") {
  TempDir dir;
  const std::string db = dir.file("new.db");
  Recorder sink;
  const ImportResult r = import_files(
      request(db, {example("units-chu-prong.yaml"), data("broken/bad-severity.yaml")}), services(db), sink);
  CHECK_FALSE(r.diagnostics.empty());
  CHECK_FALSE(fs::exists(db));
  CHECK(sink.changes.empty());
}

TEST_CASE("import_files: a dry run against no database compares with an empty one") {
  TempDir dir;
  const std::string db = dir.file("new.db");
  ImportRequest dry = request(db, {example("units-chu-prong.yaml")});
  dry.dry_run = true;
  Recorder sink;
  const ImportResult r = import_files(dry, services(db), sink);
  REQUIRE(r.diagnostics.empty());
  CHECK(count(r, Change::Kind::added) > 0);
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("import_files: progress with no database is refused before one is made") {
  TempDir dir;
  const std::string db = dir.file("new.db");
  Recorder sink;
  try {
    import_files(request(db, {example("tien-do-chu-prong-2021.yaml")}), services(db), sink);
    FAIL("no error");
  } catch (const inspectrack::StorageError& e) {
    CHECK(e.code() == inspectrack::ExitCode::no_input);
  }
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("import_files: a file that renames a unit after an inspection starts the import again whole") {
  TempDir dir;
  const std::string db = dir.file("existing.db");
  Recorder setup;
  REQUIRE(import_files(request(db, {example("units-chu-prong.yaml")}), services(db), setup).diagnostics.empty());
  const std::string renamed = dir.file("renamed.yaml");
  std::ofstream(renamed) << "units:\n  - {key: ia-me, name: UBND xã Ia Me mới, kind: commune, parent: chu-prong}\n";

  Recorder sink;
  const ImportResult r =
      import_files(request(db, {example("chu-prong-2021.yaml"), renamed}), services(db), sink);
  REQUIRE(r.diagnostics.empty());
  CHECK(sink.restarts == 1);
  // The rename comes first (definitions before inspections), counted once.
  REQUIRE_FALSE(sink.changes.empty());
  CHECK(sink.changes.front().entity == "unit");
  CHECK(sink.changes.front().key == "ia-me");
  CHECK(count(r, Change::Kind::changed) == 1);
  CHECK(reopen(db)->unit("ia-me")->name == "UBND xã Ia Me mới");
}

TEST_CASE("validate_files: counts what an import would store, and writes nothing") {
  TempDir dir;
  const std::string db = dir.file("none.db");
  const ValidateResult r = validate_files(
      request(db, {example("units-chu-prong.yaml"), example("chu-prong-2021.yaml"),
                   example("tien-do-chu-prong-2021.yaml")}),
      services(db));
  REQUIRE(r.diagnostics.empty());
  CHECK(r.calendars == 0);
  CHECK(r.units > 20);
  CHECK(r.inspections == 1);
  CHECK(r.tasks > 0);
  CHECK(r.progress > 0);
  CHECK_FALSE(fs::exists(db));

  const ValidateResult bad = validate_files(request(db, {data("broken/bad-severity.yaml")}), services(db));
  CHECK_FALSE(bad.diagnostics.empty());
}

namespace {

// `text` as a file of `dir`.
std::string write_file(TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path) << text;
  return path;
}

// An inspection with an error of form (line 7) and a unit no file defines (line 9).
constexpr const char* kTwoErrors =
    "inspection: {key: k, title: T, conclusion: {date: 15/7/2021}}\n"
    "units: [{key: xa, name: Xã, kind: commune}]\n"
    "tasks:\n"
    "  - key: a\n"
    "    action: Làm\n"
    "    assignees: xa\n"
    "    due: 30/02/2021\n"
    "  - {key: b, action: Làm, due: none,\n"
    "     assignees: xb}\n";

bool lists(const inspectrack::import::Diagnostics& diags, int line, const std::string& start) {
  for (const auto& d : diags.list()) {
    if (d.where.line == line && d.message.english().rfind(start, 0) == 0) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("validate_files and import_files list the errors of form and of reference together") {
  TempDir dir;
  const std::string file = write_file(dir, "two.yaml", kTwoErrors);
  SUBCASE("validate") {
    const std::string db = dir.file("none.db");
    const ValidateResult r = validate_files(request(db, {file}), services(db));
    CHECK(r.diagnostics.size() == 2);
    CHECK(lists(r.diagnostics, 7, "30/02/2021 does not exist"));
    CHECK(lists(r.diagnostics, 9, "unknown unit 'xb'"));
  }
  SUBCASE("import into a database that exists, each file as it is read") {
    const std::string db = dir.file("existing.db");
    Recorder setup;
    REQUIRE(import_files(request(db, {example("units-chu-prong.yaml")}), services(db), setup)
                .diagnostics.empty());
    Recorder sink;
    const ImportResult r = import_files(request(db, {file}), services(db), sink);
    CHECK(r.diagnostics.size() == 2);
    CHECK(lists(r.diagnostics, 7, "30/02/2021 does not exist"));
    CHECK(lists(r.diagnostics, 9, "unknown unit 'xb'"));
    CHECK_FALSE(reopen(db)->unit("xa"));
  }
  SUBCASE("import into a new database, the whole set first") {
    const std::string db = dir.file("new.db");
    Recorder sink;
    const ImportResult r = import_files(request(db, {file}), services(db), sink);
    CHECK(r.diagnostics.size() == 2);
    CHECK_FALSE(fs::exists(db));
  }
}

TEST_CASE(
    "validate_files: a date written wrong is one error, not one more at each deadline counted from it") {
  TempDir dir;
  const std::string db = dir.file("none.db");
  const std::string file = write_file(dir, "date.yaml",
                                      "inspection: {key: k, title: T, conclusion: {date: 32/7/2021}}\n"
                                      "units: [{key: xa, name: Xã, kind: commune}]\n"
                                      "tasks:\n"
                                      "  - {key: a, action: Làm, assignees: xa,\n"
                                      "     due: {within: 15 days, from: conclusion.date}}\n");
  const ValidateResult r = validate_files(request(db, {file}), services(db));
  CHECK(r.diagnostics.size() == 1);
  CHECK(lists(r.diagnostics, 1, "32/7/2021"));
}

TEST_CASE("validate_files: progress is checked against the database as import checks it, writing nothing") {
  TempDir dir;
  const std::string db = dir.file("existing.db");
  Recorder setup;
  REQUIRE(import_files(request(db, {example("units-chu-prong.yaml"), example("chu-prong-2021.yaml")}),
                       services(db), setup)
              .diagnostics.empty());
  const auto before = fs::last_write_time(db);
  const auto size = fs::file_size(db);
  const ValidateResult r = validate_files(
      request(db, {data("progress/unknown-task.yaml"), data("progress/refused-extension.yaml")}),
      services(db));
  CHECK(r.diagnostics.size() == 2);
  CHECK(lists(r.diagnostics, 6, "no task 'gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-cann'"));
  CHECK(fs::last_write_time(db) == before);
  CHECK(fs::file_size(db) == size);
  // What import accepts, validate passes.
  CHECK(validate_files(request(db, {example("tien-do-chu-prong-2021.yaml")}), services(db))
            .diagnostics.empty());
}

TEST_CASE("validate_files: with no database, progress is checked against the inspections given with it") {
  TempDir dir;
  const std::string db = dir.file("none.db");
  const ValidateResult with =
      validate_files(request(db, {example("units-chu-prong.yaml"), example("chu-prong-2021.yaml"),
                                  data("progress/unknown-task.yaml")}),
                     services(db));
  CHECK(with.diagnostics.size() == 1);
  // Alone, only its form: import would ask for the database first.
  CHECK(validate_files(request(db, {data("progress/unknown-task.yaml")}), services(db)).diagnostics.empty());
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("validate_files: an unknown finding is reported beside an error of form, unless findings: had one") {
  TempDir dir;
  const std::string db = dir.file("none.db");
  const std::string head =
      "inspection: {key: k, title: T}\n"
      "units: [{key: xa, name: Xã, kind: commune}]\n";
  const std::string tasks =
      "tasks:\n"
      "  - {key: a, action: Làm, assignees: xa, due: 30/02/2021}\n"
      "  - {key: b, action: Làm, assignees: xa, due: none, findings: [niem-yt]}\n";
  const ValidateResult typo = validate_files(
      request(db, {write_file(dir, "typo.yaml", head + "findings: [{key: niem-yet, unit: xa, text: T}]\n" + tasks)}),
      services(db));
  CHECK(typo.diagnostics.size() == 2);
  CHECK(lists(typo.diagnostics, 5, "30/02/2021 does not exist"));
  CHECK(lists(typo.diagnostics, 6, "unknown finding 'niem-yt'"));
  // A finding refused for its form: the task that names it is not told it names none.
  const ValidateResult refused = validate_files(
      request(db, {write_file(dir, "refused.yaml", head + "findings: [{key: Niêm yết, unit: xa, text: T}]\n" + tasks)}),
      services(db));
  CHECK(refused.diagnostics.size() == 2);
  CHECK_FALSE(lists(refused.diagnostics, 6, "unknown finding"));
}
