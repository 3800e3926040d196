#!/bin/sh
# bench's JSON is strict JSON: no bare NaN or Infinity, which jq accepts but
# JSON parsers in other languages refuse. A short real run of every strategy
# family, the Chunk family and the overheads with their floors, two
# repetitions each so that Google Benchmark adds its mean, median, stddev
# and cv rows (a counter that is 0 in every repetition made a cv of 0/0,
# written as a bare NaN), through test/bench/strict_json.awk.
# Run by ctest with BENCH=<path to bench>.
set -u
# shellcheck source=../scripts/testlib.sh
. "$(dirname "$0")/../scripts/testlib.sh"

STRICT="$ROOT/test/bench/strict_json.awk"

# jq_true ARGS...: jq -e, its output dropped.
jq_true() {
  jq -e "$@" >/dev/null
}

strict() {
  awk -f "$STRICT" "$1" >"$T_TMP/strict.out"
}

test_checker() {
  printf '{"a": [1, -2.5e-05, 3E+10, true, false, null], "b": "NaN, Infinity \\" NaN"}\n' >"$T_TMP/good.json"
  t_check "checker: numbers, literals and NaN inside strings pass" strict "$T_TMP/good.json"
  for token in NaN Infinity -Infinity nan; do
    printf '{\n  "cv": %s,\n  "x": 1\n}\n' "$token" >"$T_TMP/bad.json"
    if strict "$T_TMP/bad.json"; then
      t_fail "checker: refuses a bare $token"
    else
      t_eq "checker: refuses a bare $token, names its line" "line 2: bare ${token#-}" "$(cat "$T_TMP/strict.out")"
    fi
  done
  t_check "checker: refuses the old counter's cv row (fixture edge.json)" \
    sh -c "! awk -f '$STRICT' '$FIXTURES/edge.json' >/dev/null"
}

test_real_run() {
  "$BENCH" --workers=2 --tasks=2 --cpu_count=10000 --io_latency_ms=1 --ionet_latency_ms=1 \
    --memory_ints=10000 --iofile_bytes=512 --compress_bytes=4096 --fork_resident_mib=0 \
    --benchmark_filter='^[^/]+/[^/]+(/[a-z]+)?/workers:[0-9]+/tasks:2/|^Overhead/(StartStop|RoundTrip|PerTask|ProcessStart|Fork)/|^Floor/(Fork|ThreadCreateJoin|PipeRoundTrip|ThreadWakeRoundTrip)' \
    --benchmark_min_time=0.001 --benchmark_repetitions=2 \
    --benchmark_out="$T_TMP/run.json" --benchmark_out_format=json >/dev/null 2>"$T_TMP/run.err" ||
    { t_fail "the run" "$(tail -n 3 "$T_TMP/run.err")"; return; }
  t_check "the run has cv rows of its counters" jq_true \
    '[.benchmarks[] | select(.aggregate_name == "cv" and has("worker_cpu_s"))] | length > 0' "$T_TMP/run.json"
  t_check "the run covers the overheads and their floors" jq_true \
    '[.benchmarks[].name] | any(startswith("Overhead/")) and any(startswith("Floor/"))' "$T_TMP/run.json"
  if strict "$T_TMP/run.json"; then
    t_pass "bench's JSON has no bare NaN or Infinity"
  else
    t_fail "bench's JSON has no bare NaN or Infinity" "$(cat "$T_TMP/strict.out")"
  fi
  t_check "no oversubscribed counter: it is in the context" jq_true \
    'all(.benchmarks[]; has("oversubscribed") | not) and (.context | has("parbench_oversubscribed_workers"))' \
    "$T_TMP/run.json"
  t_check "the context names the machine and the toolchain" jq_true '.context |
      all(.parbench_cpu_model, .parbench_kernel, .parbench_compiler, .parbench_benchmark_version;
          type == "string" and length > 0)' "$T_TMP/run.json"
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  test_checker
  test_real_run
  t_finish
}

main "$@"
