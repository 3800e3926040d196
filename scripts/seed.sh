#!/bin/sh
# The seed tutorial's own experiment beside parbench's: runs
# scripts/seed/experiment.py (the subject measured, in the machine's
# CPython) and writes its times as Google Benchmark JSON under parbench's
# names, with a Markdown table of them:
#   OUT/seed-parbench.json   parbench's sizes: Cpu counts to --cpu_count, Io
#                            sleeps --io_latency_ms, --tasks tasks, at each
#                            of --workers
#   OUT/seed-tutorial.json   the tutorial's sizes where they differ from
#                            those: a sleep of 5 s, 10 tasks on 10 workers
#                            (its count to ten million is parbench's own)
#   OUT/tables.md            table.sh over both
# Each strategy is the tutorial's or its concurrent.futures twin, every pool
# made and closed inside the timed run: Sequential, ProcessPool/cold
# (multiprocessing.Pool(n), api:multiprocessing, or ProcessPoolExecutor,
# api:futures), ThreadPool/cold (multiprocessing.pool.ThreadPool(n) or
# ThreadPoolExecutor). Names carry lang:python, the context
# parbench_language "python". Without python3 it says so and exits 0.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
. "$(dirname "$0")/common.sh"

# bench's defaults (lib/workloads/cpu.cc, io_wait.cc, bench/suite_config.cc;
# seed_test.sh holds these to bench --help): what parbench measures.
DEFAULT_CPU_COUNT=10000000
DEFAULT_IO_LATENCY_MS=50
DEFAULT_TASKS=10
# bench's worker counts up to the tutorial's 10, less its 4 and 8: Python
# at these sizes takes minutes per worker count.
DEFAULT_WORKERS=1,2,10
DEFAULT_REPETITIONS=3
# The tutorial's: count to 10_000_000 in each of 10 processes; its I/O-bound
# test takes 5.03 s on 10 threads, 5.26 s on 10 processes: each of its 10
# tasks waits 5 s.
TUTORIAL_CPU_COUNT=10000000
TUTORIAL_IO_LATENCY_MS=5000
TUTORIAL_TASKS=10
TUTORIAL_WORKERS=10

usage() {
  cat <<USAGE
usage: ${0##*/} [--out=DIR] [--sizes=parbench,tutorial] [--like=BENCH.json] [--repetitions=N]
         [--workers=LIST] [--tasks=T] [--cpu_count=N] [--io_latency_ms=MS] [--tutorial_cpu_count=N]
         [--tutorial_io_latency_ms=MS]
  --out=DIR        where the JSON and tables.md go (default results/seed-<host>-<date>)
  --sizes=LIST     parbench, tutorial or both (default both)
  --like=FILE      parbench's sizes (cpu_count, io_latency_ms, tasks) from a bench JSON's context
  --repetitions=N  runs of each benchmark (default $DEFAULT_REPETITIONS)
  --workers=LIST   worker counts at parbench's sizes (default $DEFAULT_WORKERS)
  --tasks, --cpu_count, --io_latency_ms   parbench's sizes (default $DEFAULT_TASKS, $DEFAULT_CPU_COUNT, $DEFAULT_IO_LATENCY_MS)
  --tutorial_cpu_count, --tutorial_io_latency_ms   the tutorial's count and sleep
                   (default $TUTORIAL_CPU_COUNT, $TUTORIAL_IO_LATENCY_MS; tests make them small)
USAGE
}

# positive NAME VALUE: VALUE is a whole number from 1, or bad input.
positive() {
  case $2 in '' | *[!0-9]* | 0*) die_usage "--$1=$2: must be a whole number from 1" ;; esac
}

