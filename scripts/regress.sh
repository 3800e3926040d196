#!/bin/sh
# Looks for performance regressions between two revisions of parbench: builds
# both (git worktrees under .worktrees/, CMake Release), runs the two `bench`
# binaries alternately, round after round, merges each side's rounds and hands
# them to scripts/compare.sh, whose exit status it returns (0 no regression,
# 1 regression, 2 bad input; 3 when a build or a run failed).
#
#   scripts/regress.sh [OPTIONS] BASE_REV [HEAD_REV] [-- BENCH_ARGS...]
#   scripts/regress.sh [OPTIONS] --bench=PATH [-- BENCH_ARGS...]
#   scripts/regress.sh --profile=ci BASE_REV HEAD_REV     (what CI runs)
#
# Besides the comparison, OUT holds revisions.txt (each side's commit, even
# when a build fails), compare-options (compare.sh's options, one a line),
# the build logs and the log of a run that failed, so that
# scripts/regress-summary.sh can say what happened, and report.html, both
# sides' speedup charts and medians on one page (scripts/report.sh).
#
# See docs/tracking-regressions.md.
set -u
. "$(dirname "$0")/common.sh"

DEFAULT_FILTER='^Cpu/(Sequential|ThreadPool/warm)/'
DEFAULT_BENCH_ARGS='--workers=1,2'

usage() {
  cat <<EOF
usage: regress.sh [OPTIONS] BASE_REV [HEAD_REV] [-- BENCH_ARGS...]
       regress.sh [OPTIONS] --bench=PATH [-- BENCH_ARGS...]
  BASE_REV, HEAD_REV   git revisions to build and compare (HEAD_REV: HEAD)
  --bench=PATH         no build: run this one binary as both sides (A/A test,
                       or with --contender-args a known change)
  --profile=NAME       a profile of scripts/profiles/ (or a file): its filter,
                       bench arguments, rounds, repetitions, min-time,
                       threshold and alpha; the options below win over it,
                       BENCH_ARGS go after its arguments (ci: every
                       family, see the file)
  --filter=REGEX       benchmarks to run (default: $DEFAULT_FILTER)
  --rounds=N           alternating rounds, A B then B A ... (default 10)
  --repetitions=N      --benchmark_repetitions of each run (default 3)
  --min-time=SECONDS   --benchmark_min_time of each run (default 0.05)
  --baseline-args=ARGS, --contender-args=ARGS
                       extra bench arguments for one side only
  --out=DIR            where baseline.json, contender.json and the comparison
                       are written (default: build-regress)
  --jobs=N             build parallelism (default 2)
  --mpi=P              run each bench under mpirun -np P --oversubscribe, as
                       run.sh --mpi=P does on one machine (the Mpi rows: rank 0
                       measures, P-1 serve)
  --threshold=PCT --alpha=A --metric=real|cpu --statistic=median|mean
  --format=table|md|csv
                       passed to compare.sh
  BENCH_ARGS           extra bench arguments for both sides
                       (default: $DEFAULT_BENCH_ARGS, or the profile's)
exit status: 0 no regression, 1 regression, 2 bad input, 3 build or run failed
EOF
}

# Fails with status 3 (not a verdict: the comparison could not be made).
fail_run() {
  err "$@"
  exit 3
}

is_count() {
  case $1 in '' | *[!0-9]* | 0*) return 1 ;; esac
  return 0
}

WORKTREES=""
cleanup() {
  for _wt in $WORKTREES; do
    git -C "$root" worktree remove --force "$_wt" >/dev/null 2>&1 || rm -rf "$_wt"
  done
  [ -z "$WORKTREES" ] || git -C "$root" worktree prune >/dev/null 2>&1
  [ -z "${wt_dir:-}" ] || { rm -rf "$wt_dir"; rmdir "$root/.worktrees" 2>/dev/null; }
  [ -z "${PARBENCH_TMP:-}" ] || rm -rf "$PARBENCH_TMP"
}

