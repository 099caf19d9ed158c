#include "schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include <array>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inspectrack/schema_data.hpp"

namespace inspectrack::storage::detail {
namespace {

// A new database is made from schemas/database.sql, embedded at build time
// (schema_data.hpp); this file keeps only the steps that bring an older database to
// it. A released step is never edited: a database of that version exists somewhere.
// The old DDL kept here is what a step cannot take from the current schema: the
// tables version 2 rebuilds and version 3 adds, as those versions defined them (later
// steps change them again, from that text), the reminders as version 4 wrote them, and
// the reminders' tasks as version 6 rebuilds them.

// Version 1 → 2: working-day calendars; tasks gain their calendar,
// the provisional flag, the `day` and `period_end` deadline forms, recurrence and the
// lifecycle (original deadline, extensions, the deadline in force when done, the
// verification day), and their key becomes unique per period; events gain the day a
// change takes effect. SQLite cannot change a UNIQUE constraint in place, so tasks
// (and events, to keep its documented definition) are rebuilt: the runner turns
// foreign keys off around this step and checks them before it commits; ids and the
// AUTOINCREMENT counter are kept. Dropping events fires no trigger.
constexpr std::string_view kMigrationV2 = R"sql(
-- Working-day calendars: imported `calendar:` files, and the shipped
-- Vietnamese state-agency calendar 'vn' as the inspectrack that last wrote to this
-- database had it (an imported calendar with the key 'vn' replaces it). Only the
-- announced years are stored; other years follow `rules`.
CREATE TABLE calendars (
  id          INTEGER PRIMARY KEY,                  -- internal row id
  key         TEXT NOT NULL UNIQUE,                 -- e.g. 'vn'
  name        TEXT NOT NULL,                        -- e.g. 'Lịch làm việc cơ quan nhà nước'
  weekend     TEXT NOT NULL,                        -- weekly rest days: 'saturday,sunday'
  rules       TEXT NOT NULL                         -- years not listed: 'vietnam' (holidays by
              CHECK (rules IN ('none', 'vietnam')), -- law, provisional) or 'none' (weekends)
  builtin     INTEGER NOT NULL                      -- 1: shipped with inspectrack
              CHECK (builtin IN (0, 1)),
  source_file TEXT                                  -- the file it was imported from; NULL: shipped
);

-- The announced years of each calendar, with the document that announced them.
CREATE TABLE calendar_years (
  calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,  -- calendars.id
  year        INTEGER NOT NULL,                     -- e.g. 2021
  source      TEXT NOT NULL,                        -- e.g. 'Thông báo số …/TB-LĐTBXH ngày …'
  PRIMARY KEY (calendar_id, year)
);

-- The days of the announced years that differ from the weekly pattern as written:
-- days off (public holidays, compensatory and swapped days off) and rest days worked
-- instead (làm bù).
CREATE TABLE calendar_days (
  calendar_id INTEGER NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,  -- calendars.id
  year        INTEGER NOT NULL,                     -- the announced year it is listed under
  date        TEXT NOT NULL                         -- the day
              CHECK (date = date(date)),
  kind        TEXT NOT NULL                         -- 'holiday': a day off; 'workday': worked
              CHECK (kind IN ('holiday', 'workday')),
  name        TEXT NOT NULL,                        -- e.g. 'Tết Nguyên đán'
  PRIMARY KEY (calendar_id, date)
);

CREATE TABLE tasks_v2 (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,  -- the short id typed on the command
                                                      -- line; never reused
  inspection_id   INTEGER NOT NULL                    -- the inspection (inspections.id)
                  REFERENCES inspections(id),
  key             TEXT NOT NULL,                      -- task key within the inspection
  assignee_id     INTEGER NOT NULL                    -- the unit that owes it (units.id)
                  REFERENCES units(id),
  period          TEXT NOT NULL DEFAULT '',           -- an occurrence's period: '2021-07',
                                                      -- '2021-Q3', '2021-H2', '2021'; '' else
  action          TEXT NOT NULL,                      -- what must be done
  report_to_id    INTEGER                             -- the unit to report to (units.id)
                  REFERENCES units(id),
  target          TEXT,                               -- a measurable target, e.g. '> 50% online'
  due_form        TEXT NOT NULL                       -- how the deadline was written
                  CHECK (due_form IN ('date', 'by', 'before', 'within', 'none', 'day')),
  due_text        TEXT NOT NULL,                      -- the deadline as written in the file
  due_date        TEXT                                -- date, by, before: the date written
                  CHECK (due_date = date(due_date)),
  due_period      INTEGER,                            -- within: the number of days
  due_counting    TEXT                                -- within: how days are counted
                  CHECK (due_counting IN ('calendar_days', 'working_days')),
  due_anchor      TEXT                                -- within: what the period runs from
                  CHECK (due_anchor IN ('date', 'inspection_to', 'conclusion_date',
                                        'period_end')),
  due_anchor_date TEXT                                -- within, from a date: that date
                  CHECK (due_anchor_date = date(due_anchor_date)),
  due_day         INTEGER                             -- day: that day of the period's last month
                  CHECK (due_day BETWEEN 1 AND 31),
  calendar        TEXT NOT NULL DEFAULT 'vn',         -- the working-day calendar of its deadline:
                                                      -- calendars.key ('vn' is shipped)
  repeat_every    TEXT                                -- a recurring task: how often; NULL else
                  CHECK (repeat_every IN ('monthly', 'quarterly', 'half-yearly', 'yearly')),
  repeat_from     TEXT                                -- a recurring task: `repeat: from:`
                  CHECK (repeat_from = date(repeat_from)),
  repeat_until    TEXT                                -- a recurring task: `repeat: until:`
                  CHECK (repeat_until = date(repeat_until)),
  last_day        TEXT                                -- the deadline in force: the last allowed
                  CHECK (last_day = date(last_day)),  -- day (overdue from the day after), the
                                                      -- later of the written one and the latest
                                                      -- extension; NULL: no deadline
  original_last_day TEXT                              -- the last allowed day as written, before
                  CHECK (original_last_day = date(original_last_day)),  -- any extension
  extensions      INTEGER NOT NULL DEFAULT 0          -- how many times it was extended
                  CHECK (extensions >= 0),
  due_provisional INTEGER NOT NULL DEFAULT 0          -- 1: last_day relied on a provisional
                  CHECK (due_provisional IN (0, 1)),  -- (not yet announced) calendar day
  status          TEXT NOT NULL DEFAULT 'open'        -- progress; never changed by an import
                  CHECK (status IN ('open', 'done', 'verified', 'cancelled')),
  done_on         TEXT                                -- the day it was done
                  CHECK (done_on = date(done_on)),
  done_deadline   TEXT                                -- done: the deadline in force that day,
                  CHECK (done_deadline = date(done_deadline)),  -- which judges "on time"
  verified_on     TEXT                                -- verified: the day the fix was checked
                  CHECK (verified_on = date(verified_on)),
  created_at      TEXT NOT NULL,                      -- when it was first imported
  updated_at      TEXT NOT NULL,                      -- when it last changed
  UNIQUE (inspection_id, key, assignee_id, period)
);
INSERT INTO tasks_v2 (id, inspection_id, key, assignee_id, action, report_to_id, target,
                      due_form, due_text, due_date, due_period, due_counting, due_anchor,
                      due_anchor_date, last_day, original_last_day, status, done_on,
                      done_deadline, created_at, updated_at)
  SELECT id, inspection_id, key, assignee_id, action, report_to_id, target, due_form,
         due_text, due_date, due_period, due_counting, due_anchor, due_anchor_date,
         last_day, last_day, status, done_on, CASE WHEN done_on IS NULL THEN NULL ELSE last_day END,
         created_at, updated_at
    FROM tasks;
DELETE FROM sqlite_sequence WHERE name = 'tasks_v2';
INSERT INTO sqlite_sequence (name, seq) SELECT 'tasks_v2', seq FROM sqlite_sequence WHERE name = 'tasks';
DROP TABLE tasks;
ALTER TABLE tasks_v2 RENAME TO tasks;
-- The overdue and due-soon reports read only open tasks, by last day.
CREATE INDEX tasks_open_last_day ON tasks(last_day) WHERE status = 'open';
CREATE INDEX tasks_assignee ON tasks(assignee_id);
CREATE INDEX tasks_report_to ON tasks(report_to_id);
-- The series of recurring tasks, read when occurrences come due.
CREATE INDEX tasks_series ON tasks(inspection_id) WHERE repeat_every IS NOT NULL AND period = '';

CREATE TABLE events_v2 (
  id      INTEGER PRIMARY KEY,  -- order of the history
  at      TEXT NOT NULL,        -- when (UTC timestamp)
  actor   TEXT NOT NULL,        -- who (--by, else $USER)
  action  TEXT NOT NULL,        -- 'import' (new row), 'update' (one field changed by an
                                -- import), 'prune', 'repeat' (an occurrence of a recurring
                                -- task made), and the task changes: 'done', 'extend',
                                -- 'cancel', 'reopen', 'verify', 'note'; one row per field
  entity  TEXT NOT NULL,        -- 'calendar', 'unit', 'inspection', 'finding' or 'task'
  key     TEXT NOT NULL,        -- the entity's key; INSPECTION/FINDING for a finding,
                                -- INSPECTION/TASK@ASSIGNEE for a task
  task_id INTEGER,              -- tasks.id for a task event; NULL otherwise
  field   TEXT,                 -- the field that changed ('update': e.g. 'due'; a task
                                -- change: 'status', 'done_on', 'verified_on', 'last_day',
                                -- 'extensions'), or a text given with a task change:
                                -- 'evidence', 'reason', 'approved_by', 'note'; NULL else
  before  TEXT,                 -- the old value as text (dates ISO); NULL when none
  after   TEXT,                 -- the new value as text, or a summary for 'import'
  effective TEXT                -- a task change: the day it takes effect (the done day,
            CHECK (effective = date(effective))  -- the new deadline, …); NULL otherwise
);
INSERT INTO events_v2 (id, at, actor, action, entity, key, task_id, field, before, after)
  SELECT id, at, actor, action, entity, key, task_id, field, before, after FROM events;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;
CREATE INDEX events_task ON events(task_id);
CREATE INDEX events_entity ON events(entity, key);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;

)sql";

// Version 2 → 3: the reminders `remind` sent and the tasks each listed.
// New tables only, so a version-2 database can still be read as it is (see
// oldest_readable_version()).
constexpr std::string_view kMigrationV3 = R"sql(
-- Reminder e-mails `remind` sent: one row per message. A row is written
-- 'sending' before the message goes out (so that another run the same day does not
-- send it too) and becomes 'sent' once it was delivered; a failed delivery removes it.
CREATE TABLE reminders (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of sending; never reused
  unit_id    INTEGER NOT NULL                    -- the assignee reminded (units.id)
             REFERENCES units(id),
  day        TEXT NOT NULL                       -- the day it is for (--as-of)
             CHECK (day = date(day)),
  sent_at    TEXT NOT NULL,                      -- when (UTC timestamp)
  status     TEXT NOT NULL                       -- being delivered, or delivered
             CHECK (status IN ('sending', 'sent')),
  transport  TEXT NOT NULL                       -- how it went out
             CHECK (transport IN ('mbox', 'maildir', 'sendmail')),
  target     TEXT NOT NULL,                      -- the mbox file, maildir or command
  message_id TEXT NOT NULL UNIQUE,               -- its Message-ID, without <>
  to_addrs   TEXT NOT NULL,                      -- To: addresses joined with ', '
  cc_addrs   TEXT,                               -- Cc: addresses joined with ', '; NULL
                                                 -- when none
  actor      TEXT NOT NULL                       -- who ran remind (--by, else $USER)
);
CREATE INDEX reminders_unit_day ON reminders(unit_id, day);

-- The tasks each reminder listed, as they stood when it was sent.
CREATE TABLE reminder_tasks (
  reminder_id INTEGER NOT NULL                   -- the reminder (reminders.id)
              REFERENCES reminders(id) ON DELETE CASCADE,
  task_id     INTEGER                            -- the task (tasks.id); NULL once the
              REFERENCES tasks(id) ON DELETE SET NULL,  -- task was pruned
  task_key    TEXT NOT NULL,                     -- its full key INSPECTION/TASK@ASSIGNEE
  state       TEXT NOT NULL                      -- overdue, or due within the window
              CHECK (state IN ('overdue', 'due')),
  last_day    TEXT NOT NULL                      -- the deadline in force then
              CHECK (last_day = date(last_day)),
  days_late   INTEGER NOT NULL,                  -- as the message said
  escalated   INTEGER NOT NULL DEFAULT 0         -- 1 when the parent unit was copied
              CHECK (escalated IN (0, 1))        -- for this task
);
CREATE INDEX reminder_tasks_reminder ON reminder_tasks(reminder_id);
CREATE INDEX reminder_tasks_task ON reminder_tasks(task_id);
)sql";


