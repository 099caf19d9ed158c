"""Helpers shared by the tests in tests/mail/ (imported from the scripts next to it).

Every script is run as `/usr/bin/python3 SCRIPT INSPECTRACK_BINARY SOURCE_DIR`. The
helpers make a database from the Chư Prông example, work out what `remind` should send
from other commands (`overdue`, `due`, `list units`) rather than from remind's own
report, run inspectrack with a pinned clock, check the shape of one e-mail message, run
an SMTP sink (aiosmtpd) on 127.0.0.1 and write msmtp configurations for it.

A test that cannot run (msmtp or aiosmtpd missing) fails; it never skips.
"""

import base64
import binascii
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser

PROG = os.path.basename(sys.argv[0])
AS_OF = "2021-07-23"                     # a Friday
# The 3rd working day after Friday 23/7/2021: Mon 26, Tue 27, Wed 28 (no holiday then).
WINDOW_END = "2021-07-28"
NOW = "2021-07-23T00:00:00Z"             # INSPECTRACK_NOW: the Date header and records
TZ = "ICT-7"                             # POSIX TZ, no tzdata needed: Date is +0700
SENDER_NAME = "Văn phòng UBND huyện Chư Prông"
SENDER_ADDRESS = "vanphong@example.vn"
SENDER = f"{SENDER_NAME} <{SENDER_ADDRESS}>"
MSMTP = "/usr/bin/msmtp"
RUN_TIMEOUT = 20                         # seconds for one inspectrack run

_failures = []


def fail(message):
    """Stops the test at once: something it needs is wrong."""
    sys.stderr.write(f"{PROG}: FAIL: {message}\n")
    sys.exit(1)


def expect(condition, message):
    """Records a failed check and goes on, so one run shows every problem."""
    if not condition:
        _failures.append(message)
        sys.stderr.write(f"{PROG}: FAIL: {message}\n")
    return condition


def finish():
    """Exits 1 when any expect() failed, else 0."""
    if _failures:
        sys.stderr.write(f"{PROG}: {len(_failures)} check(s) failed\n")
        sys.exit(1)
    print(f"{PROG}: ok")
    sys.exit(0)


def args():
    """(binary, source_dir) from the command line."""
    if len(sys.argv) != 3:
        fail(f"usage: {PROG} INSPECTRACK_BINARY SOURCE_DIR")
    binary, source = sys.argv[1], sys.argv[2]
    if not os.access(binary, os.X_OK):
        fail(f"'{binary}' is not an executable")
    return binary, source


def nfc(s):
    return unicodedata.normalize("NFC", s)


def require_msmtp():
    if not os.access(MSMTP, os.X_OK):
        fail(f"{MSMTP} is missing (Debian: msmtp, see .ci/install-deps); "
             "this test cannot run without it")


def temp_dir():
    """A fresh temporary directory, removed when the `with` block ends."""
    return tempfile.TemporaryDirectory(prefix="inspectrack-mail-")


# ---------------------------------------------------------------- running inspectrack

