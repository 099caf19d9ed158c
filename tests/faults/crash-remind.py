#!/usr/bin/python3
"""Kills `remind` with SIGKILL at random moments and checks that no reminder is lost:
delivery is at least once, and a copy is the same message (its Message-ID).

Usage: crash-remind.py INSPECTRACK_BINARY SOURCE_DIR [MBOX_TRIALS [SENDMAIL_TRIALS [SCALE]]]

The database holds the demo's documents (examples/, as .ci/demo imports them), on
2021-07-29, when many units owe a digest; which ones is read from a clean run on a
fresh copy. Each trial takes a fresh copy and runs
`remind --as-of 2021-07-29 --from … --mbox FILE` (MBOX_TRIALS of them) or
`--sendmail "sink.sh DIR"` (SENDMAIL_TRIALS): a command that takes the message into
DIR/tmp, sleeps a random while, moves it into DIR/new (delivered), and sleeps again
before it exits, so that kills land while a message is being delivered and after it
was but before its run recorded it. The run is killed once a random number of
messages (none to all) reached the sink, after a random part of the time one message
takes; a sendmail command it left running is waited for (it goes on delivering, as a
real one would), then:
- `inspectrack check` passes on what the killed run left;
- the same command, run again without a kill, exits 0;
- every unit that was owed a digest has at least one message at the sink, and no
  other unit has one; all of a unit's messages carry one Message-ID (a copy is the
  same message, which a mail system can drop); no message is cut short;
- the database records exactly those Message-IDs, each 'sent', none left with a
  message or a claimant; `inspectrack check` passes.
Each kill is classed by what the killed run left: no reminder 'sending' (killed
before a claim, or between two), one 'sending' whose message was not at the sink yet
(killed during delivery), one whose message was already there (killed after the
delivery, before the record). Each class must occur at least once over the run, or the
test proved nothing.

The seed is printed: FAULTS_SEED=N repeats a run's delays. SCALE (default 1) scales
the sink command's sleeps (up to 10 ms each at 1); a sanitized build, several times
slower, runs a smaller one: the trials stay as many.
"""
import email.parser
import email.policy
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib as F  # noqa: E402

DAY = "2021-07-29"
SENDER = "vanphong@example.vn"

# Takes one message on stdin into DIR/new, through DIR/tmp, sleeping at random (up to
# MAX ms) before the move and before the exit. No input (its run was killed before it
# wrote) is refused, as `sendmail -t` refuses a message without recipients.
SINK = r"""#!/bin/bash
dir=$1
max=$2
name=$$.$RANDOM$RANDOM
cat > "$dir/tmp/$name" || exit 75
[ -s "$dir/tmp/$name" ] || { rm -f "$dir/tmp/$name"; exit 65; }
nap() { local t; printf -v t '0.%03d' $(( RANDOM % (max + 1) )); sleep "$t"; }
nap
mv "$dir/tmp/$name" "$dir/new/$name" || exit 75
nap
"""


