#!/usr/bin/python3
"""Reports in a real terminal of 80 columns (tmux): `overdue`, `list tasks` and
`summary --by unit` of the examples, in Vietnamese, print no line wider than 80
display columns, and every action (every unit's name in the summary) is in the table
whole: the words of each row's cell, its lines joined, are the words of the value in
the JSON output of the same report.

usage: fit_80.py INSPECTRACK_BINARY SOURCE_DIR

tmux is a build dependency (.ci/install-deps): a machine without it fails this test.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

WIDTH = 80
COMMON = ["--lang", "vi", "--as-of", "26/07/2021"]
EXAMPLES = ["units-chu-prong.yaml", "chu-prong-2021.yaml", "bao-cao-dinh-ky-2021.yaml"]

failures = []


def expect(condition, message):
    if not condition:
        failures.append(message)
        sys.stderr.write(f"FAIL: {message}\n")


def char_width(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def width(s):
    return sum(char_width(c) for c in s)


def columns(s, begin, end):
    """The characters of `s` from display column `begin` up to `end`, marks kept
    with their letter."""
    out, at = [], 0
    for c in s:
        w = char_width(c)
        if w == 0:
            if out and begin < at <= end:
                out.append(c)
            continue
        if begin <= at and at + w <= end:
            out.append(c)
        at += w
    return "".join(out).strip()


def spans_of(rule):
    """[begin, end) display columns of each run of dashes in a rule line."""
    spans, at = [], 0
    while True:
        begin = rule.find("-", at)
        if begin < 0:
            return spans
        end = rule.find(" ", begin)
        end = len(rule) if end < 0 else end
        spans.append((begin, end))
        at = end


def is_rule(line):
    return line.strip() != "" and set(line.strip()) <= {"-", " "}


def cells_of(lines, heading):
    """The cells, lines joined, of the column headed `heading` in every table of the
    output, by row number: rows start with their number in the first column, go on
    with it blank and end at a blank line or a line that is not a row. A table printed
    in sections repeats the row's number and the column naming it: the same text."""
    cells, table, spans, column, above, number = {}, {}, None, None, [], None

    def end_table():
        for n, text in table.items():
            expect(cells.setdefault(n, text) == text, f"row {n}: {text!r}, before {cells[n]!r}")
        table.clear()

    for line in lines:
        if spans is None:
            if is_rule(line):
                spans = spans_of(line)
                # Above the rule: the column headings, after the group's heading.
                titles = [" ".join(columns(h, b, e) for h in above).split() for b, e in spans]
                words = heading.split()
                column = next((i for i, t in enumerate(titles) if t[-len(words):] == words), None)
                number = None
            else:
                above = [] if line.strip() == "" else above + [line]
            continue
        first = columns(line, *spans[0])
        if first.isdigit():
            number = int(first)
            if column is not None:
                table[number] = columns(line, *spans[column])
        elif first == "" and line.strip() != "" and number is not None:
            part = columns(line, *spans[column]) if column is not None else ""
            if part:
                table[number] = (table[number] + " " + part).strip()
        else:
            end_table()
            spans, column, above = None, None, ([] if line.strip() == "" else [line])
    end_table()
    return [cells[n] for n in sorted(cells)]


def start_tmux(work):
    conf = os.path.join(work, "tmux.conf")
    with open(conf, "w") as f:
        f.write("set -g history-limit 100000\n")
    return ["tmux", "-L", f"fit-{os.getpid()}", "-f", conf]


def in_terminal(tmux, work, binary, db, args, name):
    """Runs the command in a new 80x50 pane and returns what the pane shows, its
    wrapped lines joined (capture-pane -J), and the exit status. The pane stays open
    (a sleep) until kill-server, so that nothing but the output is in it."""
    status = os.path.join(work, name + ".status")
    command = " ".join(["exec", "sh", "-c", shlex_quote(
        " ".join(shlex_quote(a) for a in [binary, "--db", db, *COMMON, *args]) +
        f"; echo $? > {shlex_quote(status)}; exec sleep 600")])
    subprocess.run([*tmux, "new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", "50", command],
                   check=True, env={**os.environ, "LANG": "C.UTF-8"})
    deadline = time.time() + 60
    while not os.path.exists(status) or os.path.getsize(status) == 0:
        if time.time() > deadline:
            expect(False, f"{name}: no exit status after 60 s")
            return [], None
        time.sleep(0.05)
    # The command has ended, but tmux may not have read all it wrote yet.
    shown, before = None, ""
    while shown != before:
        before = shown
        time.sleep(0.1)
        shown = subprocess.run([*tmux, "capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", name],
                               check=True, capture_output=True, text=True).stdout
    with open(status) as f:
        code = int(f.read().strip())
    lines = shown.rstrip("\n").split("\n")
    while lines and lines[-1].strip() == "":
        lines.pop()
    return [line.rstrip() for line in lines], code


def shlex_quote(s):
    return "'" + s.replace("'", "'\"'\"'") + "'"


def as_json(binary, db, args):
    done = subprocess.run([binary, "--db", db, *COMMON, *args, "--format", "json"],
                          capture_output=True, text=True, timeout=60)
    expect(done.returncode == 0, f"{args} --format json exited {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def check_report(tmux, work, binary, db, args, name, heading, expected):
    lines, code = in_terminal(tmux, work, binary, db, args, name)
    expect(code == 0, f"{name}: exit status {code}")
    expect(len(lines) > 3, f"{name}: printed {len(lines)} lines")
    for line in lines:
        expect(width(line) <= WIDTH, f"{name}: a line of {width(line)} columns: {line!r}")
    cells = cells_of(lines, heading)
    expect(len(cells) == len(expected),
           f"{name}: {len(cells)} rows in the table, {len(expected)} in JSON")
    for shown, value in zip(cells, expected):
        expect(shown.split() == value.split(), f"{name}: shown {shown!r}, JSON has {value!r}")
    print(f"{name}: {len(lines)} lines, widest {max(map(width, lines))}, {len(cells)} rows whole")


def action(row):
    return f"[{row['period']}] {row['action']}" if row.get("period") else row["action"]


def main():
    binary, source = sys.argv[1], sys.argv[2]
    if shutil.which("tmux") is None:
        print("FAIL: tmux is not installed (.ci/install-deps installs it)")
        return 1
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "t.db")
        done = subprocess.run([binary, "--db", db, "--as-of", "2021-07-26", "import",
                               *(os.path.join(source, "examples", e) for e in EXAMPLES)],
                              capture_output=True, text=True, timeout=120)
        expect(done.returncode == 0, f"import exited {done.returncode}: {done.stderr}")
        tmux = start_tmux(work)
        try:
            overdue = as_json(binary, db, ["overdue"])
            check_report(tmux, work, binary, db, ["overdue"], "overdue", "Nhiệm vụ",
                         [action(r) for r in overdue])
            tasks = as_json(binary, db, ["list", "tasks"])
            check_report(tmux, work, binary, db, ["list", "tasks"], "list-tasks", "Nhiệm vụ",
                         [action(r) for r in tasks])
            summary = as_json(binary, db, ["summary", "--by", "unit"])
            check_report(tmux, work, binary, db, ["summary", "--by", "unit"], "summary", "Tên",
                         [r["name"] for r in summary])
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
