#include "schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace inspectrack::storage::detail {
namespace {

// Version 1, as released: the first migration step. A released step is never edited.
constexpr std::string_view kSchemaV1 = R"sql(
-- Inspected or responsible bodies (đơn vị): communes, wards, towns, districts,
-- departments, agencies. Imports add and update them; they are never deleted.
CREATE TABLE units (
  id        INTEGER PRIMARY KEY,           -- internal row id
  key       TEXT NOT NULL UNIQUE,          -- stable key from the YAML files, e.g. 'bau-can'
  name      TEXT NOT NULL,                 -- e.g. 'UBND xã Bàu Cạn'
  kind      TEXT NOT NULL                  -- what kind of body it is
            CHECK (kind IN ('province', 'district', 'commune', 'ward', 'town',
                            'department', 'agency')),
  parent_id INTEGER                        -- the unit it belongs to (units.id); NULL for none
            REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
  head      TEXT,                          -- người đứng đầu; NULL when not given
  emails    TEXT                           -- e-mail addresses joined with ', '; NULL when none
);
CREATE INDEX units_parent ON units(parent_id);

-- Inspections (đợt kiểm tra) and the other sources of findings and orders: index
-- assessments and directives. One row per inspection key.
CREATE TABLE inspections (
  id                   INTEGER PRIMARY KEY,  -- internal row id
  key                  TEXT NOT NULL UNIQUE, -- e.g. 'gia-lai-cchc-2021-chu-prong'
  kind                 TEXT NOT NULL         -- a visit, an index assessment or a directive
                       CHECK (kind IN ('visit', 'assessment', 'directive')),
  title                TEXT NOT NULL,        -- what the inspection was
  authority            TEXT,                 -- who ordered it, e.g. 'UBND tỉnh Gia Lai'
  team                 TEXT,                 -- who inspected
  scope_id             INTEGER               -- units.id of the unit whose area was inspected
                       REFERENCES units(id),
  from_date            TEXT                  -- first day of the visit
                       CHECK (from_date = date(from_date)),
  to_date              TEXT                  -- last day of the visit
                       CHECK (to_date = date(to_date)),
  conclusion_number    TEXT,                 -- số/ký hiệu of the conclusion document, as written
  conclusion_date      TEXT                  -- date of the conclusion document
                       CHECK (conclusion_date = date(conclusion_date)),
  conclusion_title     TEXT,                 -- trích yếu of the conclusion document
  conclusion_signed_by TEXT,                 -- who signed it
  source_file          TEXT                  -- the file it was last imported from (as given)
);
CREATE INDEX inspections_scope ON inspections(scope_id);

-- Findings (tồn tại, hạn chế): one shortcoming found at one unit during one inspection.
CREATE TABLE findings (
  id               INTEGER PRIMARY KEY,      -- internal row id
  inspection_id    INTEGER NOT NULL          -- the inspection (inspections.id)
                   REFERENCES inspections(id),
  key              TEXT NOT NULL,            -- unique within the inspection, e.g. 'niem-yet'
  unit_id          INTEGER NOT NULL          -- the unit where it was found (units.id)
                   REFERENCES units(id),
  area             TEXT,                     -- area/criterion code, e.g. 'tthc.cong-khai'
  severity         TEXT                      -- how serious; NULL when not given
                   CHECK (severity IN ('low', 'medium', 'high')),
  text             TEXT NOT NULL,            -- the finding as written
  legal_basis      TEXT,                     -- căn cứ pháp lý
  indicator_name   TEXT,                     -- a measured indicator: its name,
  indicator_value  REAL,                     --   the value measured,
  indicator_target REAL,                     --   the value required,
  indicator_unit   TEXT,                     --   and its unit ('%', 'điểm', …)
  UNIQUE (inspection_id, key)
);
CREATE INDEX findings_unit ON findings(unit_id);

-- Remediation tasks (nhiệm vụ khắc phục). A task written for several assignees is
-- stored as one row per assignee; its full key is INSPECTION/TASK@ASSIGNEE.
CREATE TABLE tasks (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,  -- the short id typed on the command
                                                      -- line; never reused
  inspection_id   INTEGER NOT NULL                    -- the inspection (inspections.id)
                  REFERENCES inspections(id),
  key             TEXT NOT NULL,                      -- task key within the inspection
  assignee_id     INTEGER NOT NULL                    -- the unit that owes it (units.id)
                  REFERENCES units(id),
  action          TEXT NOT NULL,                      -- what must be done
  report_to_id    INTEGER                             -- the unit to report to (units.id)
                  REFERENCES units(id),
  target          TEXT,                               -- a measurable target, e.g. '> 50% online'
  due_form        TEXT NOT NULL                       -- how the deadline was written
                  CHECK (due_form IN ('date', 'by', 'before', 'within', 'none')),
  due_text        TEXT NOT NULL,                      -- the deadline as written in the file
  due_date        TEXT                                -- date, by, before: the date written
                  CHECK (due_date = date(due_date)),
  due_period      INTEGER,                            -- within: the number of days
  due_counting    TEXT                                -- within: how days are counted
                  CHECK (due_counting IN ('calendar_days', 'working_days')),
  due_anchor      TEXT                                -- within: what the period runs from
                  CHECK (due_anchor IN ('date', 'inspection_to', 'conclusion_date')),
  due_anchor_date TEXT                                -- within, from a date: that date
                  CHECK (due_anchor_date = date(due_anchor_date)),
  last_day        TEXT                                -- the last allowed day (overdue from
                  CHECK (last_day = date(last_day)),  -- the day after); NULL: no deadline
  status          TEXT NOT NULL DEFAULT 'open'        -- progress; never changed by an import
                  CHECK (status IN ('open', 'done', 'verified', 'cancelled')),
  done_on         TEXT                                -- the day it was done
                  CHECK (done_on = date(done_on)),
  created_at      TEXT NOT NULL,                      -- when it was first imported
  updated_at      TEXT NOT NULL,                      -- when it last changed
  UNIQUE (inspection_id, key, assignee_id)
);
-- The overdue and due-soon reports read only open tasks, by last day.
CREATE INDEX tasks_open_last_day ON tasks(last_day) WHERE status = 'open';
CREATE INDEX tasks_assignee ON tasks(assignee_id);
CREATE INDEX tasks_report_to ON tasks(report_to_id);

-- Which findings each task remedies (same inspection).
CREATE TABLE task_findings (
  task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,     -- tasks.id
  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,  -- findings.id
  PRIMARY KEY (task_id, finding_id)
);
CREATE INDEX task_findings_finding ON task_findings(finding_id);

-- The history (nhật ký), oldest first: every change to a stored row leaves one event.
-- Append-only: the triggers below refuse UPDATE and DELETE, and rows outlive what
-- they describe (a pruned task keeps its history), so task_id is not a foreign key.
CREATE TABLE events (
  id      INTEGER PRIMARY KEY,  -- order of the history
  at      TEXT NOT NULL,        -- when (UTC timestamp)
  actor   TEXT NOT NULL,        -- who (--by, else $USER)
  action  TEXT NOT NULL,        -- 'import' (new row), 'update' (one field changed by an
                                -- import), 'prune', and the task commands: 'done', …
  entity  TEXT NOT NULL,        -- 'unit', 'inspection', 'finding' or 'task'
  key     TEXT NOT NULL,        -- the entity's key; INSPECTION/FINDING for a finding,
                                -- INSPECTION/TASK@ASSIGNEE for a task
  task_id INTEGER,              -- tasks.id for a task event; NULL otherwise
  field   TEXT,                 -- 'update': the field that changed, e.g. 'due'
  before  TEXT,                 -- the old value as text (dates ISO); NULL when none
  after   TEXT                  -- the new value as text, or a summary for 'import'
);
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

-- 'INSP' identifies an inspectrack database; user_version is the schema version.
PRAGMA application_id = 1229869904;
PRAGMA user_version = 1;
)sql";

