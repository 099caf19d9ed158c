#!/usr/bin/python3
"""Reads of a database nobody has open, while a writer comes and goes.

A command that only reads may begin while no process has the database open (no -wal
file) and meet a writer that creates the -wal file and, closing, checkpoints into the
database file while the read goes on. Here one writer imports new versions of a generated inspection again and
again, each time a new process, so that the -wal file comes and goes and the last
writer's checkpoint writes into the database file while readers may be copying it.
Three readers run list tasks, summary and check the whole time. Each version of the
file changes the action of all 60 generated tasks in one transaction: a read that mixed
two states would show two versions at once (and check would find the fan-out
inconsistent). Every reader must see one version at a time, never going back, and
every command must succeed.

Usage: quiet-reads.py INSPECTRACK_BINARY SOURCE_DIR [SECONDS]
SECONDS (default 15) is how long it runs; $INSPECTRACK_QUIET_SECONDS overrides it.
"""

import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

binary = os.path.abspath(sys.argv[1])
source = os.path.abspath(sys.argv[2])
seconds = float(os.environ.get("INSPECTRACK_QUIET_SECONDS") or (sys.argv[3] if len(sys.argv) > 3 else 15))
work = tempfile.mkdtemp(prefix="inspectrack-quiet-")
db = os.path.join(work, "quiet.db")
env = dict(os.environ, INSPECTRACK_DB=db, USER="quiet", LANG="C", LC_ALL="", LC_MESSAGES="")
env.pop("INSPECTRACK_NOW", None)
failures = []
counts = collections.Counter()
lock = threading.Lock()


def run(args):
    p = subprocess.run([binary, "--as-of", "2021-07-29"] + args, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        with lock:
            failures.append(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.strip()[:300]}")
    return p


def generated(version):
    path = os.path.join(work, "gen.yaml")
    lines = ["inspection:", "  key: quiet-gen", "  kind: directive", "  title: Đọc khi không ai ghi",
             "  scope: chu-prong", "tasks:"]
    for t in range(1, 4):
        lines += [f"  - key: t{t}", f"    action: Nhiệm vụ {t}, phiên bản {version}",
                  "    assignees: {kind: [commune, town]}", "    due: {by: 30/9/2021}"]
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)
    return path


run(["import", os.path.join(source, "examples", "units-chu-prong.yaml"), generated(0)])
if failures:
    sys.exit("\n".join(failures))
deadline = time.monotonic() + seconds
written = [0]


def writer():
    version = 0
    while time.monotonic() < deadline:
        version += 1
        if run(["import", generated(version)]).returncode == 0:
            written[0] = version
            with lock:
                counts["import"] += 1
        time.sleep(0.2)  # a moment with nobody writing, so that readers find no -wal


def versions_in(actions):
    return {int(m.group(1)) for a in actions if (m := re.search(r"phiên bản (\d+)$", a))}


def reader(n):
    last = 0
    while time.monotonic() < deadline:
        quiet = not os.path.exists(db + "-wal")
        which = ("list", "summary", "check")[counts[f"read {n}"] % 3]
        with lock:
            counts[f"read {n}"] += 1
            counts["reads begun with no -wal"] += quiet
        if which == "list":
            p = run(["list", "tasks", "--inspection", "quiet-gen", "--format", "json"])
            if p.returncode != 0:
                continue
            tasks = json.loads(p.stdout)
            seen = versions_in(t["action"] for t in tasks)
            if len(tasks) != 60 or len(seen) != 1:
                failures.append(f"reader {n}: {len(tasks)} tasks of versions {sorted(seen)} in one read")
            elif min(seen) < last:
                failures.append(f"reader {n}: version {min(seen)} after {last}")
            else:
                last = min(seen)
        elif which == "summary":
            p = run(["summary", "--by", "inspection", "--format", "json"])
            if p.returncode == 0:
                rows = {r["group"]: r for r in json.loads(p.stdout)}
                if rows.get("quiet-gen", {}).get("tasks") != 60:
                    failures.append(f"reader {n}: summary {rows.get('quiet-gen')}")
        else:
            p = run(["check", "--format", "json"])
            if p.returncode == 0 and not all(c["ok"] for c in json.loads(p.stdout)):
                failures.append(f"reader {n}: check: {p.stdout}")
        # Readers that never pause keep the -wal file alive (the last writer to close
        # cannot remove it while a reader has it open): leave gaps.
        time.sleep(0.03 * n)


threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
final = run(["list", "tasks", "--inspection", "quiet-gen", "--format", "json"])
final_versions = versions_in(t["action"] for t in json.loads(final.stdout or "[]"))
if final_versions != {written[0]}:
    failures.append(f"at the end: versions {sorted(final_versions)}, last written {written[0]}")
reads = sum(v for k, v in counts.items() if k.startswith("read "))
print(f"{seconds:g} s: {counts['import']} imports by short-lived writers, {reads} reads by 3 readers, "
      f"{counts['reads begun with no -wal']} of them begun with no -wal file")
if counts["reads begun with no -wal"] == 0:
    failures.append("no read found the database at rest: the test did not test the quiet path")
if failures:
    print(f"{len(failures)} failure(s):")
    for f in failures[:30]:
        print("  " + f)
    print(f"(kept in {work})")
    sys.exit(1)
shutil.rmtree(work)
