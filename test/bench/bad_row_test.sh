#!/bin/sh
# The real bench binary with one bad table row (bad_rows.cc, chosen by
# PARBENCH_TEST_BAD_ROW): each kind stops it at start-up with one line on
# stderr naming the row and what is wrong, exit status 3
# (exit_status::kBadRegistration), and nothing run; without a bad row the
# same binary lists its benchmarks. Run by ctest with BENCH=<bench_with_bad_row>.
set -u
. "$(dirname "$0")/../scripts/testlib.sh"

# refused KIND MESSAGE: bench with the bad row KIND exits 3 with MESSAGE as
# its whole stderr (one line), and prints nothing on stdout.
refused() {
  PARBENCH_TEST_BAD_ROW=$1 "$BENCH" --benchmark_list_tests >"$T_TMP/out" 2>"$T_TMP/err"
  t_eq "$1: exit status 3" 3 "$?"
  t_eq "$1: one line" 1 "$(wc -l <"$T_TMP/err")"
  t_eq "$1: the message" "bench: $2" "$(cat "$T_TMP/err")"
  t_eq "$1: nothing listed or run" 0 "$(wc -c <"$T_TMP/out")"
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }

  "$BENCH" --benchmark_list_tests --benchmark_filter='^Cpu/Sequential/' >"$T_TMP/good" 2>&1
  t_eq "without a bad row: exit 0" 0 "$?"
  t_check "without a bad row: lists Cpu/Sequential" grep -q '^Cpu/Sequential/' "$T_TMP/good"

  refused duplicate_name "bad workload registration: workload 'cpu' is registered twice"
  refused no_run "bad workload registration: workload 'BadRow': has no run function"
  refused flag_of_another_row \
    "bad workload registration: workloads 'Cpu' and 'BadRow' share the size flag --cpu_count"
  refused flag_of_bench \
    "bad workload registration: workload 'BadRow': size flag --workers is already one of bench's flags"
  refused strategy_without_factory "bad strategy registration: strategy 'BadRow' has no factory"
  refused strategy_duplicate "bad strategy registration: strategy 'threadpool' is registered twice"

  # A spawned worker answers before the tables are checked (it only runs
  # tasks), so a bad row does not stop ProcessPerTask/spawn's workers.
  PARBENCH_TEST_BAD_ROW=no_run "$BENCH" --parbench_fork_server extra >/dev/null 2>&1
  t_eq "a malformed spawn-worker command line: exit status 2" 2 "$?"
  t_finish
}

main "$@"
