#!/bin/sh
# Runs the libFuzzer targets one after the other, each for SECONDS, with the seed
# corpora, and prints per target the executions, the final coverage (cov, ft), the
# corpus size and the findings (crash-, leak-, timeout-, oom- files).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# BUILD_DIR is a build configured with -DINSPECTRACK_FUZZ=ON (see README.md). Without
# TARGET, every target runs. Everything the run writes goes under BUILD_DIR/fuzz/:
# seeds/TARGET (copied afresh from the source tree on every run), corpus/TARGET (what
# the fuzzer found interesting; kept and reused by later runs), artifacts/TARGET
# (reproducers of findings) and logs/TARGET.log. FUZZ_ARGS adds libFuzzer options.
# Exits 1 when any target found something, 2 on a usage or setup error.

set -u

usage() {
  echo "usage: $0 BUILD_DIR SECONDS [TARGET...]" >&2
  echo "targets: fuzz_inspection fuzz_units fuzz_progress fuzz_calendar fuzz_date fuzz_period" >&2
  exit 2
}

[ $# -ge 2 ] || usage
build=$(cd "$1" 2>/dev/null && pwd) || { echo "$0: no build directory '$1'" >&2; exit 2; }
seconds=$2
shift 2
case $seconds in '' | *[!0-9]*) usage ;; esac
[ $# -gt 0 ] || set -- fuzz_inspection fuzz_units fuzz_progress fuzz_calendar fuzz_date fuzz_period

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
work=$build/fuzz

# UBSan reports stop the run (the build also uses -fno-sanitize-recover=all).
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

# Copies the seeds of `target` into `dir`, never into the source tree.
copy_seeds() {
  target=$1
  dir=$2
  rm -rf "$dir"
  mkdir -p "$dir"
  # Every reproducer of a fixed finding is a seed of its target: a regression shows
  # at once.
  for f in "$here"/findings/"$target"-*; do
    [ -f "$f" ] && cp "$f" "$dir/"
  done
  case $target in
    fuzz_date) cp "$here"/seeds/date/* "$dir"/ ;;
    fuzz_period) cp "$here"/seeds/period/* "$dir"/ ;;
    *)
      # The files of the target's kind, told apart as parse_document does (calendar,
      # then progress, then inspection, else units); a file with none of these keys
      # is a seed of every document target.
      want=${target#fuzz_}
      for group in examples tests/data/broken tests/data/calendars tests/data/progress \
                   tests/schema/cases tests/data/encoding src/cli/templates; do
        for f in "$source_dir/$group"/*.yaml; do
          [ -f "$f" ] || continue
          kind=$(yaml_kind "$f")
          [ -z "$kind" ] || [ "$kind" = "$want" ] || continue
          name=$(printf '%s' "$group" | tr '/' '-')-$(basename "$f")
          cp "$f" "$dir/$name"
        done
      done
      ;;
  esac
}

# The kind of a YAML file by its top-level keys (a BOM allowed), or "" when none.
bom=$(printf '\357\273\277')
yaml_kind() {
  for k in calendar progress inspection units; do
    if LC_ALL=C grep -a -q -E "^($bom)?$k *:" "$1"; then
      echo "$k"
      return
    fi
  done
}

# The value of `key:` (e.g. "cov") in the last status line of libFuzzer's log.
last_stat() {
  grep -E '^#[0-9]+' "$2" | tail -n 1 | sed -n "s/.* $1: \([0-9][0-9]*\).*/\1/p"
}

failed=0
summary=""
for target in "$@"; do
  binary=$build/tests/fuzz/$target
  if [ ! -x "$binary" ]; then
    echo "$0: no target '$binary' (cmake --build $build --target fuzz_targets)" >&2
    exit 2
  fi
  seeds=$work/seeds/$target
  corpus=$work/corpus/$target
  artifacts=$work/artifacts/$target
  log=$work/logs/$target.log
  copy_seeds "$target" "$seeds"
  mkdir -p "$corpus" "$artifacts" "$work/logs"
  dict=""
  case $target in fuzz_date | fuzz_period) ;; *) dict=-dict=$here/yaml.dict ;; esac
  before=$(find "$artifacts" -type f | wc -l)

  echo "== $target: $seconds s, log $log"
  # shellcheck disable=SC2086 # FUZZ_ARGS and dict are lists of options
  "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" $dict ${FUZZ_ARGS:-} "$corpus" "$seeds" >"$log" 2>&1
  status=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
  [ -n "$execs" ] || execs=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/^#\([0-9]*\).*/\1/')
  cov=$(last_stat cov "$log")
  ft=$(last_stat ft "$log")
  corpus_files=$(find "$corpus" -type f | wc -l)
  found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
          -o -name 'oom-*' \) | wc -l)
  new=$((found - $(printf '%s' "$before")))
  [ "$new" -ge 0 ] || new=0
  result=ok
  if [ "$status" -ne 0 ] || [ "$new" -gt 0 ]; then
    result="FINDING (exit $status; see $log and $artifacts)"
    failed=1
  fi
  line=$(printf '%-16s execs %-10s cov %-6s ft %-7s corpus %-6s crashes %-3s %s' \
         "$target" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$corpus_files" "$new" "$result")
  echo "$line"
  summary="$summary$line
"
done

echo "== summary ($seconds s per target)"
printf '%s' "$summary"
exit $failed
