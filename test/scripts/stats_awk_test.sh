#!/bin/sh
# Tests scripts/lib/stats.awk under every awk installed: sorting, medians,
# means, the standard deviation, Google Benchmark's relative change, erfc
# and the Mann-Whitney U test. (test/scripts/mannwhitney_test.sh checks the
# U test further, through compare.sh's diagnostic options.)
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# ev EXPRESSION: prints the value of an awk expression, stats.awk loaded;
# xs and ys hold the blank-separated numbers $XS and $YS as x[1..nx] and
# y[1..ny]; counts() is MW_COUNT[0..], then "= " their sum.
ev() {
  t_awk_eval "$AWK" stats "function counts(    k, s, t) {
      for (k = 0; k in MW_COUNT; k++) { s = s MW_COUNT[k] \" \"; t += MW_COUNT[k] }
      return s \"= \" t }
    BEGIN {
    nx = split(\"${XS:-}\", x, \" \"); ny = split(\"${YS:-}\", y, \" \")
    for (i = 1; i <= nx; i++) x[i] += 0
    for (i = 1; i <= ny; i++) y[i] += 0
    print $1 }" </dev/null
}

# join ARRAY N: awk code that joins ARRAY[1..N] with blanks.
JOIN='function join(a, n,    s, i) { s = a[1]; for (i = 2; i <= n; i++) s = s " " a[i]; return s }'

test_sorting() {
  t_eq "sort_numbers: as numbers, not strings" "1.5 2 9 10 33" \
    "$(t_awk_eval "$AWK" stats "$JOIN"' BEGIN { n = split("10 9 2 33 1.5", a, " "); sort_numbers(a, n); print join(a, n) }' </dev/null)"
  t_eq "sort_strings: as strings" "10 2 B a b" \
    "$(t_awk_eval "$AWK" stats "$JOIN"' BEGIN { n = split("b a 2 B 10", a, " "); sort_strings(a, n); print join(a, n) }' </dev/null)"
  t_eq "sort_order: indexes by key, equal keys by index" "2 1 3 4" \
    "$(t_awk_eval "$AWK" stats "$JOIN"' BEGIN { n = split("b a b c", k, " "); sort_order(k, n, o); print join(o, n) }' </dev/null)"
  t_eq "pad_numbers: numbers to one width" "w:0000000000002.000000/x:0000000000010.500000" \
    "$(ev 'pad_numbers("w:2/x:10.5")')"
  t_eq "pad_numbers: workers:2 sorts before workers:10" 1 "$(ev '(pad_numbers("workers:2") < pad_numbers("workers:10"))')"
}

test_summaries() {
  XS="3 1 2"
  t_eq "median: odd count" 2 "$(ev 'median(x, nx)')"
  t_eq "median: leaves its input as it was" "3 1 2" "$(ev 'median(x, nx) ? x[1] " " x[2] " " x[3] : ""')"
  XS="4 1 3 2"
  t_eq "median: even count" 2.5 "$(ev 'median(x, nx)')"
  t_eq "mean" 2.5 "$(ev 'mean(x, nx)')"
  t_close "stddev (sample): sqrt(5/3)" 1.2909944487358056 "$(ev 'sprintf("%.17g", stddev(x, nx))')" 1e-15
  XS="7"
  t_eq "median: one value" 7 "$(ev 'median(x, nx)')"
  unset XS
}

test_rel_change() {
  t_eq "rel_change: +12 %" 0.12 "$(ev 'rel_change(100, 112)')"
  t_eq "rel_change: both 0" 0 "$(ev 'rel_change(0, 0)')"
  t_eq "rel_change: from 0, over the mean of the two" 2 "$(ev 'rel_change(0, 1)')"
  t_eq "rel_change: over |old|" 0.1 "$(ev 'rel_change(-100, -90)')"
}

test_erfc() {
  # Reference values to 16 digits; Cody's approximation is good to a few
  # units in the last place.
  t_close "erfc(0)" 1 "$(ev 'sprintf("%.17g", erfc(0))')" 1e-15
  t_close "erfc(0.1)" 0.8875370839817151 "$(ev 'sprintf("%.17g", erfc(0.1))')" 1e-14
  t_close "erfc(1)" 0.15729920705028513 "$(ev 'sprintf("%.17g", erfc(1))')" 1e-14
  t_close "erfc(5)" 1.5374597944280349e-12 "$(ev 'sprintf("%.17g", erfc(5))')" 1e-14
  t_close "erfc(-1)" 1.8427007929497148 "$(ev 'sprintf("%.17g", erfc(-1))')" 1e-14
  t_eq "erfc(30) underflows to 0" 0 "$(ev 'erfc(30)')"
  t_close "p_two_sided(1.959963984540054) = 0.05" 0.05 "$(ev 'sprintf("%.17g", p_two_sided(1.959963984540054))')" 1e-12
}

test_mann_whitney() {
  # Worked in test/scripts/mannwhitney_test.sh: U = 0, z = 2.506718246; no
  # ties, so the exact p = 2/252.
  XS="1 2 3 4 5" YS="6 7 8 9 10"
  t_eq "mann_whitney: U and z of 1..5 against 6..10" "0 2.506718246" "$(ev 'mann_whitney(x, nx, y, ny) < 1 ? sprintf("%.10g %.10g", U_STAT, Z_STAT) : ""')"
  t_close "mann_whitney: p, exact" 0.007936507937 "$(ev 'sprintf("%.10g", mann_whitney(x, nx, y, ny))')" 1e-9
  t_eq "mann_whitney: MW_EXACT set" 1 "$(ev 'mann_whitney(x, nx, y, ny) ? MW_EXACT : ""')"
  XS="1 2 2 3" YS="2 3 4 5"
  t_close "mann_whitney: ties, the normal approximation with mid-ranks and tie correction" 0.1366582477 "$(ev 'sprintf("%.10g", mann_whitney(x, nx, y, ny))')" 1e-9
  t_eq "mann_whitney: MW_EXACT clear with ties" 0 "$(ev 'mann_whitney(x, nx, y, ny) ? MW_EXACT : ""')"
  XS="5 5 5" YS="5 5"
  t_eq "mann_whitney: all values equal, p = 1" 1 "$(ev 'mann_whitney(x, nx, y, ny)')"
  unset XS YS
  # The exact distribution: the Gaussian binomial [4 choose 2]_q = 1 + q + 2q^2 + q^3 + q^4,
  # and for 3 against 5 the 56 arrangements.
  t_eq "mw_distribution(2, 2)" "1 1 2 1 1" "$(ev 'mw_distribution(2, 2) MW_COUNT[0] " " MW_COUNT[1] " " MW_COUNT[2] " " MW_COUNT[3] " " MW_COUNT[4]')"
  t_eq "mw_distribution(5, 3): symmetric, 56 in all" "1 1 2 3 4 5 6 6 6 6 5 4 3 2 1 1 = 56" \
    "$(ev 'mw_distribution(5, 3) counts()')"
  t_eq "mw_exact_fits: 28/28 yes, 29/29 no, 8/367 yes, 8/368 no, 4/2500 yes, 4/2501 no (m n <= 10,000)" "101010" \
    "$(ev 'mw_exact_fits(28, 28) mw_exact_fits(29, 29) mw_exact_fits(8, 367) mw_exact_fits(8, 368) mw_exact_fits(4, 2500) mw_exact_fits(4, 2501)')"
  t_close "min_pvalue(4, 4), normal" 0.03038282197657751 "$(ev 'sprintf("%.17g", min_pvalue(4, 4))')" 1e-9
  t_close "min_pvalue(3, 3), normal" 0.0808555983700523 "$(ev 'sprintf("%.17g", min_pvalue(3, 3))')" 1e-9
  t_close "min_pvalue(4, 4, exact) = 2/70" 0.028571428571428571 "$(ev 'sprintf("%.17g", min_pvalue(4, 4, 1))')" 1e-12
  t_eq "min_pvalue(2, 2, exact) = 2/6" 0.333333 "$(ev 'sprintf("%.6f", min_pvalue(2, 2, 1))')"
  t_eq "min_pvalue: an empty side" 1 "$(ev 'min_pvalue(0, 3)')"
}

main() {
  for AWK in $(t_awks); do
    printf '%s\n' "-- $AWK"
    test_sorting
    test_summaries
    test_rel_change
    test_erfc
    test_mann_whitney
  done
  t_finish
}

main "$@" || exit 1
