#!/bin/sh
# Tests scripts/plot.sh: the PNGs it makes (names, real PNG files), the
# series it draws, what each chart shows as gnuplot drew it (every point
# inside its axes, every legend entry with points, every cell at its value:
# shown_check.awk), on the fixtures and the reference run, file names with
# several hosts, and bad input.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

PLOT=$SCRIPTS/plot.sh

# is_png FILE: starts with the PNG signature.
is_png() {
  [ -s "$1" ] && [ "$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e47 ]
}

# runs_json RUNS: bench JSON of one iteration per [name, µs] pair of RUNS (a
# JSON array), on a 2-CPU host.
runs_json() {
  jq -n --argjson runs "$1" '{context: {host_name: "vm", num_cpus: 2}, benchmarks: [$runs[]
    | {name: (.[0] + "/real_time"), run_name: (.[0] + "/real_time"), run_type: "iteration",
       iterations: 1, real_time: .[1], cpu_time: .[1], time_unit: "us"}]}'
}

test_usage() {
  t_run sh "$PLOT" -h
  t_eq "-h: exit 0" 0 "$T_STATUS"
  case $(cat "$T_TMP/out") in
    usage:*) t_pass "-h: usage line" ;;
    *) t_fail "-h: usage line" "got: $(cat "$T_TMP/out")" ;;
  esac
}

test_plots() {
  out=$T_TMP/plots
  t_run sh "$PLOT" "$FIXTURES/table.json" "$out"
  t_eq "table.json: exit 0, no message" "0:" "$T_STATUS:$(cat "$T_TMP/err")"
  t_eq "table.json: speedup and time chart per workload, paths printed" \
    "$out/speedup-Cpu.png|$out/time-Cpu.png|$out/speedup-Io.png|$out/time-Io.png|$out/speedup-Memory.png|$out/time-Memory.png|" \
    "$(tr '\n' '|' <"$T_TMP/out")"
  for f in speedup-Cpu time-Cpu speedup-Io time-Io speedup-Memory time-Memory; do
    if is_png "$out/$f.png"; then t_pass "$f.png is a PNG"; else t_fail "$f.png is a PNG"; fi
  done
  t_eq "nothing else written" "6" "$(find "$out" -type f | wc -l | tr -d ' ')"

  # Same input as CSV on stdin, into an existing directory.
  sh "$SCRIPTS/json2csv.sh" "$FIXTURES/table.json" >"$T_TMP/table.csv"
  t_run sh "$PLOT" - "$out" <"$T_TMP/table.csv"
  t_eq "CSV on stdin: same charts" "6" "$(wc -l <"$T_TMP/out" | tr -d ' ')"
}

