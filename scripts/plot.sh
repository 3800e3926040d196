#!/bin/sh
# PNG charts from parbench results, two per workload (and task count):
#   speedup-<Workload>.png  speedup over Sequential against workers, one line
#                           per strategy, with the ideal (speedup = workers)
#                           and the BareThreads ceiling
#   time-<Workload>.png     median wall time against workers on a log axis,
#                           Sequential as a flat line
# With several hosts or runs in the input, names start with <host>-<source>-.
# The data files and the gnuplot script come from `parbench-report plot`
# (lib/report/plot.h, plot_script.h); this script keeps the command line
# and runs gnuplot.
#   scripts/plot.sh [FILE] [OUTDIR]     FILE: json2csv.sh's CSV or Google
#                                       Benchmark JSON, "-" or none: stdin;
#                                       OUTDIR: default "plots", made if missing
#   --shown=FILE                        also writes what each chart shows,
#                                       as gnuplot drew it: a TSV of every
#                                       curve's points with the axes' ranges
#                                       (parbench-report plot-shown), for tests
# Prints the paths it wrote. Needs gnuplot (Debian: gnuplot-nox).
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [--shown=FILE] [FILE] [OUTDIR]   (json2csv.sh CSV or Google Benchmark JSON; stdin when no FILE or "-"; OUTDIR default: plots)\n' "${0##*/}"
}

# Moves the charts gnuplot made into OUTDIR (made if missing) and prints
# their paths: publish_charts OUTDIR.
publish_charts() {
  mkdir -p "$1" || die "cannot make $1"
  while IFS= read -r _name; do
    for _kind in speedup time; do
      [ -f "$PARBENCH_TMP/png/$_kind-$_name.png" ] || continue
      publish "$PARBENCH_TMP/png/$_kind-$_name.png" "$1/$_kind-$_name.png"
      printf '%s\n' "$1/$_kind-$_name.png"
    done
  done <"$PARBENCH_TMP/data/names"
}

main() {
  shown=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      --shown=?*) shown=${1#*=}; shift ;;
      --) shift; break ;;
      -) break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  [ $# -le 2 ] || die_usage "too many arguments (try -h)"
  input=${1:--}
  outdir=${2:-plots}
  if [ "$input" != - ]; then
    [ -e "$input" ] || die_usage "$input: no such file"
    { [ -f "$input" ] && [ -r "$input" ]; } || die_usage "$input: not a readable file"
  fi
  [ ! -e "$outdir" ] || [ -d "$outdir" ] || die_usage "$outdir: not a directory"
  [ -z "$shown" ] || [ ! -d "$shown" ] || die_usage "--shown=$shown: a directory"
  need_report
  make_tmpdir
  mkdir "$PARBENCH_TMP/data" "$PARBENCH_TMP/png" || die "mktemp failed"
  # parbench-report checks the input and says what is wrong with it.
  run_report plot --data="$PARBENCH_TMP/data" --png="$PARBENCH_TMP/png" -o "$PARBENCH_TMP/plot.gp" -- "$input"
  [ -s "$PARBENCH_TMP/data/names" ] || die_usage "$input: nothing to plot: no parallel strategy with results"
  # Bad input is told as such first, with or without gnuplot.
  need_cmd gnuplot
  gnuplot "$PARBENCH_TMP/plot.gp" >"$PARBENCH_TMP/gnuplot.log" 2>&1 || {
    err "gnuplot failed: $(head -n 3 "$PARBENCH_TMP/gnuplot.log" | tr '\n' ' ')"
    exit 1
  }
  publish_charts "$outdir"
  [ -z "$shown" ] && return 0
  run_report plot-shown --data="$PARBENCH_TMP/data" -o "$PARBENCH_TMP/shown.tsv"
  publish "$PARBENCH_TMP/shown.tsv" "$shown"
}

main "$@" || exit 1
