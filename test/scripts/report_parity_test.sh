#!/bin/sh
# The migration check of the report engine, as git compared its legacy shell
# porcelain with the C builtins: each report script over parbench-report
# against what its jq + awk version (scripts/legacy-<name>.sh, the *.awk
# beside them) printed on the same input. The awk is gone (deleted once
# this test had held the two equal, live, on every input); what it printed
# is kept in test/scripts/golden/awk-parity.tsv (see "The awk's side"
# below), so every check still compares the new output with the awk's.
#
# The checks: each script the same bytes and exit status as the awk, or
# both refuse the input with exit 2, on every JSON fixture and on the
# committed runs' JSON; compare.sh the same lines once sorted (its rows come
# in a new order, the one intended difference); table.sh in its three modes
# on the JSON, the committed runs' CSV and each fixture's CSV, with its
# intended differences left out (see same_table); crossover.sh and advise.sh
# the same bytes (advise: but where the cost model now covers a run the
# awk's did not, see same_advice); plot.sh every file it hands gnuplot
# (data files, names, script) the same bytes but its USL fit curves (see
# plot_filter); history.sh report the same bytes (summary, series.csv,
# changepoints.csv, charts) on histories of every fixture, of committed
# runs, and composed from committed runs (test/scripts/history_compose.sh),
# and both exit 2 on a broken one; history.sh add the same runs.csv and
# history.csv as the awk's add, run by run; regress-summary.sh the same
# bytes on regress.sh --out folders of the fixtures and of the committed
# runs. The inputs are the ones the awk saw: a run committed later has no
# awk output to be held against (the report's own tests cover it).
# PARBENCH_PARITY_RUNS=0 leaves the committed runs out.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# The awk's side. Each check's awk output is kept as one line of $GOLDEN,
# CHECK<TAB>VALUE: its exit status and the SHA-256 of what it printed (once
# filtered as the check compares it, and with the paths of the repository
# and of the scratch directory written @ROOT@ and @TMP@, so that a clone
# anywhere gives the same digest), or a short text (a list of files, a
# line). Recording runs the awk from a checkout that still holds it and
# writes a new file:
#   git worktree add /tmp/awk d27df6f   (the last commit with the awk)
#   PARBENCH_PARITY_LEGACY=/tmp/awk PARBENCH_PARITY_RECORD=golden.tsv \
#     sh test/scripts/report_parity_test.sh
# which also runs every check live, the awk against the new, as before.
GOLDEN=$ROOT/test/scripts/golden/awk-parity.tsv
LEGACY=${PARBENCH_PARITY_LEGACY:-}/scripts

recording() { [ -n "${PARBENCH_PARITY_RECORD:-}" ]; }

# normalized FILE: FILE with the repository's and the scratch directory's
# paths written @ROOT@ and @TMP@.
normalized() { LC_ALL=C sed -e "s|$T_TMP|@TMP@|g" -e "s|$ROOT|@ROOT@|g" "$1"; }
digest() { normalized "$1" | sha256sum | cut -d ' ' -f 1; }

