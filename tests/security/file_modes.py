#!/usr/bin/python3
"""The modes of the files inspectrack creates: a new database, its -wal and -shm while
it is open, and a backup are 0600 whatever the process umask, or what --umask MASK says
(027: 0640), and the folders made for a new database 0700 (027: 0750); a bad --umask is
a usage error (64) that creates nothing; a file that exists keeps its mode.

usage: file_modes.py INSPECTRACK_BINARY SOURCE_DIR

The -wal and -shm files exist only while a connection is open (the last one to close
removes them), so they are looked at while `remind --sendmail CMD` runs CMD: CMD
touches a flag file and waits for the test to remove it, with the database open.
"""

import os
import stat
import subprocess
import sys
import tempfile
import time

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
        sys.stderr.write(f"FAIL: {message}\n")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def env():
    e = {k: v for k, v in os.environ.items() if not k.startswith("INSPECTRACK_")}
    e.update(LANG="C", USER="modes", INSPECTRACK_NOW="2021-07-23T01:00:00Z")
    e.pop("LC_ALL", None)
    return e


def run(binary, args, umask, **kw):
    """Runs inspectrack with the process umask set to `umask`."""
    return subprocess.run([binary, *args], env=env(), capture_output=True, text=True,
                          preexec_fn=lambda: os.umask(umask), timeout=120, **kw)


def imported(binary, source, db, umask, extra=()):
    done = run(binary, [*extra, "--db", db, "--as-of", "2021-07-23", "import",
                        os.path.join(source, "examples", "units-chu-prong.yaml"),
                        os.path.join(source, "examples", "chu-prong-2021.yaml")], umask)
    expect(done.returncode == 0, f"import into {db} exited {done.returncode}: {done.stderr}")


def wal_and_shm_modes(binary, db, work, umask, extra=()):
    """The modes of DB-wal and DB-shm seen while remind holds the database open."""
    flag = os.path.join(work, "sending")
    command = f"sh -c 'cat >/dev/null; touch {flag}; while [ -e {flag} ]; do sleep 0.05; done'"
    proc = subprocess.Popen([binary, *extra, "--db", db, "--as-of", "2021-07-23", "remind",
                             "--from", "vanphong@example.vn", "--unit", "bau-can",
                             "--sendmail", command],
                            env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: os.umask(umask))
    modes = {}
    try:
        for _ in range(1200):  # the flag comes at once; this bounds a broken run
            if os.path.exists(flag) or proc.poll() is not None:
                break
            time.sleep(0.05)
        expect(os.path.exists(flag), f"remind never ran its sendmail command: "
               f"{proc.stderr.read().decode() if proc.poll() is not None else 'still running'}")
        for suffix in ("-wal", "-shm"):
            path = db + suffix
            modes[suffix] = mode(path) if os.path.exists(path) else None
    finally:
        if os.path.exists(flag):
            os.remove(flag)
        out, err = proc.communicate(timeout=120)
    expect(proc.returncode == 0, f"remind exited {proc.returncode}: {err.decode()}")
    return modes


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as work:
        # Default: 0600 under a permissive and the usual umask.
        for umask in (0o000, 0o022):
            db = os.path.join(work, f"umask-{umask:03o}.db")
            imported(binary, source, db, umask)
            expect(mode(db) == 0o600, f"umask {umask:03o}: new database is {mode(db):04o}, not 0600")
            modes = wal_and_shm_modes(binary, db, work, umask)
            for suffix, m in modes.items():
                expect(m == 0o600, f"umask {umask:03o}: {suffix} is {m and format(m, '04o')}, not 0600")
            backup = os.path.join(work, f"backup-{umask:03o}.db")
            done = run(binary, ["--db", db, "backup", backup], umask)
            expect(done.returncode == 0, f"backup exited {done.returncode}: {done.stderr}")
            expect(mode(backup) == 0o600, f"umask {umask:03o}: backup is {mode(backup):04o}, not 0600")
            # A new database in a new folder: the folder is made too, the file still 0600.
            nested = os.path.join(work, f"new-dir-{umask:03o}", "sub", "x.db")
            imported(binary, source, nested, umask)
            expect(mode(nested) == 0o600, f"umask {umask:03o}: database in a new folder is "
                   f"{mode(nested):04o}")
            # The folders made for it are 0700, never group- or world-writable.
            for folder in (os.path.dirname(nested), os.path.dirname(os.path.dirname(nested))):
                expect(mode(folder) == 0o700, f"umask {umask:03o}: folder {folder} made for a new "
                       f"database is {mode(folder):04o}, not 0700")

        # --umask 027: 0640 for the database, its -wal/-shm and a backup.
        db = os.path.join(work, "group.db")
        imported(binary, source, db, 0o000, ["--umask", "027"])
        expect(mode(db) == 0o640, f"--umask 027: new database is {mode(db):04o}, not 0640")
        nested = os.path.join(work, "group-dir", "x.db")
        imported(binary, source, nested, 0o077, ["--umask", "027"])
        expect(mode(os.path.dirname(nested)) == 0o750, f"--umask 027: folder made for a new database "
               f"is {mode(os.path.dirname(nested)):04o}, not 0750")
        for suffix, m in wal_and_shm_modes(binary, db, work, 0o000, ["--umask", "027"]).items():
            expect(m == 0o640, f"--umask 027: {suffix} is {m and format(m, '04o')}, not 0640")
        backup = os.path.join(work, "group-backup.db")
        done = run(binary, ["--umask", "027", "--db", db, "backup", backup], 0o000)
        expect(done.returncode == 0 and mode(backup) == 0o640,
               f"--umask 027: backup exit {done.returncode}, mode "
               f"{mode(backup) if os.path.exists(backup) else None}")
        # A backup without --umask of that database is 0600 again: a backup is a new file.
        backup = os.path.join(work, "group-backup-default.db")
        run(binary, ["--db", db, "backup", backup], 0o022)
        expect(mode(backup) == 0o600, f"backup of a 0640 database is {mode(backup):04o}, not 0600")

        # Bad masks: usage error, nothing created.
        for bad in ("9", "8", "0o22", "-1", "12345", "u=rw", ""):
            path = os.path.join(work, "bad.db")
            done = run(binary, ["--umask", bad, "--db", path, "--as-of", "2021-07-23", "import",
                                os.path.join(source, "examples", "units-chu-prong.yaml")], 0o022)
            expect(done.returncode == 64, f"--umask {bad!r}: exit {done.returncode}, expected 64")
            expect("--umask" in done.stderr, f"--umask {bad!r}: stderr does not name --umask: "
                   f"{done.stderr}")
            expect(not os.path.exists(path), f"--umask {bad!r}: a database was created")

        # An existing file keeps its mode, whatever --umask or the process umask says.
        db = os.path.join(work, "kept.db")
        imported(binary, source, db, 0o022)
        os.chmod(db, 0o644)
        for extra, umask in (([], 0o077), (["--umask", "077"], 0o000), (["--umask", "000"], 0o022)):
            done = run(binary, [*extra, "--db", db, "--as-of", "2021-07-23", "note", "1",
                                "checking the mode"], umask)
            expect(done.returncode == 0, f"note on an existing database exited {done.returncode}: "
                   f"{done.stderr}")
            expect(mode(db) == 0o644, f"{extra} umask {umask:03o}: existing database became "
                   f"{mode(db):04o}")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("file_modes.py: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
