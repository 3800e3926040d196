#!/bin/sh
# scripts/common.sh's tell_in_flight: what run.sh and regress.sh say of rank
# 0's in-flight record after a failed Mpi job (the record's writer is
# lib/strategies/dispatch/in_flight_record.h; bench_scribble_mpi reads a real
# one). One line a worker that held tasks, naming its rank, its tasks and the
# benchmark; a torn line said to be torn, its fields never shown; nothing for
# a missing file or one that is no record.
set -u
. "$(dirname "$0")/testlib.sh"

# The record's lines (fixed-width in the real file: the reader splits on
# blanks, so single blanks do here).
HEAD='parbench-in-flight 1'
BENCHMARK='benchmark 0x00000007 Scribble/Mpi/warm/workers:2/tasks:3/real_time 0x00000007'
IDLE='worker 0x00000001 - -1 -1 0x00000000 0x00000000 0x00000000 0x00000000 0x00000001'

# record NAME LINE...: a record file $T_TMP/NAME of these lines.
record() {
  _file=$T_TMP/$1
  shift
  printf '%s\n' "$@" >"$_file"
}

# tell FILE: tell_in_flight FILE as run.sh would, its stderr in $T_TMP/out.
tell() {
  # shellcheck disable=SC2016 # the inner shell's arguments
  t_run sh -c '. "$1/common.sh" && tell_in_flight "$2"' run.sh "$SCRIPTS" "$1"
  cat "$T_TMP/err" >>"$T_TMP/out"
}

test_workers_that_held_tasks() {
  record held "$HEAD" "$BENCHMARK" \
    'worker 0x00000003 rank 1 4242 0x00000000 0x00000002 0x0000000a 0x00000002 0x00000003' \
    'worker 0x00000004 rank 2 -1 0x0000000c 0x00000001 0x00000000 0x00000000 0x00000004' \
    "$IDLE"
  tell "$T_TMP/held"
  t_eq "one line a worker that held tasks: rank, pid, tasks, the next chunk, the benchmark" \
    "run.sh: the Mpi job ended while worker rank 1 (pid 4242) ran tasks 0-1 (and held tasks 10-11 next) of Scribble/Mpi/warm/workers:2/tasks:3/real_time
run.sh: the Mpi job ended while worker rank 2 ran task 12 of Scribble/Mpi/warm/workers:2/tasks:3/real_time" \
    "$(cat "$T_TMP/out")"
  t_eq "it always succeeds" 0 "$T_STATUS"

  record spawned "$HEAD" "$BENCHMARK" \
    'worker 0x00000003 spawned 0 -1 0x00000002 0x00000001 0x00000000 0x00000000 0x00000003'
  tell "$T_TMP/spawned"
  t_eq "a spawned worker is called so" \
    "run.sh: the Mpi job ended while spawned worker rank 0 ran task 2 of Scribble/Mpi/warm/workers:2/tasks:3/real_time" \
    "$(cat "$T_TMP/out")"
}

test_torn_lines() {
  record torn_worker "$HEAD" "$BENCHMARK" "$IDLE" \
    'worker 0x00000009 rank 2 -1 0x0000000c 0x00000001 0x00000000 0x00000000 0x00000008'
  tell "$T_TMP/torn_worker"
  t_eq "a worker line whose SEQs differ is torn, its fields not shown" \
    "run.sh: the Mpi job ended while rank 0 was writing worker line 2 of $T_TMP/torn_worker: torn, not shown" \
    "$(cat "$T_TMP/out")"

  record torn_benchmark "$HEAD" 'benchmark 0x00000008 Scribble/Mpi/cold/workers:2/tasks:3/real_ 0x00000007' \
    'worker 0x00000003 rank 1 -1 0x00000000 0x00000001 0x00000000 0x00000000 0x00000003'
  tell "$T_TMP/torn_benchmark"
  t_eq "a torn benchmark line: its name not shown" \
    "run.sh: the Mpi job ended while worker rank 1 ran task 0 of a benchmark whose name rank 0 was writing" \
    "$(cat "$T_TMP/out")"
}

test_nothing_held() {
  record idle "$HEAD" "$BENCHMARK" "$IDLE" "$IDLE"
  tell "$T_TMP/idle"
  t_eq "no worker held tasks: the benchmark only" \
    "run.sh: the Mpi job ended during Scribble/Mpi/warm/workers:2/tasks:3/real_time, with no worker holding tasks" \
    "$(cat "$T_TMP/out")"

  record fresh "$HEAD" 'benchmark 0x00000000 - 0x00000000' "$IDLE"
  tell "$T_TMP/fresh"
  t_eq "no benchmark started: nothing" "" "$(cat "$T_TMP/out")"
}

test_no_record() {
  tell "$T_TMP/missing"
  t_eq "a missing file (rank 0 on another host): nothing" "" "$(cat "$T_TMP/out")"
  t_eq "and success" 0 "$T_STATUS"

  record other 'ZZZZ junk' "$BENCHMARK" \
    'worker 0x00000003 rank 1 -1 0x00000000 0x00000001 0x00000000 0x00000000 0x00000003'
  tell "$T_TMP/other"
  t_eq "a file that is no record: nothing" "" "$(cat "$T_TMP/out")"

  # shellcheck disable=SC2016 # a command substitution the reader must not run
  record junk "$HEAD" "$BENCHMARK" \
    'worker 0x00000003 rank 1 -1 $(id) 0x00000001 0x00000000 0x00000000 0x00000003' \
    'worker 0x00000003 rank 1x -1 0x00000000 0x00000001 0x00000000 0x00000000 0x00000003' \
    'worker 0x00000003 rank 1 -1 0x00000000 0x0000000g 0x00000000 0x00000000 0x00000003'
  tell "$T_TMP/junk"
  t_eq "fields that are not the record's numbers: not shown, not evaluated" \
    "run.sh: the Mpi job ended during Scribble/Mpi/warm/workers:2/tasks:3/real_time, with no worker holding tasks" \
    "$(cat "$T_TMP/out")"
}

test_workers_that_held_tasks
test_torn_lines
test_nothing_held
test_no_record
t_finish
