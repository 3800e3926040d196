#!/bin/sh
# The README's main command: installs what is missing, builds Release, runs
# the default suite with repetitions, and writes results/<host>-<date>/ with
# the JSON, the CSV, the Markdown tables, the plots and one HTML page of it
# all (report.html, scripts/report.sh); prints the tables.
# Arguments it does not know go through to bench, e.g.
#   scripts/run.sh --benchmark_filter=Cpu --workers=1,2
#   scripts/run.sh --profile=ci     the CI profile (scripts/profiles/ci), as
#                                   CI runs it for the history on main
# While it runs, the folder is <out>.partial, and bench appends each finished
# benchmark's records to it (bench --records): a run that stops (a crash, a
# kill, a hung MPI spawn) keeps what it finished, and
#   scripts/run.sh --resume=<out>.partial
# runs only the rest, with the same flags, and makes the folder whole.
#   scripts/run.sh --seed           also the seed tutorial's Python experiment
#                                   at the run's sizes (scripts/seed.sh), in
#                                   <results>/seed/
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/common.sh"

# Five repetitions: enough for a median and a spread.
DEFAULT_REPETITIONS=5
# Google Benchmark's own 0.5 s per benchmark and repetition would take the
# 300 default benchmarks past 20 minutes; 0.2 s still runs a millisecond-scale
# benchmark many times. A --benchmark_min_time given to this script wins (the
# later flag counts).
DEFAULT_MIN_TIME=0.2

usage() {
  cat <<USAGE
usage: ${0##*/} [--profile=NAME] [--repetitions=N] [--out=DIR] [--build-dir=DIR]
         [--mpi=P [--mpi-tcp] [--hostfile=FILE | --hosts=H [--link=RATE]]] [--seed] [BENCH_ARGS...]
       ${0##*/} --resume=DIR [the same arguments, or none] [--build-dir=DIR]
  --profile=NAME   a profile of scripts/profiles/ (or a file): its filter, bench
                   arguments and min-time, and its rounds x repetitions as the
                   repetitions (one side of regress.sh --profile=NAME)
  --repetitions=N  repetitions of each benchmark (default $DEFAULT_REPETITIONS)
  --mpi=P          run bench under mpirun with P ranks (rank 0 measures, P-1 serve the Mpi rows)
  --mpi-tcp        with --mpi: MPI messages over TCP only (--mca btl tcp,self), not shared memory
  --hostfile=FILE  with --mpi: mpirun's hostfile, to spread the ranks over machines (ssh)
  --hosts=H        with --mpi: the ranks spread over H test hosts on this machine
                   (network namespaces, scripts/testhosts.sh; needs root)
  --link=RATE      with --hosts: every link shaped to RATE with tbf, e.g. 1gbit, 10gbit
  --out=DIR        results folder (default results/<host>-<date>); DIR.partial
                   while the run lasts
  --resume=DIR     finish the run that stopped in DIR (DIR.partial): runs only
                   the benchmarks it did not finish, with its arguments (given
                   again, they must be the same), and merges the records
  --build-dir=DIR  build folder (default build)
  --bench=PATH     no build: run this bench binary (the tests' way)
  --seed           also run the seed tutorial's Python experiment (scripts/seed.sh)
                   at the run's sizes into the results' seed/ (minutes more)
  BENCH_ARGS       passed to bench, e.g. --benchmark_filter=Cpu --workers=1,2
USAGE
}

# ---- the run's records and resuming it (see the comment at the top) -------

# The run's own arguments (all but --out, --resume, --build-dir, --bench), one a
# line in $PARBENCH_TMP/run-args, from which a resumed run takes them.
save_run_args() {
  : >"$PARBENCH_TMP/run-args"
  for _arg do
    case "$_arg" in
      --out=* | --resume=* | --build-dir=* | --bench=* | -h | --help) continue ;;
      *'
'*) die_usage "an argument with a line break: $_arg" ;;
    esac
    printf '%s\n' "$_arg" >>"$PARBENCH_TMP/run-args"
  done
}

# The folder of the run to resume, from --resume=DIR: DIR or DIR.partial.
# Sets `partial` and `out`.
find_resumed_run() {
  _dir=${1%/}
  if [ -d "$_dir.partial" ]; then
    partial=$_dir.partial
  elif [ -d "$_dir" ] && [ -f "$_dir/records/run-args" ]; then
    partial=$_dir
  else
    die_usage "--resume=$1: no run to resume there (a run that stops leaves <out>.partial)"
  fi
  case "$partial" in
    *.partial) out=${partial%.partial} ;;
    *) die_usage "--resume=$1: that run finished; nothing to resume" ;;
  esac
  [ -e "$out" ] && die_usage "--resume=$1: $out already exists"
  [ -f "$partial/records/run-args" ] || die_usage "--resume=$1: $partial has no records/run-args"
}

