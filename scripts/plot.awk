# plot.awk: the program of scripts/plot.sh. Reads table.sh --tsv (columns:
# host source workload tasks strategy life row workers median_ns cv speedup
# efficiency state reference), writes one data file per series into `dir`
# ("workers ms speedup" lines) and the names of the charts to dir/names, and
# prints the gnuplot script: two charts per workload, PNGs into `out`.
#
# State, per chart c (one host, source, workload and task count): c_*[c],
# base[c] (Sequential's median); per series s of a chart (one row of the
# table): s_*[c, s], has[c, s] once it has data.

BEGIN {
  FS = "\t"
  # Distinct, print-safe colours; red is kept for Sequential.
  npal = split("#1f77b4 #ff7f0e #2ca02c #9467bd #8c564b #e377c2 #17becf #7f7f7f #bcbd22 #393b79 #e7969c #637939", pal, " ")
}
NR == 1 { next }
{
  c = chart_of($1, $2, $3, $4, $8 + 0)
  s = series_of(c, $7, $5, $14)
  add_point(c, s, $8 + 0, $5, $9, $11, $13)
}

# The chart of a cell, made when first seen; notes its worker count.
function chart_of(host, src, wl, tasks, w,    sk, ck, c) {
  sk = host SUBSEP src
  if (!(sk in sec)) sec[sk] = ++ns
  ck = sk SUBSEP wl SUBSEP tasks
  if (!(ck in chart)) {
    c = chart[ck] = ++nc
    c_sec[c] = sec[sk]; c_host[c] = host; c_src[c] = src; c_wl[c] = wl; c_tasks[c] = tasks
    ntasks[sec[sk], wl]++
    c_ns[c] = 0; c_maxw[c] = 1
  }
  c = chart[ck]
  if (w > c_maxw[c]) c_maxw[c] = w
  if (!((c, w) in c_hasw)) { c_hasw[c, w] = 1; c_xt[c] = c_xt[c] (c_xt[c] == "" ? "" : ", ") w }
  return c
}

# The series of a row in chart c, made when first seen.
function series_of(c, row, strat, ref,    k, s) {
  k = c SUBSEP row
  if (!(k in series)) {
    s = series[k] = ++c_ns[c]
    s_row[c, s] = row; s_ref[c, s] = ref; s_seq[c, s] = (strat == "Sequential"); s_err[c, s] = ""
  }
  return series[k]
}

# One cell: a point of its series' data file, or an error noted in its legend.
function add_point(c, s, w, strat, med, sp, state,    f) {
  if (state == "error") { s_err[c, s] = s_err[c, s] (s_err[c, s] == "" ? "" : ",") w; return }
  if (state != "ok") return
  if (strat == "Sequential" && !(c in base)) base[c] = med
  f = data(c, s)
  printf "%s %s %s\n", w, med / 1e6, (sp == "" ? "NaN" : sp) >> f
  close(f)
  has[c, s] = 1
}

function data(c, s) { return dir "/c" c "s" s ".dat" }

# A file-name-safe form of s.
function safe(s) {
  gsub(/[^A-Za-z0-9._-]+/, "_", s)
  return s
}

# A gnuplot single-quoted string.
function q(s) {
  gsub(/\047/, "\047\047", s)
  return "\047" s "\047"
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

# Speedup against workers: the ideal diagonal, Sequential's 1× line and one
# line per parallel strategy.
function plot_speedup(c, n,    s, line) {
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
    print "undefine STATS_*; stats " q(data(c, s)) " using 3 nooutput"
    print "if (exists(\"STATS_max\")) { if (STATS_max > ymax) { ymax = STATS_max } }"
  }
  print "set yrange [0:ymax * 1.25]"
  line = "plot x title \"ideal (speedup = workers)\" with lines dt 3 lw 1 lc rgb \"#888888\""
  if (c in base) line = line ", 1 title \"Sequential\" with lines dt 4 lw 2 lc rgb \"#d62728\""
  for (s = 1; s <= c_ns[c]; s++) {
    if (s_seq[c, s]) continue
    if (!has[c, s]) { if (s_err[c, s] != "") print "# " legend(c, s) " has no data"; continue }
    line = line ", " q(data(c, s)) " using 1:3 title " q(legend(c, s)) " with " style(c, s)
  }
  print line
}

# Median time against workers on a log axis, Sequential as a flat line.
function plot_time(c, n,    s, line, sep) {
  print "set output " q(out "/time-" n ".png")
  print "set title " q(title(c, "Median wall time"))
  print "set logscale y"
  print "set ylabel \"time (ms, log scale)\""
  print "set yrange [*:*]"
  line = "plot "; sep = ""
  if (c in base) { line = line base[c] / 1e6 " title \"Sequential\" with lines dt 4 lw 2 lc rgb \"#d62728\""; sep = ", " }
  for (s = 1; s <= c_ns[c]; s++) {
    if (s_seq[c, s] || !has[c, s]) continue
    line = line sep q(data(c, s)) " using 1:2 title " q(legend(c, s)) " with " style(c, s); sep = ", "
  }
  if (sep != "") print line
}

# Whether chart c has a parallel strategy that ran cleanly: else no chart.
function worth_plotting(c,    s) {
  for (s = 1; s <= c_ns[c]; s++) if (has[c, s] && !s_seq[c, s]) return 1
  return 0
}

END {
  print "set terminal pngcairo size 960,600 font \"sans,11\" noenhanced"
  print "set key outside right top"
  print "set grid"
  print "set xlabel \"workers\""
  for (c = 1; c <= nc; c++) {
    if (!worth_plotting(c)) continue
    n = name(c)
    plot_speedup(c, n)
    plot_time(c, n)
    print "set output"
    files = files n "\n"
  }
  printf "%s", files > (dir "/names")
}
