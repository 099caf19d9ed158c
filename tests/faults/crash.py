#!/usr/bin/python3
"""Kills inspectrack with SIGKILL at random points and checks that every change is
all or nothing.

Usage: crash.py import|progress|changes|new INSPECTRACK_BINARY SOURCE_DIR [TRIALS [SCALE]]

import    a large inspection file (thousands of tasks and findings, generated here) is
          imported into a database holding the Chư Prông example; each trial starts
          from a copy of that database and kills the import at a random moment.
progress  the same, for a progress file of hundreds of entries on those tasks.
changes   a sequence of single `done` and `note` commands on the example database,
          each killed at a random moment and, when it left nothing, run again.
new       the first import of the Chư Prông example, into no database: killed, it
          leaves no database to use (no file, or an empty one, which `check` refuses as
          empty and the next import fills) or all of the import, never a part of it.

After each kill `inspectrack check` must pass and the database must hold exactly the
state before the change or exactly the state after it completed (a digest of every
row; task, finding and event counts), and each task's status the one its latest
status event says. A third of the kills are spread over the whole run, a third over
the write transaction, a third from just before its commit to the exit (both measured
by watching /proc/locks for SQLite's write lock in complete runs: three before the
trials, then every 20th trial), so that kills land before, inside and after the write
transaction; each kill is classed by that lock and the -wal file at the
moment of the kill. Both outcomes (nothing, whole) must occur among the kills.

The seed is printed: FAULTS_SEED=N repeats a run's delays. SCALE (default 1) sizes the
generated files: 1 is 1,000 findings and 400 written tasks (2,300 tracked tasks) with
400 progress entries (never fewer than 200); a sanitized build, several times slower,
runs a smaller scale.
"""
import os
import random
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib as F  # noqa: E402

FINDINGS, TASKS, PROGRESS = 1000, 400, 400  # at scale 1: 2,300 tracked tasks after fan-out


WAL_WRITE_LOCK = 120  # the byte of the -shm file SQLite locks for a write transaction
RESERVED_LOCK = 0x40000001  # the byte of the database file locked for one in rollback-journal mode


def in_write_transaction(pid, db):
    """True when process `pid` holds SQLite's write lock on `db` (a write transaction is
    open): its POSIX lock on byte 120 of the -shm file (WAL mode), or on the RESERVED
    byte of the database file (rollback-journal mode: a new database until its first
    commit), as /proc/locks lists it."""
    wanted = set()
    for path, byte in ((db + "-shm", WAL_WRITE_LOCK), (db, RESERVED_LOCK)):
        try:
            wanted.add((str(os.stat(path).st_ino), str(byte)))
        except FileNotFoundError:
            pass
    if not wanted:
        return False
    with open("/proc/locks", encoding="ascii") as f:
        lines = f.read().splitlines()
    for line in lines:
        fields = line.split()
        if "->" in fields:
            continue  # a waiter, not a holder
        if len(fields) >= 8 and fields[1] == "POSIX" and fields[3] == "WRITE" and \
                fields[4] == str(pid) and (fields[5].rsplit(":", 1)[-1], fields[6]) in wanted:
            return True
    return False


