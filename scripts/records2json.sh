#!/bin/sh
# Turns the records of one run (bench --records=FILE: JSON Lines written as
# each benchmark finishes, one file per part of a run that was resumed) into
# one Google Benchmark JSON document, which every report script reads as if
# Google Benchmark had written it: the context of the first part, with
# parbench_resumed (the start of each later part) when there are several,
# and every finished benchmark's records, part after part.
#   scripts/records2json.sh [-o OUT.json] PART...
#   scripts/records2json.sh --names PART...   the finished benchmarks' names
#
# A part's lines: {"context": {...}} first, then one
# {"benchmark": NAME, "records": [...]} per finished benchmark. A line is
# whole when it parses and ends with its newline (bench writes both in one
# write()). A torn last line (the run died while writing it) is dropped
# with a warning, and that benchmark runs again on resume; a bad line before
# the last, or a benchmark in two parts, is bad input (exit 2).
set -u
. "$(dirname "$0")/common.sh"

usage() {
  cat <<USAGE
usage: ${0##*/} [-o OUT.json] PART...   records files (bench --records), in the order the parts ran
       ${0##*/} --names PART...         the finished benchmarks' names, one a line
USAGE
}

# Sorts one part's lines: prints one JSON document a line,
# {"line": N, "kind": "context"|"benchmark"|"bad", "doc": ...}.
classify() {
  jq -R -n -c '
    def context_line: type == "object" and keys == ["context"] and (.context | type) == "object";
    def benchmark_line:
      type == "object" and keys == ["benchmark", "records"] and (.benchmark | type) == "string"
      and (.records | type) == "array"
      and all(.records[]; type == "object" and (.name | type) == "string");
    [inputs] | to_entries[]
    | (.key + 1) as $line
    | (.value | try fromjson catch null) as $doc
    | if $line == 1 and ($doc | context_line) then {line: $line, kind: "context", doc: $doc.context}
      elif $line > 1 and ($doc | benchmark_line) then {line: $line, kind: "benchmark", doc: $doc}
      else {line: $line, kind: "bad"} end' "$1"
}

# Checks part number $2, file $1, and appends its whole lines, each tagged
# with the part's number, to $PARBENCH_TMP/lines.
take_part() {
  part=$1 number=$2
  [ -e "$part" ] || die_usage "$part: no such file"
  { [ -f "$part" ] && [ -r "$part" ]; } || die_usage "$part: not a readable file"
  classify "$part" >"$PARBENCH_TMP/part" || die "jq failed on $part"
  last=$(wc -l <"$PARBENCH_TMP/part" | tr -d ' ')
  bad=$(jq -r --argjson last "$last" 'select(.kind == "bad" and .line < $last) | .line' \
    "$PARBENCH_TMP/part" | head -n 1)
  [ -z "$bad" ] || die_usage "$part, line $bad: not a records line (a context first, then one {benchmark, records} a line)"
  # Command substitution drops a final newline: anything left is a torn line.
  torn=0
  if [ "$last" -gt 0 ]; then
    [ -n "$(tail -c 1 "$part")" ] && torn=1
    [ "$(jq -r --argjson last "$last" 'select(.line == $last) | .kind' "$PARBENCH_TMP/part")" = bad ] &&
      torn=1
  fi
  if [ "$torn" -eq 1 ]; then
    err "warning: $part, line $last: torn (the run stopped while writing it); dropped (what it held runs again on --resume)"
  fi
  jq -c --argjson part "$number" --argjson last "$last" --argjson torn "$torn" \
    'select(.kind != "bad" and ($torn == 0 or .line < $last)) | . + {part: $part}' \
    "$PARBENCH_TMP/part" >>"$PARBENCH_TMP/lines" || die "jq failed on $part"
}

# The first benchmark found in more than one part, as "NAME (parts I and J)".
in_two_parts() {
  jq -n -r '[inputs | select(.kind == "benchmark") | {name: .doc.benchmark, part}]
    | group_by(.name) | map(select(map(.part) | unique | length > 1)) | first
    | if . == null then empty else "\(.[0].name) (parts \(.[0].part) and \(.[-1].part))" end' \
    "$PARBENCH_TMP/lines"
}

# Later parts that ran another revision of bench than the first, one line.
other_revisions() {
  jq -n -r '[inputs | select(.kind == "context")] as $c
    | [$c[1:][] | select(.doc.parbench_revision != $c[0].doc.parbench_revision)
       | "part \(.part) ran \(.doc.parbench_revision)"]
    | if length > 0 then "\(join(", ")); part \($c[0].part) ran \($c[0].doc.parbench_revision)"
      else empty end' "$PARBENCH_TMP/lines"
}

merge() {
  jq -n '[inputs] as $lines
    | [$lines[] | select(.kind == "context") | .doc] as $contexts
    | {context: ($contexts[0]
        + (if ($contexts | length) > 1
           then {parbench_resumed: ([$contexts[1:][] | .date] | join(","))} else {} end)),
       benchmarks: [$lines[] | select(.kind == "benchmark") | .doc.records[]]}' \
    "$PARBENCH_TMP/lines"
}

main() {
  out="" names=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      -o)
        [ $# -ge 2 ] || die_usage "-o needs a file name (try -h)"
        out=$2; shift 2 ;;
      --names) names=1; shift ;;
      --) shift; break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || die_usage "no records file (try -h)"
  need_cmd jq
  make_tmpdir
  : >"$PARBENCH_TMP/lines"
  number=0
  for part in "$@"; do
    number=$((number + 1))
    take_part "$part" "$number"
  done
  twice=$(in_two_parts) || die "jq failed"
  [ -z "$twice" ] || die_usage "a benchmark finished in two parts: $twice"
  if [ -n "$names" ]; then
    jq -r 'select(.kind == "benchmark") | .doc.benchmark' "$PARBENCH_TMP/lines" || die "jq failed"
    return 0
  fi
  jq -e -n 'any(inputs; .kind == "context")' "$PARBENCH_TMP/lines" >/dev/null ||
    die_usage "no records in $*: the run stopped before its first benchmark"
  revisions=$(other_revisions) || die "jq failed"
  [ -z "$revisions" ] || err "warning: the parts ran different builds: $revisions"
  merge >"$PARBENCH_TMP/out.json" || die "jq failed"
  if [ -n "$out" ]; then
    publish "$PARBENCH_TMP/out.json" "$out"
  else
    cat "$PARBENCH_TMP/out.json"
  fi
}

main "$@" || exit 1
