#!/bin/sh
# The rows of targets.sh's quiet run (no argument) or of its loaded run
# (`loaded`: under --background_load=2, 7 repetitions), with 404a29b (the
# head before this change, built in $BASE/build) and 1c5dc15 (build/) one
# after the other, twice, so that each pair shares the hour. Run from the
# repository's root; writes ab-[loaded-]<round>-<side>.{json,txt} here.
set -eu
here=$(dirname "$0")
: "${BASE:?the build tree of 404a29b, as BASE=/path/to/worktree}"
if [ "${1:-}" = loaded ]; then
  prefix=ab-loaded
  F='^Overhead/PerTask/ProcessPool/|^Overhead/RoundTrip/ProcessPool|^Chunk/(Sequential|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
  set -- --background_load=2 --benchmark_repetitions=7
else
  prefix=ab
  F='^Overhead/PerTask/(ThreadPool|ProcessPool)/|^Overhead/RoundTrip/(ThreadPool|ProcessPool)|^Floor/(ShmFutexRoundTrip|PipeRoundTrip)|^Chunk/(Sequential|ThreadPool|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
  set -- --benchmark_repetitions=5
fi
for round in 1 2; do
  for side in base head; do
    if [ "$side" = base ]; then bench=$BASE/build/bench; else bench=build/bench; fi
    "$bench" --workers=2 "$@" --benchmark_enable_random_interleaving=true \
      --benchmark_report_aggregates_only=true --benchmark_filter="$F" \
      --benchmark_out="$here/$prefix-$round-$side.json" --benchmark_out_format=json \
      >"$here/$prefix-$round-$side.txt" 2>&1
  done
done
