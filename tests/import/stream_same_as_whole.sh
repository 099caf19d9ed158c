#!/bin/bash
# An import into an existing database takes its files one at a time (read ahead on a
# second thread, stored as they come); an import into a new one reads them all first.
# Both must do exactly the same: for each scenario below, the same files are imported
# once into a database that does not exist (all at once) and once into an existing,
# empty one (one at a time), and the two runs must print the same stdout, stderr and
# exit status and leave the same rows (a dump of the database), or, refused, nothing.
# Usage: stream_same_as_whole.sh INSPECTRACK_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp -r "$src/examples" examples
cp -r "$src/tests/data" data
export USER=tester LANG=C INSPECTRACK_NOW=2021-07-26T01:00:00Z
sqlite3 empty.db < "$src/schemas/database.sql"
sqlite3 empty.db .dump > empty.dump

# A progress file in flow style, which the reader does not recognise from its first line.
cat > flow-progress.yaml <<'EOF'
{progress: [{task: gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can, done: 21/7/2021},
            {task: gia-lai-cchc-2021-chu-prong/tu-kiem-tra@ia-ga, done: 24/7/2021}]}
EOF
# A file that says `progress:` on its first line but is not a progress file.
printf 'progress:\n  - not a mapping\n' > not-progress.yaml

failures=0
scenario() {
  local name=$1; shift
  rm -f whole.db* stream.db*
  cp empty.db stream.db
  set +e
  "$bin" --db whole.db "$@" > whole.out 2> whole.err; echo $? > whole.status
  "$bin" --db stream.db "$@" > stream.out 2> stream.err; echo $? > stream.status
  set -e
  sed -i 's/whole\.db/DB/g' whole.out whole.err
  sed -i 's/stream\.db/DB/g' stream.out stream.err
  local ok=1
  for part in out err status; do
    if ! cmp -s "whole.$part" "stream.$part"; then
      echo "FAIL $name: $part differs"; diff "whole.$part" "stream.$part" | head -20; ok=0
    fi
  done
  local writes=1
  case " $* " in *" --dry-run "*) writes=0 ;; esac
  if [ "$(cat whole.status)" = 0 ] && [ "$writes" = 1 ]; then
    sqlite3 whole.db .dump > whole.dump
    sqlite3 stream.db .dump > stream.dump
    if ! cmp -s whole.dump stream.dump; then
      echo "FAIL $name: the databases differ"; diff whole.dump stream.dump | head -20; ok=0
    fi
  else
    # (A refused progress entry leaves the new database empty, not absent: known, and
    # the same whether the files come one at a time or not.)
    if [ -e whole.db ] && ! sqlite3 whole.db .dump | cmp -s empty.dump -; then
      echo "FAIL $name: nothing was to be written, yet the new database has rows"; ok=0
    fi
    sqlite3 stream.db .dump > stream.dump
    if ! cmp -s empty.dump stream.dump; then
      echo "FAIL $name: nothing was to be written, yet the database changed"; diff empty.dump stream.dump | head -20; ok=0
    fi
  fi
  if [ "$ok" = 1 ]; then echo "ok   $name (exit $(cat whole.status), $(wc -l < whole.out) lines)"; else failures=$((failures + 1)); fi
}

