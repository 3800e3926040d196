#!/bin/sh
# The shared fault table's short tests, over the pipe and over shared
# memory, timed from outside: each test run --gtest_repeat times in one
# gtest process, the whole run's wall time divided by the count (gtest's
# own per-test figure is whole milliseconds). Each line:
#   <checkout> round<r> <test> <Pipe|Shm> <ms a run>
# where <checkout> names the folder holding the binary's build/test/.
# Binaries alternate within each round, so that the hour's drift falls on
# all of them alike.
#
# usage: fault-times.sh [-n repeat] [-r rounds] parbench_gtest...
set -eu
repeat=100
rounds=3
while getopts n:r: opt; do
  case $opt in
    n) repeat=$OPTARG ;;
    r) rounds=$OPTARG ;;
    *) echo "usage: $0 [-n repeat] [-r rounds] parbench_gtest..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: $0 [-n repeat] [-r rounds] parbench_gtest..." >&2; exit 2; }
tests='WorkerDeadWhileIdleIsAnErrorNotSigpipe WorkerExitingWithoutAnsweringIsAnError
WorkerExitStatusIsReported FailedForkIsAnErrorAndEarlierWorkersAreReaped'
round=1
while [ "$round" -le "$rounds" ]; do
  for binary in "$@"; do
    label=$(basename "$(dirname "$(dirname "$(dirname "$binary")")")")
    for test in $tests; do
      for transport in Pipe Shm; do
        start=$(date +%s%N)
        "$binary" --gtest_filter="Transports/ProcessPoolFaultTest.$test/$transport" \
          --gtest_repeat="$repeat" >/dev/null 2>&1 || { echo "$test/$transport failed" >&2; exit 1; }
        end=$(date +%s%N)
        awk -v l="$label" -v r="$round" -v t="$test" -v x="$transport" -v s="$start" -v e="$end" \
          -v n="$repeat" 'BEGIN { printf "%s round%d %s %s %.3f\n", l, r, t, x, (e - s) / n / 1e6 }'
      done
    done
  done
  round=$((round + 1))
done
