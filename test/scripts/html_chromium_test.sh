#!/bin/sh
# parbench-report html in a real browser: headless Chromium (Debian's
# chromium, in PARBENCH_PACKAGES) lays out the reports of committed runs,
# with html_check.js appended to a copy, and the test reads the verdict the
# script wrote into the dumped DOM: every chart has its title, axes, ticks,
# labels and points, every point lies inside its axes, every legend entry
# has points, the page is no wider than the window (a desktop's, a phone's),
# and no script error reached the console. The checker is shown
# to fail on a report with a point moved off its axes and on one with a
# legend entry without points. scripts/report.sh's screenshots (the first
# screen, a phone's, each section alone) must come out. Exit 77 (ctest: skipped) only when Chromium cannot start.
set -u
. "$(dirname "$0")/testlib.sh"

REPORT=${PARBENCH_REPORT:-$ROOT/build/parbench-report}
CHROMIUM=${CHROMIUM:-chromium}
SKIP=77

# chromium ARGS...: headless, no sandbox (root in CI), a profile of its own.
chromium() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$T_TMP/profile" --enable-logging=stderr --v=0 "$@"
}

# with_check HTML OUT: a copy of HTML with html_check.js run at its end.
with_check() {
  sed 's#</body></html>$##' "$1" >"$2"
  { printf '<script>\n'; cat "$ROOT/test/scripts/html_check.js"; printf '</script></body></html>\n'; } >>"$2"
}

# count PATTERN FILE: how many times PATTERN (fixed) occurs in FILE.
count() { grep -oF -- "$1" "$2" | wc -l | tr -d ' '; }

# verdict NAME HTML [WIDTH,HEIGHT]: the checked copy of HTML through
# Chromium, in a window of that size (default 1200,900); sets $VERDICT and
# leaves the DOM in $T_TMP/NAME.dom and the console in $T_TMP/NAME.log.
verdict() {
  with_check "$2" "$T_TMP/$1.checked.html"
  chromium --window-size="${3:-1200,900}" --dump-dom "file://$T_TMP/$1.checked.html" \
    >"$T_TMP/$1.dom" 2>"$T_TMP/$1.log"
  VERDICT=$(sed -n '/<pre id="parbench-verdict">/,/<\/pre>/p' "$T_TMP/$1.dom" |
    sed 's/.*<pre id="parbench-verdict">//; s#</pre>.*##')
}

# check_report NAME WIDTH,HEIGHT FILE...: the report of the runs passes the
# browser's check in a window of that size, on as many charts, points and
# legend entries as the HTML holds.
check_report() {
  _name=$1 _size=$2
  shift 2
  t_run "$REPORT" html -o "$T_TMP/$_name.html" "$@"
  if [ "$T_STATUS" -ne 0 ]; then
    t_fail "$_name: parbench-report html" "status $T_STATUS: $(head -n 2 "$T_TMP/err")"
    return
  fi
  _charts=$(count '<svg class="chart"' "$T_TMP/$_name.html")
  _legend=$(count 'class="legend-entry"' "$T_TMP/$_name.html")
  _fits=$(count '<g class="series fit"' "$T_TMP/$_name.html")
  _guides=$(count '<g class="series guide"' "$T_TMP/$_name.html")
  _points=$(($(count '<circle class="point"' "$T_TMP/$_name.html") - _legend + _fits + _guides))
  verdict "$_name" "$T_TMP/$_name.html" "$_size"
  _first=$(printf '%s\n' "$VERDICT" | head -n 1)
  _want="OK charts=$_charts points=$_points legend=$_legend fits=$_fits guides=$_guides"
  if [ "$_charts" -gt 0 ] && [ "$_first" = "$_want" ]; then
    t_pass "$_name: $_first"
  else
    t_fail "$_name: the browser's check" "want $_want" \
      "got: $(printf '%s\n' "$VERDICT" | head -n 6)"
  fi
  if grep -q 'CONSOLE' "$T_TMP/$_name.log"; then
    t_fail "$_name: the console is quiet" "$(grep 'CONSOLE' "$T_TMP/$_name.log" | head -n 3)"
  else
    t_pass "$_name: the console is quiet"
  fi
}

# fitted_run FILE: a run on 8 CPUs whose ThreadPool scales at 1, 2, 4 and 8
# workers, three repetitions each, so the table model fits the USL and the
# chart draws the fit with its band.
fitted_run() {
  {
    printf '{"context": {"host_name": "big", "num_cpus": 8}, "benchmarks": ['
    _sep=''
    for _rec in Sequential/workers:1:98 Sequential/workers:1:100 Sequential/workers:1:103 \
      ThreadPool/warm/workers:1:101 ThreadPool/warm/workers:1:102 ThreadPool/warm/workers:1:104 \
      ThreadPool/warm/workers:2:53 ThreadPool/warm/workers:2:54 ThreadPool/warm/workers:2:56 \
      ThreadPool/warm/workers:4:29 ThreadPool/warm/workers:4:30 ThreadPool/warm/workers:4:32 \
      ThreadPool/warm/workers:8:18 ThreadPool/warm/workers:8:19 ThreadPool/warm/workers:8:21; do
      _n="Cpu/${_rec%:*}/tasks:64/real_time"
      printf '%s{"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": 3, ' \
        "$_sep" "$_n" "$_n"
      printf '"iterations": 1, "real_time": %s, "cpu_time": 1, "time_unit": "ms"}' "${_rec##*:}"
      _sep=', '
    done
    printf ']}\n'
  } >"$1"
}