# The records files of the run so far, in the order they were written.
record_parts() {
  _n=1
  while [ -e "$partial/records/part-$_n.jsonl" ]; do
    printf '%s\n' "$partial/records/part-$_n.jsonl"
    _n=$((_n + 1))
  done
}

# The --benchmark_filter that selects exactly the names in file $1: an
# anchored alternation, every character outside [A-Za-z0-9_/:,=-] in
# brackets. Google Benchmark matches it against each name (a few hundred
# names take a fraction of a second).
exact_filter() {
  ! grep -q '[]^\\]' "$1" || die "cannot select a benchmark whose name has ], ^ or a backslash"
  printf '^(%s)$' "$(sed 's/[^A-Za-z0-9_/:,=-]/[&]/g' "$1" | paste -s -d '|' -)"
}

# Runs the benchmarks of $PARBENCH_TMP/selected that the run's records do not
# hold yet, each new part appending to records/part-N.jsonl, and resumes by
# itself when Open MPI's spawn hung. `$@`: bench's command line. Under
# mpirun, rank 0 keeps an in-flight record (tell_in_flight, common.sh): when
# a part fails, it says which worker ran which tasks of which benchmark, and
# the record is kept in the folder as mpi-in-flight-N.txt.
run_missing() {
  _hung=0
  while :; do
    set -f
    # shellcheck disable=SC2046 # one records file a line, no blanks
    if [ -n "$(record_parts)" ]; then
      "$root/scripts/records2json.sh" --names $(record_parts) >"$PARBENCH_TMP/finished" ||
        die "the records in $partial/records are not readable"
    else
      : >"$PARBENCH_TMP/finished"
    fi
    set +f
    grep -v -x -F -f "$PARBENCH_TMP/finished" "$PARBENCH_TMP/selected" >"$PARBENCH_TMP/missing"
    [ -s "$PARBENCH_TMP/missing" ] || return 0
    _part=$(($(record_parts | wc -l) + 1))
    _filter=""
    [ "$_part" -gt 1 ] && _filter="--benchmark_filter=$(exact_filter "$PARBENCH_TMP/missing")"
    err "part $_part: $(wc -l <"$PARBENCH_TMP/missing" | tr -d ' ') benchmarks; if it stops, scripts/run.sh --resume=$partial runs what it did not finish"
    _status=0
    [ -z "$mpi_ranks" ] || PARBENCH_MPI_IN_FLIGHT=$PARBENCH_TMP/mpi-in-flight
    "$@" ${_filter:+"$_filter"} --records="$partial/records/part-$_part.jsonl" || _status=$?
    [ "$_status" -eq 0 ] && return 0
    if [ -n "$mpi_ranks" ] && [ -f "$PARBENCH_TMP/mpi-in-flight" ]; then
      tell_in_flight "$PARBENCH_TMP/mpi-in-flight"
      cp "$PARBENCH_TMP/mpi-in-flight" "$partial/mpi-in-flight-$_part.txt" ||
        err "cannot keep the in-flight record in $partial"
    fi
    if [ "$_status" -eq "$SPAWN_HUNG" ] && [ "$_hung" -lt "$SPAWN_HUNG_RESUMES" ]; then
      _hung=$((_hung + 1))
      err "Open MPI's spawn hung (bench exit $SPAWN_HUNG): resuming without what part $_part finished"
      continue
    fi
    die "bench failed (exit $_status); what it finished is kept: scripts/run.sh --resume=$partial runs the rest"
  done
}

