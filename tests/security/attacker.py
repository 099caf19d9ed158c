#!/usr/bin/python3
"""A randomised attacker: hundreds of generated hostile inputs against the real binary.

usage: attacker.py INSPECTRACK_BINARY SOURCE_DIR [CASES]

Each run makes CASES cases (default 300), each one run of inspectrack on a fresh copy
of a prepared database, with hostile input in one place or several:
  yaml      inspection, units, progress and calendar files whose text fields carry
            random bytes, C0/C1 controls, escape sequences (CSI, OSC 0/52, DCS), invalid
            or overlong UTF-8, surrogates, YAML escapes (\\N \\_ \\L \\P \\e \\x1b \\0 ...),
            bidi controls, blank values, very long lines, CR/LF mixes; validate, import,
            import --dry-run
  change    hostile texts in note, done, extend, cancel, reopen, verify (--by too)
  report    hostile filters, ids, --format, --lang, --days, --as-of (also ""), --umask,
            --busy-timeout, --calendar on every report
  stored    every report on a database whose texts were made hostile with sqlite3
  db-path   --db and INSPECTRACK_DB: ":memory:", "", URIs, links, a FIFO, a folder,
            /dev/null, missing folders, names with line breaks and escapes
  output    backup FILE, remind --mbox, --maildir, --sendmail: links (dangling or not),
            FIFOs, folders, devices, tmp/new/cur replaced, commands that fail or hang
  env       INSPECTRACK_NOW, USER, INSPECTRACK_DB, INSPECTRACK_FROM, LANG, LC_ALL, COLUMNS,
            TERM, HOME, XDG_DATA_HOME, NO_COLOR, TZ; some runs on a terminal
  old       databases of schema versions 1-3, rollback-journal mode, a hot WAL, a 0-byte
            file, a text file: reports, dry runs and refused changes
  dates     hostile dates and periods for deadline, workdays, calendar, --on, --to

Every case is checked for: no crash (signal, exit >= 128, sanitizer report), no hang,
an exit status in the documented set {0, 1, 64, 65, 66, 73, 74, 75} (1 only from
overdue --exit-code/-q and check; 70 "internal error" is a failure), the status the
contract sets for that input where it sets one (e.g. --db "" is 64, a dangling link
where a file is created is 73); after a refusal, and after any command that only
reads, the database and its -wal byte-identical and no new file beside it (nor any
missing folder made); a link's target that did not exist still does not exist; no
raw control byte (C0 but tab and line feed, DEL, C1, ESC) in standard error or in
human-readable standard output (tables, markdown, show, log, messages, dry-run
mail); valid UTF-8 in every output; JSON that parses; new folders for a database
0700 (or as --umask says) and new files 0600; texts stored by a successful command
valid UTF-8, NFC, not blank, and without control characters in one-line fields.

Environment:
  ATTACKER_SEED=N     replay the run of that seed (default: a random seed, printed first)
  ATTACKER_CASE=K     run case K of that seed only, printing its output in full
  ATTACKER_KEEP=DIR   keep the folder of every case under DIR, as the run left it
  ATTACKER_JOBS=N     cases run at once (default 2)
  ATTACKER_TIMEOUT=S  seconds one run of inspectrack may take (default 15)

Exit status 0 when every case passed, 1 when any failed (each failure is printed with
its case number and the command line, shell-quoted, to run it again), 2 when the
setup failed.
"""

import concurrent.futures
import datetime
import fcntl
import hashlib
import json
import os
import pty
import random
import re
import shlex
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import traceback
import unicodedata
import urllib.parse
from dataclasses import dataclass, field