# golden CHECK [VALUE]: what is kept as CHECK's, printed; status 1 when
# nothing is. Recording, VALUE (when given) is kept first.
golden() {
  if recording && [ $# -ge 2 ]; then
    printf '%s\t%s\n' "$1" "$2" >>"$PARBENCH_PARITY_RECORD"
  fi
  _from=$GOLDEN
  recording && _from=$PARBENCH_PARITY_RECORD
  LC_ALL=C awk -F '\t' -v c="$1" '$1 == c { v = $2; found = 1 } END { if (found) print v; exit !found }' "$_from"
}

# listed CHECK COMMAND...: the files COMMAND lists (one a line, no blanks),
# as the awk saw them: recording, COMMAND's list, kept; else the kept one.
# The paths are kept relative to the repository.
listed() {
  _check=$1
  shift
  if recording; then
    golden "$_check" "$("$@" | sed "s|^$ROOT/||" | tr '\n' ' ')" >/dev/null
  fi
  golden "$_check" | tr ' ' '\n' | sed '/^$/d' | while IFS= read -r _f; do
    case $_f in /*) printf '%s\n' "$_f" ;; *) printf '%s\n' "$ROOT/$_f" ;; esac
  done
}

# awk_side CHECK FILE COMMAND...: the awk's "STATUS DIGEST" for CHECK into
# $awk_status and $awk_digest. Recording: runs COMMAND (stdin: the caller's)
# with its output into FILE, digests FILE as FILTER (a function, default:
# none) filters it; else reads them. Status 1 when nothing was kept.
awk_side() {
  _as_check=$1 _as_file=$2
  shift 2
  if recording; then
    "$@" >"$_as_file" 2>"$T_TMP/legacy.err"
    _as_status=$?
    "${FILTER:-cat}" "$_as_file" >"$_as_file.cmp"
    golden "$_as_check" "$_as_status $(digest "$_as_file.cmp")" >/dev/null
  else
    rm -f "$_as_file" "$_as_file.cmp"
  fi
  _kept=$(golden "$_as_check") || { t_fail "$_as_check: nothing kept of the awk's output ($GOLDEN)"; return 1; }
  awk_status=${_kept%% *} awk_digest=${_kept#* }
}

# same_as_awk CHECK NEW_STATUS NEW_FILE: the check: the new side (its exit
# status, FILE as FILTER filters it) against the awk's ($awk_status,
# $awk_digest; recording, the awk's output is in $T_TMP/legacy.out.cmp, for
# a diff): the same bytes and status, or both exit 2.
same_as_awk() {
  "${FILTER:-cat}" "$3" >"$3.cmp"
  if [ "$awk_status" -eq 2 ] && [ "$2" -eq 2 ]; then
    t_pass "$1: refused by both (exit 2)"
  elif [ "$awk_status" -ne "$2" ]; then
    t_fail "$1: exit $awk_status (awk) and $2 (new)" "$(head -n 3 "$T_TMP/new.err")"
  elif [ "$(digest "$3.cmp")" = "$awk_digest" ]; then
    t_pass "$1: same output, exit $2"
  else
    t_fail "$1: not the awk's output (the new one begins:)"
    if recording; then
      diff "$T_TMP/legacy.out.cmp" "$3.cmp" | head -n 20 | sed 's/^/      /'
    else
      head -n 10 "$3.cmp" | sed 's/^/      /'
    fi
  fi
}

# same_output NAME SCRIPT ARG...: scripts/SCRIPT.sh against the awk's
# version on the same arguments, each with the file $PARITY_STDIN
# (default: none) as its stdin.
same_output() {
  _name=$1 _script=$2
  shift 2
  awk_side "$_name" "$T_TMP/legacy.out" sh "$LEGACY/legacy-$_script.sh" "$@" \
    <"${PARITY_STDIN:-/dev/null}" || return
  sh "$SCRIPTS/$_script.sh" "$@" <"${PARITY_STDIN:-/dev/null}" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  same_as_awk "$_name" $? "$T_TMP/new.out"
}

# Every JSON fixture, then (unless PARBENCH_PARITY_RUNS=0) every committed
# run's JSON, one a line: the ones the awk saw.
fixture_json() { ls "$FIXTURES"/*.json "$FIXTURES"/*/*.json; }
committed() { find "$ROOT/results" -name "$1" | sort; }
load_runs() { find "$ROOT/results/pools-20261125/load" -name "*.json" | sort; }
vm_runs() { find "$ROOT/results" -path "*/vm-*/bench.json" | sort; }
inputs() {
  listed "inputs: fixtures" fixture_json
  if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
    listed "inputs: committed runs" committed '*.json'
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

# same_rows NAME ARG...: compare.sh against the awk's: the same exit status
# and the same lines once sorted (the one intended difference: the new one
# orders its rows slower, faster, the rest, each in the tables' order;
# test/report/compare_test.cc checks that order), or both exit 2.
same_rows() {
  _name=$1
  shift
  FILTER='sort'
  awk_side "$_name" "$T_TMP/legacy.out" sh "$LEGACY/legacy-compare.sh" "$@" </dev/null || { FILTER=; return; }
  sh "$SCRIPTS/compare.sh" "$@" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  same_as_awk "$_name" $? "$T_TMP/new.out"
  FILTER=
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
#     not model (Tbb, Mpi: "no model for"), the lines $unmodelled lists.
markdown_filter() {
  awk '/^(\*\*Scaling fit\*\*|\*\*Break-even task time\*\*)/ { blanks = 2 }
    /^\*\*Cost model\*\*/ { blanks = 3 }
    /^- \*\*Scaling fit\*\*/ { blanks = 1 }
    blanks && /^$/ { blanks--; next }
    !blanks' "$1"
}
tsv_filter() { cut -f 1-15 "$1"; }
model_filter() {
  awk -v off=" $unmodelled " 'BEGIN { FS = OFS = "\t" }
    { if (index(off, " " NR " ")) for (i = 13; i <= 18; i++) $i = ""; print }' "$1"
}
# unmodelled_rows FILE: the lines of an awk's --model output whose row it
# did not model, space-separated.
unmodelled_rows() { awk -F '\t' '$13 == "0" { printf "%s ", NR }' "$1"; }

# same_table NAME MODE FILE: table.sh against the awk's in MODE ("", --tsv,
# --model) on FILE, their intended differences left out.
same_table() {
  _name=$1 _mode=$2 _file=$3
  case $_mode in
    --tsv) FILTER=tsv_filter ;;
    --model)
      FILTER='cat'
      if recording; then
        # shellcheck disable=SC2086 # $_mode is one word
        sh "$LEGACY/legacy-table.sh" $_mode "$_file" <"${PARITY_STDIN:-/dev/null}" >"$T_TMP/model.out" 2>/dev/null
        golden "$_name: the rows the awk did not model" "$(unmodelled_rows "$T_TMP/model.out")" >/dev/null
      fi
      unmodelled=$(golden "$_name: the rows the awk did not model") ||
        { t_fail "$_name: nothing kept of the awk's output ($GOLDEN)"; return; }
      FILTER=model_filter ;;
    *) FILTER=markdown_filter ;;
  esac
  # shellcheck disable=SC2086 # $_mode is one word or none
  awk_side "$_name" "$T_TMP/legacy.out" sh "$LEGACY/legacy-table.sh" $_mode "$_file" \
    <"${PARITY_STDIN:-/dev/null}" || { FILTER=; return; }
  # shellcheck disable=SC2086
  sh "$SCRIPTS/table.sh" $_mode "$_file" <"${PARITY_STDIN:-/dev/null}" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  same_as_awk "$_name" $? "$T_TMP/new.out"
  FILTER=
}

