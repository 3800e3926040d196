#!/bin/sh
# Speed rows, base against change, alternating: one interleaved run of 7
# per binary per round, 2 workers, written to <outdir>/<checkout>-<round>.json
# (the checkout is the folder holding build/).
# usage: ab-speed.sh outdir rounds bench...
set -eu
out=$1; rounds=$2; shift 2
F='^Overhead/(PerTask|RoundTrip)/ProcessPool|^Chunk/(Sequential|ProcessPool)/.*size:1000(/|$)|^Cpu/(Sequential|ProcessPool)/'
mkdir -p "$out"
r=1
while [ "$r" -le "$rounds" ]; do
  for b in "$@"; do
    n=$(basename "$(dirname "$(dirname "$b")")")
    "$b" --workers=2 --benchmark_repetitions=7 --benchmark_enable_random_interleaving=true \
      --benchmark_report_aggregates_only=true --benchmark_filter="$F" \
      --benchmark_out="$out/$n-$r.json" --benchmark_out_format=json >/dev/null 2>&1
  done
  r=$((r+1))
done
