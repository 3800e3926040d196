#!/bin/sh
# Times every report command against its awk version (scripts/legacy-*.sh)
# in one run, on one reference run and on that run repeated 10 times, and
# checks each pair gives the same exit status. Prints a Markdown table of
# wall seconds (one run each, /usr/bin/time) and the awk ÷ C++ ratios.
#
#   sh results/report-engine-20261206/commands-timing.sh [RUN.json]
#
# Default RUN: results/vm-20261125-145342/bench.json (5,994 records). Run it
# on a quiet machine, from a revision that still has scripts/legacy-*.sh
# (the awk was deleted after these figures were taken: 2026-12-06).
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
R=${1:-$ROOT/results/vm-20261125-145342/bench.json}
work=$(mktemp -d "${TMPDIR:-/tmp}/commands-timing.XXXXXX") || exit 1
# shellcheck disable=SC2064 # expand now
trap "rm -rf '$work'" EXIT

jq -s '.[0] + {benchmarks: [.[].benchmarks[]]}' "$R" "$R" "$R" "$R" "$R" "$R" "$R" "$R" "$R" "$R" \
  >"$work/run10.json" || exit 1

# wall SCRIPT ARG...: runs sh scripts/SCRIPT ARG..., prints "SECONDS STATUS".
wall() {
  _s=$1
  shift
  /usr/bin/time -f %e -o "$work/time" sh "$ROOT/scripts/$_s" "$@" >"$work/out" 2>"$work/err"
  printf '%s %s\n' "$(tail -n 1 "$work/time")" "$?"
}

printf '| command | 1 run: awk | 1 run: parbench-report | awk ÷ C++ | 10 runs: awk | 10 runs: parbench-report | awk ÷ C++ | growth of the C++ (10× the records) |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
for cmd in "json2csv" "overheads" "compare SELF" "table" "table --tsv" "table --model" \
  "crossover" "advise --task=50us --tasks=100" "plot OUT"; do
  line="| ${cmd%% *} ${cmd#* }"
  [ "${cmd%% *}" = "$cmd" ] && line="| $cmd"
  line=$(printf '%s' "$line" | sed 's/ SELF$//; s/ OUT$//')
  for f in "$R" "$work/run10.json"; do
    name=${cmd%% *}
    args=""
    [ "$name" != "$cmd" ] && args=${cmd#* }
    case $args in
      SELF) set -- "$f" "$f" ;;
      OUT) set -- "$f" "$work/plots" ;;
      "") set -- "$f" ;;
      # shellcheck disable=SC2086 # single words
      *) set -- $args "$f" ;;
    esac
    old=$(wall "legacy-$name.sh" "$@")
    new=$(wall "$name.sh" "$@")
    [ "${old#* }" = "${new#* }" ] || printf 'exit %s (awk) and %s (C++): %s %s\n' "${old#* }" "${new#* }" "$cmd" "$f" >&2
    line="$line | ${old% *} s | ${new% *} s | $(awk -v a="${old% *}" -v b="${new% *}" 'BEGIN { printf "%.1f×", a / (b > 0 ? b : 0.01) }')"
    eval "new_$([ "$f" = "$R" ] && echo 1 || echo 10)=\${new% *}"
  done
  # shellcheck disable=SC2154 # set by the eval
  printf '%s | %s |\n' "$line" "$(awk -v a="$new_10" -v b="$new_1" 'BEGIN { printf "%.1f×", a / (b > 0 ? b : 0.01) }')"
done
