#!/bin/sh
# Tests scripts/seed.sh at tiny sizes: the shape of its Google Benchmark JSON
# (context, names in parbench's scheme with lang:python, repetitions and
# aggregates), the tutorial's file, --like, its table, the step without
# python3, bad input, and that its defaults are bench's.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

SEED=$SCRIPTS/seed.sh
TINY="--cpu_count=1000 --io_latency_ms=1 --tasks=2 --workers=1,2 --repetitions=2"

# The names a run at workers 1,2 and 2 tasks must hold, sorted.
expected_names() {
  for wl in Cpu Io; do
    printf '%s\n' "$wl/Sequential/workers:1/tasks:2/lang:python/real_time"
    for s in ProcessPool ThreadPool; do
      for api in multiprocessing futures; do
        for w in 1 2; do
          printf '%s\n' "$wl/$s/cold/workers:$w/tasks:2/lang:python/api:$api/real_time"
        done
      done
    done
  done | LC_ALL=C sort
}

test_shape() {
  out=$T_TMP/seed
  # shellcheck disable=SC2086 # TINY is a list of options
  t_run sh "$SEED" --out="$out" $TINY --tutorial_cpu_count=1000 --tutorial_io_latency_ms=2
  t_eq "tiny run: exit 0" 0 "$T_STATUS"
  t_eq "tiny run: prints what it wrote" "$out/seed-parbench.json|$out/seed-tutorial.json|$out/tables.md|" \
    "$(tr '\n' '|' <"$T_TMP/out")"
  j=$out/seed-parbench.json
  t_eq "context: the language, the sizes, the workers" "python|1000|1|2|1,2|parbench" \
    "$(jq -r '.context | [.parbench_language, .parbench_cpu_count, .parbench_io_latency_ms, .parbench_tasks, .parbench_workers, .parbench_seed_sizes] | join("|")' "$j")"
  t_eq "context: CPython and Google Benchmark's keys" "true" \
    "$(jq '.context | (.parbench_python | startswith("CPython")) and (.num_cpus | type == "number") and (.host_name | type == "string") and (.date | type == "string")' "$j")"
  t_eq "names: parbench's scheme, every strategy at every worker count, lang:python" \
    "$(expected_names)" "$(jq -r '[.benchmarks[] | select(.run_type == "iteration") | .run_name] | unique[]' "$j")"
  t_eq "every name parses as parbench's (json2csv's workload, strategy, workers)" "0" \
    "$(sh "$SCRIPTS/json2csv.sh" "$j" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["workload"] == "" || $c["strategy"] == "" || $c["workers"] == "" { n++ } END { print n + 0 }')"
  t_eq "iterations: two repetitions each, Google Benchmark's fields, no error" "true" \
    "$(jq '[.benchmarks[] | select(.run_type == "iteration")] | group_by(.run_name)
      | all(length == 2 and ([.[].repetition_index] | sort) == [0, 1]
        and all(.[]; .repetitions == 2 and .iterations == 1 and .threads == 1 and .time_unit == "ms"
          and .real_time > 0 and .cpu_time >= 0 and .total_cpu_s >= 0 and (has("error_occurred") | not)))' "$j")"
  t_eq "aggregates: mean, median, stddev and cv of each" "true" \
    "$(jq '[.benchmarks[] | select(.run_type == "aggregate")] | group_by(.run_name)
      | length == 18 and all(([.[].aggregate_name] | sort) == ["cv", "mean", "median", "stddev"]
        and all(.[]; .name == .run_name + "_" + .aggregate_name and .iterations == 2
          and .aggregate_unit == (if .aggregate_name == "cv" then "percentage" else "time" end)))' "$j")"
  t_eq "a median lies between its repetitions" "true" \
    "$(jq '[.benchmarks[] | select(.run_type == "iteration")] as $it
      | [.benchmarks[] | select(.aggregate_name == "median")]
      | all(.run_name as $n | .real_time as $m | [$it[] | select(.run_name == $n) | .real_time]
        | min <= $m and $m <= max)' "$j")"
  t="$out/seed-tutorial.json"
  t_eq "tutorial: its sizes, 10 tasks on 10 workers; its count is parbench's, so only Io" \
    "tutorial|2|10|10|Io" \
    "$(jq -r '.context | [.parbench_seed_sizes, .parbench_io_latency_ms, .parbench_tasks, .parbench_workers, .parbench_workloads] | join("|")' "$t")"
  t_eq "tutorial: Sequential and the four pools at 10 workers" \
    "Io/ProcessPool/cold/workers:10/tasks:10/lang:python/api:futures/real_time|Io/ProcessPool/cold/workers:10/tasks:10/lang:python/api:multiprocessing/real_time|Io/Sequential/workers:1/tasks:10/lang:python/real_time|Io/ThreadPool/cold/workers:10/tasks:10/lang:python/api:futures/real_time|Io/ThreadPool/cold/workers:10/tasks:10/lang:python/api:multiprocessing/real_time|" \
    "$(jq -r '[.benchmarks[] | .run_name] | unique[]' "$t" | tr '\n' '|')"
  for row in "Sequential (lang python)" "ThreadPool (cold, lang python, api futures)" \
    "ProcessPool (cold, lang python, api multiprocessing)"; do
    if grep -Fq "| $row |" "$out/tables.md"; then
      t_pass "tables.md: a row $row"
    else
      t_fail "tables.md: a row $row"
    fi
  done
}

