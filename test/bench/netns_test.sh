#!/bin/sh
# bench with its ranks on 3 test hosts (network namespaces on this machine,
# scripts/testhosts.sh), started by Open MPI's own remote launch: the Mpi
# strategy equals Sequential on every workload, warm and cold, over TCP
# between hosts, and on links shaped with tbf; a cold pool's spawned
# workers run on the test hosts; a rank killed on a remote host ends the
# job within seconds with a message naming the rank and the host, and
# nothing is left behind (no process, namespace or veth). Needs root:
# where namespaces are refused, it says why in one line and exits 77, which
# ctest reports as skipped. Run by ctest with BENCH=<bench> and
# MPIRUN=<mpirun>.
set -u
. "$(dirname "$0")/../scripts/testlib.sh"
. "$(dirname "$0")/mpi_checks.sh"

TESTHOSTS=$ROOT/scripts/testhosts.sh
# ctest's SKIP_RETURN_CODE for this test.
SKIP=77

OMPI_ALLOW_RUN_AS_ROOT=1
OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM

# The workloads at their test sizes: a correctness run, not a measurement.
SMALL="--cpu_count=10000 --memory_ints=10000 --io_latency_ms=1 --ionet_latency_ms=1"
SMALL="$SMALL --iofile_bytes=1000 --compress_bytes=4096 --benchmark_min_time=0.01"

# mpirun over the test hosts of $1, ranks dealt to the hosts in turn (as
# scripts/run.sh --hosts does), the rest of the arguments after -np 3.
mpirun_on() {
  _dir=$1
  shift
  sh "$TESTHOSTS" mpirun "$_dir" -np 3 --map-by node --oversubscribe "$@"
}

# The namespace of test host $2 in set directory $1.
namespace_of() { awk -v h="$2" '$1 == h { print $2 }' "$1/hosts"; }

# The processes in any namespace of set directory $1, one pid a line.
set_pids() {
  while read -r _ ns _; do ip netns pids "$ns" 2>/dev/null; done <"$1/hosts"
}

