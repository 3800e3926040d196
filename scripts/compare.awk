# compare.awk: the program of scripts/compare.sh. Reads the records of both
# sides (tab-separated: side B or C, benchmark, kind iter|agg|error,
# aggregate name, time in ns, message, round: the regress.sh round a
# repetition came from, or empty), compares them benchmark by benchmark
# and prints the table (FORMAT table, md or csv); writes the number of
# regressions to the file REGRESSIONS_FILE. Set: THRESHOLD (percent), ALPHA,
# METRIC, STATISTIC (median|mean). Loaded after lib/csv.awk, lib/fmt.awk and
# lib/stats.awk.
#
# With DIAG set it reads nothing and prints one diagnostic: DIAG=erfc
# prints erfc(X); DIAG=utest the U test of the blank-separated samples XS
# and YS.
#
# State, per side and benchmark: seen[side, key], val[side, key, 1..cnt] (the
# repetitions) and rnd[side, key, 1..cnt] (their rounds, unrounded[side,
# key] counting those without), agg[side, key, name] (aggregates),
# err[side, key]; the benchmarks in the order first read: names[1..nb]. The
# rows to print: R_*[1..rows].

BEGIN {
  FS = "\t"
  # Fewer repetitions a side and the U test cannot tell: see
  # docs/tracking-regressions.md.
  MIN_REPS = 4
  # A change exactly at the threshold is not beyond it, even when the
  # conversion to nanoseconds leaves it a few units in the last place over
  # (1.05 against 1.00 is 0.050000000000000044): beyond means by more than
  # this, a millionth of a percent.
  EPS = 1e-8
  if (DIAG != "") { diagnose(); exit }
}

{
  side = $1; key = $2; kind = $3
  if (!((side, key) in seen)) {
    seen[side, key] = 1
    if (!(key in order)) { order[key] = ++nb; names[nb] = key }
  }
  if (kind == "error") { err[side, key] = $6; next }
  if (kind == "agg") { agg[side, key, $4] = $5 + 0; next }
  n = ++cnt[side, key]
  val[side, key, n] = $5 + 0
  rnd[side, key, n] = $7
  if ($7 == "") unrounded[side, key]++
}

function diagnose(    x, y, nx, ny, i, p) {
  if (DIAG == "erfc") { printf "%.17g\n", erfc(X + 0); return }
  nx = split(XS, x, " "); ny = split(YS, y, " ")
  if (nx < 1 || ny < 1) { print "needs two non-empty samples" > errfile; exit 2 }
  for (i = 1; i <= nx; i++) x[i] += 0
  for (i = 1; i <= ny; i++) y[i] += 0
  p = mann_whitney(x, nx, y, ny)
  printf "U=%.10g z=%.10g p=%.10g method=%s\n", U_STAT, Z_STAT, p, MW_EXACT ? "exact" : "normal"
}

# Fills s[1..n] with the samples of (side, key) and returns n; when the file
# holds aggregates only, the chosen aggregate (or the other one) as the one
# sample, and sets AGG_ONLY.
function samples(side, key, s,    n, i, other) {
  split("", s)
  n = cnt[side, key] + 0
  for (i = 1; i <= n; i++) s[i] = val[side, key, i]
  if (n > 0) return n
  if ((side, key, STATISTIC) in agg) { s[1] = agg[side, key, STATISTIC]; AGG_ONLY = 1; return 1 }
  other = (STATISTIC == "median") ? "mean" : "median"
  if ((side, key, other) in agg) { s[1] = agg[side, key, other]; AGG_ONLY = 1; return 1 }
  return 0
}

function stat(s, n) { return STATISTIC == "mean" ? mean(s, n) : median(s, n) }

# Whether every repetition of (side, key) says which round it came from.
function has_rounds(side, key) {
  return cnt[side, key] + 0 > 0 && !((side, key) in unrounded)
}

