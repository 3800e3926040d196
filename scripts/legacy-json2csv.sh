#!/bin/sh
# LEGACY: the jq + awk json2csv.sh, kept beside its replacement
# (scripts/json2csv.sh over parbench-report csv) while the report engine
# migrates, as git kept git-legacy-stash.sh; test/scripts/report_parity_test.sh
# compares the two byte for byte. Delete with the last awk script.
# Turns Google Benchmark JSON (--benchmark_format=json or --benchmark_out)
# into one CSV table with a header row: one row per record, iterations and
# aggregates alike, from one or several files (runs from several machines
# side by side, told apart by the source and host columns).
#   scripts/json2csv.sh [-o OUT.csv] [FILE...]     no FILE, or "-": stdin
#
# Columns, in this order:
#   source host date num_cpus          where the record comes from
#   name run_name                      run_name lacks the _mean/_cv... suffix
#   workload strategy life workers tasks
#                                      parsed from parbench's names
#                                      <Workload>/<Strategy>[/<life>]/workers:N/tasks:T
#                                      (scripts/lib/names.awk); empty for
#                                      names outside that scheme
#   threads run_type aggregate aggregate_unit repetition repetitions iterations
#   real_ns cpu_ns                     nanoseconds whatever time_unit said, but
#                                      raw fractions (0.0123 = 1.23 %) where
#                                      aggregate_unit is "percentage" (cv)
#   items_per_second bytes_per_second label
#   error error_message                error is 1 for a benchmark that failed
#                                      (SkipWithError); its times and rates
#                                      are left empty, never 0
#   <user counters...>                 every other numeric key of any record,
#                                      sorted by name
#   <parbench_* context keys...>       from each file's context, sorted
# Numbers keep full precision; NaN and Infinity become nan, inf and -inf.
# Quoting follows RFC 4180 (only fields with a comma, quote or line break are
# quoted); lines end with LF.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [-o OUT.csv] [FILE...]   (Google Benchmark JSON; stdin when no FILE)\n' "${0##*/}"
}

# The record keys Google Benchmark writes itself; any other numeric key is a
# user counter.
# shellcheck disable=SC2016 # jq code, not shell
JQ_DEFS='
def fixed_keys: ["name", "family_index", "per_family_instance_index",
  "run_name", "run_type", "repetitions", "repetition_index", "threads",
  "aggregate_name", "aggregate_unit", "error_occurred", "error_message",
  "iterations", "real_time", "cpu_time", "time_unit", "bytes_per_second",
  "items_per_second", "label", "big_o"];
def counter_keys: [to_entries[] | select(.value | type == "number")
  | .key | select(. as $k | fixed_keys | index([$k]) | not)];
'