# Checks --mpi and the options that go with it, before any build, and sets
# mpi_args, mpirun's options. Exports PARBENCH_MPI_LAUNCH (local, ssh or
# netns) and PARBENCH_MPI_LINK (the tbf rate, or unshaped), which bench
# writes into the JSON context, and PARBENCH_MPI_IN_FLIGHT, empty until
# run_missing names the in-flight record rank 0 keeps.
check_mpi_options() {
  if [ -z "$mpi_ranks" ]; then
    [ -z "$mpi_tcp$hostfile$hosts$link" ] || die_usage "--mpi-tcp, --hostfile, --hosts and --link need --mpi=P"
    return 0
  fi
  check_mpi_ranks "$mpi_ranks"
  [ -z "$hostfile" ] || [ -z "$hosts" ] ||
    die_usage "--hostfile (real machines) and --hosts (test hosts) exclude each other"
  [ -z "$link" ] || [ -n "$hosts" ] || die_usage "--link shapes the test hosts' links: it needs --hosts=H"
  if [ -n "$hostfile" ] && ! { [ -f "$hostfile" ] && [ -r "$hostfile" ]; }; then
    die_usage "--hostfile=$hostfile: not a readable file"
  fi
  PARBENCH_MPI_LAUNCH=local
  if [ -n "$hostfile" ]; then
    PARBENCH_MPI_LAUNCH=${OMPI_MCA_plm_rsh_agent:-ssh}
  elif [ -n "$hosts" ]; then
    case "$hosts" in
      '' | *[!0-9]* | 0*) die_usage "--hosts must be a whole number of test hosts from 1" ;;
    esac
    PARBENCH_MPI_LAUNCH=netns
    # Root, namespaces, a valid rate that tbf takes: refused now, not after
    # the build (its one line says why).
    sh "$root/scripts/testhosts.sh" check ${link:+"$link"} || exit
  fi
  PARBENCH_MPI_LINK=${link:-unshaped}
  PARBENCH_MPI_IN_FLIGHT=""
  export PARBENCH_MPI_LAUNCH PARBENCH_MPI_LINK PARBENCH_MPI_IN_FLIGHT
  allow_mpirun
  mpi_args="-np $mpi_ranks --oversubscribe -x PARBENCH_MPI_LAUNCH -x PARBENCH_MPI_LINK"
  mpi_args="$mpi_args -x PARBENCH_MPI_IN_FLIGHT"
  [ -n "$mpi_tcp" ] && mpi_args="$mpi_args --mca btl tcp,self"
  # Over several hosts, ranks go to the hosts in turn: rank 1 (the round
  # trip's other end, the first worker) on a host other than rank 0's.
  [ -n "$hostfile$hosts" ] && mpi_args="$mpi_args --map-by node"
  return 0
}

# Sets `launch`, the prefix bench runs under: nothing, mpirun, or (with
# --hosts) mpirun on the head of test hosts made now in $PARBENCH_TMP and
# removed by the EXIT trap, whatever ends this script. Needs make_tmpdir.
mpi_launch() {
  launch=""
  [ -n "$mpi_ranks" ] || return 0
  if [ -z "$hosts" ]; then
    launch="mpirun ${hostfile:+--hostfile $hostfile }$mpi_args"
    return 0
  fi
  testhosts="$PARBENCH_TMP/testhosts"
  # shellcheck disable=SC2064 # expand now: the paths are fixed from here on
  trap "sh '$root/scripts/testhosts.sh' down '$testhosts'; rm -rf '$PARBENCH_TMP'" EXIT
  sh "$root/scripts/testhosts.sh" up "$testhosts" "$hosts" ${link:+"--link=$link"} || exit
  launch="sh $root/scripts/testhosts.sh mpirun $testhosts $mpi_args"
}