# Fills m[1..n] with the median of each round of (side, key), in the order
# the rounds were first read, and returns n. Repetitions of one round ran in
# one process, back to back: they share its state and are not independent
# samples; rounds are (docs/tracking-regressions.md).
function round_medians(side, key, m,    i, r, nr, rid, rn, rv, a, j) {
  split("", m)
  nr = 0
  for (i = 1; i <= cnt[side, key]; i++) {
    r = rnd[side, key, i]
    if (!(r in rid)) { rid[r] = ++nr; rn[nr] = 0 }
    j = rid[r]
    rv[j, ++rn[j]] = val[side, key, i]
  }
  for (j = 1; j <= nr; j++) {
    split("", a)
    for (i = 1; i <= rn[j]; i++) a[i] = rv[j, i]
    m[j] = median(a, rn[j])
  }
  return nr
}

function add_row(name, b, c, chg, p, reps, verdict, note) {
  rows++
  R_name[rows] = name; R_b[rows] = b; R_c[rows] = c; R_chg[rows] = chg
  R_p[rows] = p; R_reps[rows] = reps; R_verdict[rows] = verdict; R_note[rows] = note
}

# Compares one benchmark found on both sides and adds its row; counts it in
# slower, faster or unchanged, and its ratio in the geometric mean. The
# change is that of the statistic of all repetitions; the U test compares
# the repetitions, or the per-round medians when both sides mark rounds.
function compare_one(key,    xb, xc, nxb, nxc, ub, uc, nub, nuc, by_round, what, b, c, chg, p, exact, utest, beyond, note, verdict) {
  AGG_ONLY = 0
  nxb = samples("B", key, xb); nxc = samples("C", key, xc)
  if (nxb == 0 || nxc == 0) {
    errored++
    add_row(key, "", "", "", "", "", "error", "no " METRIC " time")
    return
  }
  compared++
  b = stat(xb, nxb); c = stat(xc, nxc)
  chg = rel_change(b, c)
  if (b > 0 && c > 0) { glog += log(c / b); gb += log(b); gc += log(c); gn++ }
  by_round = !AGG_ONLY && has_rounds("B", key) && has_rounds("C", key)
  if (by_round) {
    nub = round_medians("B", key, ub); nuc = round_medians("C", key, uc)
    what = "rounds"; ROUNDS_USED = 1
  } else {
    nub = samples("B", key, ub); nuc = samples("C", key, uc)
    what = "repetitions"
  }
  p = ""; exact = 0
  if (nub >= 2 && nuc >= 2) { p = mann_whitney(ub, nub, uc, nuc); exact = MW_EXACT }
  utest = (nub >= MIN_REPS && nuc >= MIN_REPS && min_pvalue(nub, nuc, exact) < ALPHA)
  # Strictly beyond the threshold, on either side.
  beyond = (chg - thr > EPS) ? 1 : (-thr - chg > EPS) ? -1 : 0
  note = ""
  if (AGG_ONLY) note = "aggregates only: threshold only"
  else if (!utest) note = sprintf("threshold only: too few %s for the U test (%d/%d)", what, nub, nuc)
  else if (by_round) note = sprintf("U test on %d/%d round medians", nub, nuc)
  if (beyond != 0 && utest && p >= ALPHA) {
    beyond = 0
    note = sprintf("within noise: p=%.3g >= alpha", p) (by_round ? sprintf(" (%d/%d round medians)", nub, nuc) : "")
  }
  verdict = (beyond > 0) ? "slower" : (beyond < 0) ? "faster" : "unchanged"
  if (beyond > 0) slower++; else if (beyond < 0) faster++; else unchanged++
  add_row(key, b, c, chg, p, nxb "/" nxc, verdict, note)
}

