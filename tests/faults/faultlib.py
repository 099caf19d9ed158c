"""Helpers shared by the fault tests: running the binary, digests of a database's content.

Every test imports this file from its own folder; nothing here writes outside the
temporary folder a test gives it.
"""
import atexit
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

AS_OF = "2021-07-30"
# Pinned, so that the same change always writes the same rows: a digest then tells
# "nothing", "all of it" and "something else" apart.
NOW = "2021-07-30T08:00:00Z"


def environment(extra=None):
    env = dict(os.environ)
    env.update({"INSPECTRACK_NOW": NOW, "USER": "tester", "LANG": "C", "LC_ALL": "C"})
    env.pop("INSPECTRACK_DB", None)
    # The shim is preloaded before ASan's runtime in a sanitized build; harmless otherwise.
    asan = env.get("ASAN_OPTIONS", "")
    env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "verify_asan_link_order=0"
    if extra:
        env.update(extra)
    return env


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def run(binary, db, *args, env=None, preload=None, check=True, timeout=300):
    """Runs inspectrack on `db`; returns (status, stdout, stderr)."""
    e = environment(env)
    if preload:
        e["LD_PRELOAD"] = preload
    p = subprocess.run([binary, "--db", db, "--as-of", AS_OF, *args], env=e,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    if check and p.returncode != 0:
        fail(f"inspectrack {' '.join(args)} exited {p.returncode}\n{out}\n{err}")
    return p.returncode, out, err


def check_passes(binary, db, what):
    status, out, err = run(binary, db, "check", check=False)
    if status != 0:
        fail(f"{what}: inspectrack check exited {status}\n{out}\n{err}")


def copy_db(src, dst):
    """A copy of database `src` at `dst`: the file alone when its -wal is empty (the
    empty -wal and -shm a reader leaves are not copied, so every copy starts the same),
    else with its -wal and -shm."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)
    if file_size(src + "-wal"):
        for suffix in ("-wal", "-shm"):
            shutil.copyfile(src + suffix, dst + suffix)


def connect_ro(db):
    # mode=ro: reading never checkpoints or removes a -wal file the test looks at.
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def settle(db):
    """Checkpoints and removes a -wal file a killed process left (the content stays the
    same), so that the next trial starts from a database file alone."""
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        con.close()
    if file_size(db + "-wal"):
        fail(f"{db}-wal is still there after a checkpoint")


def tables(con):
    return [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def digest(db):
    """A digest of the logical content: the schema version, and each table's definition
    and rows in rowid order (the pages they sit on do not matter)."""
    con = connect_ro(db)
    try:
        h = hashlib.sha256()
        h.update(repr(con.execute("PRAGMA user_version").fetchone()).encode())
        for name in tables(con):
            sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            h.update(repr((name, sql)).encode())
            for row in con.execute(f"SELECT * FROM \"{name}\" ORDER BY rowid"):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


def counts(db):
    con = connect_ro(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("tasks", "findings", "events"))
    finally:
        con.close()


def status_agrees_with_events(db):
    """Task ids whose status is not the one their latest status event says."""
    con = connect_ro(db)
    try:
        return [r[0] for r in con.execute(
            "SELECT t.id FROM tasks t WHERE t.status <> coalesce((SELECT e.after FROM events e"
            " WHERE e.task_id = t.id AND e.field = 'status' ORDER BY e.id DESC LIMIT 1), 'open')")]
    finally:
        con.close()


def workdir(name):
    """A new temporary folder, removed at exit (kept when FAULTS_KEEP is set)."""
    path = tempfile.mkdtemp(prefix=f"inspectrack-{name}-")
    if not os.environ.get("FAULTS_KEEP"):
        atexit.register(shutil.rmtree, path, True)
    return path


def large_import(src, work, findings, tasks, progress):
    """Generates (gen_large.py) an inspection of `findings` findings and `tasks` written
    tasks for the Chư Prông units, with a progress file of `progress` entries, in `work`.
    Returns the paths (units, example, inspection, progress): the units file and the
    example import first, the inspection and the progress file are the large ones."""
    units = os.path.join(src, "examples", "units-chu-prong.yaml")
    example = os.path.join(src, "examples", "chu-prong-2021.yaml")
    inspection = os.path.join(work, "large.yaml")
    progress_file = os.path.join(work, "progress.yaml")
    subprocess.run(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen_large.py"),
                    units, inspection, progress_file, str(findings), str(tasks), str(progress)], check=True)
    return units, example, inspection, progress_file


def file_size(path):
    try:
        return os.path.getsize(path)
    except FileNotFoundError:
        return None
