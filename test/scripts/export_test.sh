#!/bin/sh
# Tests `parbench-report export` on the committed reference run
# (results/vm-20261125-145342/bench.json) with jq, for each format: every
# benchmark present once, every value finite and positive, lower <= value <=
# upper, the counters where the records carry them, the latency equal to
# the median jq computes from the records; --out and stdin; bad input gets
# one line and exit 2; benchmarks that failed in every repetition are left
# out and said.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

REPORT=${PARBENCH_REPORT:-$ROOT/build/parbench-report}
RUN=$ROOT/results/vm-20261125-145342/bench.json

# The run's benchmarks (run_name), sorted, one a line: $T_TMP/names.
list_names() {
  jq -r '[.benchmarks[].run_name] | unique | .[]' "$RUN" >"$T_TMP/names"
}

# t_jq_true NAME FILE FILTER: FILTER gives true on FILE.
t_jq_true() {
  if [ "$(jq "$3" "$2" 2>&1)" = true ]; then
    t_pass "$1"
  else
    t_fail "$1" "jq '$3' on $2: $(jq "$3" "$2" 2>&1 | head -n 3)"
  fi
}

export_to() {
  t_run "$REPORT" export --format="$1" "$RUN"
  t_eq "$1: exit 0" 0 "$T_STATUS"
  t_eq "$1: nothing on stderr" "" "$(cat "$T_TMP/err")"
  cp "$T_TMP/out" "$T_TMP/$1.json"
}

