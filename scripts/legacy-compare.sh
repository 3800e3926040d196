#!/bin/sh
# LEGACY: the jq + awk compare.sh, kept beside its replacement
# (scripts/compare.sh over parbench-report compare) while the report engine
# migrates; test/scripts/report_parity_test.sh compares the two (their rows
# sorted: the new one orders them). Delete with the last awk script.
# Compares two Google Benchmark JSON files (a baseline and a contender) and
# says, benchmark by benchmark, whether the contender is slower, faster or
# unchanged. A change counts only when it is strictly beyond the threshold
# AND, with enough repetitions on both sides, significant by a two-sided
# Mann-Whitney U test (exact for small samples without ties; on per-round
# medians for the files regress.sh merges). Exit status: 0 no regression,
# 1 at least one regression, 2 bad input.
#
#   scripts/compare.sh [OPTIONS] BASELINE.json CONTENDER.json
#
# The relative change is (contender - baseline) / |baseline|, Google
# Benchmark's tools/compare.py formula, on the median of the repetitions
# (--statistic=mean for the mean); see docs/tracking-regressions.md. The
# program is scripts/compare.awk; the statistics are in scripts/lib/stats.awk.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  cat <<'EOF'
usage: compare.sh [--threshold=PCT] [--alpha=A] [--metric=real|cpu]
                  [--statistic=median|mean] [--format=table|md|csv]
                  BASELINE.json CONTENDER.json
       compare.sh --erfc=X            (diagnostic: prints erfc(X))
       compare.sh --utest 'X1 X2 ...' 'Y1 Y2 ...'
                                      (diagnostic: prints U, z, p and the
                                      method, exact or normal)
  --threshold=PCT   a change must exceed PCT percent to count (default 5)
  --alpha=A         significance level of the two-sided U test (default 0.05)
  --metric=M        real (default) or cpu time
  --statistic=S     median (default) or mean of the repetitions
  --format=F        table (default), md or csv
exit status: 0 no regression, 1 at least one regression, 2 bad input
EOF
}

