#!/bin/sh
# LEGACY: the awk crossover.sh, kept beside its replacement (scripts/crossover.sh
# over parbench-report crossover) while the report engine migrates;
# test/scripts/report_parity_test.sh compares the two. Delete with the last
# awk script.
# Where parallelism starts to pay: from a run with task-size sweeps
# (bench --sweep: CpuSweep/<Strategy>[/life]/workers:N/tasks:T/size:S), per
# strategy and worker count, the smallest task size from which it beats
# Sequential at that size and at every larger size measured. The program is
# scripts/crossover.awk.
#   scripts/crossover.sh [FILE]     FILE: Google Benchmark JSON or
#                                   json2csv.sh CSV; stdin when no FILE or "-"
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [FILE]   (bench JSON or json2csv.sh CSV with CpuSweep results; stdin when no FILE)\n' "${0##*/}"
}

main() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      --) shift; break ;;
      -) break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  [ $# -le 1 ] || die_usage "one input at most (try -h)"
  need_cmd awk
  make_tmpdir
  input=${1:--}
  src=$input
  [ "$input" = - ] && src=stdin
  # table.sh checks the input and says what is wrong with it (exit 2).
  sh "$PARBENCH_SCRIPTS/legacy-table.sh" --tsv "$input" >"$PARBENCH_TMP/tsv" || exit
  awk_checked "$src" "$PARBENCH_TMP/tsv" \
    -f "$PARBENCH_AWK/fmt.awk" -f "$PARBENCH_AWK/stats.awk" -f "$PARBENCH_SCRIPTS/crossover.awk"
}

main "$@" || exit 1
