#!/bin/sh
# The fork server's program linked two ways, in alternate runs: the same
# source built with -DPARBENCH_STATIC_WORKER=ON (the default: static
# abseil, zlib and libstdc++) and =OFF (the shared libraries). Each run
# times the fork server's start+stop of a pool, a spawned process per task,
# and bare forks from bench, interleaved, 5 repetitions.
#   sh worker-link.sh STATIC_BUILD_DIR SHARED_BUILD_DIR OUT_DIR [ROUNDS]
set -eu
static=$1 shared=$2 out=$3 rounds=${4:-3}
filter='^Overhead/StartStop/ProcessPool/spawn/|^Overhead/ProcessStart/spawn/|^Floor/Fork/workers:'
round=1
while [ "$round" -le "$rounds" ]; do
  for link in static shared; do
    if [ "$link" = static ]; then dir=$static; else dir=$shared; fi
    "$dir/bench" --workers=1,10 --benchmark_filter="$filter" --benchmark_repetitions=5 \
      --benchmark_enable_random_interleaving=true --benchmark_min_time=0.2 \
      --benchmark_out="$out/$link-$round.json" --benchmark_out_format=json >/dev/null
  done
  round=$((round + 1))
done
for link in static shared; do
  for f in "$out/$link"-*.json; do
    jq -r --arg f "${f##*/}" '.benchmarks[] | select(.aggregate_name == "median")
      | "\($f)\t\(.run_name)\t\(.real_time | floor) \(.time_unit)"' "$f"
  done
done
