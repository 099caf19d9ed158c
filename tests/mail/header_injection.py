#!/usr/bin/python3
"""Proves that a unit name, an inspection title or an address holding a line break
cannot add a header or a recipient to a reminder, and that `import` refuses such a
name in a units file without touching the database.

usage: header_injection.py INSPECTRACK_BINARY SOURCE_DIR

1. A copy of the Chư Prông database is edited with Python's sqlite3 (as someone might
   with the sqlite3 shell, bypassing import's checks): Bàu Cạn's name becomes
   'UBND xã Bàu Cạn\\r\\nBcc: evil@example.vn' and every inspection title gets CR LF,
   a blank line, an mbox 'From ' line and a Bcc line. `remind --mbox` must still write
   one well-formed message per unit owing something, with only the usual headers, no
   Bcc, no recipient evil@example.vn, a To display name without CR or LF, no CR byte
   anywhere, and the mbox must not be split by the fake 'From ' line.
2. A copy whose Bàu Cạn address is 'baucan…@example.vn>\\r\\nBcc: evil@example.vn': no
   message may go to evil@example.vn or carry a Bcc header; remind names the unit on
   stderr, sends every other unit its digest, and exits 65.
3. Importing a units file with name: "UBND xã X\\r\\nBcc: evil@example.vn" (YAML double
   quotes) must exit 65 with an error naming FILE:LINE:COL of that name, and leave the
   database file byte for byte as it was.
4. Every unit name and head and every task action edited to hold a lone LF, a lone CR,
   CR LF or CR LF TAB followed by a Bcc line, delivered to a maildir with the report-to
   and parent units copied: still no header or recipient gained, no CR, no bare
   'From ' body line.
5. --from holding a line break: exit 64, nothing written.
"""

import mailbox
import os
import re
import sqlite3

import mail_common as mc

EVIL = "evil@example.vn"
BAD_NAME = f"UBND xã Bàu Cạn\r\nBcc: {EVIL}"
BAD_TITLE_TAIL = f"\r\nBcc: {EVIL}\r\n\r\nFrom {EVIL} Fri Jul 23 00:00:00 2021\r\nBcc: {EVIL}"
BAD_ADDRESS = f"baucan.chuprong@example.vn>\r\nBcc: {EVIL}"
ALLOWED_HEADERS = {"from", "to", "cc", "subject", "date", "message-id", "mime-version",
                   "content-type", "content-transfer-encoding"}
ADDRESS_HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc",
                   "Resent-From", "Resent-To", "Resent-Cc", "Resent-Bcc")
BAD_UNITS_FILE = """\
# a units file whose name holds a line break (YAML double-quoted escapes)
units:
  - key: xa-x
    name: "UBND xã X\\r\\nBcc: evil@example.vn"
    kind: commune
    email: x@example.vn
"""
BAD_UNITS_LINE = 4   # the line of name: above


def edit_database(db, statements):
    """Runs UPDATE statements directly, as the sqlite3 shell would."""
    con = sqlite3.connect(db)
    with con:
        for sql, params in statements:
            if con.execute(sql, params).rowcount < 1:
                mc.fail(f"{sql} changed no row")
    con.close()


def remind_mbox(binary, db, path):
    return mc.run(binary, ["--db", db, "--as-of", mc.AS_OF, "--lang", "vi", "remind",
                           "--from", mc.SENDER, "--mbox", path, "--cc-report-to"])


def mbox_raws(path):
    if not os.path.exists(path):
        return []
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        return [box.get_bytes(key) for key in box.keys()]
    finally:
        box.close()