// Version 4 → 5: a reminder keeps its message and the run that delivers it until it is
// known to be delivered, so that a run killed or failed midway leaves it for the next
// run to deliver again. Columns added, NULL in the rows of older versions (a reminder
// 'sending' without a message is removed by the next run of remind, which plans its
// tasks again); plain statements, correct in any transaction.
constexpr std::string_view kMigrationV5 = R"sql(
ALTER TABLE reminders ADD COLUMN claimant TEXT;
ALTER TABLE reminders ADD COLUMN message TEXT;
-- The reminders not known to be delivered, which every run of remind looks at first.
CREATE INDEX reminders_sending ON reminders(id) WHERE status = 'sending';
)sql";

// Version 5 → 6: a reminder may list a task open with no deadline ('undated', no
// last day), so that such a task is reminded of at most once a week. SQLite cannot
// change a CHECK or a NOT NULL in place but by writing its schema; the table is
// rebuilt instead, as version 2 rebuilt tasks: foreign keys are off around the step
// and checked before it commits; every row is kept, with its rowid (the order a
// reminder's tasks are read in). Nothing refers to this table, and it has no trigger.
constexpr std::string_view kMigrationV6 = R"sql(
CREATE TABLE reminder_tasks_v6 (
  reminder_id INTEGER NOT NULL                   -- the reminder (reminders.id)
              REFERENCES reminders(id) ON DELETE CASCADE,
  task_id     INTEGER                            -- the task (tasks.id); NULL once the
              REFERENCES tasks(id) ON DELETE SET NULL,  -- task was pruned
  task_key    TEXT NOT NULL,                     -- its full key INSPECTION/TASK@ASSIGNEE
  state       TEXT NOT NULL                      -- overdue, due within the window, or
              CHECK (state = 'overdue' OR state = 'due' OR state = 'undated'),  -- open
                                                 -- with no deadline too long
  last_day    TEXT                               -- the deadline in force then; NULL
              CHECK (last_day = date(last_day)), -- for an undated task
  days_late   INTEGER NOT NULL,                  -- as the message said; 0 when undated
  escalated   INTEGER NOT NULL DEFAULT 0         -- 1 when the parent unit was copied
              CHECK (escalated = 0 OR escalated = 1),  -- for this task
  CHECK ((state = 'undated') = (last_day IS NULL))  -- a deadline unless undated
);
INSERT INTO reminder_tasks_v6 (rowid, reminder_id, task_id, task_key, state, last_day, days_late, escalated)
  SELECT rowid, reminder_id, task_id, task_key, state, last_day, days_late, escalated FROM reminder_tasks;
