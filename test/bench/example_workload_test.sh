#!/bin/sh
# The README's "Your own workload", end to end: its example file is the one
# in examples/, and a bench built with it lists the workload under every
# strategy, takes its size flag and runs it, checked against Sequential.
# Run by ctest with BENCH=<bench built with examples/my_workload.cc>.
set -u
. "$(dirname "$0")/../scripts/testlib.sh"

# The C++ block that follows the "own-workload-example" marker in README.md.
readme_example() {
  awk '/<!-- own-workload-example -->/ { on = 1; next }
       on && /^```cpp$/ { inside = 1; next }
       inside && /^```$/ { exit }
       inside { print }' "$ROOT/README.md"
}

main() {
  [ -x "${BENCH:-}" ] || { echo "BENCH is not an executable: ${BENCH:-unset}"; exit 1; }

  readme_example >"$T_TMP/readme.cc"
  t_check "the README's example is examples/my_workload.cc" \
    cmp -s "$T_TMP/readme.cc" "$ROOT/examples/my_workload.cc"

  "$BENCH" --benchmark_list_tests >"$T_TMP/list"
  strategies=$("$BENCH" --benchmark_list_tests --benchmark_filter='^Cpu/' |
    sed -n 's#^Cpu/\([A-Za-z]*\)/.*#\1#p' | grep -vx BareThreads | sort -u)
  missing=""
  for s in $strategies; do
    grep -q "^Sort/$s/" "$T_TMP/list" || missing="$missing $s"
  done
  t_eq "Sort is listed under every strategy" "" "$missing"
  t_check "--help lists --sort_ints" sh -c "'$BENCH' --help | grep -q -- '--sort_ints='"

  "$BENCH" --benchmark_filter='^Sort/' --sort_ints=2000 --workers=1,2 --tasks=3 \
    --benchmark_min_time=0.01 --benchmark_format=json >"$T_TMP/run.json" 2>"$T_TMP/err"
  t_eq "a short run of Sort exits 0" 0 "$?"
  t_check "every Sort record ran, none differed from Sequential" sh -c \
    "jq -e '[.benchmarks[] | select(.name | startswith(\"Sort/\"))] |
            length > 10 and all(.error_occurred != true)' '$T_TMP/run.json' >/dev/null"
  t_check "the context records the size" sh -c \
    "jq -e '.context.parbench_sort_ints == \"2000\"' '$T_TMP/run.json' >/dev/null"
  t_finish
}

main "$@"
