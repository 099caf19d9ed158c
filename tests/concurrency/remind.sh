#!/bin/bash
# Several cron jobs (or a cron job and a secretary) run remind on one database at the
# same moment: each unit must get its digest exactly once, every process
# must succeed, and the record must hold one 'sent' reminder per unit. Then, on the
# next working day, a run whose every delivery failed leaves each unit's reminder
# unconfirmed, and several runs at once deliver each of those messages exactly once
# (one run takes over each) and no new digest.
# Usage: remind.sh INSPECTRACK_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export INSPECTRACK_DB="$work/test.db" USER=tester LANG=C
"$bin" import --as-of 2021-07-23 "$src/examples/units-chu-prong.yaml" "$src/examples/chu-prong-2021.yaml" >/dev/null
# The units that owe something on 23/7/2021, counted without remind: overdue, or due
# by Wednesday 28/7 (the third working day after Friday 23/7).
expected=$("$bin" --as-of 2021-07-23 list tasks --status open --format json | /usr/bin/python3 -c '
import json, sys
print(len({t["assignee"] for t in json.load(sys.stdin) if t["due"] and t["due"] <= "2021-07-28"}))')

runs=6
for r in $(seq 1 "$runs"); do
  # Half deliver to one mbox, half through a command appending to one file: both
  # paths must hold their locks and the database its claim.
  if [ $((r % 2)) -eq 0 ]; then
    "$bin" --as-of 2021-07-23 remind --from vanphong@example.vn --mbox out.mbox --format json \
      > "run-$r.json" 2> "run-$r.err" &
  else
    "$bin" --as-of 2021-07-23 remind --from vanphong@example.vn \
      --sendmail "flock piped.lock sh -c 'cat >> piped.txt'" --format json > "run-$r.json" 2> "run-$r.err" &
  fi
done
status=0
for job in $(jobs -p); do
  wait "$job" || status=1
done
if [ "$status" -ne 0 ]; then
  echo "a remind run failed:"; cat ./run-*.err; exit 1
fi

in_mbox=$(grep -c '^From vanphong@example.vn ' out.mbox 2>/dev/null || true)
piped=$(grep -c '^Subject: ' piped.txt 2>/dev/null || true)
sent=$(cat run-*.json | grep -c '"result": "sent"' || true)
already=$(cat run-*.json | grep -c '"result": "already-sent"' || true)
rows=$(sqlite3 test.db "SELECT count(*) FROM reminders WHERE status = 'sent'")
units=$(sqlite3 test.db "SELECT count(DISTINCT unit_id) FROM reminders")
echo "units owing: $expected; delivered: mbox $in_mbox + command $piped; reported sent $sent, already sent $already; recorded $rows for $units units"
[ "$expected" -gt 10 ]
[ $((in_mbox + piped)) -eq "$expected" ]
[ "$sent" -eq "$expected" ]
[ "$already" -eq $(( (runs - 1) * expected )) ]
[ "$rows" -eq "$expected" ] && [ "$units" -eq "$expected" ]
[ "$(sqlite3 test.db 'PRAGMA integrity_check')" = ok ]
[ -z "$(sqlite3 test.db 'PRAGMA foreign_key_check')" ]

# The next working day (Monday 26/7): a run whose command refuses every message (exit 1,
# a permanent failure that does not stop the run) leaves one unconfirmed reminder per
# unit owing; then the runs at once.
day=2021-07-26
set +e
"$bin" --as-of $day remind --from vanphong@example.vn --sendmail 'cat > /dev/null; exit 1' --format json \
  > failed.json 2> failed.err
failed_status=$?
set -e
[ "$failed_status" -eq 73 ]
owing=$(grep -c '"result": "failed"' failed.json || true)
kept=$(sqlite3 test.db "SELECT count(*) FROM reminders WHERE day = '$day' AND status = 'sending' AND claimant IS NULL AND message IS NOT NULL")
sqlite3 test.db "SELECT message_id FROM reminders WHERE day = '$day' ORDER BY message_id" > unconfirmed.txt
rm -f out.mbox piped.txt
for r in $(seq 1 "$runs"); do
  if [ $((r % 2)) -eq 0 ]; then
    "$bin" --as-of $day remind --from vanphong@example.vn --mbox out.mbox --format json \
      > "again-$r.json" 2> "again-$r.err" &
  else
    "$bin" --as-of $day remind --from vanphong@example.vn \
      --sendmail "flock piped.lock sh -c 'cat >> piped.txt'" --format json > "again-$r.json" 2> "again-$r.err" &
  fi
done
status=0
for job in $(jobs -p); do
  wait "$job" || status=1
done
if [ "$status" -ne 0 ]; then
  echo "a remind run failed:"; cat ./again-*.err; exit 1
fi
{ grep -h '^Message-ID: ' out.mbox piped.txt 2>/dev/null || true; } | sed -E 's/^Message-ID: <(.*)>$/\1/' | sort > delivered.txt
resent=$(cat again-*.json | grep -c '"result": "resent"' || true)
new=$(cat again-*.json | grep -c '"result": "sent"' || true)
already=$(cat again-*.json | grep -c '"result": "already-sent"' || true)
rows=$(sqlite3 test.db "SELECT count(*) FROM reminders WHERE day = '$day' AND status = 'sent' AND claimant IS NULL AND message IS NULL")
echo "$day: $owing units owing, $kept reminders left unconfirmed; delivered $(wc -l < delivered.txt) by $runs runs at once: reported resent $resent, sent $new, already sent $already; recorded $rows sent"
[ "$owing" -gt 10 ] && [ "$kept" -eq "$owing" ]
# Each unconfirmed message delivered exactly once, and nothing else.
cmp unconfirmed.txt delivered.txt
[ "$resent" -eq "$owing" ] && [ "$new" -eq 0 ] && [ "$already" -eq $(( runs * owing )) ]
[ "$rows" -eq "$owing" ]
[ "$("$bin" check >/dev/null; echo $?)" -eq 0 ]
