#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "schema_fixture.hpp"
#include "storage_sqlite_support.hpp"
#include "temp_dir.hpp"
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "../../src/storage/schema.hpp"
#include "import_plan.hpp"
#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/import/shipped_calendar.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/text/message.hpp"

namespace fs = std::filesystem;
using inspectrack::ExitCode;
using inspectrack::StorageError;
using inspectrack::model::Date;
using inspectrack::model::Due;
using inspectrack::model::Status;
using namespace inspectrack::storage;

using namespace storage_test;

TEST_CASE("a database opened by inspectrack has the schema of schemas/database.sql") {
  const std::string file = schema_file();
  REQUIRE_FALSE(file.empty());
  TempDir dir;
  SQLite::Database by_file(dir.file("file.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  by_file.exec(file);
  test_support::import_plan(*open_sqlite(dir.file("code.db"), read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));
  SQLite::Database by_code(dir.file("code.db"), SQLite::OPEN_READONLY);
  CHECK(schema_objects(by_file) == schema_objects(by_code));
  CHECK(by_file.execAndGet("PRAGMA user_version").getInt() ==
        by_code.execAndGet("PRAGMA user_version").getInt());
  CHECK(by_file.execAndGet("PRAGMA application_id").getInt() ==
        by_code.execAndGet("PRAGMA application_id").getInt());
}

TEST_CASE("a new database is created at the current schema version") {
  CHECK(current_schema_version() == 7);
  CHECK(detail::migrations().size() == static_cast<std::size_t>(current_schema_version() - 1));
  for (std::size_t n = 0; n < detail::migrations().size(); ++n) {
    CHECK(detail::migrations()[n].to_version == static_cast<int>(n) + 2);
  }

  SUBCASE("in memory") {
    auto store = memory();
    CHECK(store->units().empty());
    CHECK(store->tasks({}).empty());
  }
  SUBCASE("on disk, with its directories, readable by its owner only, in WAL mode") {
    TempDir dir;
    const std::string path = dir.file("a/b/inspectrack.db");
    test_support::import_plan(*open_sqlite(path, read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));
    REQUIRE(fs::exists(path));
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
    CHECK(raw.execAndGet("PRAGMA application_id").getInt() == detail::kApplicationId);
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  }
  SUBCASE("an empty file becomes a database with its first change, and stays empty without one") {
    TempDir dir;
    const std::string path = dir.file("empty.db");
    write_bytes(path, "");
    {
      auto store = open_sqlite(path, read_write());
      CHECK(store->older_schema());
      CHECK(store->units().empty());  // the schema is there for the store to read
      auto dry = at("2021-07-20T08:00:00Z");
      dry.dry_run = true;
      CHECK(test_support::import_plan(*store, sample_plan(), dry).count(Change::Kind::added) == 13);
    }
    CHECK(read_bytes(path).empty());
    CHECK_FALSE(fs::exists(path + "-journal"));
    test_support::import_plan(*open_sqlite(path, read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(raw.tableExists("tasks"));
    CHECK(raw.tableExists("calendars"));
  }
  SUBCASE("a new file that gets no change is removed again, its folders kept") {
    TempDir dir;
    const std::string path = dir.file("a/inspectrack.db");
    {
      auto store = open_sqlite(path, read_write());
      CHECK(fs::exists(path));
      auto plan = sample_plan();
      plan.inspections[0].tasks[0].assignee = "khong-co";  // refused: no such unit
      CHECK_THROWS_AS(test_support::import_plan(*store, plan, at("2021-07-20T08:00:00Z")), StorageError);
    }
    CHECK_FALSE(fs::exists(path));
    CHECK_FALSE(fs::exists(path + "-journal"));
    CHECK(fs::exists(dir.file("a")));
  }
}

namespace {

// Works in `dir` until destroyed (relative paths are the point of the tests using it).
struct WorkingIn {
  explicit WorkingIn(const fs::path& dir) : before(fs::current_path()) { fs::current_path(dir); }
  ~WorkingIn() { fs::current_path(before); }
  WorkingIn(const WorkingIn&) = delete;
  WorkingIn& operator=(const WorkingIn&) = delete;
  fs::path before;
};

}  // namespace

TEST_CASE("a database in memory is private and needs no file") {
  TempDir dir;
  const WorkingIn here(dir.path());
  {
    auto store = open_memory({});
    CHECK_FALSE(store->older_schema());
    test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
    CHECK(store->tasks({}).size() == 5);
  }
  CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("a path is always a file: never an SQLite URI nor a special name") {
  TempDir dir;
  const WorkingIn here(dir.path());
  for (const std::string name : {":memory:", "file::memory:", "file:x.db?vfs=unix-none", "file:y.db?mode=memory"}) {
    CAPTURE(name);
    test_support::import_plan(*open_sqlite(name, read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));
    struct stat st {};
    REQUIRE(::stat(name.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(open_sqlite(name, read_only())->tasks({}).size() == 5);
  }
  CHECK_FALSE(fs::exists("x.db"));
  CHECK_FALSE(fs::exists("y.db"));
}

TEST_CASE("a database is reopened with its data") {
  TempDir dir;
  const std::string path = dir.file("inspectrack.db");
  test_support::import_plan(*open_sqlite(path, read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));

  SUBCASE("read-write") {
    auto store = open_sqlite(path, read_write());
    CHECK(store->units().size() == 5);
    CHECK(store->tasks({}).size() == 5);
    CHECK(test_support::import_plan(*store, sample_plan(), at("2021-07-21T08:00:00Z")).count(Change::Kind::unchanged) ==
          13);
  }
  SUBCASE("read-only") {
    auto store = open_sqlite(path, read_only());
    CHECK(store->tasks({}).size() == 5);
    auto plan = sample_plan();
    plan.units[0].name = "UBND huyện";
    try {
      test_support::import_plan(*store, plan, at("2021-07-21T08:00:00Z"));
      FAIL("expected StorageError");
    } catch (const StorageError& e) {
      CHECK(e.code() == ExitCode::cant_create);
      CHECK(std::string(e.what()).find("is read-only") != std::string::npos);
    }
    CHECK(store->unit("chu-prong")->name == "UBND huyện Chư Prông");
  }
}

TEST_CASE("a read-only open leaves no -wal or -shm file behind, and never writes") {
  TempDir dir;
  const std::string path = dir.file("inspectrack.db");
  test_support::import_plan(*open_sqlite(path, read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));
  REQUIRE_FALSE(fs::exists(path + "-wal"));
  REQUIRE_FALSE(fs::exists(path + "-shm"));
  const std::string before = read_bytes(path);
  auto reader = open_sqlite(path, read_only());
  const auto id = reader->task_by_key("cp/bao-cao@bau-can")->id;
  const std::size_t events = reader->events(id).size();
  CHECK(reader->tasks({}).size() == 5);
  CHECK(reader->check().size() > 2);

  SUBCASE("closed, it removes the files SQLite made for the read") {
    reader.reset();
    CHECK_FALSE(fs::exists(path + "-wal"));
    CHECK_FALSE(fs::exists(path + "-shm"));
    CHECK(read_bytes(path) == before);
  }
  SUBCASE("a writer meanwhile is not blocked, and the reader's next query sees the change") {
    OpenOptions update;
    update.mode = OpenMode::update;
    inspectrack::model::TaskChange note;
    note.kind = inspectrack::model::TaskChange::Kind::note;
    note.text = "gọi điện nhắc";
    open_sqlite(path, update)->change_task(id, note, {day(2021, 7, 21), "tester", "2021-07-21T08:00:00Z"});
    CHECK(reader->events(id).size() == events + 1);
  }
  SUBCASE("while another connection has it open, a reader reads through its -wal") {
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("UPDATE units SET name = 'UBND huyện' WHERE key = 'chu-prong'");
    REQUIRE(fs::exists(path + "-wal"));
    CHECK(open_sqlite(path, read_only())->unit("chu-prong")->name == "UBND huyện");
    CHECK(reader->unit("chu-prong")->name == "UBND huyện");
  }
  SUBCASE("it refuses to write, even through SQL of its own") {
    auto plan = sample_plan();
    plan.units[0].name = "UBND huyện";
    CHECK_THROWS_AS(test_support::import_plan(*reader, plan, at("2021-07-21T08:00:00Z")), StorageError);
    CHECK(reader->unit("chu-prong")->name == "UBND huyện Chư Prông");
  }
}

TEST_CASE("an update open needs the database to exist, and writes to it when it does") {
  TempDir dir;
  const std::string path = dir.file("none/inspectrack.db");
  OpenOptions update;
  update.mode = OpenMode::update;
  try {
    open_sqlite(path, update);
    FAIL("expected StorageError");
  } catch (const StorageError& e) {
    CHECK(e.code() == ExitCode::no_input);
  }
  CHECK_FALSE(fs::exists(dir.file("none")));

  test_support::import_plan(*open_sqlite(dir.file("db"), read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));
  auto store = open_sqlite(dir.file("db"), update);
  const auto id = store->task_by_key("cp/bao-cao@bau-can")->id;
  inspectrack::model::TaskChange note;
  note.kind = inspectrack::model::TaskChange::Kind::note;
  note.text = "gọi điện nhắc";
  CHECK(store->change_task(id, note, {*inspectrack::model::parse_date("2021-07-21").date, "tester", "2021-07-21T08:00:00Z"})
            .outcome == inspectrack::model::ChangeCheck::Outcome::apply);
}

TEST_CASE("a read-only open of a missing database names it and creates nothing") {
  TempDir dir;
  const std::string path = dir.file("none/inspectrack.db");
  try {
    open_sqlite(path, read_only());
    FAIL("expected StorageError");
  } catch (const StorageError& e) {
    CHECK(e.code() == ExitCode::no_input);
    CHECK(std::string(e.what()) ==
          "database '" + path + "' does not exist; import a file first, or give --db");
  }
  CHECK_FALSE(fs::exists(dir.file("none")));

  SUBCASE("in Vietnamese, where it is shown") {
    try {
      open_sqlite(path, read_only());
      FAIL("expected StorageError");
    } catch (const StorageError& e) {
      CHECK(inspectrack::text::translate(inspectrack::text::Lang::vi, e.message()) ==
            "cơ sở dữ liệu '" + path +
                "' không tồn tại; hãy nhập (import) một tệp trước, hoặc chỉ định --db");
    }
  }
}

TEST_CASE("a database from a newer inspectrack is refused and left untouched") {
  TempDir dir;
  const std::string path = dir.file("newer.db");
  bool wal = false;
  SUBCASE("rollback journal") { wal = false; }
  SUBCASE("WAL") { wal = true; }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    if (wal) raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (1);");
    raw.exec("PRAGMA application_id = " + std::to_string(detail::kApplicationId));
    raw.exec("PRAGMA user_version = 8");
  }
  const std::string before = read_bytes(path);
  REQUIRE_FALSE(before.empty());

  OpenOptions scratch;
  scratch.mode = OpenMode::scratch;
  for (const auto& options : {read_write(), read_only(), scratch}) {
    try {
      open_sqlite(path, options);
      FAIL("expected StorageError");
    } catch (const StorageError& e) {
      CHECK(e.code() == ExitCode::no_input);
      CHECK(std::string(e.what()) ==
            "database '" + path +
                "' was written by a newer inspectrack (schema version 8; this one knows up to 7);"
                " upgrade inspectrack");
    }
    CHECK(read_bytes(path) == before);
    CHECK_FALSE(fs::exists(path + "-wal"));
    CHECK_FALSE(fs::exists(path + "-shm"));
  }
}

TEST_CASE("a file that is not an inspectrack database is refused and left untouched") {
  TempDir dir;
  const std::string path = dir.file("other.db");
  SUBCASE("not SQLite at all") {
    write_bytes(path, "units:\n  - {key: a, name: A, kind: commune}\n");
  }
  SUBCASE("another program's SQLite database") {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE notes (x TEXT)");
  }
  SUBCASE("another program's application id") {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA application_id = 42");
  }
  const std::string before = read_bytes(path);
  for (const auto& options : {read_write(), read_only()}) {
    try {
      open_sqlite(path, options);
      FAIL("expected StorageError");
    } catch (const StorageError& e) {
      CHECK(e.code() == ExitCode::no_input);
      CHECK(std::string(e.what()) == "'" + path + "' is not an inspectrack database");
    }
    CHECK(read_bytes(path) == before);
  }
}

TEST_CASE("a read-only open of an empty file asks for an import") {
  TempDir dir;
  const std::string path = dir.file("empty.db");
  write_bytes(path, "");
  try {
    open_sqlite(path, read_only());
    FAIL("expected StorageError");
  } catch (const StorageError& e) {
    CHECK(e.code() == ExitCode::no_input);
    CHECK(std::string(e.what()).find("is empty; import a file first") != std::string::npos);
  }
  CHECK(read_bytes(path).empty());
}

TEST_CASE("a first import adds everything and records it") {
  auto store = memory();
  const auto outcome = test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));

  // 5 units, the inspection, 2 findings, 5 tasks.
  CHECK(outcome.changes.size() == 13);
  CHECK(outcome.count(Change::Kind::added) == 13);
  CHECK(outcome.refusals.empty());
  REQUIRE(outcome.changes.size() == 13);
  CHECK(outcome.changes[0].entity == "unit");
  CHECK(outcome.changes[5].entity == "inspection");
  CHECK(outcome.changes[6].key == "cp/niem-yet");
  CHECK(outcome.changes[8].key == "cp/bao-cao@bau-can");
  CHECK(event_count(*store) == 13);

  SUBCASE("units") {
    const auto units = store->units();
    REQUIRE(units.size() == 5);
    // By name (in bytes here: no name order was given): "Phòng …" before "UBND …".
    CHECK(units[0].key == "noi-vu");
    CHECK(units[1].key == "chu-prong");
    CHECK(units[2].key == "bau-can");
    CHECK(units[2].parent == "chu-prong");
    const auto district = store->unit("chu-prong");
    REQUIRE(district);
    CHECK(*district == sample_plan().units[0]);
    CHECK_FALSE(store->unit("nowhere"));
  }
  SUBCASE("the inspection and its findings") {
    const auto inspection = store->inspection("cp");
    REQUIRE(inspection);
    CHECK(*inspection == sample_plan().inspections[0].inspection);
    CHECK(store->inspections().size() == 1);
    const auto finding = store->finding("cp", "mot-cua");
    REQUIRE(finding);
    CHECK(*finding == sample_plan().inspections[0].findings[1]);
    CHECK(store->findings({}).size() == 2);
    CHECK_FALSE(store->finding("cp", "nothing"));
  }
  SUBCASE("tasks, one per assignee, with their deadlines as written") {
    TaskFilter by_key;
    by_key.sort = TaskSort::key;
    const auto tasks = store->tasks(by_key);
    CHECK(keys_of(tasks) == std::vector<std::string>{"cp/bao-cao@bau-can", "cp/bao-cao@binh-giao",
                                                     "cp/ket-thuc@chu-prong",
                                                     "cp/tu-kiem-tra@ia-me", "cp/quy-che@ia-me"});
    const auto plan = sample_plan();
    for (const auto& t : tasks) {
      const auto& p =
          *std::find_if(plan.inspections[0].tasks.begin(), plan.inspections[0].tasks.end(),
                        [&](const auto& x) { return x.full_key() == t.full_key(); });
      CHECK(t.id > 0);
      CHECK(t.action == p.action);
      CHECK(t.due == p.due);
      CHECK(t.last_day == p.last_day);
      CHECK(t.target == p.target);
      CHECK(t.report_to == p.report_to);
      CHECK(t.status == Status::open);
      CHECK_FALSE(t.done_on);
      CHECK(t.inspection_title == "Kiểm tra CCHC tại huyện Chư Prông");
      // Not a recurring task; a plan that names no calendar gets the default.
      CHECK(t.period.empty());
      CHECK_FALSE(t.repeat);
      CHECK(t.calendar == "vn");
      CHECK_FALSE(t.due_provisional);
    }
    CHECK(tasks[0].findings == std::vector<std::string>{"mot-cua", "niem-yet"});
    CHECK(tasks[0].assignee_name == "UBND xã Bàu Cạn");
    CHECK(tasks[0].report_to_name == "Phòng Nội vụ");
    CHECK(tasks[2].findings == std::vector<std::string>{"mot-cua"});
    CHECK(tasks[3].findings.empty());
  }
  SUBCASE("events") {
    const auto t = store->task_by_key("cp/bao-cao@bau-can");
    REQUIRE(t);
    const auto history = store->events(t->id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].action == "import");
    CHECK(history[0].entity == "task");
    CHECK(history[0].key == "cp/bao-cao@bau-can");
    CHECK(history[0].task_id == t->id);
    CHECK(history[0].actor == "tester");
    CHECK(history[0].at == "2021-07-20T08:00:00Z");
    CHECK(history[0].after == "Báo cáo kết quả khắc phục");
    const auto unit_history = store->events_for("unit", "noi-vu");
    REQUIRE(unit_history.size() == 1);
    CHECK(unit_history[0].after == "Phòng Nội vụ");
    CHECK(unit_history[0].task_id == 0);
    CHECK(store->events_for("finding", "cp/niem-yet").size() == 1);
  }
}

TEST_CASE("importing the same plan again changes nothing") {
  auto store = memory();
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  const auto tasks_before = store->tasks({});
  const auto outcome = test_support::import_plan(*store, sample_plan(), at("2021-07-21T08:00:00Z"));
  CHECK(outcome.count(Change::Kind::unchanged) == 13);
  CHECK(outcome.changes.size() == 13);
  CHECK(event_count(*store) == 13);
  CHECK(keys_of(store->tasks({})) == keys_of(tasks_before));
  CHECK(store->tasks({})[0].id == tasks_before[0].id);
}

TEST_CASE("an edited plan updates in place, field by field, with events") {
  auto store = memory();
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  const auto id = store->task_by_key("cp/bao-cao@bau-can")->id;

  auto plan = sample_plan();
  auto& t = plan.inspections[0].tasks[0];
  t.action = "Báo cáo kết quả khắc phục, kiểm điểm trách nhiệm";
  t.due = due_before(day(2021, 7, 25), "before: 25/7/2021");
  t.last_day = day(2021, 7, 24);
  t.findings = {"niem-yet"};
  plan.units[1].name = "Phòng Nội vụ huyện";
  plan.inspections[0].inspection.title = "Kiểm tra CCHC năm 2021";
  plan.inspections[0].findings[0].text = "Niêm yết chưa đúng quy định.";
  plan.inspections[0].findings[1].indicator->value = 20.0;

  const auto outcome = test_support::import_plan(*store, plan, at("2021-07-21T09:00:00Z"));
  CHECK(outcome.count(Change::Kind::changed) == 5);
  CHECK(outcome.count(Change::Kind::unchanged) == 8);

  const Change* task_change = find_change(outcome, "task", "cp/bao-cao@bau-can");
  REQUIRE(task_change);
  CHECK(task_change->kind == Change::Kind::changed);
  CHECK(task_change->fields == std::vector<std::string>{"action", "findings", "due", "last_day"});
  CHECK(find_change(outcome, "unit", "noi-vu")->fields == std::vector<std::string>{"name"});
  CHECK(find_change(outcome, "inspection", "cp")->fields == std::vector<std::string>{"title"});
  CHECK(find_change(outcome, "finding", "cp/niem-yet")->fields == std::vector<std::string>{"text"});
  CHECK(find_change(outcome, "finding", "cp/mot-cua")->fields ==
        std::vector<std::string>{"indicator"});
  CHECK(find_change(outcome, "task", "cp/bao-cao@binh-giao")->kind == Change::Kind::unchanged);

  const auto stored = store->task(id);
  REQUIRE(stored);
  CHECK(stored->action == t.action);
  CHECK(stored->due == t.due);
  CHECK(stored->last_day == day(2021, 7, 24));
  CHECK(stored->findings == std::vector<std::string>{"niem-yet"});

  const auto history = store->events(id);
  REQUIRE(history.size() == 5);
  CHECK(history[1].action == "update");
  CHECK(history[1].field == "action");
  CHECK(history[1].before == "Báo cáo kết quả khắc phục");
  CHECK(history[1].after == "Báo cáo kết quả khắc phục, kiểm điểm trách nhiệm");
  CHECK(history[2].field == "findings");
  CHECK(history[2].before == "mot-cua, niem-yet");
  CHECK(history[2].after == "niem-yet");
  CHECK(history[3].field == "due");
  CHECK(history[3].before == "before: 22/7/2021");
  CHECK(history[3].after == "before: 25/7/2021");
  CHECK(history[4].field == "last_day");
  CHECK(history[4].before == "2021-07-21");
  CHECK(history[4].after == "2021-07-24");
  CHECK(history[4].at == "2021-07-21T09:00:00Z");

  const auto unit_history = store->events_for("unit", "noi-vu");
  REQUIRE(unit_history.size() == 2);
  CHECK(unit_history[1].before == "Phòng Nội vụ");
  CHECK(unit_history[1].after == "Phòng Nội vụ huyện");
  const auto finding_history = store->events_for("finding", "cp/mot-cua");
  REQUIRE(finding_history.size() == 2);
  CHECK(finding_history[1].before == "hồ sơ trực tuyến: 12.5 / 50 %");
  CHECK(finding_history[1].after == "hồ sơ trực tuyến: 20 / 50 %");

  CHECK(test_support::import_plan(*store, plan, at("2021-07-22T09:00:00Z")).count(Change::Kind::unchanged) == 13);
}

TEST_CASE("an import never changes status or done date") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_sqlite(path, read_write());
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("UPDATE tasks SET status = 'done', done_on = '2021-07-19' WHERE key = 'bao-cao'");
  }
  auto plan = sample_plan();
  plan.inspections[0].tasks[0].action = "Báo cáo lại";
  plan.inspections[0].tasks[0].status = Status::open;
  const auto outcome = test_support::import_plan(*store, plan, at("2021-07-21T08:00:00Z"));
  CHECK(find_change(outcome, "task", "cp/bao-cao@bau-can")->kind == Change::Kind::changed);
  const auto t = store->task_by_key("cp/bao-cao@bau-can");
  REQUIRE(t);
  CHECK(t->action == "Báo cáo lại");
  CHECK(t->status == Status::done);
  CHECK(t->done_on == day(2021, 7, 19));
}

TEST_CASE("rows missing from a re-imported inspection are reported and kept") {
  auto store = memory();
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  auto plan = sample_plan();
  auto& ip = plan.inspections[0];
  ip.tasks.erase(ip.tasks.begin() + 1);  // bao-cao@binh-giao
  ip.tasks.erase(ip.tasks.begin() + 1);  // ket-thuc@chu-prong (links mot-cua)
  ip.tasks[0].findings = {"niem-yet"};
  ip.findings.pop_back();  // mot-cua
  const auto outcome = test_support::import_plan(*store, plan, at("2021-07-21T08:00:00Z"));
  CHECK(outcome.count(Change::Kind::missing) == 3);
  CHECK(find_change(outcome, "task", "cp/bao-cao@binh-giao")->kind == Change::Kind::missing);
  CHECK(find_change(outcome, "task", "cp/ket-thuc@chu-prong")->kind == Change::Kind::missing);
  CHECK(find_change(outcome, "finding", "cp/mot-cua")->kind == Change::Kind::missing);
  CHECK(outcome.refusals.empty());
  CHECK(store->tasks({}).size() == 5);
  CHECK(store->findings({}).size() == 2);
  // Order: the inspection, its findings (plan order, then missing), its tasks.
  std::vector<std::string> order;
  for (const auto& c : outcome.changes) {
    if (c.entity != "unit") order.push_back(c.key);
  }
  CHECK(order == std::vector<std::string>{"cp", "cp/niem-yet", "cp/mot-cua", "cp/bao-cao@bau-can",
                                          "cp/quy-che@ia-me", "cp/tu-kiem-tra@ia-me",
                                          "cp/bao-cao@binh-giao", "cp/ket-thuc@chu-prong"});
}

TEST_CASE("--prune deletes what is missing, except tasks with progress") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_sqlite(path, read_write());
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  const auto kept_id = store->task_by_key("cp/ket-thuc@chu-prong")->id;
  const auto pruned_id = store->task_by_key("cp/bao-cao@binh-giao")->id;

  auto plan = sample_plan();
  auto& ip = plan.inspections[0];
  ip.tasks.erase(ip.tasks.begin() + 1, ip.tasks.begin() + 3);  // bao-cao@binh-giao, ket-thuc
  ip.tasks[0].findings = {"niem-yet"};
  ip.findings.pop_back();  // mot-cua, still linked from ket-thuc
  ImportOptions options = at("2021-07-21T08:00:00Z");
  options.prune = true;

  SUBCASE("a task done is refused, and so is the finding it links") {
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec("UPDATE tasks SET status = 'done', done_on = '2021-07-20' WHERE key = 'ket-thuc'");
    }
    const auto outcome = test_support::import_plan(*store, plan, options);
    CHECK(find_change(outcome, "task", "cp/bao-cao@binh-giao")->kind == Change::Kind::pruned);
    CHECK(find_change(outcome, "task", "cp/ket-thuc@chu-prong")->kind == Change::Kind::missing);
    CHECK(find_change(outcome, "finding", "cp/mot-cua")->kind == Change::Kind::missing);
    REQUIRE(outcome.refusals.size() == 2);
    CHECK(outcome.refusals[0].english() ==
          "task 'cp/ket-thuc@chu-prong' has progress (done); kept, not pruned");
    CHECK(outcome.refusals[1].english() ==
          "finding 'cp/mot-cua' is linked to task 'cp/ket-thuc@chu-prong', which is kept; not pruned");
    CHECK_FALSE(store->task(pruned_id));
    CHECK(store->task(kept_id));
    CHECK(store->task(kept_id)->findings == std::vector<std::string>{"mot-cua"});
    CHECK(store->finding("cp", "mot-cua"));

    const auto history = store->events(pruned_id);
    REQUIRE(history.size() == 2);
    CHECK(history[1].action == "prune");
    CHECK(history[1].before == "Báo cáo kết quả khắc phục");
  }
  SUBCASE("an open task with progress in its history is refused") {
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      SQLite::Statement q(
          raw,
          "INSERT INTO events (at, actor, action, entity, key, task_id, after)"
          " VALUES ('2021-07-20T10:00:00Z', 'x', 'note', 'task', 'k', ?, 'đang làm')");
      q.bind(1, static_cast<std::int64_t>(kept_id));
      q.exec();
    }
    const auto outcome = test_support::import_plan(*store, plan, options);
    REQUIRE(outcome.refusals.size() == 2);
    CHECK(outcome.refusals[0].english() ==
          "task 'cp/ket-thuc@chu-prong' has progress (note in its history); kept, not pruned");
    CHECK(store->task(kept_id));
  }
  SUBCASE("without progress everything missing goes, the history stays") {
    const auto outcome = test_support::import_plan(*store, plan, options);
    CHECK(outcome.count(Change::Kind::pruned) == 3);
    CHECK(outcome.refusals.empty());
    CHECK_FALSE(store->task(kept_id));
    CHECK_FALSE(store->finding("cp", "mot-cua"));
    CHECK(store->tasks({}).size() == 3);
    CHECK(store->events_for("finding", "cp/mot-cua").back().action == "prune");
    CHECK(store->events(kept_id).size() == 2);

    // A new task never takes a pruned task's id: the history stays unambiguous.
    auto again = sample_plan();
    test_support::import_plan(*store, again, at("2021-07-22T08:00:00Z"));
    const auto back = store->task_by_key("cp/ket-thuc@chu-prong");
    REQUIRE(back);
    CHECK(back->id != kept_id);
    CHECK(back->id != pruned_id);
  }
}

