// Moving values between the model and rows (src/storage/rows.cpp): NULL and "" or
// nullopt, dates as ISO text, a deadline's columns, and values a hand-edited file may
// hold that the schema's CHECK constraints would refuse.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "../../src/storage/rows.hpp"
#include "../../src/storage/schema.hpp"

using namespace inspectrack;
using namespace inspectrack::storage::detail;

namespace {

// A database at the current schema with two units, one the other's parent.
struct Db {
  SQLite::Database db{":memory:", SQLite::OPEN_READWRITE};
  Db() {
    db.exec(std::string(schema_sql()));
    db.exec("INSERT INTO units (id, key, name, kind, parent_id, head, emails) VALUES"
            " (1, 'huyen', 'UBND huyện', 'district', NULL, NULL, NULL),"
            " (2, 'xa', 'UBND xã', 'commune', 1, 'Chủ tịch', 'a@example.vn, b@example.vn')");
  }
  model::Unit unit(const std::string& key) {
    SQLite::Statement q(db, std::string("SELECT ") + kUnitColumns + " WHERE u.key = '" + key + "'");
    REQUIRE(q.executeStep());
    return read_unit(q, 0);
  }
};

}  // namespace

TEST_CASE("text_of and opt_text: NULL is \"\" or nullopt, an empty text stays one") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
  SQLite::Statement q(db, "SELECT NULL, '', 'x'");
  REQUIRE(q.executeStep());
  CHECK(text_of(q.getColumn(0)).empty());
  CHECK_FALSE(opt_text(q.getColumn(0)).has_value());
  CHECK(opt_text(q.getColumn(1)) == std::optional<std::string>(""));
  CHECK(text_of(q.getColumn(2)) == "x");
}

TEST_CASE("join, sorted_unique, split_emails and iso_or_empty") {
  CHECK(join({"a", "", "b"}, ", ") == "a, b");
  CHECK(join({}, ", ").empty());
  CHECK(sorted_unique({"b", "a", "b"}) == std::vector<std::string>{"a", "b"});
  CHECK(split_emails("a@x.vn, b@x.vn") == std::vector<std::string>{"a@x.vn", "b@x.vn"});
  CHECK(split_emails(" a@x.vn ,, ").size() == 1);
  CHECK(split_emails("").empty());
  CHECK(iso_or_empty(std::nullopt).empty());
  CHECK(iso_or_empty(model::Date::from_ymd(2021, 7, 1)) == "2021-07-01");
}

TEST_CASE("due_columns sets only the columns of the deadline's form") {
  model::Due due;
  due.form = model::Due::Form::before;
  due.text = "before: 22/7/2021";
  due.date = model::Date::from_ymd(2021, 7, 22);
  due.period = 5;  // not of this form: not stored
  auto c = due_columns(due);
  CHECK(c.form == "before");
  CHECK(c.text == "before: 22/7/2021");
  CHECK(c.date == std::optional<std::string>("2021-07-22"));
  CHECK_FALSE(c.period.has_value());
  CHECK_FALSE(c.day.has_value());

  due.form = model::Due::Form::within;
  due.counting = model::Due::Counting::working_days;
  due.anchor = model::Due::Anchor::conclusion_date;
  due.anchor_date = model::Date::from_ymd(2021, 7, 15);  // anchored on the document: not stored
  c = due_columns(due);
  CHECK_FALSE(c.date.has_value());
  CHECK(c.period == 5);
  CHECK(c.counting == std::optional<std::string>("working_days"));
  CHECK(c.anchor == std::optional<std::string>("conclusion_date"));
  CHECK_FALSE(c.anchor_date.has_value());

  due.form = model::Due::Form::none;
  c = due_columns(due);
  CHECK(c.form == "none");
  CHECK_FALSE(c.period.has_value());
  CHECK_FALSE(c.counting.has_value());
}

TEST_CASE("read_unit: parent key, addresses and head, NULL ones are empty") {
  Db d;
  const model::Unit xa = d.unit("xa");
  CHECK(xa.name == "UBND xã");
  CHECK(xa.kind == model::UnitKind::commune);
  CHECK(xa.parent == std::optional<std::string>("huyen"));
  CHECK(xa.emails == std::vector<std::string>{"a@example.vn", "b@example.vn"});
  CHECK(xa.head == "Chủ tịch");
  const model::Unit huyen = d.unit("huyen");
  CHECK_FALSE(huyen.parent.has_value());
  CHECK(huyen.emails.empty());
  CHECK(huyen.head.empty());
}

TEST_CASE("a value the CHECK constraints refuse, in a file edited by hand, is SQLITE_CORRUPT") {
  Db d;
  d.db.exec("PRAGMA ignore_check_constraints = ON");
  d.db.exec("UPDATE units SET kind = 'planet' WHERE key = 'xa'");
  try {
    d.unit("xa");
    FAIL("no exception");
  } catch (const SQLite::Exception& e) {
    CHECK(e.getErrorCode() == SQLITE_CORRUPT);
    CHECK(std::string(e.what()).find("'planet'") != std::string::npos);
  }
}

TEST_CASE("read_task_into overwrites every field of a reused task") {
  Db d;
  d.db.exec("INSERT INTO inspections (id, key, kind, title) VALUES (1, 'k', 'visit', 'Đợt')");
  d.db.exec("INSERT INTO findings (id, inspection_id, key, unit_id, text) VALUES"
            " (1, 1, 'f2', 2, 'x'), (2, 1, 'f1', 2, 'y')");
  d.db.exec(
      "INSERT INTO tasks (id, inspection_id, key, assignee_id, action, report_to_id, due_form,"
      " due_text, due_date, last_day, original_last_day, status, done_on, done_deadline, calendar,"
      " created_at, updated_at) VALUES"
      " (1, 1, 'a', 2, 'Báo cáo', 1, 'date', '22/7/2021', '2021-07-22', '2021-07-22', '2021-07-22',"
      "  'done', '2021-07-20', '2021-07-22', 'vn', 'x', 'x'),"
      " (2, 1, 'b', 2, 'Sửa', NULL, 'none', 'none', NULL, NULL, NULL, 'open', NULL, NULL, 'vn',"
      "  'x', 'x')");
  d.db.exec("INSERT INTO task_findings (task_id, finding_id) VALUES (1, 1), (1, 2)");
  SQLite::Statement q(d.db, std::string(task_select_sql()) + " ORDER BY t.id");
  model::Task t;
  REQUIRE(q.executeStep());
  read_task_into(q, t);
  CHECK(t.full_key() == "k/a@xa");
  CHECK(t.report_to == std::optional<std::string>("huyen"));
  CHECK(t.report_to_name == "UBND huyện");
  CHECK(t.findings == std::vector<std::string>{"f1", "f2"});  // sorted
  CHECK(t.status == model::Status::done);
  CHECK(t.done_deadline == model::Date::from_ymd(2021, 7, 22));
  REQUIRE(q.executeStep());
  read_task_into(q, t);
  CHECK(t.full_key() == "k/b@xa");
  CHECK_FALSE(t.report_to.has_value());
  CHECK(t.report_to_name.empty());
  CHECK(t.findings.empty());
  CHECK(t.status == model::Status::open);
  CHECK_FALSE(t.done_on.has_value());
  CHECK_FALSE(t.done_deadline.has_value());
  CHECK_FALSE(t.last_day.has_value());
  CHECK(t.due.form == model::Due::Form::none);
}
