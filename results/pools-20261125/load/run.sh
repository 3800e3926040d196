#!/bin/sh
# The old pool (ae1788e, before the pool work) against the new one under a
# competing load of two busy processes, alternating round by round.
# Usage: run.sh OLD_BENCH NEW_BENCH OUT_DIR ROUNDS
set -eu
old=$1 new=$2 out=$3 rounds=$4
filter='^Cpu/(Sequential|ThreadPool/warm|OpenMp|Tbb|BareThreads)/workers:(1|2)/'
yes > /dev/null & l1=$!
yes > /dev/null & l2=$!
trap 'kill $l1 $l2' EXIT
r=1
while [ "$r" -le "$rounds" ]; do
  for side in old new; do
    if [ "$side" = old ]; then bin=$old; else bin=$new; fi
    "$bin" --workers=1,2 --benchmark_filter="$filter" --benchmark_min_time=0.2 \
      --benchmark_out="$out/$side-$r.json" --benchmark_out_format=json > /dev/null
  done
  r=$((r + 1))
done