// Version 1 → 2 (issues 3 and 4): working-day calendars; tasks gain their calendar,
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

// The table of reminders as version 4 defined it: the step to version 4 rewrites each
// table's constraints in place with its version 4 text, and version 5 then adds two
// columns to this one. The other tables are unchanged since, and are taken from the
// current schema.
constexpr std::string_view kRemindersV4 = R"sql(CREATE TABLE reminders (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of sending; never reused
  unit_id    INTEGER NOT NULL                    -- the assignee reminded (units.id)
             REFERENCES units(id),
  day        TEXT NOT NULL                       -- the day it is for (--as-of)
             CHECK (day = date(day)),
  sent_at    TEXT NOT NULL,                      -- when (UTC timestamp)
  status     TEXT NOT NULL                       -- being delivered, or delivered
             CHECK (status = 'sending' OR status = 'sent'),
  transport  TEXT NOT NULL                       -- how it went out
             CHECK (transport = 'mbox' OR transport = 'maildir' OR transport = 'sendmail'),
  target     TEXT NOT NULL,                      -- the mbox file, maildir or command
  message_id TEXT NOT NULL UNIQUE,               -- its Message-ID, without <>
  to_addrs   TEXT NOT NULL,                      -- To: addresses joined with ', '
  cc_addrs   TEXT,                               -- Cc: addresses joined with ', '; NULL
                                                 -- when none
  actor      TEXT NOT NULL                       -- who ran remind (--by, else $USER)
))sql";

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

