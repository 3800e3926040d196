#!/bin/sh
# Tests scripts/history.sh on synthetic Google Benchmark JSON made here with
# jq: adding runs (rows, fingerprint, revision, duplicates), the report
# (no change, a step found at the right revision, the newest run starting a
# slowdown, a change of machine), every bad input (exit 2, one line, the
# history untouched) and the atomicity of add.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

HISTORY="$SCRIPTS/history.sh"
BENCH_NAME="Cpu/Sequential/workers:1/tasks:4/real_time"

# mkrun FILE LEVEL_MS [CONTEXT_JSON [REPS]]: a run of two benchmarks with
# REPS (default 4) repetitions: $BENCH_NAME at LEVEL_MS + 0.1 ms per
# repetition index, and BM_other/8 at 500 ns; CONTEXT_JSON is merged into
# a parbench-like context.
mkrun() {
  jq -n --argjson level "$2" --argjson extra "${3:-{\}}" --argjson reps "${4:-4}" --arg name "$BENCH_NAME" '{
    context: ({date: "2026-11-25T10:00:00+00:00", host_name: "vm", executable: "./bench",
      num_cpus: 2, mhz_per_cpu: 2596, cpu_scaling_enabled: false,
      caches: [{type: "Data", level: 1, size: 32768, num_sharing: 1}],
      load_avg: [1, 1, 1], library_build_type: "debug",
      parbench_cpu_model: "AMD EPYC", parbench_usable_cpus: "2", parbench_kernel: "6.1.0",
      parbench_compiler: "gcc 12.2.0", parbench_build_type: "Release",
      parbench_benchmark_version: "1.7.1", parbench_revision: "abc123"} + $extra),
    benchmarks: [range(0; $reps) as $i
      | {name: $name, run_name: $name, run_type: "iteration", repetitions: $reps,
         repetition_index: $i, iterations: 10, real_time: ($level + 0.1 * $i), cpu_time: 1,
         time_unit: "ms"},
        {name: "BM_other/8", run_name: "BM_other/8", run_type: "iteration", repetitions: $reps,
         repetition_index: $i, iterations: 100, real_time: 500, cpu_time: 500, time_unit: "ns"}]}' >"$1"
}

# series DIR REVPREFIX LEVEL... : adds one run per level, revisions
# REVPREFIX1, REVPREFIX2, ... (numbered from the runs DIR already has).
series() {
  _dir=$1 _prefix=$2
  shift 2
  for _level in "$@"; do
    _n=$(($(find "$_dir/runs" -name '*.json' 2>/dev/null | wc -l) + 1))
    mkrun "$T_TMP/s.json" "$_level" "${SERIES_CONTEXT:-{\}}"
    sh "$HISTORY" add --dir "$_dir" --rev "$_prefix$_n" "$T_TMP/s.json" >/dev/null ||
      t_fail "series: add $_prefix$_n failed"
  done
}

# noise N LEVEL SEED: N levels around LEVEL, +-1.5 % uniform.
noise() {
  awk -v n="$1" -v level="$2" -v seed="$3" 'BEGIN {
    srand(seed)
    for (i = 1; i <= n; i++) printf "%.4f\n", level * (1 + (rand() - 0.5) * 0.03)
  }' </dev/null
}

# snapshot DIR: every path under DIR with the checksum of each file.
snapshot() {
  find "$1" | sort | while IFS= read -r _p; do
    if [ -f "$_p" ]; then printf '%s %s\n' "$(cksum <"$_p")" "$_p"; else printf 'dir %s\n' "$_p"; fi
  done
}

# bad_add NAME ARGS...: history.sh ARGS is bad input (exit 2, one line,
# nothing on stdout) and leaves $T_TMP/h byte for byte as it was.
bad_input() {
  _name=$1
  shift
  snapshot "$T_TMP/h" >"$T_TMP/before"
  t_usage_error "$_name" sh "$HISTORY" "$@"
  snapshot "$T_TMP/h" >"$T_TMP/after"
  t_same_file "$_name: the history is untouched" "$T_TMP/before" "$T_TMP/after"
}

csv_field() { # csv_field FILE LINE COLUMN (no quoted commas in these files' first columns)
  awk -F, -v l="$2" -v c="$3" 'NR == l { print $c }' "$1"
}

