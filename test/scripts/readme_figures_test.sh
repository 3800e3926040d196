#!/bin/sh
# Ties the figures README.md and results/README.md quote to the committed
# reference run they name: each is recomputed from results/<ref>/bench.json
# (through the report scripts where a table gives it) and must match as
# printed. The reference folder is the one the README names, so a new
# reference run needs only the README's line changed, and then its figures.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

README=$ROOT/README.md
GUIDE=$ROOT/results/README.md

# The reference run the README names: "... the committed reference run,
# `results/<name>/` ...".
find_reference() {
  # shellcheck disable=SC2016 # backquotes of Markdown, not the shell
  REF=$(tr '\n' ' ' <"$README" | sed -n 's/.*committed reference run, `results\/\([^`/]*\)\/`.*/\1/p')
  REF_JSON=$ROOT/results/$REF/bench.json
}

# The Sequential median of a workload's tasks in the reference run, per task,
# in ms.
per_task_ms() {
  jq -r --arg w "$1" '.benchmarks[]
    | select(.aggregate_name == "median" and (.run_name | startswith($w + "/Sequential/")))
    | .real_time * ({"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1e3}[.time_unit])
      / (.run_name | capture("tasks:(?<t>[0-9]+)").t | tonumber)' "$REF_JSON"
}

# A number rounded to as many significant digits as `like` shows: 3, 55, 0.6.
round_like() {
  awk -v x="$1" -v like="$2" 'BEGIN {
    d = like; gsub(/[^0-9]/, "", d); sub(/^0+/, "", d); n = length(d); if (n < 1) n = 1
    printf "%s\n", sprintf("%." n "g", x) + 0 }'
}

test_reference() {
  find_reference
  t_eq "README names a reference run that is committed" "yes" "$([ -n "$REF" ] && [ -f "$REF_JSON" ] && echo yes || echo "no: '$REF'")"
  # shellcheck disable=SC2016
  t_eq "results/README.md names the same one" "$REF" "$(sed -n 's/^The reference run is `\([^`/]*\)\/`.*/\1/p' "$GUIDE")"
}

test_suite_figures() {
  line=$(tr '\n' ' ' <"$README" | grep -o 'default suite — [0-9]* benchmarks, [0-9]* repetitions each')
  n=$(printf '%s\n' "$line" | sed 's/.*— \([0-9]*\) benchmarks.*/\1/')
  r=$(printf '%s\n' "$line" | sed 's/.*, \([0-9]*\) repetitions each/\1/')
  # The default suite's: the reference run may add the --sweep family.
  t_eq "README: the number of benchmarks" "$(jq '[.benchmarks[].run_name | select(startswith("CpuSweep/") | not)] | unique | length' "$REF_JSON")" "$n"
  t_eq "README: repetitions" "$(jq '[.benchmarks[] | select(.run_type == "iteration") | .repetitions] | max' "$REF_JSON")" "$r"
}

# The workload table's "≈ X ms" per task: Sequential's median ÷ tasks.
test_per_task_times() {
  for w in Cpu Memory IoFile; do
    quoted=$(grep "^| \`$w\` |" "$README" | sed -n 's/.*≈ \([0-9.]*\) ms.*/\1/p')
    if [ -z "$quoted" ]; then t_fail "README: $w per-task time quoted"; continue; fi
    t_eq "README: $w, one task ≈ $quoted ms" "$quoted" "$(round_like "$(per_task_ms "$w")" "$quoted")"
  done
}

test_guide_figures() {
  # BareThreads at 2 workers: its speedup over Sequential, as tables.md prints it.
  sh "$SCRIPTS/table.sh" "$REF_JSON" >"$T_TMP/tables.md"
  quoted=$(sed -n 's/.* \([0-9.]*×\) in the reference run.*/\1/p' "$GUIDE")
  actual=$(grep '^| BareThreads (ceiling) |' "$T_TMP/tables.md" | head -n 1 | awk -F'|' '{print $4}' | sed 's/.* · \([0-9.]*×\) · .*/\1/')
  t_eq "results/README.md: BareThreads at 2 workers in the reference run" "$actual" "$quoted"
  # The cost model's median absolute errors, as the guide quotes them.
  for w in Cpu Memory; do
    quoted=$(tr '\n' ' ' <"$GUIDE" | sed -n "s/.*median absolute error of \([0-9.]* %\) on $w.*/\1/p")
    actual=$(sed -n "/^## $w, /,/^## /p" "$T_TMP/tables.md" | sed -n 's/^- \*\*Median absolute error:\*\* \([0-9.]* %\) over.*/\1/p')
    t_eq "results/README.md: the cost model's error on $w" "$actual" "$quoted"
  done
}

main() {
  need=1
  command -v jq >/dev/null 2>&1 || need=0
  if [ "$need" -eq 0 ]; then t_skip "jq not installed"; t_finish; return; fi
  test_reference
  if [ -f "${REF_JSON:-/nonexistent}" ]; then
    test_suite_figures
    test_per_task_times
    test_guide_figures
  fi
  t_finish
}

main "$@" || exit 1
