#!/bin/sh
# The Chunk target's rows alone, in rounds: Sequential, the three pools at
# the default chunk (125), and ThreadPool with its caller idle and running
# (the Knobs family, same shape), each round one interleaved run of 7.
# Run from the repository's root with a Release build in build/; writes
# chunk-<r>.{json,log} here, or in the folder given.
# usage: chunk.sh [outdir] [rounds]
set -eu
here=${1:-$(dirname "$0")}
rounds=${2:-5}
F='^Chunk/Sequential/.*size:1000/|^Chunk/(ThreadPool|ProcessPool)/.*size:1000/chunk:125/|^Knobs/ThreadPool/warm/spin:1/.*size:1000/|^Cpu/(Sequential|BareThreads)/'
r=1
while [ "$r" -le "$rounds" ]; do
  uptime >"$here/chunk-$r.log"
  build/bench --workers=2 --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
    --benchmark_report_aggregates_only=true --benchmark_filter="$F" \
    --benchmark_out="$here/chunk-$r.json" --benchmark_out_format=json >/dev/null 2>>"$here/chunk-$r.log"
  uptime >>"$here/chunk-$r.log"
  r=$((r + 1))
done