test_usage() {
  t_run sh "$HISTORY" -h
  t_eq "-h: exit 0" 0 "$T_STATUS"
  t_check "-h: usage" grep -q '^usage: history.sh add' "$T_TMP/out"
  t_run sh "$HISTORY" report -h
  t_eq "report -h: exit 0, usage" "0 yes" "$T_STATUS $(grep -q '^usage:' "$T_TMP/out" && echo yes)"
}

test_add() {
  mkdir "$T_TMP/h"
  mkrun "$T_TMP/r1.json" 10
  t_run sh "$HISTORY" add --dir "$T_TMP/h" --rev r1 "$T_TMP/r1.json"
  t_eq "add: exit 0" 0 "$T_STATUS"
  t_check "add: says what it added" grep -q '^added run 1 to .*: rev r1, .*, 2 benchmarks$' "$T_TMP/out"
  t_eq "add: runs.csv, header and one run" 2 "$(wc -l <"$T_TMP/h/runs.csv" | tr -d ' ')"
  t_eq "add: history.csv, header and a row per benchmark" \
    "run,rev,date,fingerprint,benchmark,median_ns,n,min_ns,q1_ns,q3_ns,max_ns" "$(head -n 1 "$T_TMP/h/history.csv")"
  fp=$(csv_field "$T_TMP/h/runs.csv" 2 4)
  t_eq "add: the row of the repetitions' median, count, min, quartiles, max (ns)" \
    "1,r1,2026-11-25T10:00:00+00:00,$fp,$BENCH_NAME,10150000,4,10000000,10075000,10225000,10300000" \
    "$(sed -n 2p "$T_TMP/h/history.csv")"
  t_eq "add: the JSON kept as it is" "" \
    "$(cmp "$T_TMP/r1.json" "$T_TMP/h/runs/0001-20261125-100000-r1-$fp.json" 2>&1)"
  t_eq "add: runs.csv names the file and the machine" \
    "runs/0001-20261125-100000-r1-$fp.json" "$(csv_field "$T_TMP/h/runs.csv" 2 5)"
  t_check "add: the machine description" grep -q 'cpu_model=AMD EPYC; num_cpus=2; usable_cpus=2; caches=L1 Data 32768/1; kernel=6.1.0; compiler=gcc 12.2.0; build_type=Release; library_version=1.7.1; library_build_type=debug' "$T_TMP/h/runs.csv"

  t_run sh "$HISTORY" add --dir="$T_TMP/h" "$T_TMP/r1.json"
  t_eq "add: the revision from parbench_revision" "0 abc123" "$T_STATUS $(csv_field "$T_TMP/h/runs.csv" 3 2)"
  bad_input "add: the same revision on the same machine again" add --dir "$T_TMP/h" "$T_TMP/r1.json"
  t_run sh "$HISTORY" add --dir "$T_TMP/h" --force "$T_TMP/r1.json"
  t_eq "add --force: added again, as run 3" "0 3" "$T_STATUS $(csv_field "$T_TMP/h/runs.csv" 4 1)"
  t_eq "add: nothing already there rewritten (rows of run 1 unchanged)" \
    "1,r1,2026-11-25T10:00:00+00:00,$fp,$BENCH_NAME,10150000,4,10000000,10075000,10225000,10300000" \
    "$(sed -n 2p "$T_TMP/h/history.csv")"

  # Aggregates only: the median aggregate, its repetitions, no spread.
  jq '.benchmarks = [{name: "X/y_median", run_name: "X/y", run_type: "aggregate", aggregate_name: "median",
      repetitions: 7, real_time: 2, time_unit: "us", cpu_time: 2},
     {name: "X/y_mean", run_name: "X/y", run_type: "aggregate", aggregate_name: "mean",
      repetitions: 7, real_time: 3, time_unit: "us", cpu_time: 3}]' "$T_TMP/r1.json" >"$T_TMP/agg.json"
  mkdir "$T_TMP/agg"
  sh "$HISTORY" add --dir "$T_TMP/agg" --rev a "$T_TMP/agg.json" >/dev/null
  t_eq "add: aggregates only: the median aggregate, n its repetitions, no spread" \
    "X/y,2000,7,,,," "$(sed -n 2p "$T_TMP/agg/history.csv" | cut -d, -f5-)"

  # A run from before issue 12: a bare NaN in the cv rows of its counter.
  mkdir "$T_TMP/old"
  t_run sh "$HISTORY" add --dir "$T_TMP/old" --rev old "$FIXTURES/edge.json"
  t_eq "add: an old run with NaN counters is read" 0 "$T_STATUS"
  t_run sh "$HISTORY" add --dir "$T_TMP/old" "$FIXTURES/real-reps.json"
  t_eq "add: a real bench run" 0 "$T_STATUS"
}

