# history-report.awk: the program of `scripts/history.sh report`. Reads a
# history's runs.csv, then its history.csv (added to the input from
# HISTORY), and, per machine fingerprint and benchmark, finds the change
# points of the series of run medians (lib/series.awk). Prints summary.md;
# writes into OUT series.csv and changepoints.csv, and into PLOT one data
# file per series and plot.gp, the gnuplot script of one trend chart per
# machine and family (the name's first component) whose PNGs go to PLOT/png.
# Writes to NEWEST_FILE the number of slowdowns the newest run makes
# appear: change points to slower that the series without its newest run
# does not have. Set: THRESHOLD (percent), ALPHA, MIN_RUNS, FP_ONLY (one
# machine, or ""). Loaded after lib/csv.awk, lib/fmt.awk, lib/stats.awk and
# lib/series.awk.
#
# State: the runs in the order added, r = 1..nr: r_no, r_rev, r_date, r_fp,
# r_machine; the series s = 1..ns (one machine, one benchmark): s_fp,
# s_name, s_n and, for point i, p_r[s, i] (its run), p_med, p_min, p_q1,
# p_q3, p_max, p_cnt; the change points c = 1..nc: c_s, c_i (the point
# after the step), c_change, c_before, c_after, c_p, c_new (1 when the
# newest run makes it appear); the newest run's unconfirmed slowdowns
# w = 1..nw: w_s, w_change, w_before, w_runs.

BEGIN {
  RUNS_HEADER = "run,rev,date,fingerprint,file,machine"
  ROWS_HEADER = "run,rev,date,fingerprint,benchmark,median_ns,n,min_ns,q1_ns,q3_ns,max_ns"
  ARGV[ARGC++] = HISTORY
  THR = THRESHOLD / 100
  npal = split("#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd #8c564b #e377c2 #17becf #7f7f7f #bcbd22 #393b79 #e7969c #637939", pal, " ")
}

FNR == 1 {
  file_no++
  sub(/\r$/, "")
  if ($0 != (file_no == 1 ? RUNS_HEADER : ROWS_HEADER)) bad(FILENAME ": not a history file: its header is not " (file_no == 1 ? RUNS_HEADER : ROWS_HEADER))
  next
}

file_no == 1 {
  if (csv_read(F) < 6 || F[1] !~ /^[0-9]+$/) bad(FILENAME ", line " FNR ": not a run")
  r = ++nr
  r_no[r] = F[1] + 0; r_rev[r] = F[2]; r_date[r] = F[3]; r_fp[r] = F[4]; r_machine[r] = F[6]
  run_of[r_no[r]] = r
  next
}

{
  if (csv_read(F) < 11 || F[1] !~ /^[0-9]+$/ || !is_number(F[6])) bad(FILENAME ", line " FNR ": not a history row")
  # Rows of a run that is not in runs.csv were left by an add that failed
  # half-way: not part of the history.
  if (!((F[1] + 0) in run_of)) next
  r = run_of[F[1] + 0]
  if (FP_ONLY != "" && r_fp[r] != FP_ONLY) next
  k = r_fp[r] SUBSEP F[5]
  if (!(k in series)) { s = series[k] = ++ns; s_fp[s] = r_fp[r]; s_name[s] = F[5] }
  s = series[k]
  i = ++s_n[s]
  p_r[s, i] = r; p_med[s, i] = F[6] + 0; p_cnt[s, i] = F[7]
  p_min[s, i] = F[8]; p_q1[s, i] = F[9]; p_q3[s, i] = F[10]; p_max[s, i] = F[11]
}

# Bad input: one line to errfile, exit status 2 (END does nothing more).
function bad(msg) {
  print msg > errfile
  BAD = 1
  exit 2
}

END {
  if (BAD) exit 2
  analyse()
  print_summary()
  write_series()
  write_plots()
  printf "%d\n", nnew > NEWEST_FILE
}

# ---- analysis -------------------------------------------------------------

