#!/bin/sh
# Tests the statistics inside scripts/compare.sh through its diagnostic
# options: erfc (W. J. Cody's rational approximation) against reference
# values, and the two-sided Mann-Whitney U test (normal approximation with tie
# and continuity correction) against worked examples and scipy's results.
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
  # sd = sqrt(5*5*11/12) = 4.78714, z = (12.5 - 0.5) / 4.78714 = 2.50672,
  # p = erfc(z / sqrt 2) = 0.0121858.
  t_eq "U, 1..5 vs 6..10" 0 "$(utest "1 2 3 4 5" "6 7 8 9 10" U)"
  t_close "z, 1..5 vs 6..10" 2.506718246 "$(utest "1 2 3 4 5" "6 7 8 9 10" z)" 1e-9
  t_close "p, 1..5 vs 6..10" 0.01218578036 "$(utest "1 2 3 4 5" "6 7 8 9 10" p)" 1e-9
  # Worked by hand, with ties: x = 1 2 2 3, y = 2 3 4 5. Mid-ranks: 1 -> 1,
  # the three 2s -> 3, the two 3s -> 5.5, 4 -> 7, 5 -> 8. R_x = 12.5,
  # U = 12.5 - 10 = 2.5, mean 8; tie term 3^3-3 + 2^3-2 = 30;
  # var = 16/12 * (9 - 30/56) = 11.285714, z = (5.5 - 0.5)/3.359422 = 1.488351,
  # p = 0.136658.
  t_eq "U, with ties" 2.5 "$(utest "1 2 2 3" "2 3 4 5" U)"
  t_close "z, with ties" 1.488351394 "$(utest "1 2 2 3" "2 3 4 5" z)" 1e-9
  t_close "p, with ties" 0.1366582477 "$(utest "1 2 2 3" "2 3 4 5" p)" 1e-9
  t_close "p is symmetric in the two samples" 0.1366582477 "$(utest "2 3 4 5" "1 2 2 3" p)" 1e-9
  # scipy.stats.mannwhitneyu(x, y, alternative='two-sided') as quoted in
  # Google Benchmark's tools/gbench/report.py unit tests (asymptotic method).
  t_close "p = scipy 0.7670968684102772 (8 8 | 7 4.54 15)" 0.7670968684102772 \
    "$(utest "8 8" "7 4.54 15" p)" 1e-9
  t_close "p = scipy 0.14891467317876572 (80 77 | 75 66.6 72)" 0.14891467317876572 \
    "$(utest "80 77" "75 66.6 72" p)" 1e-9
  t_close "p = scipy 0.6985353583033387 (90 86 | 89 72)" 0.6985353583033387 \
    "$(utest "90 86" "89 72" p)" 1e-9
  t_eq "all values equal: p = 1" 1 "$(utest "5 5 5" "5 5" p)"
  t_eq "U at its mean: p = 1 (continuity correction floors at 0)" 1 "$(utest "9 8" "10 7" p)"
  # The smallest p-value of complete separation: why compare.sh needs at
  # least 4 repetitions per side at alpha 0.05.
  t_close "3 vs 3, complete separation: p = 0.0809 > 0.05" 0.0808555983700523 \
    "$(utest "1 2 3" "4 5 6" p)" 1e-9
  t_close "4 vs 4, complete separation: p = 0.0304 < 0.05" 0.03038282197657751 \
    "$(utest "1 2 3 4" "5 6 7 8" p)" 1e-9
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
  test_bad
  t_finish
}

main "$@" || exit 1
