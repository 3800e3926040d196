# shown_check.awk: checks what plot.sh's charts show against the cells they
# were drawn from. Run as
#   awk -F '\t' -f shown_check.awk CELLS SHOWN
# CELLS: table.sh --tsv of the input; SHOWN: plot.sh --shown's TSV. Prints
# one line per problem, nothing when every chart is right:
#   - a point of a data series outside its axes (gnuplot's verdict, and the
#     axes' ranges checked again here);
#   - a legend entry without a point inside the axes;
#   - a measured cell missing from its chart, drawn at another value, or a
#     point drawn that no cell gives.
# A cell of row R at W workers is expected in speedup-<chart>.png (when it
# has a speedup) and time-<chart>.png (its median in ms) as the point
# (W, value) of the series R, "R (ceiling)" for the ceiling. <chart> is
# plot.sh's file name: the workload ("Chunk size 1000" as
# Chunk-task_size_1000), -tasksT when the workload has several task counts,
# <host>-<source>- first when the input has several.

BEGIN { tol = 1e-4 }

FNR == 1 { file++; next }

file == 1 {
  if (!(($1 SUBSEP $2) in sec)) { sec[$1 SUBSEP $2] = 1; nsec++ }
  k = $1 SUBSEP $2 SUBSEP $3
  if (!((k SUBSEP $4) in tasks_seen)) { tasks_seen[k SUBSEP $4] = 1; ntasks[k]++ }
  if ($13 != "ok" || $5 == "Sequential") next
  n++
  c_host[n] = $1; c_src[n] = $2; c_wl[n] = $3; c_tasks[n] = $4
  c_series[n] = $7 ($14 == 1 ? " (ceiling)" : "")
  c_w[n] = $8; c_ms[n] = $9 / 1e6; c_sp[n] = $11
  next
}

# A point of SHOWN.
{
  series = $2
  sub(/ \[error at [^]]*\]$/, "", series)
  legend[$1 SUBSEP $2] = 1
  if ($5 == "inside") inside[$1 SUBSEP $2]++
  if (is_function(series)) next
  if ($5 != "inside")
    problem($1 ": '" $2 "' has a point " ($5 == "" ? "missing" : $5) " at (" $3 ", " $4 ")")
  else if ($3 + 0 < $6 + 0 || $3 + 0 > $7 + 0 || $4 + 0 < $8 + 0 || $4 + 0 > $9 + 0)
    problem($1 ": '" $2 "' at (" $3 ", " $4 ") is outside the axes [" $6 ":" $7 "] x [" $8 ":" $9 "]")
  if ($5 == "") next
  k = $1 SUBSEP series SUBSEP ($3 + 0)
  drawn[k] = (k in drawn) ? drawn[k] " " $4 : $4
}

# The curves plot.awk draws from a formula, not from cells.
function is_function(s) {
  return s == "ideal (speedup = workers)" || s == "Sequential" || s ~ / \(USL fit\)$/
}

function problem(s) { print s; problems++ }

function chart_name(i,    nm, f) {
  nm = c_wl[i]
  if (split(nm, f, " ") == 3 && f[2] == "size") nm = f[1] "-task_size_" f[3]
  if (ntasks[c_host[i] SUBSEP c_src[i] SUBSEP c_wl[i]] > 1) nm = nm "-tasks" c_tasks[i]
  if (nsec > 1) nm = c_host[i] "-" c_src[i] "-" nm
  gsub(/[^A-Za-z0-9._-]+/, "_", nm)
  return nm
}

function close_to(a, b,    d) {
  d = a - b; if (d < 0) d = -d
  return d <= tol * (b < 0 ? -b : b)
}

# Finds value v among the points drawn at key k, and takes it out.
function take(k, v,    m, p, i, rest, found) {
  if (!(k in drawn)) return 0
  m = split(drawn[k], p, " ")
  rest = ""; found = 0
  for (i = 1; i <= m; i++) {
    if (!found && close_to(p[i] + 0, v + 0)) { found = 1; continue }
    rest = rest (rest == "" ? "" : " ") p[i]
  }
  if (rest == "") delete drawn[k]; else drawn[k] = rest
  return found
}

END {
  for (k in legend)
    if (!(k in inside)) { split(k, p, SUBSEP); problem(p[1] ": legend entry '" p[2] "' has no point inside the axes") }
  for (i = 1; i <= n; i++) {
    nm = chart_name(i)
    if (c_sp[i] != "" && !take("speedup-" nm ".png" SUBSEP c_series[i] SUBSEP (c_w[i] + 0), c_sp[i]))
      problem("speedup-" nm ".png: '" c_series[i] "' lacks its speedup " c_sp[i] " at " c_w[i] " workers")
    if (!take("time-" nm ".png" SUBSEP c_series[i] SUBSEP (c_w[i] + 0), c_ms[i]))
      problem("time-" nm ".png: '" c_series[i] "' lacks its median " c_ms[i] " ms at " c_w[i] " workers")
  }
  for (k in drawn) { split(k, p, SUBSEP); problem(p[1] ": '" p[2] "' has a point at (" p[3] ", " drawn[k] ") that no cell gives") }
  exit problems > 0
}
