#!/usr/bin/python3
"""Unreadable, read-only and locked databases.

Usage: access.py INSPECTRACK_BINARY FAILWRITE_SO SOURCE_DIR

- unreadable (mode 0600, another owner): every command exits 66 and says why;
- read-only file in a writable folder: a report works and shows what the owner sees,
  a command that writes exits 73, says the database is read-only, writes nothing;
- read-only folder (the database and its folder belong to another user, no -wal or
  -shm file): a report and check work (SQLite cannot create the -shm file, the
  database is read as it is on disk); a write exits 73 and names the folder;
- left with a hot -journal (an older database, in rollback-journal mode, whose upgrade
  ran out of disk while its commit wrote the database, made with failwrite.so): a report
  by someone who may not write it exits 66 and says why, the owner's report rolls the
  journal back and reads the old data;
- locked (another process holds a write transaction): a report works; a write exits 75
  once --busy-timeout has passed, writes nothing; a write whose lock is released
  while it waits succeeds.
Root reads any file whatever its mode, so when run as root (as CI is) the permission
cases run as nobody (setpriv, util-linux); the database is changed only as root.
"""
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib as F  # noqa: E402

NOBODY = 65534


def as_other(binary, db, *args, lang=None):
    """Runs inspectrack as a user who does not own the files (nobody when root)."""
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if not setpriv:
            F.fail("setpriv (util-linux) is needed to run the permission cases as nobody")
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    extra = ["--lang", lang] if lang else []
    p = subprocess.run(prefix + [binary, "--db", db, "--as-of", F.AS_OF, *extra, *args],
                       env=F.environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def expect(what, result, status, *needles):
    code, out, err = result
    if code != status:
        F.fail(f"{what}: exited {code}, expected {status}\n{out}\n{err}")
    for n in needles:
        if n not in err:
            F.fail(f"{what}: stderr does not say '{n}': {err}")
    print(f"{what}: exit {code}" + (f": {err.strip()}" if err.strip() else ""))
    return out


def fresh_folder(work, name, mode):
    folder = os.path.join(work, name)
    os.mkdir(folder)
    os.chmod(folder, mode)
    return folder


def place(source, folder, file_mode, companions=False):
    """A copy of the database file alone (its -wal is empty: the file holds it all), or
    with the empty -wal and -shm files a reader leaves behind."""
    if F.file_size(source + "-wal"):
        F.fail(f"{source}-wal is not empty")
    db = os.path.join(folder, "test.db")
    shutil.copyfile(source, db)
    os.chmod(db, file_mode)
    if companions:
        for suffix in ("-wal", "-shm"):
            shutil.copyfile(source + suffix, db + suffix)
            os.chmod(db + suffix, file_mode)
    return db


def permissions(binary, work, source, change, report):
    reference = F.run(binary, source, *report)[1]
    d_source = F.digest(source)

    # Unreadable: 0600 and owned by root.
    folder = fresh_folder(work, "unreadable", 0o1777)
    db = place(source, folder, 0o600)
    if os.geteuid() != 0:
        os.chmod(db, 0)
    for what, args in (("report", report), ("check", ["check"]), ("change", change),
                       ("import", ["import", os.path.join(work, "edited.yaml")])):
        expect(f"unreadable database, {what}", as_other(binary, db, *args), 66,
               f"cannot open database '{db}'", "Permission denied")
    os.chmod(db, 0o600)
    if F.digest(db) != d_source:
        F.fail("the unreadable database changed")

    # A read-only file in a folder everyone may write.
    folder = fresh_folder(work, "read-only-file", 0o1777)
    db = place(source, folder, 0o444)
    out = expect("read-only database, report", as_other(binary, db, *report), 0)
    if out != reference:
        F.fail("read-only database: the report differs from the owner's")
    expect("read-only database, check", as_other(binary, db, "check"), 0)
    expect("read-only database, change", as_other(binary, db, *change), 73,
           f"database '{db}' is read-only", "nothing was written")
    expect("read-only database, change (vi)", as_other(binary, db, *change, lang="vi"), 73,
           f"cơ sở dữ liệu '{db}' chỉ cho phép đọc")
    expect("read-only database, import", as_other(binary, db, "import",
                                                  os.path.join(work, "edited.yaml")), 73,
           "is read-only")
    if F.digest(db) != d_source:
        F.fail("the read-only database changed")

    # A read-only folder, as a backup on a read-only disk or another user's folder:
    # with the database file alone, and with the -wal and -shm files a reader left.
    for companions in (False, True):
        name = "read-only folder" + (" with -wal and -shm" if companions else "")
        folder = fresh_folder(work, name.replace(" ", "-"), 0o755)
        db = place(source, folder, 0o644, companions)
        files = sorted(os.listdir(folder))
        if os.geteuid() != 0:
            os.chmod(db, 0o444)
            os.chmod(folder, 0o555)
        out = expect(f"{name}, report", as_other(binary, db, *report), 0)
        if out != reference:
            F.fail(f"{name}: the report differs from the owner's")
        expect(f"{name}, check", as_other(binary, db, "check"), 0)
        wanted = f"database '{db}' is read-only" if companions else \
            f"database '{db}' cannot be written: its folder is not writable"
        expect(f"{name}, change", as_other(binary, db, *change), 73, wanted, "nothing was written")
        expect(f"{name}, change (vi)", as_other(binary, db, *change, lang="vi"), 73,
               "không ghi gì")
        if sorted(os.listdir(folder)) != files:
            F.fail(f"{name}: the files in it changed: {os.listdir(folder)}")
        os.chmod(folder, 0o755)
        if F.digest(db) != d_source:
            F.fail(f"{name}: the database changed")


def wait_until_open(p, db, timeout=120):
    """Waits until process `p` has the database's -shm file open: it got past
    opening the database and is waiting for the lock. False once it has ended."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if p.poll() is not None:
            return False
        try:
            fds = os.listdir(f"/proc/{p.pid}/fd")
        except FileNotFoundError:
            return False
        for fd in fds:
            try:
                if os.readlink(f"/proc/{p.pid}/fd/{fd}") == db + "-shm":
                    return True
            except FileNotFoundError:
                continue  # closed between the listing and the look: not the -shm, which stays open
        time.sleep(0.01)
    return False


def locked(binary, work, source, change, report):
    db = os.path.join(work, "locked.db")
    F.copy_db(source, db)
    before = F.digest(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE units SET name = name WHERE id = 1")
    try:
        out = F.run(binary, db, *report)[1]
        if not out:
            F.fail("locked: the report printed nothing")
        print("locked database, report: exit 0")
        result = F.run(binary, db, "--busy-timeout", "300", *change, check=False)
        expect("locked database, change with --busy-timeout 300", result, 75,
               f"database '{db}' is busy; try again later")
        result = F.run(binary, db, "--lang", "vi", "--busy-timeout", "300", *change, check=False)
        expect("locked database, change (vi)", result, 75, "đang bận")
        # Released while it waits: it goes on.
        p = subprocess.Popen([binary, "--db", db, "--as-of", F.AS_OF, "--busy-timeout", "120000",
                              *change], env=F.environment(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        if not wait_until_open(p, db):
            F.fail(f"locked: the waiting command never opened the database: "
                   f"{p.communicate()[1].decode()}")
        time.sleep(0.2)
        if p.poll() is not None:
            F.fail(f"locked: the command ended while the lock was held (exit {p.returncode}): "
                   f"{p.communicate()[1].decode()}")
    finally:
        holder.execute("ROLLBACK")
    holder.close()
    if F.digest(db) != before:
        F.fail("locked: the database changed while the lock was held")
    out, err = p.communicate(timeout=300)
    if p.returncode != 0:
        F.fail(f"locked: after the lock was released the command exited {p.returncode}: {err}")
    print("locked database, released while the change waited: exit 0")
    if F.digest(db) == before:
        F.fail("locked: the change made after the release is not in the database")
    F.check_passes(binary, db, "locked")


def hot_journal(binary, shim, work, src):
    """A version 2 database (rollback-journal mode, as the sqlite3 shell writes it) whose
    upgrade ran out of disk at the first write to the database file, in its commit (the
    -journal is complete by then), leaving a hot -journal: a report by someone who may
    not write it says so (66); the owner's report rolls the journal back and reads the
    old data."""
    folder = fresh_folder(work, "hot-journal", 0o1777)
    db = os.path.join(folder, "test.db")
    with open(os.path.join(src, "tests", "data", "fixtures", "schema-v2.sql"), "rb") as f:
        subprocess.run(["sqlite3", db], stdin=f, check=True)
    os.chmod(db, 0o644)
    original = F.digest(db)
    log = os.path.join(work, "hot-journal.log")
    F.run(binary, db, "note", "1", "x", preload=shim, env={"FAILWRITE_PREFIX": db, "FAILWRITE_LOG": log})
    with open(log, encoding="utf-8") as f:
        header = next(int(line.split()[1]) for line in f if line.rstrip("\n").endswith(db))
    with open(os.path.join(src, "tests", "data", "fixtures", "schema-v2.sql"), "rb") as f:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        subprocess.run(["sqlite3", db], stdin=f, check=True)
    os.chmod(db, 0o644)
    result = F.run(binary, db, "note", "1", "x", preload=shim, check=False,
                   env={"FAILWRITE_PREFIX": db, "FAILWRITE_BYTES": str(header)})
    expect("commit out of disk at the first database write", result, 74, "the disk is full")
    if not F.file_size(db + "-journal"):
        F.fail("hot journal: no -journal was left")
    report = ["list", "tasks", "--format", "csv"]
    expect("hot journal, report by a user who may not write", as_other(binary, db, *report), 66,
           f"cannot read database '{db}': a process stopped while writing it")
    if not F.file_size(db + "-journal"):
        F.fail("hot journal: the -journal went away without a writer")
    out = expect("hot journal, report by the owner", F.run(binary, db, *report), 0)
    if len(out.splitlines()) < 2 or F.file_size(db + "-journal"):
        F.fail("hot journal: the owner's report did not roll the journal back")
    if F.digest(db) != original:
        F.fail("hot journal: the data is not the version 2 data")


def main():
    binary, shim, src = sys.argv[1:4]
    work = os.path.realpath(F.workdir("access"))
    os.chmod(work, 0o755)
    # The binary and the files nobody reads are copied where nobody can reach them.
    local = os.path.join(work, "inspectrack")
    shutil.copy(binary, local)
    os.chmod(local, 0o755)
    for name in ("units-chu-prong.yaml", "chu-prong-2021.yaml"):
        shutil.copy(os.path.join(src, "examples", name), work)
    with open(os.path.join(work, "chu-prong-2021.yaml"), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(work, "edited.yaml"), "w", encoding="utf-8") as f:
        f.write(text.replace("due: {before: 22/7/2021}", "due: {before: 23/7/2021}"))
    for name in os.listdir(work):
        path = os.path.join(work, name)
        if os.path.isfile(path):
            os.chmod(path, os.stat(path).st_mode | stat.S_IROTH)

    source = os.path.join(work, "source.db")
    F.run(local, source, "import", os.path.join(work, "units-chu-prong.yaml"),
          os.path.join(work, "chu-prong-2021.yaml"))
    change = ["note", "1", "gọi điện nhắc"]
    report = ["overdue", "--format", "csv"]
    permissions(local, work, source, change, report)
    hot_journal(local, shim, work, src)
    locked(local, work, source, change, report)
    print("ok")


if __name__ == "__main__":
    main()