# Prints one line of tab-separated fields per usable benchmark record of a
# Google Benchmark JSON file: key, kind (iter|agg|error), aggregate name,
# time in nanoseconds, message, round (parbench_round, which regress.sh
# adds to the runs it merges; empty in any other file). $2 is the metric
# field (real_time|cpu_time).
extract() {
  jq -r --arg m "$2" '
    def unit_ns: if . == "ns" then 1 elif . == "us" then 1e3 elif . == "ms" then 1e6
                 elif . == "s" then 1e9 else error("unknown time_unit \"\(.)\"") end;
    .benchmarks[]
    | select(type == "object" and (.name | type) == "string")
    | (.run_name // .name) as $key
    | if .error_occurred == true or ((.skipped // false) | . != false and . != 0) then
        [$key, "error", "", "", ((.error_message // .skip_message // "error") | tostring), ""]
      elif (.[$m] | type) != "number" then empty
      elif .run_type == "aggregate" then
        if (.aggregate_name == "mean" or .aggregate_name == "median")
           and (.aggregate_unit // "time") == "time"
        then [$key, "agg", .aggregate_name, (.[$m] * ((.time_unit // "ns") | unit_ns) | tostring), "", ""]
        else empty end
      else [$key, "iter", "", (.[$m] * ((.time_unit // "ns") | unit_ns) | tostring), "",
            (.parbench_round // "" | tostring)]
      end
    | @tsv' "$1"
}

# Checks that a file is one JSON object with a "benchmarks" array.
check_input() {
  [ -e "$1" ] || die_usage "$1: no such file"
  { [ -r "$1" ] && [ -f "$1" ]; } || die_usage "$1: not a readable file"
  [ -s "$1" ] || die_usage "$1: empty file"
  _shape=$(jq -r -s 'if length != 1 then "many"
                     elif (.[0] | type) != "object" then "noobj"
                     elif (.[0].benchmarks | type) != "array" then "noarr"
                     else "ok" end' "$1" 2>/dev/null) ||
    die_usage "$1: not valid JSON"
  case $_shape in
    ok) ;;
    many) die_usage "$1: more than one JSON document" ;;
    noobj) die_usage "$1: not a JSON object" ;;
    *) die_usage "$1: no \"benchmarks\" array" ;;
  esac
}

# Checks a number: is_number VALUE → success when VALUE is a plain decimal.
is_number() {
  case $1 in
    '' | . | *[!0-9.]* | *.*.*) return 1 ;;
  esac
  return 0
}

# awk_compare NAME INPUT AWK_ARGUMENTS...: scripts/compare.awk and the
# modules it needs, over INPUT (see awk_checked).
awk_compare() {
  _name=$1 _input=$2
  shift 2
  awk_checked "$_name" "$_input" "$@" -f "$PARBENCH_AWK/csv.awk" -f "$PARBENCH_AWK/fmt.awk" \
    -f "$PARBENCH_AWK/stats.awk" -f "$PARBENCH_SCRIPTS/compare.awk"
}

# Diagnostic: erfc of one number.
diag_erfc() {
  is_number "${1#-}" || die_usage "--erfc needs a number, got '$1'"
  make_tmpdir
  awk_compare --erfc /dev/null -v DIAG=erfc -v X="$1"
}

# Diagnostic: Mann-Whitney U test of two whitespace-separated samples.
diag_utest() {
  for _v in $1 $2; do
    is_number "$_v" || die_usage "--utest needs numbers, got '$_v'"
  done
  make_tmpdir
  awk_compare --utest /dev/null -v DIAG=utest -v XS="$1" -v YS="$2"
}

main() {
  threshold=5 alpha=0.05 metric=real statistic=median format=table
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; return 0 ;;
      --threshold=*) threshold=${1#*=} ;;
      --alpha=*) alpha=${1#*=} ;;
      --metric=*) metric=${1#*=} ;;
      --statistic=*) statistic=${1#*=} ;;
      --format=*) format=${1#*=} ;;
      --erfc=*) need_cmd awk; diag_erfc "${1#*=}"; return ;;
      --utest)
        [ $# -eq 3 ] || die_usage "--utest needs two samples"
        need_cmd awk; diag_utest "$2" "$3"; return ;;
      --) shift; break ;;
      -?*) die_usage "unknown option: $1 (see -h)" ;;
      *) break ;;
    esac
    shift
  done
  [ $# -eq 2 ] || die_usage "needs BASELINE.json and CONTENDER.json (see -h)"
  threshold=${threshold%\%}
  is_number "$threshold" || die_usage "bad --threshold '$threshold': a percentage >= 0"
  is_number "$alpha" || die_usage "bad --alpha '$alpha': a number between 0 and 1"
  awk -v a="$alpha" 'BEGIN { exit !(a > 0 && a < 1) }' </dev/null ||
    die_usage "bad --alpha '$alpha': a number between 0 and 1"
  case $metric in real | cpu) ;; *) die_usage "bad --metric '$metric': real or cpu" ;; esac
  case $statistic in median | mean) ;; *) die_usage "bad --statistic '$statistic': median or mean" ;; esac
  case $format in table | md | csv) ;; *) die_usage "bad --format '$format': table, md or csv" ;; esac
  need_cmd jq
  need_cmd awk
  check_input "$1"
  check_input "$2"
  make_tmpdir
  for _side in B C; do
    if [ "$_side" = B ]; then _file=$1; else _file=$2; fi
    extract "$_file" "${metric}_time" >"$PARBENCH_TMP/$_side.tsv" 2>"$PARBENCH_TMP/jq.err" ||
      die_usage "$_file: $(sed -n '1s/^jq: error ([^)]*): //p' "$PARBENCH_TMP/jq.err")"
    awk -v s="$_side" '{ print s "\t" $0 }' "$PARBENCH_TMP/$_side.tsv" >>"$PARBENCH_TMP/all.tsv"
  done
  : >>"$PARBENCH_TMP/all.tsv"
  awk_compare "the report" "$PARBENCH_TMP/all.tsv" -v THRESHOLD="$threshold" -v ALPHA="$alpha" \
    -v METRIC="$metric" -v STATISTIC="$statistic" -v FORMAT="$format" \
    -v REGRESSIONS_FILE="$PARBENCH_TMP/regressions"
  [ "$(cat "$PARBENCH_TMP/regressions")" -eq 0 ]
}

main "$@" || exit 1
