#!/bin/sh
# LEGACY: the awk table.sh, kept beside its replacement (scripts/table.sh
# over parbench-report table) while the report engine migrates;
# test/scripts/report_parity_test.sh compares the two. Delete with the last
# awk script.
# Markdown comparison tables from parbench results: a decision map, then per
# workload (and task count) a table of strategies against worker counts, the
# CPU use, the Karp-Flatt serial fraction and, where BareThreads ran, the
# share of that ceiling each strategy reaches. results/README.md tells how to
# read them; the program is scripts/table.awk.
#   scripts/table.sh [--tsv|--model] [FILE]   FILE: json2csv.sh's CSV, or Google
#                                       Benchmark JSON (converted first);
#                                       stdin when no FILE or "-"
#   --tsv   instead of Markdown, one tab-separated line per measured cell
#           (host, source, workload, tasks, strategy, life, row, workers,
#           median_ns, cv, speedup, efficiency, state, reference); plot.sh
#           and crossover.sh read it. Four more columns follow: whether
#           the worker count is oversubscribed, and the row's USL fit.
#   --model the cost model's parameters per cell, tab-separated, for
#           advise.sh (see print_model in table.awk).
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [--tsv | --model] [FILE]   (json2csv.sh CSV or Google Benchmark JSON; stdin when no FILE)\n' "${0##*/}"
}

# The columns the tables need; the rest (counters such as total_cpu_s, the
# parbench_* context) are used when present.
REQUIRED="source host name workload strategy life workers tasks run_type aggregate real_ns error error_message"

# Succeeds when the file starts (after blanks) with { or [: JSON, not CSV.
is_json() {
  _first=$(awk 'match($0, /[^[:space:]]/) { print substr($0, RSTART, 1); exit }' "$1")
  [ "$_first" = "{" ] || [ "$_first" = "[" ]
}

main() {
  mode=markdown
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      --tsv) mode=tsv; shift ;;
      --model) mode=model; shift ;;
      --) shift; break ;;
      -) break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  [ $# -le 1 ] || die_usage "one input at most (try -h)"
  need_cmd awk
  make_tmpdir
  input=${1:--}
  read_input "$input"
  # JSON goes through json2csv.sh first; its messages and exit status stand.
  if is_json "$PARBENCH_TMP/in"; then
    if [ "$input" = - ]; then
      sh "$PARBENCH_SCRIPTS/json2csv.sh" <"$PARBENCH_TMP/in" >"$PARBENCH_TMP/csv" || exit
    else
      sh "$PARBENCH_SCRIPTS/json2csv.sh" "$input" >"$PARBENCH_TMP/csv" || exit
    fi
  else
    mv "$PARBENCH_TMP/in" "$PARBENCH_TMP/csv"
  fi
  awk_checked "$src" "$PARBENCH_TMP/csv" -v mode="$mode" -v required="$REQUIRED" \
    -f "$PARBENCH_AWK/csv.awk" -f "$PARBENCH_AWK/fmt.awk" -f "$PARBENCH_AWK/names.awk" \
    -f "$PARBENCH_AWK/stats.awk" -f "$PARBENCH_AWK/model.awk" -f "$PARBENCH_SCRIPTS/table.awk"
}

main "$@" || exit 1