test_table() {
  {
    cat "$T_TMP/inputs"
    if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
      listed "inputs: committed CSV" committed '*.csv'
    fi
  } >"$T_TMP/table-inputs"
  while IFS= read -r f; do
    for mode in "" --tsv --model; do
      same_table "table $mode ${f#"$ROOT"/}" "$mode" "$f"
    done
  done <"$T_TMP/table-inputs"
  # Each fixture as json2csv.sh's CSV: the C++ reads the CSV as the awk did.
  listed "inputs: fixtures as CSV" ls "$FIXTURES"/*.json >"$T_TMP/csv-fixtures"
  while IFS= read -r f; do
    sh "$SCRIPTS/json2csv.sh" "$f" >"$T_TMP/fixture.csv" 2>/dev/null || continue
    for mode in "" --tsv --model; do
      same_table "table $mode ${f##*/} as CSV" "$mode" "$T_TMP/fixture.csv"
    done
  done <"$T_TMP/csv-fixtures"
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

# same_advice NAME ARG...: advise.sh against the awk's: the same bytes, or
# both exit 2; or the one intended difference: the awk's cost model covered
# none of the run's strategies (the MPI runs: no per-chunk rows) and the new
# one does.
same_advice() {
  _name=$1
  shift
  awk_side "$_name" "$T_TMP/legacy.out" sh "$LEGACY/legacy-advise.sh" "$@" </dev/null || return
  uncovered=0
  if recording && grep -q 'strategy the cost model covers' "$T_TMP/legacy.err"; then
    uncovered=1
  fi
  uncovered=$(golden "$_name: no strategy the awk's cost model covered" "$uncovered") ||
    { t_fail "$_name: nothing kept of the awk's output ($GOLDEN)"; return; }
  sh "$SCRIPTS/advise.sh" "$@" >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  new=$?
  if [ "$awk_status" -eq 2 ] && [ "$new" -eq 0 ] && [ "$uncovered" = 1 ]; then
    t_pass "$_name: newly covered by the cost model (intended)"
  else
    same_as_awk "$_name" "$new" "$T_TMP/new.out"
  fi
}