DROP TABLE reminder_tasks;
ALTER TABLE reminder_tasks_v6 RENAME TO reminder_tasks;
CREATE INDEX reminder_tasks_reminder ON reminder_tasks(reminder_id);
CREATE INDEX reminder_tasks_task ON reminder_tasks(task_id);
)sql";

// Version 6 → 7: the offices that issue documents (`office:` files). A table added,
// nothing else changed: a plain statement, correct in any transaction.
constexpr std::string_view kMigrationV7 = R"sql(
-- Offices that issue documents (cơ quan ban hành), from `office:` files: what the head,
-- the number, the date line, the signature and the Nơi nhận of a document print
-- (Nghị định 30/2020/NĐ-CP, Phụ lục I). Imports add and update them; never deleted.
CREATE TABLE offices (
  id            INTEGER PRIMARY KEY,     -- internal row id
  key           TEXT NOT NULL UNIQUE,    -- stable key from the YAML file, e.g. 'chu-prong.noi-vu'
  parent_body   TEXT,                    -- cơ quan chủ quản as printed; NULL when none
  body          TEXT NOT NULL,           -- cơ quan ban hành as printed; may hold a line break
  place         TEXT NOT NULL,           -- the date line's place name, e.g. 'Chư Prông'
  report_symbol TEXT NOT NULL,           -- a report's number symbol, e.g. 'BC-NV'
  letter_symbol TEXT NOT NULL,           -- a letter's (công văn), e.g. 'NV'
  authority     TEXT                     -- the signing authority as printed; NULL: none,
                CHECK (authority = 'TM.' OR authority = 'KT.' OR authority = 'TL.'  -- the
                       OR authority = 'TUQ.' OR authority = 'Q.'),  -- head signs in person
  on_behalf_of  TEXT,                    -- after TM., KT., TL., TUQ.: for whom; NULL else
  deputy_for    TEXT,                    -- with TM.: the head a deputy signs for; NULL else
  title         TEXT NOT NULL,           -- the signer's title, e.g. 'TRƯỞNG PHÒNG'
  signer        TEXT,                    -- the signer's name; NULL: left blank for the signer
  recipients    TEXT,                    -- Nơi nhận, one per line, in file order; NULL: none
  archive       TEXT NOT NULL,           -- what is archived: 'VT, NV' prints 'Lưu: VT, NV.'
  unit_id       INTEGER                  -- the registered unit this office is (units.id);
                REFERENCES units(id)     -- NULL when none
);
)sql";