function analyse(    s, i, x, k, j, newest, low, at, kp, known) {
  newest = nr
  # Each machine's runs, numbered in order: the x axis of its charts.
  for (r = 1; r <= nr; r++) {
    if (FP_ONLY != "" && r_fp[r] != FP_ONLY) continue
    if (!(r_fp[r] in fp_runs)) { fps[++nfp] = r_fp[r]; fp_first[r_fp[r]] = r }
    pos[r] = ++fp_runs[r_fp[r]]
    fp_last[r_fp[r]] = r
    fp_at[r_fp[r], pos[r]] = r
  }
  for (s = 1; s <= ns; s++) {
    sort_points(s)
    split("", x)
    for (i = 1; i <= s_n[s]; i++) x[i] = p_med[s, i]
    k = cp_find(x, s_n[s], THR, ALPHA, MIN_RUNS)
    for (i = 1; i <= s_n[s]; i++) p_seg[s, i] = SEG_MEDIAN[i]
    for (j = 1; j <= k; j++) {
      c = ++nc
      c_s[c] = s; c_i[c] = CP_AT[j]; c_change[c] = CP_CHANGE[j]
      c_before[c] = CP_BEFORE[j]; c_after[c] = CP_AFTER[j]; c_p[c] = CP_P[j]
      is_cp[s, CP_AT[j]] = 1
    }
    i = s_n[s]
    if (p_r[s, i] != newest) continue
    low = is_number(p_q1[s, i]) ? p_q1[s, i] + 0 : p_med[s, i]
    if (cp_newest(x, i, low, THR, MIN_RUNS, k)) {
      w = ++nw
      w_s[w] = s; w_change[w] = NEWEST_CHANGE; w_before[w] = NEWEST_BEFORE; w_runs[w] = NEWEST_RUNS
    }
    # The newest run makes a slowdown appear when the series' last change
    # point is to slower and the series without it has none there (+-1).
    if (k == 0 || c_change[nc] <= 0) continue
    at = c_i[nc]
    kp = cp_find(x, i - 1, THR, ALPHA, MIN_RUNS)
    known = 0
    for (j = 1; j <= kp; j++) if (CP_CHANGE[j] > 0 && CP_AT[j] >= at - 1 && CP_AT[j] <= at + 1) known = 1
    if (!known) { c_new[nc] = 1; nnew++ }
  }
}

# The points of series s in the order their runs were added (they are,
# unless runs.csv was edited; an insertion sort costs nothing then).
function sort_points(s,    i, j, t, f, n) {
  n = split("r med cnt min q1 q3 max", f, " ")
  for (i = 2; i <= s_n[s]; i++)
    for (j = i; j > 1 && p_r[s, j - 1] > p_r[s, j]; j--) {
      t = p_r[s, j]; p_r[s, j] = p_r[s, j - 1]; p_r[s, j - 1] = t
      t = p_med[s, j]; p_med[s, j] = p_med[s, j - 1]; p_med[s, j - 1] = t
      t = p_cnt[s, j]; p_cnt[s, j] = p_cnt[s, j - 1]; p_cnt[s, j - 1] = t
      t = p_min[s, j]; p_min[s, j] = p_min[s, j - 1]; p_min[s, j - 1] = t
      t = p_q1[s, j]; p_q1[s, j] = p_q1[s, j - 1]; p_q1[s, j - 1] = t
      t = p_q3[s, j]; p_q3[s, j] = p_q3[s, j - 1]; p_q3[s, j - 1] = t
      t = p_max[s, j]; p_max[s, j] = p_max[s, j - 1]; p_max[s, j - 1] = t
    }
}

# ---- summary.md -----------------------------------------------------------

function pct(x) { return sprintf("%+.1f %%", 100 * x) }
function dir_word(x) { return x > 0 ? "slower" : "faster" }
# A run as the summary names it; a full commit hash is shortened to 12.
function run_ref(r,    rev) {
  rev = r_rev[r]
  if (length(rev) == 40 && rev ~ /^[0-9a-f]+$/) rev = substr(rev, 1, 12)
  return "rev " rev " (run " r_no[r] ", " substr(r_date[r], 1, 10) ")"
}
function pval(p) { return (p < 0.001) ? sprintf("%.1e", p) : sprintf("%.3f", p) }

