#!/bin/sh
# Tests scripts/lib/series.awk under every awk installed: quantiles, the
# change points of a series of run medians (binary segmentation with the U
# test of stats.awk) and the newest-run check.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# ev EXPRESSION: an awk expression's value, stats.awk and series.awk loaded,
# $XS as x[1..nx].
ev() {
  t_awk_eval "$AWK" "stats series" "BEGIN {
    nx = split(\"${XS:-}\", x, \" \")
    for (i = 1; i <= nx; i++) x[i] += 0
    print $1 }" </dev/null
}

# cps SERIES [THR ALPHA MINSEG]: the change points of SERIES as
# "at:direction" words (+ slower, - faster), or "none".
cps() {
  t_awk_eval "$AWK" "stats series" "BEGIN {
    n = split(\"$1\", x, \" \")
    for (i = 1; i <= n; i++) x[i] += 0
    k = cp_find(x, n, ${2:-0.05}, ${3:-0.05}, ${4:-3})
    s = \"\"
    for (i = 1; i <= k; i++) s = s (i > 1 ? \" \" : \"\") CP_AT[i] \":\" (CP_CHANGE[i] > 0 ? \"+\" : \"-\")
    print (k ? s : \"none\") }" </dev/null
}

# noisy N LEVEL SEED: N values around LEVEL, +-1.5 % uniform noise.
noisy() {
  awk -v n="$1" -v level="$2" -v seed="$3" 'BEGIN {
    srand(seed)
    for (i = 1; i <= n; i++) printf "%s%.4f", (i > 1 ? " " : ""), level * (1 + (rand() - 0.5) * 0.03)
  }' </dev/null
}

test_quantile() {
  XS="4 1 3 2 5"
  t_eq "quantile 0 and 1: min and max" "1 5" "$(ev 'quantile(x, nx, 0) " " quantile(x, nx, 1)')"
  t_eq "quantile 0.5: the median" 3 "$(ev 'quantile(x, nx, 0.5)')"
  t_eq "quantile 0.25 and 0.75 (type 7: numpy's default)" "2 4" "$(ev 'quantile(x, nx, 0.25) " " quantile(x, nx, 0.75)')"
  XS="10 20 30 40"
  t_eq "quantile 0.25 interpolates" 17.5 "$(ev 'quantile(x, nx, 0.25)')"
  t_eq "quantile leaves its input as it was" "10 20 30 40" "$(ev 'quantile(x, nx, 0.9) ? x[1] " " x[2] " " x[3] " " x[4] : ""')"
  XS="7"
  t_eq "quantile of one value" 7 "$(ev 'quantile(x, nx, 0.25)')"
  unset XS
}

# change_of SERIES: the step of its one change point, in percent.
change_of() {
  t_awk_eval "$AWK" "stats series" "BEGIN {
    n = split(\"$1\", x, \" \")
    for (i = 1; i <= n; i++) x[i] += 0
    if (cp_find(x, n, 0.05, 0.05, 3) == 1) printf \"%.2f\\n\", 100 * CP_CHANGE[1] }" </dev/null
}

test_change_points() {
  t_eq "flat noise: none" none "$(cps "$(noisy 20 100 1)")"
  t_eq "flat noise, another seed: none" none "$(cps "$(noisy 30 100 2)")"
  t_eq "flat noise, 60 values: none" none "$(cps "$(noisy 60 100 3)")"
  t_eq "+10 % from value 12 of 20: found at 12" "12:+" "$(cps "$(noisy 11 100 3) $(noisy 9 110 4)")"
  t_close "+10 % from value 12 of 20: the step's size" 10 "$(change_of "$(noisy 11 100 3) $(noisy 9 110 4)")" 0.1
  t_eq "-10 % from value 8: found at 8" "8:-" "$(cps "$(noisy 7 100 5) $(noisy 13 90 6)")"
  # Ranks alone would place this step at 10: values 10 and 11 are the
  # highest of the lower level; their distance to it decides.
  t_eq "placed by magnitude, not by rank" "12:+" \
    "$(cps "98 100 99 100 100 99 100 99 100 101 100.9 111 110 110 109 109 108 110 139 110")"
  t_eq "two steps: both, in order" "8:+ 15:+" \
    "$(cps "$(noisy 7 100 7) $(noisy 7 110 8) $(noisy 6 121 9)")"
  t_eq "a slowdown fixed 10 runs later, in 40: both steps" "13:+ 23:-" \
    "$(cps "$(noisy 12 100 10) $(noisy 10 120 11) $(noisy 18 100 12)")"
  t_eq "+3 % (significant, within the 5 % threshold): none" none "$(cps "$(noisy 10 100 13) $(noisy 10 103 14)")"
  t_eq "+3 % with a 2 % threshold: found (at 11 or, in this noise, 12)" yes \
    "$(case $(cps "$(noisy 10 100 13) $(noisy 10 103 14)" 0.02) in 11:+ | 12:+) echo yes ;; *) echo no ;; esac)"
  t_eq "one outlier run: none" none "$(cps "$(noisy 9 100 15) 150 $(noisy 10 100 16)")"
  t_eq "two outlier runs in a row (fewer than 3): none" none "$(cps "$(noisy 9 100 17) 150 150 $(noisy 9 100 18)")"
  t_eq "a step in the last 2 values (segments of 3 at least): none" none "$(cps "$(noisy 18 100 19) 120 120")"
  t_eq "fewer values than two segments: none" none "$(cps "100 100 120 120 120")"
  t_eq "SEG_MEDIAN: each value's segment median" "100 100 100 110 110 110" \
    "$(t_awk_eval "$AWK" "stats series" 'BEGIN { n = split("99 100 101 109 110 111", x, " ")
       for (i = 1; i <= n; i++) x[i] += 0
       cp_find(x, n, 0.05, 0.5, 3)
       for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? " " : ""), SEG_MEDIAN[i]; print "" }' </dev/null)"
}

# newest SERIES LOW: cp_newest after cp_find (5 %, 0.05, 3), as
# "flag runs change%".
newest() {
  t_awk_eval "$AWK" "stats series" "BEGIN {
    n = split(\"$1\", x, \" \")
    for (i = 1; i <= n; i++) x[i] += 0
    k = cp_find(x, n, 0.05, 0.05, 3)
    f = cp_newest(x, n, $2, 0.05, 3, k)
    printf \"%d %d %s\\n\", f, NEWEST_RUNS, (NEWEST_CHANGE == \"\" ? \"-\" : sprintf(\"%+.0f%%\", 100 * NEWEST_CHANGE)) }" </dev/null
}

test_newest() {
  base=$(noisy 9 100 20)
  t_eq "newest +10 %, its lower quartile above every run: flagged" "1 9 +10%" "$(newest "$base 110" 108)"
  t_eq "newest +10 %, its lower quartile within the runs: not flagged" "0 9 +10%" "$(newest "$base 110" 100.5)"
  t_eq "newest +3 %: not flagged" "0 9 +3%" "$(newest "$base 103" 102.9)"
  t_eq "newest after 2 runs only: not flagged" "0 2 -" "$(newest "100 101 110" 109)"
  t_eq "newest compared with the segment since the last change point" "1 5 +10%" \
    "$(newest "$(noisy 8 90 21) $(noisy 5 100 22) 110" 108)"
}

main() {
  for AWK in $(t_awks); do
    printf '%s\n' "-- $AWK"
    test_quantile
    test_change_points
    test_newest
  done
  t_finish
}

main "$@" || exit 1
