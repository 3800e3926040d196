#!/bin/sh
# PNG charts from parbench results, two per workload (and task count):
#   speedup-<Workload>.png  speedup over Sequential against workers, one line
#                           per strategy, with the ideal (speedup = workers)
#                           and the BareThreads ceiling
#   time-<Workload>.png     median wall time against workers on a log axis,
#                           Sequential as a flat line
# With several hosts or runs in the input, names start with <host>-<source>-.
#   scripts/plot.sh [FILE] [OUTDIR]     FILE: json2csv.sh's CSV or Google
#                                       Benchmark JSON, "-" or none: stdin;
#                                       OUTDIR: default "plots", made if missing
# Prints the paths it wrote. Needs gnuplot (Debian: gnuplot-nox).
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [FILE] [OUTDIR]   (json2csv.sh CSV or Google Benchmark JSON; stdin when no FILE or "-"; OUTDIR default: plots)\n' "${0##*/}"
}

# Reads table.sh --tsv; writes one data file per series into dir and prints
# the gnuplot script (two charts per workload) on stdout.
# shellcheck disable=SC2016 # awk code, not shell
AWK_PROG='
BEGIN {
  FS = "\t"
  # Distinct, print-safe colours; red is kept for Sequential.
  npal = split("#1f77b4 #ff7f0e #2ca02c #9467bd #8c564b #e377c2 #17becf #7f7f7f #bcbd22 #393b79 #e7969c #637939", pal, " ")
}
function safe(s) {
  gsub(/[^A-Za-z0-9._-]+/, "_", s)
  return s
}
# A gnuplot single-quoted string.
function q(s) {
  gsub(/\047/, "\047\047", s)
  return "\047" s "\047"
}
NR == 1 { next }
{
  host = $1; src = $2; wl = $3; tasks = $4; strat = $5; row = $7
  w = $8 + 0; med = $9; sp = $11; state = $13; ref = $14
  sk = host SUBSEP src
  if (!(sk in sec)) { sec[sk] = ++ns }
  ck = sk SUBSEP wl SUBSEP tasks
  if (!(ck in chart)) {
    chart[ck] = ++nc
    c_sec[nc] = sec[sk]; c_host[nc] = host; c_src[nc] = src; c_wl[nc] = wl; c_tasks[nc] = tasks
    ntasks[sec[sk], wl]++
    c_ns[nc] = 0; c_maxw[nc] = 1
  }
  c = chart[ck]
  if (w > c_maxw[c]) c_maxw[c] = w
  if (!((c, w) in c_hasw)) { c_hasw[c, w] = 1; c_xt[c] = c_xt[c] (c_xt[c] == "" ? "" : ", ") w }
  sk2 = c SUBSEP row
  if (!(sk2 in series)) {
    series[sk2] = ++c_ns[c]
    s_row[c, c_ns[c]] = row; s_ref[c, c_ns[c]] = ref; s_seq[c, c_ns[c]] = (strat == "Sequential"); s_err[c, c_ns[c]] = ""
  }
  s = series[sk2]
  if (state == "error") { s_err[c, s] = s_err[c, s] (s_err[c, s] == "" ? "" : ",") w; next }
  if (state != "ok") next
  if (strat == "Sequential" && !(c in base)) base[c] = med
  f = dir "/c" c "s" s ".dat"
  printf "%s %s %s\n", w, med / 1e6, (sp == "" ? "NaN" : sp) >> f
  close(f)
  has[c, s] = 1
}
function name(c,    n) {
  n = c_wl[c]
  if (ntasks[c_sec[c], c_wl[c]] > 1) n = n "-tasks" c_tasks[c]
  if (ns > 1) n = c_host[c] "-" c_src[c] "-" n
  return safe(n)
}
function title(c, what,    t) {
  t = what ": " c_wl[c] (c_tasks[c] != "" ? ", " c_tasks[c] " tasks" : "")
  if (ns > 1) t = t " (" c_host[c] ", " c_src[c] ")"
  return t
}
function legend(c, s,    t) {
  t = s_row[c, s]
  if (s_ref[c, s]) t = t " (ceiling)"
  if (s_err[c, s] != "") t = t " [error at " s_err[c, s] "]"
  return t
}
function style(c, s,    k) {
  if (s_ref[c, s]) return "lines dt 2 lw 2 lc rgb \"#000000\""
  k = (s - 1) % npal + 1
  return "linespoints lw 2 pt " (4 + 2 * ((s - 1) % 4)) " ps 1.2 lc rgb \"" pal[k] "\""
}
END {
  print "set terminal pngcairo size 960,600 font \"sans,11\" noenhanced"
  print "set key outside right top"
  print "set grid"
  print "set xlabel \"workers\""
  for (c = 1; c <= nc; c++) {
    # Only charts with a parallel strategy that ran cleanly.
    any = 0
    for (s = 1; s <= c_ns[c]; s++) if (has[c, s] && !s_seq[c, s]) any = 1
    if (!any) continue
    n = name(c)
    # Speedup.
    print "set output " q(out "/speedup-" n ".png")
    print "set title " q(title(c, "Speedup over Sequential"))
    print "unset logscale"
    print "set ylabel \"speedup (Sequential time / time)\""
    print "set xrange [0.5:" c_maxw[c] + 0.5 "]"
    print "set xtics (" c_xt[c] ")"
    # Scale to the measured speedups, not to the ideal line: on 2 CPUs the
    # ideal reaches the worker count and would squash every real curve.
    print "ymax = 1"
    for (s = 1; s <= c_ns[c]; s++) {
      if (s_seq[c, s] || !has[c, s]) continue
      print "undefine STATS_*; stats " q(dir "/c" c "s" s ".dat") " using 3 nooutput"
      print "if (exists(\"STATS_max\")) { if (STATS_max > ymax) { ymax = STATS_max } }"
    }
    print "set yrange [0:ymax * 1.25]"
    line = "plot x title \"ideal (speedup = workers)\" with lines dt 3 lw 1 lc rgb \"#888888\""
    if (c in base) line = line ", 1 title \"Sequential\" with lines dt 4 lw 2 lc rgb \"#d62728\""
    for (s = 1; s <= c_ns[c]; s++) {
      if (s_seq[c, s]) continue
      if (!has[c, s]) { if (s_err[c, s] != "") print "# " legend(c, s) " has no data"; continue }
      line = line ", " q(dir "/c" c "s" s ".dat") " using 1:3 title " q(legend(c, s)) " with " style(c, s)
    }
    print line
    # Time.
    print "set output " q(out "/time-" n ".png")
    print "set title " q(title(c, "Median wall time"))
    print "set logscale y"
    print "set ylabel \"time (ms, log scale)\""
    print "set yrange [*:*]"
    line = "plot "; sep = ""
    if (c in base) { line = line base[c] / 1e6 " title \"Sequential\" with lines dt 4 lw 2 lc rgb \"#d62728\""; sep = ", " }
    for (s = 1; s <= c_ns[c]; s++) {
      if (s_seq[c, s] || !has[c, s]) continue
      line = line sep q(dir "/c" c "s" s ".dat") " using 1:2 title " q(legend(c, s)) " with " style(c, s); sep = ", "
    }
    if (sep != "") print line
    print "set output"
    files = files n "\n"
  }
  printf "%s", files > (dir "/names")
}
'

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
  [ $# -le 2 ] || die_usage "too many arguments (try -h)"
  input=${1:--}
  outdir=${2:-plots}
  if [ "$input" != - ]; then
    [ -e "$input" ] || die_usage "$input: no such file"
    { [ -f "$input" ] && [ -r "$input" ]; } || die_usage "$input: not a readable file"
  fi
  [ ! -e "$outdir" ] || [ -d "$outdir" ] || die_usage "$outdir: not a directory"
  need_cmd gnuplot
  make_tmpdir
  # table.sh checks the input and says what is wrong with it.
  sh "$(dirname "$0")/table.sh" --tsv "$input" >"$PARBENCH_TMP/cells.tsv" || exit
  mkdir "$PARBENCH_TMP/data" "$PARBENCH_TMP/png" || die "mktemp failed"
  awk -v dir="$PARBENCH_TMP/data" -v out="$PARBENCH_TMP/png" "$AWK_PROG" \
    "$PARBENCH_TMP/cells.tsv" >"$PARBENCH_TMP/plot.gp" || die "awk failed"
  [ -s "$PARBENCH_TMP/data/names" ] || die_usage "$input: nothing to plot: no parallel strategy with results"
  gnuplot "$PARBENCH_TMP/plot.gp" >"$PARBENCH_TMP/gnuplot.log" 2>&1 || {
    err "gnuplot failed: $(head -n 3 "$PARBENCH_TMP/gnuplot.log" | tr '\n' ' ')"
    exit 1
  }
  mkdir -p "$outdir" || die "cannot make $outdir"
  while IFS= read -r name; do
    for kind in speedup time; do
      [ -f "$PARBENCH_TMP/png/$kind-$name.png" ] || continue
      publish "$PARBENCH_TMP/png/$kind-$name.png" "$outdir/$kind-$name.png"
      printf '%s\n' "$outdir/$kind-$name.png"
    done
  done <"$PARBENCH_TMP/data/names"
}

main "$@" || exit 1
