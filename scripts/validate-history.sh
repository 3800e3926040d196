#!/bin/sh
# Validates history.sh's change points on synthetic histories made from real
# runs. Two pools of runs are made once, interleaved in proportion (B runs
# spread evenly among the A runs, so that the machine's drift and its
# neighbours' load fall on both alike): A, bench as it is, and B, the same benchmarks
# with the Cpu tasks counting 10 % further (--cpu_count: the same names,
# 10 % slower). Then TRIES histories of each kind are composed by drawing
# runs from the pools in a random order and added one by one with
# history.sh, with a report after each run as CI makes one per push:
#   A/A     RUNS A runs: no change point may be found, and no report may
#           exit 1 (say the newest run starts a slowdown)
#   step    A runs, then B runs from run STEP on: a change point at STEP +-1
#           in the last report, and the run whose report first exits 1
# Prints each try and the tally; exit status 0 when the targets are met (no
# change point and no exit 1 in any A/A try; the step found at STEP +-1 for
# every benchmark in at least 9 tries of 10), 1 when not, 2 on bad input.
# Not run by ctest: it takes minutes. See docs/tracking-regressions.md.
#
#   scripts/validate-history.sh [--bench=PATH] [--pool=DIR] [--tries=N]
#                               [--runs=N] [--step=N] [--seed=N]
#                               [--repetitions=N] [--min-time=S] [-- REPORT_OPTIONS...]
#                               [-- REPORT_OPTIONS...]
set -u
. "$(dirname "$0")/common.sh"

FILTER='^Cpu/(Sequential|ThreadPool/warm|ProcessPool/warm)/workers:(1|2)/'
A_ARGS="--cpu_count=10000000"
B_ARGS="--cpu_count=11000000"

usage() {
  cat <<EOF
usage: validate-history.sh [--bench=PATH] [--pool=DIR] [--tries=N] [--runs=N] [--step=N] [--seed=N]
                           [--repetitions=N] [--min-time=S] [-- REPORT_OPTIONS...]
  --bench=PATH  the bench binary (default: build/bench)
  --pool=DIR    where the pools are kept (default: build/history-pool); runs
                already there are reused, missing ones made
  --tries=N     histories of each kind (default 10)
  --runs=N      runs in each history (default 20)
  --step=N      the first B run of a step history (default 12)
  --seed=N      the random draws' seed (default 1)
  --repetitions=N, --min-time=S
                each run's --benchmark_repetitions (default 9) and
                --benchmark_min_time (default 0.02): the median of 9 short
                repetitions is less at the mercy of one busy moment of a
                shared machine than the median of 3 longer ones
  REPORT_OPTIONS
                for history.sh report (--threshold, --alpha, --min-runs)
The runs: bench --benchmark_filter='$FILTER'
  --workers=1,2, A with $A_ARGS, B with $B_ARGS. A pool made with other
  settings is not reused: give another --pool.
EOF
}

is_count() {
  case $1 in '' | *[!0-9]* | 0*) return 1 ;; esac
  return 0
}

# make_run KIND N: one run into the pool, POOL/KIND/N.json.
make_run() {
  if [ "$1" = a ]; then _args=$A_ARGS; else _args=$B_ARGS; fi
  # shellcheck disable=SC2086 # the kind's arguments are one word
  "$bench" --benchmark_filter="$FILTER" --workers=1,2 --benchmark_repetitions="$repetitions" \
    --benchmark_min_time="$min_time" $_args --benchmark_out="$PARBENCH_TMP/run.json" \
    --benchmark_out_format=json >/dev/null 2>"$PARBENCH_TMP/run.err" ||
    die "bench failed: $(tail -n 1 "$PARBENCH_TMP/run.err")"
  publish "$PARBENCH_TMP/run.json" "$pool/$1/$2.json"
}

