#!/bin/sh
# LEGACY: the jq + awk history.sh, kept beside its replacement
# (scripts/history.sh, whose report is parbench-report history report)
# while the report engine migrates; test/scripts/report_parity_test.sh
# compares the two reports byte for byte. Delete with the last awk script.
# A performance history: Google Benchmark runs kept one after another, each
# keyed by revision, date and machine fingerprint, and a report of every
# benchmark's series over the runs with the change points found in it.
#
#   scripts/history.sh add --dir DIR [--rev REV] [--force]
#                          [--expect-fingerprint FP] RUN.json
#   scripts/history.sh report --dir DIR [--out OUTDIR] [--threshold PCT]
#                          [--alpha A] [--min-runs N] [--fingerprint FP]
#   scripts/history.sh fingerprint RUN.json
#
# DIR holds runs/ (each run's JSON as it was given), history.csv (one row
# per run and benchmark: median, count, min, quartiles, max of its
# repetitions) and runs.csv (one row per run, written last: a run is in the
# history once it is there). Adding never rewrites what DIR holds: files are
# written beside it and moved into place, and on any error DIR is left as
# it was. The report's programs are scripts/history-rows.awk and
# scripts/history-report.awk, its method scripts/lib/series.awk; see
# docs/tracking-regressions.md.
set -u
. "$(dirname "$0")/common.sh"

RUNS_HEADER="run,rev,date,fingerprint,file,machine"
ROWS_HEADER="run,rev,date,fingerprint,benchmark,median_ns,n,min_ns,q1_ns,q3_ns,max_ns"