# Sets cpu_count, io_latency_ms and tasks from a bench JSON's context.
like() {
  { [ -f "$1" ] && [ -r "$1" ]; } || die_usage "--like=$1: not a readable file"
  need_cmd jq
  _sizes=$(jq -r '.context | [.parbench_cpu_count, .parbench_io_latency_ms, .parbench_tasks]
    | map(. // "") | @tsv' "$1" 2>/dev/null) || die_usage "--like=$1: not JSON"
  # shellcheck disable=SC2086 # three fields
  set -- $_sizes
  [ $# -eq 3 ] || die_usage "--like: the context has no parbench_cpu_count, parbench_io_latency_ms and parbench_tasks"
  cpu_count=$1 io_latency_ms=$2 tasks=$3
}

# run_experiment FILE ARGS...: experiment.py's JSON into FILE, checked.
run_experiment() {
  _file=$1
  shift
  python3 "$root/scripts/seed/experiment.py" "$@" >"$_file.tmp" || die "the experiment failed ($*)"
  jq -e '.context.parbench_language == "python" and (.benchmarks | length > 0)' "$_file.tmp" >/dev/null ||
    die "the experiment wrote no benchmarks ($*)"
  publish "$_file.tmp" "$_file"
}

main() {
  out="" sizes=parbench,tutorial repetitions=$DEFAULT_REPETITIONS workers=$DEFAULT_WORKERS
  tasks=$DEFAULT_TASKS cpu_count=$DEFAULT_CPU_COUNT io_latency_ms=$DEFAULT_IO_LATENCY_MS
  tutorial_io=$TUTORIAL_IO_LATENCY_MS tutorial_count=$TUTORIAL_CPU_COUNT likefile=""
  for arg do
    case $arg in
      -h | --help) usage; return 0 ;;
      --out=?*) out=${arg#*=} ;;
      --sizes=?*) sizes=${arg#*=} ;;
      --like=?*) likefile=${arg#*=} ;;
      --repetitions=*) repetitions=${arg#*=} ;;
      --workers=*) workers=${arg#*=} ;;
      --tasks=*) tasks=${arg#*=} ;;
      --cpu_count=*) cpu_count=${arg#*=} ;;
      --io_latency_ms=*) io_latency_ms=${arg#*=} ;;
      --tutorial_io_latency_ms=*) tutorial_io=${arg#*=} ;;
      --tutorial_cpu_count=*) tutorial_count=${arg#*=} ;;
      *) die_usage "unknown argument: $arg (try -h)" ;;
    esac
  done
  [ -z "$likefile" ] || like "$likefile"
  for _pair in repetitions:$repetitions tasks:$tasks cpu_count:$cpu_count \
    io_latency_ms:$io_latency_ms tutorial_io_latency_ms:$tutorial_io tutorial_cpu_count:$tutorial_count; do
    positive "${_pair%%:*}" "${_pair#*:}"
  done
  case $workers in '' | ,* | *, | *,,* | *[!0-9,]* | 0* | *,0*) die_usage "--workers=$workers: a comma-separated list of whole numbers from 1" ;; esac
  run_parbench="" run_tutorial=""
  for _s in $(printf '%s' "$sizes" | tr ',' ' '); do
    case $_s in
      parbench) run_parbench=1 ;;
      tutorial) run_tutorial=1 ;;
      *) die_usage "--sizes=$sizes: parbench, tutorial or both" ;;
    esac
  done
  [ -n "$run_parbench$run_tutorial" ] || die_usage "--sizes=$sizes: parbench, tutorial or both"
  if ! command -v python3 >/dev/null 2>&1; then
    err "python3 is not installed: the seed's experiment is left out (Debian: apt-get install python3)"
    return 0
  fi
  need_cmd jq
  [ -n "$out" ] || out="$root/results/seed-$(hostname -s 2>/dev/null || echo host)-$(date -u +%Y%m%d-%H%M%S)"
  [ ! -e "$out" ] || [ -d "$out" ] || die_usage "$out: not a directory"
  mkdir -p "$out" || die "cannot make $out"
  make_tmpdir
  common="--repetitions=$repetitions"
  files=""
  if [ -n "$run_parbench" ]; then
    err "the seed's experiment at parbench's sizes (count to $cpu_count, sleep $io_latency_ms ms, $tasks tasks, workers $workers)"
    # shellcheck disable=SC2086 # one word
    run_experiment "$PARBENCH_TMP/seed-parbench.json" $common --sizes=parbench --workers="$workers" \
      --tasks="$tasks" --cpu_count="$cpu_count" --io_latency_ms="$io_latency_ms"
    files="$files seed-parbench.json"
  fi
  if [ -n "$run_tutorial" ]; then
    # Its count is parbench's own unless --cpu_count changed that: not run twice.
    _workloads=Io
    { [ "$cpu_count" = "$tutorial_count" ] && [ -n "$run_parbench" ]; } || _workloads=Cpu,Io
    err "the seed's experiment at the tutorial's sizes ($_workloads: count to $tutorial_count, sleep $tutorial_io ms, $TUTORIAL_TASKS tasks, $TUTORIAL_WORKERS workers)"
    # shellcheck disable=SC2086 # one word
    run_experiment "$PARBENCH_TMP/seed-tutorial.json" $common --sizes=tutorial --workloads="$_workloads" \
      --workers="$TUTORIAL_WORKERS" --tasks="$TUTORIAL_TASKS" --cpu_count="$tutorial_count" \
      --io_latency_ms="$tutorial_io"
    files="$files seed-tutorial.json"
  fi
  # From inside the folder, so the tables name the files, not the temporary path.
  # shellcheck disable=SC2086 # file names without blanks
  (cd "$PARBENCH_TMP" && sh "$root/scripts/json2csv.sh" $files >seed.csv &&
    sh "$root/scripts/table.sh" seed.csv >tables.md) ||
    die "table.sh failed on the seed's JSON"
  for _f in $files tables.md; do
    publish "$PARBENCH_TMP/$_f" "$out/$_f"
    printf '%s\n' "$out/$_f"
  done
}

main "$@" || exit 1
