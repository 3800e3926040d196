#!/bin/sh
# LEGACY: the jq + awk overheads.sh, kept beside its replacement
# (scripts/overheads.sh over parbench-report overheads) while the report
# engine migrates; test/scripts/report_parity_test.sh compares the two byte
# for byte. Delete with the last awk script.
# Each overhead of the Overhead family beside the floor it rests on, from the
# same run, and the ratio between them: what parallelism costs over what the
# system makes unavoidable. Times are medians over repetitions.
#   scripts/overheads.sh [FILE]     FILE: Google Benchmark JSON from bench;
#                                   stdin when no FILE or "-"
# Each Overhead benchmark names its floor in its label ("floor=NAME", and
# "per=N" when both times are per task: divided by N). Runs made before
# those labels are paired by name (scripts/overheads.awk, pair_by_name):
#   StartStop/ThreadPool/workers:N    Floor/ThreadCreateJoin/workers:N
#   StartStop/ProcessPool/workers:N   Floor/Fork/workers:N
#   ProcessStart/<how>/workers:N      Floor/Fork/workers:N
#   RoundTrip/ThreadPool              Floor/ThreadWakeRoundTrip
#   RoundTrip/ProcessPool             Floor/PipeRoundTrip
#   RoundTrip/Mpi                     Floor/MpiRoundTrip (under mpirun)
#   Fork/resident_mib:M               Floor/Fork/workers:1
#   PerTask/<pool>/.../workers:N      PerTask/OpenMp/.../workers:N (per task)
#   MemoryKernel/<kind>/mib:M         Floor/Triad/workers:1 (bandwidth; share)
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [FILE]   (Google Benchmark JSON from bench; stdin when no FILE)\n' "${0##*/}"
}

# One tab-separated line per record of the two families: name (no
# /real_time), run_type, aggregate, real_ns, bytes_per_second, error,
# message, label.
# shellcheck disable=SC2016 # jq code, not shell
JQ_RECORDS='
  ({"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}) as $scale
  | .benchmarks[]
  | select((.run_name // .name) | test("^(Overhead|Floor)/"))
  | [ ((.run_name // .name) | sub("/real_time$"; "")),
      (.run_type // "iteration"), (.aggregate_name // ""),
      (if .error_occurred == true or .real_time == null then ""
       else .real_time * $scale[.time_unit // "ns"] end),
      (.bytes_per_second // ""),
      (if .error_occurred == true then 1 else 0 end),
      ((.error_message // "") | gsub("[\t\r\n]+"; " ")),
      ((.label // "") | gsub("[\t\r\n]+"; " ")) ]
  | map(tostring) | @tsv'

main() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      --) shift; break ;;
      -) break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  [ $# -le 1 ] || die_usage "one input at most (try -h)"
  need_cmd jq
  need_cmd awk
  make_tmpdir
  input=${1:--}
  read_input "$input"
  jq -e '.benchmarks | type == "array"' "$PARBENCH_TMP/in" >/dev/null 2>&1 ||
    die_usage "$src is not Google Benchmark JSON"
  jq -r "$JQ_RECORDS" "$PARBENCH_TMP/in" >"$PARBENCH_TMP/records" 2>/dev/null ||
    die_usage "$src has malformed benchmark records"
  awk_checked "$src" "$PARBENCH_TMP/records" -f "$PARBENCH_AWK/fmt.awk" \
    -f "$PARBENCH_AWK/names.awk" -f "$PARBENCH_AWK/stats.awk" -f "$PARBENCH_SCRIPTS/overheads.awk"
}

main "$@" || exit 1
