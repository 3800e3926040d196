#!/bin/sh
# The same rows as targets.sh's loaded run (--background_load=2), 404a29b
# (the head before this change, built in $BASE/build) and 1c5dc15
# (build/) one after the other, twice, so that each pair shares the hour.
# Run from the repository's root; writes ab-loaded-<round>-<side>.{json,txt}
# here.
set -eu
here=$(dirname "$0")
: "${BASE:?the build tree of 404a29b, as BASE=/path/to/worktree}"
F='^Overhead/PerTask/ProcessPool/|^Overhead/RoundTrip/ProcessPool|^Chunk/(Sequential|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
for round in 1 2; do
  for side in base head; do
    if [ "$side" = base ]; then bench=$BASE/build/bench; else bench=build/bench; fi
    "$bench" --workers=2 --background_load=2 --benchmark_repetitions=7 \
      --benchmark_enable_random_interleaving=true \
      --benchmark_report_aggregates_only=true --benchmark_filter="$F" \
      --benchmark_out="$here/ab-loaded-$round-$side.json" --benchmark_out_format=json \
      >"$here/ab-loaded-$round-$side.txt" 2>&1
  done
done
