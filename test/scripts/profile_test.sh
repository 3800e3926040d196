#!/bin/sh
# Tests the CI profile, scripts/profiles/ci, against the built bench: its
# selection (bench --benchmark_list_tests with the profile's filter and
# arguments) holds at least one benchmark of every family the full list has
# (every <Workload>/<Strategy>[/<life>], Chunk, every Overhead and Floor),
# every workload x strategy of the run's context (parbench_workloads,
# parbench_strategies), small cells only, and enough samples a side for the
# U test. Run by ctest with BENCH=<path to bench>.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# profile_field NAME FIELD: a field of a profile as load_profile reads it.
profile_field() {
  # shellcheck disable=SC2016 # expanded by the inner shell
  sh -c '. "$1/common.sh"; PARBENCH_PROFILES=$1/profiles; load_profile "$2"; eval "printf %s \"\$$3\""' \
    sh "$SCRIPTS" "$1" "$2"
}

# families FILE: the families of the benchmark names in FILE, one a line,
# sorted: a name without its parameters (key:value and bare numbers) and
# Google Benchmark's time suffixes, e.g. Cpu/ProcessPool/warm.
families() {
  awk -F '/' '{ f = ""
      for (i = 1; i <= NF; i++) {
        if (index($i, ":") || $i ~ /^[-+]?[0-9.]+$/ || $i ~ /^(real|process|manual)_time$/) continue
        f = f (f == "" ? "" : "/") $i
      }
      print f }' "$1" | sort -u
}

test_ci_profile() {
  filter=$(profile_field ci PROFILE_FILTER)
  args=$(profile_field ci PROFILE_ARGS)
  rounds=$(profile_field ci PROFILE_ROUNDS)
  repetitions=$(profile_field ci PROFILE_REPETITIONS)
  t_check "the profile has a filter and arguments" test -n "$filter" && test -n "$args"

  "$BENCH" --benchmark_list_tests >"$T_TMP/all" 2>"$T_TMP/err"
  # shellcheck disable=SC2086 # the profile's arguments are meant to split
  if ! "$BENCH" $args --benchmark_filter="$filter" --benchmark_list_tests >"$T_TMP/selected" 2>"$T_TMP/err"; then
    t_fail "bench takes the profile's filter and arguments" "$(head -n 2 "$T_TMP/err")"
    return
  fi
  t_pass "bench takes the profile's filter and arguments: $(wc -l <"$T_TMP/selected" | tr -d ' ') benchmarks"

  families "$T_TMP/all" >"$T_TMP/all.families"
  families "$T_TMP/selected" >"$T_TMP/selected.families"
  missing=$(comm -23 "$T_TMP/all.families" "$T_TMP/selected.families" | tr '\n' ' ')
  t_eq "every family of the full list is selected ($(wc -l <"$T_TMP/all.families" | tr -d ' ') families)" "" "$missing"
  # The check itself sees a gap: the same filter without its Floor line.
  # shellcheck disable=SC2086
  "$BENCH" $args --benchmark_filter="$(printf '%s' "$filter" | sed 's/|^Floor\/$//')" \
    --benchmark_list_tests 2>/dev/null >"$T_TMP/narrow"
  families "$T_TMP/narrow" >"$T_TMP/narrow.families"
  t_eq "without its Floor line the selection misses the floors" "Floor/Fork Floor/ForkHold" \
    "$(comm -23 "$T_TMP/all.families" "$T_TMP/narrow.families" | head -n 2 | tr '\n' ' ' | sed 's/ $//')"
  for family in Overhead/StartStop/ProcessPool Overhead/MemoryKernel/fresh Floor/Fork Floor/Triad Chunk/ProcessPool/warm Cpu/BareThreads Cpu/ProcessPerTask/spawn; do
    t_check "selected: $family" grep -qx "$family" "$T_TMP/selected.families"
  done

  # The tables' rows, from the context of a run of one tiny benchmark; a row
  # this binary cannot run here (Mpi outside mpirun) registers nothing.
  # shellcheck disable=SC2086
  "$BENCH" $args --benchmark_filter='^Floor/ThreadWakeRoundTrip' --benchmark_min_time=0.001 \
    --benchmark_format=json >"$T_TMP/context.json" 2>/dev/null
  missing=$(jq -r '.context | (.parbench_workloads | split(",")[]) as $w
      | (.parbench_strategies | split(",")[]) | "\($w)/\(.)/"' "$T_TMP/context.json" |
    while IFS= read -r prefix; do
      grep -q "^$prefix" "$T_TMP/all" || continue
      grep -q "^$prefix" "$T_TMP/selected" || printf '%s ' "$prefix"
    done)
  t_eq "every workload x strategy of the context is selected" "" "$missing"

  t_eq "small cells: no benchmark above 2 workers" "" \
    "$(grep -E '/workers:([3-9]|[1-9][0-9]+)/' "$T_TMP/selected" | head -n 3 | tr '\n' ' ')"
  t_check "at least 4 samples a side for the U test (rounds $rounds x repetitions $repetitions)" \
    test "$((rounds * repetitions))" -ge 4
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }
  test_ci_profile
  t_finish
}

main "$@"