TEST_CASE("a dry run reports and writes nothing") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_sqlite(path, read_write());
  ImportOptions dry = at("2021-07-20T08:00:00Z");
  dry.dry_run = true;

  SUBCASE("a first import") {
    const auto outcome = test_support::import_plan(*store, sample_plan(), dry);
    CHECK(outcome.count(Change::Kind::added) == 13);
    CHECK(store->units().empty());
    CHECK(store->tasks({}).empty());
    CHECK(event_count(*store) == 0);
  }
  SUBCASE("a prune") {
    test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
    auto plan = sample_plan();
    plan.inspections[0].tasks.pop_back();
    plan.inspections[0].tasks[0].action = "khác";
    dry.prune = true;
    const auto outcome = test_support::import_plan(*store, plan, dry);
    CHECK(outcome.count(Change::Kind::pruned) == 1);
    CHECK(outcome.count(Change::Kind::changed) == 1);
    CHECK(store->tasks({}).size() == 5);
    CHECK(store->task_by_key("cp/bao-cao@bau-can")->action == "Báo cáo kết quả khắc phục");
    CHECK(event_count(*store) == 13);
    // And the connection is usable for writing afterwards.
    CHECK(test_support::import_plan(*store, plan, at("2021-07-21T08:00:00Z")).count(Change::Kind::changed) == 1);
  }
}

