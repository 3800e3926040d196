#!/bin/sh
# Tests scripts/regress-summary.sh, the CI job summary of a regress.sh run,
# on compare.sh's fixtures laid out as regress.sh's --out folder: both
# commits named, the regressions first, and why when nothing was compared.
# shellcheck disable=SC2016 # backquotes here are Markdown's, not commands
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

SUMMARY="$SCRIPTS/regress-summary.sh"
CMP="$FIXTURES/compare"

# out DIR CONTENDER: an --out folder with base.json against CONTENDER.
out() {
  mkdir -p "$1"
  cp "$CMP/base.json" "$1/baseline.json"
  cp "$CMP/$2" "$1/contender.json"
  printf 'baseline\t0123456789abcdef0123456789abcdef01234567\tHEAD^1\tMerge main | fixes\n' >"$1/revisions.txt"
  printf 'contender\tfedcba9876543210fedcba9876543210fedcba98\tHEAD\tMake it faster\n' >>"$1/revisions.txt"
}

test_regression() {
  out "$T_TMP/slow" slower.json
  t_run sh "$SUMMARY" "$T_TMP/slow"
  t_eq "regression: exit 0 (a summary, not a verdict)" 0 "$T_STATUS"
  t_has_line "regression: the headline, its status worked out" "$T_TMP/out" "## Benchmarks: a benchmark is slower"
  t_has_line "regression: the base commit" "$T_TMP/out" '| baseline | `0123456789ab` | `HEAD^1` | Merge main \| fixes |'
  t_has_line "regression: the head commit" "$T_TMP/out" '| contender | `fedcba987654` | `HEAD` | Make it faster |'
  t_eq "regression: the regressions section comes first, before every benchmark" \
    "### Regressions|### Every benchmark, the slower and the faster first" \
    "$(grep '^### ' "$T_TMP/out" | tr '\n' '|' | sed 's/|$//')"
  t_eq "regression: the regressions section holds the slower rows only" \
    '`Cpu/Slower/real_time` `Few/Reps/real_time`' \
    "$(sed -n '/^### Regressions/,/^### Every/p' "$T_TMP/out" | awk -F' [|] ' '/^\| `/ { printf "%s%s", (n++ ? " " : ""), substr($1, 3) }')"
  t_eq "regression: every benchmark, the slower first, then the faster" \
    '`Cpu/Slower/real_time` `Few/Reps/real_time` `Cpu/Faster/real_time`' \
    "$(sed -n '/^### Every/,$p' "$T_TMP/out" | awk -F' [|] ' '/^\| `/ && n < 3 { printf "%s%s", (n++ ? " " : ""), substr($1, 3) }')"
  t_check "regression: compare.sh's closing lines" grep -q '^6 compared: 2 slower, 1 faster' "$T_TMP/out"
  t_run sh "$SUMMARY" --threshold=20 "$T_TMP/slow"
  t_has_line "--threshold goes to compare.sh" "$T_TMP/out" "## Benchmarks: no regression"
  printf '%s\n' --alpha=0.05 --threshold=20 >"$T_TMP/slow/compare-options"
  t_run sh "$SUMMARY" "$T_TMP/slow"
  t_has_line "the options regress.sh used (compare-options) go to compare.sh" "$T_TMP/out" "## Benchmarks: no regression"
  t_check "... as its closing line says" grep -q 'beyond 20%' "$T_TMP/out"
  printf '%s\n' --format=csv >"$T_TMP/slow/compare-options"
  t_usage_error "compare-options with another option: bad input" sh "$SUMMARY" "$T_TMP/slow"
  rm "$T_TMP/slow/compare-options"
}

test_no_regression() {
  out "$T_TMP/fast" faster.json
  t_run sh "$SUMMARY" --status=0 "$T_TMP/fast"
  t_has_line "no regression: the headline" "$T_TMP/out" "## Benchmarks: no regression"
  t_check "no regression: says there is none" grep -q '^None: no benchmark is slower' "$T_TMP/out"
}

