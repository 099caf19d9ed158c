#!/usr/bin/python3
"""Worst-case inputs against the limits of import::Limits.

Runs `inspectrack validate FILE` and `inspectrack import FILE` (into a fresh
database) under /usr/bin/time -v on every file of tests/data/broken/ and on worst
cases generated here: a file over 16 MiB, files just under 16 MiB holding as many
values as a file can, nesting thousands deep, a 15 MiB value, thousands of long keys,
16 MiB of empty lines, the largest fan-out the limits allow, a chain of 20,000 units.
For each it checks the exit status (65 unless said otherwise), that the message names
the limit (and, for the file size, the option that raises it), and that nothing is
written on a refusal. It prints the peak resident memory of every run, and the worst.

usage: peak_memory.py INSPECTRACK SOURCE_DIR [--no-memory]
  --no-memory: check exit codes and messages only. The sanitizer builds pass it:
  under ASan the resident set size is the sanitizer's shadow memory, not ours.
"""

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

LIMIT_KIB = 100 * 1024  # peak resident set size allowed for any run on a refused file
# A valid file at every limit (100,000 tracked tasks, 32 MiB of their text) is imported
# whole, so its memory grows with it: it is held to a bound of its own.
VALID_LIMIT_KIB = 512 * 1024
MIB = 1024 * 1024


def communes(n, parent="huyen", chain=False):
    lines = []
    for i in range(n):
        up = f"xa-{i - 1}" if chain and i > 0 else parent
        lines.append(f"  - {{key: xa-{i}, name: UBND xã {i}, kind: commune, parent: {up}}}\n")
    return "".join(lines)


HEAD = (
    "inspection:\n  key: k\n  title: Kiểm tra\n  scope: huyen\n  to: 01/7/2021\n"
    "units:\n  - {key: huyen, name: UBND huyện, kind: district}\n"
)


def generated_cases():
    """(name, text or bytes, validate status, import status, [fragments of stderr],
    extra global options)."""
    cases = []
    # Over the size limit by one byte: refused from its size, never read whole.
    cases.append(("over-16-mib", b"# " + b"x" * (16 * MIB - 2) + b"\n", 65, 65,
                  ["larger than the limit of 16777216 bytes", "--max-file-size"], []))
    # The same bytes with the limit raised: read, then refused for what it says.
    cases.append(("over-16-mib-with-max-file-size", b"# " + b"x" * (16 * MIB - 2) + b"\n",
                  65, 65, ["the file is empty"], ["--max-file-size", "20000000"]))
    # As many values as 16 MiB can hold: the count limit stops the parser early.
    n = (16 * MIB - 16) // 2
    cases.append(("flow-zeros-16-mib", "units: [" + "0," * (n - 1) + "0]\n", 65, 65,
                  ["more than 200000 values in the file, the limit for one file"], []))
    cases.append(("block-items-16-mib", "units:\n" + "- a\n" * ((16 * MIB - 16) // 4), 65, 65,
                  ["more than 200000 values in the file"], []))
    # Just under the count limit: every value is an error, the first 100 are shown.
    cases.append(("values-just-under-limit", "units: [" + "1," * 199_990 + "1]\n", 65, 65,
                  ["199891 more error(s) in this file, not shown", "199991 error(s)"], []))
    # Nesting, in each style, as deep as 16 MiB allows.
    cases.append(("deep-brackets-16-mib", "[" * (16 * MIB - 1) + "\n", 65, 65,
                  ["nested more than 64 levels deep, the nesting limit"], []))
    cases.append(("deep-flow-mappings", "{a: " * (4 * MIB - 1) + "\n", 65, 65,
                  ["nested more than 64 levels deep"], []))
    cases.append(("deep-block-sequences", "- " * (8 * MIB - 8) + "x\n", 65, 65,
                  ["nested more than 64 levels deep"], []))
    # One value of 15 MiB.
    cases.append(("scalar-15-mib", "inspection:\n  key: k\n  title: " + "t" * (15 * MIB) + "\n",
                  65, 65, ["value longer than 1048576 bytes, the limit for one value"], []))
    # 15,000 keys of 1,000 bytes: every one unknown (no did-you-mean over such words).
    keys = "".join(f"  k{i:06d}{'x' * 1000}: 1\n" for i in range(15_000))
    cases.append(("long-keys-15-mib", "inspection:\n" + keys, 65, 65,
                  ["unknown key 'k000000", "14902 more error(s) in this file, not shown"], []))
    # 16 MiB of line ends, and of one unclosed quote.
    cases.append(("newlines-16-mib", "\n" * (16 * MIB - 1), 65, 65, ["the file is empty"], []))
    cases.append(("unclosed-quote-16-mib", 'inspection:\n  title: "' + "t" * (16 * MIB - 32) + "\n",
                  65, 65, ["unclosed quote"], []))
    # The largest fan-out the limits allow: 1,000 communes × 100 tasks = 100,000 tracked
    # tasks holding 1,000 × 100 × 320 = 32,000,000 bytes of action (the limit is 32 MiB).
    # A valid file: it is held to VALID_LIMIT_KIB, not to the limit of refused ones.
    tasks = "".join(
        f"  - {{key: nv-{j}, action: A{j:04d}{'a' * 315}, assignees: {{kind: commune}},"
        f" due: 22/7/2021}}\n" for j in range(100))
    cases.append(("fan-out-at-the-limits", HEAD + communes(1000) + "tasks:\n" + tasks, 0, 0,
                  [], []))
    # 20,000 units, each the parent of the next, and one task for all of them.
    cases.append(("unit-chain-20000", HEAD + communes(20_000, chain=True) +
                  "tasks:\n  - {key: nv, action: A, assignees: {kind: commune}, due: none}\n",
                  0, 0, [], []))
    # The same chain closed into a cycle: found in one walk.
    cycle = HEAD.replace("{key: huyen, name: UBND huyện, kind: district}",
                         "{key: huyen, name: UBND huyện, kind: district, parent: xa-19999}")
    cases.append(("unit-cycle-20001", cycle + communes(20_000, chain=True), 65, 65,
                  ["unit 'huyen' is its own ancestor (huyen → xa-19999 → xa-19998 → "], []))
    return cases


def peak_kib(time_output):
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_output)
    if not match:
        raise SystemExit("no 'Maximum resident set size' in /usr/bin/time -v output:\n" +
                         time_output)
    return int(match.group(1))