TEST_CASE("an import that cannot be applied writes nothing") {
  auto store = memory();
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  auto plan = sample_plan();
  plan.inspections[0].tasks[0].action = "đã sửa";
  plan.inspections[0].tasks.back().assignee = "khong-co";
  try {
    test_support::import_plan(*store, plan, at("2021-07-21T08:00:00Z"));
    FAIL("expected StorageError");
  } catch (const StorageError& e) {
    CHECK(e.code() == ExitCode::data_error);
    CHECK(std::string(e.what()) == "unit 'khong-co' is not registered");
  }
  CHECK(store->task_by_key("cp/bao-cao@bau-can")->action == "Báo cáo kết quả khắc phục");
  CHECK(event_count(*store) == 13);
}

TEST_CASE("units are stored parents first whatever the plan's order") {
  auto store = memory();
  auto plan = sample_plan();
  std::reverse(plan.units.begin(), plan.units.end());
  plan.inspections.clear();
  const auto outcome = test_support::import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  CHECK(outcome.count(Change::Kind::added) == 5);
  CHECK(outcome.changes.front().key == "ia-me");
  CHECK(store->unit("ia-me")->parent == "chu-prong");
}

TEST_CASE("names are ordered by the comparison the store was opened with, every sort is total") {
  TempDir dir;
  OpenOptions options = read_write();
  // Any total order will do: storage knows no language. Here, names backwards.
  options.name_order = [](std::string_view a, std::string_view b) { return b.compare(a); };
  auto store = open_sqlite(dir.file("db"), options);
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  // Names backwards: Ia Me, Bình Giáo, Bàu Cạn, huyện Chư Prông, Phòng Nội vụ.
  std::vector<std::string> unit_keys;
  for (const auto& u : store->units()) unit_keys.push_back(u.key);
  CHECK(unit_keys == std::vector<std::string>{"ia-me", "binh-giao", "bau-can", "chu-prong", "noi-vu"});
  std::vector<std::string> group_keys;
  for (const auto& g : store->group_names(Grouping::unit)) group_keys.push_back(g.key);
  CHECK(group_keys == unit_keys);

  const auto sorted = [&](TaskSort sort) {
    TaskFilter filter;
    filter.sort = sort;
    return keys_of(store->tasks(filter));
  };
  CHECK(sorted(TaskSort::unit) == std::vector<std::string>{"cp/tu-kiem-tra@ia-me", "cp/quy-che@ia-me",
                                                           "cp/bao-cao@binh-giao", "cp/bao-cao@bau-can",
                                                           "cp/ket-thuc@chu-prong"});
  CHECK(sorted(TaskSort::inspection) == sorted(TaskSort::unit));  // one inspection
  CHECK(sorted(TaskSort::deadline) == std::vector<std::string>{"cp/bao-cao@binh-giao", "cp/bao-cao@bau-can",
                                                               "cp/tu-kiem-tra@ia-me",
                                                               "cp/ket-thuc@chu-prong", "cp/quy-che@ia-me"});
  // No language changes the key order.
  CHECK(sorted(TaskSort::key) == std::vector<std::string>{"cp/bao-cao@bau-can", "cp/bao-cao@binh-giao",
                                                          "cp/ket-thuc@chu-prong", "cp/tu-kiem-tra@ia-me",
                                                          "cp/quy-che@ia-me"});
  std::vector<std::string> streamed;
  store->each_overdue(day(2021, 9, 1), {},
                      [&](const inspectrack::model::Task& t) { streamed.push_back(t.full_key()); });
  CHECK(streamed == std::vector<std::string>{"cp/tu-kiem-tra@ia-me", "cp/bao-cao@binh-giao",
                                             "cp/bao-cao@bau-can", "cp/ket-thuc@chu-prong"});
}

