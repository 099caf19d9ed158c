#!/bin/bash
# Several cron jobs (or a cron job and a secretary) run remind on one database at the
# same moment (issue 5): each unit must get its digest exactly once, every process
# must succeed, and the record must hold one 'sent' reminder per unit.
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
    "$bin" --as-of 2021-07-23 remind --from vanphong@example.vn --mbox out.mbox --format csv \
      > "run-$r.csv" 2> "run-$r.err" &
  else
    "$bin" --as-of 2021-07-23 remind --from vanphong@example.vn \
      --sendmail "flock piped.lock sh -c 'cat >> piped.txt'" --format csv > "run-$r.csv" 2> "run-$r.err" &
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
sent=$(cat run-*.csv | grep -c ',sent,' || true)
already=$(cat run-*.csv | grep -c ',already-sent,' || true)
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
