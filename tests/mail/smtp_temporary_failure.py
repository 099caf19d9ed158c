#!/usr/bin/python3
"""Proves that a failed delivery loses nothing and is reported with the right exit
status: 75 (try again later) when the mail server is out of reach, 73 when the sendmail
command fails for good, and that the next run sends every reminder once.

usage: smtp_temporary_failure.py INSPECTRACK_BINARY SOURCE_DIR

1. msmtp is pointed at a port of 127.0.0.1 nothing listens on (bound, then closed):
   msmtp exits 75, so `remind --sendmail "msmtp …"` must exit 75, say so on standard
   error (with the status 75), report no unit as sent, and record nothing in
   `reminders` or `reminder_tasks`.
2. An aiosmtpd sink is started, the msmtp configuration is rewritten to its port and the
   same command is run again: exit 0, every unit owing something (worked out from
   `overdue`, `due` and `list units`) receives exactly one message, and `reminders`
   has one 'sent' row per unit. A third run the same day sends nothing.
3. On a fresh database, `--sendmail /bin/false` (exit 1, a permanent failure) makes
   remind exit 73 and record nothing.
"""

import json
import os

import mail_common as mc


def remind(binary, db, sendmail):
    """remind --sendmail SENDMAIL --format json; returns (status, report rows, stderr)."""
    done = mc.run(binary, ["--db", db, "--as-of", mc.AS_OF, "--lang", "vi", "remind",
                           "--from", mc.SENDER, "--sendmail", sendmail, "--cc-report-to",
                           "--format", "json"])
    try:
        report = json.loads(done.stdout) if done.stdout.strip() else []
    except json.JSONDecodeError:
        mc.expect(False, f"the report is not JSON:\n{done.stdout}")
        report = []
    return done.returncode, report, done.stderr


def table_counts(db):
    rows = mc.reminder_rows(db)
    tasks = sum(len(v) for v in mc.reminder_task_rows(db).values())
    return len(rows), tasks


def received_units(sink, expected):
    """Unit keys of the messages received, in order (None for a stranger)."""
    by_address = mc.unit_by_address(expected)
    out = []
    for _, _, raw in sink.messages():
        to = mc.addresses(mc.parse(raw), "To")
        out.append(by_address[to[0]].key if to and to[0] in by_address else None)
    return out


def server_down_then_up(binary, source, tmp):
    db = mc.make_db(binary, source, tmp, "down.db")
    expected = mc.expected_digests(binary, db)
    conf = os.path.join(tmp, "msmtprc")
    mc.write_msmtp_config(conf, mc.closed_port())
    sendmail = f"{mc.MSMTP} -C {conf} -t -i"

    status, report, err = remind(binary, db, sendmail)
    mc.expect(status == 75, f"server down: exit {status}, expected 75\n{err}")
    mc.expect("75" in err, f"server down: standard error does not give the status 75:\n{err}")
    mc.expect(not [r for r in report if r.get("result") == "sent"],
              f"server down: the report says some were sent: {report}")
    mc.expect(table_counts(db) == (0, 0), f"server down: reminders/reminder_tasks rows {table_counts(db)}")

    with mc.SmtpSink() as sink:
        mc.write_msmtp_config(conf, sink.port)
        status, report, err = remind(binary, db, sendmail)
        mc.expect(status == 0, f"server up: exit {status}, expected 0\n{err}")
        mc.expect(sorted(r.get("unit") for r in report if r.get("result") == "sent") == sorted(expected),
                  f"server up: report {[(r.get('unit'), r.get('result')) for r in report]}")
        units = received_units(sink, expected)
        mc.expect(sorted(units, key=str) == sorted(expected),
                  f"server up: received for {units}, expected one each for {sorted(expected)}")
        rows = mc.reminder_rows(db)
        mc.expect(sorted(r[0] for r in rows) == sorted(expected)
                  and all(r[2] == "sent" and r[3] == "sendmail" for r in rows),
                  f"server up: reminders rows {rows}")

        status, report, err = remind(binary, db, sendmail)
        mc.expect(status == 0, f"same day again: exit {status}\n{err}")
        mc.expect(len(sink.messages()) == len(expected),
                  f"same day again: {len(sink.messages()) - len(expected)} more messages")
        mc.expect(all(r.get("result") == "already-sent" for r in report) and len(report) == len(expected),
                  f"same day again: report {[(r.get('unit'), r.get('result')) for r in report]}")


def permanent_failure(binary, source, tmp):
    db = mc.make_db(binary, source, tmp, "false.db")
    status, report, err = remind(binary, db, "/bin/false")
    mc.expect(status == 73, f"/bin/false: exit {status}, expected 73\n{err}")
    mc.expect(err.strip() != "", "/bin/false: nothing on standard error")
    mc.expect(report and all(r.get("result") == "failed" for r in report),
              f"/bin/false: report {[(r.get('unit'), r.get('result')) for r in report]}")
    mc.expect(table_counts(db) == (0, 0), f"/bin/false: reminders/reminder_tasks rows {table_counts(db)}")


def main():
    binary, source = mc.args()
    mc.require_msmtp()
    mc.require_aiosmtpd()
    with mc.temp_dir() as tmp:
        server_down_then_up(binary, source, tmp)
        permanent_failure(binary, source, tmp)
    mc.finish()


if __name__ == "__main__":
    main()