test_bmf() {
  export_to bmf
  bmf=$T_TMP/bmf.json
  # Keys as written, not as jq reads them (jq keeps one of duplicate keys).
  sed -n 's/^  "\(.*\)": {$/\1/p' "$bmf" | sort >"$T_TMP/bmf-names"
  t_same_file "bmf: every benchmark once" "$T_TMP/names" "$T_TMP/bmf-names"
  t_jq_true "bmf: an object of objects of {value, lower_value, upper_value} numbers" "$bmf" \
    '[.[][] | (keys == ["lower_value", "upper_value", "value"]) and
       ([.[] | type] | unique == ["number"])] | all'
  t_jq_true "bmf: every value finite and positive, 0 <= lower <= value <= upper" "$bmf" \
    '[.[][] | (.value | isinfinite | not) and (.upper_value | isinfinite | not) and
       .value > 0 and .lower_value >= 0 and .lower_value <= .value and .value <= .upper_value] | all'
  t_jq_true "bmf: latency and throughput for every benchmark" "$bmf" \
    '[.[] | has("latency") and has("throughput")] | all'
  for counter in worker_cpu_s total_cpu_s process_cpu_s peak_rss_mib; do
    jq -r --arg c "$counter" '[.benchmarks[] | select(.run_type == "iteration" and has($c))
      | .run_name] | unique | .[]' "$RUN" >"$T_TMP/with"
    jq -r --arg c "$counter" 'to_entries[] | select(.value | has($c)) | .key' "$bmf" |
      sort >"$T_TMP/has"
    t_same_file "bmf: $counter where the records carry it ($(wc -l <"$T_TMP/with") benchmarks)" \
      "$T_TMP/with" "$T_TMP/has"
  done
  # The latency against jq's own median of the repetitions, in ns (odd
  # counts: the middle value, no interpolation to disagree about).
  jq -r '[.benchmarks[] | select(.run_type == "iteration" and (.error_occurred | not))]
    | group_by(.run_name)[] | select(length % 2 == 1)
    | [.[0].run_name, ([.[] | .real_time * ({"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[.time_unit])]
       | sort | .[length / 2 | floor])] | @tsv' "$RUN" >"$T_TMP/medians"
  jq -r 'to_entries[] | [.key, .value.latency.value] | @tsv' "$bmf" >"$T_TMP/latency"
  _off=$(awk -F '\t' 'NR == FNR { want[$1] = $2; next }
    ($1 in want) { n++; d = $2 - want[$1]; if (d < 0) d = -d
                   if (d > 1e-9 * want[$1]) bad++ }
    END { printf "%d %d", n, bad }' "$T_TMP/medians" "$T_TMP/latency")
  t_eq "bmf: latency = jq's median of the repetitions ($(wc -l <"$T_TMP/medians") benchmarks, mismatches)" \
    "$(wc -l <"$T_TMP/medians" | tr -d ' ') 0" "$_off"
}

# check_gab FORMAT UNITS: the github-action-benchmark array.
check_gab() {
  gab=$T_TMP/$1.json
  t_jq_true "$1: an array of {name, unit, value, range, extra}" "$gab" \
    'type == "array" and ([.[] | (keys == ["extra", "name", "range", "unit", "value"]) and
       (.name | type) == "string" and (.unit | type) == "string" and
       (.value | type) == "number" and (.range | type) == "string" and
       (.extra | type) == "string"] | all)'
  t_jq_true "$1: every name once" "$gab" '(map(.name) | length) == (map(.name) | unique | length)'
  t_jq_true "$1: every value finite and positive" "$gab" \
    '[.[] | (.value | isinfinite | not) and .value > 0] | all'
  t_jq_true "$1: every range '± X', X a number >= 0 (the action's extractRangeInfo)" "$gab" \
    '[.[] | .range | test("^± [0-9]") and (ltrimstr("± ") | tonumber >= 0)] | all'
  t_jq_true "$1: units $2" "$gab" "[.[].unit] | unique | inside($2)"
  jq -r '.[].name' "$gab" | grep -Fx -f "$T_TMP/names" | sort >"$T_TMP/gab-names"
  t_same_file "$1: every benchmark once under its own name" "$T_TMP/names" "$T_TMP/gab-names"
}

test_gab() {
  export_to gab-smaller
  check_gab gab-smaller '["MiB", "ns", "s"]'
  t_jq_true "gab-smaller: the benchmark's own name is its latency" "$T_TMP/gab-smaller.json" \
    '[.[] | select(.name | contains(" - ") | not) | .unit == "ns"] | all'
  t_jq_true "gab-smaller: the counters as '<benchmark> - <counter>'" "$T_TMP/gab-smaller.json" \
    '[.[] | select(.name | contains(" - ")) | .name | test(" - (worker_cpu_s|total_cpu_s|process_cpu_s|peak_rss_mib)$")] | all and length > 0'
  export_to gab-bigger
  check_gab gab-bigger '["items/s", "ops/s"]'
  t_eq "gab-bigger: one entry per benchmark" "$(wc -l <"$T_TMP/names" | tr -d ' ')" \
    "$(jq length "$T_TMP/gab-bigger.json")"
}

test_out_and_stdin() {
  t_run "$REPORT" export --format=bmf --out="$T_TMP/out.json" "$RUN"
  t_eq "--out: exit 0, nothing on stdout" "0 0" "$T_STATUS $(wc -c <"$T_TMP/out" | tr -d ' ')"
  t_same_file "--out: the same bytes as stdout" "$T_TMP/bmf.json" "$T_TMP/out.json"
  set -- "$T_TMP"/out.json?*
  t_eq "--out: no temporary left beside it" "$T_TMP/out.json?*" "$1"
  T_STATUS=0
  "$REPORT" export --format=bmf <"$RUN" >"$T_TMP/stdin.json" 2>"$T_TMP/err" || T_STATUS=$?
  t_eq "stdin: exit 0" 0 "$T_STATUS"
  t_same_file "stdin: the same export" "$T_TMP/bmf.json" "$T_TMP/stdin.json"
}

test_bad_input() {
  t_make_bad_inputs
  for bad in "$T_TMP"/bad/*.json; do
    t_usage_error "bad input $(basename "$bad"): one line, exit 2" \
      "$REPORT" export --format=bmf "$bad"
  done
  jq '.benchmarks[0].real_time = "fast"' "$RUN" >"$T_TMP/fast.json"
  t_usage_error "real_time a string: one line, exit 2" "$REPORT" export --format=bmf "$T_TMP/fast.json"
  t_has_line "real_time a string: names the record and the field" "$T_TMP/err" \
    "parbench-report export: $T_TMP/fast.json: record 0 ($(jq -r '.benchmarks[0].name' "$RUN")): real_time is a string, not a number"
  # Another tool's JSON: github-action-benchmark's own input.
  t_usage_error "another tool's JSON: exit 2" \
    "$REPORT" export --format=bmf "$ROOT/test/report/fixtures/gab_documented.json"
  t_usage_error "no --format: exit 2" "$REPORT" export "$RUN"
  t_usage_error "--format=csv: exit 2" "$REPORT" export --format=csv "$RUN"
  t_usage_error "unknown option: exit 2" "$REPORT" export --format=bmf --bogus "$RUN"
  t_usage_error "a file that is not there: exit 2" "$REPORT" export --format=bmf "$T_TMP/none.json"
  printf '{"benchmarks": [{"name": "X/real_time", "run_type": "iteration", "error_occurred": true, "error_message": "boom"}]}\n' \
    >"$T_TMP/errored.json"
  t_usage_error "nothing but errors: exit 2" "$REPORT" export --format=bmf "$T_TMP/errored.json"
  t_run "$REPORT" export --format=bmf --out="$T_TMP/kept.json" "$RUN"
  t_run "$REPORT" export --format=bmf --out="$T_TMP/kept.json" "$T_TMP/fast.json"
  t_same_file "bad input: the previous --out file kept" "$T_TMP/bmf.json" "$T_TMP/kept.json"
}

# A real run in which two benchmarks failed in every repetition
# (fixtures/real-error.json): the others exported, those two left out and
# said on stderr, exit 0.
test_errored_benchmarks() {
  t_run "$REPORT" export --format=bmf "$FIXTURES/real-error.json"
  t_eq "errored run: exit 0" 0 "$T_STATUS"
  t_has_line "errored run: one line says what was left out" "$T_TMP/err" \
    "parbench-report export: left out 2 benchmark(s) without a measurement (every record an error, or no positive time), the first: Cpu/ProcessPool/cold/workers:4/tasks:10/real_time"
  jq -r '[.benchmarks[] | select(.error_occurred | not) | .run_name] | unique | .[]' \
    "$FIXTURES/real-error.json" >"$T_TMP/ok-names"
  jq -r 'keys[]' "$T_TMP/out" >"$T_TMP/exported"
  t_same_file "errored run: every benchmark that ran, and only those" \
    "$T_TMP/ok-names" "$T_TMP/exported"
}

main() {
  if [ ! -x "$REPORT" ]; then
    t_fail "parbench-report built" "not found: $REPORT"
    t_finish
    return
  fi
  list_names
  test_bmf
  test_gab
  test_out_and_stdin
  test_bad_input
  test_errored_benchmarks
  t_finish
}

main "$@" || exit 1