all="examples/units-chu-prong.yaml examples/units-truc-ninh.yaml examples/chu-prong-2021.yaml examples/truc-ninh-2021.yaml examples/van-giang-2021.yaml examples/chi-thi-cchc-thi-xa.yaml examples/bao-cao-dinh-ky-2021.yaml"
# shellcheck disable=SC2086
scenario "every example" --as-of 2021-07-26 import $all
scenario "progress with its inspection" --as-of 2021-07-29 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml examples/tien-do-chu-prong-2021.yaml
scenario "progress first: applied after the inspections" --as-of 2021-07-29 import examples/tien-do-chu-prong-2021.yaml examples/units-chu-prong.yaml examples/chu-prong-2021.yaml
scenario "progress in flow style" --as-of 2021-07-29 import flow-progress.yaml examples/units-chu-prong.yaml examples/chu-prong-2021.yaml
scenario "progress twice on one task, across files" --as-of 2021-07-29 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml examples/tien-do-chu-prong-2021.yaml flow-progress.yaml
scenario "a units file again after an inspection" --as-of 2021-07-26 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml examples/units-chu-prong.yaml
scenario "units after the inspection that uses them" --as-of 2021-07-26 import examples/chu-prong-2021.yaml examples/units-chu-prong.yaml
scenario "a calendar after an inspection" --as-of 2021-07-26 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml data/calendars/rieng.yaml data/calendars/uses-rieng.yaml
scenario "a calendar first" --as-of 2021-07-26 import data/calendars/rieng.yaml examples/units-chu-prong.yaml data/calendars/uses-rieng.yaml
scenario "dry run" --as-of 2021-07-26 import --dry-run examples/units-chu-prong.yaml examples/chu-prong-2021.yaml
scenario "a broken file after good ones" --as-of 2021-07-26 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml data/broken/several-errors.yaml
scenario "problems of reference only" --as-of 2021-07-26 import examples/units-chu-prong.yaml data/broken/unknown-finding.yaml data/broken/unit-name-as-key.yaml
scenario "a broken file and a problem of reference" --as-of 2021-07-26 import data/broken/unknown-finding.yaml examples/units-chu-prong.yaml data/broken/syntax-error.yaml
scenario "the same inspection twice" --as-of 2021-07-26 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml examples/chu-prong-2021.yaml
scenario "a missing file after good ones" --as-of 2021-07-26 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml missing.yaml
scenario "a refused progress entry" --as-of 2021-07-29 import examples/units-chu-prong.yaml examples/chu-prong-2021.yaml data/progress/unknown-task.yaml
scenario "not a progress file after all" --as-of 2021-07-26 import examples/units-chu-prong.yaml not-progress.yaml examples/chu-prong-2021.yaml
scenario "recurring tasks" --as-of 2021-10-20 import examples/units-chu-prong.yaml examples/bao-cao-dinh-ky-2021.yaml
# One at a time means a few files in memory, not all of them: from 200 to 1,000
# inspection files (12,800 to 64,000 tasks), the peak of an import into the existing
# database grows by under a third of what the same files add read all at once. (Sizes,
# not times; growth, because the binary, the unit registry and the SQLite page cache
# — 32 MiB at most — are there whatever the files.)
mkdir many few
for i in $(seq 1 1000); do
  sed "s/key: gia-lai-cchc-2021-chu-prong/key: copy-$i/" examples/chu-prong-2021.yaml > "many/$i.yaml"
  if [ "$i" -le 200 ]; then cp "many/$i.yaml" few/; fi
done
# Under AddressSanitizer, freed memory waits in a quarantine (256 MiB) that would hide
# the difference; a small one keeps every check (no effect on other builds).
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}quarantine_size_mb=4:thread_local_quarantine_size_kb=64"
rm -f base.db*
cp empty.db base.db
"$bin" --db base.db --as-of 2021-07-26 import examples/units-chu-prong.yaml > /dev/null
# peak MODE DIR: the peak KiB of importing the files of DIR into a copy of base.db
# (stream: one at a time) or into a new database (whole: all at once).
peak() {
  rm -f peak.db*
  if [ "$1" = stream ]; then
    cp base.db peak.db
    /usr/bin/time -f %M -o peak.rss "$bin" --db peak.db --as-of 2021-07-26 import "$2"/*.yaml > /dev/null
  else
    /usr/bin/time -f %M -o peak.rss "$bin" --db peak.db --as-of 2021-07-26 import \
      examples/units-chu-prong.yaml "$2"/*.yaml > /dev/null
  fi
  sqlite3 peak.db "SELECT count(*) FROM tasks" > peak.tasks
  tail -1 peak.rss
}
few_stream=$(peak stream few)
many_stream=$(peak stream many)
many_tasks=$(cat peak.tasks)
many_whole=$(peak whole many)
whole_tasks=$(cat peak.tasks)
stream_growth=$((many_stream - few_stream))
whole_growth=$((many_whole - few_stream))
if [ "$many_tasks" != "$whole_tasks" ] || [ "$many_tasks" -lt 60000 ]; then
  echo "FAIL many files: $many_tasks tasks one at a time, $whole_tasks all at once"
  failures=$((failures + 1))
elif [ $((stream_growth * 3)) -ge "$whole_growth" ]; then
  echo "FAIL many files: one at a time, the peak grows from $few_stream to $many_stream KiB; all at once it is $many_whole KiB"
  failures=$((failures + 1))
else
  echo "ok   many files: $many_tasks tasks; one at a time the peak grows from $few_stream to $many_stream KiB, all at once it is $many_whole KiB"
fi
if [ "$failures" -gt 0 ]; then echo "$failures scenario(s) failed"; exit 1; fi
