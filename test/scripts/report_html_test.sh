#!/bin/sh
# parbench-report html and scripts/report.sh without a browser: bad input is
# one line naming the file (and the record and field), exit 2, and no
# report left behind; a good run gives one self-contained page holding a
# chart per workload group, Python's rows beside C++'s when the seed's JSON
# is given too. (html_chromium_test.sh checks the charts in a browser.)
set -u
. "$(dirname "$0")/testlib.sh"

REPORT=${PARBENCH_REPORT:-$ROOT/build/parbench-report}
RUN=$ROOT/results/vm-20261125-145342/bench.json
SEED=$ROOT/results/html-20261206/seed-parbench.json

main() {
  [ -x "$REPORT" ] || {
    t_fail "parbench-report is built" "$REPORT"
    t_finish
    return
  }
  t_make_bad_inputs
  for bad in "$T_TMP"/bad/*.json; do
    t_usage_error "bad input $(basename "$bad"): one line, exit 2" \
      "$REPORT" html -o "$T_TMP/bad.html" "$bad"
  done
  t_check "no report written from bad input" test ! -e "$T_TMP/bad.html"
  jq '.benchmarks[3].real_time = "fast"' "$RUN" >"$T_TMP/fast.json"
  t_usage_error "real_time a string: one line, exit 2" \
    "$REPORT" html -o "$T_TMP/bad.html" "$RUN" "$T_TMP/fast.json"
  t_has_line "real_time a string: names the file, record and field" "$T_TMP/err" \
    "parbench-report html: $T_TMP/fast.json: record 3 ($(jq -r '.benchmarks[3].name' "$RUN")): real_time is a string, not a number"
  # A run with nothing to chart: the floors alone.
  jq '.benchmarks |= map(select(.name | startswith("Floor/")))' "$RUN" >"$T_TMP/floors.json"
  t_usage_error "nothing to chart: one line, exit 2" "$REPORT" html "$T_TMP/floors.json"
  t_usage_error "report.sh: a missing file, exit 2" \
    env PARBENCH_REPORT="$REPORT" sh "$ROOT/scripts/report.sh" -o "$T_TMP/x.html" "$T_TMP/none.json"
  t_usage_error "report.sh: bad JSON, exit 2" \
    env PARBENCH_REPORT="$REPORT" sh "$ROOT/scripts/report.sh" -o "$T_TMP/x.html" "$T_TMP/bad/garbage.json"
  t_check "report.sh: no report written from bad input" test ! -e "$T_TMP/x.html"

  t_run env PARBENCH_REPORT="$REPORT" sh "$ROOT/scripts/report.sh" -o "$T_TMP/report.html" "$RUN" "$SEED"
  t_eq "report.sh: exit 0" 0 "$T_STATUS"
  _html=$T_TMP/report.html
  t_check "a page" grep -q '^<!DOCTYPE html>' "$_html"
  for outside in http 'src=' '<link' '@import' '<script'; do
    t_lacks "self-contained: no $outside" "$_html" "$outside"
  done
  # url( only for the page's own fragments (a chart's clip path: url(#...)).
  t_eq "self-contained: url( only to the page's own fragments" "" \
    "$(grep -o 'url([^#][^)]*)' "$_html" | head -n 3)"
  _groups=$(jq -r '[.benchmarks[] | select(.run_name | test("^(Cpu|Io|Memory|IoNet|IoFile|Compress)/Sequential/")) | .run_name] | unique | length' "$RUN")
  _charts=$(grep -o '<svg class="chart"' "$_html" | wc -l | tr -d ' ')
  t_check "a chart for each headline workload ($_groups) and more ($_charts)" test "$_charts" -ge "$_groups"
  t_check "Python's rows in the Cpu table" grep -q '<th scope="row">Python ProcessPool cold multiprocessing</th>' "$_html"
  t_check "C++'s rows in the Cpu table" grep -q '<th scope="row">C++ ThreadPool warm</th>' "$_html"
  t_check "the ceiling" grep -q 'C++ BareThreads (ceiling)' "$_html"
  t_check "the machine" grep -q '<td>AMD EPYC</td>' "$_html"
  t_finish
}

main "$@"