test_fingerprint() {
  mkrun "$T_TMP/f1.json" 10
  mkrun "$T_TMP/f2.json" 20 '{"host_name": "elsewhere", "date": "2027-01-01T00:00:00+00:00", "load_avg": [9, 9, 9]}'
  mkrun "$T_TMP/f3.json" 10 '{"parbench_kernel": "6.5.0"}'
  fp1=$(sh "$HISTORY" fingerprint "$T_TMP/f1.json" | cut -d' ' -f1)
  t_check "fingerprint: 8 hex digits" sh -c "printf '%s' '$fp1' | grep -Eqx '[0-9a-f]{8}'"
  t_eq "fingerprint: not the host name, the date, the load or the times" "$fp1" \
    "$(sh "$HISTORY" fingerprint "$T_TMP/f2.json" | cut -d' ' -f1)"
  t_check "fingerprint: the kernel is part of it" \
    test "$fp1" != "$(sh "$HISTORY" fingerprint "$T_TMP/f3.json" | cut -d' ' -f1)"
  # Another tool's Google Benchmark JSON: no parbench keys, no revision.
  jq '.context |= with_entries(select(.key | startswith("parbench_") | not))' "$T_TMP/f1.json" >"$T_TMP/plain.json"
  t_eq "fingerprint of plain Google Benchmark JSON: from what is there (mhz_per_cpu without a CPU model)" \
    "num_cpus=2; mhz_per_cpu=2596; caches=L1 Data 32768/1; library_build_type=debug" \
    "$(sh "$HISTORY" fingerprint "$T_TMP/plain.json" | cut -d' ' -f2-)"
  jq '.context |= {date}' "$T_TMP/f1.json" >"$T_TMP/bare.json"
  t_eq "fingerprint of a context with nothing about the machine" "(nothing known)" \
    "$(sh "$HISTORY" fingerprint "$T_TMP/bare.json" | cut -d' ' -f2-)"
  mkdir "$T_TMP/plain"
  t_run sh "$HISTORY" add --dir "$T_TMP/plain" --rev v1 "$T_TMP/plain.json"
  t_eq "add: plain Google Benchmark JSON with --rev" 0 "$T_STATUS"
  t_run sh "$HISTORY" add --dir "$T_TMP/plain" --rev v2 --expect-fingerprint "$(sh "$HISTORY" fingerprint "$T_TMP/plain.json" | cut -d' ' -f1)" "$T_TMP/plain.json"
  t_eq "add --expect-fingerprint: the same machine" 0 "$T_STATUS"
}

test_report_no_change() {
  mkdir "$T_TMP/flat"
  # shellcheck disable=SC2046 # one level per word
  series "$T_TMP/flat" r $(noise 16 10 1)
  t_run sh "$HISTORY" report --dir "$T_TMP/flat"
  t_eq "no change: exit 0" 0 "$T_STATUS"
  t_has_line "no change: says so" "$T_TMP/out" "no change points"
  t_check "no change: 16 runs, 2 benchmarks, 1 machine" grep -q '^16 runs, 2 benchmarks, 1 machine\.' "$T_TMP/out"
  t_check "no change: the newest run starts nothing" grep -q '^The newest run, rev r16 (run 16, 2026-11-25), starts no slowdown beyond 5 %: ' "$T_TMP/out"
}

