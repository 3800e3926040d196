#!/bin/sh
# Issue 22's targets at 1c5dc15 (deep queues for short chunks, the pool
# woken once a Map()): one interleaved run, quiet, then the same rows under
# --background_load=2. Run from the repository's root with a Release build
# in build/; writes quiet.* and loaded.* here, or in the folder given (a
# later revision's results).
set -eu
here=${1:-$(dirname "$0")}
F='^Overhead/PerTask/(ThreadPool|ProcessPool)/|^Overhead/RoundTrip/(ThreadPool|ProcessPool)|^Floor/(ShmFutexRoundTrip|PipeRoundTrip)|^Chunk/(Sequential|ThreadPool|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
L='^Overhead/PerTask/ProcessPool/|^Overhead/RoundTrip/ProcessPool|^Chunk/(Sequential|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
uptime >"$here/quiet.log"
build/bench --workers=2 --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_filter="$F" \
  --benchmark_out="$here/quiet.json" --benchmark_out_format=json >"$here/quiet.txt" 2>>"$here/quiet.log"
uptime >>"$here/quiet.log"
uptime >"$here/loaded.log"
build/bench --workers=2 --background_load=2 --benchmark_repetitions=7 \
  --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true \
  --benchmark_filter="$L" \
  --benchmark_out="$here/loaded.json" --benchmark_out_format=json >"$here/loaded.txt" 2>>"$here/loaded.log"
uptime >>"$here/loaded.log"