usage() {
  cat <<'EOF'
usage: history.sh add --dir DIR [--rev REV] [--force] [--expect-fingerprint FP] RUN.json
       history.sh report --dir DIR [--out OUTDIR] [--threshold PCT] [--alpha A]
                         [--min-runs N] [--fingerprint FP]
       history.sh fingerprint RUN.json
  add          stores RUN.json (any Google Benchmark JSON) in the history DIR,
               an existing directory: the file as it is, and one row per
               benchmark (median of its repetitions, spread)
    --rev REV  its revision (default: the JSON's parbench_revision)
    --force    add it even when DIR has this revision on this machine
    --expect-fingerprint FP
               refuse a run of another machine than FP
  report       per benchmark and machine, the series over the runs in the
               order added and its change points; summary.md on stdout
    --out OUTDIR         also write summary.md, series.csv,
                         changepoints.csv and a trend chart per family there
    --threshold PCT      a step must exceed PCT percent (default 5)
    --alpha A            significance level of the U test (default 0.02)
    --min-runs N         fewest runs a segment may have (default 3)
    --fingerprint FP     only the runs of machine FP
  fingerprint  prints RUN.json's machine fingerprint and what it is made of
Options take their value as --opt=V or --opt V.
exit status: 0 ok (report: the newest run starts no slowdown), 1 the newest
run starts a slowdown beyond the threshold (report) or a failure, 2 bad input
EOF
}

# ---- reading runs -----------------------------------------------------------

# jq: nanoseconds per time_unit.
# shellcheck disable=SC2016 # jq code, not shell
JQ_UNIT='def unit_ns: if . == "ns" then 1 elif . == "us" then 1e3 elif . == "ms" then 1e6
  elif . == "s" then 1e9 else error("unknown time_unit \"\(.)\"") end;
def usable: .error_occurred != true and ((.skipped // false) | . == false or . == 0);'

# Checks that FILE is one Google Benchmark JSON document with at least one
# benchmark timed; anything else is bad input, told in one line.
check_run() {
  [ -e "$1" ] || die_usage "$1: no such file"
  { [ -f "$1" ] && [ -r "$1" ]; } || die_usage "$1: not a readable file"
  [ -s "$1" ] || die_usage "$1: empty file"
  _shape=$(jq -r -s "$JQ_UNIT"'
    if length == 0 then "holds no JSON document"
    elif length != 1 then "holds more than one JSON document"
    elif (.[0] | type) != "object" then "is not Google Benchmark JSON (not a JSON object)"
    elif (.[0].benchmarks | type) != "array" then "is not Google Benchmark JSON (no \"benchmarks\" array)"
    elif (.[0].context | type) != "object" then "is not Google Benchmark JSON (no \"context\" object)"
    elif (.[0].context.date | type) != "string" then "is not Google Benchmark JSON (no context.date)"
    elif any(.[0].benchmarks[]; type != "object" or (.name | type) != "string")
      then "is not Google Benchmark JSON (a benchmark record without a name)"
    elif any(.[0].benchmarks[]; usable and ((.real_time | type) != "number" or (.time_unit | type) != "string"))
      then "is not Google Benchmark JSON (a benchmark record without real_time and time_unit)"
    elif any(.[0].benchmarks[]; usable and ((.time_unit | try unit_ns catch null) == null))
      then "has a time_unit that is not ns, us, ms or s"
    elif ([.[0].benchmarks[] | select(usable)] | length) == 0 then "has no benchmark with a time"
    else "ok" end' "$1" 2>/dev/null) || die_usage "$1: not valid JSON"
  [ "$_shape" = ok ] || die_usage "$1: $_shape"
}

# The machine a run was made on, one line "key=value; ...", from Google
# Benchmark's context and parbench's keys when present; host_name is not
# part of it (a machine renamed is the same machine; two machines of one
# name are not). mhz_per_cpu only when the run has no CPU model: Google
# Benchmark reads it from /proc/cpuinfo's current "cpu MHz" where there is
# no cpufreq, which moves with frequency scaling from run to run.
# shellcheck disable=SC2016 # jq code, not shell
JQ_MACHINE='.context as $c
  | [["cpu_model", $c.parbench_cpu_model],
     ["num_cpus", $c.num_cpus],
     ["usable_cpus", $c.parbench_usable_cpus],
     ["mhz_per_cpu", (if ($c.parbench_cpu_model // "") == "" then $c.mhz_per_cpu else null end)],
     ["caches", ($c.caches | if type == "array" and length > 0
        then map("L\(.level) \(.type) \(.size)/\(.num_sharing)") | join(" ") else null end)],
     ["kernel", $c.parbench_kernel],
     ["compiler", $c.parbench_compiler],
     ["build_type", $c.parbench_build_type],
     ["library_version", ($c.library_version // $c.parbench_benchmark_version)],
     ["library_build_type", $c.library_build_type]]
  | map(select(.[1] != null and .[1] != "")
        | "\(.[0])=\(.[1] | tostring | gsub("[\\n\\r\\t;,\"]"; " "))")
  | join("; ")'

# Sets MACHINE (the description) and FINGERPRINT (8 hex digits, the CRC of
# the description) of a checked run.
read_machine() {
  MACHINE=$(jq -r "$JQ_MACHINE" "$1") || die_usage "$1: cannot read its context"
  FINGERPRINT=$(printf '%s' "$MACHINE" | cksum | awk '{ printf "%08x\n", $1 }')
}

# ---- the history directory ----------------------------------------------------

# check_dir DIR MODE: DIR is a directory, and a history (MODE "report") or
# empty of one (MODE "add": also a new history).
check_dir() {
  [ -e "$1" ] || die_usage "$1: no such directory (make it first: an empty directory is an empty history)"
  [ -d "$1" ] || die_usage "$1: not a directory"
  if [ ! -e "$1/runs.csv" ] && [ ! -e "$1/history.csv" ]; then
    [ "$2" = add ] || die_usage "$1: no history yet (no runs.csv): add a run first"
    return 0
  fi
  for _f in runs.csv history.csv; do
    [ -f "$1/$_f" ] || die_usage "$1: $_f is missing: not a history"
  done
  [ "$(head -n 1 "$1/runs.csv")" = "$RUNS_HEADER" ] ||
    die_usage "$1/runs.csv: not a history file (its header is not $RUNS_HEADER)"
  [ "$(head -n 1 "$1/history.csv")" = "$ROWS_HEADER" ] ||
    die_usage "$1/history.csv: not a history file (its header is not $ROWS_HEADER)"
  for _f in runs.csv history.csv; do
    [ -z "$(tail -c 1 "$1/$_f")" ] || die_usage "$1/$_f: its last line is unfinished (edited by hand?)"
  done
}

# Takes the history's lock, a directory made atomically; the stage where an
# add writes its files (same file system as DIR: moves are atomic) is in it.
LOCK=""
lock() {
  mkdir "$1/.lock" 2>/dev/null ||
    die "$1 is being changed by another history.sh ($1/.lock; remove it if none runs)"
  LOCK="$1/.lock"
  STAGE="$LOCK/stage"
  mkdir "$STAGE" || die "cannot write in $1"
}

cleanup() {
  [ -z "$LOCK" ] || rm -rf "$LOCK"
  [ -z "${PARBENCH_TMP:-}" ] || rm -rf "$PARBENCH_TMP"
}

# A revision, a date or a name as a file-name part.
file_part() {
  printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_' | cut -c 1-40
}

# ---- add ------------------------------------------------------------------------

# Moves the staged files into DIR: the run's JSON (a hard link: never over
# an existing file), history.csv, then runs.csv, which makes the run part of
# the history. A failure on the way puts back what was there.
commit() {
  _made_runs=""
  if [ ! -d "$dir/runs" ]; then
    mkdir "$dir/runs" || die "cannot make $dir/runs"
    _made_runs=1
  fi
  if ! ln "$STAGE/run.json" "$dir/runs/$file" 2>/dev/null; then
    [ -z "$_made_runs" ] || rmdir "$dir/runs"
    die "cannot write $dir/runs/$file (does it exist?)"
  fi
  [ ! -f "$dir/history.csv" ] || ln "$dir/history.csv" "$STAGE/history.old" ||
    rollback "cannot keep $dir/history.csv aside"
  mv -f "$STAGE/history.csv" "$dir/history.csv" || rollback "cannot write $dir/history.csv"
  mv -f "$STAGE/runs.csv" "$dir/runs.csv" || rollback "cannot write $dir/runs.csv"
}

rollback() {
  if [ -f "$STAGE/history.old" ]; then
    mv -f "$STAGE/history.old" "$dir/history.csv"
  else
    rm -f "$dir/history.csv"
  fi
  rm -f "$dir/runs/$file"
  [ -z "$_made_runs" ] || rmdir "$dir/runs"
  die "$1; $dir is as it was"
}

# add_awk MODE INPUT... : scripts/history-add.awk in MODE over the inputs.
add_awk() {
  _mode=$1
  shift
  HISTORY_REV=$rev HISTORY_DATE=$date HISTORY_MACHINE=$MACHINE awk -v MODE="$_mode" \
    -v RUN="${run:-}" -v FINGERPRINT="$FINGERPRINT" -v FILE="runs/${file:-}" \
    -f "$PARBENCH_AWK/csv.awk" -f "$PARBENCH_AWK/stats.awk" -f "$PARBENCH_AWK/series.awk" \
    -f "$PARBENCH_SCRIPTS/history-add.awk" "$@"
}

cmd_add() {
  dir="" rev="" force="" expect="" run_json=""
  while [ $# -gt 0 ]; do
    take_option "$@"
    case $opt in
      --dir) dir=$val ;;
      --rev) rev=$val ;;
      --expect-fingerprint) expect=$val ;;
      --force) force=1 ;;
      --) [ $# -eq 2 ] || die_usage "add needs one RUN.json (see -h)"
        set -- "$2"; opt="" ;;
      *) [ -z "$opt" ] || die_usage "add: unknown option: $opt (see -h)" ;;
    esac
    if [ -z "$opt" ]; then
      [ -z "$run_json" ] || die_usage "add needs one RUN.json (see -h)"
      run_json=$1
    fi
    shift "$used"
  done
  [ -n "$dir" ] || die_usage "add needs --dir DIR (see -h)"
  [ -n "$run_json" ] || die_usage "add needs one RUN.json (see -h)"
  check_dir "$dir" add
  check_run "$run_json"
  read_machine "$run_json"
  [ -z "$expect" ] || [ "$expect" = "$FINGERPRINT" ] ||
    die_usage "$run_json: made on machine $FINGERPRINT, not the expected $expect ($MACHINE)"
  [ -n "$rev" ] || rev=$(jq -r '.context.parbench_revision // "" | tostring' "$run_json")
  [ -n "$rev" ] || die_usage "$run_json: no revision: give --rev REV (its context has no parbench_revision)"
  case $rev in
    *[![:print:]]*) die_usage "bad revision '$rev': printable characters only" ;;
  esac
  date=$(jq -r '.context.date' "$run_json")
  make_tmpdir
  trap cleanup EXIT
  jq -r "$JQ_UNIT"'.benchmarks[] | select(usable and (.real_time | type) == "number")
    | (if .run_type == "aggregate" then (.aggregate_name // "") else "" end) as $a
    | (.run_name // (if $a != "" then .name | sub("_\($a)$"; "") else .name end)) as $key
    | if .run_type == "aggregate" then
        if $a == "median" and (.aggregate_unit // "time") == "time"
        then [$key, "agg", (.real_time * (.time_unit | unit_ns)), (.repetitions // 1)] else empty end
      else [$key, "iter", (.real_time * (.time_unit | unit_ns)), ""] end
    | @tsv' "$run_json" >"$PARBENCH_TMP/records.tsv" || die_usage "$run_json: cannot read its benchmarks"

  lock "$dir"
  if [ -f "$dir/runs.csv" ]; then
    runs_csv="$dir/runs.csv" rows_csv="$dir/history.csv"
  else
    runs_csv="$STAGE/runs.none" rows_csv="$STAGE/rows.none"
    printf '%s\n' "$RUNS_HEADER" >"$runs_csv"
    printf '%s\n' "$ROWS_HEADER" >"$rows_csv"
  fi
  dup=$(add_awk dup "$runs_csv") || die "awk failed on $runs_csv"
  [ -z "$dup" ] || [ -n "$force" ] ||
    die_usage "$dir already has rev $rev on machine $FINGERPRINT (run $dup); --force adds it again"
  run=$(add_awk next "$runs_csv" "$rows_csv") || die "awk failed on $dir"
  file="$(printf '%04d' "$run")-$(printf '%s' "$date" | tr -cd '0-9' | cut -c 1-14 |
    sed 's/^\(........\)\(..*\)/\1-\2/')-$(file_part "$rev")-$FINGERPRINT.json"
  add_awk rows "$PARBENCH_TMP/records.tsv" >"$PARBENCH_TMP/rows.csv" || die "awk failed on $run_json"
  rows=$(wc -l <"$PARBENCH_TMP/rows.csv" | tr -d ' ')
  [ "$rows" -gt 0 ] || die_usage "$run_json: has no benchmark with a time"

  cat "$rows_csv" "$PARBENCH_TMP/rows.csv" >"$STAGE/history.csv" || die "cannot write in $dir"
  { cat "$runs_csv" && add_awk run /dev/null; } >"$STAGE/runs.csv" || die "cannot write in $dir"
  cp "$run_json" "$STAGE/run.json" || die "cannot copy $run_json"
  commit
  printf 'added run %s to %s: rev %s, %s, machine %s, %s benchmarks\n' "$run" "$dir" "$rev" "$date" \
    "$FINGERPRINT" "$rows"
}

# ---- report -------------------------------------------------------------------

is_number() {
  case $1 in '' | . | *[!0-9.]* | *.*.*) return 1 ;; esac
  return 0
}

cmd_report() {
  dir="" out="" threshold=5 alpha=0.02 min_runs=3 fp_only=""
  while [ $# -gt 0 ]; do
    take_option "$@"
    case $opt in
      --dir) dir=$val ;;
      --out) out=$val ;;
      --threshold) threshold=${val%\%} ;;
      --alpha) alpha=$val ;;
      --min-runs) min_runs=$val ;;
      --fingerprint) fp_only=$val ;;
      '') die_usage "report: unexpected argument: $1 (see -h)" ;;
      *) die_usage "report: unknown option: $opt (see -h)" ;;
    esac
    shift "$used"
  done
  [ -n "$dir" ] || die_usage "report needs --dir DIR (see -h)"
  is_number "$threshold" || die_usage "bad --threshold '$threshold': a percentage >= 0"
  { is_number "$alpha" && awk -v a="$alpha" 'BEGIN { exit !(a > 0 && a < 1) }' </dev/null; } ||
    die_usage "bad --alpha '$alpha': a number between 0 and 1"
  case $min_runs in '' | *[!0-9]* | 0*) die_usage "bad --min-runs '$min_runs': a whole number >= 1" ;; esac
  [ -z "$out" ] || [ ! -e "$out" ] || [ -d "$out" ] || die_usage "$out: not a directory"
  check_dir "$dir" report
  if [ -n "$fp_only" ]; then
    awk -F, -v fp="$fp_only" 'FNR > 1 && $0 ~ "^[0-9]+,.*," fp "," { found = 1 } END { exit !found }' \
      "$dir/runs.csv" || die_usage "--fingerprint $fp_only: no run of that machine in $dir"
  fi
  make_tmpdir
  mkdir "$PARBENCH_TMP/report" "$PARBENCH_TMP/plot" "$PARBENCH_TMP/plot/png" || die "mktemp failed"
  awk_checked "$dir/runs.csv" "$dir/runs.csv" -v HISTORY="$dir/history.csv" \
    -v OUT="$PARBENCH_TMP/report" -v PLOT="$PARBENCH_TMP/plot" -v NEWEST_FILE="$PARBENCH_TMP/newest" \
    -v THRESHOLD="$threshold" -v ALPHA="$alpha" -v MIN_RUNS="$min_runs" -v FP_ONLY="$fp_only" \
    -f "$PARBENCH_AWK/csv.awk" -f "$PARBENCH_AWK/fmt.awk" -f "$PARBENCH_AWK/stats.awk" \
    -f "$PARBENCH_AWK/series.awk" -f "$PARBENCH_SCRIPTS/history-report.awk" \
    >"$PARBENCH_TMP/report/summary.md"
  [ -z "$out" ] || write_report
  cat "$PARBENCH_TMP/report/summary.md"
  [ "$(cat "$PARBENCH_TMP/newest")" -eq 0 ]
}