def run(binary, args, work):
    timing = os.path.join(work, "time.txt")
    start = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-v", "-o", timing, binary] + args, cwd=work,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    with open(timing, encoding="utf-8") as f:
        kib = peak_kib(f.read())
    run.seconds = time.monotonic() - start  # shown, never checked
    return proc.returncode, proc.stderr.decode("utf-8", "replace"), kib


def task_count(db):
    if not os.path.exists(db):
        return None
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM tasks").fetchone()[0]
    finally:
        con.close()


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    measure = "--no-memory" not in sys.argv[3:]
    broken = os.path.join(source, "tests", "data", "broken")
    # Files of broken/ whose status differs from 65: validate does not make the
    # occurrences of recurring tasks, import does and refuses them.
    expected = {"recurring-bomb.yaml": (0, 65)}

    failures = []
    rows = []
    with tempfile.TemporaryDirectory() as work:
        inputs = []
        for name in sorted(os.listdir(broken)):
            if name.endswith(".yaml"):
                v, i = expected.get(name, (65, 65))
                inputs.append((name, os.path.join(broken, name), v, i, [], []))
        for name, content, v, i, fragments, options in generated_cases():
            path = os.path.join(work, name + ".yaml")
            with open(path, "wb") as f:
                f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
            inputs.append((name, path, v, i, fragments, options))

        for n, (name, path, want_validate, want_import, fragments, options) in enumerate(inputs):
            db = os.path.join(work, f"db-{n}.db")
            common = ["--as-of", "2021-07-26", "--db", db]
            for command, want in (("validate", want_validate), ("import", want_import)):
                status, stderr, kib = run(binary, common + [command] + options + [path], work)
                rows.append((name, command, kib, status, run.seconds))
                where = f"{name}: {command}"
                if status != want:
                    failures.append(f"{where}: exit {status}, expected {want}\n{stderr[-2000:]}")
                for fragment in fragments:
                    if fragment not in stderr:
                        failures.append(f"{where}: stderr lacks {fragment!r}:\n{stderr[-2000:]}")
                if status in (65,) and "Sanitizer" in stderr:
                    failures.append(f"{where}: sanitizer report\n{stderr[-4000:]}")
                if command == "validate" and os.path.exists(db):
                    failures.append(f"{where}: validate created the database")
                if command == "import" and want != 0 and task_count(db):
                    failures.append(f"{where}: a refused import wrote {task_count(db)} task(s)")
                limit_kib = VALID_LIMIT_KIB if name == "fan-out-at-the-limits" else LIMIT_KIB
                if measure and kib > limit_kib:
                    failures.append(f"{where}: peak RSS {kib} KiB, over {limit_kib} KiB")
            if name == "fan-out-at-the-limits":
                if task_count(db) != 100_000:
                    failures.append(f"{name}: import stored {task_count(db)} tasks, not 100000")
                # Re-importing compares with every stored task: the most an import holds.
                status, stderr, kib = run(binary, common + ["import", path], work)
                rows.append((name, "import again", kib, status, run.seconds))
                if status != 0:
                    failures.append(f"{name}: re-import exit {status}\n{stderr[-2000:]}")
                if measure and kib > VALID_LIMIT_KIB:
                    failures.append(f"{name}: re-import peak RSS {kib} KiB, over {VALID_LIMIT_KIB} KiB")

    width = max(len(r[0]) for r in rows)
    print(f"{'input':<{width}}  {'command':<12}  {'peak RSS':>12}  exit  {'time':>6}")
    for name, command, kib, status, seconds in rows:
        print(f"{name:<{width}}  {command:<12}  {kib / 1024:>8.1f} MiB  {status:>4}  "
              f"{seconds:>5.1f}s")
    note = "" if measure else " (not checked: sanitizer build)"
    refused = [r for r in rows if r[3] != 0]
    worst = max(refused, key=lambda r: r[2])
    print(f"worst refused input: {worst[0]} ({worst[1]}): {worst[2] / 1024:.1f} MiB, limit "
          f"{LIMIT_KIB / 1024:.0f} MiB{note}")
    worst = max(rows, key=lambda r: r[2])
    print(f"worst of all: {worst[0]} ({worst[1]}): {worst[2] / 1024:.1f} MiB{note}")
    print(f"{len(rows)} runs of {len(rows) // 2} inputs")
    if failures:
        print("\n".join(["", "FAILED:"] + failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