# Prints "ok" or what is wrong with one JSON file.
check_file() {
  jq -s -r "$JQ_DEFS"'
    if length == 0 then "is empty"
    elif length > 1 then "holds more than one JSON document"
    elif (.[0] | type) != "object" or (.[0].benchmarks | type) != "array"
      then "has no \"benchmarks\" array: not Google Benchmark JSON"
    elif (.[0].context // {} | type) != "object"
      then "has a \"context\" that is not an object"
    elif any(.[0].benchmarks[]; type != "object" or (.name | type) != "string")
      then "has a benchmark record without a name"
    else
      ([.[0].benchmarks[] | select(has("real_time") or has("cpu_time"))
        | select((.time_unit // "") as $u | ["ns", "us", "ms", "s"] | index([$u]) | not)
        | .name] | first) as $bad
      | if $bad != null then "has an unknown time_unit in \($bad)" else "ok" end
    end' "$1" 2>/dev/null || printf 'is not valid JSON\n'
}

# The union of user-counter names (first line, a JSON array) and of
# parbench_* context keys (second line) over all files.
collect_keys() {
  jq -n -c "$JQ_DEFS"'
    [inputs] as $docs
    | ([$docs[].benchmarks[] | counter_keys[]] | unique),
      ([$docs[] | (.context // {}) | keys[] | select(startswith("parbench_"))] | unique)' "$@"
}

# The benchmark names of all files, parsed by scripts/lib/names.awk: one
# JSON array a line, [name, workload, strategy, life, workers, tasks].
parse_names() {
  jq -n -r '[inputs.benchmarks[] | .run_name // .name] | unique[] | tojson' "$@" \
    >"$PARBENCH_TMP/names" || die "jq failed"
  awk -f "$PARBENCH_AWK/names.awk" -f "$PARBENCH_SCRIPTS/json2csv.awk" "$PARBENCH_TMP/names" ||
    die "awk failed on the benchmark names"
}

# Writes the CSV rows of one file: convert_file FILE SOURCE COUNTERS CONTEXT,
# with the parsed names in $PARBENCH_TMP/parsed.
convert_file() {
  jq -r --arg source "$2" --argjson counters "$3" --argjson ctxkeys "$4" \
    --slurpfile parsed "$PARBENCH_TMP/parsed" '
    def num:
      if type == "number" then
        if isnan then "nan"
        elif isinfinite then (if . > 0 then "inf" else "-inf" end)
        else tostring end
      elif type == "boolean" then (if . then "1" else "0" end)
      elif . == null then ""
      else tostring end;
    def csv:
      num | if test("[\",\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else . end;
    # [workload, strategy, life, workers, tasks] of a name.
    ($parsed | map({key: .[0], value: .[1:]}) | from_entries) as $names
    | def parse_name: $names[.] // ["", "", "", "", ""];
    (.context // {}) as $ctx
    | ({"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}) as $scale
    | .benchmarks[]
    | (.error_occurred == true) as $error
    | (if .aggregate_unit == "percentage" then 1 else $scale[.time_unit // "ns"] end) as $f
    | [ $source, $ctx.host_name, $ctx.date, $ctx.num_cpus,
        .name, (.run_name // .name) ]
      + ((.run_name // .name) | parse_name)
      + [ .threads, .run_type, .aggregate_name, .aggregate_unit,
          .repetition_index, .repetitions, .iterations ]
      + (if $error then ["", "", "", ""]
         else [ (if .real_time == null then null else .real_time * $f end),
                (if .cpu_time == null then null else .cpu_time * $f end),
                .items_per_second, .bytes_per_second ] end)
      + [ .label, (if $error then 1 else 0 end), .error_message ]
      + [ . as $r | $counters[] | $r[.] ]
      + [ $ctxkeys[] | $ctx[.] ]
    | map(csv) | join(",")' "$1"
}

HEADER="source,host,date,num_cpus,name,run_name,workload,strategy,life,workers,tasks,threads,run_type,aggregate,aggregate_unit,repetition,repetitions,iterations,real_ns,cpu_ns,items_per_second,bytes_per_second,label,error,error_message"

# The header row; a counter named like a fixed column becomes counter.NAME.
header_row() {
  jq -n -r --arg fixed "$HEADER" --argjson counters "$1" --argjson ctxkeys "$2" '
    ($fixed | split(",")) as $f
    | [$f[], ($counters[] | if . as $k | $f | index([$k]) then "counter." + . else . end),
       $ctxkeys[]]
    | map(if test("[\",\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else . end)
    | join(",")'
}

main() {
  out=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      -o)
        [ $# -ge 2 ] || die_usage "-o needs a file name (try -h)"
        out=$2; shift 2 ;;
      --) shift; break ;;
      -) break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  need_cmd jq
  make_tmpdir
  [ $# -gt 0 ] || set -- -

  # Every input is checked before anything is written. Each is read once:
  # stdin is saved to a file first.
  n=0
  : >"$PARBENCH_TMP/list"
  for f in "$@"; do
    n=$((n + 1))
    if [ "$f" = - ]; then
      cat >"$PARBENCH_TMP/in$n" || die "cannot read stdin"
      label="stdin"
    else
      [ -e "$f" ] || die_usage "$f: no such file"
      { [ -f "$f" ] && [ -r "$f" ]; } || die_usage "$f: not a readable file"
      cp "$f" "$PARBENCH_TMP/in$n" || die "cannot read $f"
      label=$f
    fi
    problem=$(check_file "$PARBENCH_TMP/in$n")
    [ "$problem" = ok ] || die_usage "$label $problem"
    printf '%s\n' "$f" >>"$PARBENCH_TMP/list"
  done

  set --
  i=0
  while [ "$i" -lt "$n" ]; do
    i=$((i + 1))
    set -- "$@" "$PARBENCH_TMP/in$i"
  done
  keys=$(collect_keys "$@") || die "jq failed"
  parse_names "$@" >"$PARBENCH_TMP/parsed"
  counters=$(printf '%s\n' "$keys" | sed -n 1p)
  ctxkeys=$(printf '%s\n' "$keys" | sed -n 2p)

  csv=$PARBENCH_TMP/out.csv
  header_row "$counters" "$ctxkeys" >"$csv" || die "jq failed"
  i=0
  while IFS= read -r source; do
    i=$((i + 1))
    convert_file "$PARBENCH_TMP/in$i" "$source" "$counters" "$ctxkeys" >>"$csv" ||
      die "jq failed on $source"
  done <"$PARBENCH_TMP/list"

  if [ -n "$out" ]; then
    publish "$csv" "$out"
  else
    cat "$csv"
  fi
}

main "$@" || exit 1
