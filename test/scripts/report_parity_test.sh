#!/bin/sh
# The migration check of the report engine (as git compared its legacy shell
# porcelain with the C builtins): each script now over parbench-report and
# its legacy jq + awk version (scripts/legacy-<name>.sh) give the same
# bytes, or both refuse the input with exit 2, on every JSON fixture and on
# the committed runs' JSON; compare.sh the same lines once sorted (its
# rows come in a new order, the one intended difference); table.sh in its
# three modes on the JSON, the committed runs' CSV and each fixture's CSV,
# with its intended differences left out (see same_table); crossover.sh
# and advise.sh the same bytes (advise: but where the cost model now covers
# a run the awk's did not, see same_advice); plot.sh every file it hands
# gnuplot (data files, names, script) the same bytes but its USL fit
# curves (see plot_filter); history.sh report the same
# bytes (summary, series.csv, changepoints.csv, charts) on
# histories of every fixture, of committed runs, and composed from committed
# runs (test/scripts/history_compose.sh), and both exit 2 on a broken one;
# history.sh add the same runs.csv and history.csv as legacy-history.sh add,
# run by run; regress-summary.sh the same bytes as legacy-regress-summary.sh
# on regress.sh --out folders of the fixtures and of the committed runs.
# PARBENCH_PARITY_RUNS=0 leaves the committed runs out (they take the legacy
# scripts minutes).
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# same_output NAME SCRIPT ARG...: one check, named NAME, of scripts/SCRIPT.sh
# against scripts/legacy-SCRIPT.sh on the same arguments, each with the file
# $PARITY_STDIN (default: none) as its stdin.
same_output() {
  _name=$1 _script=$2
  shift 2
  sh "$SCRIPTS/legacy-$_script.sh" "$@" <"${PARITY_STDIN:-/dev/null}" >"$T_TMP/legacy.out" 2>"$T_TMP/legacy.err"
  legacy=$?
  sh "$SCRIPTS/$_script.sh" "$@" <"${PARITY_STDIN:-/dev/null}" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  new=$?
  if [ "$legacy" -eq "$new" ] && [ "$legacy" -ne 2 ]; then
    t_same_file "$_name: same output, exit $new" "$T_TMP/legacy.out" "$T_TMP/new.out"
  elif [ "$legacy" -eq 2 ] && [ "$new" -eq 2 ]; then
    t_pass "$_name: refused by both (exit 2)"
  else
    t_fail "$_name: exit $legacy (legacy) and $new (new)" "$(cat "$T_TMP/new.err")"
  fi
}

# Every JSON fixture, then (unless PARBENCH_PARITY_RUNS=0) every committed
# run's JSON, one a line.
inputs() {
  for f in "$FIXTURES"/*.json "$FIXTURES"/*/*.json; do
    printf '%s\n' "$f"
  done
  if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
    find "$ROOT/results" -name '*.json' | sort
  fi
}

test_json2csv() {
  while IFS= read -r f; do
    same_output "json2csv ${f#"$ROOT"/}" json2csv "$f"
  done <"$T_TMP/inputs"
  # Several files at once: one header, counters and context keys united.
  same_output "json2csv, two files at once" json2csv "$FIXTURES/edge.json" "$FIXTURES/strategies.json"
}

test_overheads() {
  while IFS= read -r f; do
    same_output "overheads ${f#"$ROOT"/}" overheads "$f"
  done <"$T_TMP/inputs"
  # The labelled run without its labels, as runs were written before them:
  # every pair from the legacy reader's names.
  jq '.benchmarks[] |= del(.label)' "$FIXTURES/overheads-labels.json" >"$T_TMP/nolabels.json"
  same_output "overheads, labels removed" overheads "$T_TMP/nolabels.json"
  PARITY_STDIN=$FIXTURES/overheads.json same_output "overheads, stdin" overheads -
}

