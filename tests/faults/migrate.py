#!/usr/bin/python3
"""A migration that fails halfway leaves the old version intact.

Usage: migrate.py INSPECTRACK_BINARY FAILWRITE_SO SOURCE_DIR

For each fixture (tests/data/fixtures/schema-v1.sql to schema-v5.sql, loaded with the
sqlite3 shell, so in rollback-journal mode) a writing command (`note`) upgrades the
database to the current version in the same transaction as its note: every step of the
upgrade and the note are committed together, and only then is the file switched to
WAL. failwrite.so fills the disk after N bytes, N swept over every write the command
makes: the -journal of that transaction, the database pages of its commit (a -journal
left hot), the byte where the commit is whole, and the -journal and header of the
switch to WAL after it. After each run:
- the command exited 74 saying the disk is full, with nothing written, or 0 with its
  note written (a switch to WAL that fails is left to the next writer);
- PRAGMA integrity_check is ok;
- the schema version is the old one or the current one, never one between: an upgrade
  is all or nothing (the tables and columns are those of that version; from version 4
  on no CHECK is left with an IN list, which that step rewrites in place);
- the old tables hold the old rows, column for column;
- a report run then reads it (the hot -journal of a commit cut short is rolled back);
- then the same command without the fault upgrades it fully, and check passes.
"""
import os
import shutil
import sqlite3
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib as F  # noqa: E402

NOTE = "ghi chú sau khi nâng cấp"
CURRENT = 7


def in_lists(con):
    """The tables and indexes whose definition holds an IN (…) list (schema 4 and later have none)."""
    return con.execute("SELECT count(*) FROM sqlite_master WHERE sql LIKE '% IN (%'").fetchone()[0]


