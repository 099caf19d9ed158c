#!/usr/bin/python3
"""Proves the crontab line printed in man/inspectrack.1
(REMINDERS FROM CRON) mails each unit one digest through a real sendmail-compatible
client (msmtp) to an SMTP server, and running it again the same day sends nothing.

usage: smtp_cron_line.py INSPECTRACK_BINARY SOURCE_DIR

The line is taken from between the roff comments `.\\" crontab-begin` and
`.\\" crontab-end`, un-escaped, stripped of its five time fields and run by /bin/sh in
a cron-like environment (short PATH, no LANG but the line's own), after replacing the
binary, the --db path and `/usr/sbin/sendmail -t -i` (by `msmtp -C CONF -t -i`, CONF
pointing at an aiosmtpd sink on 127.0.0.1 on a kernel-chosen port) and appending
`--as-of 2021-07-23`. Each replaced text must be found, so a change of the line's shape
breaks the test rather than silently testing something else.

Checks: first run exits 0; the sink got exactly one message per unit owing something
(worked out from `overdue`, `due` and `list units`); its envelope recipients are exactly
To ∪ Cc of the message, To is exactly the unit's addresses and Cc the addresses of the
units its tasks report to (--cc-report-to); it parses without defects and its subject
is the expected Vietnamese text. The second run exits 0 and sends nothing. The
`reminders` table has one 'sent' row per unit, transport 'sendmail', whose Message-ID
is the one received, and `reminder_tasks` lists the unit's tasks.
"""

import os
import re
import shlex
import subprocess

import mail_common as mc

MAN_BINARY = "/usr/local/bin/inspectrack"
MAN_SENDMAIL = "/usr/sbin/sendmail -t -i"
ROFF_ESCAPES = [("\\-", "-"), ("\\(dq", '"'), ("\\&", ""), ("\\e", "\\")]
CRON_FIELD = re.compile(r"^[0-9*,/-]+$")


