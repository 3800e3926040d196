#!/bin/sh
# The issue-20 scenario under every process strategy, end to end: bench with
# the Scribble row (bench_with_scribbler, test/bench/scribbler.h: each task,
# in its worker process, writes 64 junk bytes into every pipe and socket it
# can write to, then computes for 600 s). Each run must end on its own
# (within a generous deadline: a hang is a failure, not a stuck ctest), show
# no junk, and leave no process of the run behind (every process it started,
# found by its session). Run by ctest with BENCH=<bench_with_scribbler>:
# - by default, ProcessPool cold, warm and spawn (the fork server), and
#   ProcessPerTask fork and spawn (the worker program beside BENCH, and a
#   copy of BENCH alone, which spawns itself): each ends in the
#   benchmark's error naming the worker, the task and the violation;
# - with SCRIBBLE_PART=mpi and MPIRUN=<mpirun>, Mpi warm and cold under
#   mpirun: the junk lands in Open MPI's own sockets and pipes, not in the
#   answers, and the worker rank dies of it; the job must end, non-zero,
#   with mpirun naming the rank, and rank 0's in-flight record, read as the
#   scripts read it (tell_in_flight, scripts/common.sh), must name the
#   worker's rank, its tasks and the benchmark.
set -u
. "$(dirname "$0")/../scripts/testlib.sh"

# Seconds a run may take before it counts as hung (it takes about one).
DEADLINE=120

# The sessions of the runs so far, one a line, for the clean-up at exit.
SESSIONS=""

# The processes of session $1 that still run (zombies are the reaper's).
session_processes() {
  for stat in /proc/[0-9]*/stat; do
    # Fields: pid, (comm: no spaces in the names here), state, ppid, pgrp,
    # session.
    awk -v session="$1" '$6 == session && $3 != "Z" { print $1 }' "$stat" 2>/dev/null
  done
}

session_empty() { [ -z "$(session_processes "$1")" ]; }

# run_in_session NAME COMMAND...: runs COMMAND under `timeout` in a session
# of its own; stdout and stderr in $T_TMP/NAME.out and .err, the status in
# $RUN_STATUS (124 or 137: it hung), the session in $RUN_SID.
run_in_session() {
  name=$1
  shift
  RUN_STATUS=0
  # shellcheck disable=SC2016 # $$ and $1 are the inner shell's
  setsid -w sh -c 'echo "$$" >"$1"; shift; exec timeout -k 10 "$@"' sh \
    "$T_TMP/$name.sid" "$DEADLINE" "$@" >"$T_TMP/$name.out" 2>"$T_TMP/$name.err" ||
    RUN_STATUS=$?
  RUN_SID=$(cat "$T_TMP/$name.sid")
  SESSIONS="$SESSIONS $RUN_SID"
}

# check_ended NAME: the run ended on its own, without junk, and left nothing.
check_ended() {
  t_check "$1: ends within $DEADLINE s (status $RUN_STATUS)" \
    test "$RUN_STATUS" -ne 124 -a "$RUN_STATUS" -ne 137
  t_check "$1: no junk shown" sh -c '! grep -q ZZZZ "$@"' sh "$T_TMP/$1".*
  t_check "$1: no process of the run is left" within 10 session_empty "$RUN_SID"
  [ -z "$(session_processes "$RUN_SID")" ] || ps -o pid,ppid,stat,args -s "$RUN_SID" | sed 's/^/      /'
}

# scribble_row NAME FILTER MESSAGE [BINARY]: the one benchmark FILTER
# selects, run by BINARY (default BENCH), ends in an error whose message
# matches the extended regular expression MESSAGE, and bench goes on to exit 0.
scribble_row() {
  name=$1
  run_in_session "$name" "${4:-$BENCH}" --benchmark_filter="$2" --workers=2 --tasks=3 \
    --benchmark_min_time=0.01 --benchmark_out="$T_TMP/$name.json" --benchmark_out_format=json
  check_ended "$name"
  t_eq "$name: bench exits 0 (the error is the benchmark's)" 0 "$RUN_STATUS"
  error=$(jq -r '[.benchmarks[] | select(.error_occurred == true) | .error_message] | .[0] // ""' \
    "$T_TMP/$name.json" 2>/dev/null)
  # shellcheck disable=SC2016 # the inner shell's arguments
  t_check "$name: an error record naming the worker, the task and the violation" \
    sh -c 'printf "%s\n" "$1" | grep -Eq "$2"' sh "$error" "$3"
  printf '      %s\n' "$error"
}

