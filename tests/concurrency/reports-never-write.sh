#!/bin/bash
# Reports never write. Every command that only reads (each report in each
# format, show, log, check, calendar, validate, remind --dry-run, import --dry-run,
# backup to a new file) is run on a database and must leave the database file, its
# -wal and its -shm byte for byte as they were (sha256), absent ones absent:
#   1. no process has the database open (no -wal, no -shm);
#   2. another process holds it open after a write (-wal with frames, -shm): the file
#      and the -wal stay as they were; SQLite's first reader after a write records its
#      read position in the -shm index (no data), every later one leaves it as it is;
#   3. the one documented exception: a report whose --as-of brings occurrences of a
#      recurring task within reach makes them (and their 'repeat' events) once; the
#      same report again writes nothing;
#   4. the file and its directory are read-only to the user running the reports (an
#      unprivileged user through setpriv when run as root): every report works, prints
#      what it prints for the owner, and creates nothing; a pending occurrence gives a
#      warning, not an error;
#   5. after a writer crash (a hot -wal that nobody has open): every command reads the
#      committed change, and the database file and the -wal stay byte for byte as they
#      were (not checkpointed; SQLite may rebuild the -shm, its index of the -wal);
#   (A user who may read the database but not write it, in a folder both may write,
#   leaves SQLite's -wal and -shm files behind, owned by that user: SQLite's own way,
#   documented in inspectrack(1) FILES with what to do; not tested here.)
# Usage: reports-never-write.sh INSPECTRACK_BINARY SOURCE_DIR
set -euo pipefail
work=$(mktemp -d)
holder=
trap 'if [ -n "$holder" ]; then kill "$holder" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
chmod 755 "$work"
# Copies that the unprivileged users can read and run, wherever the trees are.
cp "$1" "$work/inspectrack"
cp -r "$2/examples" "$work/examples"
chmod -R a+rX "$work"
bin=$work/inspectrack
src=$work
mkdir -m 1777 "$work/backups"
export USER=tester LANG=C LC_ALL= LC_MESSAGES=
unset INSPECTRACK_DB INSPECTRACK_NOW
if [ "$(id -u)" -ne 0 ]; then
  echo "this test must run as root: it runs the reports as other users (setpriv, util-linux)" >&2
  exit 1
fi
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_other() { setpriv --reuid=65533 --regid=65533 --clear-groups "$@"; }

mkdir "$work/db"
db=$work/db/test.db
"$bin" --db "$db" import --as-of 2021-07-26 "$src/examples/units-chu-prong.yaml" \
  "$src/examples/chu-prong-2021.yaml" "$src/examples/bao-cao-dinh-ky-2021.yaml" >/dev/null
"$bin" --db "$db" import --as-of 2021-07-29 "$src/examples/tien-do-chu-prong-2021.yaml" >/dev/null
"$bin" --db "$db" --as-of 2021-07-29 remind --from vanphong@example.vn --mbox "$work/out.mbox" >/dev/null
# Readable by all, writable by its owner only; the directory too.
chmod 0644 "$db"

# The commands, each run --as-of 2021-07-29 (no occurrence pending: the first is due
# on 15/9/2021). `{}` stands for a new file name.
commands=(
  "overdue" "overdue --format json" "overdue --format csv --bom" "overdue --exit-code"
  "due --within 7" "due --within 30 --format json" "due --within 7 --format markdown"
  "summary --by unit" "summary --by inspection --format json" "summary --by area --format csv"
  "list tasks" "list tasks --format json" "list tasks --status open --unit bau-can"
  "list findings --format json" "list inspections" "list units --format csv"
  "show 4" "show gia-lai-cchc-2021-chu-prong/tu-kiem-tra@ia-kly" "show bau-can" "log" "log 4 --format json"
  "check" "check --format json" "calendar 2021" "workdays 2021-07-01 2021-07-31"
  "validate $src/examples/chu-prong-2021.yaml"
  "import --dry-run $src/examples/chu-prong-2021.yaml"
  "remind --from vanphong@example.vn --dry-run --format csv" "backup {}"
)