TEST_CASE("a grouping brings each group's rows together ahead of the sort, groups in name order") {
  TempDir dir;
  OpenOptions options = read_write();
  // Names backwards, as above: the groups follow the store's name order, not bytes.
  options.name_order = [](std::string_view a, std::string_view b) { return b.compare(a); };
  auto store = open_sqlite(dir.file("db"), options);
  auto plan = sample_plan();
  plan.inspections[0].tasks[2].report_to = "chu-prong";  // ket-thuc
  // Four more inspections of one task each: concluded later, earlier, and two undated.
  const auto copy = [&](const std::string& key, const std::string& title, std::optional<Date> concluded) {
    auto ip = plan.inspections[0];
    ip.source = key + ".yaml";
    ip.inspection.key = key;
    ip.inspection.title = title;
    ip.inspection.conclusion.date = concluded;
    for (auto& f : ip.findings) f.inspection = key;
    ip.tasks = {ip.tasks[0]};
    ip.tasks[0].inspection = key;
    plan.inspections.push_back(ip);
  };
  copy("a-late", "A: kết luận sau", day(2021, 8, 1));
  copy("z-early", "Z: kết luận trước", day(2021, 3, 1));
  copy("m-undated", "M: chưa có ngày", std::nullopt);
  copy("n-undated", "N: chưa có ngày", std::nullopt);
  test_support::import_plan(*store, plan, at("2021-07-20T08:00:00Z"));

  const auto grouped = [&](TaskGroup group, TaskSort sort) {
    TaskFilter filter;
    filter.group = group;
    filter.sort = sort;
    return keys_of(store->tasks(filter));
  };
  // By conclusion date, the oldest order first; undated last, by title (backwards here).
  CHECK(grouped(TaskGroup::inspection, TaskSort::deadline) ==
        std::vector<std::string>{"z-early/bao-cao@bau-can", "cp/bao-cao@binh-giao", "cp/bao-cao@bau-can",
                                 "cp/tu-kiem-tra@ia-me", "cp/ket-thuc@chu-prong", "cp/quy-che@ia-me",
                                 "a-late/bao-cao@bau-can", "n-undated/bao-cao@bau-can",
                                 "m-undated/bao-cao@bau-can"});
  // Under the key sort, the groups by key too.
  CHECK(grouped(TaskGroup::inspection, TaskSort::key) ==
        std::vector<std::string>{"a-late/bao-cao@bau-can", "cp/bao-cao@bau-can", "cp/bao-cao@binh-giao",
                                 "cp/ket-thuc@chu-prong", "cp/tu-kiem-tra@ia-me", "cp/quy-che@ia-me",
                                 "m-undated/bao-cao@bau-can", "n-undated/bao-cao@bau-can",
                                 "z-early/bao-cao@bau-can"});
  // The unit reported to by name (UBND huyện Chư Prông before Phòng Nội vụ, backwards);
  // tasks reported to no one last.
  CHECK(grouped(TaskGroup::report_to, TaskSort::unit) ==
        std::vector<std::string>{"cp/ket-thuc@chu-prong", "cp/bao-cao@binh-giao", "a-late/bao-cao@bau-can",
                                 "cp/bao-cao@bau-can", "m-undated/bao-cao@bau-can",
                                 "n-undated/bao-cao@bau-can", "z-early/bao-cao@bau-can",
                                 "cp/tu-kiem-tra@ia-me", "cp/quy-che@ia-me"});
  // The unit's name leads when the sort does not: Ia Me, Bình Giáo, Bàu Cạn, Chư Prông.
  CHECK(grouped(TaskGroup::unit, TaskSort::deadline) ==
        std::vector<std::string>{"cp/tu-kiem-tra@ia-me", "cp/quy-che@ia-me", "cp/bao-cao@binh-giao",
                                 "a-late/bao-cao@bau-can", "cp/bao-cao@bau-can", "m-undated/bao-cao@bau-can",
                                 "n-undated/bao-cao@bau-can", "z-early/bao-cao@bau-can",
                                 "cp/ket-thuc@chu-prong"});
  // The unit and key sorts bring a unit's rows together already: the same rows.
  CHECK(grouped(TaskGroup::unit, TaskSort::unit) == grouped(TaskGroup::none, TaskSort::unit));
  CHECK(grouped(TaskGroup::unit, TaskSort::key) == grouped(TaskGroup::none, TaskSort::key));
  // Streamed reports follow the grouping too.
  TaskFilter filter;
  filter.group = TaskGroup::report_to;
  std::vector<std::string> streamed;
  store->each_overdue(day(2021, 9, 1), filter,
                      [&](const inspectrack::model::Task& t) { streamed.push_back(t.full_key()); });
  CHECK(streamed.front() == "cp/ket-thuc@chu-prong");
  CHECK(streamed.back() == "cp/tu-kiem-tra@ia-me");
}

TEST_CASE("the comparison of names is first called by the store, outside SQLite, where it may throw") {
  TempDir dir;
  auto store = open_sqlite(dir.file("db"), read_write());
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  store.reset();
  // As cli::open_store's comparison does when ICU cannot be loaded: its first call
  // throws; no call may come first from inside SQLite's sort.
  OpenOptions options = read_write();
  auto calls = std::make_shared<std::vector<std::string>>();
  options.name_order = [calls](std::string_view a, std::string_view b) {
    calls->push_back(std::string(a) + "|" + std::string(b));
    if (calls->size() == 1) throw std::runtime_error("no library");
    return a.compare(b);
  };
  store = open_sqlite(dir.file("db"), options);
  TaskFilter by_key;
  by_key.sort = TaskSort::key;
  CHECK(keys_of(store->tasks(by_key)).size() == 5);
  CHECK(calls->empty());  // no names ordered, no call
  CHECK_THROWS_WITH(store->units(), "no library");
  REQUIRE(calls->size() == 1);
  CHECK(calls->front() == "|");
  CHECK(store->units().size() == 5);
  CHECK(store->group_names(Grouping::unit).size() == 5);
  TaskFilter by_unit;
  by_unit.sort = TaskSort::unit;
  CHECK(keys_of(store->tasks(by_unit)).size() == 5);
}

TEST_CASE("overdue and due_between select open tasks by last day, in report order") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto store = open_sqlite(path, read_write());
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));

  // Last days: bao-cao 07-21 (bau-can, binh-giao), tu-kiem-tra 07-29 (ia-me),
  // ket-thuc 07-31 (chu-prong), quy-che none (ia-me).
  CHECK(store->overdue(day(2021, 7, 21), {}).empty());
  CHECK(keys_of(store->overdue(day(2021, 7, 22), {})) ==
        std::vector<std::string>{"cp/bao-cao@bau-can", "cp/bao-cao@binh-giao"});
  // By the assignee's name: "UBND huyện Chư Prông" before "UBND xã …".
  CHECK(keys_of(store->overdue(day(2021, 9, 1), {})) ==
        std::vector<std::string>{"cp/ket-thuc@chu-prong", "cp/bao-cao@bau-can", "cp/bao-cao@binh-giao",
                                 "cp/tu-kiem-tra@ia-me"});
  CHECK(keys_of(store->due_between(day(2021, 7, 22), day(2021, 7, 31), {})) ==
        std::vector<std::string>{"cp/ket-thuc@chu-prong", "cp/tu-kiem-tra@ia-me"});
  CHECK(keys_of(store->due_between(day(2021, 7, 21), day(2021, 7, 21), {})).size() == 2);

  SUBCASE("a task that is done is neither overdue nor due") {
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec("UPDATE tasks SET status = 'done' WHERE key = 'bao-cao'");
    }
    CHECK(keys_of(store->overdue(day(2021, 7, 22), {})).empty());
    CHECK(store->due_between(day(2021, 7, 1), day(2021, 7, 21), {}).empty());
    TaskFilter done;
    done.status = Status::done;
    CHECK(store->tasks(done).size() == 2);
  }
  SUBCASE("with a filter") {
    TaskFilter f;
    f.unit = "binh-giao";
    CHECK(keys_of(store->overdue(day(2021, 9, 1), f)) ==
          std::vector<std::string>{"cp/bao-cao@binh-giao"});
  }
  SUBCASE("any_overdue says whether overdue() has a row") {
    CHECK_FALSE(store->any_overdue(day(2021, 7, 21), {}));
    CHECK(store->any_overdue(day(2021, 7, 22), {}));
    TaskFilter f;
    f.unit = "ia-me";
    CHECK_FALSE(store->any_overdue(day(2021, 7, 29), f));  // tu-kiem-tra's last day
    CHECK(store->any_overdue(day(2021, 7, 30), f));
    f.unit = "chu-prong";
    f.report_to = "noi-vu";  // ket-thuc reports to nobody
    CHECK_FALSE(store->any_overdue(day(2021, 9, 1), f));
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      raw.exec("UPDATE tasks SET status = 'done' WHERE key IN ('bao-cao', 'tu-kiem-tra', 'ket-thuc')");
    }
    CHECK_FALSE(store->any_overdue(day(2022, 1, 1), {}));  // quy-che has no deadline
  }
}

TEST_CASE("task filters") {
  auto store = memory();
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  TaskFilter f;
  SUBCASE("by assignee") {
    f.unit = "ia-me";
    CHECK(keys_of(store->tasks(f)) ==
          std::vector<std::string>{"cp/tu-kiem-tra@ia-me", "cp/quy-che@ia-me"});
  }
  SUBCASE("by inspection") {
    f.inspection = "cp";
    CHECK(store->tasks(f).size() == 5);
    f.inspection = "other";
    CHECK(store->tasks(f).empty());
  }
  SUBCASE("by report_to") {
    f.report_to = "noi-vu";
    CHECK(keys_of(store->tasks(f)) ==
          std::vector<std::string>{"cp/bao-cao@bau-can", "cp/bao-cao@binh-giao"});
  }
  SUBCASE("by area: exact or a prefix ending at a dot") {
    f.area = "hien-dai-hoa.mot-cua";
    CHECK(store->tasks(f).size() == 3);
    f.area = "hien-dai-hoa";
    CHECK(store->tasks(f).size() == 3);
    f.area = "tthc";
    CHECK(keys_of(store->tasks(f)) ==
          std::vector<std::string>{"cp/bao-cao@bau-can", "cp/bao-cao@binh-giao"});
    f.area = "hien";
    CHECK(store->tasks(f).empty());
    f.area = "tthc_cong-khai";
    CHECK(store->tasks(f).empty());
  }
  SUBCASE("by status") {
    f.status = Status::open;
    CHECK(store->tasks(f).size() == 5);
    f.status = Status::cancelled;
    CHECK(store->tasks(f).empty());
  }
  SUBCASE("findings") {
    FindingFilter ff;
    ff.unit = "bau-can";
    REQUIRE(store->findings(ff).size() == 1);
    CHECK(store->findings(ff)[0].key == "mot-cua");
    ff = {};
    ff.area = "tthc";
    REQUIRE(store->findings(ff).size() == 1);
    CHECK(store->findings(ff)[0].key == "niem-yet");
    ff.area = "tthc.cong";
    CHECK(store->findings(ff).empty());
    ff = {};
    ff.inspection = "cp";
    CHECK(store->findings(ff).size() == 2);
  }
}

