#!/bin/sh
# The README's main command: installs what is missing, builds Release, runs
# the default suite with repetitions, and writes results/<host>-<date>/ with
# the JSON, the CSV, the Markdown tables and the plots; prints the tables.
# Arguments it does not know go through to bench, e.g.
#   scripts/run.sh --benchmark_filter=Cpu --workers=1,2
#   scripts/run.sh --profile=ci     the CI profile (scripts/profiles/ci), as
#                                   CI runs it for the history on main
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
usage: ${0##*/} [--profile=NAME] [--repetitions=N] [--out=DIR] [--build-dir=DIR] [--mpi=P [--mpi-tcp]] [BENCH_ARGS...]
  --profile=NAME   a profile of scripts/profiles/ (or a file): its filter, bench
                   arguments and min-time, and its rounds x repetitions as the
                   repetitions (one side of regress.sh --profile=NAME)
  --repetitions=N  repetitions of each benchmark (default $DEFAULT_REPETITIONS)
  --mpi=P          run bench under mpirun with P ranks (rank 0 measures, P-1 serve the Mpi rows)
  --mpi-tcp        with --mpi: MPI messages over TCP only (--mca btl tcp,self), not shared memory
  --hostfile=FILE  with --mpi: mpirun's hostfile, to spread the ranks over machines
  --out=DIR        results folder (default results/<host>-<date>)
  --build-dir=DIR  build folder (default build)
  BENCH_ARGS       passed to bench, e.g. --benchmark_filter=Cpu --workers=1,2
USAGE
}

main() {
  repetitions="" profile=""
  min_time=$DEFAULT_MIN_TIME
  out=""
  build_dir="$root/build"
  mpi_ranks=""
  mpi_tcp=""
  hostfile=""
  # Keep bench's arguments in "$@", taking out this script's own.
  for arg do
    shift
    case "$arg" in
      -h | --help) usage; return 0 ;;
      --repetitions=*) repetitions=${arg#*=} ;;
      --profile=*) profile=${arg#*=} ;;
      --out=*) out=${arg#*=} ;;
      --build-dir=*) build_dir=${arg#*=} ;;
      --mpi=*) mpi_ranks=${arg#*=} ;;
      --mpi-tcp) mpi_tcp=1 ;;
      --hostfile=*) hostfile=${arg#*=} ;;
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
  # Under MPI, bench runs as `mpirun [options] bench`: $launch is the prefix.
  launch=""
  if [ -n "$mpi_ranks" ]; then
    case "$mpi_ranks" in
      '' | *[!0-9]* | 0 | 1) die_usage "--mpi must be a whole number of ranks from 2" ;;
    esac
    need_cmd mpirun
    # Root (containers) and more ranks than CPUs are both normal here.
    OMPI_ALLOW_RUN_AS_ROOT=1
    OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
    export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM
    launch="mpirun -np $mpi_ranks --oversubscribe"
    [ -n "$mpi_tcp" ] && launch="$launch --mca btl tcp,self"
    [ -n "$hostfile" ] && launch="$launch --hostfile $hostfile"
  elif [ -n "$mpi_tcp$hostfile" ]; then
    die_usage "--mpi-tcp and --hostfile need --mpi=P"
  fi

  # shellcheck disable=SC2086 # the package list is meant to split
  ensure_packages $PARBENCH_PACKAGES
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null || die "cmake configure failed"
  cmake --build "$build_dir" -j "$(nproc)" --target bench >/dev/null || die "build failed"
  # bench refuses bad flags before any work; ask it now, not after a build
  # and half a run.
  # shellcheck disable=SC2086 # $launch is empty or mpirun and its options
  $launch "$build_dir/bench" "$@" --benchmark_list_tests >/dev/null ||
    die_usage "bench refused the arguments"

  host=$(hostname -s 2>/dev/null || echo host)
  [ -n "$out" ] || out="$root/results/$host-$(date -u +%Y%m%d-%H%M%S)"
  [ -e "$out" ] && die_usage "$out already exists"
  make_tmpdir
  stage="$PARBENCH_TMP/results"
  mkdir -p "$stage"

  # Progress on the console; the JSON goes to a file. Random interleaving
  # spreads each benchmark's repetitions over the run, so minute-to-minute
  # drift of this shared machine hits every strategy alike.
  # shellcheck disable=SC2086 # $launch is empty or mpirun and its options
  $launch "$build_dir/bench" --benchmark_repetitions="$repetitions" \
    --benchmark_min_time="$min_time" --benchmark_enable_random_interleaving=true \
    --benchmark_out="$stage/bench.json" --benchmark_out_format=json "$@" ||
    die "bench failed"

  # From inside the folder, so the CSV's source column reads "bench.json".
  (
    cd "$stage" &&
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

  # Only a complete folder appears under results/.
  mkdir -p "$(dirname "$out")" || die "cannot create $(dirname "$out")"
  if ! { cp -R "$stage" "$out.partial" && mv "$out.partial" "$out"; }; then
    rm -rf "$out.partial"
    die "cannot write $out"
  fi
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