function print_summary(    r, c, w, order, key, i, n, s, nb, names, a) {
  print "# Benchmark history"
  print ""
  for (s = 1; s <= ns; s++) if (!(s_name[s] in names)) { names[s_name[s]] = 1; nb++ }
  if (nr == 0) { print "The history holds no run yet."; return }
  printf "%d %s, %d benchmarks, %d %s. The newest: %s, machine %s.\n", nr_shown(), (nr_shown() == 1 ? "run" : "runs"), nb, nfp,
    (nfp == 1 ? "machine" : "machines"), run_ref(nr), r_fp[nr]
  print ""
  printf "A change point is a step of more than %s %% between the medians of two segments of at least %d runs, each run one sample (the median of its repetitions), significant by a two-sided Mann-Whitney U test at p < %s divided by the number of splits tried in the stretch of runs searched. Runs of different machines are never compared.\n", THRESHOLD, MIN_RUNS, ALPHA
  print ""
  print "## Change points, biggest first"
  print ""
  if (nc == 0) print "no change points\n"
  for (c = 1; c <= nc; c++) {
    a = c_change[c] < 0 ? -c_change[c] : c_change[c]
    key[c] = sprintf("%020.6f", 1e9 - a)
  }
  sort_order(key, nc, order)
  for (i = 1; i <= nc; i++) {
    c = order[i]; s = c_s[c]; r = p_r[s, c_i[c]]
    printf "%s: %s (%s) from %s, %s → %s, p = %s%s%s\n\n", s_name[s], pct(c_change[c]),
      dir_word(c_change[c]), run_ref(r), fmt_time(c_before[c]), fmt_time(c_after[c]),
      pval(c_p[c]), (nfp > 1 ? ", machine " s_fp[s] : ""), (c_new[c] ? "; new with the newest run" : "")
  }
  print "## The newest run"
  print ""
  if (FP_ONLY != "" && r_fp[nr] != FP_ONLY)
    printf "The newest run, %s, is of machine %s, not %s.\n\n", run_ref(nr), r_fp[nr], FP_ONLY
  else if (fp_runs[r_fp[nr]] == 1)
    printf "The newest run, %s, is the first of machine %s: nothing to compare it with yet.\n\n", run_ref(nr), r_fp[nr]
  else if (nnew == 0)
    printf "The newest run, %s, starts no slowdown beyond %s %%: no change point to slower appears with it.\n\n", run_ref(nr), THRESHOLD
  else
    printf "The newest run, %s, starts %d %s: with it, the history shows a change point to slower that it did not show without it (the step itself may be a few runs older: a step needs %d runs after it to be told from a busy machine).\n\n",
      run_ref(nr), nnew, (nnew == 1 ? "slowdown" : "slowdowns"), MIN_RUNS
  for (i = 1; i <= nc; i++) {
    c = order[i]
    if (!c_new[c]) continue
    s = c_s[c]
    printf "%s: %s (slower) from %s\n\n", s_name[s], pct(c_change[c]), run_ref(p_r[s, c_i[c]])
  }
  if (nw > 0) {
    print "Unconfirmed, the newest run alone (no exit status: one run can be a busy moment of the machine):"
    print ""
  }
  for (w = 1; w <= nw; w++) {
    s = w_s[w]
    printf "%s: %s in the newest run against the median of the %d runs since the last change point (%s → %s), three quarters of its repetitions more than %s %% above every one of them\n\n",
      s_name[s], pct(w_change[w]), w_runs[w], fmt_time(w_before[w]), fmt_time(p_med[s, s_n[s]]), THRESHOLD
  }
  print_machines()
}

# Runs shown: all, or one machine's.
function nr_shown(    r, n) {
  if (FP_ONLY == "") return nr
  for (r = 1; r <= nr; r++) n += (r_fp[r] == FP_ONLY)
  return n
}

