#!/usr/bin/python3
"""Eight processes use one database for a minute: imports, task changes,
reminder runs, backups and reports, all at once. None may fail within the busy timeout,
no change may be lost or doubled, every backup must pass `check`, and the database must
be intact at the end.

Usage: soak.py INSPECTRACK_BINARY SOURCE_DIR [SECONDS]
SECONDS (default 60) is how long the eight workers run; $INSPECTRACK_SOAK_SECONDS, when
set, overrides it (INSPECTRACK_SOAK_SECONDS=10 ctest -R soak for a quick run).

The workers:
  importer     re-imports the examples and the example progress file (which must change
               nothing), and a generated inspection file and progress file, each import a
               new version of them (every task's action changes; new notes).
  changer 0, 1 each owns half of the example tasks the progress file leaves alone, and
               walks them one after the other through extend, done, reopen: every command
               is expected to succeed, except one extend in seven, made on purpose to a day
               before the deadline in force, which must be refused (exit 65). Between
               them, notes on any task, the other changer's included, so that both write
               the same rows.
  remind 0, 1  remind runs for five working days, each day several times, both processes
               on the same days and the same mbox: a unit gets a second digest on a day only
               when it lists a task or deadline the day's earlier ones did not (the changers
               reopen and extend tasks). At the end, with nothing changing, four runs at
               once for a new day: each unit that owes something gets exactly one.
  backup       backups to new files while the others write; each must pass `check`.
  reporter 0   overdue, due, summary and list tasks in JSON, which must parse, for days
               that move forward through 2021-2022: the first report that needs the
               occurrences of the recurring task makes them (once, though two reporters
               race for it).
  reporter 1   the same, in the other order.
Exit 75 (busy) counts as a failure unless the command waited the whole busy timeout.
"""

import collections
import datetime
import json
import mailbox
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

BUSY_TIMEOUT_S = 10.0  # inspectrack's default --busy-timeout
AS_OF = "2021-07-29"  # changes and imports: the progress file's days are before it
REMIND_DAYS = ["2021-07-29", "2021-07-30", "2021-08-02", "2021-08-03", "2021-08-04"]
GEN_TASKS = 3  # tasks of the generated inspection, each fanned out to the 20 communes and towns
GEN_NOTES = 10  # notes per generated progress file
SENDER = "vanphong@example.vn"

binary = os.path.abspath(sys.argv[1])
source = os.path.abspath(sys.argv[2])
seconds = float(os.environ.get("INSPECTRACK_SOAK_SECONDS") or (sys.argv[3] if len(sys.argv) > 3 else 60))
examples = os.path.join(source, "examples")
example_files = [os.path.join(examples, f) for f in
                 ("units-chu-prong.yaml", "chu-prong-2021.yaml", "bao-cao-dinh-ky-2021.yaml")]
example_progress = os.path.join(examples, "tien-do-chu-prong-2021.yaml")

work = tempfile.mkdtemp(prefix="inspectrack-soak-")
db = os.path.join(work, "soak.db")
mbox_path = os.path.join(work, "out.mbox")
env = dict(os.environ, INSPECTRACK_DB=db, USER="soak", LANG="C", LC_ALL="", LC_MESSAGES="")
env.pop("INSPECTRACK_NOW", None)

failures = []  # what went wrong, to print at the end
lock = threading.Lock()
# op -> Counter of outcomes ("ok", "refused", "busy-after-timeout", "failed"); op -> longest wall time
outcomes = collections.defaultdict(collections.Counter)
longest = collections.defaultdict(float)


def fail(message):
    with lock:
        failures.append(message)


