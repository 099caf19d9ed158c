#!/bin/bash
# Several processes change tasks, import and report on one database at once:
# none may fail with "database is locked" within the busy timeout, and no change may
# be lost. Usage: changes.sh INSPECTRACK_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export INSPECTRACK_DB="$work/test.db" USER=tester LANG=C
"$bin" import --as-of 2021-07-26 "$src/examples/units-chu-prong.yaml" "$src/examples/chu-prong-2021.yaml" >/dev/null

writers=4
changes=50
# Each writer notes 50 changes, round-robin over tasks 1..10 so that writers collide
# on the same rows; one more process re-imports and one reports, the whole time.
for w in $(seq 1 "$writers"); do
  (
    for n in $(seq 1 "$changes"); do
      "$bin" --as-of 2021-07-26 note $(( (n + w) % 10 + 1 )) "writer $w change $n" >/dev/null \
        || { echo "writer $w change $n failed with $?" >&2; exit 1; }
    done
  ) > "writer-$w.log" 2>&1 &
done
(
  for n in $(seq 1 10); do
    "$bin" import --as-of 2021-07-26 "$src/examples/units-chu-prong.yaml" "$src/examples/chu-prong-2021.yaml" >/dev/null
    "$bin" --as-of 2021-07-26 overdue --format json >/dev/null
    "$bin" --as-of 2021-07-26 summary --by unit >/dev/null
  done
) > others.log 2>&1 &

status=0
for job in $(jobs -p); do
  wait "$job" || status=1
done
if [ "$status" -ne 0 ]; then
  echo "a process failed:"; cat ./*.log; exit 1
fi

expected=$(( writers * changes ))
found=$(sqlite3 test.db "SELECT count(*) FROM events WHERE action = 'note' AND field = 'note'")
distinct=$(sqlite3 test.db "SELECT count(DISTINCT after) FROM events WHERE action = 'note'")
echo "note events: $found (distinct $distinct), expected $expected"
[ "$found" -eq "$expected" ] && [ "$distinct" -eq "$expected" ]
[ "$(sqlite3 test.db 'PRAGMA integrity_check')" = ok ]
[ -z "$(sqlite3 test.db 'PRAGMA foreign_key_check')" ]
