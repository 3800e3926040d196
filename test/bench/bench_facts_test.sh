#!/bin/sh
# bench writes each benchmark's facts once, in its label (bench/facts.h), and
# they are what the one legacy reader derives from the benchmark's name: a
# short real run of every family (every workload and strategy, the spawn
# and shm rows, the ceiling, Chunk, Knobs, CpuSweep, the overheads and the
# floors), each record checked field by field by FACTS_AGREE
# (test/report/facts_agree.cc). The roles come from the tables' rows: the
# baseline, the ceiling, the per-task references and the reference workload
# are each checked where the rows put them. Run by ctest with BENCH and
# FACTS_AGREE.
set -u
# shellcheck source=../scripts/testlib.sh
. "$(dirname "$0")/../scripts/testlib.sh"

# jq_true ARGS...: jq -e, its output dropped.
jq_true() {
  jq -e "$@" >/dev/null
}

test_real_run() {
  "$BENCH" --workers=1,2 --tasks=2 --cpu_count=10000 --io_latency_ms=1 --ionet_latency_ms=1 \
    --memory_ints=10000 --iofile_bytes=512 --compress_bytes=4096 --fork_resident_mib=0 --sweep \
    --benchmark_filter='^[^/]+/[^/]+(/[a-z]+)*/workers:[0-9]+/tasks:2/|^Chunk/.*/size:1000/|^Knobs/|^CpuSweep/.*/size:1000/|^Overhead/(StartStop|RoundTrip|PerTask|ProcessStart|Fork)/|^Floor/(Fork|ThreadCreateJoin|PipeRoundTrip)' \
    --benchmark_min_time=0.001 --benchmark_repetitions=2 \
    --benchmark_out="$T_TMP/run.json" --benchmark_out_format=json >/dev/null 2>"$T_TMP/run.err" ||
    { t_fail "the run" "$(tail -n 3 "$T_TMP/run.err")"; return; }
  t_check "the run covers every family" jq_true '[.benchmarks[].name | split("/")[0]] | unique
      | contains(["Cpu", "Io", "Memory", "Chunk", "Knobs", "CpuSweep", "Overhead", "Floor"])' \
    "$T_TMP/run.json"
  t_check "the run has the spawn, shm and ceiling rows" jq_true '[.benchmarks[].name]
      | any(startswith("Cpu/ProcessPool/spawn/")) and any(startswith("Cpu/ProcessPool/shm/"))
        and any(startswith("Cpu/BareThreads/"))' "$T_TMP/run.json"
  if "$FACTS_AGREE" "$T_TMP/run.json" >"$T_TMP/agree.out" 2>&1; then
    t_pass "every record's facts label equals the legacy reader's facts of its name"
  else
    t_fail "every record's facts label equals the legacy reader's facts of its name" \
      "$(head -n 20 "$T_TMP/agree.out")"
  fi
  # The roles, where the tables' rows put them.
  t_check "the baseline: Sequential's rows, and only theirs" jq_true '[.benchmarks[]
      | select(.label | test("(^| )role=baseline( |$)")) | .name | split("/")[1]] | unique == ["Sequential"]' \
    "$T_TMP/run.json"
  t_check "the ceiling: BareThreads' rows, and only theirs" jq_true '[.benchmarks[]
      | select(.label | test("(^| )role=ceiling( |$)")) | .name | split("/")[1]] | unique == ["BareThreads"]' \
    "$T_TMP/run.json"
  t_check "the per-task references: OpenMp's and Tbb's rows" jq_true '[.benchmarks[]
      | select(.label | test("(^| )role=per_task_reference( |$)")) | .name | split("/")[1]] | unique
      == ["OpenMp", "Tbb"]' "$T_TMP/run.json"
  t_check "the reference workload: Cpu's rows, and only theirs" jq_true '[.benchmarks[]
      | select(.label | test("(^| )workload_role=reference( |$)")) | .name | split("/")[0]] | unique == ["Cpu"]' \
    "$T_TMP/run.json"
  t_check "the old label items stay: floor= and per= on the overheads" jq_true '[.benchmarks[]
      | select(.name | startswith("Overhead/PerTask/ThreadPool/")) | .label]
      | length > 0 and all(test("(^| )floor=Overhead/PerTask/OpenMp/batch:1000/workers:[0-9]+ per=1000( |$)"))' \
    "$T_TMP/run.json"
  # overheads.sh pairs each overhead with its floor from the label.
  sh "$ROOT/scripts/overheads.sh" "$T_TMP/run.json" >"$T_TMP/overheads.md" 2>&1
  t_check "the overheads pair the labels (StartStop)" grep -q \
    '^| StartStop/ThreadPool/workers:1 | [^|]* | Floor/ThreadCreateJoin/workers:1 | [0-9]' "$T_TMP/overheads.md"
  t_check "the overheads pair the labels (PerTask, per task)" grep -q \
    '^| PerTask/ThreadPool/batch:1000/chunk:1/workers:1 | [^|]* | PerTask/OpenMp/batch:1000/workers:1 | [0-9]' \
    "$T_TMP/overheads.md"
}


