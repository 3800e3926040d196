#!/bin/sh
# The same rows as targets.sh's quiet run, 404a29b (the head before this
# change, built in $BASE/build) and 1c5dc15 (build/) one after the other,
# twice, so that each pair shares the hour. Run from the repository's root;
# writes ab-<round>-<side>.{json,txt} here.
set -eu
here=$(dirname "$0")
: "${BASE:?the build tree of 404a29b, as BASE=/path/to/worktree}"
F='^Overhead/PerTask/(ThreadPool|ProcessPool)/|^Overhead/RoundTrip/(ThreadPool|ProcessPool)|^Floor/(ShmFutexRoundTrip|PipeRoundTrip)|^Chunk/(Sequential|ThreadPool|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
for round in 1 2; do
  for side in base head; do
    if [ "$side" = base ]; then bench=$BASE/build/bench; else bench=build/bench; fi
    "$bench" --workers=2 --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
      --benchmark_report_aggregates_only=true --benchmark_filter="$F" \
      --benchmark_out="$here/ab-$round-$side.json" --benchmark_out_format=json \
      >"$here/ab-$round-$side.txt" 2>&1
  done
done
