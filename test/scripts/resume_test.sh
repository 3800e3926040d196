#!/bin/sh
# No run lost: scripts/run.sh with bench killed (SIGKILL) once a few
# benchmarks have finished, then --resume. The records written before the
# kill are kept byte for byte, the resumed run measures only what was
# missing, and the merged result holds every benchmark exactly once and is
# read by json2csv.sh and table.sh. Also the resume's refusals: other
# arguments, no run, a finished run. Run by ctest with BENCH=<bench>.
set -u
. "$(dirname "$0")/testlib.sh"

RUN="$SCRIPTS/run.sh"
# The Io benchmarks, a fifth of a second each (tasks that wait): a run of
# several seconds, one record line per benchmark (one repetition).
ARGS="--repetitions=1 --benchmark_filter=^Io/ --io_latency_ms=20 --tasks=2 --workers=1,2"

# The number of lines in file $1 (0 while it does not exist).
lines_of() {
  if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

# True once part 1 holds its context and three finished benchmarks.
three_finished() {
  [ "$(lines_of "$PART1")" -ge 4 ]
}

# The bench process run.sh started: its child named bench.
bench_of_run() {
  pgrep -x -P "$run_pid" bench
}

test_kill_and_resume() {
  out=$T_TMP/run
  PART1=$out.partial/records/part-1.jsonl
  # shellcheck disable=SC2086 # ARGS is a list of flags
  sh "$RUN" --bench="$BENCH" --out="$out" $ARGS >"$T_TMP/run1.out" 2>"$T_TMP/run1.err" &
  run_pid=$!
  t_check "the run writes its records as benchmarks finish" within 120 three_finished
  bench_pid=$(bench_of_run)
  t_check "bench runs under run.sh" test -n "$bench_pid"
  [ -n "$bench_pid" ] && kill -9 "$bench_pid"
  status=0
  wait "$run_pid" || status=$?
  run_pid=""
  t_check "run.sh fails when bench is killed (exit $status)" test "$status" -eq 1
  t_check "run.sh says how to resume" grep -q -- "--resume=$out.partial" "$T_TMP/run1.err"
  t_check "no results folder for a run that stopped" test ! -e "$out"
  cp "$PART1" "$T_TMP/part1.before"
  finished=$(($(lines_of "$PART1") - 1))
  selected=$(lines_of "$out.partial/records/selected")
  t_check "killed mid-run: $finished of $selected benchmarks finished" \
    test "$finished" -ge 3 -a "$finished" -lt "$selected"

  # shellcheck disable=SC2086
  t_usage_error "resume with other arguments" sh "$RUN" --bench="$BENCH" --resume="$out.partial" \
    $ARGS --tasks=3
  t_run sh "$RUN" --bench="$BENCH" --resume="$out"
  t_check "resume exits 0 (got $T_STATUS)" test "$T_STATUS" -eq 0
  [ "$T_STATUS" -eq 0 ] || tail -n 5 "$T_TMP/err" | sed 's/^/      /'
  t_same_file "the records before the kill are kept byte for byte" \
    "$T_TMP/part1.before" "$out/records/part-1.jsonl"
  part2=$(($(lines_of "$out/records/part-2.jsonl") - 1))
  t_eq "part 2 ran only the missing benchmarks" "$((selected - finished))" "$part2"
  jq -r '.benchmarks[] | select(.run_type == "iteration") | .run_name' "$out/bench.json" |
    sort >"$T_TMP/merged"
  sort "$out/records/selected" >"$T_TMP/selected"
  t_same_file "the merged result has every benchmark exactly once" \
    "$T_TMP/selected" "$T_TMP/merged"
  first_date=$(head -n 1 "$T_TMP/part1.before" | jq -r .context.date)
  t_eq "the merged context is the first part's" "$first_date" \
    "$(jq -r .context.date "$out/bench.json")"
  t_eq "the context says when the run was resumed" \
    "$(head -n 1 "$out/records/part-2.jsonl" | jq -r .context.date)" \
    "$(jq -r .context.parbench_resumed "$out/bench.json")"
  t_check "run.sh made the tables of the merged run" test -s "$out/tables.md"
  t_run sh "$SCRIPTS/json2csv.sh" "$out/bench.json"
  rows=$(($(grep -c . "$T_TMP/out") - 1))
  t_check "json2csv.sh reads the merged result ($rows rows)" test "$T_STATUS" -eq 0 -a "$rows" -eq "$selected"
  cp "$T_TMP/out" "$T_TMP/merged.csv"
  t_run sh "$SCRIPTS/table.sh" "$T_TMP/merged.csv"
  t_check "table.sh reads it" test "$T_STATUS" -eq 0 -a -s "$T_TMP/out"

  t_usage_error "resume of a finished run" sh "$RUN" --bench="$BENCH" --resume="$out"
}

test_refusals() {
  t_usage_error "resume of no run" sh "$RUN" --bench="$BENCH" --resume="$T_TMP/nothing"
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  run_pid=""
  # Stopped half-way: the run this test started may not go on.
  trap '[ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null; rm -rf "$T_TMP"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  test_kill_and_resume
  test_refusals
  t_finish
}

main "$@"
