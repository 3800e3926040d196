#!/bin/sh
# Checks the cost model's break-even task sizes of the reference run
# (vm-20261125-123601, Cpu, 10 tasks, 2 workers) to within a factor of 2:
# each strategy against Sequential at half and at twice the model's size,
# where it should lose and win. Usage: run.sh BENCH OUT_DIR
set -eu
bench=$1 out=$2
while read -r strategy size; do
  for factor in half double; do
    if [ "$factor" = half ]; then n=$((size / 2)); else n=$((size * 2)); fi
    name=$(printf '%s' "$strategy" | tr '/' '-')
    "$bench" --cpu_count="$n" --workers=1,2 \
      --benchmark_filter="^Cpu/(Sequential|$strategy)/workers:(1|2)/" \
      --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true --benchmark_min_time=0.2 \
      --benchmark_out="$out/$name-$factor-$n.json" --benchmark_out_format=json >/dev/null 2>&1
  done
done <<'LIST'
ThreadPool/cold 55000
ThreadPool/warm 1500
ProcessPool/cold 1800000
ProcessPool/warm 84000
ThreadPerTask 300000
ProcessPerTask 5600000
OpenMp 6700
LIST
