#!/bin/sh
# Tests scripts/advise.sh: its answers on a fixture whose cost model is
# known (model.json: ThreadPool (warm) on 8 usable CPUs, a 1 ms round trip
# and 1 ms of dispatch per chunk, BareThreads scaling perfectly), on the
# committed reference run, and bad input: one line, exit status 2.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

ADVISE=$SCRIPTS/advise.sh

test_usage() {
  t_run sh "$ADVISE" -h
  t_eq "-h: exit 0" 0 "$T_STATUS"
  case $(cat "$T_TMP/out") in
    usage:*) t_pass "-h: usage line" ;;
    *) t_fail "-h: usage line" "got: $(cat "$T_TMP/out")" ;;
  esac
}

test_answers() {
  # 10 tasks of 10 ms: 100 ms ÷ 8 is 12.5 ms, but the busiest of 8 workers
  # runs 2 tasks (20 ms), plus 1 ms of round trip and 10 chunks of 1 ms.
  t_run sh "$ADVISE" --task=10ms --tasks=10 "$FIXTURES/model.json"
  t_eq "an answer: exit 0" 0 "$T_STATUS"
  t_has_line "the best choice, its speedup and spread" "$T_TMP/out" \
    "- Use: ThreadPool (warm) with 8 workers: expected 3.23× (±0.0 %), 31 ms instead of 100 ms."
  t_has_line "why: the overhead that dominates" "$T_TMP/out" \
    "- Why: what it loses against an ideal 8.00× is mostly dispatch per chunk (start-up and round trip 1 ms, dispatch 10 ms (10 chunks of 1), 8.00 effective workers of 8)."
  t_has_line "the cheapest within noise" "$T_TMP/out" \
    "- Cheapest within noise: this one; nothing cheaper comes within ±0.0 %."
  t_run sh "$ADVISE" --task=0.5ms --tasks=10 "$FIXTURES/model.json"
  t_has_line "tasks too small: Sequential" "$T_TMP/out" \
    "- Use: Sequential. The best parallel choice, ThreadPool (warm) with 8 workers, would give 0.42× (±0.0 %): not a gain beyond the noise."
  # The reference run the results guide names (the README figures test
  # finds it the same way).
  # shellcheck disable=SC2016 # backquotes of Markdown, not the shell
  ref=$ROOT/results/$(sed -n 's/^The reference run is `\([^`/]*\)\/`.*/\1/p' "$ROOT/results/README.md")
  if [ -f "$ref/bench.json" ]; then
    t_run sh "$ADVISE" --task=50ms --tasks=100 --kind=io "$ref"
    t_eq "I/O waits on the reference run: the Io family, many workers" "0:1" \
      "$T_STATUS:$(grep -c '^- Use: .* with 64 workers' "$T_TMP/out")"
    t_run sh "$ADVISE" --task=3ms --tasks=10 "$ref"
    t_eq "3 ms × 10 on the reference run: 2 workers" "0:1" "$T_STATUS:$(grep -c '^- Use: .* with 2 workers' "$T_TMP/out")"
  else
    t_skip "reference run not found"
  fi
}

test_bad_input() {
  t_make_bad_inputs
  bad=$T_TMP/bad
  m=$FIXTURES/model.json
  t_usage_error "no results folder: says how to make them" sh "$ADVISE" --task=3ms --tasks=10 "$T_TMP/nosuch"
  case $(cat "$T_TMP/err") in
    *scripts/run.sh*) t_pass "the message names scripts/run.sh" ;;
    *) t_fail "the message names scripts/run.sh" "$(cat "$T_TMP/err")" ;;
  esac
  mkdir -p "$T_TMP/emptydir"
  t_usage_error "a folder without bench.json" sh "$ADVISE" --task=3ms --tasks=10 "$T_TMP/emptydir"
  t_usage_error "no --task" sh "$ADVISE" --tasks=10 "$m"
  t_usage_error "a duration without unit" sh "$ADVISE" --task=50 --tasks=10 "$m"
  t_usage_error "a duration with a bad unit" sh "$ADVISE" --task=5min --tasks=10 "$m"
  t_usage_error "a zero duration" sh "$ADVISE" --task=0ms --tasks=10 "$m"
  t_usage_error "tasks not a number" sh "$ADVISE" --task=3ms --tasks=ten "$m"
  t_usage_error "zero tasks" sh "$ADVISE" --task=3ms --tasks=0 "$m"
  t_usage_error "no --tasks" sh "$ADVISE" --task=3ms "$m"
  t_usage_error "a bad kind" sh "$ADVISE" --task=3ms --tasks=10 --kind=gpu "$m"
  t_usage_error "an unknown option" sh "$ADVISE" --frobnicate "$m"
  t_usage_error "no RESULTS" sh "$ADVISE" --task=3ms --tasks=10
  t_usage_error "two RESULTS" sh "$ADVISE" --task=3ms --tasks=10 "$m" "$m"
  t_usage_error "invalid JSON" sh "$ADVISE" --task=3ms --tasks=10 "$bad/garbage.json"
  t_usage_error "empty file" sh "$ADVISE" --task=3ms --tasks=10 "$bad/empty.json"
  t_usage_error "no Io family for --kind=io" sh "$ADVISE" --task=3ms --tasks=10 --kind=io "$m"
  t_usage_error "no Overhead family: no model" sh "$ADVISE" --task=3ms --tasks=10 "$FIXTURES/table.json"
  t_run sh "$ADVISE" --task=3µs --tasks=10 "$m"
  t_eq "µs is understood" 0 "$T_STATUS"
}

main() {
  test_usage
  test_answers
  test_bad_input
  t_finish
}

main "$@" || exit 1