# A user's own strategy row (test/bench/user_strategy.cc, in USER_BENCH):
# its benchmarks carry the roles its row says, in every family it is in,
# and the report reads them from the label (the legacy reader knows no
# such name).
test_user_row() {
  "$USER_BENCH" --workers=1,2 --tasks=2 --cpu_count=10000 --io_latency_ms=1 --ionet_latency_ms=1 \
    --memory_ints=10000 --iofile_bytes=512 --compress_bytes=4096 \
    --benchmark_filter='/UserBlocks/' --benchmark_min_time=0.001 \
    --benchmark_out="$T_TMP/user.json" --benchmark_out_format=json >/dev/null 2>"$T_TMP/user.err" ||
    { t_fail "the user row's run" "$(tail -n 3 "$T_TMP/user.err")"; return; }
  t_check "the user row runs on every workload and as a per-task reference" jq_true '[.benchmarks[].name]
      | any(startswith("Cpu/UserBlocks/")) and any(startswith("Memory/UserBlocks/"))
        and any(startswith("Overhead/PerTask/UserBlocks/batch:1000/"))' "$T_TMP/user.json"
  t_check "the user row's grid benchmarks say its row's roles" jq_true '[.benchmarks[]
      | select(.name | test("^[A-Za-z]+/UserBlocks/workers:"))] | length > 0 and all(.label
      | test("^facts=1 workload=[A-Za-z]+ strategy=UserBlocks workers=[0-9]+ tasks=2 kind=threads dispatch=block role=per_task_reference( |$)"))' \
    "$T_TMP/user.json"
  t_check "the user row's per-task reference: its operation and per= from the label, no floor of its own" jq_true '[.benchmarks[]
      | select(.name | startswith("Overhead/PerTask/UserBlocks/")) | .label] | length > 0 and all(test("^facts=1 family=Overhead operation=PerTask strategy=UserBlocks workers=[0-9]+ batch=1000 per=1000$"))' \
    "$T_TMP/user.json"
  if [ -x "${PARBENCH_REPORT:-}" ]; then
    t_run "$PARBENCH_REPORT" csv "$T_TMP/user.json"
    t_check "the report reads the user row's workload and strategy from its facts" \
      grep -q '^[^,]*,[^,]*,[^,]*,[^,]*,Cpu/UserBlocks/workers:2/tasks:2/real_time,Cpu/UserBlocks/workers:2/tasks:2/real_time,Cpu,UserBlocks,,2,2,' "$T_TMP/out"
  fi
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  [ -x "${FACTS_AGREE:-}" ] || { echo "FACTS_AGREE is not an executable: ${FACTS_AGREE:-unset}"; exit 1; }
  test_real_run
  if [ -x "${USER_BENCH:-}" ]; then test_user_row; else t_skip "a user's strategy row (USER_BENCH not set)"; fi
  t_finish
}

main "$@"