// The text of `CREATE TABLE table (…)` in `schema`, as SQLite keeps it in
// sqlite_schema (without the final ';').
std::string_view create_table(std::string_view schema, std::string_view table) {
  const std::string head = "\nCREATE TABLE " + std::string(table) + " (";
  const std::size_t start = schema.find(head);
  const std::size_t end = schema.find("\n);", start);
  if (start == std::string_view::npos || end == std::string_view::npos) {
    throw std::logic_error("no table " + std::string(table) + " in the schema");
  }
  return schema.substr(start + 1, end + 2 - (start + 1));
}

// A table as version 4 defined it: version 3's (kMigrationV3), with its checks over
// lists of values written as OR chains (see rewrite_checks).
std::string v4_table(std::string_view table,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> checks) {
  std::string sql(create_table(kMigrationV3, table));
  for (const auto& [in_list, or_chain] : checks) {
    const std::size_t at = sql.find(in_list);
    if (at == std::string::npos)
      throw std::logic_error("no " + std::string(in_list) + " in " + std::string(table));
    sql.replace(at, in_list.size(), or_chain);
  }
  return sql;
}

// The two tables version 3 added, as version 4 defined them: version 5 then adds two
// columns to the reminders and version 6 rebuilds the reminders' tasks; the other
// tables are unchanged since, and are taken from the current schema.
std::string v4_definition(std::string_view table) {
  if (table == "reminders") {
    return v4_table(
        table, {{"CHECK (status IN ('sending', 'sent'))", "CHECK (status = 'sending' OR status = 'sent')"},
                {"CHECK (transport IN ('mbox', 'maildir', 'sendmail'))",
                 "CHECK (transport = 'mbox' OR transport = 'maildir' OR transport = 'sendmail')"}});
  }
  if (table == "reminder_tasks") {
    return v4_table(table,
                    {{"CHECK (state IN ('overdue', 'due'))", "CHECK (state = 'overdue' OR state = 'due')"},
                     {"CHECK (escalated IN (0, 1))", "CHECK (escalated = 0 OR escalated = 1)"}});
  }
  return std::string(create_table(schema_sql(), table));
}

