#!/usr/bin/python3
"""Proves that `remind --mbox` and `remind --maildir` write messages that Python's
standard `mailbox` and `email` packages read back exactly as meant.

usage: parse_mbox_maildir.py INSPECTRACK_BINARY SOURCE_DIR

On the Chư Prông example as of 2021-07-23 it runs `remind --lang vi --mbox FILE` and,
on a fresh database, `remind --lang en --maildir DIR`, then re-parses every message
with email.policy.default and checks, for each: the decoded Subject is exactly the
expected Vietnamese or English text; To holds exactly the unit's addresses under its
Vietnamese name; From has the Vietnamese --from name; Date is the pinned instant in the
TZ zone; Message-IDs are unique; MIME-Version 1.0, text/plain; charset=utf-8; the body
is strict UTF-8 and names the unit and every task key on its own line, and ends with how
to answer the office (never an `inspectrack done` line for the unit to run);
header lines are ASCII and at most 998 bytes; the parser reports no defect. One message
per unit owing something, worked out from `overdue`, `due` and `list units`, not from
remind's report. The mbox file is mode 0600; the maildir's tmp/ is left empty.
"""

import datetime as dt
import mailbox
import os
import stat

import mail_common as mc

WANT_DATE = dt.datetime(2021, 7, 23, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def remind(binary, db, lang, delivery):
    done = mc.run(binary, ["--db", db, "--as-of", mc.AS_OF, "--lang", lang, "remind",
                           "--from", mc.SENDER, *delivery])
    if done.returncode != 0:
        mc.fail(f"remind --lang {lang} {' '.join(delivery)} exited {done.returncode}:\n{done.stderr}")
    return done


def raw_messages(box):
    """[(key, raw bytes)] of a mailbox opened with factory=None."""
    return [(key, box.get_bytes(key)) for key in box.keys()]


def check_box(raws, expected, lang, label):
    """Checks every message of one mailbox against the units expected."""
    by_address = mc.unit_by_address(expected)
    seen, ids = {}, set()
    for key, raw in raws:
        msg = mc.parse(raw)
        where = f"{label} message {key}"
        mc.check_well_formed(raw, msg, where)
        keys = {by_address[a].key if a in by_address else None for a in mc.addresses(msg, "To")}
        if len(keys) != 1 or None in keys:
            mc.expect(False, f"{where}: To {msg['To']} is not exactly one expected unit")
            continue
        unit = expected[keys.pop()]
        where = f"{label} message to {unit.key}"
        mc.expect(unit.key not in seen, f"{where}: a second message to the same unit")
        seen[unit.key] = key
        mc.check_for_unit(msg, unit, lang, where)
        sender = msg["From"].addresses
        mc.expect(len(sender) == 1 and sender[0].addr_spec == mc.SENDER_ADDRESS
                  and mc.nfc(sender[0].display_name) == mc.nfc(mc.SENDER_NAME),
                  f"{where}: From {[(a.display_name, a.addr_spec) for a in sender]}")
        mc.expect(msg["Date"].datetime == WANT_DATE
                  and msg["Date"].datetime.utcoffset() == dt.timedelta(hours=7),
                  f"{where}: Date {msg['Date']!r}, expected {WANT_DATE} (+0700)")
        mid = str(msg["Message-ID"]).strip()
        mc.expect(mid.startswith("<") and mid.endswith(">") and "@" in mid, f"{where}: Message-ID {mid!r}")
        mc.expect(mid not in ids, f"{where}: Message-ID {mid} used twice")
        ids.add(mid)
    mc.expect(len(raws) == len(expected),
              f"{label}: {len(raws)} messages, expected {len(expected)} (one per unit owing something)")
    missing = sorted(set(expected) - set(seen))
    mc.expect(not missing, f"{label}: no message to {missing}")


def test_mbox(binary, source, tmp):
    db = mc.make_db(binary, source, tmp, "vi.db")
    expected = mc.expected_digests(binary, db)
    path = os.path.join(tmp, "reminders.mbox")
    remind(binary, db, "vi", ["--mbox", path])
    mode = stat.S_IMODE(os.stat(path).st_mode)
    mc.expect(mode == 0o600, f"mbox mode {oct(mode)}, expected 0o600")
    box = mailbox.mbox(path, factory=None, create=False)
    try:
        check_box(raw_messages(box), expected, "vi", "mbox")
    finally:
        box.close()
    return len(expected)


def test_maildir(binary, source, tmp):
    db = mc.make_db(binary, source, tmp, "en.db")
    expected = mc.expected_digests(binary, db)
    path = os.path.join(tmp, "Maildir")
    remind(binary, db, "en", ["--maildir", path])
    leftover = os.listdir(os.path.join(path, "tmp"))
    mc.expect(not leftover, f"maildir tmp/ not empty: {leftover}")
    mc.expect(os.path.isdir(os.path.join(path, "cur")), "maildir has no cur/")
    box = mailbox.Maildir(path, factory=None, create=False)
    check_box(raw_messages(box), expected, "en", "maildir")
    return len(expected)


def main():
    binary, source = mc.args()
    with mc.temp_dir() as tmp:
        units = test_mbox(binary, source, tmp)
        mc.expect(units == 21, f"the example owes {units} digests on {mc.AS_OF}, expected 21")
        test_maildir(binary, source, tmp)
    mc.finish()


if __name__ == "__main__":
    main()