function print_machines(    f, r, prev, changes) {
  print "## Machines"
  print ""
  for (f = 1; f <= nfp; f++)
    printf "- %s: %d %s, from %s to %s: %s\n", fps[f], fp_runs[fps[f]], (fp_runs[fps[f]] == 1 ? "run" : "runs"),
      run_ref(fp_first[fps[f]]), run_ref(fp_last[fps[f]]), (r_machine[fp_first[fps[f]]] == "" ? "(nothing known)" : r_machine[fp_first[fps[f]]])
  print ""
  prev = 0; changes = 0
  for (r = 1; r <= nr; r++) {
    if (FP_ONLY != "" && r_fp[r] != FP_ONLY) continue
    if (prev && r_fp[r] != r_fp[prev]) {
      changes++
      printf "The machine changed at %s: %s → %s (%s). Its series start afresh; no run is compared across machines.\n\n",
        run_ref(r), r_fp[prev], r_fp[r], machine_diff(r_machine[prev], r_machine[r])
    }
    prev = r
  }
  if (changes == 0 && nfp == 1) print "One machine throughout.\n"
}

# What differs between two machine descriptions ("key=value; ...").
function machine_diff(a, b,    A, B, n, i, k, keys, out) {
  machine_split(a, A); machine_split(b, B)
  out = ""
  for (k in A) if (!(k in B)) B[k] = "(none)"
  for (k in B) {
    if (!(k in A)) A[k] = "(none)"
    if (A[k] != B[k]) keys[++n] = k
  }
  sort_strings(keys, n)
  for (i = 1; i <= n; i++) out = out (i > 1 ? "; " : "") keys[i] " " A[keys[i]] " → " B[keys[i]]
  return out == "" ? "the same description" : out
}
function machine_split(s, M,    n, i, parts, eq) {
  split("", M)
  n = split(s, parts, "; ")
  for (i = 1; i <= n; i++) {
    eq = index(parts[i], "=")
    if (eq) M[substr(parts[i], 1, eq - 1)] = substr(parts[i], eq + 1)
  }
}

# ---- series.csv and changepoints.csv ---------------------------------------

function write_series(    f, g, s, i, r, c, w) {
  f = OUT "/series.csv"
  print "fingerprint,benchmark,run,rev,date,median_ns,n,min_ns,q1_ns,q3_ns,max_ns,segment_median_ns,step" > f
  for (s = 1; s <= ns; s++)
    for (i = 1; i <= s_n[s]; i++) {
      r = p_r[s, i]
      printf "%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%.10g,%d\n", s_fp[s], csv_quote(s_name[s]), r_no[r],
        csv_quote(r_rev[r]), csv_quote(r_date[r]), sprintf("%.10g", p_med[s, i]), p_cnt[s, i], p_min[s, i],
        p_q1[s, i], p_q3[s, i], p_max[s, i], p_seg[s, i], ((s, i) in is_cp) > f
    }
  close(f)
  g = OUT "/changepoints.csv"
  print "fingerprint,benchmark,run,rev,date,kind,change,before_ns,after_ns,p_value" > g
  for (c = 1; c <= nc; c++) {
    s = c_s[c]; r = p_r[s, c_i[c]]
    printf "%s,%s,%d,%s,%s,%s,%.6g,%.10g,%.10g,%.6g\n", s_fp[s], csv_quote(s_name[s]), r_no[r],
      csv_quote(r_rev[r]), csv_quote(r_date[r]), (c_new[c] ? "new-step" : "step"), c_change[c],
      c_before[c], c_after[c], c_p[c] > g
  }
  for (w = 1; w <= nw; w++) {
    s = w_s[w]; r = nr
    printf "%s,%s,%d,%s,%s,unconfirmed,%.6g,%.10g,%.10g,\n", s_fp[s], csv_quote(s_name[s]), r_no[r],
      csv_quote(r_rev[r]), csv_quote(r_date[r]), w_change[w], w_before[w], p_med[s, s_n[s]] > g
  }
  close(g)
}

# ---- trend charts -----------------------------------------------------------

function q(s) {
  gsub(/\047/, "\047\047", s)
  return "\047" s "\047"
}
function safe(s) {
  gsub(/[^A-Za-z0-9._-]+/, "_", s)
  return s
}
function family(name) { return (index(name, "/") ? substr(name, 1, index(name, "/") - 1) : name) }

