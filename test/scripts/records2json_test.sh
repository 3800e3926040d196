#!/bin/sh
# scripts/records2json.sh: the records bench writes as it goes (--records)
# become the JSON Google Benchmark writes at the end, value for value; a torn
# last line is dropped with a warning; a bad line before it, a benchmark in
# two parts or no records is bad input. Run by ctest with BENCH=<bench>.
set -u
. "$(dirname "$0")/testlib.sh"

R2J="$SCRIPTS/records2json.sh"

# Three short benchmarks with two repetitions (so aggregates too), their
# records and Google Benchmark's own JSON of the same run.
make_run() {
  "$BENCH" --benchmark_filter='^Cpu/(Sequential|ThreadPool/warm)/' --workers=1,2 \
    --cpu_count=10000 --benchmark_min_time=0.01 --benchmark_repetitions=2 \
    --records="$T_TMP/$1.jsonl" --benchmark_out="$T_TMP/$1.json" >/dev/null 2>&1
}

test_same_as_google_benchmark() {
  t_run sh "$R2J" "$T_TMP/a.jsonl"
  t_check "a whole run converts (exit $T_STATUS)" test "$T_STATUS" -eq 0 -a ! -s "$T_TMP/err"
  jq -S . "$T_TMP/out" >"$T_TMP/merged"
  jq -S . "$T_TMP/a.json" >"$T_TMP/google"
  t_same_file "the records are Google Benchmark's JSON, value for value" "$T_TMP/google" \
    "$T_TMP/merged"
  t_run sh "$R2J" --names "$T_TMP/a.jsonl"
  t_eq "--names lists the finished benchmarks" \
    "$(jq -r '.benchmarks[] | select(.run_type == "iteration") | .run_name' "$T_TMP/a.json" | uniq)" \
    "$(cat "$T_TMP/out")"
  t_run sh "$SCRIPTS/json2csv.sh" "$T_TMP/merged"
  t_check "json2csv.sh reads the result" test "$T_STATUS" -eq 0
}

test_torn_last_line() {
  last=$(tail -n 1 "$T_TMP/a.jsonl" | jq -r .benchmark)
  # Cut in the middle of the last line, and cut only its newline.
  head -c -40 "$T_TMP/a.jsonl" >"$T_TMP/torn.jsonl"
  head -c -1 "$T_TMP/a.jsonl" >"$T_TMP/nonewline.jsonl"
  for file in torn nonewline; do
    t_run sh "$R2J" "$T_TMP/$file.jsonl"
    t_check "$file last line: still converts (exit $T_STATUS)" test "$T_STATUS" -eq 0
    t_check "$file last line: a one-line warning" test "$(grep -c 'line 4: torn' "$T_TMP/err")" -eq 1
    t_eq "$file last line: its benchmark is dropped, the others kept" "2 0" \
      "$(jq -r --arg last "$last" '[(.benchmarks | map(.run_name) | unique | length),
          ([.benchmarks[] | select(.run_name == $last)] | length)] | join(" ")' "$T_TMP/out")"
  done
  head -c 30 "$T_TMP/a.jsonl" >"$T_TMP/context-torn.jsonl"
  t_run sh "$R2J" "$T_TMP/context-torn.jsonl"
  t_check "a torn context and nothing else: no records, exit 2 (got $T_STATUS)" \
    test "$T_STATUS" -eq 2 -a ! -s "$T_TMP/out"
  t_check "... said in one line after the warning" grep -q ': no records in' "$T_TMP/err"
}

test_bad_input() {
  { head -n 2 "$T_TMP/a.jsonl"; echo '{"benchmark": "x"'; tail -n 1 "$T_TMP/a.jsonl"; } \
    >"$T_TMP/middle.jsonl"
  t_usage_error "a bad line before the last" sh "$R2J" "$T_TMP/middle.jsonl"
  tail -n 2 "$T_TMP/a.jsonl" >"$T_TMP/nocontext.jsonl"
  t_usage_error "no context line first" sh "$R2J" "$T_TMP/nocontext.jsonl"
  t_usage_error "a benchmark in two parts" sh "$R2J" "$T_TMP/a.jsonl" "$T_TMP/a.jsonl"
  t_usage_error "a missing file" sh "$R2J" "$T_TMP/none.jsonl"
  t_usage_error "no file" sh "$R2J"
  t_usage_error "an unknown option" sh "$R2J" --frobnicate "$T_TMP/a.jsonl"
}

test_two_parts() {
  # Part 1 the first benchmark, part 2 the rest, with its own context.
  head -n 2 "$T_TMP/a.jsonl" >"$T_TMP/part1.jsonl"
  { head -n 1 "$T_TMP/b.jsonl"; tail -n +3 "$T_TMP/a.jsonl"; } >"$T_TMP/part2.jsonl"
  t_run sh "$R2J" "$T_TMP/part1.jsonl" "$T_TMP/part2.jsonl"
  t_check "two parts merge (exit $T_STATUS)" test "$T_STATUS" -eq 0
  t_eq "the context is the first part's" "$(jq -r .context.date "$T_TMP/a.json")" \
    "$(jq -r .context.date "$T_TMP/out")"
  t_eq "parbench_resumed: when the second part started" "$(jq -r .context.date "$T_TMP/b.json")" \
    "$(jq -r .context.parbench_resumed "$T_TMP/out")"
  t_eq "every record once, in order" "$(jq -c '[.benchmarks[].name]' "$T_TMP/a.json")" \
    "$(jq -c '[.benchmarks[].name]' "$T_TMP/out")"
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  t_run sh "$R2J" -h
  t_check "-h: usage, exit 0" test "$T_STATUS" -eq 0 -a -s "$T_TMP/out"
  make_run a || { t_fail "bench --records runs"; t_finish; exit 1; }
  make_run b || { t_fail "bench --records runs"; t_finish; exit 1; }
  t_usage_error "bench refuses a records file that exists" "$BENCH" --records="$T_TMP/a.jsonl" \
    --benchmark_filter=none
  test_same_as_google_benchmark
  test_torn_last_line
  test_bad_input
  test_two_parts
  t_finish
}

main "$@"