def base_env(**extra):
    """The environment of a run: a pinned clock and zone, no locale variables (so
    nothing but --lang or a LANG given on purpose picks the language), no
    INSPECTRACK_FROM from the caller."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE") or k.startswith("INSPECTRACK_"))}
    env.update(INSPECTRACK_NOW=NOW, TZ=TZ, USER="mail-test")
    env.update(extra)
    return env


def run(binary, argv, env=None, stdin=None):
    """Runs inspectrack; returns the CompletedProcess with text stdout and stderr."""
    done = subprocess.run([binary, *argv], env=env or base_env(), input=stdin,
                          capture_output=True, timeout=RUN_TIMEOUT, check=False)
    done.stdout = done.stdout.decode("utf-8", errors="replace")
    done.stderr = done.stderr.decode("utf-8", errors="replace")
    return done


def run_ok(binary, argv, env=None):
    done = run(binary, argv, env)
    if done.returncode != 0:
        fail(f"inspectrack {' '.join(argv)} exited {done.returncode}:\n{done.stderr}")
    return done


def make_db(binary, source, directory, name="huyen.db"):
    """A database holding the Chư Prông example, imported as of AS_OF."""
    db = os.path.join(directory, name)
    examples = os.path.join(source, "examples")
    run_ok(binary, ["--db", db, "--as-of", AS_OF, "import",
                    os.path.join(examples, "units-chu-prong.yaml"),
                    os.path.join(examples, "chu-prong-2021.yaml")])
    return db


def query_json(binary, db, argv):
    return json.loads(run_ok(binary, ["--db", db, "--as-of", AS_OF, *argv, "--format", "json"]).stdout)


# ---------------------------------------------------------------- what should be sent

@dataclass
class Expected:
    """One unit that owes something on AS_OF, worked out without `remind`."""
    key: str
    name: str
    emails: list
    overdue: list = field(default_factory=list)     # full task keys
    due_soon: list = field(default_factory=list)
    cc: set = field(default_factory=set)            # lower-case addresses (--cc-report-to)

    @property
    def tasks(self):
        return self.overdue + self.due_soon


def expected_digests(binary, db, max_days_late=None):
    """{unit key: Expected} from `overdue`, `due --within 7` cut at WINDOW_END and
    `list units`. With max_days_late, fails unless no task is later than that (so that
    --escalate-after max_days_late copies nobody)."""
    units = {u["key"]: u for u in query_json(binary, db, ["list", "units"])}
    overdue = query_json(binary, db, ["overdue"])
    due = [t for t in query_json(binary, db, ["due", "--within", "7"])
           if AS_OF <= t["due"] <= WINDOW_END]
    out = {}
    for state, rows in (("overdue", overdue), ("due_soon", due)):
        for t in rows:
            if t["status"] != "open":
                fail(f"{t['key']}: listed by {state} with status {t['status']}")
            unit = units[t["assignee"]]
            e = out.setdefault(unit["key"], Expected(unit["key"], unit["name"], list(unit["email"] or [])))
            getattr(e, state).append(t["key"])
            if t.get("report_to"):
                e.cc.update(a.lower() for a in (units[t["report_to"]]["email"] or []))
            if max_days_late is not None and state == "overdue":
                late = max(t["days_late"], t.get("working_days_late") or 0)
                if late > max_days_late:
                    fail(f"{t['key']} is {late} days late: the expectations assume no escalation")
    for e in out.values():
        e.cc -= {a.lower() for a in e.emails}
        if not e.emails:
            fail(f"unit {e.key} has no address: the expectations assume every unit has one")
    return out


def expected_subject(lang, name, overdue, due_soon):
    """The subject remind should write, per man/inspectrack.1."""
    if lang == "vi":
        if overdue and due_soon:
            counts = f"{overdue} nhiệm vụ quá hạn, {due_soon} sắp đến hạn"
        elif overdue:
            counts = f"{overdue} nhiệm vụ quá hạn"
        else:
            counts = f"{due_soon} nhiệm vụ sắp đến hạn"
        return nfc(f"[Nhắc việc] {name}: {counts}")

    def tasks(n):
        return f"{n} task" if n == 1 else f"{n} tasks"
    if overdue and due_soon:
        counts = f"{tasks(overdue)} overdue, {due_soon} due soon"
    elif overdue:
        counts = f"{tasks(overdue)} overdue"
    else:
        counts = f"{tasks(due_soon)} due soon"
    return nfc(f"[Reminder] {name}: {counts}")


def unit_by_address(expected):
    """{lower-case address: Expected} of the units' own addresses."""
    return {a.lower(): e for e in expected.values() for a in e.emails}


# ---------------------------------------------------------------- one message

def parse(raw):
    return BytesParser(policy=policy.default).parsebytes(raw)


def header_lines(raw):
    """The raw header lines (without line ends), CRLF or LF."""
    head = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    return head.split(b"\n")


def raw_body(raw):
    parts = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)
    return parts[1] if len(parts) == 2 else b""


def addresses(msg, name):
    """Lower-case addr-specs of header `name` (all occurrences), [] when absent."""
    out = []
    for value in msg.get_all(name) or []:
        out += [a.addr_spec.lower() for a in value.addresses]
    return out


ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")


def check_encoded_words(raw, where):
    """Every RFC 2047 encoded-word in the header is at most 75 characters and holds
    whole UTF-8 characters on its own (RFC 2047 sections 2 and 5)."""
    for line in header_lines(raw):
        for word in ENCODED_WORD.finditer(line):
            text = word.group(0)
            expect(len(text) <= 75, f"{where}: encoded-word of {len(text)} characters: {text!r}")
            expect(word.group(1).lower() == b"utf-8", f"{where}: charset {word.group(1)!r}")
            try:
                if word.group(2) in b"Bb":
                    data = base64.b64decode(word.group(3), validate=True)
                else:
                    data = binascii.a2b_qp(word.group(3), header=True)
                data.decode("utf-8", errors="strict")
            except (binascii.Error, UnicodeDecodeError) as e:
                expect(False, f"{where}: encoded-word {text!r} is not whole UTF-8: {e}")