TEST_CASE("date ranges: the deadline in force, the conclusion's date, the inspection's date") {
  // cp: visited 30/6–1/7/2021, concluded 15/7/2021. Two more inspections, one task each:
  // "visit" visited 30/12/2020 with no conclusion date, "undated" with no date at all.
  auto plan = sample_plan();
  for (const char* key : {"visit", "undated"}) {
    auto& ip = plan.inspections.emplace_back();
    ip.source = std::string(key) + ".yaml";
    ip.inspection.key = key;
    ip.inspection.title = key;
    if (ip.inspection.key == "visit") ip.inspection.from = day(2020, 12, 30);
    ip.tasks = {task("t", "ia-me", "Khắc phục", due_on(day(2021, 1, 10), "10/1/2021"), day(2021, 1, 10))};
    ip.tasks.back().inspection = key;
  }
  auto store = memory();
  test_support::import_plan(*store, plan, at("2021-07-20T08:00:00Z"));
  TaskFilter f;
  const auto keys = [&] { return keys_of(store->tasks(f)); };
  SUBCASE("deadline: both ends included, either alone; a task with no deadline never matches") {
    // Last days: bao-cao 21/7 (two), tu-kiem-tra 29/7, ket-thuc 31/7, quy-che none.
    f.deadline = {day(2021, 7, 21), day(2021, 7, 29)};
    CHECK(keys() ==
          std::vector<std::string>{"cp/bao-cao@bau-can", "cp/bao-cao@binh-giao", "cp/tu-kiem-tra@ia-me"});
    f.deadline = {day(2021, 7, 22), day(2021, 7, 30)};
    CHECK(keys() == std::vector<std::string>{"cp/tu-kiem-tra@ia-me"});
    f.deadline = {day(2021, 7, 31), std::nullopt};
    CHECK(keys() == std::vector<std::string>{"cp/ket-thuc@chu-prong"});
    f.deadline = {std::nullopt, day(2021, 7, 20)};
    CHECK(keys() == std::vector<std::string>{"undated/t@ia-me", "visit/t@ia-me"});
    f.deadline = {day(2000, 1, 1), day(2100, 12, 31)};
    CHECK(keys().size() == 6);  // all 7 but quy-che
    // With the overdue and due ranges, and in a summary's tallies.
    f.deadline = {day(2021, 7, 22), std::nullopt};
    CHECK(keys_of(store->overdue(day(2021, 9, 1), f)) ==
          std::vector<std::string>{"cp/ket-thuc@chu-prong", "cp/tu-kiem-tra@ia-me"});
    CHECK(store->any_overdue(day(2021, 9, 1), f));
    CHECK_FALSE(store->any_overdue(day(2021, 7, 29), f));
    CHECK(keys_of(store->due_between(day(2021, 7, 1), day(2021, 7, 30), f)) ==
          std::vector<std::string>{"cp/tu-kiem-tra@ia-me"});
    int tallied = 0;
    store->each_tally(Grouping::unit, f, [&](const TaskTally&) { ++tallied; });
    CHECK(tallied == 2);
  }
  SUBCASE("conclusion date: both ends included; an inspection with none never matches") {
    f.concluded = {day(2021, 7, 15), day(2021, 7, 15)};
    CHECK(store->tasks(f).size() == 5);
    f.concluded = {day(2021, 7, 16), std::nullopt};
    CHECK(store->tasks(f).empty());
    f.concluded = {std::nullopt, day(2021, 7, 14)};
    CHECK(store->tasks(f).empty());
    f.concluded = {std::nullopt, day(2100, 1, 1)};
    CHECK(store->tasks(f).size() == 5);  // neither "visit" nor "undated"
    CHECK(keys_of(store->overdue(day(2021, 9, 1), f)).size() == 4);
    FindingFilter ff;
    ff.concluded = f.concluded;
    CHECK(store->findings(ff).size() == 2);
    ff.concluded = {day(2021, 7, 16), std::nullopt};
    CHECK(store->findings(ff).empty());
    CHECK(store->finding_counts(Grouping::inspection, ff).empty());
  }
  SUBCASE("the inspection's date: its conclusion's, else its visit's first day") {
    f.dated = {day(2021, 1, 1), day(2021, 12, 31)};
    CHECK(store->tasks(f).size() == 5);  // cp by its conclusion
    f.dated = {day(2020, 1, 1), day(2020, 12, 31)};
    CHECK(keys() == std::vector<std::string>{"visit/t@ia-me"});
    f.dated = {day(2021, 6, 30), day(2021, 7, 14)};  // cp's visit, but it is dated by its conclusion
    CHECK(store->tasks(f).empty());
    f.dated = {std::nullopt, day(2100, 1, 1)};
    CHECK(store->tasks(f).size() == 6);  // all but "undated"
    int tallied = 0;
    store->each_tally(Grouping::inspection, f, [&](const TaskTally&) { ++tallied; });
    CHECK(tallied == 6);
  }
  SUBCASE("ranges combine with each other and with the other filters") {
    f.dated = {day(2021, 1, 1), day(2021, 12, 31)};
    f.deadline = {day(2021, 7, 29), std::nullopt};
    f.unit = "ia-me";
    CHECK(keys() == std::vector<std::string>{"cp/tu-kiem-tra@ia-me"});
  }
}

TEST_CASE("task_by_key takes the full key or a unique prefix") {
  auto store = memory();
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  CHECK(store->task_by_key("cp/bao-cao@bau-can")->assignee == "bau-can");
  CHECK(store->task_by_key("cp/ket")->key == "ket-thuc");
  CHECK(store->task_by_key("cp/bao-cao@binh")->assignee == "binh-giao");
  CHECK_FALSE(store->task_by_key("cp/bao-cao"));  // two assignees
  CHECK_FALSE(store->task_by_key("cp/nothing"));
  CHECK_FALSE(store->task_by_key("cp/bao-cao@b"));  // bau-can or binh-giao
  CHECK_FALSE(store->task_by_key(""));
  CHECK_FALSE(store->task_by_key("%"));
  const auto id = store->task_by_key("cp/quy")->id;
  CHECK(store->task(id)->full_key() == "cp/quy-che@ia-me");
  CHECK_FALSE(store->task(id + 1000));
}

TEST_CASE("events are append-only") {
  TempDir dir;
  const std::string path = dir.file("db");
  test_support::import_plan(*open_sqlite(path, read_write()), sample_plan(), at("2021-07-20T08:00:00Z"));
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH_AS(raw.exec("UPDATE events SET actor = 'someone else'"),
                       "events are append-only", SQLite::Exception);
  CHECK_THROWS_WITH_AS(raw.exec("DELETE FROM events"), "events are append-only", SQLite::Exception);
  CHECK(raw.execAndGet("SELECT count(*) FROM events WHERE actor = 'tester'").getInt() == 13);
}

TEST_CASE("the overdue and due queries use the partial index") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(std::string(detail::schema_sql()));
  detail::register_name_order(db.getHandle(), {});
  const auto plan = [&](detail::TaskRange range, const TaskFilter& filter) {
    SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + detail::task_query_sql(filter, range));
    std::string out;
    while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
    return out;
  };
  TaskFilter none;
  CHECK(plan(detail::TaskRange::overdue, none).find("USING INDEX tasks_open_last_day") !=
        std::string::npos);
  CHECK(plan(detail::TaskRange::due_between, none).find("USING INDEX tasks_open_last_day") !=
        std::string::npos);
  TaskFilter by_inspection;
  by_inspection.inspection = "cp";
  CHECK(plan(detail::TaskRange::all, by_inspection).find("SCAN t") == std::string::npos);
  // A year's tasks are found through their inspections, not by reading every task; a
  // deadline range narrows the partial index's range.
  TaskFilter by_year;
  by_year.dated = {Date::from_ymd(2021, 1, 1), Date::from_ymd(2021, 12, 31)};
  by_year.concluded.from = Date::from_ymd(2021, 1, 1);
  CAPTURE(plan(detail::TaskRange::all, by_year));
  CHECK(plan(detail::TaskRange::all, by_year).find("SCAN t") == std::string::npos);
  TaskFilter by_deadline;
  by_deadline.deadline = {Date::from_ymd(2021, 1, 1), Date::from_ymd(2021, 12, 31)};
  CHECK(plan(detail::TaskRange::overdue, by_deadline).find("USING INDEX tasks_open_last_day") !=
        std::string::npos);
  for (const auto group : {TaskGroup::none, TaskGroup::unit, TaskGroup::inspection, TaskGroup::report_to}) {
    for (const auto sort : {TaskSort::unit, TaskSort::key, TaskSort::deadline, TaskSort::inspection}) {
      TaskFilter sorted;
      sorted.sort = sort;
      sorted.group = group;
      CHECK(plan(detail::TaskRange::overdue, sorted).find("USING INDEX tasks_open_last_day") !=
            std::string::npos);
      CHECK(plan(detail::TaskRange::due_between, sorted).find("USING INDEX tasks_open_last_day") !=
            std::string::npos);
    }
  }
  // A summary reads the tasks table once and joins nothing per task.
  for (const auto by : {Grouping::unit, Grouping::inspection}) {
    TaskFilter filtered;
    filtered.unit = "u";
    filtered.inspection = "i";
    filtered.report_to = "r";
    for (const TaskFilter& f : {none, filtered}) {
      SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + detail::task_tally_sql(by, f));
      std::string out;
      while (q.executeStep()) out += q.getColumn(3).getString() + "\n";
      CAPTURE(out);
      CHECK(out.find("USING INTEGER PRIMARY KEY") == std::string::npos);  // a join per task
      CHECK(out.find("SCAN units") == std::string::npos);
    }
  }
  SQLite::Statement history(db, "EXPLAIN QUERY PLAN SELECT id FROM events"
                                " WHERE entity = ? AND key = ? AND task_id IS NULL ORDER BY id");
  std::string history_plan;
  while (history.executeStep()) history_plan += history.getColumn(3).getString() + "\n";
  CHECK(history_plan.find("USING INDEX events_entity") != std::string::npos);
  SQLite::Statement exists(db, "EXPLAIN QUERY PLAN " + detail::task_exists_sql(none, detail::TaskRange::overdue));
  std::string exists_plan;
  while (exists.executeStep()) exists_plan += exists.getColumn(3).getString() + "\n";
  CHECK(exists_plan.find("USING INDEX tasks_open_last_day") != std::string::npos);
}

TEST_CASE("two connections in WAL mode: a write goes ahead of a reader and waits for a writer") {
  TempDir dir;
  const std::string path = dir.file("db");
  auto writer = open_sqlite(path, read_write());
  test_support::import_plan(*writer, sample_plan(), at("2021-07-20T08:00:00Z"));

  SUBCASE("a write while another connection holds a read transaction") {
    SQLite::Database reader(path, SQLite::OPEN_READONLY);
    SQLite::Transaction read_tx(reader);
    CHECK(reader.execAndGet("SELECT count(*) FROM tasks").getInt() == 5);  // snapshot taken
    auto plan = sample_plan();
    plan.inspections[0].tasks[0].action = "đổi";
    CHECK(test_support::import_plan(*writer, plan, at("2021-07-21T08:00:00Z")).count(Change::Kind::changed) == 1);
    CHECK(reader.execAndGet("SELECT count(*) FROM events").getInt() == 13);  // old snapshot
    auto other = open_sqlite(path, read_only());
    CHECK(other->task_by_key("cp/bao-cao@bau-can")->action == "đổi");
  }
  SUBCASE("a write while another connection holds the write lock is busy") {
    SQLite::Database holder(path, SQLite::OPEN_READWRITE);
    SQLite::Transaction lock(holder, SQLite::TransactionBehavior::IMMEDIATE);
    OpenOptions quick = read_write();
    quick.busy_timeout_ms = 50;
    auto second = open_sqlite(path, quick);
    try {
      test_support::import_plan(*second, sample_plan(), at("2021-07-21T08:00:00Z"));
      FAIL("expected StorageError");
    } catch (const StorageError& e) {
      CHECK(e.code() == ExitCode::temp_fail);
      CHECK(std::string(e.what()) == "database '" + path + "' is busy; try again later");
    }
    CHECK(second->tasks({}).size() == 5);  // reading still works
  }
}