END {
  if (DIAG != "") exit
  thr = THRESHOLD / 100
  slower = faster = unchanged = only_b = only_c = errored = compared = 0
  glog = 0; gb = 0; gc = 0; gn = 0
  for (i = 1; i <= nb; i++) {
    key = names[i]
    inb = (("B", key) in seen); inc = (("C", key) in seen)
    if (!inb) { only_c++; add_row(key, "", "", "", "", "", "contender-only", "not in the baseline") }
    else if (!inc) { only_b++; add_row(key, "", "", "", "", "", "baseline-only", "not in the contender") }
    else if ((("B", key) in err) || (("C", key) in err)) {
      errored++
      add_row(key, "", "", "", "", "", "error",
              (("B", key) in err) ? "baseline: " err["B", key] : "contender: " err["C", key])
    } else compare_one(key)
  }
  if (gn > 0)
    add_row("OVERALL_GEOMEAN", exp(gb / gn), exp(gc / gn), exp(glog / gn) - 1, "", "",
            "-", sprintf("geometric mean over the %d benchmarks compared", gn))
  printf "%d\n", slower > REGRESSIONS_FILE
  summary = sprintf("%d compared: %d slower, %d faster, %d unchanged; %d baseline-only, %d contender-only, %d errored.",
                    compared, slower, faster, unchanged, only_b, only_c, errored)
  settings = sprintf("%s time, %s of repetitions; a change counts beyond %s%% and, with at least %d repetitions per side, at p < %s (two-sided Mann-Whitney U).",
                     METRIC, STATISTIC, THRESHOLD, MIN_REPS, ALPHA)
  if (ROUNDS_USED)
    settings = settings " Where both files mark rounds (regress.sh), the U test compares per-round medians, at least " MIN_REPS " rounds per side."
  if (FORMAT == "csv") print_csv()
  else if (FORMAT == "md") print_md()
  else print_table()
}

function time_cell(ns) { return (ns == "") ? "-" : fmt_time(ns, "ascii") }
function pct(x) { return (x == "") ? "-" : sprintf("%+.2f%%", x * 100) }
function pval(x) { return (x == "") ? "-" : sprintf("%.4f", x) }
function num(x, f) { return (x == "") ? "" : sprintf(f, x) }

function print_csv(    r) {
  print "benchmark,baseline_ns,contender_ns,change,p_value,repetitions,verdict,note"
  for (r = 1; r <= rows; r++)
    printf "%s,%s,%s,%s,%s,%s,%s,%s\n", csv_quote(R_name[r]), num(R_b[r], "%.10g"),
      num(R_c[r], "%.10g"), num(R_chg[r], "%.10g"), num(R_p[r], "%.10g"),
      csv_quote(R_reps[r]), R_verdict[r], csv_quote(R_note[r])
}

function print_md(    r) {
  print "| Benchmark | Baseline | Contender | Change | p-value | Reps | Verdict | Note |"
  print "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for (r = 1; r <= rows; r++)
    printf "| `%s` | %s | %s | %s | %s | %s | %s | %s |\n", R_name[r], time_cell(R_b[r]),
      time_cell(R_c[r]), pct(R_chg[r]), pval(R_p[r]), (R_reps[r] == "" ? "-" : R_reps[r]),
      (R_verdict[r] == "slower" ? "**slower**" : R_verdict[r]), md_cell(R_note[r])
  print ""
  print summary
  print settings
}

function print_table(    r, w, h) {
  w = length("Benchmark")
  for (r = 1; r <= rows; r++) if (length(R_name[r]) > w) w = length(R_name[r])
  h = sprintf("%-" w "s  %12s  %12s  %9s  %7s  %7s  %-14s  %s", "Benchmark", "Baseline",
              "Contender", "Change", "p-value", "Reps", "Verdict", "Note")
  print h
  gsub(/./, "-", h); print h
  for (r = 1; r <= rows; r++)
    printf "%-" w "s  %12s  %12s  %9s  %7s  %7s  %-14s  %s\n", R_name[r], time_cell(R_b[r]),
      time_cell(R_c[r]), pct(R_chg[r]), pval(R_p[r]), (R_reps[r] == "" ? "-" : R_reps[r]),
      R_verdict[r], R_note[r]
  print ""
  print summary
  print settings
}