// Version 5, the current schema. Keep it identical to schemas/database.sql (unit
// tests compare the texts, and a database made from the file with one made by the
// code and one migrated from version 1): SQLite stores each CREATE statement with
// its comments, so `.schema` in the sqlite3 shell shows users the same
// documentation. A new database is made from it directly; older ones take the steps.
constexpr std::string_view kSchemaV5 = R"sql(
-- Inspected or responsible bodies (đơn vị): communes, wards, towns, districts,
-- departments, agencies. Imports add and update them; they are never deleted.
CREATE TABLE units (
  id        INTEGER PRIMARY KEY,           -- internal row id
  key       TEXT NOT NULL UNIQUE,          -- stable key from the YAML files, e.g. 'bau-can'
  name      TEXT NOT NULL,                 -- e.g. 'UBND xã Bàu Cạn'
  kind      TEXT NOT NULL                  -- what kind of body it is
            CHECK (kind = 'province' OR kind = 'district' OR kind = 'commune'
                   OR kind = 'ward' OR kind = 'town' OR kind = 'department'
                   OR kind = 'agency'),
  parent_id INTEGER                        -- the unit it belongs to (units.id); NULL for none
            REFERENCES units(id) DEFERRABLE INITIALLY DEFERRED,
  head      TEXT,                          -- người đứng đầu; NULL when not given
  emails    TEXT                           -- e-mail addresses joined with ', '; NULL when none
);
CREATE INDEX units_parent ON units(parent_id);

-- Inspections (đợt kiểm tra) and the other sources of findings and orders: index
-- assessments and directives. One row per inspection key.
CREATE TABLE inspections (
  id                   INTEGER PRIMARY KEY,  -- internal row id
  key                  TEXT NOT NULL UNIQUE, -- e.g. 'gia-lai-cchc-2021-chu-prong'
  kind                 TEXT NOT NULL         -- a visit, an index assessment or a directive
                       CHECK (kind = 'visit' OR kind = 'assessment' OR kind = 'directive'),
  title                TEXT NOT NULL,        -- what the inspection was
  authority            TEXT,                 -- who ordered it, e.g. 'UBND tỉnh Gia Lai'
  team                 TEXT,                 -- who inspected
  scope_id             INTEGER               -- units.id of the unit whose area was inspected
                       REFERENCES units(id),
  from_date            TEXT                  -- first day of the visit
                       CHECK (from_date = date(from_date)),
  to_date              TEXT                  -- last day of the visit
                       CHECK (to_date = date(to_date)),
  conclusion_number    TEXT,                 -- số/ký hiệu of the conclusion document, as written
  conclusion_date      TEXT                  -- date of the conclusion document
                       CHECK (conclusion_date = date(conclusion_date)),
  conclusion_title     TEXT,                 -- trích yếu of the conclusion document
  conclusion_signed_by TEXT,                 -- who signed it
  source_file          TEXT                  -- the file it was last imported from (as given)
);
CREATE INDEX inspections_scope ON inspections(scope_id);

