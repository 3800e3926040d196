#!/bin/sh
# Where parallelism starts to pay: from a run with task-size sweeps
# (bench --sweep: CpuSweep/<Strategy>[/life]/workers:N/tasks:T/size:S), per
# strategy and worker count, the smallest task size from which it beats
# Sequential at that size and at every larger size measured.
#   scripts/crossover.sh [FILE]     FILE: Google Benchmark JSON or
#                                   json2csv.sh CSV; stdin when no FILE or "-"
# The work is done by `parbench-report crossover` (lib/report/crossover.h)
# on the table model; this script keeps the command line. Bad input is one
# line and exit 2.
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
  need_report
  make_tmpdir
  input=${1:--}
  if [ "$input" != - ]; then
    [ -e "$input" ] || die_usage "$input: no such file"
    { [ -f "$input" ] && [ -r "$input" ]; } || die_usage "$input: not a readable file"
  fi
  run_report crossover -- "$input"
}

main "$@" || exit 1
