#!/bin/bash
# Runs one end-to-end case: the real binary on real files in a fresh temporary
# directory, comparing stdout, stderr and the exit status exactly with the files
# in the case's expected/ folder, and showing a diff on failure.
#
# usage: run_case.sh BINARY CASE_DIR SOURCE_DIR
#   A case folder holds:
#     setup         optional shell lines run first; each must succeed (output ignored)
#     cmd           the shell line under test (`inspectrack` is the binary on PATH)
#     db-unchanged  optional marker: the database must be byte-for-byte the same
#                   after cmd as before it (or still absent)
#     check         optional shell lines run afterwards (sqlite3 queries…); their
#                   output is compared with expected/check
#     expected/stdout, expected/stderr, expected/status
#   The working directory holds copies of examples/ and tests/data/ (as data/), so
#   paths in messages are short and the same on every machine. The database is
#   ./test.db (INSPECTRACK_DB); --as-of is pinned by each cmd; LANG=C unless the case
#   sets another; INSPECTRACK_NOW fixes the clock recorded in the history; TZ is
#   Asia/Ho_Chi_Minh (UTC+07:00 all year), so the history shows a local time that is
#   not UTC, the same on every machine, unless the case sets another.
#   INSPECTRACK_E2E_UPDATE=1 rewrites the expected files instead of comparing.
#   INSPECTRACK_E2E_VALGRIND=1 runs every use of the binary under valgrind's memcheck
#   (--error-exitcode=1; definite and indirect leaks count as errors, but Fontconfig's
#   process-long caches, see valgrind.supp) and fails the case when any process
#   reported an error.
set -u
binary=$1
case_dir=$2
source_dir=$3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
if [ "${INSPECTRACK_E2E_VALGRIND:-}" = 1 ]; then
  # Every run of the binary, in setup, cmd and check alike, goes through memcheck; each
  # process writes its own log, and the case fails when any log is not empty.
  mkdir -p "$work/valgrind"
  {
    echo '#!/bin/sh'
    echo "exec valgrind -q --error-exitcode=1 --suppressions='$source_dir/tests/e2e/valgrind.supp'" \
         "--leak-check=full --show-leak-kinds=definite,indirect" \
         "--errors-for-leak-kinds=definite,indirect --log-file='$work/valgrind/%p.log'" \
         "'$binary' \"\$@\""
  } >"$work/bin/inspectrack"
  chmod +x "$work/bin/inspectrack"
else
  ln -s "$binary" "$work/bin/inspectrack"
fi
cp -r "$source_dir/examples" "$work/examples"
cp -r "$source_dir/tests/data" "$work/data"
cd "$work" || exit 2

export PATH="$work/bin:/usr/bin:/bin"
export INSPECTRACK_DB=test.db
export INSPECTRACK_NOW="2021-07-26T01:00:00Z"
export TZ=Asia/Ho_Chi_Minh
export LANG=C LC_ALL= LC_MESSAGES= USER=tester NO_COLOR= HOME="$work"
unset XDG_DATA_HOME COLUMNS

if [ -f "$case_dir/setup" ]; then
  if ! bash -e "$case_dir/setup" >"$work/setup.log" 2>&1; then
    echo "setup failed:"; cat "$work/setup.log"; exit 1
  fi
fi

db_sum() { if [ -f "$INSPECTRACK_DB" ]; then sha256sum "$INSPECTRACK_DB" | cut -d' ' -f1; else echo absent; fi; }
before=$(db_sum)

bash "$case_dir/cmd" >"$work/stdout" 2>"$work/stderr"
echo $? >"$work/status"

after=$(db_sum)
if [ -f "$case_dir/check" ]; then
  bash "$case_dir/check" >"$work/check" 2>&1
fi

expected="$case_dir/expected"
if [ "${INSPECTRACK_E2E_UPDATE:-}" = 1 ]; then
  mkdir -p "$expected"
  cp "$work/stdout" "$work/stderr" "$work/status" "$expected/"
  [ -f "$case_dir/check" ] && cp "$work/check" "$expected/check"
  echo "updated $expected"
  exit 0
fi

failed=0
for f in status stdout stderr check; do
  [ "$f" = check ] && [ ! -f "$case_dir/check" ] && continue
  if ! diff -u --label "expected/$f" --label "actual/$f" "$expected/$f" "$work/$f"; then
    failed=1
  fi
done
if [ "${INSPECTRACK_E2E_VALGRIND:-}" = 1 ]; then
  for log in "$work"/valgrind/*.log; do
    [ -s "$log" ] || continue
    echo "valgrind found errors (process ${log##*/}):"; cat "$log"
    failed=1
  done
fi
if [ -f "$case_dir/db-unchanged" ] && [ "$before" != "$after" ]; then
  echo "the database changed: $before -> $after"
  failed=1
fi
exit $failed