def run(binary, db, args, check=True):
    p = subprocess.run([binary, "--db", db, *args], env=F.environment(), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    if check and p.returncode != 0:
        F.fail(f"inspectrack {' '.join(args)} exited {p.returncode}\n{out}\n{err}")
    return p.returncode, out, err


def remind_args(sink, mode, max_ms):
    args = ["--as-of", DAY, "remind", "--from", SENDER, "--format", "json"]
    if mode == "mbox":
        return args + ["--mbox", sink]
    return args + ["--sendmail", f"{sink}/sink.sh {sink} {max_ms}"]


def new_sink(work, mode, n):
    if mode == "mbox":
        path = os.path.join(work, f"trial-{n}.mbox")
        if os.path.exists(path):
            os.remove(path)
        return path
    path = os.path.join(work, f"sink-{n}")
    shutil.rmtree(path, ignore_errors=True)
    for sub in ("tmp", "new"):
        os.makedirs(os.path.join(path, sub))
    with open(os.path.join(path, "sink.sh"), "w", encoding="ascii") as f:
        f.write(SINK)
    os.chmod(os.path.join(path, "sink.sh"), 0o755)
    return path


HEADERS = email.parser.BytesHeaderParser(policy=email.policy.compat32)


def message_of(raw):
    """(Message-ID, frozenset of To addresses, whole) of one message's bytes; whole is
    False when the message was cut short (it does not end as a digest does: its
    signature, a paragraph ending with a full stop)."""
    head = HEADERS.parsebytes(raw)
    mid = (head.get("Message-ID") or "").strip().strip("<>")
    to = frozenset(re.findall(r"<([^>]+)>", head.get("To") or ""))
    return mid, to, b"\n-- \n" in raw and raw.rstrip(b"\n").endswith(b".")


def messages(sink, mode):
    """What the sink holds: a list of message_of() tuples."""
    if mode == "mbox":
        if not os.path.exists(sink):
            return []
        with open(sink, "rb") as f:
            data = f.read()
        entries = re.split(rb"(?m)^From \S+ [^\n]*\n", data)
        return [message_of(e) for e in entries if e.strip()]
    out = []
    for name in sorted(os.listdir(os.path.join(sink, "new"))):
        with open(os.path.join(sink, "new", name), "rb") as f:
            out.append(message_of(f.read()))
    return out


def count(sink, mode):
    """How many messages the sink holds (cheaper than messages())."""
    if mode == "mbox":
        try:
            with open(sink, "rb") as f:
                return len(re.findall(rb"(?m)^From \S+ ", f.read()))
        except FileNotFoundError:
            return 0
    return len(os.listdir(os.path.join(sink, "new")))


def wait_for_commands(sink, limit=30.0):
    """Waits until no process runs the sink command of `sink` (a killed run's command
    goes on delivering)."""
    deadline = time.monotonic() + limit
    needle = sink.encode()
    while True:
        running = False
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    if needle in f.read():
                        running = True
                        break
            except OSError:
                continue
        if not running:
            return
        if time.monotonic() > deadline:
            F.fail(f"the sink command of {sink} still runs after {limit} s")
        time.sleep(0.005)


def sending_rows(db):
    con = F.connect_ro(db)
    try:
        return [r[0] for r in con.execute("SELECT message_id FROM reminders WHERE status = 'sending'")]
    finally:
        con.close()


def owed_units(binary, base, work, mode, max_ms):
    """unit → To addresses, from a clean run on a fresh copy; and how long it took."""
    db = os.path.join(work, "clean.db")
    F.copy_db(base, db)
    sink = new_sink(work, mode, "clean")
    t0 = time.monotonic()
    _, out, _ = run(binary, db, remind_args(sink, mode, max_ms))
    took = time.monotonic() - t0
    owed = {r["unit"]: frozenset(r["to"]) for r in json.loads(out) if r["result"] == "sent"}
    if len(owed) < 5:
        F.fail(f"only {len(owed)} units owe a digest on {DAY}: the test would prove little")
    if len(messages(sink, mode)) != len(owed):
        F.fail(f"{mode}: a clean run delivered {len(messages(sink, mode))} messages to {len(owed)} units")
    return owed, took


def trial(binary, base, work, mode, n, owed, total, max_ms, rng):
    db = os.path.join(work, "trial.db")
    F.copy_db(base, db)
    sink = new_sink(work, mode, n % 2)
    args = remind_args(sink, mode, max_ms)
    what = f"{mode} trial {n}"

    # Kill after the k-th message reached the sink, and a random part of the time one
    # message takes: spread over the whole run however fast the machine is today.
    k = rng.randrange(len(owed) + 1)
    delay = rng.uniform(0.0, 1.5 * total / len(owed))
    # stderr to a file: a sendmail command left running holds it (its standard output
    # is our standard error), and a pipe would not end before that command does.
    err_path = os.path.join(work, "stderr.txt")
    with open(err_path, "wb") as err_file:
        p = subprocess.Popen([binary, "--db", db, *args], env=F.environment(), stdout=subprocess.DEVNULL,
                             stderr=err_file)
    while p.poll() is None and k > 0 and count(sink, mode) < k:
        time.sleep(0.001)
    deadline = time.monotonic() + delay
    while p.poll() is None and time.monotonic() < deadline:
        time.sleep(min(0.001, max(0.0, deadline - time.monotonic())))
    killed = p.poll() is None
    if killed:
        os.kill(p.pid, signal.SIGKILL)
    status = p.wait()
    at_kill = {m[0] for m in messages(sink, mode)}
    wait_for_commands(sink)
    with open(err_path, "rb") as f:
        err = f.read().decode("utf-8", "replace")
    if killed and status != -signal.SIGKILL:
        killed = False  # it ended between the poll and the kill
    if not killed and status != 0:
        F.fail(f"{what}: exited {status} without being killed: {err}")

    sending = sending_rows(db)
    if not killed:
        phase = "ran to the end"
    elif not sending:
        phase = "killed before a claim"
    elif any(mid not in at_kill for mid in sending):
        phase = "killed during delivery"
    else:
        phase = "killed after delivery, before the record"
    if len(sending) > 1:
        F.fail(f"{what}: {len(sending)} reminders left 'sending' by one run")
    F.check_passes(binary, db, f"{what} ({phase}), after the kill")

    code, out, err = run(binary, db, args, check=False)
    if code != 0:
        F.fail(f"{what} ({phase}): the run after the kill exited {code}\n{out}\n{err}")
    got = messages(sink, mode)
    by_unit = {}
    for mid, to, whole in got:
        units = [u for u, addresses in owed.items() if addresses == to]
        if len(units) != 1:
            F.fail(f"{what} ({phase}): a message to {sorted(to)}, which is no unit owed a digest")
        if not whole:
            F.fail(f"{what} ({phase}): the message {mid} to {units[0]} was cut short")
        by_unit.setdefault(units[0], []).append(mid)
    lost = sorted(set(owed) - set(by_unit))
    if lost:
        F.fail(f"{what} ({phase}): no digest reached {lost}")
    mixed = {u: sorted(set(ids)) for u, ids in by_unit.items() if len(set(ids)) > 1}
    if mixed:
        F.fail(f"{what} ({phase}): units got different messages: {mixed}")

    con = F.connect_ro(db)
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(reminders)")}
        cleared = "claimant IS NULL AND message IS NULL" if "message" in columns else "1"
        rows = con.execute(f"SELECT status, {cleared}, message_id FROM reminders WHERE day = ?",
                           (DAY,)).fetchall()
    finally:
        con.close()
    left = [r for r in rows if r[0] != "sent" or not r[1]]
    if left:
        F.fail(f"{what} ({phase}): after the second run, reminders not 'sent' or still holding a "
               f"message or claimant: {left}")
    recorded = sorted(r[2] for r in rows)
    delivered = sorted(ids[0] for ids in by_unit.values())
    if recorded != delivered:
        F.fail(f"{what} ({phase}): the database records {len(recorded)} Message-IDs, the sink holds "
               f"{len(delivered)} distinct ones")
    F.check_passes(binary, db, f"{what} ({phase}), after the second run")
    copies = len(got) - len(by_unit)
    return phase, copies


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, src = sys.argv[1:3]
    trials = {"mbox": int(sys.argv[3]) if len(sys.argv) > 3 else 50,
              "sendmail": int(sys.argv[4]) if len(sys.argv) > 4 else 50}
    scale = float(sys.argv[5]) if len(sys.argv) > 5 else 1.0
    max_ms = max(1, round(10 * scale))
    seed = int(os.environ.get("FAULTS_SEED", "0") or 0)
    if seed == 0:
        seed = random.SystemRandom().randrange(1, 2**31)
    print(f"seed {seed} (FAULTS_SEED={seed} repeats the delays), {trials['mbox']} mbox and "
          f"{trials['sendmail']} sendmail trials, scale {scale} (sink sleeps up to {max_ms} ms)",
          flush=True)
    rng = random.Random(seed)
    started = time.monotonic()

    work = os.path.realpath(F.workdir("crash-remind"))
    base = os.path.join(work, "base.db")
    examples = os.path.join(src, "examples")
    units = sorted(os.path.join(examples, f) for f in os.listdir(examples) if f.startswith("units-"))
    documents = [os.path.join(examples, f) for f in ("chu-prong-2021.yaml", "truc-ninh-2021.yaml",
                                                     "van-giang-2021.yaml", "chi-thi-cchc-thi-xa.yaml",
                                                     "bao-cao-dinh-ky-2021.yaml")]
    run(binary, base, ["--as-of", "2021-07-26", "import", *units, *documents])
    run(binary, base, ["--as-of", DAY, "import", os.path.join(examples, "tien-do-chu-prong-2021.yaml")])
    # Occurrences of recurring tasks come due with the first run: made here, so that
    # every copy starts with them and a killed run cannot stop between making them
    # and the reminders (that is all or nothing, which crash.py tests).
    run(binary, base, ["--as-of", DAY, "list", "tasks", "--format", "csv"])
    F.settle(base)

    tally = {}
    copies_total = 0
    for mode in ("mbox", "sendmail"):
        if trials[mode] == 0:
            continue
        owed, _ = owed_units(binary, base, work, mode, max_ms)
        total = sorted(owed_units(binary, base, work, mode, max_ms)[1] for _ in range(3))[1]
        print(f"{mode}: {len(owed)} units owe a digest; a whole run takes {total * 1000:.0f} ms", flush=True)
        for n in range(trials[mode]):
            phase, copies = trial(binary, base, work, mode, n, owed, total, max_ms, rng)
            tally[(mode, phase)] = tally.get((mode, phase), 0) + 1
            copies_total += copies
    for (mode, phase), n in sorted(tally.items()):
        print(f"  {n:4d}  {mode:8s} {phase}")
    print(f"{sum(trials.values())} trials in {time.monotonic() - started:.1f} s; "
          f"{copies_total} copies delivered again (the same Message-ID), no digest lost")
    for phase in ("killed before a claim", "killed during delivery",
                  "killed after delivery, before the record"):
        if not any(p == phase for (_, p) in tally):
            F.fail(f"no trial was {phase}: the test proved less than it should")
    print("ok")


if __name__ == "__main__":
    main()
