#!/bin/sh
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
# it was. The work is done by `parbench-report history add|report|
# fingerprint` (lib/report/history_add.h, history_report.h; the method in
# lib/report/stats/change_points.h); this script keeps the command line,
# the lock and the moves into DIR, draws the charts with gnuplot and moves
# the report's files into OUTDIR. See docs/tracking-regressions.md.
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
  need_report
  make_tmpdir
  trap cleanup EXIT
  # The run checked before the lock is taken, as it always was.
  run_report history fingerprint -- "$run_json" >/dev/null
  lock "$dir"
  run_report history add "--dir=$dir" "--stage=$STAGE" ${rev:+"--rev=$rev"} ${force:+--force} \
    ${expect:+"--expect-fingerprint=$expect"} -- "$run_json" >"$PARBENCH_TMP/added"
  file=$(sed -n 1p "$PARBENCH_TMP/added")
  cp "$run_json" "$STAGE/run.json" || die "cannot copy $run_json"
  commit
  sed -n 2p "$PARBENCH_TMP/added"
}

# ---- report -------------------------------------------------------------------

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
  [ -z "$out" ] || [ ! -e "$out" ] || [ -d "$out" ] || die_usage "$out: not a directory"
  need_report
  make_tmpdir
  mkdir "$PARBENCH_TMP/report" "$PARBENCH_TMP/plot" "$PARBENCH_TMP/plot/png" || die "mktemp failed"
  newest=0
  run_report history report "--dir=$dir" "--out=$PARBENCH_TMP/report" "--plot=$PARBENCH_TMP/plot" \
    "--threshold=$threshold" "--alpha=$alpha" "--min-runs=$min_runs" "--fingerprint=$fp_only" ||
    newest=1
  [ -z "$out" ] || write_report
  cat "$PARBENCH_TMP/report/summary.md"
  [ "$newest" -eq 0 ]
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
  need_report
  make_tmpdir
  run_report history fingerprint -- "$1"
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
  case $cmd in
    add) cmd_add "$@" ;;
    report) cmd_report "$@" ;;
    fingerprint) cmd_fingerprint "$@" ;;
  esac
}

main "$@" || exit 1
