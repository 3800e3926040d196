#!/bin/sh
# Tests the statistics inside scripts/compare.sh through its diagnostic
# options: erfc (W. J. Cody's rational approximation) against reference
# values, and the two-sided Mann-Whitney U test (exact without ties in small
# samples, else the normal approximation with tie and continuity
# correction) against worked examples and scipy's results.
#   sh test/scripts/mannwhitney_test.sh   (PARBENCH_ROOT: the repository root)
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

compare=$SCRIPTS/compare.sh

erfc() { sh "$compare" --erfc="$1"; }

# utest X Y FIELD: U, z or p of the U test of the samples X and Y.
utest() {
  sh "$compare" --utest "$1" "$2" | tr ' ' '\n' | sed -n "s/^$3=//p"
}

test_erfc() {
  # Reference values of erfc to 16 digits (e.g. A&S table 7.1, or any
  # arbitrary-precision evaluation); Cody's approximation is good to a few
  # units in the last place of a double, so 1e-14 relative leaves headroom.
  t_close "erfc(0)" 1 "$(erfc 0)" 1e-15
  t_close "erfc(0.1)" 0.8875370839817151 "$(erfc 0.1)" 1e-14
  t_close "erfc(0.5)" 0.4795001221869535 "$(erfc 0.5)" 1e-14
  t_close "erfc(1)" 0.15729920705028513 "$(erfc 1)" 1e-14
  t_close "erfc(2)" 0.004677734981047266 "$(erfc 2)" 1e-14
  t_close "erfc(3)" 2.209049699858544e-05 "$(erfc 3)" 1e-14
  t_close "erfc(5)" 1.5374597944280349e-12 "$(erfc 5)" 1e-14
  t_close "erfc(10)" 2.088487583762545e-45 "$(erfc 10)" 1e-14
  t_close "erfc(-1)" 1.8427007929497148 "$(erfc -1)" 1e-14
  # the two-sided p-value of the normal quantiles z(0.975) and z(0.995)
  t_close "erfc(1.959963984540054/sqrt 2) = 0.05" 0.05 \
    "$(erfc "$(awk 'BEGIN { printf "%.17g", 1.959963984540054 / sqrt(2) }')")" 1e-12
  t_close "erfc(2.5758293035489004/sqrt 2) = 0.01" 0.01 \
    "$(erfc "$(awk 'BEGIN { printf "%.17g", 2.5758293035489004 / sqrt(2) }')")" 1e-12
}

test_utest() {
  # Worked by hand: 1..5 against 6..10, no ties. U = 0, mean 12.5,
  # sd = sqrt(5*5*11/12) = 4.78714, z = (12.5 - 0.5) / 4.78714 = 2.50672
  # (the normal approximation would give p = 0.0121858). No ties and small
  # samples: the p-value is exact, 2 / C(10, 5) = 2/252: one of the 252 ways
  # to place five values among ten ranks is as extreme, on each side.
  t_eq "U, 1..5 vs 6..10" 0 "$(utest "1 2 3 4 5" "6 7 8 9 10" U)"
  t_close "z, 1..5 vs 6..10" 2.506718246 "$(utest "1 2 3 4 5" "6 7 8 9 10" z)" 1e-9
  t_close "p, 1..5 vs 6..10: exact, 2/252" 0.007936507937 "$(utest "1 2 3 4 5" "6 7 8 9 10" p)" 1e-9
  t_eq "method, 1..5 vs 6..10" exact "$(utest "1 2 3 4 5" "6 7 8 9 10" method)"
  # Worked by hand, with ties: x = 1 2 2 3, y = 2 3 4 5. Mid-ranks: 1 -> 1,
  # the three 2s -> 3, the two 3s -> 5.5, 4 -> 7, 5 -> 8. R_x = 12.5,
  # U = 12.5 - 10 = 2.5, mean 8; tie term 3^3-3 + 2^3-2 = 30;
  # var = 16/12 * (9 - 30/56) = 11.285714, z = (5.5 - 0.5)/3.359422 = 1.488351,
  # p = 0.136658: ties, so the normal approximation.
  t_eq "U, with ties" 2.5 "$(utest "1 2 2 3" "2 3 4 5" U)"
  t_close "z, with ties" 1.488351394 "$(utest "1 2 2 3" "2 3 4 5" z)" 1e-9
  t_close "p, with ties" 0.1366582477 "$(utest "1 2 2 3" "2 3 4 5" p)" 1e-9
  t_eq "method, with ties" normal "$(utest "1 2 2 3" "2 3 4 5" method)"
  t_close "p is symmetric in the two samples" 0.1366582477 "$(utest "2 3 4 5" "1 2 2 3" p)" 1e-9
  # scipy.stats.mannwhitneyu(x, y, alternative='two-sided') as quoted in
  # Google Benchmark's tools/gbench/report.py unit tests: with a tie, the
  # asymptotic method.
  t_close "p = scipy 0.7670968684102772 (8 8 | 7 4.54 15)" 0.7670968684102772 \
    "$(utest "8 8" "7 4.54 15" p)" 1e-9
  t_eq "all values equal: p = 1" 1 "$(utest "5 5 5" "5 5" p)"
  t_eq "U at its mean: p = 1 (2 P(U <= 2) = 4/3, capped)" 1 "$(utest "9 8" "10 7" p)"
  # The smallest p-value of complete separation, exact: why compare.sh
  # needs at least 4 repetitions per side at alpha 0.05.
  t_close "3 vs 3, complete separation: p = 2/20 > 0.05" 0.1 "$(utest "1 2 3" "4 5 6" p)" 1e-9
  t_close "4 vs 4, complete separation: p = 2/70 < 0.05" 0.028571428571428571 \
    "$(utest "1 2 3 4" "5 6 7 8" p)" 1e-9
  # Where exact counting stops (C(m+n, m) <= 2^53): 28 against 28 is exact,
  # 29 against 29 the normal approximation, as scipy's methods give them:
  # mannwhitneyu(range(1, 29), range(29, 57), method='exact') and
  # mannwhitneyu(range(1, 30), range(30, 59), method='asymptotic').
  t_close "28 vs 28, complete separation: exact" 2.614826647323344e-16 \
    "$(utest "$(seq -s ' ' 1 28)" "$(seq -s ' ' 29 56)" p)" 1e-9
  t_close "28 vs 28, interleaved: exact" 0.8262934194226911 \
    "$(utest "$(seq -s ' ' 1 2 55)" "$(seq -s ' ' 2 2 56)" p)" 1e-9
  t_close "29 vs 29, complete separation: normal approximation" 6.509474642778053e-11 \
    "$(utest "$(seq -s ' ' 1 29)" "$(seq -s ' ' 30 58)" p)" 1e-9
  t_eq "29 vs 29: the method says so" normal "$(utest "$(seq -s ' ' 1 29)" "$(seq -s ' ' 30 58)" method)"
}

