#!/bin/sh
# Each overhead of the Overhead family beside the floor it rests on, from the
# same run, and the ratio between them: what parallelism costs over what the
# system makes unavoidable. Times are medians over repetitions.
#   scripts/overheads.sh [FILE]     FILE: Google Benchmark JSON from bench;
#                                   stdin when no FILE or "-"
# The work is done by `parbench-report overheads` (lib/report/overheads.h);
# this script keeps the command line. Bad input (not Google Benchmark JSON,
# a field of the wrong type, no Overhead benchmark) is one line and exit 2.
# Each Overhead benchmark names its floor in its label ("floor=NAME", and
# "per=N" when both times are per task: divided by N). Runs made before
# those labels are paired by name (the one legacy reader,
# lib/report/legacy_names.h):
#   StartStop/ThreadPool/workers:N    Floor/ThreadCreateJoin/workers:N
#   StartStop/ProcessPool/workers:N   Floor/Fork/workers:N
#   ProcessStart/<how>/workers:N      Floor/Fork/workers:N
#   RoundTrip/ThreadPool              Floor/ThreadWakeRoundTrip
#   RoundTrip/<other pool>            Floor/PipeRoundTrip
#   Fork/resident_mib:M               Floor/Fork/workers:1
#   PerTask/<pool>/.../workers:N      PerTask/OpenMp/.../workers:N (per task)
#   MemoryKernel/<kind>/mib:M         Floor/Triad/workers:1 (bandwidth; share)
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [FILE]   (Google Benchmark JSON from bench; stdin when no FILE)\n' "${0##*/}"
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
  run_report overheads -- "$input"
}

main "$@" || exit 1
