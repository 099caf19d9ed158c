#!/usr/bin/python3
"""A full disk, and a failing one, under an import and a task change.

Usage: diskfull.py INSPECTRACK_BINARY FAILWRITE_SO SOURCE_DIR

failwrite.so lets the process write N bytes to the database's files (the database,
its -wal and -shm files) and then fails every write with ENOSPC, or EIO. A first run
records every write the command makes; N is then swept over them: inside the -shm
set-up, across the -wal frames (a frame cut short included), around the commit frame,
and inside the checkpoint that copies the -wal into the database when the command
closes it. Until the commit frame is whole the command must exit 74 with a message
that names the database and says the disk is full (EIO: an I/O error), and leave the
database as it was (a digest of every row); from then on the change is committed, and
the command exits 0 even when the checkpoint fails (the -wal keeps the change and the
next process reads it). After every run `inspectrack check` must pass.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib as F  # noqa: E402


def writes_of(binary, shim, fresh, db, args):
    """The writes the command makes to db*, from a run without a fault:
    [(bytes before, size, file suffix)]."""
    log = db + ".log"
    if os.path.exists(log):
        os.remove(log)
    F.copy_db(fresh, db)
    F.run(binary, db, *args, preload=shim,
          env={"FAILWRITE_PREFIX": db, "FAILWRITE_LOG": log})
    out = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            op, before, size, result, path = line.rstrip("\n").split(" ", 4)
            if int(result) != int(size):
                F.fail(f"the run without a fault had a failed write: {line}")
            out.append((int(before), int(size), path[len(db):] or "db"))
    return out


def sweep_points(writes):
    """N values: each kind of place a disk can fill up, with the byte count at which
    the commit frame (the last -wal write) is whole."""
    wal = [w for w in writes if w[2] == "-wal"]
    if not wal:
        F.fail("the command wrote nothing to the -wal file")
    commit_end = wal[-1][0] + wal[-1][1]
    points = {0: "nothing written yet"}
    for before, size, suffix in writes:
        if suffix == "-shm" and before < 3:
            points.setdefault(before, "extending the -shm file")
    # Across the -wal: about 12 frame boundaries and a frame cut in the middle of each.
    step = max(1, len(wal) // 12)
    for before, size, _ in wal[::step]:
        points.setdefault(before, "at a -wal write")
        points.setdefault(before + size // 2, "in the middle of a -wal write")
    last = wal[-1]
    points[last[0]] = "before the commit frame"
    points[commit_end - 1] = "the commit frame one byte short"
    points[commit_end] = "right after the commit frame"
    checkpoint = [w for w in writes if w[2] == "db" and w[0] >= commit_end]
    for before, size, _ in checkpoint[:: max(1, len(checkpoint) // 4)]:
        points.setdefault(before + size // 2, "during the checkpoint at close")
    return commit_end, sorted(points.items())


def sweep(binary, shim, fresh, db, args, label, errno_name="ENOSPC", limit=None):
    after = db + ".after"
    F.copy_db(fresh, after)
    F.run(binary, after, *args)
    d_before, d_after = F.digest(fresh), F.digest(after)
    if d_before == d_after:
        F.fail(f"{label}: the command changes nothing")
    writes = writes_of(binary, shim, fresh, db, args)
    commit_end, points = sweep_points(writes)
    if limit:
        # A few of each kind.
        chosen, seen = [], {}
        for n, kind in points:
            if seen.get(kind, 0) < limit:
                chosen.append((n, kind))
                seen[kind] = seen.get(kind, 0) + 1
        points = chosen
    total = sum(w[1] for w in writes)
    print(f"{label} ({errno_name}): {len(writes)} writes, {total} bytes; the commit frame is "
          f"whole at byte {commit_end}; sweeping {len(points)} values of N")
    failed = committed = 0
    for n, kind in points:
        F.copy_db(fresh, db)
        status, out, err = F.run(binary, db, *args, preload=shim, check=False,
                                 env={"FAILWRITE_PREFIX": db, "FAILWRITE_BYTES": str(n),
                                      "FAILWRITE_ERRNO": errno_name})
        what = f"{label}, {errno_name} after {n} bytes ({kind})"
        F.check_passes(binary, db, what)
        d = F.digest(db)
        if n < commit_end:
            if status != 74:
                F.fail(f"{what}: exited {status}, expected 74\n{out}\n{err}")
            wanted = "the disk is full" if errno_name == "ENOSPC" else "I/O error"
            if f"database '{db}'" not in err or wanted not in err:
                F.fail(f"{what}: the message does not name the database and say '{wanted}': {err}")
            if d != d_before:
                F.fail(f"{what}: the database changed")
            failed += 1
        else:
            if status != 0:
                F.fail(f"{what}: the change was committed, yet the command exited {status}: {err}")
            if d != d_after:
                F.fail(f"{what}: exited 0 but the database does not hold the change")
            committed += 1
        print(f"  N={n:9d} {kind:34s} exit {status}", flush=True)
    if failed == 0 or committed == 0:
        F.fail(f"{label}: the sweep did not reach both sides of the commit")
    print(f"{label} ({errno_name}): {failed} runs failed with 74 and left the database as it was, "
          f"{committed} committed")


def main():
    binary, shim, src = sys.argv[1:4]
    if not os.path.exists(shim):
        F.fail(f"no shim at {shim}")
    work = os.path.realpath(F.workdir("diskfull"))
    # 200 findings and 80 written tasks: 460 tracked tasks, a -wal of about 120 frames.
    units, example, inspection, _ = F.large_import(src, work, 200, 80, 100)
    fresh = os.path.join(work, "fresh.db")
    F.run(binary, fresh, "import", units, example)
    db = os.path.join(work, "test.db")

    sweep(binary, shim, fresh, db, ["import", inspection], "import")
    sweep(binary, shim, fresh, db, ["import", inspection], "import", "EIO", limit=1)
    sweep(binary, shim, fresh, db, ["done", "1", "--on", "2021-07-20", "--evidence", "Báo cáo số 7"],
          "done", limit=3)

    # The message, in both languages.
    for lang, wanted in (("en", "the disk is full"), ("vi", "ổ đĩa đã đầy")):
        F.copy_db(fresh, db)
        status, _, err = F.run(binary, db, "--lang", lang, "import", inspection, preload=shim,
                               check=False, env={"FAILWRITE_PREFIX": db, "FAILWRITE_BYTES": "40000"})
        print(f"--lang {lang}: exit {status}: {err.strip()}")
        if status != 74 or wanted not in err or f"'{db}'" not in err:
            F.fail(f"--lang {lang}: expected 74 and '{wanted}' naming the database")
    print("ok")


if __name__ == "__main__":
    main()