# The pid of world rank $2 in the namespace of host $3 of set $1.
rank_on_host() {
  for pid in $(ip netns pids "$(namespace_of "$1" "$3")" 2>/dev/null); do
    if { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2"; then
      printf '%s\n' "$pid"
      return 0
    fi
  done
  return 1
}

has_rank_on_host() { rank_on_host "$@" >/dev/null; }

no_set_process() { [ -z "$(set_pids "$1")" ]; }

# The namespaces listed in hosts file $1 (testhosts.sh's DIR/hosts) that still exist.
set_namespaces_left() {
  while read -r _ ns _; do
    ip netns list | awk -v n="$ns" '$1 == n { print n }'
  done <"$1"
}

veth_count() { ip -o link show type veth 2>/dev/null | wc -l | tr -d ' '; }

# The hosts on which `bench --parbench_mpi_worker` (a spawned worker) runs
# in set $1, one a line.
spawned_worker_hosts() {
  while read -r host ns _; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do
      { tr '\0' '\n' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qx -- '--parbench_mpi_worker' &&
        printf '%s\n' "$host"
    done
  done <"$1/hosts"
}

# Succeeds once two are seen; their hosts are then in $T_TMP/spawned.
two_spawned_workers() {
  spawned_worker_hosts "$1" >"$T_TMP/spawned"
  [ "$(wc -l <"$T_TMP/spawned")" -ge 2 ]
}

up() {
  if ! sh "$TESTHOSTS" up "$@" 2>"$T_TMP/up.err"; then
    t_fail "testhosts.sh up $*" "$(cat "$T_TMP/up.err")"
    t_finish
    exit 1
  fi
  sets="$sets $1"
}

test_correctness() {
  hosts=$T_TMP/plain
  up "$hosts" 3
  # shellcheck disable=SC2086 # SMALL is a list of flags
  t_run_past_spawn_hangs mpirun_on "$hosts" "$BENCH" \
    --benchmark_filter='^[A-Za-z]+/Mpi/|^Floor/MpiRoundTrip' --workers=1,2 $SMALL \
    --benchmark_out="$T_TMP/hosts.json" --benchmark_out_format=json
  t_check "3 hosts: mpirun over the test hosts exits 0 (got $T_STATUS)" test "$T_STATUS" -eq 0
  [ "$T_STATUS" -eq 0 ] || sed 's/^/      /' "$T_TMP/err" | tail -20
  check_all_rows "$T_TMP/hosts.json" "3 hosts"
  t_eq "3 hosts: the context names the hosts" "pbhost1,pbhost2,pbhost3" \
    "$(jq -r '.context.parbench_mpi_hosts' "$T_TMP/hosts.json")"
  t_eq "3 hosts: the context counts them" 3 \
    "$(jq -r '.context.parbench_mpi_host_count' "$T_TMP/hosts.json")"
  t_eq "3 hosts: rank 0 to rank 1 crosses hosts over TCP" "tcp between hosts" \
    "$(jq -r '.context.parbench_mpi_transport' "$T_TMP/hosts.json")"
  t_eq "3 hosts: the round trip across hosts ran" 1 \
    "$(jq '[.benchmarks[] | select(.name | startswith("Floor/MpiRoundTrip/"))
      | select(.error_occurred != true)] | length' "$T_TMP/hosts.json")"
}

test_shaped_links() {
  hosts=$T_TMP/shaped
  up "$hosts" 3 --link=1gbit
  shaped=0
  while read -r _ ns _; do
    tc -n "$ns" qdisc show dev eth0 | grep -q 'tbf.*rate 1Gbit' && shaped=$((shaped + 1))
  done <"$hosts/hosts"
  t_eq "shaped: every host's link (and the head's) goes through tbf at 1 Gbit/s" 4 "$shaped"
  # shellcheck disable=SC2086 # SMALL is a list of flags
  t_run env PARBENCH_MPI_LINK=1gbit sh "$TESTHOSTS" mpirun "$hosts" -np 3 --map-by node \
    --oversubscribe -x PARBENCH_MPI_LINK "$BENCH" \
    --benchmark_filter='^(Cpu|IoNet)/Mpi/warm/|^Floor/MpiRoundTrip' --workers=1,2 $SMALL \
    --benchmark_out="$T_TMP/shaped.json" --benchmark_out_format=json
  t_check "shaped: mpirun exits 0 (got $T_STATUS)" test "$T_STATUS" -eq 0
  t_eq "shaped: the context records the link" 1gbit \
    "$(jq -r '.context.parbench_mpi_link' "$T_TMP/shaped.json")"
  t_eq "shaped: no benchmark failed" "" \
    "$(jq -r '.benchmarks[] | select(.error_occurred == true) | .name' "$T_TMP/shaped.json")"
  sh "$TESTHOSTS" down "$hosts"
}

test_spawned_workers_on_hosts() {
  hosts=$T_TMP/plain
  # Tasks of seconds: long enough to find the spawned workers even while
  # other tests keep both CPUs busy and each look at the hosts' processes
  # is slow (a tenth of this count was missed once, clang_tidy beside it).
  mpirun_on "$hosts" "$BENCH" --benchmark_filter='^Cpu/Mpi/cold/workers:2/' --workers=2 \
    --tasks=2 --cpu_count=5000000000 --benchmark_min_time=0.01 >"$T_TMP/spawn.out" 2>&1 &
  job_pid=$!
  if within 60 two_spawned_workers "$hosts"; then
    where=$(sort "$T_TMP/spawned" | tr '\n' ' ')
    t_pass "cold: MPI_Comm_spawn starts the workers on the test hosts ($where)"
    t_check "cold: not every spawned worker shares rank 0's host (pbhost1)" \
      grep -qvx pbhost1 "$T_TMP/spawned"
    t_check "cold: no spawned worker runs on the head (mpirun's node)" \
      test -z "$(grep -x pbhead "$T_TMP/spawned")"
  else
    t_fail "cold: two spawned workers seen on the test hosts within 60 s" \
      "$(tail -5 "$T_TMP/spawn.out")"
  fi
  wait "$job_pid"
  status=$?
  job_pid=""
  t_check "cold: mpirun exits 0 (got $status)" test "$status" -eq 0
}

test_killed_remote_rank() {
  hosts=$T_TMP/plain
  # Long Cpu tasks on 2 warm worker ranks (on pbhost2 and pbhost3): rank 1
  # is busy when killed.
  mpirun_on "$hosts" "$BENCH" --benchmark_filter='^Cpu/Mpi/warm/workers:2/' \
    --workers=2 --tasks=4 --cpu_count=400000001 --benchmark_min_time=10000 \
    >"$T_TMP/kill.out" 2>&1 &
  job_pid=$!
  t_check "kill: rank 1 starts on pbhost2" within 30 has_rank_on_host "$hosts" 1 pbhost2
  sleep 3  # Past Sequential's reference run: the workers are busy.
  victim=$(rank_on_host "$hosts" 1 pbhost2)
  kill -9 "$victim"
  t_check "kill: the job ends within 15 s" within 15 job_ended
  wait "$job_pid"
  status=$?
  job_pid=""
  t_check "kill: mpirun exits non-zero (got $status)" test "$status" -ne 0
  t_check "kill: the message names rank 1" grep -q 'rank 1' "$T_TMP/kill.out"
  t_check "kill: the message names its host, pbhost2" grep -q 'pbhost2' "$T_TMP/kill.out"
  [ "$status" -ne 0 ] || tail -5 "$T_TMP/kill.out" | sed 's/^/      /'
  # Before taking the hosts down: the job's daemons (orted daemonizes, out
  # of mpirun's process tree) and ranks end by themselves.
  t_check "kill: no process is left on any test host" within 10 no_set_process "$hosts"
  t_check "kill: testhosts.sh down succeeds" sh "$TESTHOSTS" down "$hosts"
  t_eq "kill: no namespace of the test hosts is left" "" "$(set_namespaces_left "$T_TMP/hosts.list")"
  t_eq "kill: no veth is left (as many as before)" "$veths_before" "$(veth_count)"
  t_eq "kill: pgrep finds no rank of the job" "" "$(pgrep -f -- '--cpu_count=400000001' || true)"
}

job_ended() { ! is_running "$job_pid"; }

# Whatever stops the test: the job, then every set of test hosts it made.
cleanup() {
  [ -z "$job_pid" ] || kill -9 "$job_pid" 2>/dev/null
  for dir in $sets; do sh "$TESTHOSTS" down "$dir" 2>/dev/null; done
  rm -rf "$T_TMP"
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  [ -x "${MPIRUN:-}" ] || { echo "MPIRUN is not an executable: ${MPIRUN:-unset}"; exit 1; }
  if ! why=$(sh "$TESTHOSTS" check 1gbit 2>&1); then
    printf 'skip: %s\n' "${why#testhosts.sh: }"
    exit "$SKIP"
  fi
  job_pid=""
  sets=""
  veths_before=$(veth_count)
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  test_correctness
  # The set's namespaces, kept for the checks after it is down.
  cp "$T_TMP/plain/hosts" "$T_TMP/hosts.list"
  test_shaped_links
  test_spawned_workers_on_hosts
  test_killed_remote_rank
  t_finish
}

main "$@"