def start(binary, db, args):
    return subprocess.Popen([binary, "--db", db, "--as-of", F.AS_OF, *args], env=F.environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def timed_run(binary, db, args):
    """Runs to the end, watching the write lock: (seconds to exit, (start, end) of the
    longest time the lock was held, or None). The longest: opening a database can
    take the lock for a moment to rebuild the -shm index."""
    t0 = time.monotonic()
    p = start(binary, db, args)
    held, longest = None, None
    while p.poll() is None:
        now = time.monotonic() - t0
        if in_write_transaction(p.pid, db):
            if held is None:
                held = now
            if longest is None or now - held > longest[1] - longest[0]:
                longest = (held, now)
        else:
            held = None
        time.sleep(0.002)  # reading /proc/locks more often slows the run it measures
    total = time.monotonic() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    if p.returncode != 0:
        F.fail(f"inspectrack {' '.join(args)} exited {p.returncode}: {err}")
    return total, longest


def kill_at(binary, db, args, delay):
    """Starts the command, kills it after `delay` seconds unless it has ended.
    Returns (killed, in its write transaction when killed, status, -wal size right
    after, stderr, seconds it ran)."""
    t0 = time.monotonic()
    p = start(binary, db, args)
    deadline = t0 + delay
    while p.poll() is None and time.monotonic() < deadline:
        time.sleep(min(0.001, max(0.0, deadline - time.monotonic())))
    killed = p.poll() is None
    in_tx = False
    if killed:
        in_tx = in_write_transaction(p.pid, db)
        os.kill(p.pid, signal.SIGKILL)
    status = p.wait()
    elapsed = time.monotonic() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    if killed and status != -signal.SIGKILL:
        # It ended between the poll and the kill.
        killed = False
    return killed, in_tx, status, F.file_size(db + "-wal"), err, elapsed


class Timing:
    """How long a complete run takes, and where in it the write transaction starts and
    ends (the commit): medians of the last few complete runs watched from start to end
    (a few before the trials, then every RECALIBRATE-th trial, since a loaded machine
    gets slower or faster)."""

    KEEP = 5

    def __init__(self):
        self.totals, self.starts, self.ends = [], [], []

    def watched(self, total, tx):
        self.totals = self.totals[-(self.KEEP - 1):] + [total]
        if tx is not None:
            self.starts = self.starts[-(self.KEEP - 1):] + [tx[0]]
            self.ends = self.ends[-(self.KEEP - 1):] + [tx[1]]

    @staticmethod
    def median(xs, default):
        return sorted(xs)[len(xs) // 2] if xs else default

    def total(self):
        return self.median(self.totals, 0.0)

    def tx(self):
        total = self.total()
        start = self.median(self.starts, total * 0.5)
        return start, max(start, self.median(self.ends, total * 0.9))

    def delay(self, rng, trial):
        """A third of the kills anywhere in the run, a third inside the write
        transaction, a third from just before the commit to the exit."""
        total = self.total()
        start, end = self.tx()
        if trial % 3 == 0:
            return rng.uniform(0.0, total)
        if trial % 3 == 1:
            return rng.uniform(start * 0.9, end)
        return rng.uniform(max(start, end - 0.1 * (end - start)), total)


RECALIBRATE = 20  # every 20th trial runs to the end, watched, instead of being killed


def calibrate(binary, fresh, db, args, runs=3):
    timing = Timing()
    for _ in range(runs):
        F.copy_db(fresh, db)
        timing.watched(*timed_run(binary, db, args))
    return timing


def trial_run(binary, db, args, timing, rng, trial):
    """One trial: killed at a random moment, or (every RECALIBRATE-th) watched to the end.
    Returns (killed, in_tx, status, -wal size, stderr, delay)."""
    if trial % RECALIBRATE == RECALIBRATE - 1:
        total, tx = timed_run(binary, db, args)
        timing.watched(total, tx)
        return False, False, 0, F.file_size(db + "-wal"), "", float("inf")
    delay = timing.delay(rng, trial)
    killed, in_tx, status, wal, err, _ = kill_at(binary, db, args, delay)
    return killed, in_tx, status, wal, err, delay


def phase_of(killed, in_tx, outcome, wal):
    if not killed:
        return "ran to the end"
    if outcome == "nothing":
        if not in_tx and not wal:
            return "killed before the write transaction"
        return "killed inside the transaction, " + \
            ("uncommitted frames in the -wal" if wal else "nothing on disk yet")
    if in_tx:
        return "killed at the commit (committed, lock not yet released)"
    return "killed after the commit, -wal not yet checkpointed" if wal else \
        "killed after the commit and checkpoint"


def whole_file(binary, src, mode, trials, rng, scale):
    work = F.workdir(f"crash-{mode}")
    units, example, inspection, progress = F.large_import(
        src, work, round(FINDINGS * scale), round(TASKS * scale), max(200, round(PROGRESS * scale)))
    before = os.path.join(work, "before.db")
    F.run(binary, before, "import", units, example)
    if mode == "progress":
        F.run(binary, before, "import", inspection)
    args = ["import", inspection if mode == "import" else progress]

    after = os.path.join(work, "after.db")
    F.copy_db(before, after)
    F.run(binary, after, *args)
    d_before, d_after = F.digest(before), F.digest(after)
    c_before, c_after = F.counts(before), F.counts(after)
    if d_before == d_after:
        F.fail("the change under test changes nothing")
    print(f"{mode}: tasks/findings/events before {c_before}, after {c_after}; "
          f"database {os.path.getsize(before)} -> {os.path.getsize(after)} bytes")

    db = os.path.join(work, "trial.db")
    timing = calibrate(binary, before, db, args)
    print(f"a complete run takes {timing.total():.3f} s; its write transaction runs from "
          f"{timing.tx()[0]:.3f} s to {timing.tx()[1]:.3f} s")

    tally = {}
    for trial in range(trials):
        F.copy_db(before, db)
        killed, in_tx, status, wal, err, delay = trial_run(binary, db, args, timing, rng, trial)
        what = f"trial {trial} (kill after {delay * 1000:.1f} ms)"
        if not killed and status != 0:
            F.fail(f"{what}: exited {status} without being killed: {err}")
        F.check_passes(binary, db, what)
        d = F.digest(db)
        c = F.counts(db)
        if d == d_before and c == c_before:
            outcome = "nothing"
        elif d == d_after and c == c_after:
            outcome = "whole"
        else:
            F.fail(f"{what}: the database holds neither the state before nor the whole change "
                   f"(tasks/findings/events {c})")
        if not killed and outcome != "whole":
            F.fail(f"{what}: the command ended with 0 but its change is not there")
        if F.status_agrees_with_events(db):
            F.fail(f"{what}: a task's status disagrees with its events")
        key = (outcome, phase_of(killed, in_tx, outcome, wal))
        tally[key] = tally.get(key, 0) + 1
    return tally


def remove_db(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def new_database(binary, src, trials, rng):
    work = F.workdir("crash-new")
    args = ["import", os.path.join(src, "examples", "units-chu-prong.yaml"),
            os.path.join(src, "examples", "chu-prong-2021.yaml")]
    after = os.path.join(work, "after.db")
    F.run(binary, after, *args)
    d_after, c_after = F.digest(after), F.counts(after)
    print(f"new: tasks/findings/events after the import {c_after}; database {os.path.getsize(after)} bytes")

    db = os.path.join(work, "trial.db")
    timing = Timing()
    for _ in range(3):
        remove_db(db)
        timing.watched(*timed_run(binary, db, args))
    print(f"a complete run takes {timing.total() * 1000:.1f} ms; its write transaction runs from "
          f"{timing.tx()[0] * 1000:.1f} ms to {timing.tx()[1] * 1000:.1f} ms")

    tally = {}
    for trial in range(trials):
        remove_db(db)
        killed, in_tx, status, _, err, delay = trial_run(binary, db, args, timing, rng, trial)
        what = f"trial {trial} (kill after {delay * 1000:.1f} ms)"
        if not killed and status != 0:
            F.fail(f"{what}: exited {status} without being killed: {err}")
        made = F.file_size(db)
        journal = bool(F.file_size(db + "-journal"))
        # What the next command finds: `check` rolls back a hot -journal first.
        status, out, err = F.run(binary, db, "check", check=False)
        if status == 0:
            outcome = "whole"
            if F.digest(db) != d_after or F.counts(db) != c_after:
                F.fail(f"{what}: check passes on a database that is not the whole import")
        elif status == 66 and ("is empty; import a file first" in err or "does not exist" in err):
            outcome = "nothing"
            if not killed:
                F.fail(f"{what}: the command ended with 0 but there is no database")
            if F.file_size(db):
                F.fail(f"{what}: refused as empty, yet the file holds {F.file_size(db)} bytes")
            # What a user would do: run it again, into what was left.
            F.run(binary, db, *args)
            if F.digest(db) != d_after:
                F.fail(f"{what}: run again, the import did not give the whole database")
        else:
            F.fail(f"{what}: check exited {status}: {err}")
        if not killed:
            phase = "ran to the end"
        elif made is None:
            phase = "killed before the file was made"
        elif outcome == "nothing":
            phase = "killed inside the transaction, " + \
                ("a hot -journal rolled back" if journal else "nothing written yet") if in_tx or journal \
                else "killed with the file made, before the transaction"
        else:
            phase = "killed at the commit (committed, lock not yet released)" if in_tx else \
                "killed after the commit"
        tally[(outcome, phase)] = tally.get((outcome, phase), 0) + 1
    return tally


def changes(binary, src, trials, rng):
    work = F.workdir("crash-changes")
    before = os.path.join(work, "before.db")
    F.run(binary, before, "import", os.path.join(src, "examples", "units-chu-prong.yaml"),
          os.path.join(src, "examples", "chu-prong-2021.yaml"))
    _, out, _ = F.run(binary, before, "list", "tasks", "--format", "csv")
    ids = sorted(int(line.split(",")[0]) for line in out.splitlines()[1:] if line)
    commands = []
    for n in range(trials):
        task = str(ids[n % len(ids)])
        if n < len(ids) and n % 2 == 0:
            commands.append(["done", task, "--on", f"2021-07-{10 + n % 20:02d}",
                             "--evidence", f"Báo cáo số {n}/BC-UBND"])
        else:
            commands.append(["note", task, f"Ghi chú lần {n}: đơn vị đã báo cáo tiến độ"])

    # The reference: the state after each command, run without a fault.
    reference = os.path.join(work, "reference.db")
    F.copy_db(before, reference)
    states = [F.digest(reference)]
    for cmd in commands:
        F.run(binary, reference, *cmd)
        states.append(F.digest(reference))
    if len(set(states)) != len(states):
        F.fail("two commands of the sequence left the same state")

    db = os.path.join(work, "trial.db")
    timing = calibrate(binary, before, db, commands[1], runs=5)
    print(f"a single command takes {timing.total() * 1000:.1f} ms; its write transaction runs "
          f"from {timing.tx()[0] * 1000:.1f} ms to {timing.tx()[1] * 1000:.1f} ms")
    F.copy_db(before, db)
    tally = {}
    retries = 0
    for n, cmd in enumerate(commands):
        killed, in_tx, status, wal, err, delay = trial_run(binary, db, cmd, timing, rng, n)
        what = f"command {n} ({' '.join(cmd[:2])}, kill after {delay * 1000:.1f} ms)"
        if not killed and status != 0:
            F.fail(f"{what}: exited {status} without being killed: {err}")
        F.check_passes(binary, db, what)
        if F.status_agrees_with_events(db):
            F.fail(f"{what}: a task's status disagrees with its events")
        d = F.digest(db)
        if d == states[n + 1]:
            outcome = "whole"
        elif d == states[n]:
            outcome = "nothing"
            if not killed:
                F.fail(f"{what}: the command ended with 0 but its change is not there")
        else:
            F.fail(f"{what}: the database is neither as before the command nor as after it")
        key = (outcome, phase_of(killed, in_tx, outcome, wal))
        tally[key] = tally.get(key, 0) + 1
        # The next command starts from the database file alone, so that its -wal file
        # tells what it wrote.
        F.settle(db)
        if outcome == "nothing":
            # What a user would do: run it again.
            F.run(binary, db, *cmd)
            retries += 1
            if F.digest(db) != states[n + 1]:
                F.fail(f"{what}: run again, the command did not give the expected state")
    print(f"{retries} commands killed before their change were run again")
    if F.digest(db) != states[-1]:
        F.fail("the sequence did not end in the reference state")
    return tally


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("import", "progress", "changes", "new"):
        sys.exit(__doc__)
    mode, binary, src = sys.argv[1:4]
    trials = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    scale = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
    seed = int(os.environ.get("FAULTS_SEED", "0") or 0)
    if seed == 0:
        seed = random.SystemRandom().randrange(1, 2**31)
    print(f"seed {seed} (FAULTS_SEED={seed} repeats the delays), {trials} trials, scale {scale}",
          flush=True)
    rng = random.Random(seed)
    started = time.monotonic()
    if mode == "changes":
        tally = changes(binary, src, trials, rng)
    elif mode == "new":
        tally = new_database(binary, src, trials, rng)
    else:
        tally = whole_file(binary, src, mode, trials, rng, scale)
    for (outcome, phase), n in sorted(tally.items()):
        print(f"  {n:4d}  {outcome:8s} {phase}")
    nothing = sum(n for (o, _), n in tally.items() if o == "nothing")
    killed_whole = sum(n for (o, p), n in tally.items() if o == "whole" and p.startswith("killed"))
    ran = sum(tally.values()) - nothing - killed_whole
    print(f"{trials} trials in {time.monotonic() - started:.1f} s: {nothing} killed with nothing "
          f"written, {killed_whole} killed after the change was complete, {ran} ran to the end")
    if nothing == 0 or killed_whole == 0:
        F.fail("the kills did not land both before and after the commit; the test proved nothing")
    print("ok")


if __name__ == "__main__":
    main()
