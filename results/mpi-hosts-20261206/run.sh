#!/bin/sh
# The multi-host reference run of 2026-12-06 (README.md here): the five
# network set-ups of results/README.md, "Mpi across hosts", one run each,
# 3 repetitions, then their Mpi rows side by side. Needs root (test hosts).
cd "$(dirname "$0")/../.." || exit 1
F='^(Cpu|Io)/(Sequential|ProcessPool|Mpi)/|^Floor/(MpiRoundTrip|PipeRoundTrip|Fork/)|^Overhead/(RoundTrip|StartStop)/(Mpi|ProcessPool)'
O=results/mpi-hosts-20261206
for spec in "shm:" "tcp:--mpi-tcp" "hosts3:--hosts=3" "hosts3-10gbit:--hosts=3 --link=10gbit" "hosts3-1gbit:--hosts=3 --link=1gbit"; do
  name=${spec%%:*}; args=${spec#*:}
  date
  # shellcheck disable=SC2086
  sh scripts/run.sh --mpi=3 $args --repetitions=3 --benchmark_filter="$F" --workers=1,2 --out=$O/$name > "$O/$name.log" 2>&1
  echo "$name rc=$?"
done
date
sh scripts/mpi-table.sh $O/shm $O/tcp $O/hosts3 $O/hosts3-10gbit $O/hosts3-1gbit > $O/side-by-side.md
echo "table rc=$?"