def check_well_formed(raw, msg, where):
    """What every message must be, whatever unit it is for: ASCII header lines of at
    most 998 bytes, encoded-words of whole UTF-8 characters, no parse defects, the MIME headers, a Date and a Message-ID, a
    body that is strict UTF-8."""
    for line in header_lines(raw):
        expect(len(line) <= 998, f"{where}: header line of {len(line)} bytes")
        expect(all(b < 0x80 for b in line), f"{where}: non-ASCII header line {line[:80]!r}")
    check_encoded_words(raw, where)
    expect(not msg.defects, f"{where}: message defects {msg.defects}")
    for name, value in msg.items():
        expect(not getattr(value, "defects", ()), f"{where}: header {name} defects {value.defects}")
    expect(msg["MIME-Version"] == "1.0", f"{where}: MIME-Version {msg['MIME-Version']!r}")
    expect(msg.get_content_type() == "text/plain", f"{where}: type {msg.get_content_type()}")
    expect(msg.get_content_charset() == "utf-8", f"{where}: charset {msg.get_content_charset()}")
    expect(msg["Date"] is not None, f"{where}: no Date")
    expect(msg["Message-ID"] is not None, f"{where}: no Message-ID")
    try:
        raw_body(raw).decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        expect(False, f"{where}: body is not UTF-8: {e}")


def check_for_unit(msg, e, lang, where):
    """The message is the digest of unit e: subject, To, body."""
    subject = nfc(str(msg["Subject"]))
    want = expected_subject(lang, e.name, len(e.overdue), len(e.due_soon))
    expect(subject == want, f"{where}: subject {subject!r}, expected {want!r}")
    to = msg["To"].addresses
    expect(sorted(a.addr_spec.lower() for a in to) == sorted(a.lower() for a in e.emails),
           f"{where}: To {[a.addr_spec for a in to]}, expected {e.emails}")
    for a in to:
        expect(nfc(a.display_name) == nfc(e.name),
               f"{where}: To display name {a.display_name!r}, expected {e.name!r}")
    body = nfc(msg.get_content())
    expect(nfc(e.name) in body, f"{where}: body does not name {e.name!r}")
    lines = [line.strip() for line in body.splitlines()]
    label, answer = ("Mã nhiệm vụ", "CÁCH TRẢ LỜI") if lang == "vi" else ("Task", "HOW TO ANSWER")
    for key in e.tasks:
        expect(key in body, f"{where}: body does not list {key}")
        expect(any(line.startswith(f"{label}: {key} ") for line in lines),
               f"{where}: no line '{label}: {key} …'")
    # The units answer the office; they are never asked to run the tool.
    expect(answer in lines, f"{where}: no {answer!r} section")
    expect("inspectrack done" not in body, f"{where}: the body asks the unit to run 'inspectrack done'")


# ---------------------------------------------------------------- SMTP and msmtp

try:
    from aiosmtpd.controller import Controller
except ImportError:
    Controller = None


def require_aiosmtpd():
    if Controller is None:
        fail("python3-aiosmtpd is missing (see .ci/install-deps); this test cannot run without it")


class _Handler:
    def __init__(self, received, lock):
        self.received, self.lock = received, lock

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 OK"


if Controller is not None:
    class _AnyPortController(Controller):
        """Controller bound to port 0: the kernel picks a free port, read back from the
        listening socket before aiosmtpd's start-up probe connects to it."""

        def _trigger_server(self):
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it receives:
    `with SmtpSink() as sink:` … sink.port, sink.messages() → [(mail_from, rcpt_tos, bytes)]."""

    def __init__(self):
        require_aiosmtpd()
        self._received, self._lock = [], threading.Lock()
        self._controller = _AnyPortController(_Handler(self._received, self._lock),
                                              hostname="127.0.0.1", port=0)

    def __enter__(self):
        self._controller.start()
        self.port = self._controller.port
        return self

    def __exit__(self, *exc):
        self._controller.stop()

    def messages(self):
        with self._lock:
            return list(self._received)


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_msmtp_config(path, port):
    """An msmtp configuration for 127.0.0.1:port, mode 0600 as msmtp demands."""
    with open(path, "w", encoding="ascii") as f:
        f.write("defaults\n"
                "timeout 5\n"
                "syslog off\n"
                "account default\n"
                "host 127.0.0.1\n"
                f"port {port}\n"
                f"from {SENDER_ADDRESS}\n"
                "auth off\n"
                "tls off\n")
    os.chmod(path, 0o600)


# ---------------------------------------------------------------- the database

def reminder_rows(db):
    """[(unit key, day, status, transport, message_id, to_addrs, cc_addrs)] of `reminders`."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute("SELECT u.key, r.day, r.status, r.transport, r.message_id, r.to_addrs, r.cc_addrs"
                           "  FROM reminders r JOIN units u ON u.id = r.unit_id ORDER BY r.id").fetchall()
    con.close()
    return rows


def reminder_task_rows(db):
    """{unit key: sorted task keys} of `reminder_tasks`."""
    out = {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        for unit, key in con.execute("SELECT u.key, t.task_key FROM reminder_tasks t"
                                     "  JOIN reminders r ON r.id = t.reminder_id"
                                     "  JOIN units u ON u.id = r.unit_id"):
            out.setdefault(unit, []).append(key)
    con.close()
    return {k: sorted(v) for k, v in out.items()}