test_report_step() {
  mkdir "$T_TMP/step"
  # shellcheck disable=SC2046
  series "$T_TMP/step" r $(noise 11 10 2) $(noise 9 11 3)
  t_run sh "$HISTORY" report --dir "$T_TMP/step" --out "$T_TMP/step-report"
  t_eq "step: exit 0 (the newest run does not start it)" 0 "$T_STATUS"
  t_eq "step: one line, beginning with the benchmark, naming rev r12 and the step" 1 \
    "$(grep -Ec "^$BENCH_NAME: \+(9|10|11)\.[0-9] % \(slower\) from rev r12 \(run 12, 2026-11-25\), 10\.[0-9]+ ms → 1[01]\.[0-9]+ ms, p = " "$T_TMP/out")"
  t_lacks "step: nothing found in the flat benchmark" "$T_TMP/out" "BM_other/8:"
  t_lacks "step: no 'no change points'" "$T_TMP/out" "no change points"
  t_same_file "step: --out writes summary.md, as printed" "$T_TMP/out" "$T_TMP/step-report/summary.md"
  t_eq "step: changepoints.csv, one step at run 12" "step,12" \
    "$(awk -F, 'NR > 1 { print $6 "," $3 }' "$T_TMP/step-report/changepoints.csv")"
  t_eq "step: series.csv, a row per run and benchmark, segment medians" "41 2" \
    "$(wc -l <"$T_TMP/step-report/series.csv" | tr -d ' ') $(awk -F, -v b="$BENCH_NAME" '$2 == b { print $12 }' "$T_TMP/step-report/series.csv" | sort -u | wc -l | tr -d ' ')"
  if command -v gnuplot >/dev/null 2>&1; then
    t_check "step: a trend chart per family" test -s "$T_TMP/step-report/trend-Cpu.png" -a -s "$T_TMP/step-report/trend-BM_other.png"
    t_check "step: the summary links the charts" grep -q '^- \[trend-Cpu.png\](trend-Cpu.png)$' "$T_TMP/step-report/summary.md"
  else
    t_skip "trend charts: gnuplot is not installed"
  fi
  # A 10 % step with a 15 % threshold is none.
  t_run sh "$HISTORY" report --dir "$T_TMP/step" --threshold 15
  t_has_line "step: within --threshold 15, no change points" "$T_TMP/out" "no change points"
}

test_report_newest() {
  mkdir "$T_TMP/newest"
  # shellcheck disable=SC2046
  series "$T_TMP/newest" r $(noise 9 10 4) 11.5
  t_run sh "$HISTORY" report --dir "$T_TMP/newest"
  t_eq "one run 15 % slower: exit 0 (one run is no evidence)" 0 "$T_STATUS"
  t_has_line "one run 15 % slower: no change point" "$T_TMP/out" "no change points"
  t_check "one run 15 % slower: an unconfirmed hint, beginning with the benchmark" \
    grep -q "^$BENCH_NAME: +1[4-6]\.[0-9] % in the newest run against the median of the 9 runs since the last change point" "$T_TMP/out"
  # More slow runs, a report after each, as CI makes one per push: exit 1
  # once, on the run that makes the change point appear, naming rev r10.
  statuses=""
  for level in $(noise 6 11.5 7); do
    series "$T_TMP/newest" r "$level"
    t_run sh "$HISTORY" report --dir "$T_TMP/newest"
    statuses="$statuses$T_STATUS"
    [ "$T_STATUS" -ne 1 ] || cp "$T_TMP/out" "$T_TMP/alert.md"
  done
  t_eq "reports after each slow run: exit 1 once, when the step shows" 1 "$(printf '%s' "$statuses" | tr -cd 1 | wc -c | tr -d ' ')"
  t_eq "... and 0 after it" 0 "$(printf '%s' "$statuses" | sed 's/.*1//' | tr -d 0 | wc -c | tr -d ' ')"
  t_check "the alert names the step at rev r10, new with the newest run" \
    grep -q "^$BENCH_NAME: +1[4-6]\.[0-9] % (slower) from rev r10 (run 10, .*; new with the newest run$" "$T_TMP/alert.md"
  t_check "the alert says the newest run starts it" grep -q '^The newest run, rev r1[2-6] (.*), starts 1 slowdown: ' "$T_TMP/alert.md"
}