# Fills the pools: na A runs and nb B runs, the B runs spread evenly among
# the A runs (run i of na + nb is the next B run when that keeps B's share
# at nb / (na + nb)), so that both sample the same stretch of time.
make_pools() {
  mkdir -p "$pool/a" "$pool/b" || die "cannot make $pool"
  printf '%s\n' "repetitions=$repetitions min_time=$min_time" >"$PARBENCH_TMP/settings"
  if [ -f "$pool/settings" ]; then
    cmp -s "$pool/settings" "$PARBENCH_TMP/settings" ||
      die_usage "$pool was made with other settings ($(cat "$pool/settings")): give another --pool"
  else
    cp "$PARBENCH_TMP/settings" "$pool/settings" || die "cannot write in $pool"
  fi
  _start=$(date +%s)
  _made=0 _a=0 _b=0 _i=1
  while [ "$_i" -le $((na + nb)) ]; do
    if [ "$_b" -lt $((_i * nb / (na + nb))) ] || [ "$_a" -ge "$na" ]; then
      _b=$((_b + 1)) _kind=b _n=$_b
    else
      _a=$((_a + 1)) _kind=a _n=$_a
    fi
    if [ ! -s "$pool/$_kind/$_n.json" ]; then make_run "$_kind" "$_n"; _made=$((_made + 1)); fi
    _i=$((_i + 1))
  done
  printf 'pools: %d A runs and %d B runs in %s (%d made now, in %d s)\n' "$na" "$nb" "$pool" \
    "$_made" "$(($(date +%s) - _start))"
}

# draw SEED N KIND...: N pool files, each kind (a or b, one word per run)
# drawn without repeating from its pool in a random order.
draw() {
  _seed=$1 _n=$2
  shift 2
  printf '%s\n' "$@" | awk -v seed="$_seed" -v na="$na" -v nb="$nb" -v pool="$pool" '
    BEGIN { srand(seed)
            for (i = 1; i <= na; i++) a[i] = i
            for (i = 1; i <= nb; i++) b[i] = i
            # Fisher-Yates shuffles of both pools
            for (i = na; i > 1; i--) { j = int(rand() * i) + 1; t = a[i]; a[i] = a[j]; a[j] = t }
            for (i = nb; i > 1; i--) { j = int(rand() * i) + 1; t = b[i]; b[i] = b[j]; b[j] = t } }
    $1 == "a" { print pool "/a/" a[++ia] ".json" }
    $1 == "b" { print pool "/b/" b[++ib] ".json" }'
}

# try KIND T: one history of KIND (aa or step) from draw T, reported after
# each run from run 2 (A/A) or STEP (step) on; prints its line and appends
# "KIND T benchmarks found other alarms first_alarm" to the tally.
try() {
  _kind=$1 _t=$2
  _dir="$PARBENCH_TMP/$_kind-$_t"
  mkdir "$_dir" || die "cannot make $_dir"
  set --
  _r=1
  while [ "$_r" -le "$runs" ]; do
    if [ "$_kind" = step ] && [ "$_r" -ge "$step" ]; then set -- "$@" b; else set -- "$@" a; fi
    _r=$((_r + 1))
  done
  draw "$((seed * 1000 + _t))" "$runs" "$@" >"$_dir.files"
  if [ "$_kind" = step ]; then _from=$step; else _from=2; fi
  _r=0 _alarms=0 _first=0 _at=""
  while IFS= read -r _file; do
    _r=$((_r + 1))
    sh "$PARBENCH_SCRIPTS/history.sh" add --dir "$_dir" --rev "$(printf 'r%02d' "$_r")" "$_file" \
      >/dev/null || die "history.sh add failed on $_file"
    [ "$_r" -ge "$_from" ] || continue
    rm -rf "$_dir.report"
    _status=0
    # shellcheck disable=SC2086 # the report's options are single words
    sh "$PARBENCH_SCRIPTS/history.sh" report --dir "$_dir" --out "$_dir.report" $report_opts \
      >/dev/null || _status=$?
    [ "$_status" -le 1 ] || die "history.sh report failed on $_dir"
    if [ "$_status" -eq 1 ]; then
      _alarms=$((_alarms + 1)) _at="$_at $_r"
      [ "$_first" -gt 0 ] || _first=$_r
    fi
  done <"$_dir.files"
  # The last report: benchmarks, those with a step at STEP +-1, the others.
  awk -F, -v step="$step" -v kind="$_kind" -v t="$_t" -v alarms="$_alarms" -v first="$_first" \
    -v at="$_at" -v reports="$((runs - _from + 1))" '
    FNR == 1 { file++; next }
    file == 1 { bench[$2] = 1; next }
    kind == "step" && $6 ~ /step$/ && $3 >= step - 1 && $3 <= step + 1 && $7 > 0 { found[$2] = 1; next }
    $6 ~ /step$/ { other++; where = where " " $3 }
    END {
      for (b in bench) {
        nb++
        if (kind == "step") printf "found %d %s\n", (b in found), b > "/dev/stderr"
      }
      for (b in found) nf++
      printf "%s %d %d %d %d %d %d\n", kind, t, nb, nf, other + 0, alarms, first > "/dev/stderr"
      if (kind == "aa")
        printf "A/A   try %2d: %s; exit 1 in %d of %d reports%s\n", t,
          (other ? other " change points at runs" where : "no change point"), alarms, reports,
          (alarms ? " (runs" at ")" : "")
      else
        printf "step  try %2d: %d of %d benchmarks with a change point at run %d +-1, %d other; first exit 1 at run %s\n",
          t, nf, nb, step, other, (first ? first : "none")
    }' "$_dir.report/series.csv" "$_dir.report/changepoints.csv" 2>>"$PARBENCH_TMP/tally"
}

