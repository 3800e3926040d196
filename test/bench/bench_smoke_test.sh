#!/bin/sh
# End-to-end checks of the built bench binary: what it registers, what a
# filter selects, a short JSON run, its help, and its refusal of bad flags.
# Run by ctest with BENCH=<path to bench>.
set -u
# Checks, counters and a scratch directory ($T_TMP) shared with the script tests.
. "$(dirname "$0")/../scripts/testlib.sh"



listed() {
  grep -qx "$1" "$T_TMP/list"
}

all_lines_match() {
  # all_lines_match FILE REGEX: a non-empty file whose every line matches.
  [ -s "$1" ] && ! grep -vEq "$2" "$1"
}

refused() {
  # refused FLAG...: bench exits non-zero, says why, and runs nothing.
  "$BENCH" --benchmark_filter=Cpu/Sequential "$@" >"$T_TMP/out" 2>"$T_TMP/err"
  status=$?
  [ "$status" -ne 0 ] && [ -s "$T_TMP/err" ] && ! grep -q 'real_time' "$T_TMP/out"
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }

  "$BENCH" --benchmark_list_tests >"$T_TMP/list"
  t_check "lists Sequential" listed 'Cpu/Sequential/workers:1/tasks:10/real_time'
  t_check "lists a cold process pool" listed 'Cpu/ProcessPool/cold/workers:4/tasks:10/real_time'
  t_check "lists a warm thread pool" listed 'Io/ThreadPool/warm/workers:10/tasks:10/real_time'
  t_check "lists per-task processes" listed 'Memory/ProcessPerTask/workers:8/tasks:10/real_time'
  t_check "lists the bare-thread ceiling" listed 'Cpu/BareThreads/workers:2/tasks:10/real_time'
  t_check "every name follows the scheme" all_lines_match "$T_TMP/list" \
    '^((Cpu|Io|Memory|IoNet|IoFile|Compress)/(Sequential|ThreadPool/(cold|warm)|ProcessPool/(shm/)?(cold|warm)|ProcessPool/spawn|ThreadPerTask|ProcessPerTask(/spawn)?|EventLoop|OpenMp|Tbb|BareThreads)/workers:[0-9]+/tasks:10|Knobs/ThreadPool/warm/spin:[01]/caller_runs:[01]/workers:[0-9]+/tasks:[0-9]+(/size:[0-9]+)?|Chunk/(Sequential|ThreadPool/warm|ProcessPool(/shm)?/warm)/workers:[0-9]+/tasks:[0-9]+/size:[0-9]+(/chunk:[0-9]+)?|Overhead/[A-Za-z]+(/[A-Za-z]+)?(/shm|/spawn)?(/[a-z_]+:[0-9]+)+|Floor/[A-Za-z]+(/[a-z]+:[0-9]+)*)/real_time$'
  t_check "lists OpenMp, the spawn launch, an overhead and its floor" sh -c \
    "grep -qx 'Cpu/OpenMp/workers:2/tasks:10/real_time' '$T_TMP/list' &&
     grep -qx 'Cpu/ProcessPerTask/spawn/workers:2/tasks:10/real_time' '$T_TMP/list' &&
     grep -qx 'Cpu/ProcessPool/spawn/workers:2/tasks:10/real_time' '$T_TMP/list' &&
     grep -qx 'Overhead/StartStop/ProcessPool/spawn/workers:10/real_time' '$T_TMP/list' &&
     grep -qx 'Overhead/StartStop/ProcessPool/workers:10/real_time' '$T_TMP/list' &&
     grep -qx 'Floor/Fork/workers:10/real_time' '$T_TMP/list'"
  t_check "lists the shared-memory pool beside the pipe's, and its floor" sh -c \
    "grep -qx 'Cpu/ProcessPool/shm/warm/workers:2/tasks:10/real_time' '$T_TMP/list' &&
     grep -qx 'Cpu/ProcessPool/shm/cold/workers:2/tasks:10/real_time' '$T_TMP/list' &&
     grep -q '^Chunk/ProcessPool/shm/warm/workers:' '$T_TMP/list' &&
     grep -qx 'Overhead/RoundTrip/ProcessPool/shm/workers:1/real_time' '$T_TMP/list' &&
     grep -qx 'Floor/ShmFutexRoundTrip/real_time' '$T_TMP/list'"
  t_check "CpuSweep only with --sweep" sh -c \
    "! grep -q '^CpuSweep/' '$T_TMP/list' &&
     '$BENCH' --sweep --benchmark_list_tests | grep -qx 'CpuSweep/ThreadPool/warm/workers:2/tasks:10/size:1000/real_time'"

  "$BENCH" --benchmark_filter=Cpu --benchmark_list_tests >"$T_TMP/cpu"
  t_check "--benchmark_filter=Cpu selects only Cpu" all_lines_match "$T_TMP/cpu" '^Cpu/'
  t_check "--benchmark_filter=Cpu selects all of Cpu" \
    test "$(wc -l <"$T_TMP/cpu")" -eq "$(grep -c '^Cpu/' "$T_TMP/list")"

  # The strategy families; Overhead and Floor also use fixed and usable-CPU counts.
  "$BENCH" --workers=3 --benchmark_list_tests | grep -E '^(Cpu|Io|Memory|IoNet|IoFile)/' >"$T_TMP/three"
  t_check "--workers sets the worker counts" all_lines_match "$T_TMP/three" '/workers:(1|3)/'

  "$BENCH" --workers=1,2 --tasks=2 --cpu_count=100000 --io_latency_ms=1 --memory_ints=1000 \
    --benchmark_filter='Cpu|Io/ThreadPool|Memory/ProcessPool' --benchmark_min_time=0.01 \
    --benchmark_format=json --benchmark_out="$T_TMP/run.json" --benchmark_out_format=json \
    >/dev/null 2>"$T_TMP/run.err"
  t_check "a short run writes valid JSON" jq -e '.benchmarks | length > 0' "$T_TMP/run.json"
  t_check "every benchmark of the run succeeded" \
    jq -e '[.benchmarks[] | select(.error_occurred)] | length == 0' "$T_TMP/run.json"
  # shellcheck disable=SC2016 # $n is jq's variable, not the shell's
  t_check "the run has the expected names" jq -e '[.benchmarks[].name] as $n |
      ["Cpu/Sequential/workers:1/tasks:2/real_time",
       "Cpu/ProcessPool/warm/workers:2/tasks:2/real_time",
       "Cpu/BareThreads/workers:2/tasks:2/real_time",
       "Io/ThreadPool/cold/workers:1/tasks:2/real_time",
       "Memory/ProcessPool/cold/workers:2/tasks:2/real_time"] - $n | length == 0' "$T_TMP/run.json"
  t_check "the run records the suite in its context" jq -e '.context |
      .parbench_tasks == "2" and .parbench_workers == "1,2" and .parbench_cpu_count == "100000"
      and (.parbench_usable_cpus | tonumber) >= 1 and (.parbench_revision | length) > 0' \
    "$T_TMP/run.json"
  t_check "every benchmark has the CPU counters" jq -e 'all(.benchmarks[];
      has("total_cpu_s") and has("worker_cpu_s") and has("process_cpu_s"))' \
    "$T_TMP/run.json"

  t_check "strategy benchmarks have peak_rss_mib, above 0" jq -e 'all(.benchmarks[]
      | select(.run_type == "iteration" and (.name | test("BareThreads") | not)); .peak_rss_mib > 0)' \
    "$T_TMP/run.json"

  # The console run: a progress line on stderr, the console output as it was.
  "$BENCH" --benchmark_filter='^Cpu/Sequential' --cpu_count=1000 --benchmark_repetitions=2 \
    --benchmark_min_time=0.01 --benchmark_out="$T_TMP/console.json" --benchmark_out_format=json \
    >"$T_TMP/console.out" 2>"$T_TMP/console.err"
  t_check "progress on stderr, counting repetitions" grep -q '^\[2/2\] Cpu/Sequential/workers:1/tasks:10/real_time · ETA done$' "$T_TMP/console.err"
  t_check "no progress on stdout" sh -c "! grep -q 'ETA' '$T_TMP/console.out'"
  t_check "peak_rss_mib's spread is a number, never NaN" jq -e '[.benchmarks[]
      | select(.aggregate_name == "cv") | .peak_rss_mib | select(type != "number" or isnan)] | length == 0' \
    "$T_TMP/console.json"
  t_check "the JSON names the real executable" jq -e '.context.executable | endswith("bench")' "$T_TMP/console.json"

  "$BENCH" --help >"$T_TMP/help" 2>&1
  t_check "--help lists the suite flags" grep -q -- '--workers=' "$T_TMP/help"
  t_check "--help lists Google Benchmark's flags" grep -q -- '--benchmark_filter' "$T_TMP/help"

  for bad in --workers=0 --workers=-3 --workers=abc --workers=1,,2 --workers=100000 \
    --tasks=0 --tasks=x --cpu_count=-1 --io_latency_ms=0 --memory_ints=99999999999 --no_such_flag; do
    t_check "refuses $bad" refused "$bad"
  done
  t_check "names the flag in its message" sh -c \
    "'$BENCH' --workers=1,,2 2>&1 >/dev/null | grep -q 'workers'"

  t_finish
}

main "$@"
