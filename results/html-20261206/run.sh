#!/bin/sh
# The HTML report of the reference run (results/vm-20261125-145342) with the
# seed's Python experiment beside it, and its screenshots in headless
# Chromium (README.md here); then the multi-host run's five set-ups in one
# report. The seed's JSON was made first, on the same VM:
#   sh scripts/seed.sh --out=<dir> --sizes=parbench --like=results/vm-20261125-145342/bench.json
cd "$(dirname "$0")/../.." || exit 1
O=results/html-20261206
sh scripts/report.sh -o $O/report.html --screenshots=$O/screenshots \
  results/vm-20261125-145342/bench.json $O/seed-parbench.json
echo "reference rc=$?"
sh scripts/report.sh -o $O/mpi-hosts.html results/mpi-hosts-20261206/*/bench.json
echo "mpi-hosts rc=$?"