# The gnuplot script itself: which series each chart draws.
test_series() {
  out=$T_TMP/series
  mkdir -p "$T_TMP/bin"
  # A gnuplot that keeps the script it is given.
  # shellcheck disable=SC2016 # $1 belongs to the fake gnuplot
  printf '#!/bin/sh\ncp "$1" "%s/plot.gp"\n' "$T_TMP" >"$T_TMP/bin/gnuplot"
  chmod +x "$T_TMP/bin/gnuplot"
  t_run env PATH="$T_TMP/bin:$PATH" sh "$PLOT" "$FIXTURES/table.json" "$out"
  gp=$T_TMP/plot.gp
  t_eq "speedup charts: ideal line first" "3" "$(grep -c '^plot x title "ideal (speedup = workers)"' "$gp")"
  t_eq "speedup chart: Sequential as the 1× line" "3" "$(grep -c '^plot x .*, 1 title "Sequential"' "$gp")"
  t_eq "time charts: log scale" "3" "$(grep -c '^set logscale xy$' "$gp")"
  t_eq "Cpu speedup series" "'ThreadPool (cold)'|'ThreadPool (warm)'|'ProcessPerTask'|'BareThreads (ceiling)'|" \
    "$(grep '^plot x' "$gp" | head -n 1 | tr ',' '\n' | sed -n "s/.* title \('[^']*'\) with.*/\1/p" | tr '\n' '|')"
  t_eq "an errored series says where" "1" "$(grep '^plot x' "$gp" | sed -n 2p | grep -c "'ThreadPool (cold) \[error at 2\]'")"
  t_eq "worker counts as x tics, oversubscribed ones marked" 'set xtics ("1" 1, "2" 2, "4†" 4)' "$(grep '^set xtics' "$gp" | head -n 1)"
  t_eq "workers on a log2 axis, both charts" "6" "$(grep -c '^set logscale x 2$' "$gp")"
  t_eq "oversubscribed side shaded from between 2 and 4 workers" "set object 1 rect from 2.82843, graph 0 to graph 1, graph 1 behind" \
    "$(grep -o '^set object 1 rect from [0-9.]*, graph 0 to graph 1, graph 1 behind' "$gp" | head -n 1)"
  t_eq "spread as error bars" "1" "$(grep '^plot x' "$gp" | head -n 1 | grep -c "using 1:3:(\$3\*\$4) title 'ThreadPool (warm)' with yerrorlines")"
  t_eq "time axis: readable tics" 'set ytics ("50 ms" 50, "100 ms" 100)' "$(grep '^set ytics (' "$gp" | head -n 1)"
  t_run env PATH="$T_TMP/bin:$PATH" sh "$PLOT" "$FIXTURES/model.json" "$out"
  t_eq "the USL fit drawn as a curve" "1" \
    "$(grep '^plot x' "$gp" | grep -c "1 \* x / (1 + 0.05 \* (x - 1) + 0.002 \* x \* (x - 1)) title 'ThreadPool (warm) (USL fit)'")"
  runs_json '[["Chunk/Sequential/workers:1/tasks:1000/size:1000", 300],
    ["Chunk/ThreadPool/warm/workers:1/tasks:1000/size:1000/chunk:1", 400],
    ["Chunk/ThreadPool/warm/workers:2/tasks:1000/size:1000/chunk:1", 250]]' >"$T_TMP/chunk.json"
  t_run env PATH="$T_TMP/bin:$PATH" sh "$PLOT" "$T_TMP/chunk.json" "$out"
  t_eq "the Chunk family: task size and chunk in names and titles" \
    "speedup-Chunk-task_size_1000.png'|set title 'Speedup over Sequential: Chunk, 1000 tasks of size 1000, by chunk'" \
    "$(grep -A1 "^set output '.*speedup-Chunk" "$gp" | head -n 2 | tr '\n' '|' | sed 's/|$//; s|^set output .*/||')"
  # A sweep's lines differ in strategy, not chunk; Knobs' in their knobs.
  runs_json '[["CpuSweep/Sequential/workers:1/tasks:10/size:1000", 300],
    ["CpuSweep/ThreadPool/warm/workers:2/tasks:10/size:1000", 250],
    ["Knobs/Sequential/workers:1/tasks:10", 300],
    ["Knobs/ThreadPool/warm/spin:0/caller_runs:1/workers:2/tasks:10", 200]]' >"$T_TMP/titles.json"
  t_run env PATH="$T_TMP/bin:$PATH" sh "$PLOT" "$T_TMP/titles.json" "$out"
  t_eq "a sweep's title says no chunk" "set title 'Speedup over Sequential: CpuSweep, 10 tasks of size 1000'" \
    "$(grep -A1 "^set output '.*speedup-CpuSweep" "$gp" | sed -n 2p)"
  t_eq "the Knobs family's title says knobs" "set title 'Speedup over Sequential: Knobs, 10 tasks, by knobs'" \
    "$(grep -A1 "^set output '.*speedup-Knobs" "$gp" | sed -n 2p)"
}

test_several_hosts() {
  out=$T_TMP/hosts
  (cd "$FIXTURES" && sh "$SCRIPTS/json2csv.sh" edge.json host2.json) >"$T_TMP/hosts.csv"
  t_run sh "$PLOT" "$T_TMP/hosts.csv" "$out"
  t_eq "two hosts: exit 0" 0 "$T_STATUS"
  t_eq "two hosts: names carry host and source, and tasks where a workload has two counts; no chart without a clean parallel run, no speedup chart without Sequential" \
    "speedup-vm-edge.json-Cpu.png|time-vm-edge.json-Cpu.png|time-vm-edge.json-Io-tasks3.png|time-vm-edge.json-Memory.png|" \
    "$(find "$out" -type f | sed 's|.*/||' | LC_ALL=C sort | tr '\n' '|')"
}

test_real_fixture() {
  [ -f "$FIXTURES/real-error.json" ] || { t_skip "real-error.json not captured yet"; return; }
  out=$T_TMP/real
  t_run sh "$PLOT" "$FIXTURES/real-error.json" "$out"
  t_eq "real-error: exit 0, four charts" "0:4" "$T_STATUS:$(find "$out" -name '*.png' | wc -l | tr -d ' ')"
}

