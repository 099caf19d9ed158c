#!/usr/bin/python3
"""Proves that a failed delivery loses nothing and is reported with the right exit
status: 75 (try again later) when the mail server is out of reach, 73 when the sendmail
command fails for good, and that the next run sends every reminder once.

usage: smtp_temporary_failure.py INSPECTRACK_BINARY SOURCE_DIR

1. msmtp is pointed at a port of 127.0.0.1 nothing listens on (bound, then closed):
   msmtp exits 75, so `remind --sendmail "msmtp …"` must exit 75, say so on standard
   error (with the status 75), report no unit as sent, record none as sent, and keep
   the one message it tried, unconfirmed (no claimant), for the next run.
2. An aiosmtpd sink is started, the msmtp configuration is rewritten to its port and the
   same command is run again: exit 0, the kept message is delivered again (`resent`,
   its Message-ID), every unit owing something (worked out from `overdue`, `due` and
   `list units`) receives exactly one message, and `reminders` has one 'sent' row per
   unit. A third run the same day sends nothing.
3. On a fresh database, `--sendmail /bin/false` (exit 1, a permanent failure) makes
   remind exit 73 and record nothing as sent; each message is kept, unconfirmed.
"""

import json
import os
import sqlite3

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


def unconfirmed(db):
    """Message-IDs of the reminders 'sending' with no claimant and a kept message."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute("SELECT message_id FROM reminders WHERE status = 'sending'"
                           " AND claimant IS NULL AND message IS NOT NULL ORDER BY id").fetchall()
    con.close()
    return [r[0] for r in rows]


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
    kept = unconfirmed(db)
    mc.expect(len(kept) == 1 and table_counts(db)[0] == 1,
              f"server down: {table_counts(db)} reminders/reminder_tasks rows, unconfirmed {kept}")

    with mc.SmtpSink() as sink:
        mc.write_msmtp_config(conf, sink.port)
        status, report, err = remind(binary, db, sendmail)
        mc.expect(status == 0, f"server up: exit {status}, expected 0\n{err}")
        mc.expect([r.get("message_id") for r in report if r.get("result") == "resent"] == kept,
                  f"server up: the kept message {kept} was not resent: {report}")
        mc.expect(sorted(r.get("unit") for r in report if r.get("result") in ("sent", "resent"))
                  == sorted(expected),
                  f"server up: report {[(r.get('unit'), r.get('result')) for r in report]}")
        ids = [mc.parse(raw).get("Message-ID", "").strip("<>") for _, _, raw in sink.messages()]
        mc.expect(kept[0] in ids, f"server up: the kept message {kept} is not among those received")
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
    rows = mc.reminder_rows(db)
    mc.expect(not [r for r in rows if r[2] == "sent"], f"/bin/false: reminders recorded as sent {rows}")
    mc.expect(len(unconfirmed(db)) == len(report) == len(rows),
              f"/bin/false: {len(report)} failed, {len(rows)} recorded, {len(unconfirmed(db))} kept unconfirmed")


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
