# plot.awk: the program of scripts/plot.sh. Reads table.sh --tsv (columns:
# host source workload tasks strategy life row workers median_ns cv speedup
# efficiency state reference, and from 2026-11-26 oversubscribed fit_sigma
# fit_kappa fit_scale), writes one data file per series into `dir`
# ("workers ms speedup cv" lines) and the names of the charts to dir/names,
# and prints the gnuplot script: two charts per workload, PNGs into `out`,
# workers on a log2 axis with oversubscribed counts marked, the spread as
# error bars, the USL fit as a dashed curve. Loaded after lib/fmt.awk and
# lib/stats.awk.
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
  c = chart_of($1, $2, $3, $4, $8 + 0, $15)
  s = series_of(c, $7, $5, $14, $16, $17, $18)
  add_point(c, s, $8 + 0, $5, $9, $11, $13, $10)
}

# The chart of a cell, made when first seen; notes its worker count.
function chart_of(host, src, wl, tasks, w, over,    sk, ck, c) {
  sk = host SUBSEP src
  if (!(sk in sec)) sec[sk] = ++ns
  ck = sk SUBSEP wl SUBSEP tasks
  if (!(ck in chart)) {
    c = chart[ck] = ++nc
    c_sec[c] = sec[sk]; c_host[c] = host; c_src[c] = src; c_wl[c] = wl; c_tasks[c] = tasks
    ntasks[sec[sk], wl]++
    c_ns[c] = 0; c_maxw[c] = 1; c_minw[c] = w; c_lastfit[c] = 0
  }
  c = chart[ck]
  if (w > c_maxw[c]) c_maxw[c] = w
  if (w < c_minw[c]) c_minw[c] = w
  if (over == 1 && (!((c) in c_firstover) || w < c_firstover[c])) c_firstover[c] = w
  if (over != 1 && w > c_lastfit[c]) c_lastfit[c] = w
  if (!((c, w) in c_hasw)) {
    c_hasw[c, w] = 1; c_over[c, w] = (over == 1)
    c_w[c, ++c_nw[c]] = w
  }
  return c
}

# The x tics of chart c: every worker count measured, "†" on oversubscribed
# ones.
function xtics(c,    i, n, a, s) {
  n = c_nw[c]
  for (i = 1; i <= n; i++) a[i] = c_w[c, i]
  sort_numbers(a, n)
  s = ""
  for (i = 1; i <= n; i++) s = s (i > 1 ? ", " : "") "\"" a[i] (c_over[c, a[i]] ? "†" : "") "\" " a[i]
  return "(" s ")"
}

# A mark between the last worker count within the usable CPUs and the first
# beyond them: a grey band over the oversubscribed side.
function mark_oversubscribed(c,    from) {
  print "unset object 1; unset label 1"
  if (!(c in c_firstover)) return
  from = (c_lastfit[c] > 0) ? sqrt(c_lastfit[c] * c_firstover[c]) : c_firstover[c] / 1.2
  print "set object 1 rect from " from ", graph 0 to graph 1, graph 1 behind fillcolor rgb \"#eeeeee\" fillstyle solid noborder"
  print "set label 1 \"† oversubscribed: more workers than usable CPUs\" at " from * 1.05 ", graph 0.96 left textcolor rgb \"#666666\""
}

# Workers on chart c's x axis, each count measured as a tic, the
# oversubscribed side marked.
function x_axis(c) {
  print "set xrange [" c_minw[c] / 1.25 ":" c_maxw[c] * 1.25 "]"
  print "set xtics " xtics(c)
  mark_oversubscribed(c)
}

# The series of a row in chart c, made when first seen.
function series_of(c, row, strat, ref, sigma, kappa, scale,    k, s) {
  k = c SUBSEP row
  if (!(k in series)) {
    s = series[k] = ++c_ns[c]
    s_row[c, s] = row; s_ref[c, s] = ref; s_seq[c, s] = (strat == "Sequential"); s_err[c, s] = ""
    s_fit[c, s] = (is_number(sigma) && is_number(kappa) && is_number(scale)) ? sprintf("%s * x / (1 + %s * (x - 1) + %s * x * (x - 1))", scale, sigma, kappa) : ""
  }
  return series[k]
}

