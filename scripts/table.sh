#!/bin/sh
# Markdown comparison tables from parbench results: a decision map, then per
# workload (and task count) a table of strategies against worker counts, the
# CPU use, the Karp-Flatt serial fraction, the share of the BareThreads
# ceiling, the scaling fit (the USL by nonlinear least squares, with 95 %
# intervals) and the cost model (with intervals). results/README.md tells
# how to read them.
#   scripts/table.sh [--tsv|--model] [FILE]   FILE: json2csv.sh's CSV, or Google
#                                       Benchmark JSON; stdin when no FILE or "-"
#   --tsv   instead of Markdown, one tab-separated line per measured cell
#           (host, source, workload, tasks, strategy, life, row, workers,
#           median_ns, cv, speedup, efficiency, state, reference); tests
#           read it. Four more columns follow: whether
#           the worker count is oversubscribed, and the row's USL fit
#           (σ, κ, and the scale: fitted speedup = scale × C(N)).
#   --model the cost model's parameters per cell, tab-separated, for
#           advise.sh (lib/report/table_tsv.h).
# The work is done by `parbench-report table` (lib/report/table_build.h);
# this script keeps the command line. Bad input is one line and exit 2.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [--tsv | --model] [FILE]   (json2csv.sh CSV or Google Benchmark JSON; stdin when no FILE)\n' "${0##*/}"
}

main() {
  mode=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      --tsv) mode=--tsv; shift ;;
      --model) mode=--model; shift ;;
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
  # shellcheck disable=SC2086 # $mode is one word or none
  run_report table $mode -- "$input"
}

main "$@" || exit 1