TEST_CASE("several connections can create the same new database at once") {
  TempDir dir;
  const std::string path = dir.file("new/inspectrack.db");
  constexpr int kConnections = 4;
  std::vector<std::string> failures(kConnections);
  std::vector<int> added(kConnections, 0);
  {
    std::vector<std::thread> threads;
    for (int n = 0; n < kConnections; ++n) {
      threads.emplace_back([&, n] {
        try {
          auto store = open_sqlite(path, read_write());
          added[n] =
              test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z")).count(Change::Kind::added);
        } catch (const std::exception& e) {
          failures[n] = e.what();
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  for (const auto& f : failures) CHECK(f == "");
  // Exactly one connection added the rows; the others found them there.
  CHECK(std::count(added.begin(), added.end(), 13) == 1);
  CHECK(std::count(added.begin(), added.end(), 0) == kConnections - 1);
  auto store = open_sqlite(path, read_only());
  CHECK(store->tasks({}).size() == 5);
  CHECK(event_count(*store) == 13);
}

TEST_CASE("a new file removed by the process that made it is made again by one that waited for it") {
  TempDir dir;
  const std::string path = dir.file("new.db");
  auto first = open_sqlite(path, read_write());  // made the file; its schema holds the write lock
  REQUIRE(fs::exists(path));
  std::string failure;
  int added = -1;
  std::thread second([&] {
    try {
      auto store = open_sqlite(path, read_write());  // opens the same file, waits for the lock
      added = test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z")).count(Change::Kind::added);
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  // Long enough for the second connection to open the file first (were it later, it
  // would make a new file at once; the test would pass without the case it is for).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  first.reset();  // nothing was written: the file goes, and the lock with it
  second.join();
  CHECK(failure == "");
  CHECK(added == 13);
  // Written to a file at the path, not to the one removed under it.
  CHECK(open_sqlite(path, read_only())->tasks({}).size() == 5);
}

// ---------------------------------------------------------------------------
// Migration from schema version 1

namespace {

using inspectrack::calendar::CalendarRegistry;
using inspectrack::calendar::CalendarSpec;
using inspectrack::calendar::DayKind;
using inspectrack::calendar::SpecialDay;
using inspectrack::calendar::YearSpec;

// A database as a released version 1 of inspectrack left it: the schema of its
// fixture, in WAL mode, with units, an inspection, findings, three tasks
// (one done) linked to the findings, the history, and a fourth task pruned, so that
// the tasks' AUTOINCREMENT counter (4) is above the largest id (3).
void make_v1_database(const std::string& path, bool with_rows = true) {
  SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  raw.exec("PRAGMA journal_mode = WAL");
  raw.exec("PRAGMA foreign_keys = ON");
  SQLite::Transaction tx(raw);
  raw.exec(test_support::fixture_ddl(1));
  if (with_rows) {
    raw.exec(R"sql(
INSERT INTO units (id, key, name, kind, parent_id, head, emails) VALUES
  (1, 'd', 'UBND huyện D', 'district', NULL, 'Chủ tịch', 'd@example.vn'),
  (2, 'c1', 'UBND xã Một', 'commune', 1, NULL, NULL),
  (3, 'c2', 'UBND xã Hai', 'commune', 1, NULL, NULL);
INSERT INTO inspections (id, key, kind, title, authority, scope_id, from_date, to_date,
                         conclusion_number, conclusion_date, source_file) VALUES
  (1, 'k', 'visit', 'Kiểm tra CCHC', 'UBND tỉnh', 1, '2021-06-30', '2021-07-01', 'TB-UBND',
   '2021-07-15', 'k.yaml');
INSERT INTO findings (id, inspection_id, key, unit_id, area, severity, text) VALUES
  (1, 1, 'f1', 2, 'tthc.cong-khai', 'medium', 'Niêm yết chưa đúng quy định.'),
  (2, 1, 'f2', 3, NULL, NULL, 'Hồ sơ trễ hạn.');
INSERT INTO tasks (inspection_id, key, assignee_id, action, report_to_id, target, due_form,
                   due_text, due_date, due_period, due_counting, due_anchor, due_anchor_date,
                   last_day, status, done_on, created_at, updated_at) VALUES
  (1, 'a', 2, 'Báo cáo khắc phục', 1, 'hơn 50%', 'before', 'before: 22/7/2021', '2021-07-22',
   NULL, NULL, NULL, NULL, '2021-07-21', 'open', NULL, '2021-07-16T08:00:00Z',
   '2021-07-16T08:00:00Z'),
  (1, 'b', 3, 'Tự kiểm tra', NULL, NULL, 'within',
   'within: 10 working days, from: conclusion.date', NULL, 10, 'working_days',
   'conclusion_date', NULL, '2021-07-29', 'done', '2021-07-20', '2021-07-16T08:00:00Z',
   '2021-07-16T08:00:00Z'),
  (1, 'c', 2, 'Ban hành quy chế', NULL, NULL, 'none', 'none', NULL, NULL, NULL, NULL, NULL,
   NULL, 'open', NULL, '2021-07-16T08:00:00Z', '2021-07-16T08:00:00Z'),
  (1, 'gone', 3, 'Việc đã bỏ', NULL, NULL, 'date', '31/7/2021', '2021-07-31', NULL, NULL,
   NULL, NULL, '2021-07-31', 'open', NULL, '2021-07-16T08:00:00Z', '2021-07-16T08:00:00Z');
INSERT INTO task_findings (task_id, finding_id) VALUES (1, 1), (1, 2), (2, 2), (4, 2);
INSERT INTO events (at, actor, action, entity, key, task_id, field, before, after) VALUES
  ('2021-07-16T08:00:00Z', 'v1', 'import', 'task', 'k/a@c1', 1, NULL, NULL, 'Báo cáo khắc phục'),
  ('2021-07-16T08:00:00Z', 'v1', 'import', 'task', 'k/b@c2', 2, NULL, NULL, 'Tự kiểm tra'),
  ('2021-07-16T08:00:00Z', 'v1', 'import', 'task', 'k/c@c1', 3, NULL, NULL, 'Ban hành quy chế'),
  ('2021-07-16T08:00:00Z', 'v1', 'import', 'task', 'k/gone@c2', 4, NULL, NULL, 'Việc đã bỏ'),
  ('2021-07-20T08:00:00Z', 'v1', 'done', 'task', 'k/b@c2', 2, NULL, NULL, NULL),
  ('2021-07-21T08:00:00Z', 'v1', 'prune', 'task', 'k/gone@c2', 4, NULL, 'Việc đã bỏ', NULL);
DELETE FROM tasks WHERE id = 4;
)sql");
  }
  tx.commit();
}

// A reminder to `unit`, listing no task.
inspectrack::model::Reminder reminder_for_unit(const std::string& unit) {
  inspectrack::model::Reminder r;
  r.unit = unit;
  r.day = day(2021, 7, 26);
  r.sent_at = "2021-07-26T00:00:00Z";
  r.transport = "mbox";
  r.target = "out.mbox";
  r.message_id = "upgrade-" + unit + "@example.vn";
  r.to = {unit + "@example.vn"};
  r.actor = "tester";
  return r;
}

// Commits the pending upgrade of `store` with a change no table of version 1 holds:
// a reminder to unit `unit` (reminders came with version 3).
void commit_upgrade(Store& store, const std::string& unit = "c1") {
  REQUIRE(store.older_schema());
  REQUIRE(store.claim_reminder(reminder_for_unit(unit), [](const auto&) { return true; }));
  CHECK_FALSE(store.older_schema());
}

// What a migration must keep, table by table: every column version 1 had.
const std::vector<std::string> kV1Selects = {
    "SELECT * FROM units ORDER BY id",
    "SELECT * FROM inspections ORDER BY id",
    "SELECT * FROM findings ORDER BY id",
    "SELECT id, inspection_id, key, assignee_id, action, report_to_id, target, due_form,"
    " due_text, due_date, due_period, due_counting, due_anchor, due_anchor_date, last_day,"
    " status, done_on, created_at, updated_at FROM tasks ORDER BY id",
    "SELECT * FROM task_findings ORDER BY task_id, finding_id",
    "SELECT id, at, actor, action, entity, key, task_id, field, before, after FROM events"
    " ORDER BY id",
};

std::vector<std::vector<std::string>> v1_rows(SQLite::Database& db) {
  std::vector<std::vector<std::string>> out;
  for (const auto& select : kV1Selects) out.push_back(rows_of(db, select));
  return out;
}


}  // namespace

TEST_CASE("a version 1 database is migrated to the current version when opened for writing") {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  make_v1_database(path);
  std::vector<std::vector<std::string>> before;
  {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    REQUIRE(raw.execAndGet("PRAGMA user_version").getInt() == 1);
    REQUIRE(raw.execAndGet("SELECT seq FROM sqlite_sequence WHERE name = 'tasks'").getInt() == 4);
    before = v1_rows(raw);
    REQUIRE(before[3].size() == 3);  // tasks 1..3
    REQUIRE(before[4].size() == 3);  // the pruned task's link went with it
  }

  const std::string bytes_before = read_bytes(path);
  auto store = open_sqlite(path, read_write());
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  raw.exec("PRAGMA foreign_keys = ON");

  SUBCASE("nothing is written until a change is: closed without one, it is as it was") {
    CHECK(store->older_schema());
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 1);
    inspectrack::model::TaskChange verify;
    verify.kind = inspectrack::model::TaskChange::Kind::verify;
    CHECK(store->change_task(1, verify, {day(2021, 7, 21), "tester", "2021-07-21T08:00:00Z"}).outcome ==
          inspectrack::model::ChangeCheck::Outcome::refused);  // an open task
    CHECK_THROWS_AS(store->change_task(99, verify, {day(2021, 7, 21), "tester", "2021-07-21T08:00:00Z"}),
                    StorageError);
    CHECK_FALSE(store->claim_reminder(reminder_for_unit("c1"), [](const auto&) { return false; }));
    auto dry = at("2021-07-25T08:00:00Z");
    dry.dry_run = true;
    test_support::import_plan(*store, sample_plan(), dry);
    CHECK(test_support::import_plan(*store, inspectrack::import::ImportPlan{}, at("2021-07-25T08:00:00Z")).changes.empty());
    CHECK(store->older_schema());
    CHECK(store->task(1)->calendar == "vn");  // read through the pending upgrade
    store.reset();
    CHECK(read_bytes(path) == bytes_before);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 1);
  }
  SUBCASE("at the current version, with every row and id kept") {
    commit_upgrade(*store);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
    CHECK(raw.execAndGet("PRAGMA application_id").getInt() == detail::kApplicationId);
    CHECK(v1_rows(raw) == before);
    // The new columns take their defaults.
    CHECK(rows_of(raw,
                  "SELECT id, period, calendar, due_day, repeat_every, repeat_from, repeat_until,"
                  " due_provisional FROM tasks ORDER BY id") ==
          std::vector<std::string>{"1||vn|NULL|NULL|NULL|NULL|0", "2||vn|NULL|NULL|NULL|NULL|0",
                                   "3||vn|NULL|NULL|NULL|NULL|0"});
    CHECK(rows_of(raw, "SELECT count(*) FROM calendars") == std::vector<std::string>{"0"});
  }
  SUBCASE("the store reads the migrated tasks with their links") {
    const auto a = store->task(1);
    REQUIRE(a);
    CHECK(a->full_key() == "k/a@c1");
    CHECK(a->findings == std::vector<std::string>{"f1", "f2"});
    CHECK(a->report_to == std::optional<std::string>("d"));
    CHECK(a->last_day == day(2021, 7, 21));
    CHECK(a->calendar == "vn");
    CHECK(a->period.empty());
    CHECK_FALSE(a->repeat);
    const auto b = store->task_by_key("k/b@c2");
    REQUIRE(b);
    CHECK(b->id == 2);
    CHECK(b->status == Status::done);
    CHECK(b->done_on == day(2021, 7, 20));
    CHECK(b->due.counting == Due::Counting::working_days);
    CHECK(b->due.anchor == Due::Anchor::conclusion_date);
    CHECK(b->findings == std::vector<std::string>{"f2"});
    TaskFilter by_key;
    by_key.sort = TaskSort::key;
    CHECK(keys_of(store->tasks(by_key)) == std::vector<std::string>{"k/a@c1", "k/c@c1", "k/b@c2"});
    CHECK(store->events(2).size() == 2);
    CHECK(store->events(4).back().action == "prune");
  }
  SUBCASE("the tasks' counter is kept: a new task never takes a pruned task's id") {
    commit_upgrade(*store);
    CHECK(rows_of(raw, "SELECT name, seq FROM sqlite_sequence ORDER BY name") ==
          std::vector<std::string>{"reminders|1", "tasks|4"});
    raw.exec(
        "INSERT INTO tasks (inspection_id, key, assignee_id, action, due_form, due_text,"
        " created_at, updated_at) VALUES (1, 'new', 2, 'Mới', 'none', 'none', 'x', 'x')");
    CHECK(raw.getLastInsertRowid() == 5);
  }
  SUBCASE("the schema is exactly that of a new database") {
    commit_upgrade(*store);
    SQLite::Database fresh(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    fresh.exec(std::string(detail::schema_sql()));
    CHECK(schema_objects_unquoted(raw) == schema_objects_unquoted(fresh));
    CHECK(rows_of(raw, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  }
  SUBCASE("foreign keys hold and are enforced again") {
    // The first change prunes a task: while the upgrade is pending foreign keys are
    // off (its steps rebuild tables), and the task's links and its reminders'
    // references go all the same, removed by hand rather than by cascade.
    inspectrack::import::ImportPlan plan;
    inspectrack::import::InspectionPlan ip;
    ip.source = "k.yaml";
    ip.inspection = *store->inspection("k");
    for (const auto& f : store->findings({})) ip.findings.push_back(f);
    ip.tasks.push_back(*store->task_by_key("k/b@c2"));
    ip.tasks.push_back(*store->task_by_key("k/c@c1"));
    auto added = task("new", "c2", "Việc mới", due_none(), std::nullopt);
    added.inspection = "k";
    ip.tasks.push_back(added);
    plan.inspections.push_back(ip);
    ImportOptions options = at("2021-07-25T08:00:00Z");
    options.prune = true;
    const auto outcome = test_support::import_plan(*store, plan, options);
    CHECK(find_change(outcome, "task", "k/a@c1")->kind == Change::Kind::pruned);
    CHECK(find_change(outcome, "task", "k/b@c2")->kind == Change::Kind::unchanged);
    CHECK(find_change(outcome, "task", "k/c@c1")->kind == Change::Kind::unchanged);
    CHECK(find_change(outcome, "inspection", "k")->kind == Change::Kind::unchanged);
    CHECK(rows_of(raw, "SELECT * FROM task_findings ORDER BY task_id, finding_id") ==
          std::vector<std::string>{"2|2"});
    CHECK(store->task_by_key("k/new@c2")->id == 5);
    CHECK_FALSE(store->older_schema());
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
    CHECK(rows_of(raw, "PRAGMA foreign_key_check").empty());
    // task_findings still refers to the rebuilt tasks table.
    CHECK_THROWS_AS(raw.exec("INSERT INTO task_findings (task_id, finding_id) VALUES (99, 1)"),
                    SQLite::Exception);
    // Foreign keys are back on for the store's next change.
    auto again = plan;
    again.inspections[0].tasks.pop_back();
    const auto pruned = test_support::import_plan(*store, again, options);
    CHECK(find_change(pruned, "task", "k/new@c2")->kind == Change::Kind::pruned);
    for (const auto& c : store->check()) {
      CAPTURE(c.name);
      CHECK(c.count == 0);
    }
  }
  SUBCASE("opening it again changes nothing") {
    commit_upgrade(*store);
    store.reset();
    const auto rows = v1_rows(raw);
    const auto objects = schema_objects(raw);
    open_sqlite(path, read_write());
    CHECK(v1_rows(raw) == rows);
    CHECK(schema_objects(raw) == objects);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  }
}

TEST_CASE("a version 1 database without tasks is migrated too") {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  make_v1_database(path, false);
  auto store = open_sqlite(path, read_write());
  test_support::import_plan(*store, sample_plan(), at("2021-07-20T08:00:00Z"));
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  CHECK(store->task_by_key("cp/bao-cao@bau-can")->id == 1);
  CHECK(store->tasks({}).size() == 5);
}

TEST_CASE("a version 1 database is not opened read-only, and is left untouched") {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  make_v1_database(path);
  const std::string before = read_bytes(path);
  REQUIRE_FALSE(before.empty());
  try {
    open_sqlite(path, read_only());
    FAIL("expected StorageError");
  } catch (const StorageError& e) {
    CHECK(e.code() == ExitCode::no_input);
    CHECK(std::string(e.what()) ==
          "database '" + path +
              "' has schema version 1 and needs version 7; run a command that writes to it, "
              "such as import, to upgrade it");
  }
  CHECK(read_bytes(path) == before);
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 1);
}

TEST_CASE("a reference already broken by hand does not stop the migration") {
  // Only a break the step itself makes stops it; one written with the shell, foreign
  // keys off, before the upgrade is left as it was (and `PRAGMA foreign_key_check`
  // still shows it).
  TempDir dir;
  const std::string path = dir.file("v1.db");
  make_v1_database(path);
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO task_findings (task_id, finding_id) VALUES (42, 1)");
  }
  commit_upgrade(*open_sqlite(path, read_write()));
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  CHECK(rows_of(raw, "SELECT count(*) FROM tasks") == std::vector<std::string>{"3"});
  CHECK(rows_of(raw, "SELECT count(*) FROM pragma_foreign_key_check") == std::vector<std::string>{"1"});
}

// ---------------------------------------------------------------------------
// Databases of older versions, read and written

TEST_CASE("a scratch open upgrades a copy in memory and leaves the file as it was") {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  make_v1_database(path);
  const std::string before = read_bytes(path);
  OpenOptions scratch;
  scratch.mode = OpenMode::scratch;
  {
    auto store = open_sqlite(path, scratch);
    CHECK(store->tasks({}).size() == 3);
    inspectrack::model::TaskChange note;
    note.kind = inspectrack::model::TaskChange::Kind::note;
    note.text = "chỉ trong bản sao";
    CHECK(store->change_task(1, note, {day(2021, 7, 21), "tester", "2021-07-21T08:00:00Z"}).outcome ==
          inspectrack::model::ChangeCheck::Outcome::apply);
    CHECK(store->events(1).back().after == "chỉ trong bản sao");
  }
  CHECK(read_bytes(path) == before);
  CHECK_FALSE(fs::exists(path + "-wal"));
  CHECK_FALSE(fs::exists(path + "-journal"));
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 1);

  SUBCASE("a missing file is not made") {
    try {
      open_sqlite(dir.file("none.db"), scratch);
      FAIL("expected StorageError");
    } catch (const StorageError& e) {
      CHECK(e.code() == ExitCode::no_input);
    }
    CHECK_FALSE(fs::exists(dir.file("none.db")));
  }
}

TEST_CASE("a version 2 database is read as it is, and migrated to the current version when written") {
  TempDir dir;
  const std::string path = dir.file("v2.db");
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec(read_bytes(INSPECTRACK_SOURCE_DIR "/tests/data/fixtures/schema-v2.sql"));
    REQUIRE(raw.execAndGet("PRAGMA user_version").getInt() == 2);
  }
  const std::string before = read_bytes(path);
  {
    auto store = open_sqlite(path, read_only());
    CHECK(store->tasks({}).size() > 40);
    CHECK(store->reminders(*inspectrack::model::parse_date("2021-01-01").date).empty());
  }
  CHECK(read_bytes(path) == before);

  auto store = open_sqlite(path, read_write());
  const auto task = *store->task_by_key("gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me");
  CHECK(store->claim_reminder(reminder_for(task, "2021-07-29"), [](const auto&) { return true; }));
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  CHECK(rows_of(raw, "PRAGMA foreign_key_check").empty());
  CHECK(rows_of(raw, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");  // after its first commit

  SUBCASE("its schema is exactly that of a new database") {
    SQLite::Database fresh(dir.file("fresh.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    fresh.exec(std::string(detail::schema_sql()));
    // Version 6 rebuilds the reminders' tasks, renamed into place: SQLite quotes the name.
    CHECK(schema_objects_unquoted(raw) == schema_objects_unquoted(fresh));
  }
}

TEST_CASE("a version 3 database is read as it is, and its constraints rewritten in place when written") {
  TempDir dir;
  const std::string path = dir.file("v3.db");
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec(read_bytes(INSPECTRACK_SOURCE_DIR "/tests/data/fixtures/schema-v3.sql"));
    REQUIRE(raw.execAndGet("PRAGMA user_version").getInt() == 3);
    REQUIRE(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '% IN (%'").getInt() == 8);
  }
  const std::string before = read_bytes(path);
  const auto all_rows = [](SQLite::Database& db) {
    std::vector<std::vector<std::string>> out;
    for (const char* table : {"units", "inspections", "findings", "tasks", "task_findings", "calendars",
                              "calendar_years", "calendar_days", "events", "reminders",
                              "reminder_tasks"}) {
      // The columns version 3 has (version 5 adds two to reminders).
      const std::string columns = std::string(table) == "reminders"
                                      ? "id, unit_id, day, sent_at, status, transport, target, message_id,"
                                        " to_addrs, cc_addrs, actor"
                                      : "*";
      out.push_back(rows_of(db, "SELECT " + columns + " FROM " + table + " ORDER BY rowid"));
    }
    // The counter of the reminders goes up with the reminder that commits the upgrade.
    out.push_back(rows_of(db, "SELECT * FROM sqlite_sequence WHERE name <> 'reminders' ORDER BY rowid"));
    return out;
  };
  // Every row `before` had, first in each table, unchanged.
  const auto kept = [](const std::vector<std::vector<std::string>>& before,
                       const std::vector<std::vector<std::string>>& after) {
    for (std::size_t n = 0; n < before.size(); ++n) {
      if (after[n].size() < before[n].size() ||
          !std::equal(before[n].begin(), before[n].end(), after[n].begin())) {
        return false;
      }
    }
    return true;
  };
  std::vector<std::vector<std::string>> rows_before;
  {
    auto store = open_sqlite(path, read_only());
    CHECK(store->tasks({}).size() > 40);
    // The fixture holds the reminders of 2021-07-29 (15) and 2021-09-10 (21).
    CHECK(store->reminders(*inspectrack::model::parse_date("2021-07-29").date).size() == 36);
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    rows_before = all_rows(raw);
  }
  CHECK(read_bytes(path) == before);  // reading migrates nothing

  auto store = open_sqlite(path, read_write());
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 3);  // until a change is committed
  commit_upgrade(*store, "bau-can");
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  CHECK(rows_of(raw, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(rows_of(raw, "PRAGMA foreign_key_check").empty());
  CHECK(kept(rows_before, all_rows(raw)));
  CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '% IN (%'").getInt() == 0);

  SUBCASE("its schema is exactly that of a new database") {
    SQLite::Database fresh(dir.file("fresh.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    fresh.exec(std::string(detail::schema_sql()));
    // Version 6 rebuilds the reminders' tasks, renamed into place: SQLite quotes the name.
    CHECK(schema_objects_unquoted(raw) == schema_objects_unquoted(fresh));
  }
  SUBCASE("the rewritten constraints refuse what the old ones refused") {
    CHECK_THROWS_AS(raw.exec("UPDATE units SET kind = 'village' WHERE key = 'bau-can'"), SQLite::Exception);
    CHECK_THROWS_AS(raw.exec("UPDATE tasks SET status = 'closed' WHERE id = 1"), SQLite::Exception);
    CHECK_THROWS_AS(raw.exec("UPDATE tasks SET due_provisional = 2 WHERE id = 1"), SQLite::Exception);
    CHECK_THROWS_AS(raw.exec("UPDATE findings SET severity = 'huge' WHERE id = 1"), SQLite::Exception);
    CHECK_THROWS_AS(raw.exec("UPDATE reminder_tasks SET state = 'late' WHERE rowid = 1"), SQLite::Exception);
    raw.exec("UPDATE findings SET severity = NULL WHERE id = 1");  // NULL passes, as before
    raw.exec("UPDATE tasks SET status = 'cancelled' WHERE id = 1");
  }
  SUBCASE("the migrating connection writes under the new definitions") {
    auto plan = sample_plan();
    CHECK(test_support::import_plan(*store, plan, at("2021-08-01T00:00:00Z")).count(Change::Kind::added) > 0);
    CHECK(rows_of(raw, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  }
}

TEST_CASE("a version 4 database is read as it is, and keeps its reminders' messages once written") {
  using inspectrack::model::Reminder;
  TempDir dir;
  const std::string path = dir.file("v4.db");
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec(read_bytes(INSPECTRACK_SOURCE_DIR "/tests/data/fixtures/schema-v4.sql"));
    REQUIRE(raw.execAndGet("PRAGMA user_version").getInt() == 4);
  }
  const std::string before = read_bytes(path);
  const Date day29 = *inspectrack::model::parse_date("2021-07-29").date;
  const char* kV4Reminders =
      "SELECT id, unit_id, day, sent_at, status, transport, target, message_id, to_addrs, cc_addrs, actor"
      " FROM reminders WHERE id <= 37 ORDER BY id";
  std::vector<std::string> reminders_before;
  {
    auto store = open_sqlite(path, read_only());
    // The fixture holds 15 + 21 reminders sent, and one left 'sending' by a killed run.
    const auto all = store->reminders(day29);
    CHECK(all.size() == 37);
    const auto sending = store->sending_reminders(std::nullopt);
    REQUIRE(sending.size() == 1);
    CHECK(sending[0].id == 37);
    CHECK(sending[0].status == Reminder::Status::sending);
    CHECK_FALSE(sending[0].claimant);
    CHECK_FALSE(sending[0].message);
    CHECK(sending[0].tasks.size() > 0);
    CHECK(store->sending_reminders("bau-can").empty());
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    reminders_before = rows_of(raw, kV4Reminders);
  }
  CHECK(read_bytes(path) == before);  // reading migrates nothing

  auto store = open_sqlite(path, read_write());
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 4);  // until a change is committed
  commit_upgrade(*store, "bau-can");
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  CHECK(rows_of(raw, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(rows_of(raw, "PRAGMA foreign_key_check").empty());
  CHECK(rows_of(raw, kV4Reminders) == reminders_before);
  CHECK(rows_of(raw, "SELECT count(*) FROM reminders WHERE id <= 37 AND (claimant IS NOT NULL OR message IS NOT NULL)") ==
        std::vector<std::string>{"0"});

  SUBCASE("its schema is exactly that of a new database") {
    SQLite::Database fresh(dir.file("fresh.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    fresh.exec(std::string(detail::schema_sql()));
    // Version 6 rebuilds the reminders' tasks, renamed into place: SQLite quotes the name.
    CHECK(schema_objects_unquoted(raw) == schema_objects_unquoted(fresh));
  }
  SUBCASE("the reminder left 'sending' is read without a message, and can be dropped") {
    // Beside it, the claim that committed the upgrade (to bau-can).
    const auto sending = store->sending_reminders(std::nullopt);
    REQUIRE(sending.size() == 2);
    CHECK(sending[0].id == 37);
    CHECK_FALSE(sending[0].message);
    CHECK(store->drop_reminder(37, [](const Reminder& r) { return !r.message; }));
    CHECK(store->sending_reminders(std::nullopt).size() == 1);
    CHECK(store->sending_reminders("bau-can").size() == 1);
  }
  SUBCASE("a new claim keeps its message and claimant") {
    const auto task = *store->task_by_key("gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me");
    const auto id = store->claim_reminder(reminder_for(task, "2021-09-15"), [](const auto&) { return true; });
    REQUIRE(id);
    const auto sending = store->sending_reminders("ia-me");
    REQUIRE(sending.size() == 1);
    CHECK(sending[0].message == reminder_for(task, "2021-09-15").message);
    CHECK(sending[0].claimant == reminder_for(task, "2021-09-15").claimant);
  }
}

TEST_CASE(
    "a version 5 database is read as it is, and its reminders' tasks rebuilt, every row kept, when written") {
  using inspectrack::model::RemindedTask;
  using inspectrack::model::Reminder;
  TempDir dir;
  const std::string path = dir.file("v5.db");
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec(read_bytes(INSPECTRACK_SOURCE_DIR "/tests/data/fixtures/schema-v5.sql"));
    REQUIRE(raw.execAndGet("PRAGMA user_version").getInt() == 5);
  }
  const std::string before = read_bytes(path);
  const Date day29 = *inspectrack::model::parse_date("2021-07-29").date;
  const char* kTasks = "SELECT rowid, * FROM reminder_tasks ORDER BY rowid";
  std::vector<Reminder> read_before;
  std::vector<std::string> rows_before;
  {
    auto store = open_sqlite(path, read_only());
    read_before = store->reminders(day29);
    CHECK(read_before.size() == 37);
    // The reminder a killed run left 'sending' kept its message.
    const auto sending = store->sending_reminders(std::nullopt);
    REQUIRE(sending.size() == 1);
    CHECK(sending[0].message);
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    rows_before = rows_of(raw, kTasks);
  }
  CHECK(rows_before.size() == 55);
  CHECK(read_bytes(path) == before);  // reading migrates nothing

  auto store = open_sqlite(path, read_write());
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 5);  // until a change is committed
  commit_upgrade(*store, "bau-can");
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  CHECK(rows_of(raw, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(rows_of(raw, "PRAGMA foreign_key_check").empty());
  CHECK(rows_of(raw, kTasks) == rows_before);
  CHECK(store->reminders(day29) == read_before);  // the claim is for an earlier day
  SQLite::Database fresh(dir.file("fresh.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  fresh.exec(std::string(detail::schema_sql()));
  CHECK(schema_objects_unquoted(raw) == schema_objects_unquoted(fresh));

  // Now a task with no deadline can be recorded.
  const auto task = *store->task_by_key("gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@ia-me");
  Reminder r = reminder_for(task, "2021-09-16");
  r.tasks[0].state = RemindedTask::State::undated;
  r.tasks[0].last_day.reset();
  r.tasks[0].days_late = 0;
  r.tasks[0].escalated = false;
  REQUIRE(store->claim_reminder(r, [](const auto&) { return true; }));
  const auto stored = store->sending_reminders("ia-me");
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].tasks == r.tasks);
}

TEST_CASE("a version 6 database is read as it is, with no office, and gets the offices table when written") {
  TempDir dir;
  const std::string path = dir.file("v6.db");
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec(read_bytes(INSPECTRACK_SOURCE_DIR "/tests/data/fixtures/schema-v6.sql"));
    REQUIRE(raw.execAndGet("PRAGMA user_version").getInt() == 6);
  }
  const std::string before = read_bytes(path);
  {
    auto store = open_sqlite(path, read_only());
    CHECK(store->offices().empty());
    CHECK(store->units().size() == 26);
  }
  CHECK(read_bytes(path) == before);  // reading migrates nothing

  auto store = open_sqlite(path, read_write());
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  const auto units_before = rows_of(raw, "SELECT * FROM units ORDER BY id");
  commit_upgrade(*store, "bau-can");
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  CHECK(rows_of(raw, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
  CHECK(rows_of(raw, "SELECT * FROM units ORDER BY id") == units_before);
  SQLite::Database fresh(dir.file("fresh.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  fresh.exec(std::string(detail::schema_sql()));
  CHECK(schema_objects_unquoted(raw) == schema_objects_unquoted(fresh));

  // Now an office can be stored, with its unit.
  inspectrack::import::ImportPlan plan;
  inspectrack::model::Office office;
  office.key = "chu-prong.noi-vu";
  office.body = "PHÒNG NỘI VỤ";
  office.place = "Chư Prông";
  office.report_symbol = "BC-NV";
  office.letter_symbol = "NV";
  office.signing.title = "TRƯỞNG PHÒNG";
  office.archive = "VT, NV";
  office.unit = "chu-prong.noi-vu";
  plan.offices = {office};
  test_support::import_plan(*store, plan, at("2021-09-16T08:00:00Z"));
  CHECK(store->offices() == plan.offices);
  CHECK(rows_of(raw, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("an import session stores, one inspection at a time, what import() stores at once") {
  TempDir dir;
  // Two inspections, and a second import that changes one and prunes nothing.
  auto first = sample_plan();
  auto second_inspection = first.inspections.at(0);
  second_inspection.inspection.key = "cp2";
  second_inspection.source = "cp2.yaml";
  for (auto& f : second_inspection.findings) f.inspection = "cp2";
  for (auto& t : second_inspection.tasks) t.inspection = "cp2";
  first.inspections.push_back(second_inspection);
  auto edited = first;
  edited.inspections.at(1).tasks.at(0).action = "Hành động đã sửa";

  const auto whole = [&](const std::string& path) {
    auto store = open_sqlite(path, read_write());
    std::vector<std::vector<Change>> changes;
    for (const auto* plan : {&first, &edited}) changes.push_back(test_support::import_plan(*store, *plan, at("2021-07-20T08:00:00Z")).changes);
    return changes;
  };
  const auto staged = [&](const std::string& path) {
    auto store = open_sqlite(path, read_write());
    std::vector<std::vector<Change>> changes;
    for (const auto* plan : {&first, &edited}) {
      std::vector<Change> seen;
      auto session = store->begin_import(at("2021-07-20T08:00:00Z"), [&](const Change& c) { seen.push_back(c); });
      session->definitions(plan->calendars, plan->units);
      for (const auto& inspection : plan->inspections) session->inspection(inspection);
      const ImportOutcome outcome = session->finish();
      CHECK(outcome.changes.empty());  // each went to the sink
      changes.push_back(seen);
    }
    return changes;
  };
  const auto a = whole(dir.file("whole.db"));
  const auto b = staged(dir.file("staged.db"));
  REQUIRE(a.size() == b.size());
  for (std::size_t n = 0; n < a.size(); ++n) {
    REQUIRE(a[n].size() == b[n].size());
    for (std::size_t i = 0; i < a[n].size(); ++i) {
      CHECK(a[n][i].kind == b[n][i].kind);
      CHECK(a[n][i].key == b[n][i].key);
      CHECK(a[n][i].fields == b[n][i].fields);
    }
  }
  CHECK(a[1].size() > 10);
  SQLite::Database wa(dir.file("whole.db"), SQLite::OPEN_READONLY);
  SQLite::Database sb(dir.file("staged.db"), SQLite::OPEN_READONLY);
  for (const char* table : {"units", "inspections", "findings", "tasks", "task_findings", "events"}) {
    CAPTURE(table);
    CHECK(rows_of(wa, std::string("SELECT * FROM ") + table + " ORDER BY rowid") ==
          rows_of(sb, std::string("SELECT * FROM ") + table + " ORDER BY rowid"));
  }

  SUBCASE("a session ended without finish() writes nothing; so does a dry run") {
    auto store = open_sqlite(dir.file("staged.db"), read_write());
    auto plan = edited;
    plan.inspections.at(0).tasks.at(0).action = "Lại sửa";
    {
      auto session = store->begin_import(at("2021-07-21T08:00:00Z"), [](const Change&) {});
      session->definitions(plan.calendars, plan.units);
      session->inspection(plan.inspections.at(0));
    }
    ImportOptions dry = at("2021-07-21T08:00:00Z");
    dry.dry_run = true;
    std::size_t changed = 0;
    auto session = store->begin_import(dry, [&](const Change& c) { changed += c.kind == Change::Kind::changed; });
    session->definitions(plan.calendars, plan.units);
    session->inspection(plan.inspections.at(0));
    session->finish();
    CHECK(changed == 1);
    CHECK(store->task_by_key("cp/bao-cao@bau-can")->action != "Lại sửa");
    SQLite::Database raw(dir.file("staged.db"), SQLite::OPEN_READONLY);
    CHECK(rows_of(raw, "SELECT count(*) FROM events WHERE at = '2021-07-21T08:00:00Z'") ==
          std::vector<std::string>{"0"});
  }
}
