#!/bin/sh
# Composes a performance history of N runs from the runs of a real one, for
# the report's parity test and its timing (results/report-engine-20261205/
# history-timing.sh): run i takes the rows of a run of SEED picked
# pseudo-randomly (Park-Miller, seeded 1: the same history every time),
# with revision c<i>, a date one day after the last, and SEED's first
# machine, so that every series is one machine's. From run START on
# (default: none), the times of the benchmarks whose names have an even
# length are multiplied by FACTOR: a step to find.
#
#   sh test/scripts/history_compose.sh SEED N OUT [FACTOR START]
#
# SEED is a history made by `history.sh add` (runs numbered 1..K); OUT is
# made, and gets runs.csv and history.csv (no runs/: the report reads
# neither the runs' JSON nor their file names).
set -u

err() { printf 'history_compose.sh: %s\n' "$*" >&2; }

main() {
  [ $# -eq 3 ] || [ $# -eq 5 ] || { err "usage: history_compose.sh SEED N OUT [FACTOR START]"; return 2; }
  seed=$1 n=$2 out=$3 factor=${4:-1} start=${5:-0}
  case $n in '' | *[!0-9]* | 0*) err "N: a whole number >= 1"; return 2 ;; esac
  for f in runs.csv history.csv; do
    [ -f "$seed/$f" ] || { err "$seed: no $f"; return 2; }
  done
  mkdir -p "$out" || return 1
  # Fields 1-4 of both files and 6 of runs.csv hold no comma (history.sh
  # writes them so); a benchmark name may, so history.csv's numbers are
  # taken from the end of the line.
  awk -v n="$n" -v factor="$factor" -v start="$start" -v out="$out" '
    function num(x) { return x == "" ? "" : sprintf("%.10g", x * scale) }
    FNR == 1 { file++; header[file] = $0; next }
    file == 1 {
      k++
      if (k == 1) {
        split($0, f, ",")
        fp = f[4]
        machine = $0
        for (i = 1; i <= 5; i++) machine = substr(machine, index(machine, ",") + 1)
      }
      next
    }
    {
      line = $0
      for (i = 1; i <= 4; i++) { p = index(line, ","); if (i == 1) r = substr(line, 1, p - 1) + 0; line = substr(line, p + 1) }
      m = split(line, f, ",")
      name = f[1]
      for (i = 2; i <= m - 6; i++) name = name "," f[i]
      c = ++count[r]
      row_name[r, c] = name
      for (i = 1; i <= 6; i++) row_num[r, c, i] = f[m - 6 + i]
    }
    END {
      runs = out "/runs.csv"; rows = out "/history.csv"
      print header[1] > runs
      print header[2] > rows
      x = 1
      for (i = 1; i <= n; i++) {
        x = (x * 16807) % 2147483647
        s = x % k + 1
        rev = sprintf("c%04d", i)
        date = sprintf("%04d-%02d-%02dT12:00:00+00:00", 2027 + int((i - 1) / 336), int((i - 1) / 28) % 12 + 1, (i - 1) % 28 + 1)
        printf "%d,%s,%s,%s,runs/%04d-composed.json,%s\n", i, rev, date, fp, i, machine > runs
        for (c = 1; c <= count[s]; c++) {
          name = row_name[s, c]
          scale = (start > 0 && i >= start && length(name) % 2 == 0) ? factor : 1
          printf "%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", i, rev, date, fp, name, num(row_num[s, c, 1]),
            row_num[s, c, 2], num(row_num[s, c, 3]), num(row_num[s, c, 4]), num(row_num[s, c, 5]),
            num(row_num[s, c, 6]) > rows
        }
      }
    }' "$seed/runs.csv" "$seed/history.csv"
}

main "$@"
