# crossover.awk: the program of scripts/crossover.sh. Reads table.sh --tsv
# (columns: host source workload tasks strategy life row workers median_ns
# cv speedup efficiency state reference) and prints, per sweep family and
# task count, a table of strategies against worker counts: the smallest task
# size from which each beats Sequential at that size and every larger one.
# Loaded after lib/fmt.awk and lib/stats.awk, with `errfile` (see
# awk_checked in common.sh).
#
# State, per group g ("CpuSweep · 10 tasks"): its rows rname[g, 1..nr[g]],
# worker counts ws[g, 1..nw[g]], sizes ss[g, 1..nsz[g]], and the speedups
# sp[g, row, workers, size] of the cells that ran cleanly.

BEGIN { FS = "\t" }
NR == 1 { next }
# The workload column of a sweep reads "CpuSweep size 1000".
$3 ~ / size [0-9.eE+]+$/ {
  m = split($3, w, " ")
  g = w[1] " · " $4 " tasks"
  add_cell(g, $7, $8 + 0, w[m] + 0, $13, $11)
}

function add_cell(g, row, workers, size, state, speedup) {
  if (!(g in gid)) { gid[g] = ++ng; gname[ng] = g }
  if (!((g, row) in rid)) { rid[g, row] = ++nr[g]; rname[g, nr[g]] = row }
  if (!((g, workers) in hasw)) { hasw[g, workers] = 1; ws[g, ++nw[g]] = workers }
  if (!((g, size) in hass)) { hass[g, size] = 1; ss[g, ++nsz[g]] = size }
  if (state == "ok" && speedup != "") sp[g, row, workers, size] = speedup + 0
}

# Sorts a[g, 1..n] as numbers.
function sort_group(a, g, n,    i, b) {
  for (i = 1; i <= n; i++) b[i] = a[g, i]
  sort_numbers(b, n)
  for (i = 1; i <= n; i++) a[g, i] = b[i]
}

function fmt_size(s) { return sprintf("%.0e", s) }

# The cell of row r at w workers: the smallest size from which it wins at
# every larger size, or its best speedup; "–" when nothing ran cleanly.
function cell(g, r, w,    i, s, from, best, bs, any) {
  from = ""; best = 0; any = 0
  for (i = nsz[g]; i >= 1; i--) {
    s = ss[g, i]
    if (!((g, r, w, s) in sp)) continue
    any = 1
    if (sp[g, r, w, s] > best) { best = sp[g, r, w, s]; bs = s }
  }
  if (!any) return "–"
  # Walk from the largest size down while it keeps winning.
  for (i = nsz[g]; i >= 1; i--) {
    s = ss[g, i]
    if (!((g, r, w, s) in sp)) continue
    if (sp[g, r, w, s] > 1) from = s
    else break
  }
  if (from != "") return fmt_size(from) " (" fmt_x(sp[g, r, w, from]) ")"
  return "never (best " fmt_x(best) " at " fmt_size(bs) ")"
}

function print_group(g,    i, j, r, line, u) {
  sort_group(ws, g, nw[g])
  sort_group(ss, g, nsz[g])
  print "## " g
  print ""
  line = "| Strategy"; u = "|:--"
  for (i = 1; i <= nw[g]; i++) { line = line " | " fmt_workers(ws[g, i]); u = u "|--:" }
  print line " |"
  print u "|"
  for (j = 1; j <= nr[g]; j++) {
    r = rname[g, j]
    if (r == "Sequential") continue
    line = "| " r
    for (i = 1; i <= nw[g]; i++) line = line " | " cell(g, r, ws[g, i])
    print line " |"
  }
  print ""
}

END {
  if (ng == 0) { print "has no size sweep (run bench with --sweep)" > errfile; exit 2 }
  print "# Where parallelism starts to pay"
  print ""
  print "Per strategy and worker count: the smallest task size (counting steps per task) from which it beats Sequential at that size and every larger one, with its speedup there; or the best it reached."
  print ""
  for (i = 1; i <= ng; i++) print_group(gname[i])
}