// Version 3 → 4, first: task events leave the index of the other entities'
// histories (they are read by task_id), a third of a large database's size.
constexpr std::string_view kMigrationV4 = R"sql(
DROP INDEX events_entity;
-- The history of a unit, inspection, finding or calendar (a task's is found by task_id,
-- so its events, most of them, stay out of this index).
CREATE INDEX events_entity ON events(entity, key) WHERE task_id IS NULL;
)sql";

// Then every CHECK over a list of values, `x IN (…)`, became an
// OR chain, which SQLite evaluates without a temporary table for each row written
// (a task's insert cost 16 µs, now 7). The constraints allow exactly the values they
// did, so each table's definition is replaced in place, as SQLite documents for
// changing constraints (https://sqlite.org/lang_altertable.html, "other kinds of
// table schema changes"), rather than rebuilt: a database of ten million tasks
// migrates in a moment. The schema cookie goes up so that every connection reads the
// new definitions.
void rewrite_checks(SQLite::Database& db) {
  const int cookie = db.execAndGet("PRAGMA schema_version").getInt();
  db.exec("PRAGMA writable_schema = ON");
  SQLite::Statement q(db, "UPDATE sqlite_schema SET sql = :sql WHERE type = 'table' AND name = :name");
  for (const char* table : {"units", "inspections", "findings", "tasks", "calendars", "calendar_days",
                            "reminders", "reminder_tasks"}) {
    q.bind(":sql", v4_definition(table));
    q.bind(":name", table);
    if (q.exec() != 1) throw std::logic_error(std::string("no table ") + table + " to rewrite");
    q.reset();
  }
  db.exec(fmt::format("PRAGMA schema_version = {}", cookie + 1));
  db.exec("PRAGMA writable_schema = OFF");
}