def crontab_line(source):
    """The one line between the crontab-begin and crontab-end comments, un-escaped."""
    with open(os.path.join(source, "man", "inspectrack.1"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    begin = [i for i, line in enumerate(lines) if line.startswith('.\\" crontab-begin')]
    end = [i for i, line in enumerate(lines) if line.startswith('.\\" crontab-end')]
    if len(begin) != 1 or len(end) != 1 or end[0] != begin[0] + 2:
        mc.fail(f"man/inspectrack.1: expected one line between crontab-begin and crontab-end "
                f"(begin at {begin}, end at {end})")
    line = lines[begin[0] + 1]
    for roff, text in ROFF_ESCAPES:
        line = line.replace(roff, text)
    if "\\" in line:
        mc.fail(f"man/inspectrack.1: roff escape left in the crontab line: {line}")
    return line


def command_of(line):
    """The command of a crontab line: what follows its five time fields."""
    fields = line.split(None, 5)
    if len(fields) != 6 or not all(CRON_FIELD.match(f) for f in fields[:5]):
        mc.fail(f"not a crontab line with five time fields: {line}")
    return fields[5]


def replace_once(command, old, new):
    if command.count(old) != 1:
        mc.fail(f"expected '{old}' once in the crontab command, found it {command.count(old)} "
                f"times: {command}")
    return command.replace(old, new)


def local_command(source, binary, db, conf):
    """The man page's command, pointed at this test's binary, database and msmtp."""
    command = command_of(crontab_line(source))
    if not command.startswith("LANG=vi_VN.UTF-8 "):
        mc.fail(f"the crontab command no longer sets LANG=vi_VN.UTF-8 first: {command}")
    db_option = re.findall(r"--db (\S+)", command)
    if len(db_option) != 1:
        mc.fail(f"expected one '--db PATH' in the crontab command: {command}")
    command = replace_once(command, MAN_BINARY, shlex.quote(binary))
    command = replace_once(command, f"--db {db_option[0]}", f"--db {shlex.quote(db)}")
    command = replace_once(command, MAN_SENDMAIL, f"{mc.MSMTP} -C {shlex.quote(conf)} -t -i")
    for needed in ("remind", "--cc-report-to", "--escalate-after 10", "--from"):
        if needed not in command:
            mc.fail(f"the crontab command lost '{needed}': {command}")
    return command + f" --as-of {mc.AS_OF}"


def run_cron(command, home):
    """Runs the command the way cron would: /bin/sh, short PATH, no locale."""
    env = mc.base_env(PATH="/usr/bin:/bin", HOME=home, SHELL="/bin/sh", LOGNAME="mail-test")
    return subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True,
                          timeout=mc.RUN_TIMEOUT, check=False, cwd=home)


def check_received(received, expected):
    """One message per expected unit, with the right envelope, headers and subject.
    Returns {unit key: Message-ID without <>}."""
    by_address = mc.unit_by_address(expected)
    ids = {}
    for mail_from, rcpt_tos, raw in received:
        msg = mc.parse(raw)
        to, cc = mc.addresses(msg, "To"), mc.addresses(msg, "Cc")
        keys = {by_address[a].key if a in by_address else None for a in to}
        if len(keys) != 1 or None in keys:
            mc.expect(False, f"message To {to} is not exactly one expected unit")
            continue
        unit = expected[keys.pop()]
        where = f"SMTP message to {unit.key}"
        mc.expect(unit.key not in ids, f"{where}: received twice")
        mc.check_well_formed(raw, msg, where)
        mc.check_for_unit(msg, unit, "vi", where)
        mc.expect(mail_from == mc.SENDER_ADDRESS, f"{where}: MAIL FROM {mail_from!r}")
        rcpt = sorted(a.lower() for a in rcpt_tos)
        mc.expect(rcpt == sorted(set(to) | set(cc)), f"{where}: RCPT TO {rcpt}, To {to}, Cc {cc}")
        mc.expect(set(cc) == unit.cc, f"{where}: Cc {sorted(cc)}, expected {sorted(unit.cc)}")
        mc.expect(not msg.get_all("Bcc"), f"{where}: has a Bcc header")
        ids[unit.key] = str(msg["Message-ID"]).strip().strip("<>")
    mc.expect(len(received) == len(expected),
              f"the sink received {len(received)} messages, expected {len(expected)}")
    missing = sorted(set(expected) - set(ids))
    mc.expect(not missing, f"no message reached {missing}")
    return ids


def check_database(db, expected, ids):
    rows = mc.reminder_rows(db)
    mc.expect(len(rows) == len(expected), f"reminders has {len(rows)} rows, expected {len(expected)}")
    for unit, day, status, transport, message_id, to_addrs, _ in rows:
        where = f"reminders row of {unit}"
        mc.expect(unit in expected, f"{where}: unit owes nothing")
        mc.expect((day, status, transport) == (mc.AS_OF, "sent", "sendmail"),
                  f"{where}: day, status, transport = {day}, {status}, {transport}")
        mc.expect(ids.get(unit) == message_id, f"{where}: Message-ID {message_id}, received {ids.get(unit)}")
        if unit in expected:
            mc.expect(to_addrs == ", ".join(expected[unit].emails), f"{where}: to_addrs {to_addrs!r}")
    mc.expect(len({r[0] for r in rows}) == len(rows), "reminders has two rows for one unit")
    tasks = mc.reminder_task_rows(db)
    for unit, e in expected.items():
        mc.expect(tasks.get(unit) == sorted(e.tasks),
                  f"reminder_tasks of {unit}: {tasks.get(unit)}, expected {sorted(e.tasks)}")


def main():
    binary, source = mc.args()
    mc.require_msmtp()
    mc.require_aiosmtpd()
    with mc.temp_dir() as tmp, mc.SmtpSink() as sink:
        db = mc.make_db(binary, source, tmp)
        expected = mc.expected_digests(binary, db, max_days_late=10)
        conf = os.path.join(tmp, "msmtprc")
        mc.write_msmtp_config(conf, sink.port)
        command = local_command(source, binary, db, conf)
        print(f"running: {command}")

        first = run_cron(command, tmp)
        mc.expect(first.returncode == 0, f"first run exited {first.returncode}:\n"
                  f"{first.stderr.decode('utf-8', 'replace')}")
        ids = check_received(sink.messages(), expected)
        check_database(db, expected, ids)

        second = run_cron(command, tmp)
        mc.expect(second.returncode == 0, f"second run exited {second.returncode}:\n"
                  f"{second.stderr.decode('utf-8', 'replace')}")
        mc.expect(len(sink.messages()) == len(expected),
                  f"second run sent {len(sink.messages()) - len(expected)} more messages")
        mc.expect(len(mc.reminder_rows(db)) == len(expected), "second run added reminders rows")
    mc.finish()


if __name__ == "__main__":
    main()