# scipy_case X Y U P: the U test of X against Y gives U and, within 1e-4,
# scipy's exact p-value P.
scipy_case() {
  t_eq "U of $1 | $2" "$3" "$(utest "$1" "$2" U)"
  t_close "p = scipy $4 ($1 | $2)" "$4" "$(utest "$1" "$2" p)" 1e-4
}

# The exact test against scipy 1.10's, sizes 2 to 8 a side, no ties. The
# constants (U of x, p) come from
#   python3 -c 'import sys; from scipy.stats import mannwhitneyu as m;
#     x, y = ([float(v) for v in a.split()] for a in sys.argv[1:3]);
#     r = m(x, y, alternative="two-sided", method="exact");
#     print(int(r.statistic), repr(r.pvalue))' "X..." "Y..."
# (Debian's python3-scipy; used for these constants only).
test_utest_scipy() {
  scipy_case "80 77" "75 66.6 72" 6 0.20000000000000001
  scipy_case "90 86" "89 72" 3 0.66666666666666663
  scipy_case "1 2 3" "4 5 6" 0 0.10000000000000001
  scipy_case "1 2 3 4" "5 6 7 8" 0 0.028571428571428571
  scipy_case "1 2 3 4 5" "6 7 8 9 10" 0 0.0079365079365079361
  scipy_case "1.1 3.3 7.7" "2.2 4.4 5.5 6.6 8.8" 5 0.5714285714285714
  scipy_case "52.1 51.7 53.0 52.4 51.9 52.8" "53.3 52.6 54.1 53.8 52.2 53.5" 5 0.041125541125541128
  scipy_case "10.5 11.2 9.8 10.9 11.7 10.1 12.3" "11.9 12.8 10.7 13.1 12.2 11.4 13.6 12.6" 8 0.020512820512820513
  scipy_case "5.01 4.87 5.33 4.95 5.12 5.27 4.78 5.06" "5.18 4.91 5.41 5.09 4.83 5.22 4.99 5.35" 25 0.5053613053613053
  scipy_case "3 9 14 1 7 12 5 11" "6 2" 12 0.40000000000000002
  scipy_case "20.5 18.25 22.75 19.5" "21.5 23.5 17.75 24.25 22.25 25.5 20.75" 7 0.23030303030303029
  scipy_case "1 2" "3 4 5 6 7 8 9 10" 0 0.044444444444444446
  scipy_case "1 4 5 8 9 12" "2 3 6 7 10 11" 18 1
  scipy_case "11 12 13 14 15 16 17 18" "1 2 3 4 5 6 7 8" 64 0.0001554001554001554
}

test_bad() {
  sh "$compare" --erfc=abc >/dev/null 2>&1
  t_eq "--erfc=abc: exit 2" 2 "$?"
  sh "$compare" --utest "1 2" >/dev/null 2>&1
  t_eq "--utest with one sample: exit 2" 2 "$?"
  sh "$compare" --utest "1 x" "2 3" >/dev/null 2>&1
  t_eq "--utest with a non-number: exit 2" 2 "$?"
}

main() {
  test_erfc
  test_utest
  test_utest_scipy
  test_bad
  t_finish
}

main "$@" || exit 1