test_process_strategies() {
  pool='process pool worker [0-9]+ \(pid [0-9]+\) sent garbage for an answer running task [0-9]+'
  per_task='process for task [0-9]+ \(pid [0-9]+\) sent garbage for an answer'
  scribble_row pool_cold '^Scribble/ProcessPool/cold/workers:2/' "$pool"
  scribble_row pool_warm '^Scribble/ProcessPool/warm/workers:2/' "$pool"
  scribble_row pool_spawn '^Scribble/ProcessPool/spawn/workers:2/' "$pool"
  scribble_row per_task_fork '^Scribble/ProcessPerTask/workers:2/' "$per_task"
  scribble_row per_task_spawn '^Scribble/ProcessPerTask/spawn/workers:2/' "$per_task"
  # With no worker program beside it, the spawn launches start bench itself.
  mkdir "$T_TMP/alone" && cp "$BENCH" "$T_TMP/alone/"
  alone="$T_TMP/alone/${BENCH##*/}"
  scribble_row pool_spawn_bench '^Scribble/ProcessPool/spawn/workers:2/' "$pool" "$alone"
  scribble_row per_task_spawn_bench '^Scribble/ProcessPerTask/spawn/workers:2/' "$per_task" "$alone"
}

# tell_in_flight FILE NAME: what the scripts say of the in-flight record
# FILE after a failed Mpi job (scripts/common.sh), as a script named NAME.
tell_in_flight() {
  # shellcheck disable=SC2016 # the inner shell's arguments
  sh -c '. "$1/scripts/common.sh" && tell_in_flight "$2"' "$2" "$ROOT" "$1"
}

test_mpi() {
  t_mpirun_environment
  for life in warm cold; do
    name=mpi_$life
    # Rank 0 keeps its record where run.sh and regress.sh would have it kept.
    PARBENCH_MPI_IN_FLIGHT=$T_TMP/$name.in-flight
    export PARBENCH_MPI_IN_FLIGHT
    run_in_session "$name" "$MPIRUN" -np 3 --oversubscribe -x PARBENCH_MPI_IN_FLIGHT "$BENCH" \
      --benchmark_filter="^Scribble/Mpi/$life/workers:2/" --workers=2 --tasks=3 \
      --benchmark_min_time=0.01
    tell_in_flight "$PARBENCH_MPI_IN_FLIGHT" run.sh >"$T_TMP/$name.told" 2>&1
    check_ended "$name"
    t_check "$name: mpirun exits non-zero (got $RUN_STATUS)" test "$RUN_STATUS" -ne 0
    t_check "$name: the message names the worker rank" \
      grep -Eq 'process rank [0-9]+ .* exited on signal' "$T_TMP/$name.out" "$T_TMP/$name.err"
    # Each line names a worker, its tasks and the benchmark, and nothing else.
    # The world's ranks with their pids; a spawn's ranks, whose pids rank 0
    # does not learn, without.
    worker='worker rank [0-9]+ \(pid [0-9]+\)'
    [ "$life" = warm ] || worker='spawned worker rank [0-9]+'
    tasks='tasks? [0-9]+(-[0-9]+)?'
    told="^run.sh: the Mpi job ended while $worker ran $tasks( \(and held $tasks next\))? of Scribble/Mpi/$life/workers:2/tasks:3/real_time\$"
    t_check "$name: the scripts name the worker, its tasks and the benchmark" \
      grep -Eq "$told" "$T_TMP/$name.told"
    # shellcheck disable=SC2016 # the inner shell's arguments
    t_check "$name: they say nothing else" sh -c '! grep -Evq "$1" "$2"' sh "$told" "$T_TMP/$name.told"
    sed 's/^/      /' "$T_TMP/$name.told"
  done
  # With no record (rank 0 on another host), nothing is said.
  tell_in_flight "$T_TMP/absent.in-flight" run.sh >"$T_TMP/absent.told" 2>&1
  t_check "no record: nothing said" test ! -s "$T_TMP/absent.told"
}

# Whatever a failed check left running.
kill_sessions() {
  for session in $SESSIONS; do
    for pid in $(session_processes "$session"); do kill -9 "$pid" 2>/dev/null; done
  done
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  trap 'kill_sessions; rm -rf "$T_TMP"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [ "${SCRIBBLE_PART:-}" = mpi ]; then
    [ -x "${MPIRUN:-}" ] || { echo "MPIRUN is not an executable: ${MPIRUN:-unset}"; exit 1; }
    test_mpi
  else
    test_process_strategies
  fi
  t_finish
}

main "$@"