DOCUMENTED = {0, 1, 64, 65, 66, 73, 74, 75}
AS_OF = "2021-07-29"                  # a Thursday: tasks overdue, due soon, done, extended
NOW = "2021-07-29T02:00:00Z"          # INSPECTRACK_NOW: the clock recorded in the history
SENDER = "Văn phòng UBND huyện Chư Prông <vanphong@example.vn>"
NOW_FORM = re.compile(rb"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
SANITIZER = re.compile(rb"ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|"
                       rb"UndefinedBehaviorSanitizer")
DEV_SIDE_FILES = ["/dev/null-journal", "/dev/null-wal", "/dev/null-shm"]

# ----------------------------------------------------------------------------------
# Hostile material

ESCAPES = [b"\x1b[31m", b"\x1b[2J\x1b[H", b"\x1b]0;owned\x07", b"\x1b]52;c;cm0gLXJmIH4K\x07",
           b"\x1bP+q544e\x1b\\", b"\x1b[6n", b"\x1bc", b"\x1b", b"\x07", b"\x08\x08", b"\x0b",
           b"\x0c", b"\r", b"\x7f", b"\x01", b"\x1f", b"\x1b[1;1H\x1b[K"]
C1 = ["\u009b31m".encode(), "\u0085".encode(), "\u009d0;owned\u009c".encode(),
      "\u0090+q\u009c".encode(), "\u0080".encode()]
BAD_UTF8 = [b"\xff", b"\xfe\xff", b"\x9b31m", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80",
            b"\xed\xbf\xbf", b"\xf4\x90\x80\x80", b"\xc3", b"\xe1\xba", b"\xf8\x88\x80\x80\x80",
            b"\xc3\x28", b"\x80"]
FORMAT_CHARS = ["\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", "\u2029", "\u061c"]
BLANKS = ["", " ", "   ", "\u00a0", "\u00a0\u00a0", "\u3000", " \u3000\u00a0 ", "\u2003", "\t"]
WORDS = ["Báo cáo số 45/BC-UBND ngày 21/7/2021", "UBND xã Bàu Cạn", "Chờ kết quả kiểm điểm",
         "Phó Chủ tịch UBND huyện", "Nguyễn Văn A", "x", "ghi chú", "../../etc/passwd",
         "'); DROP TABLE tasks; --", "%s%n%x", "{}", "$(id)", "`id`"]
NFD = ["Ba\u0300u Ca\u0323n", "Nguye\u0302\u0303n", "Vie\u0323\u0302t"]
YAML_ESCAPES = [b"\\N", b"\\_", b"\\L", b"\\P", b"\\e", b"\\x1b", b"\\u202e", b"\\0", b"\\a",
                b"\\x9b", b"\\u009b", b"\\uD800", b"\\uDFFF", b"\\U0010FFFF", b"\\U00110000",
                b"\\x00", b"\\t", b"\\r", b"\\b", b"\\v", b"\\f", b"\\x7f", b"\\e]0;owned\\a",
                b"\\e[31m", b"\\u00a0", b"\\u3000", b"\\x85", b"\\uFEFF", b"\\/"]


def hostile_text(rng, cli=False):
    """Hostile bytes for one text value. On a command line or in the environment there
    can be no NUL byte."""
    r = rng.random()
    if r < 0.12:
        out = rng.choice(BLANKS).encode()
    elif r < 0.16:
        out = b"A" * rng.choice([300, 5000, 70000]) + rng.choice(ESCAPES)
    elif r < 0.22:
        out = rng.choice(NFD).encode()
    else:
        parts = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.4:
                parts.append(rng.choice(ESCAPES))
            elif kind < 0.55:
                parts.append(rng.choice(C1))
            elif kind < 0.75:
                parts.append(rng.choice(BAD_UTF8))
            elif kind < 0.85:
                parts.append(rng.choice(FORMAT_CHARS).encode())
            elif kind < 0.92:
                parts.append(rng.choice([b"\n", b"\r\n", b"\n\r", b"\t"]))
            else:
                parts.append(bytes([rng.randrange(256) for _ in range(rng.randint(1, 8))]))
            if rng.random() < 0.6:
                parts.append(rng.choice(WORDS).encode())
        out = b"".join(parts)
    if cli:
        out = out.replace(b"\x00", b"\x01")
    return out


def is_garbage_time(value):
    """Whether an INSPECTRACK_NOW value can be nothing but refused: not empty or blank
    (which may mean unset), not a date alone, and not a real UTC timestamp."""
    if value in (b"",) or is_blank(value) or re.fullmatch(rb"\d{4}-\d\d-\d\d", value):
        return False
    if NOW_FORM.match(value):
        try:
            datetime.datetime.strptime(value[:19].decode(), "%Y-%m-%dT%H:%M:%S")
            return False
        except ValueError:
            return True
    return True


def blank(text):
    """Spaces only (any Unicode space separator, tabs, line breaks), not empty."""
    return text != "" and all(c in "\t\n\r\x0b\x0c" or unicodedata.category(c) == "Zs"
                              for c in text)


def is_blank(value):
    try:
        return blank(value.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def is_bad_text(value):
    """Whether the gate for texts must refuse this value: not UTF-8, empty or blank."""
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return text == "" or blank(text)


def is_refused_text(value, required):
    """Whether an option's text must be refused: not UTF-8, or, where the option needs
    a text, empty or blank (an optional one that is empty is no text)."""
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return required and is_bad_text(value)


# ----------------------------------------------------------------------------------
# Quoting, for messages that can be pasted into a shell and are safe on a terminal

def quote(arg):
    if isinstance(arg, str):
        arg = arg.encode("utf-8", "surrogateescape")
    try:
        text = arg.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    safe = text is not None and all(c.isprintable() and c not in FORMAT_CHARS for c in text)
    if safe:
        return shlex.quote(text)
    out = []
    if text is not None:
        for c in text:
            if c.isprintable() and c not in FORMAT_CHARS and c not in "'\\":
                out.append(c)
            elif c in "'\\":
                out.append("\\" + c)
            else:
                out.extend(f"\\x{b:02x}" for b in c.encode("utf-8"))
    else:
        for b in arg:
            if 0x20 <= b < 0x7f and b not in (0x27, 0x5c):
                out.append(chr(b))
            elif b in (0x27, 0x5c):
                out.append("\\" + chr(b))
            else:
                out.append(f"\\x{b:02x}")
    return "$'" + "".join(out) + "'"


def shown(data, limit=300):
    """Bytes as a one-line, escaped, shortened string."""
    text = repr(bytes(data[:limit]))[2:-1]
    return text + (f"... ({len(data)} bytes)" if len(data) > limit else "")


# ----------------------------------------------------------------------------------
# Cases

@dataclass
class Case:
    number: int
    kind: str = ""
    args: list = field(default_factory=list)   # after the binary; str or bytes
    env: dict = field(default_factory=dict)    # name -> bytes, or None to unset
    base: str = "current"                     # base database copied to `db`
    db: str = "db/test.db"                    # the database the command uses, or None
    prepare: list = field(default_factory=list)  # ("file", path, bytes), ("link", path, target),
    #                                           ("fifo", path), ("dir", path)
    reads_only: bool = False                  # must never change the database
    out: str = "human"                        # stdout: human, json, csv
    exit_one: bool = False                    # exit 1 is documented for this command
    expect: set = None                        # the statuses the contract allows here
    why: str = ""                             # why expect says so
    absent: list = field(default_factory=list)  # must not exist afterwards
    untouched: list = field(default_factory=list)  # (path, bytes): a file that must keep
    #                                           them; (path, None): a folder that must stay empty
    may_create: set = field(default_factory=set)   # new top-level names allowed on success
    umask000: bool = False                    # run under umask 000
    mask: int = None                          # --umask given (valid), for modes
    tty: int = None                           # columns of a terminal as stdout; None: a pipe
    db_arg: bool = True                       # give --db (else the environment decides)
    multi_delivery: bool = False              # remind to several units: partial delivery
    delivers: bool = False                    # remind that delivers (not --dry-run)
    new_files: list = field(default_factory=list)  # files it may create: mode 0600/mask
    dev_null: bool = False                    # uses /dev/null as a database


class SetupError(Exception):
    pass


class Attacker:
    def __init__(self, binary, source, work):
        self.binary = binary
        self.source = source
        self.work = work
        self.bases = os.path.join(work, "bases")
        self.info = {}
        self.base_texts = {}
        self.sendmail_timeout = None
        self.templates = {}
        self.examples = {}

    # -- setup -------------------------------------------------------------------------

    def setup_env(self, **extra):
        env = {"PATH": "/usr/bin:/bin", "LANG": "C", "USER": "vanthu", "HOME": self.work,
               "INSPECTRACK_NOW": "2021-07-26T01:00:00Z", "TZ": "UTC"}
        env.update(extra)
        return env

    def setup_run(self, args, **extra):
        done = subprocess.run([self.binary, *args], env=self.setup_env(**extra), cwd=self.work,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        if done.returncode != 0:
            raise SetupError(f"inspectrack {' '.join(args)} exited {done.returncode}\n"
                             f"{done.stderr.decode(errors='replace')}")
        return done.stdout

    def setup(self):
        os.makedirs(self.bases)
        ex = os.path.join(self.source, "examples")
        for name in os.listdir(ex):
            with open(os.path.join(ex, name), "rb") as f:
                self.examples[name] = f.read()
        for kind in ("inspection", "units", "progress", "calendar"):
            for lang in ("en", "vi"):
                self.templates[(kind, lang)] = self.setup_run(["--lang", lang, "template", kind])
        broken = os.path.join(self.source, "tests", "data", "broken")
        self.broken = {}
        for name in sorted(os.listdir(broken)):
            if name.endswith(".yaml") and not name.startswith(("fan-out", "recurring", "alias",
                                                               "deep")):
                with open(os.path.join(broken, name), "rb") as f:
                    self.broken[name] = f.read()
        with open(os.path.join(self.source, "tests", "data", "calendars", "rieng.yaml"), "rb") as f:
            self.calendar_file = f.read()

        # current: the examples as .ci/demo imports them, with the progress file, and
        # every occurrence of the recurring tasks made (they end in 2022), so that no
        # report has an occurrence left to write.
        cur = self.base_path("current")
        self.setup_run(["--db", cur, "import", "--as-of", "2021-07-26",
                        *[os.path.join(ex, n) for n in
                          ("units-chu-prong.yaml", "units-truc-ninh.yaml", "chu-prong-2021.yaml",
                           "truc-ninh-2021.yaml", "van-giang-2021.yaml", "chi-thi-cchc-thi-xa.yaml",
                           "bao-cao-dinh-ky-2021.yaml")]])
        self.setup_run(["--db", cur, "import", "--as-of", AS_OF,
                        os.path.join(ex, "tien-do-chu-prong-2021.yaml")],
                       INSPECTRACK_NOW="2021-07-29T01:00:00Z")
        self.setup_run(["--db", cur, "list", "tasks", "--as-of", "2030-01-01", "--format", "csv"])

        # journal: the same in rollback-journal mode.
        jr = self.base_path("journal")
        shutil.copyfile(cur, jr)
        con = sqlite3.connect(jr, isolation_level=None)
        con.execute("PRAGMA journal_mode=DELETE")
        con.close()

        # v1, v2, v3: the fixtures of the released schemas, loaded as the migrate tests do.
        for v in (1, 2, 3):
            path = self.base_path(f"v{v}")
            with open(os.path.join(self.source, "tests", "data", "fixtures", f"schema-v{v}.sql"),
                      "rb") as f:
                loaded = subprocess.run(["sqlite3", path], stdin=f, capture_output=True)
            if loaded.returncode != 0:
                raise SetupError(f"sqlite3 could not load schema-v{v}.sql: {loaded.stderr!r}")

        with open(self.base_path("empty"), "wb"):
            pass
        with open(self.base_path("foreign"), "wb") as f:
            f.write(b"Danh s\xc3\xa1ch \xc4\x91\xc6\xa1n v\xe1\xbb\x8b\nnot a database\n" * 40)

        # hostile: texts written into the database by other means than inspectrack.
        hs = self.base_path("hostile")
        shutil.copyfile(cur, hs)
        self.poison(hs)

        # hotwal: a writer that committed into the WAL and was killed before its checkpoint.
        hw = self.base_path("hotwal")
        shutil.copyfile(cur, hw)
        code = ("import os, sqlite3, sys\n"
                "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                "c.execute('PRAGMA wal_autocheckpoint=0')\n"
                "c.execute('BEGIN IMMEDIATE')\n"
                "c.execute(\"INSERT INTO events (at, actor, action, entity, key, task_id, field, "
                "before, after, effective) SELECT '2021-07-29T03:00:00Z', 'vanthu', 'note', "
                "'task', i.key || '/' || t.key || '@' || u.key, t.id, 'note', NULL, "
                "'Đã nhắc qua điện thoại', '2021-07-29' FROM tasks t JOIN inspections i ON "
                "i.id = t.inspection_id JOIN units u ON u.id = t.assignee_id WHERE t.id = 5\")\n"
                "c.execute('COMMIT')\n"
                "os._exit(0)\n")
        subprocess.run([sys.executable, "-c", code, hw])
        if not os.path.exists(hw + "-wal") or os.path.getsize(hw + "-wal") == 0:
            raise SetupError("no hot WAL was left")

        for name in ("current", "journal", "v1", "v2", "v3", "hostile", "hotwal"):
            self.info[name] = self.tasks_of(self.base_path(name))
        for name in ("current", "journal", "v1", "v2", "v3", "hotwal"):
            self.base_texts[name] = self.texts_of(self.base_path(name))
        self.base_texts["none"] = set()

        helptext = self.setup_run(["remind", "--help"]).decode(errors="replace")
        for line in helptext.splitlines():
            if "--sendmail-timeout" in line:
                self.sendmail_timeout = "1000" if re.search(r"\bms\b|milli", line) else "1"

    def base_path(self, name):
        return os.path.join(self.bases, name + ".db")

    def poison(self, path):
        con = sqlite3.connect(path, isolation_level=None)
        con.text_factory = bytes
        rng = random.Random(15)

        def h(i):
            rng.seed(i)
            return b"".join([rng.choice(ESCAPES), rng.choice(WORDS).encode(), rng.choice(C1),
                             rng.choice(BAD_UTF8), rng.choice(FORMAT_CHARS).encode(),
                             b" \x1b]0;owned\x07 \x1b[2J"])
        con.execute("BEGIN")
        units = [r[0] for r in con.execute("SELECT id FROM units ORDER BY id")]
        for i, uid in enumerate(units):
            if i % 3 == 0:
                con.execute("UPDATE units SET name = CAST(? AS TEXT), head = CAST(? AS TEXT) "
                            "WHERE id = ?", (b"UBND " + h(i), h(i + 1000), uid))
        con.execute("UPDATE units SET key = CAST(? AS TEXT) WHERE key = 'ia-o'",
                    (b"ia-o\x1b[31m\xff",))
        for i, (iid,) in enumerate(con.execute("SELECT id FROM inspections").fetchall()):
            con.execute("UPDATE inspections SET title = CAST(? AS TEXT), authority = CAST(? AS TEXT), "
                        "team = CAST(? AS TEXT), conclusion_title = CAST(? AS TEXT), "
                        "conclusion_signed_by = CAST(? AS TEXT) WHERE id = ?",
                        (h(2000 + i), h(2100 + i), h(2200 + i), h(2300 + i), h(2400 + i), iid))
        con.execute("UPDATE findings SET text = CAST(? AS TEXT) || text, area = CAST(? AS TEXT) "
                    "WHERE id % 2 = 0", (h(3000), b"tthc\x1b[31m"))
        for i, (tid,) in enumerate(con.execute("SELECT id FROM tasks WHERE id % 3 = 0").fetchall()):
            con.execute("UPDATE tasks SET action = CAST(? AS TEXT), target = CAST(? AS TEXT), "
                        "due_text = CAST(? AS TEXT) WHERE id = ?",
                        (h(4000 + i), h(5000 + i), b"before: \x1b[5m22/7/2021", tid))
        con.execute("UPDATE tasks SET key = CAST(? AS TEXT) WHERE id = 7", (b"tu-kiem-tra\x1b]0;x\x07",))
        con.execute("UPDATE calendars SET name = CAST(? AS TEXT)", (h(6000),))
        con.execute("UPDATE calendar_days SET name = CAST(? AS TEXT) WHERE date LIKE '2021-%'",
                    (h(6001),))
        # Events are append-only: new ones, as a task change written by other means would be.
        for i, tid in enumerate((3, 4, 6, 9, 12)):
            con.execute("INSERT INTO events (at, actor, action, entity, key, task_id, field, before, "
                        "after, effective) SELECT '2021-07-29T03:00:00Z', CAST(? AS TEXT), 'note', "
                        "'task', i.key || '/' || t.key || '@' || u.key, t.id, 'note', CAST(? AS TEXT), "
                        "CAST(? AS TEXT), '2021-07-29' FROM tasks t JOIN inspections i ON "
                        "i.id = t.inspection_id JOIN units u ON u.id = t.assignee_id WHERE t.id = ?",
                        (h(7000 + i), h(7100 + i), h(7200 + i), tid))
        con.execute("COMMIT")
        con.close()

    @staticmethod
    def readonly(path):
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)

    def tasks_of(self, path):
        """Task ids and keys by status, for commands that must get past the lookup."""
        con = self.readonly(path)
        out = {"open": [], "done": [], "cancelled": [], "verified": [], "dated": [], "keys": {}}
        try:
            rows = con.execute(
                "SELECT t.id, t.status, t.last_day, i.key || '/' || t.key || '@' || u.key || "
                "CASE WHEN t.period <> '' THEN '#' || t.period ELSE '' END FROM tasks t "
                "JOIN inspections i ON i.id = t.inspection_id JOIN units u ON u.id = t.assignee_id "
                "WHERE t.repeat_every IS NULL OR t.period <> '' ORDER BY t.id").fetchall()
        except sqlite3.Error:  # version 1: no recurring tasks
            rows = con.execute("SELECT id, status, last_day, NULL FROM tasks ORDER BY id").fetchall()
        for tid, status, last_day, key in rows:
            out.setdefault(status, []).append(tid)
            if status == "open" and last_day is not None:
                out["dated"].append(tid)
            if key is not None:
                out["keys"][tid] = key
        con.close()
        return out

    def texts_of(self, path):
        con = self.readonly(path)
        con.text_factory = bytes
        values = set()
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            for row in con.execute(f'SELECT * FROM "{table.decode()}"'):
                values.update(v for v in row if isinstance(v, bytes))
        con.close()
        return values

    # -- generators --------------------------------------------------------------------

    def generate(self, seed, number):
        rng = random.Random(f"{seed}/{number}")
        case = Case(number)
        gens = [(self.gen_yaml, 26), (self.gen_change, 18), (self.gen_report, 14),
                (self.gen_stored, 14), (self.gen_db_path, 12), (self.gen_output, 18),
                (self.gen_env, 12), (self.gen_old, 16), (self.gen_dates, 8)]
        gen = rng.choices([g for g, _ in gens], weights=[w for _, w in gens])[0]
        case.kind = gen.__name__[4:]
        gen(rng, case)
        return case

    def common(self, rng, case, args, glob=(), lang=True):
        """The command line: `glob` (global options), the ones every case gets (the
        database, the day, no colour) before or after the command, then `args`, which
        start with the command."""
        pre = list(glob)
        given = list(glob) + list(args)
        if case.db is not None and case.db_arg and "--db" not in given and \
                "INSPECTRACK_DB" not in case.env:
            pre += ["--db", case.db]
        if "--as-of" not in given:
            pre += ["--as-of", rng.choice([AS_OF, AS_OF, "29/7/2021", "2021-07-26", "2021-08-09"])]
        if case.env.get("NO_COLOR") is None:
            pre += ["--color", "never"]
        if lang and rng.random() < 0.3:
            pre += ["--lang", rng.choice(["vi", "en"])]
        case.args = pre + list(args) if rng.random() < 0.7 else list(args[:1]) + pre + list(args[1:])
        case.env.setdefault("LANG", rng.choice([b"C", b"vi_VN.UTF-8", b"en_US.UTF-8"]))

    def pick_base(self, rng, weights):
        names = list(weights)
        return rng.choices(names, weights=[weights[n] for n in names])[0]

    def task_id(self, rng, base, status="open"):
        """A task id, or its full key, of a task with that status in that base."""
        info = self.info.get(base) or self.info["current"]
        tid = rng.choice(info.get(status) or info["open"] or [3])
        if tid in info["keys"] and rng.random() < 0.3:
            return info["keys"][tid]
        return str(tid)

    def key_of(self, base, tid):
        return self.info[base]["keys"].get(tid, str(tid))

    def fmt(self, rng, case, human_only=False, hostile=False):
        if hostile and rng.random() < 0.5:
            word = hostile_text(rng, cli=True)
            return ["--format", word]
        choice = rng.choice(["table", "table", "markdown"] if human_only else
                            ["table", "table", "markdown", "csv", "json", "json"])
        case.out = {"csv": "csv", "json": "json"}.get(choice, "human")
        opts = ["--format", choice] if choice != "table" or rng.random() < 0.3 else []
        if choice == "csv" and rng.random() < 0.5:
            opts.append("--bom")
        return opts

    # yaml ----------------------------------------------------------------------------

    TEXT_FIELDS = {
        "inspection": ["title", "authority", "team", "number", "signed_by", "text", "legal_basis",
                       "action", "target", "key", "area", "unit", "assignees", "scope",
                       "report_to", "name", "severity", "kind", "date", "from", "to"],
        "units": ["key", "name", "head", "email", "parent", "kind"],
        "progress": ["task", "evidence", "reason", "approved_by", "by", "note", "cancel", "done",
                     "to", "on"],
        "calendar": ["key", "name", "source", "date", "rules"],
    }

    def render(self, rng, value, flow):
        """A YAML scalar holding `value`, in a random style."""
        style = rng.random()
        if style < 0.45:
            out = value.replace(b"\\", b"\\\\").replace(b'"', b'\\"')
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                pos = rng.randint(0, len(out))
                while pos > 0 and out[pos - 1:pos] == b"\\":
                    pos -= 1
                out = out[:pos] + rng.choice(YAML_ESCAPES) + out[pos:]
            return b'"' + out + b'"'
        if style < 0.7:
            return b"'" + value.replace(b"'", b"''") + b"'"
        if style < 0.85 or flow:
            return value
        return None  # a block scalar, written by the caller

    def mutate_yaml(self, rng, text, kind, count):
        fields = set(self.TEXT_FIELDS[kind])
        lines = text.split(b"\n")
        block_re = re.compile(rb"^(\s*(?:-\s+)?)([a-z_]+):[ \t]+(.*)$")
        flow_re = re.compile(rb"([{,]\s*)([a-z_]+): ([^,{}\[\]\n]*)")
        cands = []
        for i, line in enumerate(lines):
            if line.lstrip().startswith(b"#"):
                continue
            m = block_re.match(line)
            if m and m.group(2).decode() in fields and not m.group(3).lstrip().startswith((b"{", b"[")):
                cands.append((i, m.start(3), len(line), False, len(m.group(1)),
                              m.group(3).strip() in (b">", b">-", b"|", b"|-")))
            for fm in flow_re.finditer(line):
                if fm.group(2).decode() in fields:
                    cands.append((i, fm.start(3), fm.end(3), True, 0, False))
        if not cands:
            return text
        chosen = rng.sample(cands, min(count, len(cands)))
        chosen.sort(key=lambda c: (c[0], c[1]), reverse=True)
        for i, start, end, flow, col, block in chosen:
            value = hostile_text(rng)
            rendered = self.render(rng, value, flow)
            line = lines[i]
            drop = 0
            if block:
                j = i + 1
                while j < len(lines) and (not lines[j].strip() or
                                          len(lines[j]) - len(lines[j].lstrip()) > col):
                    j += 1
                drop = j - i - 1
            if rendered is None:
                indent = b" " * (col + 2)
                body = [indent + piece for piece in value.split(b"\n")]
                lines[i:i + 1 + drop] = [line[:start] + rng.choice([b"|", b">-", b"|-"])] + body
            else:
                lines[i:i + 1 + drop] = [line[:start] + rendered + line[end:]]
        return b"\n".join(lines)

    def mangle_bytes(self, rng, text):
        r = rng.random()
        if r < 0.3:
            text = text.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r"]))
        elif r < 0.5:
            text = b"\xef\xbb\xbf" + text
        elif r < 0.6:
            text = text[:rng.randrange(len(text))]
        elif r < 0.7:
            text += b"\n# " + b"A" * 200000 + b"\x1b[31m\n"
        for _ in range(rng.randint(1, 3)):
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + rng.choice(ESCAPES + C1 + BAD_UTF8 + [b"\x00", b"\t"]) + text[pos:]
        return text

    def progress_doc(self, rng):
        """A progress file of 1-4 entries on tasks of the examples (every base has them)."""
        entries = []
        open_ids = self.info["current"]["open"][:40]
        for _ in range(rng.randint(1, 4)):
            tid = rng.choice(open_ids)
            key = self.key_of("current", tid)
            change = rng.choice(["done", "extend", "note", "cancel", "verify", "reopen"])
            if change == "done":
                entries.append(f"  - task: {key}\n    done: 28/7/2021\n    evidence: Báo cáo số 1/BC-UBND\n"
                               f"    by: Nguyễn Văn A\n")
            elif change == "extend":
                entries.append(f"  - task: {key}\n    extend: {{to: 31/12/2021, reason: Chờ số liệu, "
                               f"approved_by: Phó Chủ tịch UBND huyện}}\n")
            elif change == "note":
                entries.append(f"  - task: {key}\n    note: Đã nhắc qua điện thoại\n")
            elif change == "cancel":
                entries.append(f"  - task: {key}\n    cancel: Không còn cần thiết\n")
            elif change == "verify":
                done = self.key_of("current", rng.choice(self.info["current"]["done"] or [1]))
                entries.append(f"  - task: {done}\n    verify: {{on: 29/7/2021, note: Đã kiểm tra}}\n")
            else:
                done = self.key_of("current", rng.choice(self.info["current"]["done"] or [1]))
                entries.append(f"  - task: {done}\n    reopen: {{reason: Báo cáo chưa đủ}}\n")
        return ("progress:\n" + "".join(entries)).encode()

    def gen_yaml(self, rng, case):
        case.base = self.pick_base(rng, {"current": 6, "journal": 2, "none": 3, "hostile": 1,
                                         "hotwal": 1, "v1": 1, "v2": 1, "v3": 1, "empty": 1})
        lang = rng.choice(["en", "vi"])
        pick = rng.choices(["inspection", "template", "units", "progress", "trio", "calendar",
                            "vn", "broken"], weights=[4, 2, 3, 4, 1, 1, 1, 1])[0]
        docs = []  # (name, kind, text, mutate)
        if pick == "inspection":
            if case.base in ("none", "empty", "v1"):
                docs.append(("units.yaml", "units", self.examples["units-chu-prong.yaml"], False))
            docs.append(("dot.yaml", "inspection", self.examples["chu-prong-2021.yaml"], True))
        elif pick == "template":
            docs.append(("units.yaml", "units", self.templates[("units", lang)], rng.random() < 0.3))
            docs.append(("dot.yaml", "inspection", self.templates[("inspection", lang)], True))
        elif pick == "units":
            docs.append(("units.yaml", "units", self.examples[rng.choice(
                ["units-chu-prong.yaml", "units-truc-ninh.yaml"])], True))
        elif pick == "progress":
            case.base = rng.choice(["current", "current", "journal", "hotwal", "v3"])
            docs.append(("tien-do.yaml", "progress", self.progress_doc(rng), True))
        elif pick == "trio":
            docs.append(("units.yaml", "units", self.templates[("units", lang)], rng.random() < 0.5))
            docs.append(("dot.yaml", "inspection", self.templates[("inspection", lang)],
                         rng.random() < 0.5))
            docs.append(("tien-do.yaml", "progress", self.templates[("progress", lang)], True))
        elif pick == "calendar":
            docs.append(("lich.yaml", "calendar", self.calendar_file, True))
        elif pick == "vn":
            docs.append(("vn.yaml", "calendar", self.templates[("calendar", lang)], True))
        else:
            name = rng.choice(sorted(self.broken))
            docs.append((name, "inspection", self.broken[name], rng.random() < 0.5))
        files = []
        for name, kind, text, mutate in docs:
            if mutate:
                text = self.mutate_yaml(rng, text, kind, rng.choice([1, 1, 2, 3]))
                if rng.random() < 0.2:
                    text = self.mangle_bytes(rng, text)
            path = "in/" + name
            if rng.random() < 0.08 and name == docs[-1][0]:
                path = "in/" + rng.choice(["d\x1b[31mot.yaml", "d\not.yaml", "d\u202eot.yaml"])
            case.prepare.append(("file", path, text))
            files.append(path)
        r = rng.random()
        if r < 0.04:
            files.append(rng.choice(["in/missing\x1b[31m.yaml", "/dev/null", "/dev/zero", "in"]))
        if rng.random() < 0.3:
            args = ["validate", *files]
            case.reads_only = True
        else:
            args = ["import"]
            if rng.random() < 0.35:
                args.append("--dry-run")
                case.reads_only = True
            if rng.random() < 0.2:
                by = hostile_text(rng, cli=True)
                args += ["--by", by]
                if is_bad_text(by) and not is_blank(by) and by and not case.reads_only:
                    case.expect, case.why = {64, 65}, "--by must be valid UTF-8"
            if rng.random() < 0.1:
                args += ["--max-file-size", rng.choice(["0", "-1", "99999999999999999999", "1e3",
                                                        "\x1b[31m", "100"])]
            args += files
        if case.base == "none":
            if rng.random() < 0.3:
                case.umask000 = True
                case.db = "db/new/sub/test.db"
            case.new_files.append(case.db)
        self.common(rng, case, args)

    # change --------------------------------------------------------------------------

    def gen_change(self, rng, case):
        case.base = self.pick_base(rng, {"current": 8, "journal": 2, "hotwal": 1, "hostile": 1,
                                         "v3": 1})
        cmd = rng.choice(["note", "note", "done", "extend", "cancel", "reopen", "verify"])
        status = {"reopen": rng.choice(["done", "cancelled"]), "verify": "done"}.get(cmd, "open")
        tid = self.task_id(rng, case.base, status)
        if rng.random() < 0.15:
            tid = hostile_text(rng, cli=True)
        texts = []  # (value, required)

        # required: an empty or blank value is refused (a note's text, a reason, and --by:
        # a name that is empty is nobody's); elsewhere it is no text, as when not given.
        def text(required=False, hostile=None):
            hostile = required if hostile is None else hostile
            value = hostile_text(rng, cli=True) if hostile or rng.random() < 0.7 else \
                rng.choice(WORDS).encode()
            texts.append((value, required))
            return value
        args = [cmd, tid]
        if cmd == "note":
            args.append(text(True))
        elif cmd == "done":
            if rng.random() < 0.3:
                args += ["--on", rng.choice(["28/7/2021", "2021-07-29", "2030-01-01", "1/1/2000"])]
            if rng.random() < 0.8:
                args += ["--evidence", text()]
        elif cmd == "extend":
            args += ["--to", rng.choice(["31/12/2021", "2021-12-31", "1/1/2021"]), "--reason", text(True)]
            if rng.random() < 0.6:
                args += ["--approved-by", text()]
        elif cmd in ("cancel", "reopen"):
            args += ["--reason", text(True)]
        else:
            if rng.random() < 0.8:
                args += ["--note", text()]
        if rng.random() < 0.35:
            args += ["--by", text(required=True, hostile=False)]
        if not isinstance(tid, bytes) and any(is_refused_text(t, required) for t, required in texts):
            case.expect = {64, 65}
            case.why = "a text that is not UTF-8, or a required one that is empty or blank, is refused"
        if rng.random() < 0.2:
            rng.shuffle(args)  # options and arguments in any order; may well be refused
            args.remove(cmd)
            args.insert(0, cmd)
            case.expect = None
        self.common(rng, case, args)

    # report --------------------------------------------------------------------------

    REPORTS = ["list", "show", "overdue", "due", "summary", "log", "check", "calendar"]

    def gen_report(self, rng, case):
        case.base = self.pick_base(rng, {"current": 6, "hostile": 2, "journal": 1, "hotwal": 1,
                                         "v2": 1, "v3": 1})
        case.reads_only = True
        cmd = rng.choice(self.REPORTS)
        args = [cmd]
        hostile_options = []
        if cmd == "list":
            args.append(rng.choice(["tasks", "findings", "inspections", "units"]) if rng.random() < 0.9
                        else hostile_text(rng, cli=True))
        if cmd in ("show", "log"):
            if cmd == "show" or rng.random() < 0.7:
                args.append(hostile_text(rng, cli=True) if rng.random() < 0.5 else
                            rng.choice([self.task_id(rng, case.base), "chu-prong", "ia-o",
                                        "gia-lai-cchc-2021-chu-prong", "gia-lai",
                                        "gia-lai-cchc-2021-chu-prong/ky-so"]))
        if cmd == "due":
            args += ["--within", rng.choice(["7", "0", "3650", "3651", "-1", "abc"])]
        if cmd == "summary":
            args += ["--by", rng.choice(["unit", "inspection", "area"])]
        if cmd == "calendar" and rng.random() < 0.7:
            args.append(rng.choice(["2021", "2027", "0", "10000", "-1"]))
        filters = {"list": ["--unit", "--inspection", "--area", "--status", "--report-to", "--days"],
                   "overdue": ["--unit", "--inspection", "--area", "--report-to", "--days"],
                   "due": ["--unit", "--inspection", "--area", "--report-to", "--days"],
                   "summary": ["--inspection"], "show": ["--days"]}.get(cmd, [])
        for opt in rng.sample(filters, min(len(filters), rng.randint(0, 2))):
            value = hostile_text(rng, cli=True) if rng.random() < 0.8 else \
                rng.choice(["bau-can", "chu-prong.noi-vu", "tthc", "open", "calendar", "working"])
            args += [opt, value]
        if cmd != "calendar" or rng.random() < 0.5:
            args += self.fmt(rng, case, hostile=rng.random() < 0.2)
        if cmd == "overdue" and rng.random() < 0.3:
            args.append(rng.choice(["--exit-code", "-q"]))
            case.exit_one = True
        if cmd == "check":
            case.exit_one = True
        for opt in rng.sample(["--as-of", "--lang", "--calendar", "--busy-timeout", "--umask"],
                              rng.choice([0, 1, 1, 2])):
            if opt == "--as-of":
                value = rng.choice([b"", b" ", "\u00a0".encode(), b"0/0/0", b"31/2/2021", b"9999-12-31",
                                    b"2021-07-29\x1b[31m", "２０２１-０７-２９".encode(),
                                    hostile_text(rng, cli=True)])
                if value.strip() == b"" or value in (b"\xc2\xa0",):
                    case.expect, case.why = {64}, "--as-of that is not a date is a usage error"
            elif opt == "--busy-timeout":
                value = rng.choice([b"-1", b"99999999999999999999", b"1e3", b"", b"0x10",
                                    hostile_text(rng, cli=True)])
            elif opt == "--umask":
                value = rng.choice([b"9", b"0o22", b"", b"-1", b"12345", hostile_text(rng, cli=True)])
            else:
                value = hostile_text(rng, cli=True)
            hostile_options += [opt, value]
        self.common(rng, case, args, glob=hostile_options)

    # stored --------------------------------------------------------------------------

    def gen_stored(self, rng, case):
        case.base = "hostile"
        case.reads_only = True
        cmd = rng.choice(["show", "show", "log", "list", "list", "overdue", "due", "summary",
                          "check", "calendar", "remind", "remind", "deadline", "workdays"])
        args = [cmd]
        if cmd == "show":
            args.append(rng.choice(["3", "6", "7", "9", "12", "15", b"ia-o\x1b[31m\xff",
                                    "gia-lai-cchc-2021-chu-prong", "chu-prong", "bau-can",
                                    "gia-lai-cchc-2021-chu-prong/tu-kiem-tra", "ia-kly",
                                    "gia-lai-cchc-2021-chu-prong/ky-so"]))
            args += self.fmt(rng, case)
        elif cmd == "log":
            if rng.random() < 0.6:
                args.append(rng.choice(["3", "4", "6", "7", "9", "12"]))
            args += self.fmt(rng, case)
        elif cmd == "list":
            args.append(rng.choice(["tasks", "findings", "inspections", "units"]))
            args += self.fmt(rng, case)
        elif cmd == "due":
            args += ["--within", "30"] + self.fmt(rng, case)
        elif cmd == "summary":
            args += ["--by", rng.choice(["unit", "inspection", "area"])] + self.fmt(rng, case)
        elif cmd in ("overdue", "check"):
            args += self.fmt(rng, case)
            case.exit_one = cmd == "check"
        elif cmd == "calendar":
            args += ["2021"] + self.fmt(rng, case)
        elif cmd == "deadline":
            args += ["5/2/2021", "10 ngày làm việc"] + rng.choice([[], ["--format", "json"]])
            case.out = "json" if "json" in args else "human"
        elif cmd == "workdays":
            args += ["1/2/2021", "28/2/2021"] + rng.choice([[], ["--format", "json"]])
            case.out = "json" if "json" in args else "human"
        else:
            args += ["--from", SENDER, "--force"]
            if rng.random() < 0.5:
                args += ["--unit", rng.choice(["bau-can", "ia-kly", "ia-me", "chu-prong.noi-vu",
                                               b"ia-o\x1b[31m\xff", hostile_text(rng, cli=True)])]
            args += rng.choice([[], ["--cc-report-to"], ["--escalate-after", "0"]])
            if rng.random() < 0.7:
                args.append("--dry-run")
                if rng.random() < 0.4:
                    args += self.fmt(rng, case)
            else:
                case.reads_only = False
                case.delivers = True
                case.multi_delivery = "--unit" not in args
                if rng.random() < 0.5:
                    args += ["--mbox", "out/m.mbox"]
                    case.new_files.append("out/m.mbox")
                else:
                    args += ["--maildir", "out/md"]
                args += self.fmt(rng, case, human_only=rng.random() < 0.5)
        if rng.random() < 0.25 and case.out == "human":
            case.tty = rng.choice([0, 20, 40, 80, 132, 400])
            if rng.random() < 0.5:
                case.env["COLUMNS"] = rng.choice([b"10", b"0", b"-5", b"99999999999", b"abc"])
        self.common(rng, case, args)

    # db-path -------------------------------------------------------------------------

    def gen_db_path(self, rng, case):
        kind = rng.choice(["memory", "empty", "file-memory", "uri-vfs", "uri-ro", "dangling",
                           "link", "fifo", "dir", "devnull", "missing", "odd-name", "odd-name-new",
                           "wal-link", "journal-link"])
        cmd = rng.choices(["import", "overdue", "note", "remind", "check", "backup", "validate",
                           "log"], weights=[4, 2, 2, 1, 1, 1, 1, 1])[0]
        case.base = "current"
        target = "db/test.db"
        if kind == "memory":
            target, case.base = ":memory:", "none"
            case.expect, case.why = {64}, "':memory:' is not a database path"
        elif kind == "empty":
            target, case.base = "", "none"
            case.expect, case.why = {64}, "an empty --db is a usage error, not the default"
        elif kind == "file-memory":
            target, case.base = "file::memory:", "none"
            case.may_create.add("file::memory:")
        elif kind == "uri-vfs":
            target, case.base = "file:x.db?vfs=unix-none", "none"
            case.may_create.add("file:x.db?vfs=unix-none")
        elif kind == "uri-ro":
            target = "file:db/test.db?mode=ro"
            case.may_create.add("file:db")
        elif kind == "dangling":
            target, case.base = "db/test.db", "none"
            case.prepare.append(("link", "db/test.db", "../out/never.db"))
            case.absent.append("out/never.db")
            if cmd == "import":
                case.expect, case.why = {73}, "a new database is never created through a link"
        elif kind == "link":
            case.prepare.append(("link", "db/link.db", "test.db"))
            target = "db/link.db"
        elif kind == "fifo":
            target, case.base = "db/test.db", "none"
            case.prepare.append(("fifo", "db/test.db"))
        elif kind == "dir":
            target, case.base = "db/test.db", "none"
            case.prepare.append(("dir", "db/test.db"))
        elif kind == "devnull":
            target, case.base = "/dev/null", "none"
            case.dev_null = True
            if cmd == "import":
                case.expect, case.why = {73}, "a device is no place for a new database"
        elif kind == "missing":
            target, case.base = "db/new/a/b/test.db", "none"
            case.umask000 = True
            case.new_files.append(target)
        elif kind == "odd-name":
            target = rng.choice(["db/te\nst.db", "db/te\x1b[31mst.db", "db/te\u202est.db",
                                 "db/te\x1b]0;owned\x07st.db"])
            case.prepare.append(("move", "db/test.db", target))
        elif kind == "odd-name-new":
            target, case.base = rng.choice([b"db/n\nw.db", b"db/n\x1b[31mw.db", b"db/n\xffw.db",
                                            b"db/n\xc2\x9bw.db"]), "none"
            case.new_files.append(target)
        elif kind in ("wal-link", "journal-link"):
            target, case.base = "db/test.db", "none"
            for suffix in (["-wal", "-shm"] if kind == "wal-link" else ["-journal"]):
                case.prepare.append(("link", "db/test.db" + suffix, "../out/never" + suffix))
                case.absent.append("out/never" + suffix)
            if cmd == "import":
                case.expect, case.why = {73}, "-wal, -shm or -journal beside a new database is a link"
        # The file whose bytes are watched: none for ':memory:', '' and /dev/null; the
        # plain file a URI would name were it a path; else the path itself.
        if kind in ("memory", "empty", "devnull"):
            case.db = None
        elif kind == "uri-ro":
            case.db = "db/test.db"
        else:
            case.db = os.fsdecode(target)
        if rng.random() < 0.3 and kind != "empty":
            case.env["INSPECTRACK_DB"] = os.fsencode(target)
            global_db = []
        else:
            global_db = ["--db", target]
        if cmd == "import":
            args = ["import", self.example("units-chu-prong.yaml", case), self.example("chu-prong-2021.yaml", case)]
            if case.base == "none":
                case.may_create.add("db")
        elif cmd == "overdue":
            args = ["overdue"] + self.fmt(rng, case)
            case.reads_only = True
        elif cmd == "note":
            args = ["note", "3", "Đã nhắc"]
        elif cmd == "remind":
            args = ["remind", "--from", SENDER, "--dry-run", "--unit", "ia-kly"]
            case.reads_only = True
        elif cmd == "check":
            args = ["check"]
            case.reads_only = case.exit_one = True
        elif cmd == "backup":
            args = ["backup", "out/b.db"]
            case.reads_only = True
        elif cmd == "validate":
            args = ["validate", self.example("chu-prong-2021.yaml", case)]
            case.reads_only = True
        else:
            args = ["log", "3"]
            case.reads_only = True
        if kind == "missing" and cmd != "import":
            case.new_files = []
        if kind in ("memory", "empty") and cmd == "validate":
            case.expect = None  # validate needs no database
        self.common(rng, case, args, glob=global_db)

    def example(self, name, case):
        path = "in/" + name
        if not any(p[0] == "file" and p[1] == path for p in case.prepare):
            case.prepare.append(("file", path, self.examples[name]))
        return path

    # output --------------------------------------------------------------------------

    def gen_output(self, rng, case):
        what = rng.choices(["backup", "mbox", "maildir", "sendmail"], weights=[3, 3, 3, 3])[0]
        case.base = self.pick_base(rng, {"current": 6, "journal": 1, "hotwal": 1, "hostile": 1,
                                         "v3": 1})
        unit = rng.choice(["ia-kly", "ia-lau", "ia-mo"])  # each has a task overdue on AS_OF
        deliver = case.base in ("current", "journal", "hotwal", "v3")
        if what == "backup":
            case.reads_only = True
            kind = rng.choice(["dangling", "link", "fifo", "dir", "devnull", "missing", "odd",
                               "existing", "empty", "memory", "plain"])
            path = "out/b.db"
            refuse = None
            if kind == "dangling":
                case.prepare.append(("link", path, "never.db"))
                case.absent.append("out/never.db")
                refuse = 73
            elif kind == "link":
                case.prepare.append(("file", "out/target.db", b"precious"))
                case.prepare.append(("link", path, "target.db"))
                case.untouched.append(("out/target.db", b"precious"))
                refuse = 73
            elif kind == "fifo":
                case.prepare.append(("fifo", path))
                refuse = 73
            elif kind == "dir":
                case.prepare.append(("dir", path))
                refuse = 73
            elif kind == "devnull":
                path = "/dev/null"
                refuse = 73
            elif kind == "missing":
                path = "out/missing/b.db"
            elif kind == "odd":
                path = rng.choice([b"out/b\n.db", b"out/b\x1b[31m.db", b"out/b\xff.db",
                                   "out/b\u202e.db".encode()])
                case.new_files.append(path)
            elif kind == "existing":
                case.prepare.append(("file", path, b"precious"))
                case.untouched.append((path, b"precious"))
                refuse = 73
            elif kind == "empty":
                path = ""
            elif kind == "memory":
                path = ":memory:"
                case.may_create.add(":memory:")
            else:
                case.new_files.append(path)
            if refuse:
                case.expect, case.why = {refuse}, f"backup to {kind} must be refused"
                if refuse == 73 and case.base == "hostile":
                    case.expect = None
            glob = []
            if rng.random() < 0.3:
                mask = rng.choice(["027", "077", "000"])
                glob = ["--umask", mask]
                case.mask = int(mask, 8)
            self.common(rng, case, ["backup", path], glob=glob)
            return
        case.delivers = True
        sender = SENDER
        if rng.random() < 0.12:
            sender = hostile_text(rng, cli=True)
        args = ["remind", "--from", sender]
        if rng.random() < 0.85:
            args += ["--force", "--unit", unit]
        else:
            case.multi_delivery = True
            args += ["--force"] if rng.random() < 0.5 else []
        refuse_why = None
        if what == "mbox":
            kind = rng.choice(["dangling", "link", "fifo", "dir", "devnull", "missing", "odd",
                               "existing", "plain", "dangling-dir"])
            path = "out/m.mbox"
            if kind == "dangling":
                case.prepare.append(("link", path, "never.mbox"))
                case.absent.append("out/never.mbox")
                refuse_why = "an mbox that is a dangling link"
            elif kind == "dangling-dir":
                case.prepare.append(("link", path, "nowhere/never.mbox"))
                case.absent.append("out/nowhere")
                refuse_why = "an mbox that is a dangling link"
            elif kind == "link":
                case.prepare.append(("file", "out/real.mbox", b""))
                case.prepare.append(("link", path, "real.mbox"))
            elif kind == "fifo":
                case.prepare.append(("fifo", path))
                refuse_why = "an mbox that is a FIFO"
            elif kind == "dir":
                case.prepare.append(("dir", path))
                refuse_why = "an mbox that is a folder"
            elif kind == "devnull":
                path = "/dev/null"
                refuse_why = "an mbox that is a device"
            elif kind == "missing":
                path = "out/missing/m.mbox"
            elif kind == "odd":
                path = rng.choice([b"out/m\n.mbox", b"out/m\x1b[31m.mbox", b"out/m\xff.mbox"])
                case.new_files.append(path)
            elif kind == "existing":
                case.prepare.append(("file", path, b"From x Thu Jul 29 00:00:00 2021\n\nhi\n\n"))
            else:
                case.new_files.append(path)
            args += ["--mbox", path]
        elif what == "maildir":
            kind = rng.choice(["new", "existing", "sub-link", "sub-dangling", "sub-fifo", "sub-file",
                               "file", "fifo", "dir-link", "dir-dangling", "odd"])
            path = "out/md"
            sub = rng.choice(["tmp", "new", "cur"])
            if kind == "existing":
                for s in ("tmp", "new", "cur"):
                    case.prepare.append(("dir", f"{path}/{s}"))
            elif kind.startswith("sub-"):
                for s in ("tmp", "new", "cur"):
                    if s != sub:
                        case.prepare.append(("dir", f"{path}/{s}"))
                if kind == "sub-link":
                    case.prepare.append(("dir", "out/elsewhere"))
                    case.prepare.append(("link", f"{path}/{sub}", "../elsewhere"))
                    case.untouched.append(("out/elsewhere", None))
                elif kind == "sub-dangling":
                    case.prepare.append(("link", f"{path}/{sub}", "../never"))
                    case.absent.append("out/never")
                elif kind == "sub-fifo":
                    case.prepare.append(("fifo", f"{path}/{sub}"))
                else:
                    case.prepare.append(("file", f"{path}/{sub}", b"x"))
                refuse_why = f"a maildir whose {sub}/ is not a folder of its own"
            elif kind == "file":
                case.prepare.append(("file", path, b"x"))
                refuse_why = "a maildir that is a file"
            elif kind == "fifo":
                case.prepare.append(("fifo", path))
                refuse_why = "a maildir that is a FIFO"
            elif kind == "dir-link":
                case.prepare.append(("dir", "out/real-md"))
                case.prepare.append(("link", path, "real-md"))
            elif kind == "dir-dangling":
                case.prepare.append(("link", path, "never-md"))
                case.absent.append("out/never-md")
            elif kind == "odd":
                path = rng.choice([b"out/m\nd", b"out/m\x1b[31md", b"out/m\xffd"])
            args += ["--maildir", path]
        else:
            commands = [("cat >/dev/null; exit 1", {73}), ("cat >/dev/null; exit 75", {75}),
                        ("cat >/dev/null; exit 3 # \x1b]0;owned\x07", {73}),
                        ("exit 75", None), ("true", None), ("kill -9 $$", None),
                        ("/nonexistent/sendmail -t", {73}), ("head -c 10 >/dev/null", None),
                        ("cat >/dev/null; kill -TERM $$", None), ("sleep 0.3; cat >/dev/null", {0}),
                        ("cat >/dev/null", {0}), ("cat >/dev/null; exit 200", {73})]
            if self.sendmail_timeout:
                commands += [("cat >/dev/null; sleep 30", None), ("sleep 30", None),
                             ("trap '' TERM; sleep 30", None)]
            command, expect = rng.choice(commands)
            args += ["--sendmail", command]
            if self.sendmail_timeout and (rng.random() < 0.7 or "sleep 30" in command):
                args += ["--sendmail-timeout", self.sendmail_timeout]
            if expect and deliver and not case.multi_delivery and sender == SENDER:
                case.expect, case.why = expect, f"sendmail command {command!r}"
        if sender != SENDER:
            deliver = False  # refused for its --from, or not: either way not a contract here
        if refuse_why and deliver and not case.multi_delivery:
            case.expect, case.why = {73}, refuse_why + " is refused"
        args += self.fmt(rng, case, human_only=rng.random() < 0.5)
        self.common(rng, case, args, glob=["--as-of", AS_OF])

    # env -----------------------------------------------------------------------------

    def gen_env(self, rng, case):
        case.base = self.pick_base(rng, {"current": 5, "journal": 1, "hostile": 1, "none": 1})
        names = rng.sample(["INSPECTRACK_NOW", "USER", "INSPECTRACK_DB", "INSPECTRACK_FROM", "LANG",
                            "LC_ALL", "LC_MESSAGES", "COLUMNS", "TERM", "HOME", "XDG_DATA_HOME",
                            "NO_COLOR", "TZ"], rng.randint(1, 4))
        cmd = rng.choice(["note", "done", "overdue", "list", "show", "log", "remind", "import",
                          "summary", "deadline"])
        writes = cmd in ("note", "done", "import")
        for name in names:
            if name == "INSPECTRACK_NOW":
                value = rng.choice([b"abc", b"", b" ", b"2021-13-45T99:99:99Z", b"2021-07-29",
                                    b"2021-07-29T02:00:00Z\x1b[31m", b"9" * 40,
                                    hostile_text(rng, cli=True), b"2021-07-29T02:00:00Z"])
                if writes and is_garbage_time(value) and case.base != "none" and cmd != "import":
                    # done may be refused by the rules first, with nothing written
                    case.expect = {64} if cmd == "note" else {64, 65}
                    case.why = "INSPECTRACK_NOW that is not a timestamp"
            elif name == "USER":
                value = hostile_text(rng, cli=True)
                if writes and value and (is_bad_text(value) and not is_blank(value)) \
                        and cmd != "import" and case.base != "none":
                    case.expect, case.why = {64, 65}, "USER that is not UTF-8"
            elif name == "INSPECTRACK_DB":
                value = rng.choice([b":memory:", b"file::memory:", b"db/te\x1b[31mst.db",
                                    b"db/test.db", b"db/n\xffw.db"])
                if value == b":memory:":
                    case.expect, case.why = {64}, "':memory:' is not a database path"
                case.db = None if value == b":memory:" else value.decode(errors="surrogateescape")
                if value == b"db/te\x1b[31mst.db":
                    case.prepare.append(("move", "db/test.db", value))
                if value in (b"file::memory:", b"db/n\xffw.db"):
                    case.base = "none"
            elif name in ("LANG", "LC_ALL", "LC_MESSAGES"):
                value = rng.choice([b"vi_VN.UTF-8", b"vi", b"en_US.UTF-8", b"C", b"POSIX",
                                    b"vi\x1b[31m", b"\xff\xfe", b"de_DE@euro", hostile_text(rng, cli=True)])
            elif name == "COLUMNS":
                value = rng.choice([b"0", b"-1", b"5", b"99999999999999999999", b"abc", b"\x1b[31m"])
                case.tty = rng.choice([None, 0, 0, 1, 30])
            elif name == "TERM":
                value = rng.choice([b"dumb", b"xterm-256color", b"\x1b]0;owned\x07", b""])
            elif name in ("HOME", "XDG_DATA_HOME"):
                value = rng.choice([b"home", b"h\x1b[31mome", b"h\nome", b"", b"h\xffome"])
                if "INSPECTRACK_DB" not in names and rng.random() < 0.7:
                    case.db = None  # the default path, under HOME or XDG_DATA_HOME
            elif name == "NO_COLOR":
                value = rng.choice([None, b"", b"1"])
            else:
                value = rng.choice([b"UTC", b"Asia/Ho_Chi_Minh", b"\x1b[31m", b":/etc/passwd",
                                    b"../../../../etc/x", b"A" * 300])
            case.env[name] = value
        if case.base == "none" and case.why in ("USER that is not UTF-8",
                                                "INSPECTRACK_NOW that is not a timestamp"):
            # INSPECTRACK_DB, set after them, names no database: its 66 may come first.
            case.expect, case.why = None, ""
        if case.db is None and "INSPECTRACK_DB" not in case.env:
            home = case.env.get("HOME", b"home")
            xdg = case.env.get("XDG_DATA_HOME")
            case.env.setdefault("HOME", home)
            if xdg:
                case.db = (xdg + b"/inspectrack/inspectrack.db").decode(errors="surrogateescape")
            elif home:
                case.db = (home + b"/.local/share/inspectrack/inspectrack.db").decode(
                    errors="surrogateescape")
            else:
                case.db = None
            if case.db is not None and case.base != "none":
                case.prepare.append(("move", "db/test.db", case.db))
            for v in (home, xdg):
                if v:
                    case.may_create.add(v.split(b"/")[0].decode(errors="surrogateescape"))
            case.db_arg = False
            case.umask000 = rng.random() < 0.5
            if cmd == "import" and case.db:
                case.new_files.append(case.db)
        if case.base == "none" and case.db is not None:
            case.may_create.add(case.db.split("/")[0])
        tid = self.task_id(rng, "current")
        if cmd == "note":
            args = ["note", tid, "Đã nhắc qua điện thoại"]
        elif cmd == "done":
            args = ["done", self.task_id(rng, "current"), "--evidence", "Báo cáo số 1"]
        elif cmd == "overdue":
            args = ["overdue"] + self.fmt(rng, case)
            case.reads_only = True
        elif cmd == "list":
            args = ["list", "tasks", "--unit", "bau-can"] + self.fmt(rng, case)
            case.reads_only = True
        elif cmd == "show":
            args = ["show", tid] + self.fmt(rng, case)
            case.reads_only = True
        elif cmd == "log":
            args = ["log", tid] + self.fmt(rng, case)
            case.reads_only = True
        elif cmd == "summary":
            args = ["summary", "--by", "unit"] + self.fmt(rng, case)
            case.reads_only = True
        elif cmd == "deadline":
            args = ["deadline", "5/2/2021", "10 ngày làm việc"]
            case.reads_only = True
        elif cmd == "remind":
            args = ["remind", "--dry-run", "--unit", "bau-can", "--force"]
            if rng.random() < 0.5:
                case.env["INSPECTRACK_FROM"] = rng.choice([hostile_text(rng, cli=True),
                                                           b"a@b.vn\nBcc: x@y.vn", SENDER.encode()])
            else:
                args += ["--from", SENDER]
            case.reads_only = True
        else:
            args = ["import", self.example("units-chu-prong.yaml", case),
                    self.example("chu-prong-2021.yaml", case)]
        self.common(rng, case, args)

    # old -----------------------------------------------------------------------------

    def gen_old(self, rng, case):
        case.base = self.pick_base(rng, {"v1": 3, "v2": 3, "v3": 3, "journal": 3, "hotwal": 3,
                                         "empty": 2, "foreign": 1, "none": 1})
        base = case.base if case.base in self.info else "current"
        info = self.info[base]
        late = rng.random() < 0.3
        as_of = rng.choice(["2022-01-20", "2023-06-01"]) if late else AS_OF
        kind = rng.choices(["report", "refused", "dry-run", "write"], weights=[6, 6, 3, 1])[0]
        if kind == "report":
            case.reads_only = True
            cmd = rng.choice(["overdue", "list", "summary", "show", "log", "check", "due", "calendar",
                              "remind", "backup", "validate"])
            if cmd == "overdue":
                args = ["overdue"] + self.fmt(rng, case)
            elif cmd == "list":
                args = ["list", rng.choice(["tasks", "units", "findings", "inspections"])] + \
                    self.fmt(rng, case)
            elif cmd == "summary":
                args = ["summary", "--by", rng.choice(["unit", "inspection", "area"])] + self.fmt(rng, case)
            elif cmd == "show":
                args = ["show", str(rng.choice(info["open"] or [3]))] + self.fmt(rng, case)
            elif cmd == "log":
                args = ["log"] + ([str(rng.choice(info["open"] or [3]))] if rng.random() < 0.7 else [])
                args += self.fmt(rng, case)
            elif cmd == "check":
                args = ["check"] + self.fmt(rng, case)
                case.exit_one = True
            elif cmd == "due":
                args = ["due", "--within", rng.choice(["7", "30", "365"])] + self.fmt(rng, case)
            elif cmd == "calendar":
                args = ["calendar", "2021"]
            elif cmd == "remind":
                args = ["remind", "--dry-run", "--from", SENDER] + rng.choice([[], ["--force"]])
            elif cmd == "backup":
                args = ["backup", "out/b.db"]
            else:
                args = ["validate", self.example("chu-prong-2021.yaml", case)]
        elif kind == "refused":
            choices = ["verify-open", "note-missing", "note-blank", "import-broken", "done-future",
                       "reason-blank", "show-missing", "log-missing"]
            if info.get("cancelled"):
                choices.append("done-cancelled")
            if info.get("done"):
                choices += ["extend-done", "verify-future"]
            if info.get("dated"):
                choices.append("extend-earlier")
            choice = rng.choice(choices)
            open_id = str(rng.choice(info["open"] or [3]))
            done_id = str(rng.choice(info.get("done") or [1]))
            if choice == "verify-open":
                args = ["verify", open_id]
            elif choice == "done-cancelled":
                args = ["done", str(rng.choice(info["cancelled"]))]
            elif choice == "extend-done":
                args = ["extend", done_id, "--to", "2022-12-31", "--reason", "Chờ số liệu"]
            elif choice == "extend-earlier":
                args = ["extend", str(rng.choice(info["dated"])), "--to", "2000-01-01", "--reason",
                        "Chờ số liệu"]
            elif choice == "note-missing":
                args = ["note", "999999", "Đã nhắc"]
            elif choice == "note-blank":
                args = ["note", open_id, rng.choice(BLANKS)]
            elif choice == "import-broken":
                name = rng.choice(sorted(self.broken))
                case.prepare.append(("file", "in/" + name, self.broken[name]))
                args = ["import", "in/" + name]
            elif choice == "done-future":
                args = ["done", open_id, "--on", "2030-01-01"]
            elif choice == "reason-blank":
                args = [rng.choice(["cancel", "reopen"]), open_id, "--reason",
                        rng.choice(BLANKS)]
            elif choice == "verify-future":
                args = ["verify", done_id, "--on", "2030-01-01"]
            elif choice == "show-missing":
                args = ["show", "999999"]
                case.reads_only = True
            else:
                args = ["log", "999999"]
                case.reads_only = True
            if case.base not in ("empty", "foreign", "none"):
                case.expect = {64, 65, 66}
                case.why = f"{choice}: the rules refuse it"
            elif case.base in ("empty", "foreign"):
                case.expect = {64, 65, 66}
                case.why = f"{choice} on a file that is not an inspectrack database"
        elif kind == "dry-run":
            case.reads_only = True
            pick = rng.choice(["examples", "progress", "units"])
            if pick == "examples":
                args = ["import", "--dry-run", self.example("units-chu-prong.yaml", case),
                        self.example("chu-prong-2021.yaml", case)]
            elif pick == "progress":
                args = ["import", "--dry-run", self.example("tien-do-chu-prong-2021.yaml", case)]
            else:
                args = ["import", "--dry-run", self.example("units-truc-ninh.yaml", case)]
        else:
            args = ["note", str(rng.choice(info["open"] or [3])), "Sau khi nâng cấp"]
            if case.base in ("empty", "foreign", "none"):
                case.expect, case.why = {65, 66}, "a note needs an inspectrack database with the task"
        self.common(rng, case, args, glob=["--as-of", as_of])

    # dates ---------------------------------------------------------------------------

    DATES = [b"", b" ", b"31/2/2021", b"2021-02-29", b"0/0/0", b"9999-12-31", b"0001-01-01",
             b"10000-01-01", b"-1", b"2021-07-26\x1b[31m", "２０２１-０７-２６".encode(),
             "\u00a0".encode(), b"\xff\xfe", b"9" * 40, b"1e9", b"29/2/2024", b"5/2/2021",
             b"2021-07-26", b"32/1/2021", b"1/13/2021", "٢٠٢١-٠٧-٢٦".encode(), b"2021-7-26",
             b"26/7/21", b"2021-07-26T00:00:00", b"+2021-07-26", b"2021-07-26\n"]
    PERIODS = [b"10 ng\xc3\xa0y", b"10 working days", b"10 days", b"3651 ng\xc3\xa0y", b"0 days",
               b"-1 days", b"99999999999999999999 days", "10 ngày\u00a0làm việc".encode(),
               b"10 ngay lam viec", "10 nga\u0300y".encode(), b"10 days\x1b[31m", b"", b"  ",
               b"3650 working days", b"10\tdays", b"\xff days", "١٠ days".encode(), b"1e3 days"]

    def gen_dates(self, rng, case):
        case.base = rng.choice(["none", "current"])
        case.reads_only = True
        if case.base == "none":
            case.db = "db/absent.db"
        cmd = rng.choice(["deadline", "workdays", "calendar", "done", "extend", "verify"])
        as_of = []
        if cmd == "deadline":
            args = ["deadline", rng.choice(self.DATES), rng.choice(self.PERIODS)]
            if args[1] == b"" or args[2].strip() == b"":
                case.expect, case.why = {64}, "an empty date or period is a usage error"
        elif cmd == "workdays":
            args = ["workdays", rng.choice(self.DATES), rng.choice(self.DATES)]
            if b"" in args[1:]:
                case.expect, case.why = {64}, "an empty date is a usage error"
        elif cmd == "calendar":
            args = ["calendar", rng.choice([b"2021", b"0", b"10000", b"-1", b"abc", b"2027",
                                            b"99999999999999999999", b"2021\x1b[31m"])]
            args += self.fmt(rng, case)
        else:
            case.base, case.db, case.reads_only = "current", "db/test.db", False
            tid = self.task_id(rng, "current", "done" if cmd == "verify" else "open")
            date = rng.choice(self.DATES)
            if cmd == "extend":
                args = ["extend", tid, "--to", date, "--reason", "Chờ số liệu"]
            else:
                args = [cmd, tid, "--on", date]
            if date.strip() == b"" or date == "\u00a0".encode():
                case.expect, case.why = {64}, "an empty date is a usage error"
        if cmd in ("deadline", "workdays"):
            if rng.random() < 0.4:
                args += ["--format", "json"]
                case.out = "json"
            if rng.random() < 0.2:
                as_of = ["--calendar", rng.choice([b"vn", b"lich\x1b[31m", b"", b"\xff"])]
        self.common(rng, case, args, glob=as_of)

    # -- running -----------------------------------------------------------------------

    def env_for(self, case, casedir):
        env = {b"PATH": b"/usr/bin:/bin", b"HOME": casedir.encode() + b"/home", b"USER": b"vanthu",
               b"INSPECTRACK_NOW": NOW.encode(), b"TZ": b"UTC"}
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                env[name.encode()] = os.environ[name].encode()
        for name, value in case.env.items():
            if value is None:
                env.pop(name.encode(), None)
            else:
                env[name.encode()] = value
        if "NO_COLOR" not in case.env:
            env[b"NO_COLOR"] = b"1"
        return env

    def prepare(self, case, casedir):
        for sub in ("db", "in", "out", "home"):
            os.makedirs(os.path.join(casedir, sub))
        db = os.path.join(casedir, "db", "test.db")
        if case.base not in ("none",):
            shutil.copyfile(self.base_path(case.base), db)
            for suffix in ("-wal", "-shm"):
                if os.path.exists(self.base_path(case.base) + suffix):
                    shutil.copyfile(self.base_path(case.base) + suffix, db + suffix)
        for op in case.prepare:
            path = os.path.join(os.fsencode(casedir), os.fsencode(op[1]))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if op[0] == "file":
                with open(path, "wb") as f:
                    f.write(op[2])
            elif op[0] == "link":
                os.symlink(op[2], path)
            elif op[0] == "fifo":
                os.mkfifo(path)
            elif op[0] == "dir":
                os.makedirs(path, exist_ok=True)
            elif op[0] == "move":
                target = os.path.join(os.fsencode(casedir), os.fsencode(op[2]))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                for suffix in (b"", b"-wal", b"-shm"):
                    if os.path.exists(path + suffix):
                        os.rename(path + suffix, target + suffix)

    def command(self, case):
        argv = [os.fsencode(self.binary)] + [os.fsencode(a) for a in case.args]
        if case.umask000:
            argv = [b"/bin/sh", b"-c", b'umask 000 && exec "$0" "$@"'] + argv
        return argv

    def replay_line(self, case, env):
        parts = ["env", "-i"] + [quote(name + b"=" + value) for name, value in sorted(env.items())
                                 if not name.endswith(b"SAN_OPTIONS")]
        line = " ".join(parts + [quote(a) for a in self.command(case)])
        if case.tty is not None:
            line += f"  # stdout a terminal of {case.tty} columns"
        return line

    def run_case(self, case, casedir, timeout):
        env = self.env_for(case, casedir)
        argv = self.command(case)
        start = time.monotonic()
        master = None
        if case.tty is not None:
            master, slave = pty.openpty()
            attrs = termios.tcgetattr(slave)
            attrs[1] &= ~termios.OPOST
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, case.tty, 0, 0))
            stdout = slave
        else:
            stdout = subprocess.PIPE
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE,
                                env=env, cwd=casedir, start_new_session=True)
        chunks = []
        reader = None
        if master is not None:
            os.close(slave)

            def read_pty():
                while True:
                    try:
                        data = os.read(master, 65536)
                    except OSError:
                        return
                    if not data:
                        return
                    chunks.append(data)
            reader = threading.Thread(target=read_pty, daemon=True)
            reader.start()
        timed_out = False
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, 9)
            except ProcessLookupError:
                pass
            out, err = proc.communicate()
        else:
            # The command's children (a sendmail command) must not outlive it.
            try:
                os.killpg(proc.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
        if reader is not None:
            reader.join(5)
            os.close(master)
            out = b"".join(chunks)
        return proc.returncode, out or b"", err or b"", timed_out, time.monotonic() - start, env

    # -- checks ------------------------------------------------------------------------

    @staticmethod
    def digest(path):
        try:
            with open(path, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def snapshot(self, case, casedir):
        snap = {"top": set(os.listdir(casedir))}
        if case.db is not None:
            db = os.path.join(os.fsencode(casedir), os.fsencode(case.db))
            snap["db"] = db
            snap["kind"] = self.kind_of(db)
            if snap["kind"] == "link" and os.path.isfile(db):
                snap["kind"] = "file"  # a link to a database: its bytes are watched
            snap["sum"] = self.digest(db) if snap["kind"] == "file" else None
            snap["wal"] = self.digest(db + b"-wal")
            folder = os.path.dirname(db)
            snap["beside"] = set(os.listdir(folder)) if os.path.isdir(folder) else None
            missing = []
            d = folder
            while not os.path.lexists(d) and d.startswith(os.fsencode(casedir)):
                missing.append(d)
                d = os.path.dirname(d)
            snap["missing"] = missing
        snap["new_files"] = [p for p in case.new_files
                             if not os.path.lexists(os.path.join(os.fsencode(casedir), os.fsencode(p)))]
        return snap

    @staticmethod
    def kind_of(path):
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return "absent"
        if stat.S_ISLNK(st.st_mode):
            return "link"
        if stat.S_ISREG(st.st_mode):
            return "file"
        return "other"

    def check(self, case, casedir, snap, status, out, err, timed_out, devsnap):
        problems = []

        def fail(cls, what):
            problems.append((cls, what))
        exit_one_ok = case.exit_one
        if timed_out:
            fail("hang", "no exit within the time limit; killed")
        elif status < 0:
            fail("crash", f"killed by signal {-status}")
        elif status >= 128:
            fail("crash", f"exit status {status}")
        elif status == 70:
            fail("internal-error", f"exit 70: {shown(err)}")
        elif status not in DOCUMENTED:
            fail("undocumented-status", f"exit {status}: {shown(err)}")
        elif status == 1 and not exit_one_ok:
            fail("undocumented-status", f"exit 1 without --exit-code, -q or check: {shown(err)}")
        if SANITIZER.search(err):
            fail("sanitizer", shown(err[SANITIZER.search(err).start():], 600))
        if case.expect is not None and not timed_out and status not in case.expect:
            fail("contract", f"exit {status}, expected {'/'.join(map(str, sorted(case.expect)))} "
                             f"({case.why}); stderr: {shown(err)}")
        refused = timed_out or (status != 0 and not (status == 1 and exit_one_ok))
        if case.delivers and status in (73, 75) or case.multi_delivery and status == 65:
            # remind records a reminder as being sent before it delivers it, so that two
            # runs cannot both send it, and removes the record when delivery fails; what
            # was delivered to other units stays recorded, as documented.
            refused = False
        if case.db is not None and "db" in snap and (refused or case.reads_only):
            db = snap["db"]
            why = "after a refusal (exit %d)" % status if refused else "by a command that only reads"
            kind = self.kind_of(db)
            if snap["kind"] == "file":
                if self.digest(db) != snap["sum"]:
                    fail("db-changed", f"the database changed {why}")
                if snap["wal"] is not None and self.digest(db + b"-wal") != snap["wal"]:
                    fail("db-changed", f"the database's -wal changed {why}")
            elif snap["kind"] == "absent" and kind != "absent" and not (status in (74,) and refused):
                fail("db-created", f"a database file was created {why}")
            if snap["beside"] is not None and os.path.isdir(os.path.dirname(db)):
                new = set(os.listdir(os.path.dirname(db))) - snap["beside"]
                if snap["kind"] == "absent" and status == 74:
                    new.discard(os.path.basename(db))
                if new:
                    fail("file-beside-db", f"new file(s) beside the database {why}: "
                                           f"{', '.join(shown(n) for n in sorted(new))}")
            made = [d for d in snap["missing"] if os.path.lexists(d)]
            if made:
                fail("db-created", f"folder(s) made {why}: {', '.join(shown(d) for d in made)}")
        for path in case.absent:
            if os.path.lexists(os.path.join(casedir, path)):
                fail("link-followed", f"{path} was created through a link")
        for path, content in case.untouched:
            full = os.path.join(casedir, path)
            if content is None:
                if os.path.isdir(full) and os.listdir(full):
                    fail("link-followed", f"{path}/ got files through a link: {os.listdir(full)}")
            else:
                with open(full, "rb") as f:
                    if f.read() != content:
                        fail("overwritten", f"{path} was written to")
        new_top = set(os.listdir(casedir)) - snap["top"] - case.may_create
        if new_top:
            fail("file-elsewhere", "new file(s) in the working folder: "
                                   f"{', '.join(shown(os.fsencode(n)) for n in sorted(new_top))}")
        for side in DEV_SIDE_FILES:
            if side not in devsnap and os.path.lexists(side):
                fail("file-beside-db", f"{side} was created")
                try:
                    os.remove(side)
                except OSError:
                    pass

        # Outputs.
        for name, data, human in (("stderr", err, True), ("stdout", out, case.out == "human")):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                fail("invalid-utf8", f"{name} is not UTF-8 at byte {e.start}: "
                                     f"{shown(data[max(0, e.start - 40):e.start + 40])}")
                text = data.decode("utf-8", "replace")
            if human:
                bad = re.search("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]", text)
                if bad:
                    at = bad.start()
                    fail("control-" + name, f"raw {bad.group()!r} in {name}: "
                                            f"{shown(text[max(0, at - 60):at + 60].encode())}")
        if case.out == "json" and status in (0, 1) and out.strip() and not timed_out:
            try:
                json.loads(out.decode("utf-8", "replace"))
            except ValueError as e:
                fail("json", f"stdout does not parse as JSON: {e}")

        # Modes of what it created.
        expected_file = 0o666 & ~case.mask if case.mask is not None else 0o600
        expected_dir = 0o777 & ~case.mask if case.mask is not None else 0o700
        if case.db is not None and "db" in snap and status == 0:
            for d in snap["missing"]:
                if os.path.isdir(d) and not os.path.islink(d):
                    m = stat.S_IMODE(os.stat(d).st_mode)
                    if m != expected_dir:
                        fail("mode", f"folder {shown(d[len(casedir) + 1:])} made for the database "
                                     f"is {m:04o}, not {expected_dir:04o}")
        if status == 0:
            for path in snap["new_files"]:
                full = os.path.join(os.fsencode(casedir), os.fsencode(path))
                if os.path.isfile(full) and not os.path.islink(full):
                    m = stat.S_IMODE(os.stat(full).st_mode)
                    if m != expected_file:
                        fail("mode", f"new file {shown(full[len(casedir) + 1:])} is {m:04o}, "
                                     f"not {expected_file:04o}")
        if status == 0 and not case.reads_only and case.db is not None and "db" in snap:
            db = snap["db"]
            if not os.path.isfile(db):
                fail("write-elsewhere", f"exit 0 but no database file at {shown(db[len(casedir) + 1:])}")
            elif case.base in self.base_texts:
                self.check_stored(db, self.base_texts[case.base], fail)
        return problems

    ONE_LINE = {"units": None, "inspections": {"key", "title", "authority", "team",
                                               "conclusion_number", "conclusion_signed_by"},
                "findings": {"key", "area", "indicator_name", "indicator_unit"},
                "tasks": {"key", "period", "due_text", "calendar"},
                "calendars": {"key", "name"}, "calendar_days": {"name"},
                "events": {"at", "actor", "action", "entity", "field"},
                "reminders": {"actor"}}
    PATHS = {("inspections", "source_file"), ("calendars", "source_file"), ("reminders", "target"),
             ("reminders", "message_id")}

    def check_stored(self, db, known, fail):
        try:
            con = sqlite3.connect(f"file:{urllib.parse.quote(db)}?mode=ro", uri=True)
        except sqlite3.Error:
            return
        con.text_factory = bytes
        seen = set()
        try:
            tables = [r[0].decode() for r in
                      con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                cur = con.execute(f'SELECT * FROM "{table}"')
                cols = [d[0] for d in cur.description]
                one_line = self.ONE_LINE.get(table, set())
                for row in cur:
                    for col, value in zip(cols, row):
                        if not isinstance(value, bytes) or value in known or (table, col) in self.PATHS:
                            continue
                        if (table, col, value) in seen:
                            continue
                        seen.add((table, col, value))
                        where = f"{table}.{col} = {shown(value, 120)}"
                        try:
                            text = value.decode("utf-8")
                        except UnicodeDecodeError:
                            fail("stored-text", f"stored invalid UTF-8: {where}")
                            continue
                        if not unicodedata.is_normalized("NFC", text):
                            fail("stored-text", f"stored text not NFC: {where}")
                        if blank(text):
                            fail("stored-text", f"stored a blank text: {where}")
                        if one_line is None or col in one_line:
                            if re.search("[\x00-\x1f\x7f-\x9f]", text):
                                fail("stored-text", f"stored a control character in a one-line "
                                                    f"field: {where}")
                        if table == "events" and col == "at" and not NOW_FORM.match(value):
                            fail("stored-text", f"stored a time that is not a timestamp: {where}")
        except sqlite3.Error as e:
            fail("stored-text", f"cannot read the database after exit 0: {e}")
        finally:
            con.close()


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    source = os.path.abspath(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) == 4 else 300
    seed = int(os.environ.get("ATTACKER_SEED") or random.SystemRandom().randrange(1, 10 ** 9))
    only = os.environ.get("ATTACKER_CASE")
    keep = os.environ.get("ATTACKER_KEEP")
    jobs = int(os.environ.get("ATTACKER_JOBS", "2"))
    timeout = float(os.environ.get("ATTACKER_TIMEOUT", "15"))
    print(f"attacker.py: seed {seed} (ATTACKER_SEED={seed} replays this run), {count} cases",
          flush=True)
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="attacker-")
    try:
        attacker = Attacker(binary, source, work)
        try:
            attacker.setup()
        except (SetupError, OSError, sqlite3.Error) as e:
            print(f"attacker.py: setup failed: {e}")
            return 2
        setup_time = time.monotonic() - started
        numbers = [int(only)] if only else list(range(1, count + 1))
        devnull_lock = threading.Lock()
        results = {}

        def one(number):
            try:
                return attempt(number)
            except Exception:  # a broken generator or check must fail the run, not pass it
                return (Case(number, kind="?"), None, b"", b"", 0.0,
                        [("attacker-error", traceback.format_exc().replace("\n", " | "))], "")

        def attempt(number):
            case = attacker.generate(seed, number)
            casedir = os.path.join(keep, f"case-{number}") if keep else \
                os.path.join(work, f"case-{number}")
            if keep and os.path.exists(casedir):
                shutil.rmtree(casedir)
            os.makedirs(casedir)
            attacker.prepare(case, casedir)
            snap = attacker.snapshot(case, casedir)
            lock = devnull_lock if case.dev_null or "/dev/null" in case.args else None
            if lock:
                lock.acquire()
            try:
                devsnap = {p for p in DEV_SIDE_FILES if os.path.lexists(p)}
                status, out, err, timed_out, took, env = attacker.run_case(case, casedir, timeout)
                problems = attacker.check(case, casedir, snap, status, out, err, timed_out, devsnap)
            finally:
                if lock:
                    lock.release()
            line = attacker.replay_line(case, env)
            if not keep:
                shutil.rmtree(casedir, ignore_errors=True)
            return case, status, out, err, took, problems, line

        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            for case, status, out, err, took, problems, line in pool.map(one, numbers):
                results[case.number] = (case, status, problems)
                if only or problems:
                    print(f"\n{'FAIL' if problems else 'ok'} case {case.number} [{case.kind}] "
                          f"exit {status} in {took:.2f} s, base '{case.base}' at {case.db!r}")
                    for cls, what in problems:
                        print(f"  {cls}: {what}")
                    files = [f"{shown(os.fsencode(op[1]))}"
                             f" ({op[0]}{' -> ' + op[2] if op[0] == 'link' else ''})"
                             for op in case.prepare]
                    if files:
                        print(f"  prepared: {', '.join(files)}")
                    print(f"  command (in the case folder): {line}")
                    print(f"  replay: ATTACKER_SEED={seed} ATTACKER_CASE={case.number} "
                          f"ATTACKER_KEEP=/tmp/attacker-case /usr/bin/python3 -B "
                          f"{quote(os.path.abspath(__file__))} {quote(binary)} {quote(source)}")
                    if only:
                        print(f"  stdout: {shown(out, 4000)}\n  stderr: {shown(err, 4000)}")
                    sys.stdout.flush()
        failed = {n: r for n, r in results.items() if r[2]}
        by_class = {}
        for case, status, problems in failed.values():
            for cls, _ in problems:
                by_class.setdefault((cls, case.kind), set()).add(case.number)
        kinds = {}
        for case, _, _ in results.values():
            kinds[case.kind] = kinds.get(case.kind, 0) + 1
        print(f"\nattacker.py: {len(results)} cases "
              f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}) in "
              f"{time.monotonic() - started:.1f} s (setup {setup_time:.1f} s), seed {seed}")
        if failed:
            print(f"attacker.py: {len(failed)} case(s) failed:")
            for (cls, kind), numbers in sorted(by_class.items()):
                shown_numbers = ", ".join(map(str, sorted(numbers)[:12]))
                print(f"  {cls:20} {kind:8} {len(numbers):4}  cases {shown_numbers}"
                      f"{' ...' if len(numbers) > 12 else ''}")
            return 1
        print("attacker.py: ok")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