test_report_machines() {
  mkdir "$T_TMP/mach"
  # shellcheck disable=SC2046
  series "$T_TMP/mach" a $(noise 8 10 5)
  # shellcheck disable=SC2046
  SERIES_CONTEXT='{"parbench_kernel": "6.5.0"}' series "$T_TMP/mach" b $(noise 8 12 6)
  t_run sh "$HISTORY" report --dir "$T_TMP/mach" --out "$T_TMP/mach-report"
  t_eq "machine change: exit 0" 0 "$T_STATUS"
  t_has_line "machine change: 20 % slower machine, no change point across it" "$T_TMP/out" "no change points"
  t_check "machine change: said, with what changed" \
    grep -q '^The machine changed at rev b9 (run 9, 2026-11-25): [0-9a-f]\{8\} → [0-9a-f]\{8\} (kernel 6\.1\.0 → 6\.5\.0)\.' "$T_TMP/out"
  t_eq "machine change: two series per benchmark in series.csv" 2 \
    "$(awk -F, -v b="$BENCH_NAME" '$2 == b { print $1 }' "$T_TMP/mach-report/series.csv" | sort -u | wc -l | tr -d ' ')"
  fp_b=$(awk -F, 'END { print $4 }' "$T_TMP/mach/runs.csv")
  t_run sh "$HISTORY" report --dir "$T_TMP/mach" --fingerprint "$fp_b"
  t_check "--fingerprint: that machine's runs only" grep -q '^8 runs, 2 benchmarks, 1 machine\.' "$T_TMP/out"
  # A newest run on a new machine has nothing to be compared with.
  mkrun "$T_TMP/m.json" 30 '{"num_cpus": 64}'
  sh "$HISTORY" add --dir "$T_TMP/mach" --rev c1 "$T_TMP/m.json" >/dev/null
  t_run sh "$HISTORY" report --dir "$T_TMP/mach"
  t_eq "a new machine's first run: exit 0" 0 "$T_STATUS"
  t_check "a new machine's first run: said" grep -q '^The newest run, rev c1 (run 17, 2026-11-25), is the first of machine' "$T_TMP/out"
}

test_bad_input() {
  # The history $T_TMP/h from test_add, checked untouched after each.
  bad_input "add: no such DIR" add --dir "$T_TMP/nodir" "$T_TMP/r1.json"
  bad_input "report: no such DIR" report --dir "$T_TMP/nodir"
  : >"$T_TMP/afile"
  bad_input "add: DIR a file" add --dir "$T_TMP/afile" "$T_TMP/r1.json"
  mkdir -p "$T_TMP/empty"
  bad_input "report: an empty DIR" report --dir "$T_TMP/empty"
  printf '%s\n' '{"machine_info": {}, "benchmarks": [{"group": null, "name": "test_x", "stats": {"min": 1.0}}]}' >"$T_TMP/pytest.json"
  bad_input "add: JSON from another tool (pytest-benchmark)" add --dir "$T_TMP/h" --rev x "$T_TMP/pytest.json"
  jq 'del(.benchmarks[0].real_time)' "$T_TMP/r1.json" >"$T_TMP/notime.json"
  bad_input "add: a benchmark record without real_time" add --dir "$T_TMP/h" --rev x "$T_TMP/notime.json"
  jq '.benchmarks[0].time_unit = "fortnights"' "$T_TMP/r1.json" >"$T_TMP/unit.json"
  bad_input "add: an unknown time unit" add --dir "$T_TMP/h" --rev x "$T_TMP/unit.json"
  jq '.benchmarks |= map(.error_occurred = true | .error_message = "x")' "$T_TMP/r1.json" >"$T_TMP/allerr.json"
  bad_input "add: no benchmark with a time" add --dir "$T_TMP/h" --rev x "$T_TMP/allerr.json"
  t_make_bad_inputs
  for f in empty blank truncated garbage nobench notarray array twodocs; do
    bad_input "add: bad JSON ($f)" add --dir "$T_TMP/h" --rev x "$T_TMP/bad/$f.json"
  done
  bad_input "add: no such RUN.json" add --dir "$T_TMP/h" --rev x "$T_TMP/none.json"
  jq 'del(.context.parbench_revision)' "$T_TMP/r1.json" >"$T_TMP/norev.json"
  bad_input "add: no revision (no --rev, no parbench_revision)" add --dir "$T_TMP/h" "$T_TMP/norev.json"
  bad_input "add: --expect-fingerprint of another machine" add --dir "$T_TMP/h" --rev x --expect-fingerprint 0badf00d "$T_TMP/r1.json"
  bad_input "unknown command" frobnicate --dir "$T_TMP/h"
  bad_input "no command" 
  bad_input "add: unknown option" add --dir "$T_TMP/h" --frobnicate "$T_TMP/r1.json"
  bad_input "add: an option without its value" add --dir "$T_TMP/h" "$T_TMP/r1.json" --rev
  bad_input "add: no --dir" add "$T_TMP/r1.json"
  bad_input "add: two runs" add --dir "$T_TMP/h" "$T_TMP/r1.json" "$T_TMP/r1.json"
  bad_input "report: unknown option" report --dir "$T_TMP/h" --frobnicate
  bad_input "report: bad --threshold" report --dir "$T_TMP/h" --threshold=lots
  bad_input "report: bad --alpha" report --dir "$T_TMP/h" --alpha 1.5
  bad_input "report: bad --min-runs" report --dir "$T_TMP/h" --min-runs 0
  bad_input "report: --fingerprint of no run" report --dir "$T_TMP/h" --fingerprint 0badf00d
  bad_input "report: --out a file" report --dir "$T_TMP/h" --out "$T_TMP/afile"
  bad_input "fingerprint: no RUN.json" fingerprint
  # A DIR that is not a history.
  mkdir "$T_TMP/nothist"
  printf 'a,b\n1,2\n' >"$T_TMP/nothist/runs.csv"
  printf 'a,b\n1,2\n' >"$T_TMP/nothist/history.csv"
  t_usage_error "report: a DIR whose CSV files are not a history's" sh "$HISTORY" report --dir "$T_TMP/nothist"
  t_usage_error "add: a DIR whose CSV files are not a history's" sh "$HISTORY" add --dir "$T_TMP/nothist" --rev x "$T_TMP/r1.json"
}