test_advise() {
  {
    printf '%s\n' "$FIXTURES/model.json" "$FIXTURES/strategies.json" "$FIXTURES/table.json"
    if [ "${PARBENCH_PARITY_RUNS:-1}" != 0 ]; then
      listed "inputs: committed bench.json" committed bench.json
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

# same_history NAME DIR [OPTION...]: history.sh report --dir DIR against the
# awk's, both with --out: the same exit status, summary on stdout and files
# in OUTDIR (the PNGs too), or both exit 2.
same_history() {
  _name=$1 _dir=$2
  shift 2
  rm -rf "$T_TMP/out-legacy" "$T_TMP/out-new"
  awk_side "$_name" "$T_TMP/legacy.out" \
    sh "$LEGACY/legacy-history.sh" report --dir "$_dir" --out "$T_TMP/out-legacy" "$@" </dev/null || return
  sh "$SCRIPTS/history.sh" report --dir "$_dir" --out "$T_TMP/out-new" "$@" \
    >"$T_TMP/new.out" 2>"$T_TMP/new.err"
  new=$?
  same_as_awk "$_name: the summary" "$new" "$T_TMP/new.out"
  [ "$awk_status" -eq "$new" ] && [ "$new" -ne 2 ] || return
  _files=$(if recording; then ls "$T_TMP/out-legacy"; fi | tr '\n' ' ')
  _files=$(golden "$_name: the files" "$_files")
  # shellcheck disable=SC2012 # names of our own making, no blanks
  t_eq "$_name: the same files" "$_files" "$(ls "$T_TMP/out-new" | tr '\n' ' ')"
  for _f in $_files; do
    awk_side "$_name: $_f" "$T_TMP/legacy.file" cat "$T_TMP/out-legacy/$_f" || continue
    same_as_awk "$_name: the same $_f" 0 "$T_TMP/out-new/$_f"
  done
}

# add_all DIR FILE...: a history in DIR of every FILE that history.sh add
# takes, each as revision r<N>, against the awk's add (recording: into
# DIR.legacy): each add's exit status and line, then the files (runs.csv,
# history.csv, the runs' JSON names).
add_all() {
  _dir=$1
  shift
  mkdir -p "$_dir" "$_dir.legacy"
  _n=0 _differ=""
  for _f in "$@"; do
    _n=$((_n + 1))
    _new=$(sh "$SCRIPTS/history.sh" add --dir "$_dir" --force --rev "r$_n" "$_f" 2>&1)
    _new="$? ${_new#*: }"
    case $_new in 0*) _new=$(printf '%s' "$_new" | sed "s|$_dir||") ;; 2*) _new=2 ;; esac
    _old=""
    if recording; then
      _old=$(sh "$LEGACY/legacy-history.sh" add --dir "$_dir.legacy" --force --rev "r$_n" "$_f" 2>&1)
      _old="$? ${_old#*: }"
      case $_old in 0*) _old=$(printf '%s' "$_old" | sed "s|$_dir.legacy||") ;; 2*) _old=2 ;; esac
    fi
    _new=$(printf '%s' "$_new" | sed -e "s|$T_TMP|@TMP@|g" -e "s|$ROOT|@ROOT@|g" | tr '\t\n' '  ')
    _old=$(printf '%s' "$_old" | sed -e "s|$T_TMP|@TMP@|g" -e "s|$ROOT|@ROOT@|g" | tr '\t\n' '  ')
    _old=$(golden "add, ${_dir##*/}: r$_n" "$_old")
    [ "$_new" = "$_old" ] || _differ="$_differ ${_f##*/} ($_old | $_new)"
  done
  t_eq "add, ${_dir##*/}: the same exit status and line for each of $_n runs (refused: both exit 2)" "" "$_differ"
  for _f in runs.csv history.csv; do
    awk_side "add, ${_dir##*/}: $_f" "$T_TMP/legacy.file" cat "$_dir.legacy/$_f" || continue
    same_as_awk "add, ${_dir##*/}: the same $_f" 0 "$_dir/$_f"
  done
  _runs=$(if recording; then ls "$_dir.legacy/runs"; fi | tr '\n' ' ')
  # shellcheck disable=SC2012 # names of our own making, no blanks
  t_eq "add, ${_dir##*/}: the same runs/" "$(golden "add, ${_dir##*/}: runs/" "$_runs")" \
    "$(ls "$_dir/runs" | tr '\n' ' ')"
}