constexpr std::array kMigrations = {
    Migration{2, kMigrationV2},
    Migration{3, kMigrationV3},
    Migration{4, kMigrationV4, &rewrite_checks},
    Migration{5, kMigrationV5},
    Migration{6, kMigrationV6},
    Migration{7, kMigrationV7},
};

}  // namespace

std::string_view schema_sql() { return schema_data::kDatabase; }

std::span<const Migration> migrations() { return kMigrations; }

void upgrade(SQLite::Database& db, int from) {
  if (from == 0) {
    db.exec(std::string(detail::schema_sql()));
    return;
  }
  for (const auto& step : detail::migrations()) {
    if (step.to_version <= from) continue;
    if (!step.sql.empty()) db.exec(std::string(step.sql));
    if (step.apply != nullptr) step.apply(db);
    db.exec(fmt::format("PRAGMA user_version = {}", step.to_version));
  }
}

std::string_view task_select_sql() {
  return "SELECT t.id, i.key, t.key, a.key, t.action, r.key, t.target,"
         " t.due_form, t.due_text, t.due_date, t.due_period, t.due_counting,"
         " t.due_anchor, t.due_anchor_date, t.last_day, t.status, t.done_on,"
         " a.name, r.name, i.title,"
         " (SELECT group_concat(f.key, ',') FROM task_findings tf"
         "  JOIN findings f ON f.id = tf.finding_id WHERE tf.task_id = t.id),"
         " t.period, t.due_day, t.calendar, t.repeat_every, t.repeat_from, t.repeat_until,"
         " t.due_provisional, t.original_last_day, t.extensions, t.done_deadline, t.verified_on"
         " FROM tasks t"
         " JOIN inspections i ON i.id = t.inspection_id"
         " JOIN units a ON a.id = t.assignee_id"
         " LEFT JOIN units r ON r.id = t.report_to_id";
}

