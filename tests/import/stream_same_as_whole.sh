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
# One at a time means a few files in memory, not all of them: a thousand inspection
# files (64,000 tasks) into the existing database peak at well under half of what
# the same files take read all at once. (Sizes, not times: the SQLite page cache,
# 32 MiB at most, is most of what the first holds.)
mkdir many
for i in $(seq 1 1000); do
  sed "s/key: gia-lai-cchc-2021-chu-prong/key: copy-$i/" examples/chu-prong-2021.yaml > "many/$i.yaml"
done
rm -f whole.db* stream.db*
cp empty.db stream.db
"$bin" --db stream.db --as-of 2021-07-26 import examples/units-chu-prong.yaml > /dev/null
/usr/bin/time -f %M -o stream.rss "$bin" --db stream.db --as-of 2021-07-26 import many/*.yaml > stream.out
/usr/bin/time -f %M -o whole.rss "$bin" --db whole.db --as-of 2021-07-26 import examples/units-chu-prong.yaml many/*.yaml > whole.out
tasks=$(sqlite3 stream.db "SELECT count(*) FROM tasks")
if [ "$tasks" != "$(sqlite3 whole.db "SELECT count(*) FROM tasks")" ] || [ "$tasks" -lt 60000 ]; then
  echo "FAIL many files: $tasks tasks one at a time, $(sqlite3 whole.db "SELECT count(*) FROM tasks") all at once"
  failures=$((failures + 1))
elif [ $(( $(tail -1 stream.rss) * 2 )) -ge "$(tail -1 whole.rss)" ]; then
  echo "FAIL many files: peak $(tail -1 stream.rss) KiB one at a time, $(tail -1 whole.rss) KiB all at once"
  failures=$((failures + 1))
else
  echo "ok   many files: $tasks tasks, peak $(tail -1 stream.rss) KiB one at a time, $(tail -1 whole.rss) KiB all at once"
fi
if [ "$failures" -gt 0 ]; then echo "$failures scenario(s) failed"; exit 1; fi