-- Findings (tồn tại, hạn chế): one shortcoming found at one unit during one inspection.
CREATE TABLE findings (
  id               INTEGER PRIMARY KEY,      -- internal row id
  inspection_id    INTEGER NOT NULL          -- the inspection (inspections.id)
                   REFERENCES inspections(id),
  key              TEXT NOT NULL,            -- unique within the inspection, e.g. 'niem-yet'
  unit_id          INTEGER NOT NULL          -- the unit where it was found (units.id)
                   REFERENCES units(id),
  area             TEXT,                     -- area/criterion code, e.g. 'tthc.cong-khai'
  severity         TEXT                      -- how serious; NULL when not given
                   CHECK (severity = 'low' OR severity = 'medium' OR severity = 'high'),
  text             TEXT NOT NULL,            -- the finding as written
  legal_basis      TEXT,                     -- căn cứ pháp lý
  indicator_name   TEXT,                     -- a measured indicator: its name,
  indicator_value  REAL,                     --   the value measured,
  indicator_target REAL,                     --   the value required,
  indicator_unit   TEXT,                     --   and its unit ('%', 'điểm', …)
  UNIQUE (inspection_id, key)
);
CREATE INDEX findings_unit ON findings(unit_id);

-- Remediation tasks (nhiệm vụ khắc phục). A task written for several assignees is
-- stored as one row per assignee; its full key is INSPECTION/TASK@ASSIGNEE.
-- A recurring task (repeat: quarterly, …) is one row per assignee for the series
-- (repeat_every set, period '', no last day; reports skip it) and one row per
-- occurrence (period '2021-Q3', full key INSPECTION/TASK@ASSIGNEE#2021-Q3), created
-- when its deadline comes within reach of the day a command works for.
CREATE TABLE tasks (
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
                  CHECK (due_form = 'date' OR due_form = 'by' OR due_form = 'before'
                         OR due_form = 'within' OR due_form = 'none' OR due_form = 'day'),
  due_text        TEXT NOT NULL,                      -- the deadline as written in the file
  due_date        TEXT                                -- date, by, before: the date written
                  CHECK (due_date = date(due_date)),
  due_period      INTEGER,                            -- within: the number of days
  due_counting    TEXT                                -- within: how days are counted
                  CHECK (due_counting = 'calendar_days' OR due_counting = 'working_days'),
  due_anchor      TEXT                                -- within: what the period runs from
                  CHECK (due_anchor = 'date' OR due_anchor = 'inspection_to'
                         OR due_anchor = 'conclusion_date' OR due_anchor = 'period_end'),
  due_anchor_date TEXT                                -- within, from a date: that date
                  CHECK (due_anchor_date = date(due_anchor_date)),
  due_day         INTEGER                             -- day: that day of the period's last month
                  CHECK (due_day BETWEEN 1 AND 31),
  calendar        TEXT NOT NULL DEFAULT 'vn',         -- the working-day calendar of its deadline:
                                                      -- calendars.key ('vn' is shipped)
  repeat_every    TEXT                                -- a recurring task: how often; NULL else
                  CHECK (repeat_every = 'monthly' OR repeat_every = 'quarterly'
                         OR repeat_every = 'half-yearly' OR repeat_every = 'yearly'),
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
                  CHECK (due_provisional = 0          -- (not yet announced) calendar day
                         OR due_provisional = 1),
  status          TEXT NOT NULL DEFAULT 'open'        -- progress; never changed by an import
                  CHECK (status = 'open' OR status = 'done' OR status = 'verified'
                         OR status = 'cancelled'),
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
-- The overdue and due-soon reports read only open tasks, by last day.
CREATE INDEX tasks_open_last_day ON tasks(last_day) WHERE status = 'open';
CREATE INDEX tasks_assignee ON tasks(assignee_id);
CREATE INDEX tasks_report_to ON tasks(report_to_id);
-- The series of recurring tasks, read when occurrences come due.
CREATE INDEX tasks_series ON tasks(inspection_id) WHERE repeat_every IS NOT NULL AND period = '';

-- Which findings each task remedies (same inspection).
CREATE TABLE task_findings (
  task_id    INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,     -- tasks.id
  finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,  -- findings.id
  PRIMARY KEY (task_id, finding_id)
);
CREATE INDEX task_findings_finding ON task_findings(finding_id);

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
              CHECK (rules = 'none'                 -- law, provisional) or 'none' (weekends)
                     OR rules = 'vietnam'),
  builtin     INTEGER NOT NULL                      -- 1: shipped with inspectrack
              CHECK (builtin = 0 OR builtin = 1),
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
              CHECK (kind = 'holiday' OR kind = 'workday'),
  name        TEXT NOT NULL,                        -- e.g. 'Tết Nguyên đán'
  PRIMARY KEY (calendar_id, date)
);