main() {
  make_tmpdir
  save_run_args "$@"
  resume=""
  for arg do
    case "$arg" in --resume=*) resume=${arg#*=} ;; esac
  done
  if [ -n "$resume" ]; then
    find_resumed_run "$resume"
    if [ -s "$PARBENCH_TMP/run-args" ]; then
      cmp -s "$PARBENCH_TMP/run-args" "$partial/records/run-args" ||
        die_usage "--resume=$resume: the arguments differ from the run's ($(tr '\n' ' ' <"$partial/records/run-args" | sed 's/ $//')); give the same, or none"
    else
      # None given: the run's own, as if given again.
      while IFS= read -r arg; do set -- "$@" "$arg"; done <"$partial/records/run-args"
    fi
  fi
  repetitions="" profile=""
  min_time=$DEFAULT_MIN_TIME
  out=""
  build_dir="$root/build"
  bench=""
  mpi_ranks=""
  mpi_tcp=""
  hostfile=""
  hosts=""
  link=""
  seed=""
  # Keep bench's arguments in "$@", taking out this script's own.
  for arg do
    shift
    case "$arg" in
      -h | --help) usage; return 0 ;;
      --repetitions=*) repetitions=${arg#*=} ;;
      --profile=*) profile=${arg#*=} ;;
      --out=*) out=${arg#*=} ;;
      --resume=*) ;;
      --build-dir=*) build_dir=${arg#*=} ;;
      --bench=*) bench=${arg#*=} ;;
      --mpi=*) mpi_ranks=${arg#*=} ;;
      --mpi-tcp) mpi_tcp=1 ;;
      --hostfile=*) hostfile=${arg#*=} ;;
      --hosts=*) hosts=${arg#*=} ;;
      --link=*) link=${arg#*=} ;;
      --seed) seed=1 ;;
      *) set -- "$@" "$arg" ;;
    esac
  done
  if [ -n "$profile" ]; then
    load_profile "$profile"
    set -f
    # shellcheck disable=SC2086 # the profile's arguments are meant to split
    set -- ${PROFILE_FILTER:+"--benchmark_filter=$PROFILE_FILTER"} $PROFILE_ARGS "$@"
    set +f
    case "${PROFILE_ROUNDS:-1}.${PROFILE_REPETITIONS:-1}" in
      *[!0-9.]* | 0* | *.0*) die_usage "profile $profile: rounds and repetitions must be whole numbers from 1" ;;
    esac
    [ -n "$repetitions" ] || repetitions=$((${PROFILE_ROUNDS:-1} * ${PROFILE_REPETITIONS:-$DEFAULT_REPETITIONS}))
    min_time=${PROFILE_MIN_TIME:-$min_time}
  fi
  repetitions=${repetitions:-$DEFAULT_REPETITIONS}
  case "$repetitions" in
    '' | *[!0-9]* | 0) die_usage "--repetitions must be a whole number from 1" ;;
  esac
  check_mpi_options

  if [ -n "$bench" ]; then
    [ -x "$bench" ] || die_usage "--bench=$bench: not an executable"
  else
    # shellcheck disable=SC2086 # the package list is meant to split
    ensure_packages $PARBENCH_PACKAGES
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null || die "cmake configure failed"
    cmake --build "$build_dir" -j "$(nproc)" --target bench parbench-report >/dev/null || die "build failed"
    bench=$build_dir/bench
    # The scripts below find the report engine built beside this bench.
    PARBENCH_REPORT=${PARBENCH_REPORT:-$build_dir/parbench-report}
    export PARBENCH_REPORT
  fi
  mpi_launch
  # bench refuses bad flags before any work; ask it now, not after a build
  # and half a run. Its listing is what the run is to measure.
  # shellcheck disable=SC2086 # $launch is empty or mpirun and its options
  $launch "$bench" "$@" --benchmark_list_tests >"$PARBENCH_TMP/selected" ||
    die_usage "bench refused the arguments"

  if [ -n "$resume" ]; then
    [ -z "$out" ] || [ "$out" = "${partial%.partial}" ] || die_usage "--resume and --out: the run's folder is $partial"
    out=${partial%.partial}
  fi
  host=$(hostname -s 2>/dev/null || echo host)
  [ -n "$out" ] || out="$root/results/$host-$(date -u +%Y%m%d-%H%M%S)"
  [ -e "$out" ] && die_usage "$out already exists"
  partial=$out.partial

  if [ -z "$resume" ]; then
    mkdir -p "$(dirname "$out")" || die "cannot create $(dirname "$out")"
    mkdir "$partial" 2>/dev/null || die_usage "$partial already exists (a run that stopped? scripts/run.sh --resume=$partial)"
    mkdir "$partial/records" || die "cannot create $partial/records"
    cp "$PARBENCH_TMP/run-args" "$PARBENCH_TMP/selected" "$partial/records/" ||
      die "cannot write $partial/records"
  elif ! cmp -s "$PARBENCH_TMP/selected" "$partial/records/selected"; then
    die_usage "--resume: bench now lists other benchmarks than the run did (another build?)"
  fi

  # Progress on the console; the records go to the folder as each benchmark
  # finishes. Random interleaving spreads each benchmark's repetitions over
  # the run, so minute-to-minute drift of this shared machine hits every
  # strategy alike.
  # shellcheck disable=SC2086 # $launch is empty or mpirun and its options
  run_missing $launch "$bench" --benchmark_repetitions="$repetitions" \
    --benchmark_min_time="$min_time" --benchmark_enable_random_interleaving=true "$@"
  set -f
  # shellcheck disable=SC2046 # one records file a line, no blanks
  "$root/scripts/records2json.sh" -o "$partial/bench.json" $(record_parts) ||
    die "cannot merge the records in $partial/records"
  set +f

  # From inside the folder, so the CSV's source column reads "bench.json".
  (
    cd "$partial" &&
      "$root/scripts/json2csv.sh" bench.json >bench.csv &&
      "$root/scripts/table.sh" bench.csv >tables.md &&
      "$root/scripts/plot.sh" bench.csv plots >/dev/null &&
      # Only when those families ran (a --benchmark_filter may leave them out).
      if grep -q '"Overhead/' bench.json; then
        "$root/scripts/overheads.sh" bench.json >overheads.md
      fi &&
      if grep -q '"CpuSweep/' bench.json; then
        "$root/scripts/crossover.sh" bench.csv >crossover.md
      fi
  ) || die "making the tables and plots failed"
  # The seed's Python beside it, at the sizes bench ran; a failure there
  # loses nothing of bench's results (without python3 it says so, exit 0).
  if [ -n "$seed" ]; then
    sh "$root/scripts/seed.sh" --like="$partial/bench.json" --out="$partial/seed" >/dev/null ||
      err "the seed's experiment failed: the results are written without it"
  fi
  # One self-contained HTML page of the run (scripts/report.sh), the seed's
  # Python beside it when it ran; a run with nothing to chart (a filter
  # without a baseline row) goes without.
  (
    cd "$partial" || exit 1
    set -- bench.json
    [ ! -f seed/seed-parbench.json ] || set -- "$@" seed/seed-parbench.json
    sh "$root/scripts/report.sh" -o report.html "$@" 2>"$PARBENCH_TMP/report.log"
  ) || err "no HTML report: $(tail -n 1 "$PARBENCH_TMP/report.log")"

  # Only a complete folder takes the run's name.
  mv "$partial" "$out" || die "cannot rename $partial to $out"
  cat "$out/tables.md"
  for report in overheads crossover; do
    if [ -f "$out/$report.md" ]; then
      printf '\n'
      cat "$out/$report.md"
    fi
  done
  printf '\nResults in %s\n' "$out"
}

main "$@" || exit 1