def load(fixture, db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    with open(fixture, "rb") as f:
        subprocess.run(["sqlite3", db], stdin=f, check=True)


def snapshot(db, scratch):
    """A copy of the database as the command left it (with its -wal, -shm or hot
    -journal), opened read-write as the next process would: SQLite replays or rolls
    back what it finds. The original stays as it was, for inspectrack's own next run."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(scratch + suffix):
            os.remove(scratch + suffix)
        if os.path.exists(db + suffix):
            shutil.copyfile(db + suffix, scratch + suffix)
    return sqlite3.connect(scratch)


def shape(con):
    """{table: [columns]} of every table."""
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: [r[1] for r in con.execute(f"PRAGMA table_info(\"{t}\")")] for t in names}


def rows(con, old_shape, max_event, task):
    """The old tables' rows, in their old columns: events up to the old last one, and
    the noted task's updated_at left out (the note sets it)."""
    out = {}
    for table, columns in old_shape.items():
        where = f" WHERE id <= {max_event}" if table == "events" else ""
        cols = ", ".join(
            f"CASE WHEN id = {task} THEN NULL ELSE updated_at END"
            if (table, c) == ("tasks", "updated_at") else f"\"{c}\"" for c in columns)
        out[table] = con.execute(f"SELECT {cols} FROM \"{table}\"{where} ORDER BY rowid").fetchall()
    return out


def notes(con):
    return con.execute("SELECT count(*) FROM events WHERE action = 'note' AND after = ?",
                       (NOTE,)).fetchone()[0]


def writes_of(binary, shim, fixture, db, cmd):
    log = db + ".log"
    if os.path.exists(log):
        os.remove(log)
    load(fixture, db)
    F.run(binary, db, *cmd, preload=shim, env={"FAILWRITE_PREFIX": db, "FAILWRITE_LOG": log})
    out = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            op, before, size, result, path = line.rstrip("\n").split(" ", 4)
            out.append((int(before), int(size), path[len(db):] or "db"))
    return out


def sweep_points(writes):
    """N values over the writes [(bytes before, size, file)], and the byte count at which
    the commit is whole: the end of the database writes that follow the transaction's
    -journal (the -journal is deleted then, which writes nothing)."""
    first_db = next(k for k, w in enumerate(writes) if w[2] == "db")
    if not any(w[2] == "-journal" for w in writes[:first_db]):
        F.fail("the commit wrote the database before its -journal")
    after = next((k for k in range(first_db, len(writes)) if writes[k][2] != "db"), len(writes))
    commit_end = writes[after - 1][0] + writes[after - 1][1]
    points = {}

    def spread(group, kind, count=6):
        for before, size, _ in group[:: max(1, len(group) // count)]:
            points.setdefault(before, kind)
            points.setdefault(before + size // 2, kind)

    spread(writes[:first_db], "writing the -journal")
    spread(writes[first_db:after], "writing the database (the commit)")
    points.setdefault(commit_end - 1, "the commit's last byte missing")
    points.setdefault(commit_end, "after the commit")
    spread(writes[after:], "switching to WAL after the commit", 3)
    return commit_end, sorted(points.items())


def fixture_case(binary, shim, src, work, version):
    fixture = os.path.join(src, "tests", "data", "fixtures", f"schema-v{version}.sql")
    db = os.path.join(work, f"v{version}.db")
    scratch = os.path.join(work, "scratch.db")
    load(fixture, db)
    con = sqlite3.connect(db)
    old_shape = shape(con)
    max_event = con.execute("SELECT max(id) FROM events").fetchone()[0]
    task = str(con.execute("SELECT min(id) FROM tasks").fetchone()[0])
    old_rows = rows(con, old_shape, max_event, task)
    if con.execute("PRAGMA user_version").fetchone()[0] != version:
        F.fail(f"schema-v{version}.sql is not at version {version}")
    con.close()
    cmd = ["note", task, NOTE]

    # The shape of the current version, from a run without a fault.
    shapes = {version: old_shape}
    reference = os.path.join(work, "reference.db")
    load(fixture, reference)
    F.run(binary, reference, *cmd)
    con = sqlite3.connect(reference)
    shapes[CURRENT] = shape(con)
    if rows(con, old_shape, max_event, task) != old_rows or notes(con) != 1:
        F.fail(f"v{version}: the upgrade without a fault lost data")
    con.close()

    writes = writes_of(binary, shim, fixture, db, cmd)
    if any(w[2] == "-wal" for w in writes):
        F.fail(f"v{version}: the command wrote a -wal before its database was switched to WAL")
    commit_end, points = sweep_points(writes)
    print(f"schema v{version}: {len(writes)} writes, {sum(w[1] for w in writes)} bytes, "
          f"the commit is whole at byte {commit_end}; sweeping {len(points)} values of N")
    seen = {}
    for n, kind in points:
        load(fixture, db)
        status, out, err = F.run(binary, db, *cmd, preload=shim, check=False,
                                 env={"FAILWRITE_PREFIX": db, "FAILWRITE_BYTES": str(n)})
        what = f"v{version}, disk full after {n} bytes ({kind})"
        if status not in (0, 74):
            F.fail(f"{what}: exited {status}\n{out}\n{err}")
        if status == 74 and (f"database '{db}'" not in err or "the disk is full" not in err):
            F.fail(f"{what}: the message does not name the database and say the disk is full: {err}")
        con = snapshot(db, scratch)
        if [r[0] for r in con.execute("PRAGMA integrity_check")] != ["ok"]:
            F.fail(f"{what}: integrity_check failed")
        now = con.execute("PRAGMA user_version").fetchone()[0]
        if now not in shapes:
            F.fail(f"{what}: left at version {now}, neither the old one nor the current one")
        if shape(con) != shapes[now]:
            F.fail(f"{what}: version {now} with the tables of none: a step half done "
                   f"({shape(con)})")
        if (now >= 4) != (in_lists(con) == 0):
            F.fail(f"{what}: version {now} with {in_lists(con)} definitions holding an IN list: "
                   f"the rewrite of the constraints half done")
        if rows(con, old_shape, max_event, task) != old_rows:
            F.fail(f"{what}: the old rows changed")
        written = notes(con)
        con.close()
        if status == 0 and (now != CURRENT or written != 1):
            F.fail(f"{what}: exited 0 at version {now} with {written} notes")
        if status == 74 and (now != version or written != 0):
            F.fail(f"{what}: exited 74 but left version {now} with {written} notes")
        if (status == 0) != (n >= commit_end):
            F.fail(f"{what}: exited {status}, but the commit is whole at byte {commit_end}")
        outcome = f"exit {status}, left at version {now}"
        seen[outcome] = seen.get(outcome, 0) + 1
        print(f"  N={n:7d} {kind:34s} {outcome}", flush=True)

        if kind.startswith("writing the database") or kind.startswith("the commit's last"):
            # Stopped in the middle of the commit: a report rolls the -journal back and
            # reads the old version (a version 1 database it refuses, asking for an
            # upgrade, as for any version 1 database).
            status, out, err = F.run(binary, db, "list", "tasks", "--format", "csv", check=False)
            if version == 1 and (status != 66 or "has schema version 1" not in err):
                F.fail(f"{what}: a report exited {status}: {err}")
            if version > 1 and (status != 0 or len(out.splitlines()) < 2):
                F.fail(f"{what}: a report exited {status}: {err}")
            if os.path.exists(db + "-journal") and os.path.getsize(db + "-journal") > 0:
                F.fail(f"{what}: the report left the -journal in place")

        # The next run, without the fault, completes the upgrade.
        F.run(binary, db, *cmd)
        F.check_passes(binary, db, f"{what}, run again")
        con = sqlite3.connect(db)
        if con.execute("PRAGMA user_version").fetchone()[0] != CURRENT or \
                rows(con, old_shape, max_event, task) != old_rows or notes(con) != written + 1:
            F.fail(f"{what}: run again, the upgrade did not complete with the old data intact")
        con.close()
    for outcome, count in sorted(seen.items()):
        print(f"  {count:4d}  {outcome}")
    wanted = {f"exit 74, left at version {version}", f"exit 0, left at version {CURRENT}"}
    if not wanted <= set(seen):
        F.fail(f"v{version}: the sweep missed {sorted(wanted - set(seen))}")


def main():
    binary, shim, src = sys.argv[1:4]
    if not shutil.which("sqlite3"):
        F.fail("the sqlite3 shell is needed to load the fixtures")
    work = os.path.realpath(F.workdir("migrate"))
    for version in range(1, CURRENT):
        fixture_case(binary, shim, src, work, version)
    print("ok")


if __name__ == "__main__":
    main()