# One cell: a point of its series' data file, or an error noted in its legend.
# The axes' ranges grow to hold the point and its error bar (none on the
# ceiling's line, nor on Sequential's: it is drawn flat).
function add_point(c, s, w, strat, med, sp, state, cv,    f, ms, bar) {
  if (state == "error") { s_err[c, s] = s_err[c, s] (s_err[c, s] == "" ? "" : ",") w; return }
  if (state != "ok") return
  if (strat == "Sequential" && !(c in base)) base[c] = med
  f = data(c, s)
  ms = med / 1e6
  printf "%s %s %s %s\n", w, ms, (sp == "" ? "NaN" : sp), (cv == "" ? 0 : cv) >> f
  close(f)
  has[c, s] = 1
  bar = (s_ref[c, s] || s_seq[c, s] || cv == "") ? 0 : cv
  if (sp != "" && !s_seq[c, s] && (!(c in c_spmax) || sp * (1 + bar) > c_spmax[c])) c_spmax[c] = sp * (1 + bar)
  extend_time(c, ms * (1 + bar))
  extend_time(c, bar < 1 ? ms * (1 - bar) : ms)
}
function extend_time(c, ms) {
  if (!(c in c_tmin) || ms < c_tmin[c]) c_tmin[c] = ms
  if (!(c in c_tmax) || ms > c_tmax[c]) c_tmax[c] = ms
}