test_history() {
  # Every JSON fixture a run of one history (the ones add refuses left out).
  # shellcheck disable=SC2046 # file names without blanks
  add_all "$T_TMP/h-fixtures" $(listed "inputs: history of the fixtures" fixture_json)
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
  add_all "$T_TMP/h-seed" $(listed "inputs: the 14 load runs" load_runs)
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
    add_all "$T_TMP/h-runs" $(listed "inputs: history of every committed run" committed '*.json')
    same_history "history of every committed run" "$T_TMP/h-runs"
    # shellcheck disable=SC2046
    add_all "$T_TMP/h-vm" $(listed "inputs: the vm runs" vm_runs)
    sh "$compose" "$T_TMP/h-vm" 20 "$T_TMP/h-vm20" 1.1 14 || t_fail "history_compose.sh failed"
    same_history "history of 20 runs composed from the vm runs" "$T_TMP/h-vm20"
  fi
}

# regress.sh's --out folders whose baseline.json the awk summarized.
regress_folders() {
  for _d in "$ROOT"/results/regress-*/*/; do
    [ -f "$_d/baseline.json" ] && printf '%s\n' "${_d%/}"
  done
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
  listed "inputs: regress.sh folders" regress_folders >"$T_TMP/regress-folders"
  while IFS= read -r d; do
    same_output "regress-summary ${d#"$ROOT"/}/" regress-summary "$d/"
  done <"$T_TMP/regress-folders"
}

# plot_filter FILE: plot.sh's gnuplot script without its USL fit curves,
# the one intended difference of plot.sh's files: the curve is the table's
# nonlinear fit now (fit_scale includes λ), and a row may have a fit on one
# side only; test/report/plot_test.cc checks the new curve.
plot_filter() {
  sed -E "s/, [-+.0-9eE]+ \\* x \\/ \\(1 \\+ [-+.0-9eE]+ \\* \\(x - 1\\) \\+ [-+.0-9eE]+ \\* x \\* \\(x - 1\\)\\) title '([^']|'')* \\(USL fit\\)' with lines dt 2 lw 1 lc rgb \"#[0-9a-f]{6}\"//g" "$1"
}

# plot_files DIR FILE: writes plot.sh's files for FILE into DIR: the awk's
# (legacy-table.sh --tsv, then plot.awk) when AWK=1, else parbench-report
# plot's; prints the exit status.
plot_files() {
  mkdir -p "$1/data"
  if [ "${AWK:-0}" = 1 ]; then
    sh "$LEGACY/legacy-table.sh" --tsv "$2" >"$T_TMP/cells.tsv" 2>/dev/null &&
      awk -v dir="$1/data" -v out="$1/png" -f "$LEGACY/lib/fmt.awk" -f "$LEGACY/lib/stats.awk" \
        -f "$LEGACY/plot.awk" "$T_TMP/cells.tsv" >"$1/plot.gp"
  else
    "$REPORT" plot --data="$1/data" --png="$1/png" -o "$1/plot.gp" -- "$2" 2>/dev/null
  fi
  echo $?
}

# same_plot NAME FILE: every file plot.sh hands gnuplot (the data files,
# the names, the script) the same bytes as the awk's, but the USL fit
# curves (plot_filter); or both refuse FILE (the awk: any failure, the new
# one: exit 2). Both write into the same path, one after the other, so
# that the paths in the script agree.
same_plot() {
  _dir=$T_TMP/plot
  rm -rf "$_dir" "$T_TMP/plot.legacy" "$T_TMP/plot.new"
  _status="" _files=""
  if recording; then
    _status=$(AWK=1 plot_files "$_dir" "$2")
    mv "$_dir" "$T_TMP/plot.legacy"
    _files=$(cd "$T_TMP/plot.legacy" && find . -type f | sort | tr '\n' ' ')
  fi
  legacy=$(golden "$1: exit status" "$_status") || { t_fail "$1: nothing kept of the awk's output ($GOLDEN)"; return; }
  _files=$(golden "$1: files" "$_files")
  new=$(plot_files "$_dir" "$2")
  mv "$_dir" "$T_TMP/plot.new"
  if [ "$legacy" -ne 0 ] && [ "$new" -eq 2 ]; then
    t_pass "$1: refused by both"
    return
  elif [ "$legacy" -ne "$new" ]; then
    t_fail "$1: exit $legacy (awk) and $new (new)"
    return
  fi
  t_eq "$1: the same files" "$_files" "$(cd "$T_TMP/plot.new" && find . -type f | sort | tr '\n' ' ')"
  _differ="" _count=0
  for _f in $_files; do
    _count=$((_count + 1))
    FILTER='cat'
    [ "$_f" = ./plot.gp ] && FILTER=plot_filter
    awk_side "$1: $_f" "$T_TMP/legacy.file" cat "$T_TMP/plot.legacy/$_f" || { _differ="$_differ $_f"; continue; }
    "$FILTER" "$T_TMP/plot.new/$_f" >"$T_TMP/new.cmp"
    [ "$(digest "$T_TMP/new.cmp")" = "$awk_digest" ] || _differ="$_differ $_f"
  done
  FILTER=
  if [ -z "$_differ" ]; then
    t_pass "$1: the same $_count files, but the USL fit curves"
  else
    t_fail "$1: files differ:$_differ"
  fi
}

test_plot() {
  REPORT=${PARBENCH_REPORT:-$ROOT/build/parbench-report}
  while IFS= read -r f; do
    same_plot "plot ${f#"$ROOT"/}" "$f"
  done <"$T_TMP/inputs"
  while IFS= read -r f; do
    sh "$SCRIPTS/json2csv.sh" "$f" >"$T_TMP/fixture.csv" 2>/dev/null || continue
    same_plot "plot ${f##*/} as CSV" "$T_TMP/fixture.csv"
  done <"$T_TMP/csv-fixtures"
}