# is_png FILE: FILE is a PNG image.
is_png() { [ -s "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = PNG ]; }

# The screenshots of scripts/report.sh: the first screen, a phone's, and
# one per section of the page.
check_screenshots() {
  mkdir -p "$T_TMP/shots"
  t_run env PARBENCH_REPORT="$REPORT" CHROMIUM="$CHROMIUM" sh "$ROOT/scripts/report.sh" \
    -o "$T_TMP/shots/report.html" --screenshots="$T_TMP/shots" "$@"
  if [ "$T_STATUS" -ne 0 ]; then
    t_fail "report.sh --screenshots" "status $T_STATUS: $(head -n 2 "$T_TMP/err")"
    return
  fi
  _missing=""
  for _id in top phone $(grep -o '<section [^>]*id="[^"]*"' "$T_TMP/shots/report.html" |
    sed 's/.*id="//; s/"$//'); do
    is_png "$T_TMP/shots/$_id.png" || _missing="$_missing $_id"
  done
  _sections=$(count '<section ' "$T_TMP/shots/report.html")
  if [ -z "$_missing" ] && [ "$_sections" -gt 2 ]; then
    t_pass "report.sh --screenshots: top, phone and $_sections sections"
  else
    t_fail "report.sh --screenshots" "no PNG for:$_missing"
  fi
}

main() {
  [ -x "$REPORT" ] || {
    t_fail "parbench-report is built" "$REPORT"
    t_finish
    return
  }
  if ! command -v "$CHROMIUM" >/dev/null 2>&1; then
    printf 'skip: %s is not installed (Debian: apt-get install chromium)\n' "$CHROMIUM"
    exit "$SKIP"
  fi
  if ! chromium --dump-dom 'data:text/html,<p id="up">up</p>' 2>"$T_TMP/probe.log" |
    grep -q '<p id="up">up</p>'; then
    printf 'skip: %s cannot start headless:\n' "$CHROMIUM"
    tail -n 3 "$T_TMP/probe.log"
    exit "$SKIP"
  fi
  # The console is caught: a page that logs an error is seen.
  printf '<!DOCTYPE html><html><body><script>console.error("seen")</script></body></html>' \
    >"$T_TMP/noisy.html"
  chromium --dump-dom "file://$T_TMP/noisy.html" >/dev/null 2>"$T_TMP/noisy.log"
  t_check "the console's messages reach the test" grep -q 'CONSOLE.*seen' "$T_TMP/noisy.log"

  check_report reference 1200,900 "$ROOT/results/vm-20261125-145342/bench.json" \
    "$ROOT/results/html-20261206/seed-parbench.json"
  check_report phone 390,844 "$ROOT/results/vm-20261125-145342/bench.json" \
    "$ROOT/results/html-20261206/seed-parbench.json"
  check_report hosts 1200,900 "$ROOT"/results/mpi-hosts-20261206/*/bench.json
  check_report aggregates 1200,900 "$ROOT/results/shm-20261205/quiet.json"
  fitted_run "$T_TMP/fitted.json"
  check_report fitted 1200,900 "$T_TMP/fitted.json"
  t_check "fitted: the chart has a fit with its band" grep -q '<polygon class="band"' "$T_TMP/fitted.html"

  # The checker fails where it should: a point off its axes ...
  sed 's/<circle class="point" cx="[0-9.]*" cy="[0-9.]*"/<circle class="point" cx="-40.00" cy="500.00"/' \
    "$T_TMP/reference.html" >"$T_TMP/off.html"
  verdict off "$T_TMP/off.html"
  case $VERDICT in
    FAIL*"outside the axes"*) t_pass "a point off its axes is caught" ;;
    *) t_fail "a point off its axes is caught" "got: $(printf '%s\n' "$VERDICT" | head -n 3)" ;;
  esac
  # ... a fit's band off its axes ...
  sed 's/<polygon class="band" \([^>]*\)points="[0-9.]*,[0-9.]*/<polygon class="band" \1points="-40.00,500.00/' \
    "$T_TMP/fitted.html" >"$T_TMP/band.html"
  verdict band "$T_TMP/band.html"
  case $VERDICT in
    FAIL*"line vertex outside the axes"*) t_pass "a band off its axes is caught" ;;
    *) t_fail "a band off its axes is caught" "got: $(printf '%s\n' "$VERDICT" | head -n 3)" ;;
  esac
  # ... and a legend entry whose series has no point.
  sed 's#<g class="legend">#<g class="legend"><g class="legend-entry" data-series="999"><text>ghost</text></g>#' \
    "$T_TMP/reference.html" >"$T_TMP/ghost.html"
  verdict ghost "$T_TMP/ghost.html"
  case $VERDICT in
    FAIL*'legend entry "ghost" has no points'*) t_pass "a legend entry without points is caught" ;;
    *) t_fail "a legend entry without points is caught" "got: $(printf '%s\n' "$VERDICT" | head -n 3)" ;;
  esac

  check_screenshots "$ROOT/results/vm-20261125-145342/bench.json" \
    "$ROOT/results/html-20261206/seed-parbench.json"
  t_finish
}

main "$@"