# build NAME REV: checks REV out into a worktree, builds its bench binary and
# sets BIN to its path.
build() {
  _tree="$wt_dir/$1"
  _build="$wt_dir/$1-build"
  _log="$out/build-$1.log"
  err "$1: building $2 ($(git -C "$root" rev-parse --short "$2^{commit}")) in $_tree"
  git -C "$root" worktree add --detach "$_tree" "$2" >"$_log" 2>&1 ||
    fail_run "$1: git worktree add failed (see $_log)"
  WORKTREES="$WORKTREES $_tree"
  if ! { cmake -S "$_tree" -B "$_build" -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$_build" -j "$jobs" --target bench; } >>"$_log" 2>&1; then
    tail -n 20 "$_log" >&2
    fail_run "$1: the build of $2 failed (log: $_log)"
  fi
  BIN="$_build/bench"
  [ -x "$BIN" ] || fail_run "$1: the build of $2 made no $BIN"
}

# run_side SIDE ROUND BIN SIDE_ARGS BENCH_ARGS...: one run of one side.
# Under mpirun, rank 0 keeps an in-flight record (tell_in_flight, common.sh):
# when the run fails, it says which worker ran which tasks of which
# benchmark, and the record is kept beside the run's log. A run whose Open
# MPI spawn hung (bench exits SPAWN_HUNG) is run again, up to
# SPAWN_HUNG_RESUMES times in a row: a round is whole on both sides or not
# at all.
run_side() {
  _side=$1 _round=$2 _bin=$3 _extra=$4
  shift 4
  _json="$PARBENCH_TMP/$_side.$_round.json"
  if [ -n "$mpi_set" ]; then
    PARBENCH_MPI_IN_FLIGHT=$PARBENCH_TMP/$_side.$_round.in-flight
    export PARBENCH_MPI_IN_FLIGHT
  fi
  _hung=0
  while :; do
    _status=0
    # shellcheck disable=SC2086 # the launch prefix and the side's extra arguments split
    $launch "$_bin" --benchmark_filter="$filter" --benchmark_repetitions="$repetitions" \
      --benchmark_min_time="$min_time" --benchmark_out="$_json" \
      --benchmark_out_format=json "$@" $_extra >"$PARBENCH_TMP/$_side.$_round.log" 2>&1 ||
      _status=$?
    [ "$_status" -ne 0 ] || break
    if [ "$_status" -eq "$SPAWN_HUNG" ] && [ "$_hung" -lt "$SPAWN_HUNG_RESUMES" ]; then
      _hung=$((_hung + 1))
      err "$_side: Open MPI's spawn hung in round $_round (bench exit $SPAWN_HUNG): running it again"
      continue
    fi
    cp "$PARBENCH_TMP/$_side.$_round.log" "$out/run-$_side-$_round.log"
    tail -n 20 "$PARBENCH_TMP/$_side.$_round.log" >&2
    if [ -n "$mpi_set" ] && [ -f "$PARBENCH_MPI_IN_FLIGHT" ]; then
      tell_in_flight "$PARBENCH_MPI_IN_FLIGHT"
      cp "$PARBENCH_MPI_IN_FLIGHT" "$out/mpi-in-flight-$_side-$_round.txt"
    fi
    fail_run "$_side: bench failed in round $_round (log: $out/run-$_side-$_round.log)"
  done
  [ -s "$_json" ] || fail_run "$_side: bench wrote no JSON in round $_round"
}

# merge SIDE DEST: one JSON of all rounds of a side, each record marked with
# the round it came from ("parbench_round": 1, 2, ...): compare.sh tests
# per-round medians, the repetitions of one run not being independent.
merge() {
  _files=""
  _i=1
  while [ "$_i" -le "$rounds" ]; do
    _files="$_files $PARBENCH_TMP/$1.$_i.json"
    _i=$((_i + 1))
  done
  # shellcheck disable=SC2086 # the file list is meant to split (no blanks in it)
  jq -s '{context: .[0].context,
          benchmarks: [to_entries[] | (.key + 1) as $round
                       | .value.benchmarks[] | . + {parbench_round: $round}]}' $_files \
    >"$PARBENCH_TMP/$1.json" || fail_run "$1: cannot merge the rounds"
  [ "$(jq '.benchmarks | length' "$PARBENCH_TMP/$1.json")" -gt 0 ] ||
    die_usage "no benchmark matches --filter='$filter'"
  publish "$PARBENCH_TMP/$1.json" "$2"
}