# One chart per machine and family: x the machine's runs in order (labelled
# by revision), y the median time (log scale) with the repetitions' range as
# error bars; a dashed line, in the series' colour, before each change point.
function write_plots(    s, k, ch, chart, nch, ch_lo, ch_hi, key, order, ch_fp, ch_fam, ch_ns, ch_s, gp, i, d, fpr, r, step, lab, lo, hi, line, t, legend, col, j) {
  gp = PLOT "/plot.gp"
  print "set terminal pngcairo size 1280,720 font \"sans,10\" noenhanced" > gp
  print "set key outside right top" > gp
  print "set grid" > gp
  # Fitted to the data, with a margin.
  print "set autoscale yfix" > gp
  print "set offsets 0, 0, graph 0.05, graph 0.05" > gp
  print "set xlabel \"revision, in the order added\"" > gp
  for (s = 1; s <= ns; s++) {
    k = s_fp[s] SUBSEP family(s_name[s])
    if (!(k in chart)) { ch = chart[k] = ++nch; ch_fp[ch] = s_fp[s]; ch_fam[ch] = family(s_name[s]) }
    ch = chart[k]
    ch_s[ch, ++ch_ns[ch]] = s
    d = PLOT "/s" s ".dat"
    for (i = 1; i <= s_n[s]; i++) {
      lo = is_number(p_min[s, i]) ? p_min[s, i] : p_med[s, i]
      hi = is_number(p_max[s, i]) ? p_max[s, i] : p_med[s, i]
      if (!(ch in ch_lo) || lo + 0 < ch_lo[ch]) ch_lo[ch] = lo + 0
      if (!(ch in ch_hi) || hi + 0 > ch_hi[ch]) ch_hi[ch] = hi + 0
      printf "%d %.10g %.10g %.10g\n", pos[p_r[s, i]], p_med[s, i] / 1e6, lo / 1e6, hi / 1e6 > d
    }
    close(d)
  }
  for (ch = 1; ch <= nch; ch++) {
    fpr = ch_fp[ch]
    t = "trend-" (nfp > 1 ? fpr "-" : "") safe(ch_fam[ch]) ".png"
    print t > (PLOT "/names")
    print "set output " q(PLOT "/png/" t) > gp
    print "set title " q(ch_fam[ch] ": time per run" (nfp > 1 ? ", machine " fpr : "")) > gp
    print "unset arrow" > gp
    # A log scale when the family's times span more than a factor of 20.
    if (ch_lo[ch] > 0 && ch_hi[ch] / ch_lo[ch] > 20) {
      print "set logscale y" > gp
      print "set ylabel \"time (ms, log scale): median, and min to max of the repetitions\"" > gp
    } else {
      print "unset logscale y" > gp
      print "set ylabel \"time (ms): median, and min to max of the repetitions\"" > gp
    }
    print "set xrange [0.5:" fp_runs[fpr] + 0.5 "]" > gp
    step = int((fp_runs[fpr] + 29) / 30)
    line = ""
    for (i = 1; i <= fp_runs[fpr]; i += step) {
      lab = r_rev[fp_at[fpr, i]]
      if (length(lab) > 12) lab = substr(lab, 1, 12)
      line = line (line == "" ? "" : ", ") q(lab) " " i
    }
    print "set xtics rotate by 45 right (" line ")" > gp
    line = "plot "
    # The legend in name order.
    split("", key); split("", order)
    for (j = 1; j <= ch_ns[ch]; j++) key[j] = pad_numbers(s_name[ch_s[ch, j]])
    sort_order(key, ch_ns[ch], order)
    for (j = 1; j <= ch_ns[ch]; j++) {
      s = ch_s[ch, order[j]]
      col = pal[(j - 1) % npal + 1]
      for (i = 1; i <= s_n[s]; i++)
        if ((s, i) in is_cp)
          printf "set arrow from %g, graph 0 to %g, graph 1 nohead dt 2 lw 1.5 lc rgb \"%s\"\n",
            pos[p_r[s, i]] - 0.5, pos[p_r[s, i]] - 0.5, col > gp
      legend = s_name[s]
      sub(/^[^\/]*\//, "", legend)
      sub(/\/real_time$/, "", legend)
      line = line (j > 1 ? ", " : "") q(PLOT "/s" s ".dat") " using 1:2:3:4 with yerrorlines lw 1.5 pt 7 ps 0.6 lc rgb \"" col "\" title " q(legend)
    }
    print line > gp
    print "set output" > gp
  }
  close(gp)
}