# sha256 of the database file, its -wal, -shm and -journal ("absent" when missing),
# and the names in its directory.
state() {
  local f
  for f in "$db" "$db-wal" "$db-shm" "$db-journal"; do
    if [ -e "$f" ]; then sha256sum <"$f" | cut -c1-64; else echo absent; fi
  done
  ls -A "$(dirname "$db")" | tr '\n' ' '
}

n_backup=0
# run_all WHO LABEL: every command as WHO (a prefix, may be empty); the state must not
# change. Prints the number of commands run.
run_all() {
  local who=$1 label=$2 before after c args status
  before=$(state)
  for c in "${commands[@]}"; do
    n_backup=$((n_backup + 1))
    args=${c//\{\}/$work/backups/$n_backup.db}
    status=0
    # shellcheck disable=SC2086
    $who "$bin" --db "$db" --as-of 2021-07-29 $args >"$work/out" 2>"$work/err" || status=$?
    if [ "$status" -ne 0 ] && ! { [ "$c" = "overdue --exit-code" ] && [ "$status" -eq 1 ]; }; then
      echo "$label: '$c' failed with $status:"; cat "$work/err"; exit 1
    fi
    if [ -s "$work/err" ]; then
      echo "$label: '$c' wrote to stderr:"; cat "$work/err"; exit 1
    fi
    after=$(state)
    if [ "$after" != "$before" ]; then
      echo "$label: '$c' changed the database:"; echo "before: $before"; echo "after:  $after"; exit 1
    fi
  done
  echo "$label: ${#commands[@]} commands, the database file, -wal and -shm unchanged ($(echo "$before" | sed -n 1,3p | tr '\n' ' '))"
}

# 1. Nobody has it open.
[ "$(state | tr '\n' ' ')" = "$(sha256sum <"$db" | cut -c1-64) absent absent absent test.db " ] ||
  { echo "the database is not at rest before phase 1: $(state)"; exit 1; }
run_all "" "1. no process has it open"

# 2. Another process holds it open after a write.
rm -f "$work/ready"
/usr/bin/python3 - "$db" "$work/ready" "$work/release" <<'EOF' &
import os, sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
con.execute("SELECT count(*) FROM tasks").fetchall()
open(sys.argv[2], "w").close()
while not os.path.exists(sys.argv[3]):
    time.sleep(0.05)
con.close()
EOF
holder=$!
while [ ! -e "$work/ready" ]; do sleep 0.05; done
"$bin" --db "$db" --as-of 2021-07-29 note 4 "while another process holds the database" >/dev/null
[ -s "$db-wal" ] || { echo "phase 2: the note is not in a -wal file"; exit 1; }
wal_before=$(state | sed -n 1,2p)
"$bin" --db "$db" --as-of 2021-07-29 overdue --format json >/dev/null
[ "$(state | sed -n 1,2p)" = "$wal_before" ] ||
  { echo "phase 2: the first report changed the database file or its -wal"; exit 1; }
run_all "" "2. another process holds it open, with a -wal"
run_all as_nobody "2. the same as another user, for whom it is read-only"
touch "$work/release"
wait "$holder"
holder=
[ "$(state | sed -n 2,3p | tr '\n' ' ')" = "absent absent " ] ||
  { echo "phase 2: the -wal and -shm files were left behind: $(state)"; exit 1; }

# 3. A report that brings the quarterly report's first occurrences within reach makes
# them, once; the same report again writes nothing.
before=$(state)
"$bin" --db "$db" --as-of 2021-09-10 overdue --format json >/dev/null
made=$(sqlite3 "$db" "SELECT count(*) FROM tasks WHERE period <> ''")
repeats=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE action = 'repeat'")
[ "$made" -eq 20 ] && [ "$repeats" -eq 20 ] && [ "$(state)" != "$before" ] ||
  { echo "phase 3: $made occurrences, $repeats repeat events"; exit 1; }
before=$(state)
for c in "overdue --format json" "due --within 7" "summary --by unit" "list tasks --format json"; do
  # shellcheck disable=SC2086
  "$bin" --db "$db" --as-of 2021-09-10 $c >/dev/null
done
[ "$(state)" = "$before" ] || { echo "phase 3: a report made the occurrences twice"; exit 1; }
echo "3. a report --as-of 2021-09-10 made the 20 occurrences due 15/9 (20 repeat events), once"

# 4. Read-only file and directory: an unprivileged user reads as the owner does.
[ "$(state | sed -n 2,3p | tr '\n' ' ')" = "absent absent " ] || { echo "phase 4: not at rest: $(state)"; exit 1; }
chmod 0444 "$db"
chmod 0555 "$work/db"
run_all as_nobody "4. read-only file and directory, as an unprivileged user"
for c in "overdue --format json" "summary --by unit --format csv" "list tasks --format json" "log 4" "check"; do
  # shellcheck disable=SC2086
  "$bin" --db "$db" --as-of 2021-07-29 $c >"$work/owner.out"
  # shellcheck disable=SC2086
  as_nobody "$bin" --db "$db" --as-of 2021-07-29 $c >"$work/nobody.out"
  cmp -s "$work/owner.out" "$work/nobody.out" || { echo "phase 4: '$c' differs for the owner"; exit 1; }
done
before=$(state)
status=0
as_nobody "$bin" --db "$db" --as-of 2021-12-10 overdue --format json >"$work/out" 2>"$work/err" || status=$?
grep -q "warning: recurring tasks that have come due could not be recorded" "$work/err" &&
  [ "$status" -eq 0 ] && /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/out" &&
  [ "$(state)" = "$before" ] || { echo "phase 4: a pending occurrence, read-only: exit $status"; cat "$work/err"; exit 1; }
echo "4. with an occurrence pending, read-only: a warning, exit 0, nothing written"

# 5. After a writer crash: a writer killed after its commit, before any checkpoint,
# leaves a hot -wal that nobody has open. Every command that only reads sees the
# committed change and leaves the database file and the -wal byte for byte as they
# were (SQLite may rebuild the -shm, its index of the -wal); the next writer
# checkpoints them.
mkdir "$work/hot"
hot=$work/hot/test.db
cp "$db" "$hot"
chmod 0600 "$hot"
# (The shell that waits for the killed writer says so on its stderr, which is dropped.)
(
  /usr/bin/python3 - "$hot" <<'PY' || true
import os, signal, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA wal_autocheckpoint = 0")
con.execute("UPDATE units SET name = name || ' (sau sự cố)' WHERE key = 'bau-can'")
os.kill(os.getpid(), signal.SIGKILL)
PY
) 2>/dev/null
[ -s "$hot-wal" ] || { echo "phase 5: no hot -wal"; exit 1; }
hot_state() { sha256sum <"$hot" | cut -c1-64; sha256sum <"$hot-wal" | cut -c1-64; }
before=$(hot_state)
for c in "${commands[@]}"; do
  n_backup=$((n_backup + 1))
  args=${c//\{\}/$work/backups/$n_backup.db}
  status=0
  # shellcheck disable=SC2086
  "$bin" --db "$hot" --as-of 2021-07-29 $args >"$work/out" 2>"$work/err" || status=$?
  if [ "$status" -ne 0 ] && ! { [ "$c" = "overdue --exit-code" ] && [ "$status" -eq 1 ]; }; then
    echo "5. hot -wal: '$c' failed with $status:"; cat "$work/err"; exit 1
  fi
  [ "$(hot_state)" = "$before" ] || { echo "5. hot -wal: '$c' changed the database or its -wal"; exit 1; }
done
"$bin" --db "$hot" --as-of 2021-07-29 list units --format csv | grep -q 'sau sự cố' ||
  { echo "5. hot -wal: a report does not see the committed change"; exit 1; }
[ "$(sqlite3 "$work/backups/$n_backup.db" "SELECT name FROM units WHERE key = 'bau-can'")" = "UBND xã Bàu Cạn (sau sự cố)" ] ||
  { echo "5. hot -wal: the backup does not hold the committed change"; exit 1; }
"$bin" --db "$hot" --as-of 2021-07-29 note 4 "after the crash" >/dev/null
[ ! -e "$hot-wal" ] || { echo "5. hot -wal: the next writer left the -wal"; exit 1; }
echo "5. a hot -wal after a writer crash: ${#commands[@]} commands read the committed change; the database file and -wal unchanged; the next writer checkpointed them"