# same_rows NAME ARG...: compare.sh against legacy-compare.sh: the same exit
# status and the same lines once sorted (the one intended difference: the
# new one orders its rows slower, faster, the rest, each in the tables'
# order; test/report/compare_test.cc checks that order), or both exit 2.
same_rows() {
  _name=$1
  shift
  sh "$SCRIPTS/legacy-compare.sh" "$@" >"$T_TMP/legacy.out" 2>"$T_TMP/legacy.err"
  legacy=$?
  sh "$SCRIPTS/compare.sh" "$@" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  new=$?
  if [ "$legacy" -eq 2 ] && [ "$new" -eq 2 ]; then
    t_pass "$_name: refused by both (exit 2)"
  elif [ "$legacy" -ne "$new" ]; then
    t_fail "$_name: exit $legacy (legacy) and $new (new)" "$(cat "$T_TMP/new.err")"
  else
    sort "$T_TMP/legacy.out" >"$T_TMP/legacy.sorted"
    sort "$T_TMP/new.out" >"$T_TMP/new.sorted"
    t_same_file "$_name: same rows, exit $new" "$T_TMP/legacy.sorted" "$T_TMP/new.sorted"
  fi
}

test_compare() {
  cmp=$FIXTURES/compare
  for pair in "base slower" "base faster" "gbench_run1 gbench_run2" "utest_run0 utest_run1" \
    "boundary_base boundary_contender" "rounds_base rounds_contender" \
    "aggonly_base aggonly_contender" "base nobenchmarks" "base badunit" "base twodocs"; do
    b=${pair% *} c=${pair#* }
    for options in --format=table --format=md --format=csv "--format=csv --metric=cpu" \
      "--format=csv --statistic=mean" "--format=csv --threshold=0.5" "--format=csv --alpha=0.2"; do
      # shellcheck disable=SC2086 # the options are single words
      same_rows "compare $b $c $options" $options "$cmp/$b.json" "$cmp/$c.json"
    done
  done
  if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
    r=$ROOT/results
    for pair in "vm-20261125-043300 vm-20261125-123601" "vm-20261125-123601 vm-20261125-145342" \
      "mpi-shm-20261125-125731 mpi-tcp-20261125-125731"; do
      for format in table csv; do
        same_rows "compare $pair $format" --format=$format "$r/${pair% *}/bench.json" "$r/${pair#* }/bench.json"
      done
    done
  fi
}

# The intended differences of table.sh, left out before comparing (the new
# lines are checked in test/report/table_test.cc and table_test.sh):
#   Markdown: the scaling fit (now the nonlinear fit with intervals), the
#     cost model and its median absolute error (intervals; Tbb and Mpi rows
#     modelled) and the break-even table (intervals): each block, paragraph
#     and table, up to its second blank line (the cost model: its third,
#     past its median absolute error, which the awk leaves out when no cell
#     is modelled; the one-line note of no fit: its first);
#   --tsv: the USL fit's columns (fit_sigma, fit_kappa, fit_scale);
#   --model: the parameters (modelled .. dispatch) of the rows the awk did
#     not model (Tbb, Mpi: "no model for").
markdown_filter() {
  awk '/^(\*\*Scaling fit\*\*|\*\*Break-even task time\*\*)/ { blanks = 2 }
    /^\*\*Cost model\*\*/ { blanks = 3 }
    /^- \*\*Scaling fit\*\*/ { blanks = 1 }
    blanks && /^$/ { blanks--; next }
    !blanks' "$1"
}
tsv_filter() { cut -f 1-15 "$1"; }
# model_filter LEGACY FILE: FILE with the parameters blanked on the lines
# where LEGACY's row is not modelled.
model_filter() {
  awk -v legacy="$1" 'BEGIN { FS = OFS = "\t"
      while ((getline line < legacy) > 0) { n++; split(line, f, "\t"); off[n] = (f[13] == "0") } }
    { if (off[NR]) for (i = 13; i <= 18; i++) $i = ""; print }' "$2"
}

