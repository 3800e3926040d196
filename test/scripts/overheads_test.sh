#!/bin/sh
# Tests scripts/overheads.sh on overheads.json, made-up times whose medians
# and ratios are easy to check by hand (6.0, 6.5 and 9.0 ms: median 6.5 ms,
# against 5 ms: 1.30×), errors shown as errors, unit conversion, per-task
# division, bandwidth shares, pairs from the benchmarks' labels
# (overheads-labels.json), and bad input.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

OVERHEADS=$SCRIPTS/overheads.sh

test_usage() {
  t_run sh "$OVERHEADS" -h
  t_eq "-h: exit 0" 0 "$T_STATUS"
  case $(cat "$T_TMP/out") in
    usage:*) t_pass "-h: usage line" ;;
    *) t_fail "-h: usage line" "got: $(cat "$T_TMP/out")" ;;
  esac
}

# report FIXTURE: runs overheads.sh on a fixture, checks that it succeeds
# quietly, and sets md to a copy of the report.
report() {
  t_run sh "$OVERHEADS" "$FIXTURES/$1"
  t_eq "$1: exit 0, no message" "0:" "$T_STATUS:$(cat "$T_TMP/err")"
  md=$T_TMP/$1.md
  cp "$T_TMP/out" "$md"
}

test_known_input() {
  report overheads.json
  t_has_line "median of the iterations (not the aggregate), us and ms mixed, ratio to its floor" "$md" \
    "| StartStop/ProcessPool/workers:10 | 6.5 ms | Floor/Fork/workers:10 | 5 ms | 1.30× |"
  t_has_line "thread round trip against the futex floor" "$md" \
    "| RoundTrip/ThreadPool/workers:1 | 9 µs | Floor/ThreadWakeRoundTrip | 6 µs | 1.50× |"
  t_has_line "an error is shown, on one line, and has no ratio" "$md" \
    "| RoundTrip/ProcessPool/workers:1 | error: worker 1 died: signal 9 | Floor/PipeRoundTrip | 8 µs | – |"
  t_has_line "per task: both divided by the batch, against OpenMP" "$md" \
    "| PerTask/ThreadPool/batch:1000/chunk:125/workers:2 | 800 ns | PerTask/OpenMp/batch:1000/workers:2 | 400 ns | 2.00× |"
  t_has_line "fork from a fat parent against a bare fork" "$md" \
    "| Fork/resident_mib:256 | 15 ms | Floor/Fork/workers:1 | 500 µs | 30.00× |"
  t_has_line "bandwidth share of the triad" "$md" \
    "| MemoryKernel/reused/mib:256 | 9.00 | Floor/Triad/workers:1/mib:128 | 12.00 | 75 % |"
  t_lacks "other families left out" "$md" "Sequential"
}

# The bench names each overhead's floor in its label (floor=NAME, per=N);
# overheads-labels.json pairs differently from the name rule of older runs.
test_labels() {
  report overheads-labels.json
  t_has_line "the label's floor wins over the name rule (ThreadCreateJoin)" "$md" \
    "| StartStop/ThreadPool/workers:2 | 300 µs | Floor/Fork/workers:2 | 200 µs | 1.50× |"
  t_has_line "the label's floor wins over the name rule (PipeRoundTrip)" "$md" \
    "| RoundTrip/ProcessPool/workers:1 | 12 µs | Floor/ThreadWakeRoundTrip | 6 µs | 2.00× |"
  t_has_line "floor and per: both times per task" "$md" \
    "| PerTask/ThreadPool/batch:1000/chunk:125/workers:2 | 800 ns | PerTask/OpenMp/batch:1000/workers:2 | 400 ns | 2.00× |"
  t_has_line "per alone: per task, no floor" "$md" "| PerTask/OpenMp/batch:1000/workers:2 | 400 ns | – | – | – |"
  t_has_line "per from the label, not from the name" "$md" \
    "| ProcessStart/Batch/workers:2 | 500 µs | Floor/Fork/workers:2 | 100 µs | 5.00× |"
  t_has_line "a label without floor=: no floor, whatever the name says" "$md" "| Fork/resident_mib:256 | 5 ms | – | – | – |"
  t_has_line "a name the rule does not know, paired by its label" "$md" \
    "| Wake/Futex/workers:2 | 9 µs | Floor/ThreadWakeRoundTrip | 6 µs | 1.50× |"
  # The same run without labels, as written before them: the name rule.
  jq '.benchmarks[] |= del(.label)' "$FIXTURES/overheads-labels.json" >"$T_TMP/nolabels.json"
  t_run sh "$OVERHEADS" "$T_TMP/nolabels.json"
  t_has_line "no label: paired by name" "$T_TMP/out" \
    "| StartStop/ThreadPool/workers:2 | 300 µs | Floor/ThreadCreateJoin/workers:2 | 100 µs | 3.00× |"
  t_has_line "no label, a name the rule does not know: no floor" "$T_TMP/out" "| Wake/Futex/workers:2 | 9 µs | – | – | – |"
}

test_bad_input() {
  t_make_bad_inputs
  bad=$T_TMP/bad
  jq '.benchmarks |= map(select(.name | startswith("Cpu/")))' "$FIXTURES/overheads.json" >"$bad/noover.json"
  t_usage_error "unknown option" sh "$OVERHEADS" --frobnicate
  t_usage_error "two inputs" sh "$OVERHEADS" "$FIXTURES/overheads.json" "$FIXTURES/overheads.json"
  t_usage_error "missing file" sh "$OVERHEADS" "$bad/nosuch.json"
  t_usage_error "empty file" sh "$OVERHEADS" "$bad/empty.json"
  t_usage_error "empty stdin" sh "$OVERHEADS" </dev/null
  t_usage_error "invalid JSON" sh "$OVERHEADS" "$bad/truncated.json"
  t_usage_error "JSON without benchmarks" sh "$OVERHEADS" "$bad/nobench.json"
  t_usage_error "no Overhead benchmarks" sh "$OVERHEADS" "$bad/noover.json"
}

test_stdin() {
  t_run sh "$OVERHEADS" <"$FIXTURES/overheads.json"
  t_has_line "stdin: same report" "$T_TMP/out" \
    "| StartStop/ProcessPool/workers:10 | 6.5 ms | Floor/Fork/workers:10 | 5 ms | 1.30× |"
}

# The real bench, when ctest names it: its Overhead and Floor names pair up.
test_real_bench() {
  if [ ! -x "${BENCH:-}" ]; then
    t_skip "BENCH not set: no real run"
    return
  fi
  "$BENCH" --benchmark_filter='^(Overhead/(StartStop|RoundTrip)|Floor/(Fork|ThreadCreateJoin|PipeRoundTrip|ThreadWakeRoundTrip|ShmFutexRoundTrip))/' \
    --workers=1,2 --benchmark_min_time=0.01 --benchmark_format=json >"$T_TMP/real.json" 2>/dev/null
  t_run sh "$OVERHEADS" "$T_TMP/real.json"
  t_eq "real run: exit 0" 0 "$T_STATUS"
  t_eq "real run: every overhead has a floor and a ratio" 0 \
    "$(grep -c '^| [A-Za-z]*/[^|]*| [^|]* | – |' "$T_TMP/out")"
  # StartStop of both pools (the process pool by both launches and over
  # shared memory) at 1 and 2 workers, and the round trip of both pools
  # (the process pool over both transports).
  t_eq "real run: eleven pairs" 11 "$(grep -c '× |$' "$T_TMP/out")"
}

main() {
  test_usage
  test_known_input
  test_labels
  test_bad_input
  test_stdin
  test_real_bench
  t_finish
}

main "$@"
