#!/bin/sh
# Tests scripts/compare.sh on fixture pairs with known answers:
#   sh test/scripts/compare_test.sh      (PARBENCH_ROOT: the repository root)
# Fixtures (test/scripts/fixtures/compare/):
#   base.json vs slower.json   a clear regression, a clear improvement, a
#                              significant change within the threshold, a
#                              change beyond the threshold drowned in noise,
#                              mixed time units, too few repetitions, names
#                              on one side only, an errored benchmark
#   base.json vs faster.json   the same without a regression (exit 0)
#   gbench_run1/2.json         the cases of Google Benchmark's
#                              tools/gbench/report.py unit test (test1 inputs)
#   utest_run0/1.json          the U-test cases of report.py (test3 inputs),
#                              in the old JSON format without run_name
#   boundary_*.json            changes of exactly +5 % and -5 % (issue 15)
#   rounds_*.json              regress.sh-merged files: parbench_round marks
#   aggonly_*.json             files with aggregates only
#   empty, invalid, ... .json  bad input
set -u

root=${PARBENCH_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
compare="$root/scripts/compare.sh"
fx="$root/test/scripts/fixtures/compare"
passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/compare_test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ $# -lt 2 ] || printf '     %s\n' "$2"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
  _name=$1
  shift
  if "$@"; then pass "$_name"; else fail "$_name"; fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

# run ARGS...: runs compare.sh, leaving stdout, stderr and status in $tmp.
run() {
  sh "$compare" "$@" >"$tmp/out" 2>"$tmp/err"
  echo $? >"$tmp/rc"
}
rc() { cat "$tmp/rc"; }

# field BENCHMARK COLUMN: a column of the last CSV output (no quoted commas
# in the fixtures).
field() {
  awk -F, -v b="$1" -v c="$2" '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == b { print $(col[c]); exit }' "$tmp/out"
}

# change4 BENCHMARK: the change of the last CSV output as compare.py prints it.
change4() {
  awk -F, -v b="$1" '$1 == b { printf "%+.4f\n", $4 }' "$tmp/out"
}

# expect_bad NAME ARGS...: bad input gives status 2, one line on stderr and
# nothing on stdout.
expect_bad() {
  _name=$1
  shift
  run "$@"
  if [ "$(rc)" = 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ]; then
    pass "$_name: exit 2, one line: $(cat "$tmp/err")"
  else
    fail "$_name" "status $(rc), stderr: $(cat "$tmp/err"), stdout bytes: $(wc -c <"$tmp/out")"
  fi
}

test_usage() {
  run -h
  expect_eq "-h exits 0" 0 "$(rc)"
  check "-h prints the usage line" grep -q '^usage: compare.sh' "$tmp/out"
}

test_regression() {
  run --format=csv "$fx/base.json" "$fx/slower.json"
  expect_eq "regression: exit 1" 1 "$(rc)"
  expect_eq "regression: Cpu/Slower is slower" slower "$(field Cpu/Slower/real_time verdict)"
  expect_eq "regression: Cpu/Slower change +12%" 0.12 "$(field Cpu/Slower/real_time change)"
  # complete separation, U = 0; ties (100 twice, 112 twice) make the variance
  # 100/12 * (21 - 12/380), so z = 49.5 / 13.21881 = 3.744668
  expect_eq "regression: Cpu/Slower p-value (n=10/10, complete separation)" 0.0001806347208 \
    "$(field Cpu/Slower/real_time p_value)"
  expect_eq "regression: aggregates are not samples (10/10)" 10/10 "$(field Cpu/Slower/real_time repetitions)"
  expect_eq "improvement: Cpu/Faster is faster" faster "$(field Cpu/Faster/real_time verdict)"
  expect_eq "improvement: Cpu/Faster change -15%" -0.15 "$(field Cpu/Faster/real_time change)"
  expect_eq "significant but within the threshold (+2%): unchanged" unchanged "$(field Cpu/Noise/real_time verdict)"
  expect_eq "beyond the threshold (+8%) but p>=alpha: unchanged" unchanged "$(field Cpu/Overlap/real_time verdict)"
  expect_eq "beyond the threshold but p>=alpha: the note says so" "within noise: p=0.472 >= alpha" \
    "$(field Cpu/Overlap/real_time note)"
  expect_eq "ms against us: normalised, change 0" 0 "$(field Cpu/Units/real_time change)"
  expect_eq "3 vs 3 repetitions: +10% is slower" slower "$(field Few/Reps/real_time verdict)"
  expect_eq "3 vs 3 repetitions: threshold only, and said so" \
    "threshold only: too few repetitions for the U test (3/3)" "$(field Few/Reps/real_time note)"
  expect_eq "name in the baseline only: listed" baseline-only "$(field Only/Baseline/real_time verdict)"
  expect_eq "name in the contender only: listed" contender-only "$(field Only/Contender/real_time verdict)"
  expect_eq "errored benchmark: listed, not compared" error "$(field Broken/Bench/real_time verdict)"
  expect_eq "errored benchmark: its message" "contender: worker crashed" "$(field Broken/Bench/real_time note)"
  # (1.12 * 0.85 * 1.02 * 1.08 * 1 * 1.10)^(1/6) - 1
  expect_eq "overall geometric mean over the 6 compared" 0.02409975003 "$(field OVERALL_GEOMEAN change)"
}

test_no_regression() {
  run "$fx/base.json" "$fx/faster.json"
  expect_eq "no regression (one-side-only and errored names do not fail): exit 0" 0 "$(rc)"
  check "table: summary line" \
    grep -q '^6 compared: 0 slower, 1 faster, 5 unchanged; 1 baseline-only, 1 contender-only, 1 errored\.$' "$tmp/out"
  run --format=csv --threshold=0.5 "$fx/base.json" "$fx/faster.json"
  expect_eq "threshold 0.5%: +1% with p=0.13 stays unchanged" unchanged "$(field Cpu/Slower/real_time verdict)"
  expect_eq "threshold 0.5%: +2% with p=0.006 becomes slower" slower "$(field Cpu/Noise/real_time verdict)"
  expect_eq "threshold 0.5%: exit 1" 1 "$(rc)"
  run --format=csv --threshold=15% "$fx/base.json" "$fx/slower.json"
  expect_eq "threshold 15% (percent sign accepted): +12% unchanged, exit 0" "unchanged 0" \
    "$(field Cpu/Slower/real_time verdict) $(rc)"
}

test_alpha_and_statistic() {
  run --format=csv --alpha=0.0001 "$fx/base.json" "$fx/slower.json"
  expect_eq "alpha 0.0001: 10/10 repetitions cannot reach it, threshold only" \
    "threshold only: too few repetitions for the U test (10/10)" "$(field Cpu/Slower/real_time note)"
  run --format=csv --alpha=0.2 "$fx/base.json" "$fx/slower.json"
  expect_eq "alpha 0.2: 3 vs 3 is still below the minimum of 4 repetitions" \
    "threshold only: too few repetitions for the U test (3/3)" "$(field Few/Reps/real_time note)"
  run --format=csv --alpha=0.001 "$fx/base.json" "$fx/slower.json"
  expect_eq "alpha 0.001: U test used, still slower" "slower|" \
    "$(field Cpu/Slower/real_time verdict)|$(field Cpu/Slower/real_time note)"
  run --format=csv --statistic=mean "$fx/base.json" "$fx/slower.json"
  expect_eq "--statistic=mean: change of the means (100 -> 107.2)" 0.072 "$(field Cpu/Overlap/real_time change)"
  run --format=csv --metric=cpu "$fx/base.json" "$fx/slower.json"
  expect_eq "--metric=cpu: cpu times (half the real ones here)" "50000000 56000000" \
    "$(field Cpu/Slower/real_time baseline_ns) $(field Cpu/Slower/real_time contender_ns)"
}

test_aggregates_only() {
  run --format=csv "$fx/aggonly_base.json" "$fx/aggonly_contender.json"
  expect_eq "aggregates only: median aggregate, +10% slower" "slower 0.1" \
    "$(field Agg/Slower verdict) $(field Agg/Slower change)"
  expect_eq "aggregates only: says threshold only" "aggregates only: threshold only" "$(field Agg/Slower note)"
  run --format=csv --statistic=mean "$fx/aggonly_base.json" "$fx/aggonly_contender.json"
  expect_eq "aggregates only, mean aggregate: unchanged, exit 0" "unchanged 0" "$(field Agg/Slower verdict) $(rc)"
}

# The relative changes of Google Benchmark's tools/compare.py on the inputs
# of its report.py unit test (TestReportDifference), as report.py prints them.
test_matches_compare_py() {
  run --format=csv "$fx/gbench_run1.json" "$fx/gbench_run2.json"
  _real=$(for b in BM_SameTimes BM_2xFaster BM_2xSlower BM_1PercentFaster BM_1PercentSlower \
    BM_10PercentFaster BM_10PercentSlower BM_100xSlower BM_100xFaster BM_10PercentCPUToTime \
    BM_NotBadTimeUnit BM_hasLabel; do change4 "$b"; done | tr '\n' ' ')
  expect_eq "compare.py equality: real-time changes" \
    "+0.0000 -0.5000 +1.0000 -0.0100 +0.0100 -0.1000 +0.1000 +99.0000 -0.9900 +0.1000 -0.9000 +0.0000 " "$_real"
  expect_eq "compare.py equality: 1% faster, unrounded (98.9999999 vs 100)" -0.010000001 "$(field BM_1PercentFaster change)"
  expect_eq "compare.py equality: baseline geomean = report.py's lhs 3.1622776601683826e-06 s" \
    3162.27766 "$(field OVERALL_GEOMEAN baseline_ns)"
  expect_eq "1 s against 1 ns: normalised (compare.py drops mixed units)" -0.999999999 \
    "$(field BM_DifferentTimeUnit change)"
  run --format=csv --metric=cpu "$fx/gbench_run1.json" "$fx/gbench_run2.json"
  _cpu=$(for b in BM_SameTimes BM_2xFaster BM_2xSlower BM_1PercentFaster BM_1PercentSlower \
    BM_10PercentFaster BM_10PercentSlower BM_100xSlower BM_100xFaster BM_10PercentCPUToTime \
    BM_ThirdFaster BM_NotBadTimeUnit BM_hasLabel; do change4 "$b"; done | tr '\n' ' ')
  expect_eq "compare.py equality: cpu-time changes" \
    "+0.0000 -0.5000 +1.0000 -0.0100 +0.0100 -0.1000 +0.1000 +99.0000 -0.9900 -0.1000 -0.3334 +0.2000 +0.0000 " "$_cpu"
  expect_eq "compare.py equality: baseline cpu geomean = report.py's 3.2130844755623912e-06 s" \
    3213.084476 "$(field OVERALL_GEOMEAN baseline_ns)"
}

# p-values of report.py's U-test case (test3 inputs). With a tie, scipy's
# asymptotic mannwhitneyu (tie and continuity correction) as report.py
# quotes it; without ties the exact test, as scipy's method="exact" (and
# its "auto" for such small samples) gives it, where report.py quotes the
# asymptotic 0.14891467317876572 and 0.6985353583033387.
test_utest_pvalues() {
  run --format=csv "$fx/utest_run0.json" "$fx/utest_run1.json"
  expect_eq "old JSON format (no run_name/run_type) is read" "2/3" "$(field short repetitions)"
  expect_eq "p-value, real, 2 vs 3 with ties = scipy 0.7670968684102772" 0.7670968684 "$(field short p_value)"
  expect_eq "p-value, U at its mean: 1" 1 "$(field BM_Two p_value)"
  run --format=csv --metric=cpu "$fx/utest_run0.json" "$fx/utest_run1.json"
  expect_eq "p-value, cpu, 2 vs 3, no ties: exact = scipy 0.2 (2/C(5,2))" 0.2 "$(field short p_value)"
  expect_eq "p-value, cpu, 2 vs 2, no ties: exact = scipy 0.6666666666666666" 0.6666666667 "$(field BM_Two p_value)"
}

# Issue 15: a change of exactly the threshold is not beyond it, on either
# side, even where the times do not convert exactly (1.05 against 1.00 ns
# is 0.050000000000000044 in a double); 9 against 9 repetitions, completely
# separated, so the U test alone would call them.
test_boundary() {
  run --format=csv "$fx/boundary_base.json" "$fx/boundary_contender.json"
  expect_eq "exactly +5.00% (ns, inexact in binary): unchanged" "unchanged 0.05" \
    "$(field Edge/Plus5/real_time verdict) $(field Edge/Plus5/real_time change)"
  expect_eq "exactly -5.00% (ns, inexact in binary): unchanged" "unchanged -0.05" \
    "$(field Edge/Minus5/real_time verdict) $(field Edge/Minus5/real_time change)"
  expect_eq "exactly +5.00% (ms): unchanged" unchanged "$(field Edge/Plus5ms/real_time verdict)"
  expect_eq "exactly -5.00% (ms): unchanged" unchanged "$(field Edge/Minus5ms/real_time verdict)"
  expect_eq "at the threshold: exit 0" 0 "$(rc)"
  expect_eq "the U test is significant there (exact, 2/C(18,9))" 4.113533525e-05 "$(field Edge/Plus5/real_time p_value)"
  run --format=csv --threshold=4.99 "$fx/boundary_base.json" "$fx/boundary_contender.json"
  expect_eq "threshold 4.99%: all four beyond it" "slower faster slower faster 1" \
    "$(field Edge/Plus5/real_time verdict) $(field Edge/Minus5/real_time verdict) $(field Edge/Plus5ms/real_time verdict) $(field Edge/Minus5ms/real_time verdict) $(rc)"
}

# Files merged by regress.sh mark each repetition's round
# (parbench_round): the U test compares per-round medians. rounds_*.json:
# 6 rounds of 3 repetitions a side; the repetitions of a round lie within
# 0.1 ms of each other, the rounds spread over 95-118 ms.
test_rounds() {
  run --format=csv "$fx/rounds_base.json" "$fx/rounds_contender.json"
  expect_eq "rounds: +5.9% drowned in the rounds' spread: unchanged" "unchanged 0.3095238095" \
    "$(field Cpu/Drift/real_time verdict) $(field Cpu/Drift/real_time p_value)"
  expect_eq "rounds: the note says the test ran on round medians" "within noise: p=0.31 >= alpha (6/6 round medians)" \
    "$(field Cpu/Drift/real_time note)"
  expect_eq "rounds: +10% in every round: slower, exact p = 2/C(12,6)" "slower 0.002164502165" \
    "$(field Cpu/Clear/real_time verdict) $(field Cpu/Clear/real_time p_value)"
  expect_eq "rounds: the change and the repetitions count all repetitions" "0.1 18/18" \
    "$(field Cpu/Clear/real_time change) $(field Cpu/Clear/real_time repetitions)"
  # The same numbers without the marks, as any Google Benchmark JSON: the
  # 18 repetitions count as independent and the drift reads as a change.
  jq '.benchmarks[] |= del(.parbench_round)' "$fx/rounds_base.json" >"$tmp/plain_base.json"
  jq '.benchmarks[] |= del(.parbench_round)' "$fx/rounds_contender.json" >"$tmp/plain_contender.json"
  run --format=csv "$tmp/plain_base.json" "$tmp/plain_contender.json"
  expect_eq "no rounds: repetitions as samples, as before" "slower 0.04708483211 " \
    "$(field Cpu/Drift/real_time verdict) $(field Cpu/Drift/real_time p_value) $(field Cpu/Drift/real_time note)"
  run --format=csv "$fx/rounds_base.json" "$tmp/plain_contender.json"
  expect_eq "rounds on one side only: repetitions as samples" "slower 0.04708483211" \
    "$(field Cpu/Drift/real_time verdict) $(field Cpu/Drift/real_time p_value)"
  run "$fx/rounds_base.json" "$fx/rounds_contender.json"
  check "table: the settings line says so" grep -q 'the U test compares per-round medians' "$tmp/out"
  run "$fx/base.json" "$fx/slower.json"
  if grep -q 'round' "$tmp/out"; then fail "no rounds: nothing said about them"; else pass "no rounds: nothing said about them"; fi
}

test_formats() {
  run --format=csv "$fx/base.json" "$fx/faster.json"
  expect_eq "csv header" "benchmark,baseline_ns,contender_ns,change,p_value,repetitions,verdict,note" \
    "$(head -n 1 "$tmp/out")"
  run --format=md "$fx/base.json" "$fx/slower.json"
  expect_eq "md: table header" "| Benchmark | Baseline | Contender | Change | p-value | Reps | Verdict | Note |" \
    "$(head -n 1 "$tmp/out")"
  # shellcheck disable=SC2016 # the backquotes are Markdown
  check "md: regression row" \
    grep -q '^| `Cpu/Slower/real_time` | 100.00 ms | 112.00 ms | +12.00% | 0.0002 | 10/10 | \*\*slower\*\* |' "$tmp/out"
  run "$fx/base.json" "$fx/slower.json"
  check "table: regression row" \
    grep -q '^Cpu/Slower/real_time  *100.00 ms  *112.00 ms  *+12.00%  *0.0002  *10/10  slower' "$tmp/out"
  # every row's Verdict column starts where the header's does
  _col=$(awk 'NR == 1 { print index($0, "Verdict") }' "$tmp/out")
  expect_eq "table: columns aligned" 0 \
    "$(awk -v c="$_col" 'NR > 2 && NF && /  (slower|faster|unchanged|error|baseline-only|contender-only|-) / &&
        substr($0, c - 2, 2) != "  " { n++ } END { print n + 0 }' "$tmp/out")"
  run "$fx/base.json" "$fx/nobenchmarks.json"
  expect_eq "empty benchmarks array: nothing compared, exit 0" 0 "$(rc)"
}

test_bad_input() {
  for f in empty invalid nobench notarray badunit twodocs missing; do
    expect_bad "bad input: $f.json" "$fx/base.json" "$fx/$f.json"
  done
  expect_bad "bad input: baseline invalid" "$fx/invalid.json" "$fx/base.json"
  expect_bad "unknown option" --frobnicate "$fx/base.json" "$fx/slower.json"
  expect_bad "one file only" "$fx/base.json"
  expect_bad "three files" "$fx/base.json" "$fx/slower.json" "$fx/faster.json"
  expect_bad "threshold -1" --threshold=-1 "$fx/base.json" "$fx/slower.json"
  expect_bad "threshold abc" --threshold=abc "$fx/base.json" "$fx/slower.json"
  expect_bad "threshold empty" --threshold= "$fx/base.json" "$fx/slower.json"
  expect_bad "alpha 0" --alpha=0 "$fx/base.json" "$fx/slower.json"
  expect_bad "alpha 1" --alpha=1 "$fx/base.json" "$fx/slower.json"
  expect_bad "alpha 1.5" --alpha=1.5 "$fx/base.json" "$fx/slower.json"
  expect_bad "metric wall" --metric=wall "$fx/base.json" "$fx/slower.json"
  expect_bad "format html" --format=html "$fx/base.json" "$fx/slower.json"
  expect_bad "statistic max" --statistic=max "$fx/base.json" "$fx/slower.json"
}

main() {
  test_usage
  test_regression
  test_no_regression
  test_alpha_and_statistic
  test_aggregates_only
  test_matches_compare_py
  test_utest_pvalues
  test_boundary
  test_rounds
  test_formats
  test_bad_input
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
}

main "$@" || exit 1