# Writes OUT/revisions.txt: one tab-separated line a side (side, commit,
# the revision as given, its subject).
write_revisions() {
  for _side in baseline contender; do
    if [ "$_side" = baseline ]; then _rev=$base_rev; else _rev=$head_rev; fi
    printf '%s\t%s\t%s\t%s\n' "$_side" "$(git -C "$root" rev-parse "$_rev^{commit}")" "$_rev" \
      "$(git -C "$root" log -1 --format=%s "$_rev^{commit}")"
  done >"$PARBENCH_TMP/revisions.txt" || fail_run "cannot read the revisions"
  publish "$PARBENCH_TMP/revisions.txt" "$out/revisions.txt"
}

main() {
  root=$(cd "$(dirname "$0")/.." && pwd)
  here="$root/scripts"
  # Unset until an option or the profile sets them; defaults come last.
  unset filter rounds repetitions min_time
  jobs=2 profile=""
  mpi="" mpi_set="" launch=""
  out="build-regress" bench="" base_args="" contender_args=""
  compare_opts="" base_rev="" head_rev="" nrevs=0 threshold_set="" alpha_set=""
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; return 0 ;;
      --bench=*) bench=${1#*=} ;;
      --profile=*) profile=${1#*=} ;;
      --filter=*) filter=${1#*=} ;;
      --rounds=*) rounds=${1#*=} ;;
      --repetitions=*) repetitions=${1#*=} ;;
      --min-time=*) min_time=${1#*=} ;;
      --baseline-args=*) base_args=${1#*=} ;;
      --contender-args=*) contender_args=${1#*=} ;;
      --out=*) out=${1#*=} ;;
      --jobs=*) jobs=${1#*=} ;;
      --mpi=*) mpi=${1#*=} mpi_set=1 ;;
      --threshold=* | --alpha=* | --metric=* | --statistic=* | --format=*)
        case $1 in *[\ \	]*) die_usage "bad option: '$1'" ;; esac
        case $1 in --threshold=*) threshold_set=1 ;; --alpha=*) alpha_set=1 ;; esac
        compare_opts="$compare_opts $1" ;;
      --) shift; break ;;
      -?*) die_usage "unknown option: $1 (see -h)" ;;
      *)
        nrevs=$((nrevs + 1))
        case $nrevs in
          1) base_rev=$1 ;;
          2) head_rev=$1 ;;
          *) die_usage "too many revisions: $1 (see -h)" ;;
        esac ;;
    esac
    shift
  done
  set -f # the extra arguments split on blanks, never glob
  if [ -n "$profile" ]; then
    load_profile "$profile"
    # shellcheck disable=SC2086 # the profile's arguments are meant to split
    set -- $PROFILE_ARGS "$@"
    # The profile's threshold and alpha, unless given: first, so that
    # they are checked like the others.
    [ -n "$threshold_set" ] || [ -z "$PROFILE_THRESHOLD" ] ||
      compare_opts="--threshold=$PROFILE_THRESHOLD $compare_opts"
    [ -n "$alpha_set" ] || [ -z "$PROFILE_ALPHA" ] || compare_opts="--alpha=$PROFILE_ALPHA $compare_opts"
  fi
  [ $# -gt 0 ] || set -- "$DEFAULT_BENCH_ARGS"
  filter=${filter-${PROFILE_FILTER:-$DEFAULT_FILTER}}
  rounds=${rounds-${PROFILE_ROUNDS:-10}}
  repetitions=${repetitions-${PROFILE_REPETITIONS:-3}}
  min_time=${min_time-${PROFILE_MIN_TIME:-0.05}}
  is_count "$rounds" || die_usage "bad --rounds '$rounds': a whole number >= 1"
  is_count "$repetitions" || die_usage "bad --repetitions '$repetitions': a whole number >= 1"
  is_count "$jobs" || die_usage "bad --jobs '$jobs': a whole number >= 1"
  case $min_time in '' | . | *[!0-9.]* | *.*.*) die_usage "bad --min-time '$min_time': seconds" ;; esac
  [ -n "$filter" ] || die_usage "empty --filter"
  [ -n "$out" ] || die_usage "empty --out"
  if [ -n "$mpi_set" ]; then
    check_mpi_ranks "$mpi"
    allow_mpirun
    launch="mpirun -np $mpi --oversubscribe -x PARBENCH_MPI_IN_FLIGHT"
  fi
  need_cmd jq
  make_tmpdir
  trap cleanup EXIT
  # compare.sh's options are checked before anything is built or run.
  printf '{"benchmarks": []}\n' >"$PARBENCH_TMP/none.json"
  # shellcheck disable=SC2086 # compare.sh's options are single words
  sh "$here/compare.sh" $compare_opts "$PARBENCH_TMP/none.json" "$PARBENCH_TMP/none.json" \
    >/dev/null 2>"$PARBENCH_TMP/compare.err" ||
    die_usage "$(sed 's/^compare.sh: //' "$PARBENCH_TMP/compare.err")"
  if [ -n "$bench" ]; then
    [ "$nrevs" -eq 0 ] || die_usage "--bench runs one binary: no revisions with it"
    { [ -x "$bench" ] && [ -f "$bench" ]; } || die_usage "--bench: '$bench' is not an executable file"
    base_bin=$bench contender_bin=$bench
  else
    [ "$nrevs" -ge 1 ] || die_usage "needs BASE_REV, or --bench=PATH (see -h)"
    [ -n "$head_rev" ] || head_rev=HEAD
    need_cmd git
    need_cmd cmake
    for _rev in "$base_rev" "$head_rev"; do
      git -C "$root" rev-parse --verify --quiet "$_rev^{commit}" >/dev/null ||
        die_usage "not a revision of this repository: $_rev"
    done
  fi
  mkdir -p "$out" || die "cannot create $out"
  out=$(cd "$out" && pwd)
  # Nothing of an earlier run may pass for this one's.
  rm -f "$out/baseline.json" "$out/contender.json" "$out/comparison.txt" "$out/revisions.txt" \
    "$out/report.html" "$out"/build-*.log "$out"/run-*.log "$out"/mpi-in-flight-*.txt
  # shellcheck disable=SC2086 # compare.sh's options are single words
  printf '%s\n' $compare_opts | grep -v -- '^--format=' >"$out/compare-options"
  if [ -z "$bench" ]; then
    write_revisions
    wt_dir="$root/.worktrees/regress.$$"
    mkdir -p "$wt_dir" || die "cannot create $wt_dir"
    build baseline "$base_rev"
    base_bin=$BIN
    build contender "$head_rev"
    contender_bin=$BIN
  fi
  _r=1
  while [ "$_r" -le "$rounds" ]; do
    # A B, then B A: a drift of the machine falls on both sides alike.
    if [ $((_r % 2)) -eq 1 ]; then
      err "round $_r/$rounds: baseline, contender"
      run_side baseline "$_r" "$base_bin" "$base_args" "$@"
      run_side contender "$_r" "$contender_bin" "$contender_args" "$@"
    else
      err "round $_r/$rounds: contender, baseline"
      run_side contender "$_r" "$contender_bin" "$contender_args" "$@"
      run_side baseline "$_r" "$base_bin" "$base_args" "$@"
    fi
    _r=$((_r + 1))
  done
  merge baseline "$out/baseline.json"
  merge contender "$out/contender.json"
  # shellcheck disable=SC2086 # compare.sh's options are single words
  sh "$here/compare.sh" $compare_opts "$out/baseline.json" "$out/contender.json" \
    >"$PARBENCH_TMP/comparison" 2>"$PARBENCH_TMP/compare.err"
  _status=$?
  cat "$PARBENCH_TMP/compare.err" >&2
  cat "$PARBENCH_TMP/comparison"
  publish "$PARBENCH_TMP/comparison" "$out/comparison.txt"
  # Both sides on one HTML page (scripts/report.sh), which the summary links;
  # a filter without a baseline row leaves nothing to chart: said, not fatal.
  sh "$here/report.sh" -o "$out/report.html" "$out/baseline.json" "$out/contender.json" \
    2>"$PARBENCH_TMP/report.err" || err "no HTML report: $(tail -n 1 "$PARBENCH_TMP/report.err")"
  exit "$_status"
}

main "$@" || exit 1