# add_between_snapshots ARGS...: `history add --dir $T_TMP/h ARGS`, with the
# history's snapshot before it in $T_TMP/before and after it in $T_TMP/after.
add_between_snapshots() {
  snapshot "$T_TMP/h" >"$T_TMP/before"
  t_run sh "$HISTORY" add --dir "$T_TMP/h" "$@"
  snapshot "$T_TMP/h" >"$T_TMP/after"
}

test_atomic() {
  # The file name the next add would take is taken: the add fails when it
  # moves files in, and puts back what was there.
  fp=$(csv_field "$T_TMP/h/runs.csv" 2 4)
  mkrun "$T_TMP/r9.json" 10
  : >"$T_TMP/h/runs/0004-20261125-100000-r9-$fp.json"
  add_between_snapshots --rev r9 "$T_TMP/r9.json"
  t_eq "a failure while moving in: exit 1, one line" "1 1" "$T_STATUS $(wc -l <"$T_TMP/err" | tr -d ' ')"
  t_same_file "a failure while moving in: the history as it was" "$T_TMP/before" "$T_TMP/after"
  rm "$T_TMP/h/runs/0004-20261125-100000-r9-$fp.json"

  # Another add at work (its lock): refused, nothing touched.
  mkdir "$T_TMP/h/.lock"
  add_between_snapshots --rev r9 "$T_TMP/r9.json"
  t_eq "locked: exit 1, says so" "1 yes" "$T_STATUS $(grep -q 'being changed by another' "$T_TMP/err" && echo yes)"
  t_same_file "locked: the history as it was" "$T_TMP/before" "$T_TMP/after"
  rmdir "$T_TMP/h/.lock"

  # Rows an interrupted add left in history.csv (their run is not in
  # runs.csv) are not part of the history, and their number is not reused.
  sed -n 's/^1,/7,/p' "$T_TMP/h/history.csv" | head -n 1 >"$T_TMP/orphan.csv"
  cat "$T_TMP/orphan.csv" >>"$T_TMP/h/history.csv"
  t_run sh "$HISTORY" report --dir "$T_TMP/h"
  t_check "orphan rows: not in the report" grep -q '^3 runs, 2 benchmarks' "$T_TMP/out"
  t_run sh "$HISTORY" add --dir "$T_TMP/h" --rev r9 "$T_TMP/r9.json"
  t_eq "orphan rows: the next run is number 8" "0 8" "$T_STATUS $(csv_field "$T_TMP/h/runs.csv" 5 1)"
  t_eq "nothing of an add is left behind" "" "$(find "$T_TMP/h" -name '.*' ! -name . | head -n 1)"
}

main() {
  command -v jq >/dev/null 2>&1 || { echo "history_test.sh: needs jq" >&2; exit 1; }
  test_usage
  test_add
  test_fingerprint
  test_report_no_change
  test_report_step
  test_report_newest
  test_report_machines
  test_bad_input
  test_atomic
  t_finish
}

main "$@" || exit 1