namespace {

// `column` BETWEEN the ends of `range` given, bound as :NAME_from and :NAME_to; a NULL
// column compares as false, so a row with no date never matches.
void add_range(std::vector<std::string>& out, std::string_view column, const DateRange& range,
               std::string_view name) {
  if (range.from) out.push_back(fmt::format("{} >= :{}_from", column, name));
  if (range.to) out.push_back(fmt::format("{} <= :{}_to", column, name));
}

// The WHERE clause of a task selection (task_query_sql).
std::string task_conditions(const TaskFilter& filter, TaskRange range) {
  std::vector<std::string> conditions;
  // `status = 'open'` is written literally: SQLite uses the partial index
  // tasks_open_last_day only when the query repeats the index's WHERE term.
  switch (range) {
    case TaskRange::all:
      // The series row of a recurring task is its rule, not a task anyone owes.
      conditions.emplace_back("(t.repeat_every IS NULL OR t.period <> '')");
      break;
    case TaskRange::overdue: conditions.emplace_back("t.status = 'open' AND t.last_day < :as_of"); break;
    case TaskRange::due_between:
      conditions.emplace_back("t.status = 'open' AND t.last_day BETWEEN :from AND :to");
      break;
  }
  if (filter.unit) conditions.emplace_back("a.key = :unit");
  if (filter.inspection) conditions.emplace_back("i.key = :inspection");
  if (filter.report_to) conditions.emplace_back("r.key = :report_to");
  if (filter.status) conditions.emplace_back("t.status = :status");
  // substr rather than LIKE: keys contain '_', a LIKE wildcard.
  if (filter.area) {
    conditions.emplace_back(
        "EXISTS (SELECT 1 FROM task_findings tf JOIN findings f ON f.id = tf.finding_id"
        " WHERE tf.task_id = t.id AND (f.area = :area"
        " OR substr(f.area, 1, length(:area) + 1) = :area || '.'))");
  }
  add_range(conditions, "t.last_day", filter.deadline, "deadline");

  std::string sql;
  for (std::size_t n = 0; n < conditions.size(); ++n) {
    sql += n == 0 ? " WHERE " : " AND ";
    sql += conditions[n];
  }
  return sql + inspection_ranges_sql("t.inspection_id", filter.concluded, filter.dated);
}

}  // namespace

// The inspections' row ids in range once, in a subquery, rather than a join for every
// task: inspections are few, and the tasks' unique key (inspection_id, key, …) is an
// index that starts with the id.
std::string inspection_ranges_sql(std::string_view inspection_id, const DateRange& concluded,
                                  const DateRange& dated) {
  std::vector<std::string> on;
  add_range(on, "conclusion_date", concluded, "concluded");
  add_range(on, "coalesce(conclusion_date, from_date)", dated, "dated");
  if (on.empty()) return {};
  return fmt::format(" AND {} IN (SELECT id FROM inspections WHERE {})", inspection_id,
                     fmt::join(on, " AND "));
}

void bind_ranges(SQLite::Statement& q, const DateRange& deadline, const DateRange& concluded,
                 const DateRange& dated) {
  const auto bind = [&](const DateRange& range, const std::string& name) {
    if (range.from) q.bind(":" + name + "_from", range.from->iso());
    if (range.to) q.bind(":" + name + "_to", range.to->iso());
  };
  bind(deadline, "deadline");
  bind(concluded, "concluded");
  bind(dated, "dated");
}

std::string task_exists_sql(const TaskFilter& filter, TaskRange range) {
  // Only the joins a condition names: the query planner's work shows at start-up.
  std::string sql = "SELECT 1 FROM tasks t";
  if (filter.inspection) sql += " JOIN inspections i ON i.id = t.inspection_id";
  if (filter.unit) sql += " JOIN units a ON a.id = t.assignee_id";
  if (filter.report_to) sql += " JOIN units r ON r.id = t.report_to_id";
  return sql + task_conditions(filter, range) + " LIMIT 1";
}

namespace {

// The terms that bring a group's rows together, ahead of the sort's; "" when the sort
// already does (a unit's rows under the unit and key sorts).
std::string_view group_order(const TaskFilter& filter) {
  const bool by_key = filter.sort == TaskSort::key;
  switch (filter.group) {
    case TaskGroup::none: break;
    case TaskGroup::unit:
      if (by_key || filter.sort == TaskSort::unit) break;
      return " a.name COLLATE name_order, a.key,";
    case TaskGroup::inspection:
      if (by_key) return " i.key,";
      return " i.conclusion_date IS NULL, i.conclusion_date, i.title COLLATE name_order, i.key,";
    case TaskGroup::report_to:
      if (by_key) return " r.id IS NULL, r.key,";
      return " r.id IS NULL, r.name COLLATE name_order, r.key,";
  }
  return "";
}

}  // namespace