main() {
  root=$(cd "$(dirname "$0")/.." && pwd)
  bench="$root/build/bench" pool="$root/build/history-pool" tries=10 runs=20 step=12 seed=1
  repetitions=9 min_time=0.02 report_opts=""
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; return 0 ;;
      --bench=*) bench=${1#*=} ;;
      --pool=*) pool=${1#*=} ;;
      --tries=*) tries=${1#*=} ;;
      --runs=*) runs=${1#*=} ;;
      --step=*) step=${1#*=} ;;
      --seed=*) seed=${1#*=} ;;
      --repetitions=*) repetitions=${1#*=} ;;
      --min-time=*) min_time=${1#*=} ;;
      --) shift; report_opts="$*"; break ;;
      *) die_usage "unknown argument: $1 (see -h)" ;;
    esac
    shift
  done
  is_count "$tries" || die_usage "bad --tries '$tries': a whole number >= 1"
  is_count "$runs" || die_usage "bad --runs '$runs': a whole number >= 1"
  is_count "$seed" || die_usage "bad --seed '$seed': a whole number >= 1"
  is_count "$repetitions" || die_usage "bad --repetitions '$repetitions': a whole number >= 1"
  case $min_time in '' | . | *[!0-9.]* | *.*.*) die_usage "bad --min-time '$min_time': seconds" ;; esac
  { is_count "$step" && [ "$step" -gt 1 ] && [ "$step" -le "$runs" ]; } ||
    die_usage "bad --step '$step': a run between 2 and --runs"
  { [ -x "$bench" ] && [ -f "$bench" ]; } || die_usage "--bench: '$bench' is not an executable file"
  need_cmd jq
  need_cmd awk
  make_tmpdir
  # Pools a quarter larger than a history needs, so that tries differ.
  na=$((runs + runs / 4)) nb=$((runs - step + 1 + (runs - step + 1) / 4 + 1))
  make_pools
  _t=1
  while [ "$_t" -le "$tries" ]; do try aa "$_t"; _t=$((_t + 1)); done
  _t=1
  while [ "$_t" -le "$tries" ]; do try step "$_t"; _t=$((_t + 1)); done
  awk -v tries="$tries" -v step="$step" -v runs="$runs" '
    $1 == "aa" { if ($5 > 0) aa_bad++; aa_cp += $5; aa_alarms += $6 }
    $1 == "step" { series += $3; found += $4; if ($4 == $3) full++; other += $5
                   if ($7 > 0) { alarmed++; delay[alarmed] = $7 - step } }
    $1 == "found" { b = $3; if (!(b in per)) names[++nn] = b; per[b] += $2 }
    END {
      printf "\nA/A:  change points in %d of %d tries (%d in all); exit 1 in %d of %d reports\n",
        aa_bad, tries, aa_cp, aa_alarms, tries * (runs - 1)
      printf "step: every benchmark found at run %d +-1 in %d of %d tries (%d of %d series); %d other change points\n",
        step, full, tries, found, series, other
      s = ""
      for (i = 1; i <= alarmed; i++) s = s (i > 1 ? " " : "") delay[i]
      for (i = 1; i <= nn; i++) printf "      %s: found at run %d +-1 in %d of %d tries\n", names[i], step, per[names[i]], tries
      printf "      a report exits 1 in %d of %d tries, first at this many runs after the first slow one: %s\n", alarmed, tries, s
      exit !(aa_bad == 0 && aa_alarms == 0 && full >= 0.9 * tries)
    }' "$PARBENCH_TMP/tally"
}

main "$@" || exit 1