-- The history (nhật ký), oldest first: every change to a stored row leaves events, one
-- per field it changed; a task change adds one per text given with it (evidence, …).
-- Append-only: the triggers below refuse UPDATE and DELETE, and rows outlive what
-- they describe (a pruned task keeps its history), so task_id is not a foreign key.
CREATE TABLE events (
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
CREATE INDEX events_task ON events(task_id);
-- The history of a unit, inspection, finding or calendar (a task's is found by task_id,
-- so its events, most of them, stay out of this index).
CREATE INDEX events_entity ON events(entity, key) WHERE task_id IS NULL;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only');
END;

-- Reminder e-mails `remind` sent: one row per message. A row is written
-- 'sending', with the message and the run that delivers it (its claimant), before the
-- message goes out, so that another run the same day does not send it too; it becomes
-- 'sent', without them, once the message was delivered. A 'sending' row whose run
-- stopped (killed, or its delivery failed) is unconfirmed: the next run delivers the
-- kept message again, with the same Message-ID, so that none is lost.
CREATE TABLE reminders (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of sending; never reused
  unit_id    INTEGER NOT NULL                    -- the assignee reminded (units.id)
             REFERENCES units(id),
  day        TEXT NOT NULL                       -- the day it is for (--as-of)
             CHECK (day = date(day)),
  sent_at    TEXT NOT NULL,                      -- when (UTC timestamp)
  status     TEXT NOT NULL                       -- not known to be delivered (in flight,
             CHECK (status = 'sending' OR status = 'sent'),  -- or unconfirmed), or delivered
  transport  TEXT NOT NULL                       -- how it went out
             CHECK (transport = 'mbox' OR transport = 'maildir' OR transport = 'sendmail'),
  target     TEXT NOT NULL,                      -- the mbox file, maildir or command
  message_id TEXT NOT NULL UNIQUE,               -- its Message-ID, without <>
  to_addrs   TEXT NOT NULL,                      -- To: addresses joined with ', '
  cc_addrs   TEXT,                               -- Cc: addresses joined with ', '; NULL
                                                 -- when none
  actor      TEXT NOT NULL,                      -- who ran remind (--by, else $USER)
  claimant   TEXT,                               -- 'sending': the run delivering it,
                                                 -- 'HOST PID START BOOT_ID' (START: the
                                                 -- process's start time, field 22 of
                                                 -- /proc/PID/stat; BOOT_ID: /proc/sys/
                                                 -- kernel/random/boot_id), unconfirmed once
                                                 -- that process is gone; NULL after a
                                                 -- failed delivery, and once sent
  message    TEXT                                -- 'sending': the message as rendered
                                                 -- (CRLF line ends), until it is delivered;
                                                 -- NULL once sent
);
CREATE INDEX reminders_unit_day ON reminders(unit_id, day);
-- The reminders not known to be delivered, which every run of remind looks at first.
CREATE INDEX reminders_sending ON reminders(id) WHERE status = 'sending';

-- The tasks each reminder listed, as they stood when it was sent.
CREATE TABLE reminder_tasks (
  reminder_id INTEGER NOT NULL                   -- the reminder (reminders.id)
              REFERENCES reminders(id) ON DELETE CASCADE,
  task_id     INTEGER                            -- the task (tasks.id); NULL once the
              REFERENCES tasks(id) ON DELETE SET NULL,  -- task was pruned
  task_key    TEXT NOT NULL,                     -- its full key INSPECTION/TASK@ASSIGNEE
  state       TEXT NOT NULL                      -- overdue, or due within the window
              CHECK (state = 'overdue' OR state = 'due'),
  last_day    TEXT NOT NULL                      -- the deadline in force then
              CHECK (last_day = date(last_day)),
  days_late   INTEGER NOT NULL,                  -- as the message said
  escalated   INTEGER NOT NULL DEFAULT 0         -- 1 when the parent unit was copied
              CHECK (escalated = 0 OR escalated = 1)  -- for this task
);
CREATE INDEX reminder_tasks_reminder ON reminder_tasks(reminder_id);
CREATE INDEX reminder_tasks_task ON reminder_tasks(task_id);

-- 'INSP' identifies an inspectrack database; user_version is the schema version.
PRAGMA application_id = 1229869904;
PRAGMA user_version = 5;
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
    q.bind(":sql", std::string(std::string_view(table) == "reminders" ? kRemindersV4 : create_table(kSchemaV5, table)));
    q.bind(":name", table);
    if (q.exec() != 1) throw std::logic_error(std::string("no table ") + table + " to rewrite");
    q.reset();
  }
  db.exec(fmt::format("PRAGMA schema_version = {}", cookie + 1));
  db.exec("PRAGMA writable_schema = OFF");
}