std::string task_query_sql(const TaskFilter& filter, TaskRange range) {
  std::string sql(task_select_sql());
  sql += task_conditions(filter, range);
  sql += " ORDER BY";
  sql += group_order(filter);
  // The unit's name in the caller's collation (a language's), its key for units of
  // one name; the rest are keys and ISO dates, which compare as bytes.
  switch (filter.sort) {
    case TaskSort::unit: sql += " a.name COLLATE name_order, a.key, t.last_day IS NULL, t.last_day,"; break;
    case TaskSort::key: sql += " a.key, t.last_day IS NULL, t.last_day,"; break;
    case TaskSort::deadline:
      sql += " t.last_day IS NULL, t.last_day, a.name COLLATE name_order, a.key,";
      break;
    case TaskSort::inspection:
      sql += " i.key, a.name COLLATE name_order, a.key, t.last_day IS NULL, t.last_day,";
      break;
  }
  return sql + " i.key, t.key, t.period";
}

namespace {

int compare_names(void* order, int a_size, const void* a, int b_size, const void* b) {
  const std::string_view x(static_cast<const char*>(a), static_cast<std::size_t>(a_size));
  const std::string_view y(static_cast<const char*>(b), static_cast<std::size_t>(b_size));
  const auto& compare = *static_cast<const NameOrder*>(order);
  if (compare) return compare(x, y);
  return x.compare(y);
}

}  // namespace

void register_name_order(sqlite3* handle, const NameOrder& order) {
  auto* copy = new NameOrder(order);
  const int rc = sqlite3_create_collation_v2(handle, detail::kNameOrder, SQLITE_UTF8, copy, compare_names,
                                             [](void* p) { delete static_cast<NameOrder*>(p); });
  // On failure SQLite has already called the destructor: only out of memory.
  if (rc != SQLITE_OK) throw SQLite::Exception(sqlite3_errstr(rc), rc);
}

std::string task_tally_sql(Grouping by, const TaskFilter& filter) {
  std::string sql = by == Grouping::unit ? "SELECT t.assignee_id" : "SELECT t.inspection_id";
  sql += ", t.status, t.last_day, t.done_on, t.done_deadline FROM tasks t"
         " WHERE (t.repeat_every IS NULL OR t.period <> '')";
  // Keys to row ids once, in subqueries, rather than a join for every task.
  if (filter.unit) sql += " AND t.assignee_id IN (SELECT id FROM units WHERE key = :unit)";
  if (filter.inspection) {
    sql += " AND t.inspection_id IN (SELECT id FROM inspections WHERE key = :inspection)";
  }
  if (filter.report_to) sql += " AND t.report_to_id IN (SELECT id FROM units WHERE key = :report_to)";
  if (filter.status) sql += " AND t.status = :status";
  if (filter.area) {
    sql += " AND EXISTS (SELECT 1 FROM task_findings tf JOIN findings f ON f.id = tf.finding_id"
           " WHERE tf.task_id = t.id AND (f.area = :area"
           " OR substr(f.area, 1, length(:area) + 1) = :area || '.'))";
  }
  std::vector<std::string> ranges;
  add_range(ranges, "t.last_day", filter.deadline, "deadline");
  for (const auto& condition : ranges) sql += " AND " + condition;
  return sql + inspection_ranges_sql("t.inspection_id", filter.concluded, filter.dated);
}

std::string finding_count_sql(Grouping by, const FindingFilter& filter) {
  const char* group = by == Grouping::unit ? "f.unit_id" : "f.inspection_id";
  std::string sql = fmt::format("SELECT {}, count(*) FROM findings f WHERE 1 = 1", group);
  if (filter.unit) sql += " AND f.unit_id IN (SELECT id FROM units WHERE key = :unit)";
  if (filter.inspection) {
    sql += " AND f.inspection_id IN (SELECT id FROM inspections WHERE key = :inspection)";
  }
  if (filter.area) {
    sql += " AND (f.area = :area OR substr(f.area, 1, length(:area) + 1) = :area || '.')";
  }
  sql += inspection_ranges_sql("f.inspection_id", filter.concluded, filter.dated);
  sql += fmt::format(" GROUP BY {}", group);
  return sql;
}

}  // namespace inspectrack::storage::detail