# t_shows NAME INPUT: every chart plot.sh draws from INPUT (a file; CSV or
# JSON) shows what it should, as gnuplot drew it: each point inside the
# axes, each legend entry with points, each measured cell at its value
# (test/scripts/shown_check.awk).
t_shows() {
  _out=$T_TMP/shown
  rm -rf "$_out"
  t_run sh "$PLOT" --shown="$_out.tsv" "$2" "$_out"
  if [ "$T_STATUS" -ne 0 ]; then
    t_fail "$1: plot.sh failed" "$(head -n 3 "$T_TMP/err")"
    return
  fi
  sh "$SCRIPTS/table.sh" --tsv "$2" >"$T_TMP/cells.tsv"
  _charts=$(find "$_out" -name '*.png' | wc -l | tr -d ' ')
  _shown=$(awk -F '\t' 'NR > 1 { print $1 }' "$_out.tsv" | sort -u | wc -l | tr -d ' ')
  t_eq "$1: every chart's points recorded" "$_charts" "$_shown"
  if awk -F '\t' -f "$ROOT/test/scripts/shown_check.awk" "$T_TMP/cells.tsv" "$_out.tsv" >"$T_TMP/problems"; then
    t_pass "$1: $_charts charts show every cell inside their axes, every legend entry with points"
  else
    t_fail "$1: what the charts show" "$(head -n 8 "$T_TMP/problems")"
  fi
}

# What the charts show, on the fixtures and on the committed reference run.
test_shown() {
  t_shows "table.json" "$FIXTURES/table.json"
  t_shows "model.json (USL fits)" "$FIXTURES/model.json"
  (cd "$FIXTURES" && sh "$SCRIPTS/json2csv.sh" edge.json host2.json) >"$T_TMP/hosts.csv"
  t_shows "two hosts" "$T_TMP/hosts.csv"
  [ -f "$FIXTURES/real-error.json" ] && t_shows "real-error.json" "$FIXTURES/real-error.json"
  t_shows "the reference run" "$ROOT/results/vm-20261125-145342/bench.json"
  # The check itself: a chart whose y axis stops below a point is caught.
  sh "$SCRIPTS/table.sh" --tsv "$FIXTURES/table.json" |
    awk -F '\t' 'NR == 1 || ($3 == "Cpu" && $7 == "ThreadPool (warm)" && $8 == 2)' >"$T_TMP/cut-cells.tsv"
  printf '%s\n' "chart	series	x	y	where	xmin	xmax	ymin	ymax" \
    "speedup-Cpu.png	ideal (speedup = workers)	1	1	inside	0.8	5	0	1.25" \
    "speedup-Cpu.png	ThreadPool (warm)	2	1.923	outside	0.8	5	0	1.25" \
    "time-Cpu.png	ThreadPool (warm)	2	52	inside	0.8	5	30	130" >"$T_TMP/cut.tsv"
  t_eq "the check catches a point above the axis" \
    "speedup-Cpu.png: 'ThreadPool (warm)' has a point outside at (2, 1.923)|speedup-Cpu.png: legend entry 'ThreadPool (warm)' has no point inside the axes|" \
    "$(awk -F '\t' -f "$ROOT/test/scripts/shown_check.awk" "$T_TMP/cut-cells.tsv" "$T_TMP/cut.tsv" | tr '\n' '|')"
}

test_bad_input() {
  t_make_bad_inputs
  bad=$T_TMP/bad
  out=$T_TMP/none
  t_usage_error "unknown option" sh "$PLOT" --frobnicate
  t_usage_error "missing file" sh "$PLOT" "$bad/nosuch.csv" "$out"
  t_usage_error "empty file" sh "$PLOT" "$bad/empty.json" "$out"
  t_usage_error "invalid JSON" sh "$PLOT" "$bad/garbage.json" "$out"
  t_usage_error "JSON without benchmarks" sh "$PLOT" "$bad/nobench.json" "$out"
  printf %s '{"benchmarks": [{"name": "BM_x", "run_name": "BM_x", "run_type": "iteration", "iterations": 1, "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]}' >"$bad/other.json"
  t_usage_error "nothing to plot" sh "$PLOT" "$bad/other.json" "$out"
  t_usage_error "three arguments" sh "$PLOT" a b c
  t_usage_error "OUTDIR a file" sh "$PLOT" "$FIXTURES/table.json" "$bad/empty.json"
  t_usage_error "--shown a directory" sh "$PLOT" --shown="$bad" "$FIXTURES/table.json" "$out"
  if [ -e "$out" ]; then t_fail "no output directory on bad input"; else t_pass "no output directory on bad input"; fi
}

main() {
  test_usage
  if command -v gnuplot >/dev/null 2>&1; then
    test_plots
    test_several_hosts
    test_real_fixture
    test_shown
  else
    t_skip "charts (gnuplot not installed)"
  fi
  test_series
  test_bad_input
  t_finish
}

main "$@" || exit 1
