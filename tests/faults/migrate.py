#!/usr/bin/python3
"""A migration that fails halfway leaves the old version intact (issue 6).

Usage: migrate.py INSPECTRACK_BINARY FAILWRITE_SO SOURCE_DIR

For each fixture (tests/data/fixtures/schema-v1.sql to schema-v4.sql, loaded
with the sqlite3 shell) a writing command (`note`) upgrades the database to the current version
and then writes. failwrite.so fills the disk after N bytes, N swept over every write
the command makes: the switch to WAL (through the rollback journal), the -shm file,
-wal frames one byte short of their end (each step's commit frame, the frame before
it, and others between; the commit frames are read from a -wal kept by a run whose
checkpoint failed), and the checkpoint at close. After each run:
- the command exited 74 saying the disk is full, or 0 with its note written;
- PRAGMA integrity_check is ok;
- the schema version is the old one, or a step completed in full (its tables and
  columns are those of that version; from version 4 on no CHECK is left with an IN
  list, which that step rewrites in place), never a step half done;
- the old tables hold the old rows, column for column;
- a report run then reads it (the -journal of a switch to WAL cut short is rolled back);
- then the same command without the fault upgrades it fully, and check passes.
"""
import os
import shutil
import sqlite3
import struct
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib as F  # noqa: E402

NOTE = "ghi chú sau khi nâng cấp"
CURRENT = 5


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


def commit_frames(binary, shim, fixture, db, cmd, end):
    """Which -wal frames end a transaction (a step of the upgrade, or the note): a run
    whose disk fills right after the last frame keeps its -wal (the checkpoint at close
    fails), and a commit frame's header holds the database size."""
    load(fixture, db)
    status, _, err = F.run(binary, db, *cmd, preload=shim, check=False,
                           env={"FAILWRITE_PREFIX": db, "FAILWRITE_BYTES": str(end)})
    if status != 0:
        F.fail(f"the run that keeps its -wal exited {status}: {err}")
    with open(db + "-wal", "rb") as f:
        data = f.read()
    page = struct.unpack(">I", data[8:12])[0]
    frames = (len(data) - 32) // (24 + page)
    return frames, [k for k in range(frames)
                    if struct.unpack(">I", data[32 + k * (24 + page) + 4:][:4])[0] != 0]


def sweep_points(writes, frames, commits):
    points = {}
    wal = [w for w in writes if w[2] == "-wal"]
    # Up to the first -wal write: the journal and header of the switch to WAL, and two
    # of the 1-byte writes that extend the -shm file.
    shm = 0
    for before, size, suffix in writes:
        if suffix == "-wal":
            break
        if suffix == "-shm":
            shm += 1
            if shm > 2:
                continue
        points.setdefault(before, f"before a {suffix} write")
    # -wal frames (a 24-byte header, then the page) one byte short of their end: each
    # commit frame and the frame before it, and a few others between.
    ends = [before + size + page - 1 for (before, size, _), (_, page, _) in zip(wal[1::2], wal[2::2])]
    if len(ends) != frames:
        F.fail(f"{len(ends)} frames written but {frames} in the -wal")
    chosen = set(range(0, frames, max(1, frames // 6)))
    for c in commits:
        chosen |= {c, c - 1}
    for k in sorted(chosen):
        if 0 <= k < frames:
            points.setdefault(ends[k], "a commit frame one byte short" if k in commits
                              else "a -wal frame one byte short")
    end = wal[-1][0] + wal[-1][1]
    points.setdefault(end, "after the last -wal frame")
    checkpoint = [w for w in writes if w[0] > end]
    for before, size, _ in checkpoint[:: max(1, len(checkpoint) // 3)]:
        points.setdefault(before + size // 2, "during the checkpoint at close")
    return end, sorted(points.items())


def fixture_case(binary, shim, src, work, version, fixture_shapes):
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

    # The shape of each version the steps reach, from a run without a fault.
    shapes = dict(fixture_shapes)
    shapes[version] = old_shape
    reference = os.path.join(work, "reference.db")
    load(fixture, reference)
    F.run(binary, reference, *cmd)
    con = sqlite3.connect(reference)
    shapes[CURRENT] = shape(con)
    if rows(con, old_shape, max_event, task) != old_rows or notes(con) != 1:
        F.fail(f"v{version}: the upgrade without a fault lost data")
    con.close()

    writes = writes_of(binary, shim, fixture, db, cmd)
    wal = [w for w in writes if w[2] == "-wal"]
    frames, commits = commit_frames(binary, shim, fixture, db, cmd, wal[-1][0] + wal[-1][1])
    steps = CURRENT - version + 1  # the upgrade steps and the note
    if len(commits) != steps:
        F.fail(f"v{version}: {len(commits)} commits in the -wal, expected {steps}")
    _, points = sweep_points(writes, frames, commits)
    print(f"schema v{version}: {len(writes)} writes, {sum(w[1] for w in writes)} bytes, "
          f"{frames} -wal frames, commits at frames {commits}; sweeping {len(points)} values of N")
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
        if now not in shapes or now < version:
            F.fail(f"{what}: schema version {now}")
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
        if status == 74 and written != 0:
            F.fail(f"{what}: exited 74 but the note was written")
        outcome = f"exit {status}, left at version {now}"
        seen[outcome] = seen.get(outcome, 0) + 1
        print(f"  N={n:7d} {kind:34s} {outcome}", flush=True)

        if kind.startswith("before a -journal") or kind.startswith("before a db"):
            # Stopped while switching the file to WAL: a report rolls the -journal back
            # and reads the old version (a version 1 database it refuses, asking for an
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
    wanted = {f"exit 74, left at version {version}", f"exit 74, left at version {CURRENT}",
              f"exit 0, left at version {CURRENT}"}
    wanted |= {f"exit 74, left at version {v}" for v in range(version + 1, CURRENT)}
    if not wanted <= set(seen):
        F.fail(f"v{version}: the sweep missed {sorted(wanted - set(seen))}")


def main():
    binary, shim, src = sys.argv[1:4]
    if not shutil.which("sqlite3"):
        F.fail("the sqlite3 shell is needed to load the fixtures")
    work = os.path.realpath(F.workdir("migrate"))
    # The tables and columns of each version a step reaches on the way to the current one.
    fixture_shapes = {}
    for version in range(2, CURRENT):
        db = os.path.join(work, f"v{version}-shape.db")
        load(os.path.join(src, "tests", "data", "fixtures", f"schema-v{version}.sql"), db)
        con = sqlite3.connect(db)
        fixture_shapes[version] = shape(con)
        con.close()
    for version in range(1, CURRENT):
        fixture_case(binary, shim, src, work, version, fixture_shapes)
    print("ok")


if __name__ == "__main__":
    main()