# same_table NAME MODE FILE: table.sh against legacy-table.sh in MODE
# ("", --tsv, --model) on FILE, their intended differences left out.
same_table() {
  _name=$1 _mode=$2 _file=$3
  # shellcheck disable=SC2086 # $_mode is one word or none
  sh "$SCRIPTS/legacy-table.sh" $_mode "$_file" <"${PARITY_STDIN:-/dev/null}" >"$T_TMP/legacy.out" 2>"$T_TMP/legacy.err"
  legacy=$?
  # shellcheck disable=SC2086
  sh "$SCRIPTS/table.sh" $_mode "$_file" <"${PARITY_STDIN:-/dev/null}" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  new=$?
  if [ "$legacy" -eq 2 ] && [ "$new" -eq 2 ]; then
    t_pass "$_name: refused by both (exit 2)"
    return
  elif [ "$legacy" -ne "$new" ]; then
    t_fail "$_name: exit $legacy (legacy) and $new (new)" "$(cat "$T_TMP/new.err")"
    return
  fi
  case $_mode in
    --tsv)
      tsv_filter "$T_TMP/legacy.out" >"$T_TMP/legacy.cmp"
      tsv_filter "$T_TMP/new.out" >"$T_TMP/new.cmp" ;;
    --model)
      model_filter "$T_TMP/legacy.out" "$T_TMP/legacy.out" >"$T_TMP/legacy.cmp"
      model_filter "$T_TMP/legacy.out" "$T_TMP/new.out" >"$T_TMP/new.cmp" ;;
    *)
      markdown_filter "$T_TMP/legacy.out" >"$T_TMP/legacy.cmp"
      markdown_filter "$T_TMP/new.out" >"$T_TMP/new.cmp" ;;
  esac
  t_same_file "$_name: same output but the intended differences, exit $new" \
    "$T_TMP/legacy.cmp" "$T_TMP/new.cmp"
}

test_table() {
  {
    cat "$T_TMP/inputs"
    if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
      find "$ROOT/results" -name '*.csv' | sort
    fi
  } >"$T_TMP/table-inputs"
  while IFS= read -r f; do
    for mode in "" --tsv --model; do
      same_table "table $mode ${f#"$ROOT"/}" "$mode" "$f"
    done
  done <"$T_TMP/table-inputs"
  # Each fixture as json2csv.sh's CSV: the C++ reads the CSV as the awk did.
  for f in "$FIXTURES"/*.json; do
    sh "$SCRIPTS/json2csv.sh" "$f" >"$T_TMP/fixture.csv" 2>/dev/null || continue
    for mode in "" --tsv --model; do
      same_table "table $mode ${f##*/} as CSV" "$mode" "$T_TMP/fixture.csv"
    done
  done
  for mode in "" --tsv --model; do
    PARITY_STDIN=$FIXTURES/table.json same_table "table $mode, stdin" "$mode" -
  done
  # The tables' order whatever the JSON's: the records reversed.
  jq '.benchmarks |= reverse' "$FIXTURES/table.json" >"$T_TMP/reversed.json"
  sh "$SCRIPTS/table.sh" "$FIXTURES/table.json" >"$T_TMP/forward.md"
  sh "$SCRIPTS/table.sh" "$T_TMP/reversed.json" | sed "s|$T_TMP/reversed.json|$FIXTURES/table.json|" \
    >"$T_TMP/reversed.md"
  t_same_file "table: the same report whatever order the records come in" \
    "$T_TMP/forward.md" "$T_TMP/reversed.md"
}

test_crossover() {
  while IFS= read -r f; do
    same_output "crossover ${f#"$ROOT"/}" crossover "$f"
  done <"$T_TMP/inputs"
  PARITY_STDIN=$FIXTURES/sweep.json same_output "crossover, stdin" crossover -
}