# plot-shown: what gnuplot drew, read back by parbench-report plot-shown,
# against what the awk's plot-shown.awk read back from the same files.
test_plot_shown() {
  command -v gnuplot >/dev/null 2>&1 || { t_skip "plot-shown: no gnuplot"; return; }
  REPORT=${PARBENCH_REPORT:-$ROOT/build/parbench-report}
  for f in "$FIXTURES/table.json" "$FIXTURES/strategies.json" "$FIXTURES/sweep.json"; do
    _dir=$T_TMP/shown
    rm -rf "$_dir"
    mkdir -p "$_dir/data" "$_dir/png"
    if ! { "$REPORT" plot --data="$_dir/data" --png="$_dir/png" -o "$_dir/plot.gp" -- "$f" &&
      gnuplot "$_dir/plot.gp" >/dev/null 2>&1 &&
      "$REPORT" plot-shown --data="$_dir/data" >"$T_TMP/new.out"; }; then
      t_fail "plot-shown ${f##*/}: did not run"
      continue
    fi
    awk_side "plot-shown ${f##*/}" "$T_TMP/legacy.out" \
      awk -v dir="$_dir/data" -f "$LEGACY/plot-shown.awk" "$_dir/data/names" || continue
    same_as_awk "plot-shown ${f##*/}: same table" 0 "$T_TMP/new.out"
  done
}

main() {
  if recording; then
    [ -f "$LEGACY/legacy-table.sh" ] || { echo "PARBENCH_PARITY_LEGACY: no $LEGACY/legacy-table.sh" >&2; exit 2; }
    : >"$PARBENCH_PARITY_RECORD"
  fi
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
  if recording; then
    # One value a check: a name kept twice with two values would be read back
    # as the last one only.
    _twice=$(LC_ALL=C sort -u "$PARBENCH_PARITY_RECORD" | cut -f 1 | uniq -d | head -n 3)
    [ -z "$_twice" ] || t_fail "checks kept twice with different values" "$_twice"
  fi
  t_finish
}

main "$@" || exit 1
