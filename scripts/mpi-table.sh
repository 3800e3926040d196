#!/bin/sh
# The Mpi rows of several runs side by side, one column a run: ranks on one
# host (shared memory, TCP), on several hosts, on shaped links. Each network
# set-up is its own run (mpirun's transport, hosts and links are fixed for a
# job), so the columns are runs, and each is labelled from its own JSON
# context (parbench_mpi_host_count, _transport, _launch, _link), never from
# its folder's name. A cell is the median time; a workload's cell adds the
# speed-up over that run's own Sequential row, so columns compare as ratios.
#   scripts/mpi-table.sh RUN...   RUN: a bench JSON of a run under mpirun, or a
#                                 results folder holding bench.json
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s RUN...   (bench.json of runs under mpirun, or results folders; Markdown on stdout)\n' "${0##*/}"
}

# The table, from the runs' JSON documents (jq -n, the files as inputs).
# shellcheck disable=SC2016 # jq's own $variables
TABLE='
def ns: .real_time * ({"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[.time_unit]);
def sig: if . >= 100 then round elif . >= 10 then (. * 10 | round) / 10
  else (. * 100 | round) / 100 end | tostring;
def fmt: if . >= 1e9 then "\(. / 1e9 | sig) s" elif . >= 1e6 then "\(. / 1e6 | sig) ms"
  elif . >= 1e3 then "\(. / 1e3 | sig) µs" else "\(sig) ns" end;
# A run: its label, and each benchmark'"'"'s median time (ns) or error, by name
# without the /real_time suffix. With one repetition there are no
# aggregates: the iteration is the median.
def run($file):
  .context as $c
  | ($c.parbench_mpi_host_count // ($c.parbench_mpi_hosts | split(",") | length | tostring)) as $h
  | {file: $file,
     label: ("\($h) host\(if $h == "1" then "" else "s" end), \($c.parbench_mpi_transport)"
       + (if ($c.parbench_mpi_launch // "") == "netns" then " (test hosts)" else "" end)
       + (if ($c.parbench_mpi_link // "unshaped") != "unshaped" then ", links \($c.parbench_mpi_link)" else "" end)),
     workloads: ($c.parbench_workloads | split(",")),
     medians: ([.benchmarks[] | select(.aggregate_name == "median")] as $m
       | (if ($m | length) > 0 then $m else [.benchmarks[] | select(.run_type == "iteration")] end)
       | map({key: (.run_name // .name | sub("/real_time$"; "")),
              value: (if .error_occurred == true then {error: .error_message} else {ns: ns} end)})
       | from_entries)};
# x.yz: a ratio with two decimals.
def ratio: . * 100 | round | tostring | (if length < 3 then ("00" + .)[-3:] else . end)
  | .[:-2] + "." + .[-2:];
# " (n.nn×)": the speed-up of workload row $name over the Sequential row of
# its run at the same task count; nothing for other rows, or without one.
def speedup($run; $name; $ns):
  [$name | capture("^(?<w>[A-Za-z]+)/Mpi/(warm|cold)/workers:[0-9]+/tasks:(?<t>[0-9]+)$")]
  | if length == 0 then ""
    else $run.medians["\(.[0].w)/Sequential/workers:1/tasks:\(.[0].t)"].ns as $seq
      | if $seq == null then "" else " (\($seq / $ns | ratio)×)" end
    end;
def cell($run; $name):
  $run.medians[$name] as $m
  | if $m == null then "–"
    elif $m.error != null then "error"
    else ($m.ns | fmt) + speedup($run; $name; $m.ns)
    end;
[inputs | run(input_filename)] as $runs
| ($runs[0].workloads) as $order
| ([$runs[].medians | keys[]] | unique
   | map(select(test("^Floor/MpiRoundTrip$|^Overhead/[A-Za-z]+/Mpi/|^[A-Za-z]+/Mpi/(warm|cold)/")))
   | map(. as $n | select(($n | startswith("Floor/") or startswith("Overhead/"))
       or ($order | index($n | split("/")[0])) != null))
   | sort_by(. as $n
       | if startswith("Floor/") then [0, 0, $n]
         elif startswith("Overhead/") then [1, 0, $n]
         else [2, ($order | index($n | split("/")[0])), $n] end)) as $rows
| "| benchmark | \([$runs[].label] | join(" | ")) |",
  "|---|\([$runs[] | "--:"] | join("|"))|",
  ($rows[] as $n | "| `\($n)` | \([$runs[] | cell(.; $n)] | join(" | ")) |"),
  "",
  "Median times; a workload row adds its speed-up over the same run'"'"'s Sequential row. Columns:",
  ($runs | to_entries[] | "\(.key + 1). \(.value.label): `\(.value.file)`")
'

main() {
  case "${1:-}" in
    -h | --help) usage; return 0 ;;
    '') usage >&2; die_usage "no run given" ;;
  esac
  need_cmd jq
  make_tmpdir
  : >"$PARBENCH_TMP/files"
  for run do
    file=$run
    [ -d "$run" ] && file=$run/bench.json
    { [ -f "$file" ] && [ -r "$file" ]; } || die_usage "$file: not a readable file"
    jq -e 'type == "object" and (.benchmarks | type == "array")' "$file" >/dev/null 2>&1 ||
      die_usage "$file: not a Google Benchmark JSON document"
    jq -e '.context.parbench_mpi_world_size != null' "$file" >/dev/null ||
      die_usage "$file: not a run under mpirun (no parbench_mpi_world_size in its context)"
    printf '%s\n' "$file" >>"$PARBENCH_TMP/files"
  done
  # One argument a line: the file names may hold blanks.
  tr '\n' '\0' <"$PARBENCH_TMP/files" | xargs -0 jq -n -r "$TABLE" >"$PARBENCH_TMP/table.md" ||
    die "jq failed on the runs"
  cat "$PARBENCH_TMP/table.md"
}

main "$@" || exit 1