# same_advice NAME ARG...: advise.sh against legacy-advise.sh: the same
# bytes, or both exit 2; or the one intended difference: the awk's cost
# model covered none of the run's strategies (the MPI runs: no per-chunk
# rows) and the new one does.
same_advice() {
  _name=$1
  shift
  sh "$SCRIPTS/legacy-advise.sh" "$@" >"$T_TMP/legacy.out" 2>"$T_TMP/legacy.err"
  legacy=$?
  sh "$SCRIPTS/advise.sh" "$@" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  new=$?
  if [ "$legacy" -eq 2 ] && [ "$new" -eq 0 ] && grep -q 'strategy the cost model covers' "$T_TMP/legacy.err"; then
    t_pass "$_name: newly covered by the cost model (intended)"
  elif [ "$legacy" -eq "$new" ] && [ "$legacy" -ne 2 ]; then
    t_same_file "$_name: same output, exit $new" "$T_TMP/legacy.out" "$T_TMP/new.out"
  elif [ "$legacy" -eq 2 ] && [ "$new" -eq 2 ]; then
    t_pass "$_name: refused by both (exit 2)"
  else
    t_fail "$_name: exit $legacy (legacy) and $new (new)" "$(cat "$T_TMP/new.err")"
  fi
}

test_advise() {
  {
    printf '%s\n' "$FIXTURES/model.json" "$FIXTURES/strategies.json" "$FIXTURES/table.json"
    if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
      find "$ROOT/results" -name bench.json | sort
    fi
  } >"$T_TMP/advise-inputs"
  while IFS= read -r f; do
    for q in "--task=50us --tasks=100" "--task=3ms --tasks=10" "--task=2us --tasks=10000" \
      "--task=200us --tasks=1000 --kind=io"; do
      # shellcheck disable=SC2086 # the question is single words
      same_advice "advise $q ${f#"$ROOT"/}" $q "$f"
    done
  done <"$T_TMP/advise-inputs"
}

# same_history NAME DIR [OPTION...]: history.sh report --dir DIR against
# legacy-history.sh's, both with --out: the same exit status, summary on
# stdout and files in OUTDIR (the PNGs too), or both exit 2.
same_history() {
  _name=$1 _dir=$2
  shift 2
  rm -rf "$T_TMP/out-legacy" "$T_TMP/out-new"
  sh "$SCRIPTS/legacy-history.sh" report --dir "$_dir" --out "$T_TMP/out-legacy" "$@" \
    >"$T_TMP/legacy.out" 2>"$T_TMP/legacy.err"
  legacy=$?
  sh "$SCRIPTS/history.sh" report --dir "$_dir" --out "$T_TMP/out-new" "$@" \
    >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  new=$?
  if [ "$legacy" -eq 2 ] && [ "$new" -eq 2 ]; then
    t_pass "$_name: refused by both (exit 2)"
  elif [ "$legacy" -ne "$new" ]; then
    t_fail "$_name: exit $legacy (legacy) and $new (new)" "$(cat "$T_TMP/new.err")"
  else
    t_same_file "$_name: same summary, exit $new" "$T_TMP/legacy.out" "$T_TMP/new.out"
    for _f in "$T_TMP/out-legacy"/*; do
      t_same_file "$_name: same ${_f##*/}" "$_f" "$T_TMP/out-new/${_f##*/}"
    done
    t_eq "$_name: the same files" "$(ls "$T_TMP/out-legacy")" "$(ls "$T_TMP/out-new")"
  fi
}

# add_all DIR FILE...: a history in DIR of every FILE that history.sh add
# takes, each as revision r<N>; the same made by legacy-history.sh add in
# DIR.legacy, checked the same: each add's exit status and line, then the
# files (runs.csv, history.csv, the runs' JSON names).
add_all() {
  _dir=$1
  shift
  mkdir -p "$_dir" "$_dir.legacy"
  _n=0 _differ=""
  for _f in "$@"; do
    _n=$((_n + 1))
    _new=$(sh "$SCRIPTS/history.sh" add --dir "$_dir" --force --rev "r$_n" "$_f" 2>&1)
    _new="$? ${_new#*: }"
    _old=$(sh "$SCRIPTS/legacy-history.sh" add --dir "$_dir.legacy" --force --rev "r$_n" "$_f" 2>&1)
    _old="$? ${_old#*: }"
    case $_new in 0*) _new=$(printf '%s' "$_new" | sed "s|$_dir||") ;; 2*) _new=2 ;; esac
    case $_old in 0*) _old=$(printf '%s' "$_old" | sed "s|$_dir.legacy||") ;; 2*) _old=2 ;; esac
    [ "$_new" = "$_old" ] || _differ="$_differ ${_f##*/} ($_old | $_new)"
  done
  t_eq "add, ${_dir##*/}: the same exit status and line for each of $_n runs (refused: both exit 2)" "" "$_differ"
  for _f in runs.csv history.csv; do
    t_same_file "add, ${_dir##*/}: the same $_f" "$_dir.legacy/$_f" "$_dir/$_f"
  done
  t_eq "add, ${_dir##*/}: the same runs/" "$(ls "$_dir.legacy/runs")" "$(ls "$_dir/runs")"
}