def check_no_injection(raw, where):
    """No Bcc, no evil recipient, only the usual headers, no CR or LF in a name."""
    msg = mc.parse(raw)
    names = {name.lower() for name in msg.keys()}
    mc.expect(names <= ALLOWED_HEADERS, f"{where}: unexpected headers {sorted(names - ALLOWED_HEADERS)}")
    mc.expect(not msg.get_all("Bcc"), f"{where}: has a Bcc header")
    for name in ADDRESS_HEADERS:
        for value in msg.get_all(name) or []:
            for a in value.addresses:
                mc.expect(a.addr_spec.lower() != EVIL, f"{where}: {name} has recipient {EVIL}")
                mc.expect("\r" not in a.display_name and "\n" not in a.display_name,
                          f"{where}: {name} display name {a.display_name!r} has CR or LF")
    subject = str(msg["Subject"] or "")
    mc.expect("\r" not in subject and "\n" not in subject, f"{where}: subject {subject!r} has CR or LF")
    mc.expect(b"\r" not in raw, f"{where}: CR byte in the message")
    return msg


def injected_name_and_title(binary, source, tmp):
    db = mc.make_db(binary, source, tmp, "names.db")
    expected = mc.expected_digests(binary, db)   # before the edit: the same units owe
    edit_database(db, [
        ("UPDATE units SET name = ? WHERE key = 'bau-can'", (BAD_NAME,)),
        ("UPDATE inspections SET title = title || ?", (BAD_TITLE_TAIL,)),
    ])
    path = os.path.join(tmp, "names.mbox")
    done = remind_mbox(binary, db, path)
    mc.expect(done.returncode == 0, f"injected name: remind exited {done.returncode}\n{done.stderr}")
    raws = mbox_raws(path)
    mc.expect(len(raws) == len(expected),
              f"injected name: {len(raws)} messages in the mbox, expected {len(expected)}")
    found_bau_can = False
    for i, raw in enumerate(raws):
        where = f"injected name: message {i}"
        msg = check_no_injection(raw, where)
        mc.check_well_formed(raw, msg, where)
        to = mc.addresses(msg, "To")
        if to == ["baucan.chuprong@example.vn"]:
            found_bau_can = True
            name = msg["To"].addresses[0].display_name
            mc.expect(name.startswith("UBND xã Bàu Cạn"), f"{where}: To display name {name!r}")
    mc.expect(found_bau_can, "injected name: no message to Bàu Cạn's own address")


def injected_address(binary, source, tmp):
    db = mc.make_db(binary, source, tmp, "address.db")
    edit_database(db, [("UPDATE units SET emails = ? WHERE key = 'bau-can'", (BAD_ADDRESS,))])
    path = os.path.join(tmp, "address.mbox")
    done = remind_mbox(binary, db, path)
    mc.expect(done.returncode == 65,
              f"injected address: remind exited {done.returncode}, expected 65 (bad data)\n{done.stderr}")
    mc.expect("bau-can" in done.stderr and "UBND xã Bàu Cạn" in done.stderr,
              f"injected address: stderr does not name the unit\n{done.stderr}")
    raws = mbox_raws(path)
    for i, raw in enumerate(raws):
        check_no_injection(raw, f"injected address: message {i}")
    # Every other unit still gets its digest: one bad row stops one reminder only.
    expected = len(mc.expected_digests(binary, db)) - 1
    mc.expect(len(raws) == expected, f"injected address: {len(raws)} messages, expected {expected}")


def refused_import(binary, source, tmp):
    db = mc.make_db(binary, source, tmp, "import.db")
    units = os.path.join(tmp, "bad-units.yaml")
    with open(units, "w", encoding="utf-8") as f:
        f.write(BAD_UNITS_FILE)
    before = {name: open(os.path.join(tmp, name), "rb").read()
              for name in os.listdir(tmp) if name.startswith("import.db")}
    done = mc.run(binary, ["--db", db, "--as-of", mc.AS_OF, "import", units])
    mc.expect(done.returncode == 65, f"import of a multi-line name exited {done.returncode}, expected 65\n"
              f"{done.stdout}{done.stderr}")
    where = re.search(re.escape(units) + r":(\d+):(\d+)", done.stderr)
    mc.expect(where is not None and int(where.group(1)) == BAD_UNITS_LINE and int(where.group(2)) > 0,
              f"import error does not name {units}:{BAD_UNITS_LINE}:COL:\n{done.stderr}")
    after = {name: open(os.path.join(tmp, name), "rb").read()
             for name in os.listdir(tmp) if name.startswith("import.db")}
    mc.expect(after == before, "the refused import changed the database files")