# Draws the charts (when gnuplot is installed) and moves the report's files
# into OUTDIR, each complete or not at all.
write_report() {
  {
    printf '## Trend charts\n\n'
    if ! command -v gnuplot >/dev/null 2>&1; then
      printf 'None: gnuplot is not installed.\n'
    elif [ ! -s "$PARBENCH_TMP/plot/names" ]; then
      printf 'None: no series.\n'
    elif ! gnuplot "$PARBENCH_TMP/plot/plot.gp" >"$PARBENCH_TMP/gnuplot.log" 2>&1; then
      printf 'None: gnuplot failed: %s\n' "$(head -n 3 "$PARBENCH_TMP/gnuplot.log" | tr '\n' ' ')"
    else
      while IFS= read -r _png; do
        printf -- '- [%s](%s)\n' "$_png" "$_png"
      done <"$PARBENCH_TMP/plot/names"
    fi
  } >>"$PARBENCH_TMP/report/summary.md"
  mkdir -p "$out" || die "cannot make $out"
  for _f in series.csv changepoints.csv summary.md; do
    publish "$PARBENCH_TMP/report/$_f" "$out/$_f"
  done
  for _png in "$PARBENCH_TMP"/plot/png/*.png; do
    [ -f "$_png" ] || continue
    publish "$_png" "$out/${_png##*/}"
  done
  # The summary is printed from here on.
  cp "$out/summary.md" "$PARBENCH_TMP/report/summary.md" || die "cannot read $out/summary.md"
}

