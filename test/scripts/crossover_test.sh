#!/bin/sh
# Tests scripts/crossover.sh on sweep.json: made-up CpuSweep times where
# ThreadPool at 2 workers wins at 1e4 by luck, loses at 1e5 and wins from
# 1e6 on (crossover 1e6, not 1e4), never wins at 1 worker, and ProcessPool
# wins from 1e5; plus bad input.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

CROSSOVER=$SCRIPTS/crossover.sh

main() {
  t_run sh "$CROSSOVER" -h
  t_eq "-h: exit 0" 0 "$T_STATUS"

  t_run sh "$CROSSOVER" "$FIXTURES/sweep.json"
  t_eq "sweep.json: exit 0, no message" "0:" "$T_STATUS:$(cat "$T_TMP/err")"
  cp "$T_TMP/out" "$T_TMP/sweep.md"
  t_has_line "one table per family and task count" "$T_TMP/sweep.md" "## CpuSweep · 10 tasks"
  t_has_line "crossover is where it wins for good; never, with its best" "$T_TMP/sweep.md" \
    "| ThreadPool (warm) | never (best 0.91× at 1e+06) | 1e+06 (2.00×) |"
  t_has_line "an errored size is no win; nothing clean is –" "$T_TMP/sweep.md" \
    "| ProcessPool (cold) | – | 1e+05 (2.00×) |"
  t_lacks "Sequential is the baseline, not a row" "$T_TMP/sweep.md" "| Sequential"

  sh "$SCRIPTS/json2csv.sh" "$FIXTURES/sweep.json" >"$T_TMP/sweep.csv"
  t_run sh "$CROSSOVER" "$T_TMP/sweep.csv"
  t_same_file "CSV in: same report" "$T_TMP/sweep.md" "$T_TMP/out"

  t_make_bad_inputs
  t_usage_error "unknown option" sh "$CROSSOVER" --frobnicate
  t_usage_error "missing file" sh "$CROSSOVER" "$T_TMP/bad/nosuch.json"
  t_usage_error "invalid JSON" sh "$CROSSOVER" "$T_TMP/bad/truncated.json"
  t_usage_error "no sweep in the run" sh "$CROSSOVER" "$FIXTURES/table.json"
  t_finish
}

main "$@"