def run(op, args, expect=0):
    """Runs inspectrack ARGS; returns (exit status, stdout, stderr). An exit status other
    than `expect` is a failure, but 75 after waiting the whole busy timeout."""
    start = time.monotonic()
    p = subprocess.run([binary] + args, env=env, cwd=work, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    with lock:
        longest[op] = max(longest[op], elapsed)
        if p.returncode == expect:
            outcomes[op]["ok" if expect == 0 else "refused"] += 1
        elif p.returncode == 75 and elapsed >= BUSY_TIMEOUT_S:
            outcomes[op]["busy-after-timeout"] += 1
        else:
            outcomes[op]["failed"] += 1
            failures.append(f"{op}: {' '.join(args)}: exit {p.returncode} after {elapsed:.2f} s: "
                            f"{p.stderr.strip()[:500]}")
    return p.returncode, p.stdout, p.stderr


def write_generated(version):
    """The generated inspection file, version `version`: every task's action names it."""
    path = os.path.join(work, "gen.yaml")
    lines = ["inspection:", "  key: soak-gen", "  kind: directive",
             "  title: Kiểm tra thử tải", "  scope: chu-prong", "  conclusion:", "    date: 1/7/2021",
             "tasks:"]
    for t in range(1, GEN_TASKS + 1):
        lines += [f"  - key: t{t}", f"    action: Nhiệm vụ thử {t}, phiên bản {version}",
                  "    assignees: {kind: [commune, town]}", "    due: {by: 30/9/2021}"]
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)
    return path


def write_generated_progress(version, gen_keys):
    path = os.path.join(work, "gen-progress.yaml")
    lines = ["progress:"]
    for n in range(GEN_NOTES):
        lines += [f"  - task: {gen_keys[(version * GEN_NOTES + n) % len(gen_keys)]}",
                  f"    note: soak progress {version} {n}"]
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)
    return path


def list_tasks(as_of=AS_OF):
    code, out, err = run("setup", ["--as-of", as_of, "list", "tasks", "--format", "json"])
    if code != 0:
        sys.exit(f"list tasks failed: {err}")
    return json.loads(out)


def day(iso):
    return datetime.date.fromisoformat(iso)


# ---------------------------------------------------------------------------
# Setup: the examples with their progress, and version 0 of the generated file.

run("setup", ["import", "--as-of", AS_OF] + example_files)
run("setup", ["import", "--as-of", AS_OF, example_progress])
run("setup", ["import", "--as-of", AS_OF, write_generated(0)])
if failures:
    sys.exit("setup failed:\n" + "\n".join(failures))
initial = list_tasks()
progress_keys = {line.split("task:")[1].strip() for line in open(example_progress, encoding="utf-8")
                 if "task:" in line}
gen_keys = sorted(t["key"] for t in initial if t["inspection"] == "soak-gen")
owned = sorted((t for t in initial if t["inspection"] != "soak-gen" and t["key"] not in progress_keys),
               key=lambda t: t["id"])
assert len(gen_keys) == 20 * GEN_TASKS, len(gen_keys)
assert all(t["status"] == "open" for t in owned) and len(owned) > 40, len(owned)
every_task_id = [t["id"] for t in initial]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
events_before = con.execute("SELECT max(id) FROM events").fetchone()[0]
con.close()

deadline = time.monotonic() + seconds
stop = lambda: time.monotonic() >= deadline

# What the workers did that must show in the database.
expected = {
    "gen_imports": 0,  # generated inspection imports after version 0: each updates every task
    "gen_progress": 0,  # generated progress imports
    "notes": [],  # texts of the notes `note` added
    "refusals": 0,
}
# task id -> [(command, args...)] the successful status commands, in order
task_history = collections.defaultdict(list)
task_state = {}  # task id -> {"status", "last_day", "extensions", "done_on"}
remind_sent = collections.Counter()  # "sent" lines of the remind reports
backups_checked = [0]
report_counts = collections.Counter()
latest_report = [AS_OF]  # the latest --as-of a report ran for