test_failure() {
  mkdir -p "$T_TMP/broken"
  printf 'baseline\t0123456789abcdef\tHEAD^1\tBase\ncontender\tfedcba9876543210\tHEAD\tHead\n' >"$T_TMP/broken/revisions.txt"
  printf 'x.cc:1: error: expected ; before }\n' >"$T_TMP/broken/build-contender.log"
  printf 'regress.sh: contender: building HEAD\nx.cc:1: error: expected ; before }\nregress.sh: contender: the build of HEAD failed (log: build-contender.log)\n' >"$T_TMP/regress.log"
  # A stale comparison of an earlier run must not be shown.
  cp "$CMP/base.json" "$T_TMP/broken/baseline.json"
  t_run sh "$SUMMARY" --status=3 --log="$T_TMP/regress.log" "$T_TMP/broken"
  t_has_line "build failed: the headline" "$T_TMP/out" "## Benchmarks: a build or a run failed: nothing was compared"
  t_has_line "build failed: the commits are still named" "$T_TMP/out" '| contender | `fedcba987654` | `HEAD` | Head |'
  t_has_line "build failed: the end of the log, with the compiler's error" "$T_TMP/out" 'x.cc:1: error: expected ; before }'
  t_check "build failed: the logs kept" grep -q '^Logs kept in .*: build-contender.log' "$T_TMP/out"
  t_lacks "build failed: no table" "$T_TMP/out" "### Regressions"
  rm "$T_TMP/broken/revisions.txt"
  t_run sh "$SUMMARY" --status=3 "$T_TMP/broken"
  t_check "no revisions.txt: said" grep -q '^Commits: not recorded' "$T_TMP/out"
}

test_report_link() {
  out "$T_TMP/page" faster.json
  t_run sh "$SUMMARY" "$T_TMP/page"
  t_lacks "no report.html: no link" "$T_TMP/out" "report.html"
  printf '<!DOCTYPE html>\n' >"$T_TMP/page/report.html"
  t_run sh "$SUMMARY" "$T_TMP/page"
  t_has_line "report.html: linked by its path" "$T_TMP/out" \
    "Both sides on one page, speedup charts and medians: \`$T_TMP/page/report.html\`."
  t_run sh "$SUMMARY" --report-url=https://github.com/o/r/actions/runs/7 "$T_TMP/page"
  t_has_line "report.html: linked to where CI keeps it" "$T_TMP/out" \
    'Both sides on one page, speedup charts and medians: `report.html` in the artifacts of [this run](https://github.com/o/r/actions/runs/7).'
  t_eq "the link comes once, before the sections" "Both sides|1" \
    "$(grep -e '^Both sides' -e '^### ' "$T_TMP/out" | head -n 1 | cut -c1-10)|$(grep -c '^Both sides' "$T_TMP/out")"
}

test_bad_input() {
  t_usage_error "no DIR" sh "$SUMMARY"
  t_usage_error "DIR missing" sh "$SUMMARY" "$T_TMP/nowhere"
  t_usage_error "unknown option" sh "$SUMMARY" --frobnicate "$T_TMP"
  t_usage_error "bad --status" sh "$SUMMARY" --status=x "$T_TMP"
  t_usage_error "--log missing" sh "$SUMMARY" --log="$T_TMP/nolog" "$T_TMP"
  t_run sh "$SUMMARY" -h
  t_eq "-h: usage, exit 0" "0 yes" "$T_STATUS $(grep -q '^usage: regress-summary.sh' "$T_TMP/out" && echo yes)"
}

main() {
  command -v jq >/dev/null 2>&1 || { echo "regress_summary_test.sh: needs jq" >&2; exit 1; }
  test_regression
  test_no_regression
  test_failure
  test_report_link
  test_bad_input
  t_finish
}

main "$@" || exit 1