test_history() {
  # Every JSON fixture a run of one history (the ones add refuses left out).
  add_all "$T_TMP/h-fixtures" "$FIXTURES"/*.json "$FIXTURES"/*/*.json
  same_history "history of the fixtures" "$T_TMP/h-fixtures"
  same_history "history of the fixtures, --threshold 1 --min-runs 1" "$T_TMP/h-fixtures" \
    --threshold 1 --min-runs 1
  cut -d, -f4 "$T_TMP/h-fixtures/runs.csv" | sed 1d | sort -u >"$T_TMP/fingerprints"
  while IFS= read -r fp; do
    same_history "history of the fixtures, --fingerprint $fp" "$T_TMP/h-fixtures" --fingerprint "$fp"
  done <"$T_TMP/fingerprints"

  # Histories composed from committed runs (14 small ones, two machines):
  # a step in the middle, a step the newest run makes appear, the newest run
  # alone slower; and the seed itself, where the machine changes.
  # shellcheck disable=SC2046 # file names without blanks
  add_all "$T_TMP/h-seed" $(find "$ROOT/results/pools-20261125/load" -name '*.json' | sort)
  same_history "history of 14 committed runs, two machines" "$T_TMP/h-seed" --min-runs 2
  compose=$ROOT/test/scripts/history_compose.sh
  for spec in "20 1.2 14" "24 1.3 22" "20 1.3 20" "40 0.8 11" "12 1 0"; do
    n=${spec%% *}
    # shellcheck disable=SC2086 # FACTOR START
    sh "$compose" "$T_TMP/h-seed" "$n" "$T_TMP/h-composed" ${spec#* } || t_fail "history_compose.sh $spec failed"
    for options in "" "--min-runs 2" "--alpha 0.2 --threshold 2%" "--threshold 30"; do
      # shellcheck disable=SC2086 # single words
      same_history "history composed ($spec) $options" "$T_TMP/h-composed" $options
    done
    rm -rf "$T_TMP/h-composed"
  done

  # Broken histories: refused by both.
  b=$T_TMP/h-broken
  mkdir -p "$b"
  cp "$T_TMP/h-seed/runs.csv" "$T_TMP/h-seed/history.csv" "$b/"
  sed '3s/^\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,\)[^,]*/\1fast/' "$T_TMP/h-seed/history.csv" >"$b/history.csv"
  same_history "a median that is not a number" "$b"
  sed '3s/,[^,]*$//' "$T_TMP/h-seed/history.csv" >"$b/history.csv"
  same_history "a history row with a field missing" "$b"
  sed '1s/median_ns/median/' "$T_TMP/h-seed/history.csv" >"$b/history.csv"
  same_history "another file's header" "$b"
  cp "$T_TMP/h-seed/history.csv" "$b/history.csv"
  sed '2s/^1,/x,/' "$T_TMP/h-seed/runs.csv" >"$b/runs.csv"
  same_history "a run number that is not one" "$b"
  printf '2,unfinished' >>"$b/runs.csv"
  same_history "an unfinished last line" "$b"

  if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
    # Every committed run's JSON, one history; then 20 runs composed from
    # the three vm runs, a 10 % step at run 14.
    # shellcheck disable=SC2046 # file names without blanks
    add_all "$T_TMP/h-runs" $(find "$ROOT/results" -name '*.json' | sort)
    same_history "history of every committed run" "$T_TMP/h-runs"
    # shellcheck disable=SC2046
    add_all "$T_TMP/h-vm" $(find "$ROOT/results" -path '*/vm-*/bench.json' | sort)
    sh "$compose" "$T_TMP/h-vm" 20 "$T_TMP/h-vm20" 1.1 14 || t_fail "history_compose.sh failed"
    same_history "history of 20 runs composed from the vm runs" "$T_TMP/h-vm20"
  fi
}

test_regress_summary() {
  # regress.sh's --out folders made of compare.sh's fixtures, a subject
  # with "|" and CRs, and options; then the committed regress.sh runs.
  cmp=$FIXTURES/compare
  for pair in "base slower" "base faster" "gbench_run1 gbench_run2" "rounds_base rounds_contender" \
    "aggonly_base aggonly_contender" "base badunit"; do
    d=$T_TMP/rs-${pair#* }
    mkdir -p "$d"
    cp "$cmp/${pair% *}.json" "$d/baseline.json"
    cp "$cmp/${pair#* }.json" "$d/contender.json"
    printf 'baseline\t0123456789abcdef0123456789abcdef01234567\tHEAD^1\tMerge main | fixes\r\n' >"$d/revisions.txt"
    # shellcheck disable=SC2016 # backquotes of Markdown
    printf 'contender\tfedcba9876543210\tHEAD\tMake it `faster`\n' >>"$d/revisions.txt"
    same_output "regress-summary ${pair#* }" regress-summary "$d"
    same_output "regress-summary ${pair#* } --threshold=20" regress-summary --threshold=20 "$d"
    same_output "regress-summary ${pair#* } --status=3 --log" regress-summary --status=3 \
      --log="$d/revisions.txt" "$d"
  done
  rm "$d/revisions.txt"
  same_output "regress-summary without revisions.txt" regress-summary "$d"
  for d in "$ROOT"/results/regress-*/*/; do
    [ -f "$d/baseline.json" ] || continue
    same_output "regress-summary ${d#"$ROOT"/}" regress-summary "$d"
  done
}

# plot_filter FILE: plot.sh's gnuplot script without its USL fit curves,
# the one intended difference of plot.sh's files: the curve is the table's
# nonlinear fit now (fit_scale includes λ), and a row may have a fit on one
# side only; test/report/plot_test.cc checks the new curve.
plot_filter() {
  sed -E "s/, [-+.0-9eE]+ \\* x \\/ \\(1 \\+ [-+.0-9eE]+ \\* \\(x - 1\\) \\+ [-+.0-9eE]+ \\* x \\* \\(x - 1\\)\\) title '([^']|'')* \\(USL fit\\)' with lines dt 2 lw 1 lc rgb \"#[0-9a-f]{6}\"//g" "$1"
}

# plot_files DIR FILE: writes plot.sh's files for FILE into DIR: the
# legacy ones (legacy-table.sh --tsv, then plot.awk) when LEGACY=1, else
# parbench-report plot's; DIR/status holds the exit status.
plot_files() {
  mkdir -p "$1/data"
  if [ "${LEGACY:-0}" = 1 ]; then
    sh "$SCRIPTS/legacy-table.sh" --tsv "$2" >"$T_TMP/cells.tsv" 2>/dev/null &&
      awk -v dir="$1/data" -v out="$1/png" -f "$SCRIPTS/lib/fmt.awk" -f "$SCRIPTS/lib/stats.awk" \
        -f "$SCRIPTS/plot.awk" "$T_TMP/cells.tsv" >"$1/plot.gp"
  else
    "$REPORT" plot --data="$1/data" --png="$1/png" -o "$1/plot.gp" -- "$2" 2>/dev/null
  fi
  echo $? >"$T_TMP/status"
}

# same_plot NAME FILE: every file plot.sh hands gnuplot (the data files,
# the names, the script) the same bytes from both, but the USL fit curves
# (plot_filter); or both refuse FILE with exit 2. Both write into the same
# path, one after the other, so that the paths in the script agree.
same_plot() {
  _dir=$T_TMP/plot
  rm -rf "$_dir" "$T_TMP/plot.legacy" "$T_TMP/plot.new"
  LEGACY=1 plot_files "$_dir" "$2"
  legacy=$(cat "$T_TMP/status")
  mv "$_dir" "$T_TMP/plot.legacy"
  plot_files "$_dir" "$2"
  new=$(cat "$T_TMP/status")
  mv "$_dir" "$T_TMP/plot.new"
  if [ "$legacy" -ne 0 ] && [ "$new" -eq 2 ]; then
    t_pass "$1: refused by both"
    return
  elif [ "$legacy" -ne "$new" ]; then
    t_fail "$1: exit $legacy (legacy) and $new (new)"
    return
  fi
  (cd "$T_TMP/plot.legacy" && find . -type f | sort) >"$T_TMP/legacy.files"
  (cd "$T_TMP/plot.new" && find . -type f | sort) >"$T_TMP/new.files"
  if ! cmp -s "$T_TMP/legacy.files" "$T_TMP/new.files"; then
    t_fail "$1: different files" "$(diff "$T_TMP/legacy.files" "$T_TMP/new.files" | head -n 5)"
    return
  fi
  _differ=""
  while IFS= read -r _f; do
    if [ "$_f" = ./plot.gp ]; then
      plot_filter "$T_TMP/plot.legacy/$_f" >"$T_TMP/legacy.gp"
      plot_filter "$T_TMP/plot.new/$_f" >"$T_TMP/new.gp"
      cmp -s "$T_TMP/legacy.gp" "$T_TMP/new.gp" || _differ="$_differ $_f"
    else
      cmp -s "$T_TMP/plot.legacy/$_f" "$T_TMP/plot.new/$_f" || _differ="$_differ $_f"
    fi
  done <"$T_TMP/new.files"
  if [ -z "$_differ" ]; then
    t_pass "$1: the same $(wc -l <"$T_TMP/new.files" | tr -d ' ') files, but the USL fit curves"
  else
    t_fail "$1: files differ:$_differ"
  fi
}

test_plot() {
  REPORT=${PARBENCH_REPORT:-$ROOT/build/parbench-report}
  while IFS= read -r f; do
    same_plot "plot ${f#"$ROOT"/}" "$f"
  done <"$T_TMP/inputs"
  for f in "$FIXTURES"/*.json; do
    sh "$SCRIPTS/json2csv.sh" "$f" >"$T_TMP/fixture.csv" 2>/dev/null || continue
    same_plot "plot ${f##*/} as CSV" "$T_TMP/fixture.csv"
  done
}

# plot-shown: what gnuplot drew, read back by parbench-report plot-shown and
# by the legacy plot-shown.awk from the same files: the same bytes.
test_plot_shown() {
  command -v gnuplot >/dev/null 2>&1 || { t_skip "plot-shown: no gnuplot"; return; }
  REPORT=${PARBENCH_REPORT:-$ROOT/build/parbench-report}
  for f in "$FIXTURES/table.json" "$FIXTURES/strategies.json" "$FIXTURES/sweep.json"; do
    _dir=$T_TMP/shown
    rm -rf "$_dir"
    mkdir -p "$_dir/data" "$_dir/png"
    if ! { "$REPORT" plot --data="$_dir/data" --png="$_dir/png" -o "$_dir/plot.gp" -- "$f" &&
      gnuplot "$_dir/plot.gp" >/dev/null 2>&1 &&
      awk -v dir="$_dir/data" -f "$SCRIPTS/plot-shown.awk" "$_dir/data/names" >"$T_TMP/legacy.out" &&
      "$REPORT" plot-shown --data="$_dir/data" >"$T_TMP/new.out"; }; then
      t_fail "plot-shown ${f##*/}: did not run"
      continue
    fi
    t_same_file "plot-shown ${f##*/}: same table" "$T_TMP/legacy.out" "$T_TMP/new.out"
  done
}

main() {
  inputs >"$T_TMP/inputs"
  test_json2csv
  test_overheads
  test_compare
  test_table
  test_crossover
  test_advise
  test_history
  test_regress_summary
  test_plot
  test_plot_shown
  t_finish
}

main "$@" || exit 1