def every_name_every_break(binary, source, tmp):
    """Every unit name (the To, the Cc of --cc-report-to, the Cc of --escalate-after),
    every head and every task action edited in with a lone LF, a lone CR, CR LF, or
    CR LF and a tab (a folded header line), delivered to a maildir: no message gains
    a header or a recipient, and none has a CR byte or a bare 'From ' body line."""
    db = mc.make_db(binary, source, tmp, "every.db")
    breaks = ["\n", "\r", "\r\n", "\r\n\t"]
    con = sqlite3.connect(db)
    with con:
        keys = [row[0] for row in con.execute("SELECT key FROM units ORDER BY key")]
        for n, key in enumerate(keys):
            brk = breaks[n % len(breaks)]
            con.execute("UPDATE units SET name = name || ? || 'Bcc: ' || ?, head = ? WHERE key = ?",
                        (brk, EVIL, f"Ông A{brk}Bcc: {EVIL}", key))
        changed = con.execute("UPDATE tasks SET action = action || ?",
                              (f"\r\n\r\nFrom {EVIL} Fri Jul 23 00:00:00 2021\r\nBcc: {EVIL}",)).rowcount
    con.close()
    mc.expect(changed > 0, "every name: no task edited")
    maildir = os.path.join(tmp, "every-maildir")
    done = mc.run(binary, ["--db", db, "--as-of", mc.AS_OF, "remind", "--from", mc.SENDER,
                           "--maildir", maildir, "--cc-report-to", "--escalate-after", "0"])
    mc.expect(done.returncode == 0, f"every name: remind exited {done.returncode}\n{done.stderr}")
    box = mailbox.Maildir(maildir, factory=None, create=False)
    raws = [box.get_bytes(key) for key in box.keys()]
    mc.expect(len(raws) > 0, "every name: no message in the maildir")
    escalated = 0
    for i, raw in enumerate(raws):
        where = f"every name: maildir message {i}"
        msg = check_no_injection(raw, where)
        mc.check_well_formed(raw, msg, where)
        escalated += len(mc.addresses(msg, "Cc")) > 0
        for line in mc.raw_body(raw).split(b"\n"):
            mc.expect(not line.startswith(b"From "), f"{where}: body line {line!r}")
    mc.expect(escalated > 0, "every name: no message has a Cc, so no copy was tested")


def injected_from(binary, source, tmp):
    """--from with a line break is refused (exit 64) before anything is written."""
    db = mc.make_db(binary, source, tmp, "from.db")
    for brk in ("\r\n", "\n", "\r"):
        path = os.path.join(tmp, "from.mbox")
        done = mc.run(binary, ["--db", db, "--as-of", mc.AS_OF, "remind",
                               "--from", f"Văn phòng{brk}Bcc: {EVIL} <{mc.SENDER_ADDRESS}>",
                               "--mbox", path])
        mc.expect(done.returncode == 64, f"--from with {brk!r}: exit {done.returncode}, expected 64\n"
                  f"{done.stderr}")
        mc.expect(not os.path.exists(path), f"--from with {brk!r}: the mbox was written")


def main():
    binary, source = mc.args()
    with mc.temp_dir() as tmp:
        injected_name_and_title(binary, source, tmp)
        injected_address(binary, source, tmp)
        refused_import(binary, source, tmp)
        every_name_every_break(binary, source, tmp)
        injected_from(binary, source, tmp)
    mc.finish()


if __name__ == "__main__":
    main()