def importer():
    version = 0
    progress_version = 0
    step = 0
    while not stop():
        kind = step % 4
        step += 1
        if kind == 0:
            code, out, _ = run("import examples", ["import", "--as-of", AS_OF] + example_files)
            if code == 0 and ": 0 added, 0 changed," not in out:
                fail(f"re-importing the examples changed something: {out.splitlines()[0]}")
        elif kind == 1:
            path = write_generated(version + 1)
            code, out, _ = run("import generated", ["import", "--as-of", AS_OF, path])
            if code == 0:
                version += 1
                expected["gen_imports"] += 1
                if f": 0 added, {len(gen_keys)} changed," not in out:
                    fail(f"a new version of the generated file: {out.splitlines()[0]}")
        elif kind == 2:
            code, out, _ = run("import progress (again)", ["import", "--as-of", AS_OF, example_progress])
            if code == 0 and ": 0 added, 0 changed, 6 unchanged," not in out:
                fail(f"re-importing the progress file changed something: {out.splitlines()[0]}")
        else:
            path = write_generated_progress(progress_version, gen_keys)
            code, out, _ = run("import generated progress", ["import", "--as-of", AS_OF, path])
            if code == 0:
                progress_version += 1
                expected["gen_progress"] += 1


def changer(worker):
    mine = [t for n, t in enumerate(owned) if n % 2 == worker]
    for t in mine:
        task_state[t["id"]] = {"status": "open", "last_day": t["due"], "extensions": 0, "done_on": None}
    n = 0
    while not stop():
        n += 1
        if n % 2 == 0:
            # A note on any task, the other changer's and the generated ones included.
            target = every_task_id[(n * 7 + worker * 13) % len(every_task_id)]
            text = f"soak note w{worker} n{n}"
            code, _, _ = run("note", ["--as-of", AS_OF, "note", str(target), text])
            if code == 0:
                expected["notes"].append(text)
            continue
        # Three status commands in a row on one task (extend, done, reopen), then the next.
        task = mine[(n // 6) % len(mine)]
        state = task_state[task["id"]]
        tid = str(task["id"])
        if state["status"] == "done":
            code, _, _ = run("reopen", ["--as-of", AS_OF, "reopen", tid, "--reason", f"soak reopen {n}"])
            if code == 0:
                state.update(status="open", done_on=None)
                task_history[task["id"]].append("reopen")
        elif n % 7 == 0 and state["last_day"]:
            # On purpose: not later than the deadline in force.
            earlier = (day(state["last_day"]) - datetime.timedelta(days=1)).isoformat()
            code, _, err = run("extend (refused)", ["--as-of", AS_OF, "extend", tid, "--to", earlier,
                                                   "--reason", "soak"], expect=65)
            if code == 65:
                expected["refusals"] += 1
                if "not later than the deadline in force" not in err:
                    fail(f"extend {tid} to {earlier}: refused for another reason: {err.strip()}")
        elif state["extensions"] <= state.get("dones", 0):
            to = (day(state["last_day"]) + datetime.timedelta(days=1)).isoformat() if state["last_day"] \
                else "2021-08-01"
            code, _, _ = run("extend", ["--as-of", AS_OF, "extend", tid, "--to", to, "--reason", f"soak {n}"])
            if code == 0:
                state.update(last_day=to, extensions=state["extensions"] + 1)
                task_history[task["id"]].append("extend")
        else:
            code, _, _ = run("done", ["--as-of", AS_OF, "done", tid])
            if code == 0:
                state.update(status="done", done_on=AS_OF, dones=state.get("dones", 0) + 1)
                task_history[task["id"]].append("done")


def reminder(worker):
    n = worker
    while not stop():
        d = REMIND_DAYS[n % len(REMIND_DAYS)]
        n += 1
        code, out, _ = run("remind", ["--as-of", d, "remind", "--from", SENDER, "--mbox", mbox_path,
                                      "--format", "json"])
        if code == 0:
            with lock:
                remind_sent[d] += sum(1 for row in json.loads(out) if row["result"] == "sent")


def backup():
    n = 0
    while not stop():
        n += 1
        path = os.path.join(work, f"backup-{n}.db")
        code, _, _ = run("backup", ["backup", path])
        if code != 0:
            continue
        code, out, _ = run("check (backup)", ["--db", path, "check", "--format", "json"])
        if code == 0:
            backups_checked[0] += 1
        problems = [c for c in json.loads(out or "[]") if not c["ok"]]
        if code == 0 and problems or code == 1:
            fail(f"backup {n}: check reported {problems}")
        for suffix in ("", "-wal", "-shm"):
            if n > 1 and os.path.exists(path + suffix):
                os.remove(path + suffix)


REPORTS = [["overdue"], ["due", "--within", "7"], ["summary", "--by", "unit"], ["list", "tasks"]]


def reporter(worker):
    n = 0
    start = datetime.date(2021, 7, 29)
    while not stop():
        # Ten days further each round, through 2022, then again from the start.
        as_of = (start + datetime.timedelta(days=(n // len(REPORTS)) * 10 % 540)).isoformat()
        report = REPORTS[n % len(REPORTS)] if worker == 0 else REPORTS[-1 - n % len(REPORTS)]
        n += 1
        name = "list tasks" if report[0] == "list" else report[0]
        code, out, _ = run(name, ["--as-of", as_of] + report + ["--format", "json"])
        if code != 0:
            continue
        try:
            rows = json.loads(out)
        except ValueError as e:
            fail(f"{name} --as-of {as_of}: the JSON does not parse ({e}): {out[:200]}")
            continue
        if not isinstance(rows, list):
            fail(f"{name}: not an array")
        elif report[0] == "list":
            ids = [t["id"] for t in rows]
            if len(ids) != len(set(ids)) or len(ids) < len(initial):
                fail(f"list tasks --as-of {as_of}: {len(ids)} rows, {len(set(ids))} ids")
        elif report[0] == "summary":
            if sum(r["tasks"] for r in rows) < len(initial):
                fail(f"summary --as-of {as_of}: {sum(r['tasks'] for r in rows)} tasks")
        with lock:
            report_counts[name] += 1
            latest_report[0] = max(latest_report[0], as_of)


workers = [threading.Thread(target=importer, name="importer")]
workers += [threading.Thread(target=changer, args=(w,), name=f"changer {w}") for w in (0, 1)]
workers += [threading.Thread(target=reminder, args=(w,), name=f"remind {w}") for w in (0, 1)]
workers += [threading.Thread(target=backup, name="backup")]
workers += [threading.Thread(target=reporter, args=(w,), name=f"reporter {w}") for w in (0, 1)]
assert len(workers) == 8
began = time.monotonic()
for w in workers:
    w.start()
for w in workers:
    w.join()
ran = time.monotonic() - began


# Then, with nothing changing any more, four remind runs at once for a new day: each
# unit that owes something gets exactly one digest.
STRICT_DAY = "2021-08-05"
strict = [None] * 4


def strict_remind(n):
    code, out, _ = run("remind (at once)", ["--as-of", STRICT_DAY, "remind", "--from", SENDER, "--mbox",
                                            mbox_path, "--format", "json"])
    strict[n] = json.loads(out) if code == 0 else []


at_once = [threading.Thread(target=strict_remind, args=(n,)) for n in range(4)]
for t in at_once:
    t.start()
for t in at_once:
    t.join()
strict_sent = collections.Counter(r["unit"] for rows in strict for r in rows if r["result"] == "sent")
strict_seen = [{r["unit"] for r in rows if r["result"] in ("sent", "already-sent")} for rows in strict]
# Who owes something on Thursday 5/8: overdue, or due by Tuesday 10/8 (the third working
# day after), counted without remind.
owing = {t["assignee"] for t in list_tasks(STRICT_DAY)
         if t["status"] == "open" and t["due"] and t["due"] <= "2021-08-10"}
check_at_once = (len(owing) > 0 and set(strict_sent) == owing and set(strict_sent.values()) == {1}
                 and all(seen == owing for seen in strict_seen))


# ---------------------------------------------------------------------------
# What the database holds now.

def check(condition, message):
    if not condition:
        fail(message)


con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
q = lambda sql, *args: con.execute(sql, args).fetchall()

# Every note `note` added appears exactly once.
notes = collections.Counter(r[0] for r in q(
    "SELECT after FROM events WHERE action = 'note' AND field = 'note' AND after LIKE 'soak note %'"))
check(sorted(notes.elements()) == sorted(expected["notes"]),
      f"notes: {len(expected['notes'])} added, {sum(notes.values())} in the history, "
      f"{sum(1 for c in notes.values() if c > 1)} twice, "
      f"missing {sorted(set(expected['notes']) - set(notes))[:5]}")
progress_notes = q("SELECT count(*), count(DISTINCT after || task_id) FROM events WHERE action = 'note' "
                   "AND field = 'note' AND after LIKE 'soak progress %'")[0]
check(progress_notes == (expected["gen_progress"] * GEN_NOTES,) * 2,
      f"progress notes: {progress_notes}, expected {expected['gen_progress'] * GEN_NOTES}")
# Each new version of the generated file updated every task's action once.
gen_updates = q("SELECT count(*) FROM events WHERE action = 'update' AND field = 'action' "
                "AND key LIKE 'soak-gen/%' AND id > ?", events_before)[0][0]
check(gen_updates == expected["gen_imports"] * len(gen_keys),
      f"generated file: {gen_updates} action updates, expected {expected['gen_imports'] * len(gen_keys)}")
last_version = q("SELECT DISTINCT action FROM tasks t JOIN inspections i ON i.id = t.inspection_id "
                 "WHERE i.key = 'soak-gen'")
check(len(last_version) == GEN_TASKS and all(a[0].endswith(f"phiên bản {expected['gen_imports']}")
                                              for a in last_version),
      f"generated tasks hold {last_version}, expected version {expected['gen_imports']}")

# Each changed task: its status changes in the order made, and its final state.
changed = 0
for tid, state in task_state.items():
    history = [r[0] for r in q("SELECT action FROM events WHERE task_id = ? AND id > ? AND "
                               "action IN ('done', 'reopen', 'extend') AND field IN ('status', 'last_day') "
                               "ORDER BY id", tid, events_before)]
    check(history == task_history[tid], f"task {tid}: history {history}, commands {task_history[tid]}")
    row = q("SELECT status, last_day, extensions, done_on FROM tasks WHERE id = ?", tid)[0]
    want = (state["status"], state["last_day"], state["extensions"], state["done_on"])
    check(row == want, f"task {tid}: {row}, expected {want} after {task_history[tid][-3:]}")
    changed += bool(task_history[tid])
per_action = dict(q("SELECT action, count(*) FROM events WHERE id > ? AND ((action IN ('done', 'reopen') "
                    "AND field = 'status') OR (action = 'extend' AND field = 'last_day')) GROUP BY action",
                    events_before))
for action in ("done", "reopen", "extend"):
    check(per_action.get(action, 0) == outcomes[action]["ok"],
          f"{action}: {outcomes[action]['ok']} succeeded, {per_action.get(action, 0)} in the history")
check(expected["refusals"] == outcomes["extend (refused)"]["refused"], "refusals miscounted")

# Reminders: a second one to a unit on one day only for a task, or a deadline, the
# earlier ones of that day did not list (the changers reopen and extend tasks meanwhile);
# each in the mbox once, as the runs reported.
reminders = q("SELECT id, unit_id, day, status, message_id FROM reminders ORDER BY id")
listed = collections.defaultdict(set)
for r in q("SELECT reminder_id, task_id, last_day FROM reminder_tasks"):
    listed[r[0]].add((r[1], r[2]))
covered = collections.defaultdict(set)  # (unit, day) -> (task, deadline) listed so far
repeated = 0
for rid, unit, d, status, _ in reminders:
    if covered[(unit, d)] and listed[rid] <= covered[(unit, d)]:
        repeated += 1
    covered[(unit, d)] |= listed[rid]
check(repeated == 0, f"{repeated} reminders repeated only what the unit was sent that day")
check(all(r[3] == "sent" for r in reminders), "a reminder was left 'sending'")
box = mailbox.mbox(mbox_path, create=False) if os.path.exists(mbox_path) else []
mbox_ids = [m["Message-ID"].strip("<>") for m in box]
check(sorted(mbox_ids) == sorted(r[4] for r in reminders),
      f"mbox: {len(mbox_ids)} messages, reminders table: {len(reminders)}")
check(sum(remind_sent.values()) + sum(strict_sent.values()) == len(reminders),
      f"remind reported {sum(remind_sent.values())} + {sum(strict_sent.values())} sent, the table "
      f"holds {len(reminders)}")
days_reminded = collections.Counter(r[2] for r in reminders)
check(check_at_once and days_reminded[STRICT_DAY] == len(strict_sent),
      f"four runs at once for {STRICT_DAY}: {len(owing)} units owe, sent {dict(strict_sent)}, units seen by each run "
      f"{[len(x) for x in strict_seen]}, {days_reminded[STRICT_DAY]} recorded")

units_days = len(covered)

# Occurrences of the recurring task: each made once, each with its one 'repeat' event.
occurrences = q("SELECT count(*), count(DISTINCT key || assignee_id || period) FROM tasks WHERE period <> ''")[0]
repeats = q("SELECT count(*), count(DISTINCT task_id) FROM events WHERE action = 'repeat'")[0]
check(occurrences[0] == occurrences[1] == repeats[0] == repeats[1],
      f"occurrences {occurrences}, repeat events {repeats}")
# The quarterly report is due on the 15th of the quarter's last month, from 2021-Q3 to
# 2022-Q4; an occurrence is made once its day is at most 7 days after the report's day.
horizon = day(latest_report[0]) + datetime.timedelta(days=7)
quarters = sum(1 for y in (2021, 2022) for m in (3, 6, 9, 12)
               if (y, m) >= (2021, 9) and datetime.date(y, m, 15) <= horizon)
check(occurrences[0] == 20 * quarters,
      f"{occurrences[0]} occurrences, expected {20 * quarters} for reports up to {latest_report[0]}")
con.close()

code, out, err = run("final check", ["check", "--format", "json"])
check(code == 0 and all(c["ok"] for c in json.loads(out or "[]")), f"check: {out} {err}")
integrity = subprocess.run(["sqlite3", db, "PRAGMA integrity_check; PRAGMA foreign_key_check"],
                           capture_output=True, text=True)
check(integrity.stdout == "ok\n", f"sqlite3: {integrity.stdout} {integrity.stderr}")

# ---------------------------------------------------------------------------
print(f"8 processes for {ran:.1f} s on one database ({seconds:g} s asked)")
print(f"{'operation':28} {'ok':>6} {'refused':>8} {'busy*':>6} {'failed':>7} {'longest':>8}")
for op in sorted(outcomes):
    c = outcomes[op]
    print(f"{op:28} {c['ok']:6} {c['refused']:8} {c['busy-after-timeout']:6} {c['failed']:7} "
          f"{longest[op]:7.2f}s")
print(f"(busy*: exit 75 after waiting the whole {BUSY_TIMEOUT_S:g} s busy timeout; refused: as intended)")
print(f"tasks changed {changed} of {len(task_state)}; notes {len(expected['notes'])}; generated versions "
      f"{expected['gen_imports']} ({gen_updates} action updates); generated progress imports "
      f"{expected['gen_progress']} ({progress_notes[0]} notes)")
print(f"reminders sent {len(reminders)} = mbox messages {len(mbox_ids)} to {units_days} (unit, day) pairs, per day "
      f"{dict(sorted(days_reminded.items()))} (the last by 4 runs at once, once to each of "
      f"{len(strict_sent)} units); occurrences made by reports {occurrences[0]}; "
      f"backups checked {backups_checked[0]}; reports parsed {sum(report_counts.values())}")
if failures:
    print(f"\n{len(failures)} failure(s):")
    for f in failures[:40]:
        print("  " + f)
    print(f"(the database is kept in {work})")
    sys.exit(1)
shutil.rmtree(work)