test_like() {
  jq -n '{context: {parbench_cpu_count: "500", parbench_io_latency_ms: "2", parbench_tasks: "3"}, benchmarks: []}' >"$T_TMP/like.json"
  t_run sh "$SEED" --out="$T_TMP/like" --like="$T_TMP/like.json" --sizes=parbench --workers=1 --repetitions=1
  t_eq "--like: exit 0, only the parbench file" "0:seed-parbench.json tables.md" "$T_STATUS:$(find "$T_TMP/like" -type f | sed "s|.*/||" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
  t_eq "--like: the sizes of the bench run" "500|2|3" \
    "$(jq -r '.context | [.parbench_cpu_count, .parbench_io_latency_ms, .parbench_tasks] | join("|")' "$T_TMP/like/seed-parbench.json")"
  t_eq "one repetition: no aggregates" "0" \
    "$(jq '[.benchmarks[] | select(.run_type == "aggregate")] | length' "$T_TMP/like/seed-parbench.json")"
  t_usage_error "--like: a file without the sizes" sh "$SEED" --like="$FIXTURES/table.json" --out="$T_TMP/none"
}

test_no_python() {
  # A PATH with what seed.sh needs before it looks for python3, and no python3.
  mkdir -p "$T_TMP/nopy"
  for cmd in dirname tr; do ln -s "$(command -v "$cmd")" "$T_TMP/nopy/$cmd"; done
  t_run env PATH="$T_TMP/nopy" "$(command -v sh)" "$SEED" --out="$T_TMP/nopy-out"
  t_eq "without python3: exit 0, one line saying so, nothing written" \
    "0|seed.sh: python3 is not installed: the seed's experiment is left out (Debian: apt-get install python3)|0|absent" \
    "$T_STATUS|$(cat "$T_TMP/err")|$(wc -c <"$T_TMP/out" | tr -d ' ')|$([ -e "$T_TMP/nopy-out" ] && echo present || echo absent)"
}

test_bad_input() {
  none=$T_TMP/none
  t_usage_error "unknown argument" sh "$SEED" --frobnicate
  t_usage_error "zero repetitions" sh "$SEED" --repetitions=0 --out="$none"
  t_usage_error "a bad worker list" sh "$SEED" --workers=1,,2 --out="$none"
  t_usage_error "a count that is not a number" sh "$SEED" --cpu_count=1e6 --out="$none"
  t_usage_error "unknown sizes" sh "$SEED" --sizes=huge --out="$none"
  t_usage_error "--like: no such file" sh "$SEED" --like="$T_TMP/nosuch.json" --out="$none"
  if [ -e "$none" ]; then t_fail "no output on bad input"; else t_pass "no output on bad input"; fi
}

# seed.sh's defaults are bench's (its --help shows them, "  --tasks=10"), so that "parbench's
# sizes" stay what bench measures.
test_defaults() {
  if [ -z "${BENCH:-}" ] || [ ! -x "$BENCH" ]; then
    t_skip "defaults against bench's: no bench binary (BENCH)"
    return
  fi
  help=$("$BENCH" --help 2>&1)
  for pair in cpu_count:DEFAULT_CPU_COUNT io_latency_ms:DEFAULT_IO_LATENCY_MS tasks:DEFAULT_TASKS; do
    flag=${pair%%:*} var=${pair#*:}
    bench_default=$(printf '%s\n' "$help" | sed -n "s/^  --$flag=\([0-9]*\)$/\1/p")
    seed_default=$(sed -n "s/^$var=//p" "$SEED")
    t_eq "--$flag: seed.sh's default is bench's" "$bench_default" "$seed_default"
  done
}

main() {
  test_bad_input
  test_defaults
  test_no_python
  if ! command -v python3 >/dev/null 2>&1; then
    t_skip "the experiment's JSON: python3 is not installed"
    t_finish
    return
  fi
  test_shape
  test_like
  t_finish
}

main "$@" || exit 1
