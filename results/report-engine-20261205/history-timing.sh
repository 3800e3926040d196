#!/bin/sh
# Times `history.sh report` (parbench-report history report) against
# `legacy-history.sh report` (the awk) on histories of 20, 200 and 1,000
# runs composed from real committed runs, and checks that both print the
# same summary with the same exit status. Prints a Markdown table.
#
#   sh results/report-engine-20261205/history-timing.sh [--sizes "20 200 1000"]
#                                                       [--legacy-max N] [--keep DIR]
#
# The seed is a history of the three vm runs (results/vm-*/bench.json: 300,
# 659 and 666 benchmarks, added with history.sh add); each history of N
# runs takes, run by run, one of them picked pseudo-randomly, as one
# machine's run, with the times of about half the benchmarks 10 % slower
# from run 0.7 N on (test/scripts/history_compose.sh: the same histories
# every time). Times are wall and user seconds of one run each; run it on a
# quiet machine for figures that matter.
#   --sizes "N..."   the histories' sizes (default "20 200 1000")
#   --legacy-max N   time the awk only up to N runs (default: every size;
#                    the awk takes tens of minutes on 1,000 runs)
#   --keep DIR       compose the histories in DIR and keep them (default: a
#                    temporary directory, removed)
# Needs build/parbench-report (cmake --build build --target parbench-report).
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)

err() { printf 'history-timing.sh: %s\n' "$*" >&2; }
die() { err "$*"; exit 1; }

# seconds FILE: "wall s (user u)" from FILE's "wall user system" seconds.
seconds() {
  awk '{ printf "%.2f s (user %.2f s)", $1, $2 }' "$1"
}

# timed NAME SCRIPT DIR: runs `sh scripts/SCRIPT report --dir DIR` into
# $work/NAME.{out,err,status}, and its wall, user and system seconds into
# $work/NAME.time (wall from date, CPU from the shell's own `times`: the
# children's, every process of the report included).
timed() {
  _start=$(date +%s.%N)
  (
    _status=0
    sh "$ROOT/scripts/$2" report --dir "$3" >"$work/$1.out" 2>"$work/$1.err" || _status=$?
    printf '%s\n' "$_status" >"$work/$1.status"
    times >"$work/$1.times"
  )
  _end=$(date +%s.%N)
  # times' second line: the children's user and system time, as 1m2.5s.
  awk -v wall="$(awk -v a="$_start" -v b="$_end" 'BEGIN { print b - a }')" 'NR == 2 {
      for (i = 1; i <= 2; i++) { split($i, t, "m"); sub(/s$/, "", t[2]); cpu[i] = t[1] * 60 + t[2] }
      printf "%.2f %.2f %.2f\n", wall, cpu[1], cpu[2]
    }' "$work/$1.times" >"$work/$1.time"
  _status=$(cat "$work/$1.status")
  [ "$_status" -le 1 ] || die "$2 report --dir $3 failed (exit $_status): $(head -n 1 "$work/$1.err")"
}

main() {
  sizes="20 200 1000" legacy_max="" keep=""
  while [ $# -gt 0 ]; do
    case $1 in
      --sizes) sizes=${2:?--sizes needs a value}; shift ;;
      --legacy-max) legacy_max=${2:?--legacy-max needs a value}; shift ;;
      --keep) keep=${2:?--keep needs a value}; shift ;;
      -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; return 0 ;;
      *) err "unknown argument: $1 (see -h)"; return 2 ;;
    esac
    shift
  done
  [ -x "$ROOT/build/parbench-report" ] ||
    die "needs build/parbench-report: cmake --build build --target parbench-report"
  if [ -n "$keep" ]; then
    mkdir -p "$keep" || die "cannot make $keep"
    work=$keep
  else
    work=$(mktemp -d "${TMPDIR:-/tmp}/history-timing.XXXXXX") || die "mktemp failed"
    # shellcheck disable=SC2064 # expand now
    trap "rm -rf '$work'" EXIT
  fi
  if [ ! -f "$work/seed/runs.csv" ]; then
    mkdir -p "$work/seed"
    for run in vm-20261125-043300 vm-20261125-123601 vm-20261125-145342; do
      sh "$ROOT/scripts/history.sh" add --dir "$work/seed" --rev "$run" \
        "$ROOT/results/$run/bench.json" >/dev/null || die "history.sh add $run failed"
    done
  fi
  printf '| runs | rows | legacy-history.sh report (awk) | history.sh report (parbench-report) | awk ÷ C++ | same summary and exit |\n'
  printf '| --- | --- | --- | --- | --- | --- |\n'
  for n in $sizes; do
    h=$work/h$n
    [ -f "$h/runs.csv" ] ||
      sh "$ROOT/test/scripts/history_compose.sh" "$work/seed" "$n" "$h" 1.1 $((n * 7 / 10)) ||
      die "history_compose.sh $n failed"
    rows=$(($(wc -l <"$h/history.csv") - 1))
    timed new history.sh "$h"
    if [ -z "$legacy_max" ] || [ "$n" -le "$legacy_max" ]; then
      timed legacy legacy-history.sh "$h"
      # awk over C++, wall then user time.
      ratio=$(cat "$work/legacy.time" "$work/new.time" | awk '{ w[NR] = $1; u[NR] = $2 }
        END { printf "%.0f× (user %.0f×)", w[1] / (w[2] > 0 ? w[2] : 0.01), u[1] / (u[2] > 0 ? u[2] : 0.01) }')
      same=no
      if cmp -s "$work/legacy.out" "$work/new.out" && cmp -s "$work/legacy.status" "$work/new.status"; then
        same="yes (exit $(cat "$work/new.status"))"
      fi
      printf '| %s | %s | %s | %s | %s | %s |\n' "$n" "$rows" "$(seconds "$work/legacy.time")" \
        "$(seconds "$work/new.time")" "$ratio" "$same"
    else
      printf '| %s | %s | not run (--legacy-max %s) | %s | | |\n' "$n" "$rows" "$legacy_max" \
        "$(seconds "$work/new.time")"
    fi
  done
}

main "$@"
