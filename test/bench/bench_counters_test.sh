#!/bin/sh
# The CPU counters of a real short run of bench add up: for a strategy whose
# workers are other processes (named by the run's own context,
# parbench_process_strategies, from the strategy table), the workers report
# CPU and total_cpu_s counts it on top of the process's; for the others, whose
# workers are this process's threads, total_cpu_s is the process's CPU
# alone. Run by ctest with BENCH=<path to bench>.
set -u
# Checks, counters and a scratch directory ($T_TMP) shared with the script tests.
. "$(dirname "$0")/../scripts/testlib.sh"

# Counters are per-iteration averages, each rounded on its own.
ROUNDING=1e-9

# violations FILTER: the names of the benchmarks of the run for which the jq
# FILTER (given . = the benchmark and $process = whether its strategy is a
# process strategy) is false, one a line.
violations() {
  # shellcheck disable=SC2016 # jq's variables, not the shell's
  jq -r --argjson eps "$ROUNDING" '
    (.context.parbench_process_strategies | split(",")) as $processes
    | .benchmarks[]
    | (.name | split("/")[1]) as $strategy
    | (($processes | index($strategy)) != null) as $process
    | select((('"$1"') | not))
    | "\(.name): worker_cpu_s \(.worker_cpu_s), process_cpu_s \(.process_cpu_s), total_cpu_s \(.total_cpu_s)"' \
    "$T_TMP/run.json"
}

# none_violate NAME FILTER: no benchmark of the run breaks FILTER.
none_violate() {
  violations "$2" >"$T_TMP/violations" || { t_fail "$1" "jq failed"; return; }
  if [ -s "$T_TMP/violations" ]; then
    t_fail "$1" "$(cat "$T_TMP/violations")"
  else
    t_pass "$1"
  fi
}

# shellcheck disable=SC2016 # $process, $eps and $p are jq's, not the shell's
main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }

  "$BENCH" --benchmark_filter='^Cpu/' --workers=1,2 --tasks=2 --cpu_count=200000 \
    --benchmark_min_time=0.01 --benchmark_format=json --benchmark_out="$T_TMP/run.json" \
    --benchmark_out_format=json >/dev/null 2>"$T_TMP/run.err"
  t_check "a short Cpu run writes valid JSON" jq -e '.benchmarks | length > 0' "$T_TMP/run.json"
  t_check "every benchmark of the run succeeded" \
    jq -e '[.benchmarks[] | select(.error_occurred)] | length == 0' "$T_TMP/run.json"
  # The process strategies of the table (Mpi too, in a build with MPI), and
  # no thread strategy.
  t_eq "the context names the process strategies" true \
    "$(jq '.context.parbench_process_strategies | split(",")
           | (index("ProcessPool") != null) and (index("ProcessPerTask") != null)
             and all(.[]; IN("ProcessPool", "ProcessPerTask", "Mpi"))' "$T_TMP/run.json")"
  # Pools cold, warm and from the fork server (spawn), over shared memory
  # cold and warm (shm), per-task forks and spawns, at 1 and 2 workers: 14
  # process benchmarks.
  t_eq "the run has every process strategy" 14 "$(jq '
    (.context.parbench_process_strategies | split(",")) as $p
    | [.benchmarks[] | select(.name | split("/")[1] | IN($p[]))] | length' "$T_TMP/run.json")"

  none_violate "process strategies: the workers report CPU" \
    '($process | not) or .worker_cpu_s > 0'
  none_violate "process strategies: total_cpu_s >= process_cpu_s + worker_cpu_s" \
    '($process | not) or .total_cpu_s >= .process_cpu_s + .worker_cpu_s - $eps'
  none_violate "thread strategies: total_cpu_s = process_cpu_s (threads counted once)" \
    '$process or .total_cpu_s == .process_cpu_s'

  t_finish
}

main "$@"
