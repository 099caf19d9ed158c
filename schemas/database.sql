-- inspectrack database schema, version 7.
--
-- One SQLite file holds everything. inspectrack creates a new database
-- with exactly the statements below (this file is built into the program) and
-- migrates older files forward when it opens them.
-- Read it with the sqlite3 shell, preferably read-only:
--
--   sqlite3 -readonly ~/.local/share/inspectrack/inspectrack.db
--
-- `.schema TABLE` in the shell shows a table with the comments below.
--
-- Conventions:
--   * dates are ISO text 'YYYY-MM-DD', so they sort and compare correctly as text;
--   * timestamps are UTC text 'YYYY-MM-DDTHH:MM:SSZ';
--   * keys are ASCII slugs; names and texts are Unicode, NFC-normalized;
--   * a value that was not given is NULL (never an empty string);
--   * a CHECK that allows a few values is written `x = 'a' OR x = 'b'`, not
--     `x IN ('a', 'b')`: SQLite checks an IN list through a temporary table for every
--     row it writes, which made inserting a task cost two and a half times as much;
--   * the file is in WAL mode: copy it with `inspectrack backup FILE` (or the shell's
--     `.backup`), not with cp while inspectrack may be writing.
--
-- Change data only through inspectrack: it records every change in `events`, which
-- refuses UPDATE and DELETE. If you must write with the shell, first run
-- `PRAGMA foreign_keys = ON;` so that references stay valid.

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
  entity  TEXT NOT NULL,        -- 'calendar', 'unit', 'office', 'inspection', 'finding' or
                                -- 'task'
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
-- The history of a unit, office, inspection, finding or calendar (a task's is found by task_id,
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

-- The tasks each reminder listed, as they stood when it was sent. An undated task
-- listed in a reminder is not listed again in the 6 days after its day.
CREATE TABLE reminder_tasks (
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
CREATE INDEX reminder_tasks_reminder ON reminder_tasks(reminder_id);
CREATE INDEX reminder_tasks_task ON reminder_tasks(task_id);

-- 'INSP' identifies an inspectrack database; user_version is the schema version.
PRAGMA application_id = 1229869904;
PRAGMA user_version = 7;

-- Example queries.
--
-- The overdue list as of 2021-08-01 (what `inspectrack overdue --as-of 2021-08-01`
-- selects), by unit, with the days late:
--
--   SELECT a.key AS unit, a.name, i.key || '/' || t.key AS task, t.action,
--          t.due_text, t.last_day,
--          CAST(julianday('2021-08-01') - julianday(t.last_day) AS INTEGER) AS days_late
--     FROM tasks t
--     JOIN units a ON a.id = t.assignee_id
--     JOIN inspections i ON i.id = t.inspection_id
--    WHERE t.status = 'open' AND t.last_day < '2021-08-01'
--    ORDER BY a.key, t.last_day;
--
-- Per-unit counts of findings, tasks, open tasks and tasks overdue on 2021-08-01:
--
--   SELECT u.key, u.name,
--          (SELECT count(*) FROM findings f WHERE f.unit_id = u.id) AS findings,
--          count(t.id) AS tasks,
--          count(*) FILTER (WHERE t.status = 'open') AS open,
--          count(*) FILTER (WHERE t.status = 'open'
--                             AND t.last_day < '2021-08-01') AS overdue
--     FROM units u
--     LEFT JOIN tasks t ON t.assignee_id = u.id
--                       AND (t.repeat_every IS NULL OR t.period <> '')  -- not a series
--    GROUP BY u.id
--    ORDER BY u.key;
--
-- The history of one task:
--
--   SELECT at, actor, action, field, before, after
--     FROM events WHERE key = 'gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can'
--    ORDER BY id;