# The y tics of a time chart from lo to hi ms: 1, 2 and 5 times the powers of
# ten between, labelled "500 µs", "20 ms", "1 s" (gnuplot's own would be a
# few powers of ten, or none in a range narrower than ten).
function time_tics(lo, hi,    e, m, v, s, k, mult) {
  split("1 2 5", mult, " ")
  s = ""
  for (e = int(log(lo) / log(10)) - 1; e <= int(log(hi) / log(10)) + 1; e++)
    for (k = 1; k <= 3; k++) {
      v = mult[k] * 10 ^ e
      if (v < lo || v > hi) continue
      s = s (s == "" ? "" : ", ") "\"" fmt_time(v * 1e6, "short") "\" " v
    }
  return "(" s ")"
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

# "Chunk size 1000" (the Chunk family, a CpuSweep) as "Chunk-task_size_1000";
# any other workload as it is.
function name(c,    n, f) {
  n = c_wl[c]
  if (split(n, f, " ") == 3 && f[2] == "size") n = f[1] "-task_size_" f[3]
  if (ntasks[c_sec[c], c_wl[c]] > 1) n = n "-tasks" c_tasks[c]
  if (ns > 1) n = c_host[c] "-" c_src[c] "-" n
  return safe(n)
}
# "…, by chunk" or "…, by knobs" when that is what the lines differ in.
function title(c, what,    t, f, by) {
  by = ""
  if (c_wl[c] ~ /^Chunk( |$)/) by = ", by chunk"
  else if (c_wl[c] ~ /^Knobs( |$)/) by = ", by knobs"
  if (split(c_wl[c], f, " ") == 3 && f[2] == "size")
    t = what ": " f[1] ", " c_tasks[c] " tasks of size " f[3] by
  else t = what ": " c_wl[c] (c_tasks[c] != "" ? ", " c_tasks[c] " tasks" : "") by
  if (ns > 1) t = t " (" c_host[c] ", " c_src[c] ")"
  return t
}
function legend(c, s,    t) {
  t = s_row[c, s]
  if (s_ref[c, s]) t = t " (ceiling)"
  if (s_err[c, s] != "") t = t " [error at " s_err[c, s] "]"
  return t
}
# How series s is drawn: `kind` is "linespoints", or "yerrorlines" with the
# spread as error bars; the ceiling always a plain dashed black line.
function style(c, s, kind) {
  if (s_ref[c, s]) return "lines dt 2 lw 2 lc rgb \"#000000\""
  if (kind == "") kind = "linespoints"
  return kind " lw 2 pt " (4 + 2 * ((s - 1) % 4)) " ps 1.2 lc rgb \"" colour(s) "\""
}
function colour(s) { return pal[(s - 1) % npal + 1] }

# Speedup against workers: the ideal diagonal, Sequential's 1× line and one
# line per parallel strategy.
function plot_speedup(c, n,    s, line) {
  print "set output " q(out "/speedup-" n ".png")
  print "set title " q(title(c, "Speedup over Sequential"))
  print "unset logscale"
  print "set logscale x 2"
  print "set ylabel \"speedup (Sequential time / time)\""
  x_axis(c)
  print "set ytics auto"
  # Scale to the measured speedups, not to the ideal line: on 2 CPUs the
  # ideal reaches the worker count and would squash every real curve. The
  # axis still holds Sequential's 1x and the ideal at the fewest workers,
  # so each line in the legend shows. (Computed here: gnuplot's `stats`
  # would read the data through the previous chart's ranges.)
  ymax = 1
  if (c_spmax[c] > ymax) ymax = c_spmax[c]
  if (c_minw[c] > ymax) ymax = c_minw[c]
  print "set yrange [0:" ymax * 1.25 "]"
  line = "plot x title \"ideal (speedup = workers)\" with lines dt 3 lw 1 lc rgb \"#888888\""
  if (c in base) line = line ", 1 title \"Sequential\" with lines dt 4 lw 2 lc rgb \"#d62728\""
  for (s = 1; s <= c_ns[c]; s++) {
    if (s_seq[c, s]) continue
    if (!has[c, s]) { if (s_err[c, s] != "") print "# " legend(c, s) " has no data"; continue }
    line = line ", " q(data(c, s)) " using " (s_ref[c, s] ? "1:3" : "1:3:($3*$4)") " title " q(legend(c, s)) " with " style(c, s, "yerrorlines")
    if (s_fit[c, s] != "")
      line = line ", " s_fit[c, s] " title " q(s_row[c, s] " (USL fit)") " with lines dt 2 lw 1 lc rgb \"" colour(s) "\""
  }
  print line
  record_shown("speedup", n)
}

# Median time against workers on a log axis, Sequential as a flat line.
function plot_time(c, n,    s, line, sep) {
  print "set output " q(out "/time-" n ".png")
  print "set title " q(title(c, "Median wall time"))
  print "set logscale xy"
  print "set logscale x 2"
  print "set ylabel \"median wall time (log scale)\""
  x_axis(c)
  print "set yrange [" c_tmin[c] / 1.3 ":" c_tmax[c] * 1.3 "]"
  print "set ytics " time_tics(c_tmin[c] / 1.3, c_tmax[c] * 1.3)
  line = "plot "; sep = ""
  if (c in base) { line = line base[c] / 1e6 " title \"Sequential\" with lines dt 4 lw 2 lc rgb \"#d62728\""; sep = ", " }
  for (s = 1; s <= c_ns[c]; s++) {
    if (s_seq[c, s] || !has[c, s]) continue
    line = line sep q(data(c, s)) " using " (s_ref[c, s] ? "1:2" : "1:2:($2*$4)") " title " q(legend(c, s)) " with " style(c, s, "yerrorlines"); sep = ", "
  }
  if (sep == "") return
  print line
  record_shown("time", n)
}

# What the chart just drawn shows, for scripts/plot-shown.awk: its axes
# (GPVAL_*, as gnuplot drew them) in dir/<kind>-<n>.axes, and every curve
# as gnuplot placed it (each point with its "i"nside, "o"utside or
# "u"ndefined verdict) in dir/<kind>-<n>.table.
function record_shown(kind, n) {
  print "set print " q(dir "/" kind "-" n ".axes")
  print "print GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX"
  print "unset print"
  print "set table " q(dir "/" kind "-" n ".table")
  print "replot"
  print "unset table"
}

# Whether chart c has a parallel strategy that ran cleanly: else no chart.
# (Its speedup chart needs a speedup too: see END.)
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
    if (c in c_spmax) plot_speedup(c, n)
    plot_time(c, n)
    print "set output"
    files = files n "\n"
  }
  printf "%s", files > (dir "/names")
}
