#!/bin/sh
# Issue 22's targets, with the rows that say what the Chunk target asks of
# the pool's caller: ThreadPool with its caller idle, as a process pool's
# parent is (Knobs/ThreadPool/warm/spin:1/caller_runs:0, the Chunk row's
# shape: 1000 tasks of size 1000, the default chunk of 125), and the
# machine's two-thread ceiling of the same run (Cpu/BareThreads against
# Cpu/Sequential). Round 1 is the full targets run, quiet then under
# --background_load=2; rounds 2.. are the quiet run again. Run from the
# repository's root with a Release build in build/; writes
# quiet-<r>.{json,txt,log} and loaded.{json,txt,log} here, or in the
# folder given.
# usage: targets.sh [outdir] [rounds]
set -eu
here=${1:-$(dirname "$0")}
rounds=${2:-1}
F='^Overhead/PerTask/(ThreadPool|ProcessPool)/|^Overhead/RoundTrip/(ThreadPool|ProcessPool)|^Floor/(ShmFutexRoundTrip|PipeRoundTrip)|^Chunk/(Sequential|ThreadPool|ProcessPool)/.*size:1000(/|$)|^Knobs/ThreadPool/warm/spin:1/.*size:1000(/|$)|^Cpu/(Sequential|BareThreads|ProcessPool)/'
L='^Overhead/PerTask/ProcessPool/|^Overhead/RoundTrip/ProcessPool|^Chunk/(Sequential|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
# One interleaved run of 7, 2 workers: <name>.{json,txt,log} from the
# rows `filter` picks, with any flags after it.
run() {
  name=$1 filter=$2
  shift 2
  uptime >"$here/$name.log"
  build/bench --workers=2 "$@" --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
    --benchmark_report_aggregates_only=true --benchmark_filter="$filter" \
    --benchmark_out="$here/$name.json" --benchmark_out_format=json \
    >"$here/$name.txt" 2>>"$here/$name.log"
  uptime >>"$here/$name.log"
}
run quiet-1 "$F"
run loaded "$L" --background_load=2
r=2
while [ "$r" -le "$rounds" ]; do
  run "quiet-$r" "$F"
  r=$((r + 1))
done
