#!/bin/sh
# SIGINT or SIGTERM to bench while its process pool workers are busy: bench
# ends with that signal's status and none of its workers outlives it. Checked
# from outside, through /proc. Run by ctest with BENCH=<path to bench>.
set -u
# Checks, counters and a scratch directory ($T_TMP) shared with the script tests.
. "$(dirname "$0")/../scripts/testlib.sh"

# has_workers and has_served_workers: true once the pool's 3 workers run;
# they set $watched, the processes that must not outlive bench.
has_workers() {
  workers=$(children_of "$bench_pid")
  watched=$workers
  [ "$(printf '%s\n' "$workers" | grep -c .)" -ge 3 ]
}

# Through the fork server (ProcessPool/spawn), bench's child is the server,
# whose children are the workers. Neither may outlive bench: the server
# sees its socket close when bench dies, kills and reaps the workers, and
# ends.
has_served_workers() {
  server=$(children_of "$bench_pid")
  [ "$(printf '%s\n' "$server" | grep -c .)" -eq 1 ] || return 1
  workers=$(children_of "$server")
  watched="$server $workers"
  [ "$(printf '%s\n' "$workers" | grep -c .)" -ge 3 ]
}

# stop_with SIGNAL STATUS WHAT FOUND BENCH_ARGS...: runs bench with the
# args, waits until FOUND says its workers run, sends SIGNAL, and checks
# the status and that nothing in $watched outlives bench.
stop_with() {
  signal=$1 expected_status=$2 what=$3 found=$4
  shift 4
  # A background job of a non-interactive shell starts with SIGINT ignored:
  # give bench the default handling a terminal's job would have.
  env --default-signal=INT,TERM "$BENCH" "$@" --workers=3 --tasks=1 \
    --benchmark_min_time=10000 >/dev/null 2>&1 &
  bench_pid=$!
  t_check "SIG$signal, $what: bench starts its 3 workers" within 30 "$found"
  sleep 0.3  # Let the busy worker take its task.
  kill -s "$signal" "$bench_pid"
  wait "$bench_pid"
  status=$?
  t_check "SIG$signal, $what: bench ends with status $expected_status (got $status)" \
    test "$status" -eq "$expected_status"
  # shellcheck disable=SC2086 # one pid a word
  t_check "SIG$signal, $what: nothing outlives bench by 2 s" within 2 none_running $watched
  for pid in $watched; do kill -9 "$pid" 2>/dev/null; done
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  # If this test is stopped half-way, the bench it started must not run on
  # (it was told to take 10,000 s); its workers die with it.
  bench_pid=""
  trap '[ -n "$bench_pid" ] && kill -9 "$bench_pid" 2>/dev/null; rm -rf "$T_TMP"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  # One task busy for 4 s, after Sequential's reference run of as long. A
  # worker that outlived bench until its task ended (no PR_SET_PDEATHSIG)
  # would fail the 2 s check. The Cpu task: 2.5 ms per 1e7 steps.
  for signal in INT TERM; do
    status=130
    [ "$signal" = TERM ] && status=143
    stop_with "$signal" "$status" "pool" has_workers \
      --benchmark_filter='^Io/ProcessPool/warm/workers:3/' --io_latency_ms=4000
    stop_with "$signal" "$status" "fork server" has_served_workers \
      --benchmark_filter='^Cpu/ProcessPool/spawn/workers:3/' --cpu_count=16000000000
  done
  t_finish
}

main "$@"
