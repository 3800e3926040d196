#!/bin/sh
# Which strategy and worker count for my tasks? Answers from a parbench run
# through the cost model (lib/report/table_cost.h):
# the strategy and worker count to use, the expected speedup and its
# spread, which overhead dominates, and the cheapest choice within the
# noise. The work is done by `parbench-report advise` (lib/report/advise.h)
# on the table model; this script reads the command line and finds the
# results file.
#   scripts/advise.sh --task=DURATION --tasks=N [--kind=cpu|io] RESULTS
#     DURATION  one task's time on one CPU (cpu) or its wait (io): 50us,
#               3ms, 0.2s, 800ns (µs works too)
#     N         how many such tasks one call hands over
#     --kind    cpu (default): CPU-bound tasks, judged on the run's Cpu
#               family; io: tasks that wait (a request, a timer), judged on
#               its Io family
#     RESULTS   a results folder (with bench.json or bench.csv) or a file
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s --task=DURATION --tasks=N [--kind=cpu|io] RESULTS   (DURATION: 50us, 3ms, 0.2s; RESULTS: a results folder or bench.json)\n' "${0##*/}"
}

# The nanoseconds of a duration such as 50us, 3ms, 0.2s or 800ns; fails on
# anything else.
duration_ns() {
  printf '%s\n' "$1" | awk '
    match($0, /^([0-9]+\.?[0-9]*|\.[0-9]+)(ns|us|µs|ms|s)$/) {
      n = $0; unit = $0
      sub(/(ns|us|µs|ms|s)$/, "", n); sub(/^[0-9.]+/, "", unit)
      f = (unit == "ns") ? 1 : (unit == "s") ? 1e9 : (unit == "ms") ? 1e6 : 1e3
      if (n * f <= 0) exit 1
      printf "%.17g\n", n * f
      ok = 1
    }
    END { exit !ok }'
}

main() {
  task="" tasks="" kind=cpu
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      --task=*) task=${1#--task=}; shift ;;
      --tasks=*) tasks=${1#--tasks=}; shift ;;
      --kind=*) kind=${1#--kind=}; shift ;;
      --) shift; break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  [ $# -eq 1 ] || die_usage "one RESULTS folder or file, please (try -h)"
  [ -n "$task" ] || die_usage "--task=DURATION is missing (try -h)"
  task_ns=$(duration_ns "$task") || die_usage "--task=$task: not a duration such as 50us, 3ms or 0.2s"
  case $tasks in
    '' | *[!0-9]* | 0*) die_usage "--tasks=$tasks: not a whole number of tasks above 0" ;;
  esac
  case $kind in
    cpu | io) ;;
    *) die_usage "--kind=$kind: cpu or io" ;;
  esac
  results=$1
  if [ -d "$results" ]; then
    if [ -f "$results/bench.json" ]; then
      input=$results/bench.json
    elif [ -f "$results/bench.csv" ]; then
      input=$results/bench.csv
    else
      die_usage "$results has no bench.json: make a run with scripts/run.sh (it writes results/<host>-<date>/bench.json)"
    fi
  elif [ -e "$results" ]; then
    input=$results
  else
    die_usage "$results: no such results: make them with scripts/run.sh (it writes results/<host>-<date>/bench.json)"
  fi
  need_report
  make_tmpdir
  run_report advise --task-ns="$task_ns" --tasks="$tasks" --kind="$kind" -- "$input"
}

main "$@" || exit 1
