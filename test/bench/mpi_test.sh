#!/bin/sh
# bench under mpirun: the Mpi strategy equals Sequential on every workload at
# 1 and 2 worker ranks, warm and cold (spawned), over shared memory and over
# TCP; a bad flag is reported once and every rank exits non-zero; a worker
# rank killed mid-run ends the job within seconds, naming the rank, with no
# process of the job left behind. Run by ctest with BENCH=<bench> and
# MPIRUN=<mpirun>.
set -u
. "$(dirname "$0")/../scripts/testlib.sh"
. "$(dirname "$0")/mpi_checks.sh"

# Root, more ranks than CPUs, no leak checks of Open MPI's own (testlib.sh).
t_mpirun_environment

# The workloads at their test sizes: a correctness run, not a measurement.
SMALL="--cpu_count=10000 --memory_ints=10000 --io_latency_ms=1 --ionet_latency_ms=1"
SMALL="$SMALL --iofile_bytes=1000 --compress_bytes=4096 --benchmark_min_time=0.01"

# A process and all its descendants.
tree_of() {
  printf '%s\n' "$1"
  for child in $(children_of "$1"); do tree_of "$child"; done
}

# The pid of world rank $2 among the processes of tree $1.
rank_pid() {
  for pid in $(tree_of "$1"); do
    if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2"; then
      printf '%s\n' "$pid"
      return 0
    fi
  done
  return 1
}

has_rank() { rank_pid "$job_pid" "$1" >/dev/null; }

job_ended() { ! is_running "$job_pid"; }

test_correctness() {
  # shellcheck disable=SC2086 # SMALL is a list of flags
  t_run_past_spawn_hangs "$MPIRUN" -np 3 --oversubscribe "$BENCH" \
    --benchmark_filter='^[A-Za-z]+/Mpi/' --workers=1,2 $SMALL \
    --benchmark_out="$T_TMP/shm.json" --benchmark_out_format=json
  t_check "shared memory: mpirun -np 3 bench exits 0 (got $T_STATUS)" test "$T_STATUS" -eq 0
  [ "$T_STATUS" -eq 0 ] || sed 's/^/      /' "$T_TMP/err" | tail -20
  check_all_rows "$T_TMP/shm.json" "shared memory"
  t_check "the JSON context records the world" \
    test "$(jq -r '.context.parbench_mpi_world_size' "$T_TMP/shm.json")" = 3

  # shellcheck disable=SC2086
  t_run_past_spawn_hangs "$MPIRUN" -np 3 --oversubscribe --mca btl tcp,self "$BENCH" \
    --benchmark_filter='^[A-Za-z]+/Mpi/' --workers=1,2 $SMALL \
    --benchmark_out="$T_TMP/tcp.json" --benchmark_out_format=json
  t_check "tcp: mpirun --mca btl tcp,self bench exits 0 (got $T_STATUS)" test "$T_STATUS" -eq 0
  check_all_rows "$T_TMP/tcp.json" "tcp"
  t_check "the JSON context records the tcp transport" \
    test "$(jq -r '.context.parbench_mpi_btl' "$T_TMP/tcp.json")" = "tcp,self"
}

test_bad_flag() {
  t_run "$MPIRUN" -np 3 --oversubscribe "$BENCH" --workers=0
  t_check "bad flag: mpirun ends non-zero (got $T_STATUS)" test "$T_STATUS" -ne 0
  reports=$(cat "$T_TMP/out" "$T_TMP/err" | grep -c '^bench: ')
  t_check "bad flag: reported once, not once per rank (got $reports)" test "$reports" -eq 1
}

test_killed_rank() {
  # Long Cpu tasks on 2 warm worker ranks: rank 1 is busy when killed.
  "$MPIRUN" -np 3 --oversubscribe "$BENCH" --benchmark_filter='^Cpu/Mpi/warm/workers:2/' \
    --workers=2 --tasks=4 --cpu_count=400000000 --benchmark_min_time=10000 \
    >"$T_TMP/kill.out" 2>&1 &
  job_pid=$!
  t_check "kill: the job starts rank 1" within 20 has_rank 1
  sleep 3  # Past Sequential's reference run: the workers are busy.
  job_tree=$(tree_of "$job_pid")
  victim=$(rank_pid "$job_pid" 1)
  kill -9 "$victim"
  t_check "kill: the job ends within 15 s" within 15 job_ended
  wait "$job_pid"
  status=$?
  job_pid=""
  t_check "kill: mpirun exits non-zero (got $status)" test "$status" -ne 0
  t_check "kill: the message names rank 1" grep -q 'rank 1' "$T_TMP/kill.out"
  # shellcheck disable=SC2086 # one pid a word
  t_check "kill: no process of the job is left (mpirun, ranks, daemons)" within 5 none_running $job_tree
  # By this test's own arguments: other tests may run bench meanwhile.
  left=$(pgrep -f -- '--cpu_count=400000000' || true)
  t_check "kill: pgrep finds no rank of the job" test -z "$left"
  for pid in $job_tree; do kill -9 "$pid" 2>/dev/null; done
}

kill_job() {
  [ -n "$job_pid" ] || return 0
  for pid in $(tree_of "$job_pid"); do kill -9 "$pid" 2>/dev/null; done
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  [ -x "${MPIRUN:-}" ] || { echo "MPIRUN is not an executable: ${MPIRUN:-unset}"; exit 1; }
  job_pid=""
  job_tree=""
  # Stopped half-way: nothing this test started may run on.
  trap 'kill_job; rm -rf "$T_TMP"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  test_correctness
  test_bad_flag
  test_killed_rank
  t_finish
}

main "$@"