# ---- fingerprint ----------------------------------------------------------------

cmd_fingerprint() {
  [ $# -eq 1 ] || die_usage "fingerprint needs one RUN.json (see -h)"
  case $1 in -?*) die_usage "fingerprint: unknown option: $1 (see -h)" ;; esac
  check_run "$1"
  read_machine "$1"
  printf '%s %s\n' "$FINGERPRINT" "${MACHINE:-(nothing known)}"
}

# ---- command line ---------------------------------------------------------------

# take_option "$@": the option in $1, as --opt=V or --opt V: sets opt, val
# and used (the arguments it took); opt is "" at the first operand, "--" at
# --. Options without a value: --force.
take_option() {
  used=1 val=""
  case $1 in
    --) opt=-- ;;
    --*=*) opt=${1%%=*} val=${1#*=} ;;
    --force) opt=$1 ;;
    --dir | --rev | --expect-fingerprint | --out | --threshold | --alpha | --min-runs | --fingerprint)
      [ $# -ge 2 ] || die_usage "$1 needs a value (see -h)"
      opt=$1 val=$2 used=2 ;;
    -?*) opt=$1 ;;
    *) opt="" ;;
  esac
  case $1 in
    --force=*) die_usage "--force takes no value" ;;
  esac
}

main() {
  [ $# -gt 0 ] || die_usage "needs a command: add, report or fingerprint (see -h)"
  cmd=$1
  shift
  case $cmd in
    -h | --help) usage; return 0 ;;
    add | report | fingerprint) ;;
    *) die_usage "unknown command: $cmd (add, report or fingerprint; see -h)" ;;
  esac
  for _arg in "$@"; do
    case $_arg in -h | --help) usage; return 0 ;; esac
  done
  need_cmd jq
  need_cmd awk
  case $cmd in
    add) cmd_add "$@" ;;
    report) cmd_report "$@" ;;
    fingerprint) cmd_fingerprint "$@" ;;
  esac
}

main "$@" || exit 1
