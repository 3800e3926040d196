#!/bin/sh
# Turns Google Benchmark JSON (--benchmark_format=json or --benchmark_out)
# into one CSV table with a header row: one row per record, iterations and
# aggregates alike, from one or several files (runs from several machines
# side by side, told apart by the source and host columns).
#   scripts/json2csv.sh [-o OUT.csv] [FILE...]     no FILE, or "-": stdin
# The work is done by `parbench-report csv` (lib/report/csv.h); this script
# keeps the command line. Bad input (not Google Benchmark JSON, a field of
# the wrong type, a missing time, a non-finite time) is one line and exit 2,
# and nothing is written.
#
# Columns, in this order:
#   source host date num_cpus          where the record comes from
#   name run_name                      run_name lacks the _mean/_cv... suffix
#   workload strategy life workers tasks
#                                      the benchmark's facts; for runs
#                                      without them, read from parbench's
#                                      names <Workload>/<Strategy>[/<life>]/
#                                      workers:N/tasks:T by the one legacy
#                                      reader (lib/report/legacy_names.h);
#                                      empty for names outside that scheme
#   threads run_type aggregate aggregate_unit repetition repetitions iterations
#   real_ns cpu_ns                     nanoseconds whatever time_unit said, but
#                                      raw fractions (0.0123 = 1.23 %) where
#                                      aggregate_unit is "percentage" (cv)
#   items_per_second bytes_per_second label
#   error error_message                error is 1 for a benchmark that failed
#                                      (SkipWithError); its times and rates
#                                      are left empty, never 0
#   <user counters...>                 every other numeric key of any record,
#                                      sorted by name
#   <parbench_* context keys...>       from each file's context, sorted
# Numbers keep full precision (as jq 1.6 prints them); NaN and Infinity
# become nan, inf and -inf. Quoting follows RFC 4180 (only fields with a
# comma, quote or line break are quoted); lines end with LF.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [-o OUT.csv] [FILE...]   (Google Benchmark JSON; stdin when no FILE)\n' "${0##*/}"
}

main() {
  out=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      -o)
        [ $# -ge 2 ] || die_usage "-o needs a file name (try -h)"
        out=$2; shift 2 ;;
      --) shift; break ;;
      -) break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  need_report
  make_tmpdir
  [ $# -gt 0 ] || set -- -
  for f in "$@"; do
    [ "$f" = - ] && continue
    [ -e "$f" ] || die_usage "$f: no such file"
    { [ -f "$f" ] && [ -r "$f" ]; } || die_usage "$f: not a readable file"
  done

  csv=$PARBENCH_TMP/out.csv
  run_report csv -o "$csv" -- "$@"
  if [ -n "$out" ]; then
    publish "$csv" "$out"
  else
    cat "$csv"
  fi
}

main "$@" || exit 1
