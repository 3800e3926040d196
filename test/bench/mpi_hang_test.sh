#!/bin/sh
# A hung MPI_Comm_spawn costs one benchmark, not the run. Through bench's
# test hook (PARBENCH_MPI_TEST_HANG_AT, lib/strategies/mpi/spawn_launch.h)
# the second cold spawn of the run hangs as Open MPI's does; bench's guard
# ends the job with exit 75, and scripts/run.sh resumes the run by itself
# without what it finished: the first part keeps its records, the second
# runs only the rest, and the merged result has every benchmark once. Run by
# ctest with BENCH=<bench> and MPIRUN=<mpirun>.
set -u
. "$(dirname "$0")/../scripts/testlib.sh"

t_mpirun_environment

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  [ -x "${MPIRUN:-}" ] || { echo "MPIRUN is not an executable: ${MPIRUN:-unset}"; exit 1; }
  out=$T_TMP/run
  printf '2\n' >"$T_TMP/hang-at"
  PARBENCH_MPI_TEST_HANG_AT=$T_TMP/hang-at
  export PARBENCH_MPI_TEST_HANG_AT
  # Five benchmarks, one repetition and one iteration each: one spawn per
  # cold benchmark, so the first cold one finishes before the hang.
  t_run sh "$SCRIPTS/run.sh" --bench="$BENCH" --mpi=3 --out="$out" --repetitions=1 \
    --benchmark_filter='^Cpu/(Sequential|Mpi)/' --workers=1,2 --cpu_count=10000 \
    --benchmark_min_time=0.01
  t_check "the run ends well all the same (exit $T_STATUS)" test "$T_STATUS" -eq 0
  [ "$T_STATUS" -eq 0 ] || tail -n 5 "$T_TMP/err" | sed 's/^/      /'
  t_check "bench said the spawn hung" grep -q 'MPI_Comm_spawn did not return within' "$T_TMP/err"
  t_check "run.sh resumed by itself" grep -q 'spawn hung (bench exit 75): resuming' "$T_TMP/err"
  t_check "the hook hung one spawn only" test ! -e "$T_TMP/hang-at"
  part1=$(($(wc -l <"$out/records/part-1.jsonl") - 1))
  part2=$(($(wc -l <"$out/records/part-2.jsonl") - 1))
  t_check "part 1 kept the benchmarks finished before the hang ($part1)" test "$part1" -ge 1
  t_eq "part 2 ran only the rest" 5 "$((part1 + part2))"
  t_check "no third part" test ! -e "$out/records/part-3.jsonl"
  jq -r '.benchmarks[] | select(.run_type == "iteration") | .run_name' "$out/bench.json" |
    sort >"$T_TMP/merged"
  sort "$out/records/selected" >"$T_TMP/selected"
  t_same_file "every benchmark once in the merged result" "$T_TMP/selected" "$T_TMP/merged"
  errors=$(jq '[.benchmarks[] | select(.error_occurred == true)] | length' "$out/bench.json")
  t_eq "no error record" 0 "$errors"
  t_finish
}

main "$@"