constexpr std::array kMigrations = {
    Migration{1, kSchemaV1},
    Migration{2, kMigrationV2},
    Migration{3, kMigrationV3},
    Migration{4, kMigrationV4, &rewrite_checks},
    Migration{5, kMigrationV5},
};

}  // namespace

std::string_view schema_sql() { return kSchemaV5; }

std::span<const Migration> migrations() { return kMigrations; }

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

// The WHERE clause of a task selection (task_query_sql).
std::string task_conditions(const TaskFilter& filter, TaskRange range) {
  std::vector<std::string_view> conditions;
  // `status = 'open'` is written literally: SQLite uses the partial index
  // tasks_open_last_day only when the query repeats the index's WHERE term.
  switch (range) {
    case TaskRange::all:
      // The series row of a recurring task is its rule, not a task anyone owes.
      conditions.push_back("(t.repeat_every IS NULL OR t.period <> '')");
      break;
    case TaskRange::overdue:
      conditions.push_back("t.status = 'open' AND t.last_day < :as_of");
      break;
    case TaskRange::due_between:
      conditions.push_back("t.status = 'open' AND t.last_day BETWEEN :from AND :to");
      break;
  }
  if (filter.unit) conditions.push_back("a.key = :unit");
  if (filter.inspection) conditions.push_back("i.key = :inspection");
  if (filter.report_to) conditions.push_back("r.key = :report_to");
  if (filter.status) conditions.push_back("t.status = :status");
  // substr rather than LIKE: keys contain '_', a LIKE wildcard.
  if (filter.area) {
    conditions.push_back(
        "EXISTS (SELECT 1 FROM task_findings tf JOIN findings f ON f.id = tf.finding_id"
        " WHERE tf.task_id = t.id AND (f.area = :area"
        " OR substr(f.area, 1, length(:area) + 1) = :area || '.'))");
  }

  std::string sql;
  for (std::size_t n = 0; n < conditions.size(); ++n) {
    sql += n == 0 ? " WHERE " : " AND ";
    sql += conditions[n];
  }
  return sql;
}

}  // namespace

std::string task_exists_sql(const TaskFilter& filter, TaskRange range) {
  // Only the joins a condition names: the query planner's work shows at start-up.
  std::string sql = "SELECT 1 FROM tasks t";
  if (filter.inspection) sql += " JOIN inspections i ON i.id = t.inspection_id";
  if (filter.unit) sql += " JOIN units a ON a.id = t.assignee_id";
  if (filter.report_to) sql += " JOIN units r ON r.id = t.report_to_id";
  return sql + task_conditions(filter, range) + " LIMIT 1";
}

std::string task_query_sql(const TaskFilter& filter, TaskRange range, TaskOrder order) {
  std::string sql(task_select_sql());
  sql += task_conditions(filter, range);
  switch (order) {
    case TaskOrder::assignee_key:
      sql += " ORDER BY a.key, t.last_day IS NULL, t.last_day, i.key || '/' || t.key || '@' || a.key,"
             " t.period";
      break;
    // The reports' own orders (report::overdue, report::due_within), so that rows can
    // be written as they come. Texts compare as bytes in both.
    case TaskOrder::overdue:
      sql += " ORDER BY a.name, a.key, t.last_day, i.key, t.key, t.period";
      break;
    case TaskOrder::due:
      sql += " ORDER BY t.last_day, a.name, a.key, i.key, t.key, t.period";
      break;
  }
  return sql;
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
  return sql;
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
  sql += fmt::format(" GROUP BY {}", group);
  return sql;
}

}  // namespace inspectrack::storage::detail
