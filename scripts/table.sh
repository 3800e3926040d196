#!/bin/sh
# Markdown comparison tables from parbench results: a decision map, then per
# workload (and task count) a table of strategies against worker counts, the
# CPU use, the Karp-Flatt serial fraction and, where BareThreads ran, the
# share of that ceiling each strategy reaches. results/README.md tells how to
# read them.
#   scripts/table.sh [--tsv] [FILE]     FILE: json2csv.sh's CSV, or Google
#                                       Benchmark JSON (converted first);
#                                       stdin when no FILE or "-"
#   --tsv   instead of Markdown, one tab-separated line per measured cell
#           (host, source, workload, tasks, strategy, life, row, workers,
#           median_ns, cv, speedup, efficiency, state, reference); plot.sh
#           draws from it.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [--tsv] [FILE]   (json2csv.sh CSV or Google Benchmark JSON; stdin when no FILE)\n' "${0##*/}"
}

# The columns the tables need; the rest (counters such as total_cpu_s, the
# parbench_* context) are used when present.
REQUIRED="source host name workload strategy life workers tasks run_type aggregate real_ns error error_message"

# shellcheck disable=SC2016 # awk code, not shell
AWK_PROG='
function isnum(x) {
  return x ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/
}
function quotes_odd(s,    t) {
  t = s
  return gsub(/"/, "", t) % 2
}
function parse_csv(s, F,    n, i, c, f, inq, len) {
  if (index(s, "\"") == 0) return split(s, F, ",")
  n = 0; f = ""; inq = 0; len = length(s)
  for (i = 1; i <= len; i++) {
    c = substr(s, i, 1)
    if (inq) {
      if (c == "\"") {
        if (substr(s, i + 1, 1) == "\"") { f = f "\""; i++ } else inq = 0
      } else f = f c
    } else if (c == "\"") inq = 1
    else if (c == ",") { F[++n] = f; f = "" }
    else f = f c
  }
  F[++n] = f
  return n
}
function fv(name) {
  return (name in col) ? F[col[name]] : ""
}
function clean(s) {
  gsub(/[\t\r\n]+/, " ", s)
  return s
}
function md(s) {
  s = clean(s)
  gsub(/\|/, "\\|", s)
  return s
}

# ---- reading -------------------------------------------------------------
{
  sub(/\r$/, "")
  rec = $0
  while (quotes_odd(rec) && (getline line) > 0) {
    sub(/\r$/, "", line)
    rec = rec "\n" line
  }
  split("", F)
  nf = parse_csv(rec, F)
  if (!header_done) {
    for (i = 1; i <= nf; i++) col[F[i]] = i
    nreq = split(required, req, " ")
    for (i = 1; i <= nreq; i++)
      if (!(req[i] in col)) {
        printf "is not json2csv.sh output: no \"%s\" column\n", req[i] > errfile
        bad = 1
        exit 2
      }
    header_done = 1
    next
  }
  if (nf == 1 && F[1] == "") next
  add_record()
}

function add_record(    host, src, sk, s, wl, tk, t, strat, life, rk, r, w, gid, name, ok, rt, agg, real, tc, ov, k) {
  host = fv("host"); src = fv("source")
  sk = host SUBSEP src SUBSEP fv("date")
  if (!(sk in sec_id)) {
    sec_id[sk] = ++ns
    sec_host[ns] = host; sec_src[ns] = src; sec_date[ns] = fv("date")
    sec_cpus[ns] = fv("num_cpus"); sec_usable[ns] = fv("parbench_usable_cpus")
    sec_build[ns] = fv("parbench_build_type"); sec_rev[ns] = fv("parbench_revision")
    sec_reps[ns] = 1
  }
  s = sec_id[sk]
  if (isnum(fv("repetitions")) && fv("repetitions") + 0 > sec_reps[s]) sec_reps[s] = fv("repetitions") + 0
  wl = fv("workload")
  if (wl == "" || !isnum(fv("workers"))) {
    name = fv("run_name"); if (name == "") name = fv("name")
    ok = s SUBSEP name
    if (!(ok in oth_id)) { oth_id[ok] = ++no; oth_sec[no] = s; oth_name[no] = name }
    gid = "o" SUBSEP oth_id[ok]
  } else {
    name = fv("run_name"); if (name == "") name = fv("name")
    name_extras(name)
    tk = s SUBSEP wl SUBSEP fv("tasks") SUBSEP x_table
    if (!(tk in tab_id)) {
      tab_id[tk] = ++nt
      tab_sec[nt] = s; tab_wl[nt] = wl; tab_tasks[nt] = fv("tasks")
      tab_x[nt] = x_table; tab_xsort[nt] = x_tsort
      tab_nr[nt] = 0; tab_nw[nt] = 0
    }
    t = tab_id[tk]
    strat = fv("strategy"); life = fv("life")
    rk = t SUBSEP strat SUBSEP life SUBSEP x_row
    if (!(rk in row_id)) {
      r = ++tab_nr[t]; row_id[rk] = r
      row_strat[t, r] = strat; row_life[t, r] = life
      row_x[t, r] = x_row; row_xsort[t, r] = x_rsort
    }
    r = row_id[rk]
    w = fv("workers") + 0
    if (!((t, w) in tab_hasw)) { tab_hasw[t, w] = 1; tab_w[t, ++tab_nw[t]] = w }
    gid = t SUBSEP r SUBSEP w
  }
  g_seen[gid] = 1
  if (fv("error") == "1" || fv("error") == "true") {
    if (!(gid in g_err)) g_err[gid] = fv("error_message")
    return
  }
  ov = fv("oversubscribed")
  if (isnum(ov) && ov + 0 > 0) g_over[gid] = 1
  rt = fv("run_type"); agg = fv("aggregate"); real = fv("real_ns"); tc = fv("total_cpu_s")
  if (!isnum(real)) return
  if (rt == "aggregate") {
    if (agg == "median") { g_amed[gid] = real + 0; if (isnum(tc)) g_amedcpu[gid] = tc + 0 }
    else if (agg == "cv") g_acv[gid] = real + 0
    else if (agg == "mean") g_amean[gid] = real + 0
    else if (agg == "stddev") g_asd[gid] = real + 0
  } else {
    k = ++g_n[gid]; g_v[gid, k] = real + 0
    if (isnum(tc)) { k = ++g_nc[gid]; g_c[gid, k] = tc + 0 }
  }
}

# ---- statistics ----------------------------------------------------------
function sortn(a, n,    i, j, x) {
  for (i = 2; i <= n; i++) {
    x = a[i]
    for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
    a[j + 1] = x
  }
}
# Median of values[gid, 1..n].
function median_of(values, gid, n,    a, i) {
  for (i = 1; i <= n; i++) a[i] = values[gid, i]
  sortn(a, n)
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
# Sets st[gid] ("ok", "error", "none" or "" when never measured), med[gid]
# (ns), cv[gid] (fraction, -1 unknown) and cpu[gid] (total_cpu_s, -1 unknown).
function finish(gid,    n, i, mean, ss) {
  if (gid in st) return
  cv[gid] = -1; cpu[gid] = -1
  if (!(gid in g_seen)) { st[gid] = ""; return }
  if (gid in g_err) { st[gid] = "error"; return }
  n = g_n[gid] + 0
  if (n > 0) {
    med[gid] = median_of(g_v, gid, n)
    if (n >= 2) {
      mean = 0; for (i = 1; i <= n; i++) mean += g_v[gid, i]
      mean /= n
      ss = 0; for (i = 1; i <= n; i++) ss += (g_v[gid, i] - mean) ^ 2
      if (mean > 0) cv[gid] = sqrt(ss / (n - 1)) / mean
    }
    if (g_nc[gid] + 0 > 0) cpu[gid] = median_of(g_c, gid, g_nc[gid])
  } else if (gid in g_amed) {
    med[gid] = g_amed[gid]
    if (gid in g_acv) cv[gid] = g_acv[gid]
    else if ((gid in g_asd) && g_amean[gid] > 0) cv[gid] = g_asd[gid] / g_amean[gid]
    if (gid in g_amedcpu) cpu[gid] = g_amedcpu[gid]
  } else if (gid in g_amean) {
    med[gid] = g_amean[gid]
  } else { st[gid] = "none"; return }
  st[gid] = (med[gid] > 0) ? "ok" : "none"
}

# ---- per table: worker order, row order, baseline, winners ---------------
# The key:value components of a name that parbench adds beside workers and
# tasks: size:S (CpuSweep, Chunk) tells tables apart, chunk:C rows. Others,
# such as the repeats:N of Google Benchmark, change nothing. Sets x_table and x_row ("size 1000"), and x_tsort and x_rsort,
# the same with numbers zero-padded so that they sort numerically.
function name_extras(name,    n, c, i, k, v, sk) {
  x_table = ""; x_row = ""; x_tsort = ""; x_rsort = ""
  n = split(name, c, "/")
  for (i = 3; i <= n; i++) {
    if (c[i] !~ /^[A-Za-z_]+:./) continue
    k = substr(c[i], 1, index(c[i], ":") - 1); v = substr(c[i], index(c[i], ":") + 1)
    sk = k " " (isnum(v) ? sprintf("%020.6f", v) : v)
    if (k == "chunk") { x_row = x_row (x_row == "" ? "" : ", ") k " " v; x_rsort = x_rsort " " sk }
    else if (k == "size") { x_table = x_table (x_table == "" ? "" : ", ") k " " v; x_tsort = x_tsort " " sk }
  }
}
function label(t, r,    s) {
  s = row_strat[t, r]
  if (row_life[t, r] != "" || row_x[t, r] != "")
    s = s " (" row_life[t, r] (row_life[t, r] != "" && row_x[t, r] != "" ? ", " : "") row_x[t, r] ")"
  return s
}
function is_ref(t, r) { return row_strat[t, r] == "BareThreads" }
function is_seq(t, r) { return row_strat[t, r] == "Sequential" }
function rank(strategy) {
  if (strategy == "Sequential") return 0
  if (strategy == "ThreadPool") return 1
  if (strategy == "ProcessPool") return 2
  if (strategy == "ThreadPerTask") return 3
  if (strategy == "ProcessPerTask") return 4
  if (strategy == "BareThreads") return 999
  return 500
}
# Sorts a[1..n] as strings.
function sorts(a, n,    i, j, x) {
  for (i = 2; i <= n; i++) {
    x = a[i] ""
    for (j = i - 1; j >= 1 && (a[j] "") > x; j--) a[j + 1] = a[j]
    a[j + 1] = x
  }
}
function last_field(s,    n, f) {
  n = split(s, f, "\t")
  return f[n] + 0
}
function prepare(t,    i, j, r, n, a, w, gid, best, bm, cand, m, s, ncpu, k) {
  n = tab_nw[t]
  for (i = 1; i <= n; i++) a[i] = tab_w[t, i]
  sortn(a, n)
  for (i = 1; i <= n; i++) W[t, i] = a[i]
  # Rows in a fixed order, whatever order the runs came in (random
  # interleaving shuffles them): Sequential, the known strategies, any
  # others by name, BareThreads last; cold before warm.
  n = tab_nr[t]
  for (r = 1; r <= n; r++) k[r] = sprintf("%03d\t%s\t%s\t%s\t%d", rank(row_strat[t, r]), row_strat[t, r], row_life[t, r], row_xsort[t, r], r)
  sorts(k, n)
  for (j = 1; j <= n; j++) R[t, j] = last_field(k[j])
  for (i = 1; i <= tab_nw[t]; i++) for (j = 1; j <= n; j++) finish(t SUBSEP R[t, j] SUBSEP W[t, i])
  # Baseline: Sequential at its smallest worker count that ran cleanly.
  seq_r[t] = 0; base[t] = 0; base_cpu[t] = -1; base_cv[t] = -1
  for (r = 1; r <= tab_nr[t] && !seq_r[t]; r++) if (is_seq(t, r)) seq_r[t] = r
  if (seq_r[t])
    for (i = 1; i <= tab_nw[t] && !base[t]; i++) {
      gid = t SUBSEP seq_r[t] SUBSEP W[t, i]
      if (st[gid] == "ok") { base[t] = med[gid]; base_cpu[t] = cpu[gid]; base_cv[t] = cv[gid]; base_w[t] = W[t, i] }
    }
  # Per column: best shown cell, and the winner and runner-up of all
  # strategies, Sequential counted at every worker count.
  for (i = 1; i <= tab_nw[t]; i++) {
    w = W[t, i]; best = 0; bm = 0
    win[t, w] = 0; win_m[t, w] = 0; run[t, w] = 0; run_m[t, w] = 0
    for (j = 1; j <= n; j++) {
      r = R[t, j]
      if (is_ref(t, r)) continue
      gid = t SUBSEP r SUBSEP w
      cand = 0
      if (st[gid] == "ok") {
        m = med[gid]; cand = 1
        if (!best || m < bm) { best = r; bm = m }
      } else if (r == seq_r[t] && base[t] > 0 && st[gid] != "error") { m = base[t]; cand = 1 }
      if (!cand) continue
      if (!win[t, w] || m < win_m[t, w]) {
        run[t, w] = win[t, w]; run_m[t, w] = win_m[t, w]
        win[t, w] = r; win_m[t, w] = m
      } else if (!run[t, w] || m < run_m[t, w]) { run[t, w] = r; run_m[t, w] = m }
    }
    best_r[t, w] = best
  }
  # Columns with more workers than CPUs.
  s = tab_sec[t]
  ncpu = isnum(sec_usable[s]) ? sec_usable[s] + 0 : (isnum(sec_cpus[s]) ? sec_cpus[s] + 0 : 0)
  for (i = 1; i <= tab_nw[t]; i++) {
    w = W[t, i]
    if (ncpu > 0 && w > ncpu) over[t, w] = 1
    for (j = 1; j <= n; j++) if ((t SUBSEP R[t, j] SUBSEP w) in g_over) over[t, w] = 1
    if (over[t, w]) sec_over[s] = 1
  }
}

# ---- formatting ----------------------------------------------------------
function sig3(x) {
  if (x >= 99.95) return sprintf("%.0f", x)
  if (x >= 9.995) return sprintf("%.1f", x)
  return sprintf("%.2f", x)
}
function fmt_time(ns,    r) {
  r = sprintf("%.3g", ns) + 0
  if (r < 1e3) return sig3(r) " ns"
  if (r < 1e6) return sig3(r / 1e3) " µs"
  if (r < 1e9) return sig3(r / 1e6) " ms"
  return sig3(r / 1e9) " s"
}
function fmt_x(x) { return sprintf("%.2f×", x) }
function fmt_pct(x) { return sprintf("%.0f %%", 100 * x) }
function fmt_util(x) { return sprintf(100 * x < 9.95 ? "%.1f %%" : "%.0f %%", 100 * x) }
function fmt_cv(x) { return sprintf("±%.1f %%", 100 * x) }
function plural(w) { return w (w == 1 ? " worker" : " workers") }
function whead(t, w) { return plural(w) (over[t, w] ? "†" : "") }
function title(t) {
  return tab_wl[t] (tab_tasks[t] != "" ? ", " tab_tasks[t] " tasks" : "") (tab_x[t] != "" ? ", " tab_x[t] : "")
}
function header_row(t, first,    i, s, u) {
  s = "| " first; u = "|:--"
  for (i = 1; i <= tab_nw[t]; i++) { s = s " | " whead(t, W[t, i]); u = u "|--:" }
  print s " |"
  print u "|"
}
function rowname(t, r) {
  return md(label(t, r)) (is_ref(t, r) ? " (ceiling)" : "")
}

# The main cell: median · speedup · efficiency · spread.
function cell(t, r, w,    gid, s, x) {
  gid = t SUBSEP r SUBSEP w
  if (st[gid] == "") return "–"
  if (st[gid] == "error") return "error"
  if (st[gid] == "none") return "n/a"
  s = fmt_time(med[gid])
  if (is_seq(t, r) && base[t] > 0 && w == base_w[t]) s = s " (baseline)"
  else if (base[t] > 0) {
    x = base[t] / med[gid]
    s = s " · " fmt_x(x) " · " fmt_pct(x / w)
  }
  if (cv[gid] >= 0) s = s " · " fmt_cv(cv[gid])
  if (best_r[t, w] == r) s = "**" s "**"
  return s
}

function speedup(t, w, r) {
  if (base[t] <= 0) return 0
  if (r == seq_r[t] && st[t SUBSEP r SUBSEP w] != "ok") return 1
  return base[t] / med[t SUBSEP r SUBSEP w]
}

function print_table(t, h,    i, j, r, w, gid, line, s, sep, nerr, n, first, x, e, any, p, ref, bx, bw, u) {
  print h " " md(title(t))
  print ""
  header_row(t, "Strategy")
  n = tab_nr[t]
  for (j = 1; j <= n; j++) {
    r = R[t, j]
    line = "| " rowname(t, r)
    for (i = 1; i <= tab_nw[t]; i++) line = line " | " cell(t, r, W[t, i])
    print line " |"
  }
  print ""

  if (base[t] <= 0)
    print "- No clean Sequential run here: speedups need one."
  # Fastest per worker count.
  line = ""; sep = ""
  for (i = 1; i <= tab_nw[t]; i++) {
    w = W[t, i]
    if (!win[t, w]) continue
    s = plural(w) ": " md(label(t, win[t, w]))
    if (win[t, w] == seq_r[t]) s = s ", " fmt_time(win_m[t, w])
    else if (base[t] > 0) s = s ", " fmt_x(base[t] / win_m[t, w])
    if (run[t, w]) s = s ", " fmt_util(run_m[t, w] / win_m[t, w] - 1) " ahead of " md(label(t, run[t, w]))
    line = line sep s; sep = "; "
  }
  if (line != "") print "- **Fastest:** " line "."
  # Where each parallel strategy first beats Sequential.
  if (base[t] > 0) {
    first = 0; line = ""; sep = ""
    for (j = 1; j <= n; j++) {
      r = R[t, j]
      if (is_seq(t, r) || is_ref(t, r)) continue
      s = ""; bx = 0; bw = 0
      for (i = 1; i <= tab_nw[t]; i++) {
        w = W[t, i]; gid = t SUBSEP r SUBSEP w
        if (st[gid] != "ok") continue
        x = base[t] / med[gid]
        if (x > bx) { bx = x; bw = w }
        if (x > 1 && s == "") {
          s = md(label(t, r)) " at " plural(w) " (" fmt_x(x)
          noisy = cv[gid] >= 0 && base_cv[t] >= 0 && x - 1 <= cv[gid] + base_cv[t]
          if (noisy) s = s ", within noise"
          s = s ")"
          # The headline counts only a win beyond the noise.
          if (!noisy && (!first || w < first)) first = w
        }
      }
      if (s == "" && bw) s = md(label(t, r)) " never (best " fmt_x(bx) " at " plural(bw) ")"
      if (s == "") s = md(label(t, r)) " never ran cleanly"
      line = line sep s; sep = "; "
    }
    if (line != "") {
      if (first) print "- **Parallelism first pays at " plural(first) ".** Per strategy: " line "."
      else print "- **No parallel strategy beats Sequential beyond the noise here.** " line "."
    }
  }
  # Errors.
  nerr = 0; line = ""; sep = ""
  for (j = 1; j <= n; j++) for (i = 1; i <= tab_nw[t]; i++) {
    gid = t SUBSEP R[t, j] SUBSEP W[t, i]
    if (st[gid] != "error") continue
    line = line sep md(label(t, R[t, j])) " at " plural(W[t, i]) ": " md(g_err[gid]); sep = "; "
  }
  if (line != "") print "- **Errors** (never counted as results): " line "."
  print ""

  # CPU use, where the runs report total_cpu_s.
  any = 0
  for (j = 1; j <= n; j++) for (i = 1; i <= tab_nw[t]; i++)
    if (cpu[t SUBSEP R[t, j] SUBSEP W[t, i]] >= 0) any = 1
  if (any) {
    print "**CPU use** (total CPU ÷ (wall time × workers) · total CPU relative to Sequential):"
    print ""
    header_row(t, "Strategy")
    for (j = 1; j <= n; j++) {
      r = R[t, j]; line = "| " rowname(t, r)
      for (i = 1; i <= tab_nw[t]; i++) {
        w = W[t, i]; gid = t SUBSEP r SUBSEP w
        if (st[gid] == "error") s = "error"
        else if (st[gid] != "ok" || cpu[gid] < 0) s = "–"
        else {
          s = fmt_util(cpu[gid] / (med[gid] / 1e9 * w))
          if (base_cpu[t] > 0) s = s " · " fmt_x(cpu[gid] / base_cpu[t]) " CPU"
        }
        line = line " | " s
      }
      print line " |"
    }
    print ""
  }

  # Karp-Flatt serial fraction, p > 1.
  any = 0
  for (i = 1; i <= tab_nw[t]; i++) if (W[t, i] > 1) any = 1
  if (any && base[t] > 0) {
    print "**Karp–Flatt serial fraction** e = (1/S − 1/p) ÷ (1 − 1/p) (lower is better; rising with p means growing overhead):"
    print ""
    s = "| Strategy"; u = "|:--"
    for (i = 1; i <= tab_nw[t]; i++) if (W[t, i] > 1) { s = s " | p = " W[t, i] (over[t, W[t, i]] ? "†" : ""); u = u "|--:" }
    print s " |"
    print u "|"
    for (j = 1; j <= n; j++) {
      r = R[t, j]
      if (is_seq(t, r)) continue
      line = "| " rowname(t, r)
      for (i = 1; i <= tab_nw[t]; i++) {
        p = W[t, i]
        if (p <= 1) continue
        gid = t SUBSEP r SUBSEP p
        if (st[gid] == "error") s = "error"
        else if (st[gid] != "ok") s = "–"
        else {
          x = base[t] / med[gid]
          e = (1 / x - 1 / p) / (1 - 1 / p)
          s = sprintf("%.3f", e)
        }
        line = line " | " s
      }
      print line " |"
    }
    print ""
  }

  # Share of the BareThreads ceiling.
  ref = 0
  for (j = 1; j <= n; j++) if (is_ref(t, R[t, j])) ref = R[t, j]
  if (ref && n > 1) {
    print "**Share of the BareThreads ceiling** (BareThreads time ÷ strategy time at the same worker count; 100 % = as fast as bare threads):"
    print ""
    header_row(t, "Strategy")
    for (j = 1; j <= n; j++) {
      r = R[t, j]
      if (r == ref) continue
      line = "| " rowname(t, r)
      for (i = 1; i <= tab_nw[t]; i++) {
        w = W[t, i]; gid = t SUBSEP r SUBSEP w
        if (st[gid] == "error") s = "error"
        else if (st[gid] != "ok" || st[t SUBSEP ref SUBSEP w] != "ok") s = "–"
        else s = fmt_pct(med[t SUBSEP ref SUBSEP w] / med[gid])
        line = line " | " s
      }
      print line " |"
    }
    print ""
  }
}

# The decision map of one host section: workload x worker count -> winner.
function print_map(s, h,    i, j, t, n, a, w, line, u, x, c, over_any) {
  n = 0
  for (t = 1; t <= nt; t++) if (tab_sec[t] == s)
    for (i = 1; i <= tab_nw[t]; i++) if (!((s, W[t, i]) in map_hasw)) { map_hasw[s, W[t, i]] = 1; a[++n] = W[t, i] }
  if (n == 0) return
  sortn(a, n)
  print h " Decision map"
  print ""
  line = "| Workload"; u = "|:--"
  for (i = 1; i <= n; i++) {
    over_any = 0
    for (t = 1; t <= nt; t++) if (tab_sec[t] == s && over[t, a[i]]) over_any = 1
    line = line " | " plural(a[i]) (over_any ? "†" : ""); u = u "|:--"
  }
  print line " |"
  print u "|"
  for (j = 1; j <= nt; j++) {
    t = TO[j]
    if (tab_sec[t] != s) continue
    line = "| " md(title(t))
    for (i = 1; i <= n; i++) {
      w = a[i]
      if (!((t, w) in tab_hasw)) c = "–"
      else if (!win[t, w]) c = "error"
      else {
        c = md(label(t, win[t, w]))
        if (win[t, w] != seq_r[t] && base[t] > 0) c = c " " fmt_x(base[t] / win_m[t, w])
        if (run[t, w]) c = c " · +" fmt_util(run_m[t, w] / win_m[t, w] - 1)
        if (win[t, w] == seq_r[t]) c = "**" c "**"
      }
      line = line " | " c
    }
    print line " |"
  }
  print ""
  print "Each cell: the fastest strategy at that worker count (BareThreads left out), its speedup over Sequential and its lead over the runner-up. **Bold**: Sequential wins, so parallelism does not pay there."
  print ""
}

function print_other(s, h,    i, j, gid, line, any) {
  any = 0
  for (i = 1; i <= no; i++) if (oth_sec[i] == s) any = 1
  if (!any) return
  print h " Other benchmarks"
  print ""
  print "| Benchmark | Median | Spread |"
  print "|:--|--:|--:|"
  for (j = 1; j <= no; j++) {
    i = OO[j]
    if (oth_sec[i] != s) continue
    gid = "o" SUBSEP i
    finish(gid)
    line = "| " md(oth_name[i]) " | "
    if (st[gid] == "error") line = line "error: " md(g_err[gid]) " | –"
    else if (st[gid] != "ok") line = line "n/a | –"
    else line = line fmt_time(med[gid]) " | " (cv[gid] >= 0 ? fmt_cv(cv[gid]) : "–")
    print line " |"
  }
  print ""
}

function section_line(s,    line, cpus) {
  line = "Host `" md(sec_host[s]) "`"
  if (sec_cpus[s] != "") {
    line = line ", " sec_cpus[s] " CPUs"
    if (sec_usable[s] != "" && sec_usable[s] != sec_cpus[s]) line = line " (" sec_usable[s] " usable)"
  }
  if (sec_date[s] != "") line = line ", " md(sec_date[s])
  if (sec_build[s] != "") line = line ", " md(sec_build[s]) " build"
  if (sec_rev[s] != "") line = line ", revision " md(sec_rev[s])
  line = line ", from `" md(sec_src[s]) "`."
  if (sec_reps[s] > 1) line = line " " sec_reps[s] " repetitions: times are medians, ± the coefficient of variation."
  print line
  if (sec_build[s] != "" && tolower(sec_build[s]) != "release")
    print "**Warning:** not a release build; its times mislead."
  if (sec_over[s]) {
    cpus = isnum(sec_usable[s]) ? sec_usable[s] : sec_cpus[s]
    print "† more workers than " (cpus != "" ? "the " cpus " usable" : "usable") " CPUs: the workers share cores."
  }
  print ""
}

function tsv(t,    i, j, r, w, gid, x) {
  for (j = 1; j <= tab_nr[t]; j++) for (i = 1; i <= tab_nw[t]; i++) {
    r = R[t, j]; w = W[t, i]; gid = t SUBSEP r SUBSEP w
    if (st[gid] == "") continue
    x = (st[gid] == "ok" && base[t] > 0) ? base[t] / med[gid] : ""
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", clean(sec_host[tab_sec[t]]), clean(sec_src[tab_sec[t]]), clean(tab_wl[t] (tab_x[t] != "" ? " " tab_x[t] : "")), clean(tab_tasks[t]), clean(row_strat[t, r]), clean(row_life[t, r]), clean(label(t, r)), w, (st[gid] == "ok" ? sprintf("%.6g", med[gid]) : ""), (cv[gid] >= 0 ? sprintf("%.4g", cv[gid]) : ""), (x != "" ? sprintf("%.4g", x) : ""), (x != "" ? sprintf("%.4g", x / w) : ""), st[gid], (is_ref(t, r) ? 1 : 0)
  }
}

END {
  if (bad) exit 2
  if (!header_done) { print "is empty" > errfile; exit 2 }
  for (t = 1; t <= nt; t++) prepare(t)
  # Tables by section, workload name and task count; other benchmarks by
  # name: the same input in any order gives the same report.
  for (t = 1; t <= nt; t++) tk[t] = sprintf("%06d\t%s\t%012d\t%s\t%d", tab_sec[t], tab_wl[t], tab_tasks[t], tab_xsort[t], t)
  sorts(tk, nt)
  for (i = 1; i <= nt; i++) TO[i] = last_field(tk[i])
  for (i = 1; i <= no; i++) ok[i] = sprintf("%06d\t%s\t%d", oth_sec[i], oth_name[i], i)
  sorts(ok, no)
  for (i = 1; i <= no; i++) OO[i] = last_field(ok[i])
  if (mode == "tsv") {
    print "host\tsource\tworkload\ttasks\tstrategy\tlife\trow\tworkers\tmedian_ns\tcv\tspeedup\tefficiency\tstate\treference"
    for (i = 1; i <= nt; i++) tsv(TO[i])
    exit 0
  }
  print "# parbench results"
  print ""
  if (ns == 0) { print "No benchmark results in this input."; exit 0 }
  print "Cells: median wall time · speedup over Sequential · efficiency (speedup ÷ workers)" (nreps_any() ? " · spread" : "") ". **Bold**: fastest in its column. See results/README.md."
  print ""
  h2 = (ns > 1) ? "###" : "##"
  for (s = 1; s <= ns; s++) {
    if (ns > 1) { print "## " md(sec_host[s]) " — " md(sec_src[s]); print "" }
    section_line(s)
    print_map(s, h2)
    for (i = 1; i <= nt; i++) if (tab_sec[TO[i]] == s) print_table(TO[i], h2)
    print_other(s, h2)
  }
}
function nreps_any(    s) {
  for (s = 1; s <= ns; s++) if (sec_reps[s] > 1) return 1
  return 0
}
'

main() {
  mode=markdown
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; return 0 ;;
      --tsv) mode=tsv; shift ;;
      --) shift; break ;;
      -) break ;;
      -*) die_usage "unknown option: $1 (try -h)" ;;
      *) break ;;
    esac
  done
  [ $# -le 1 ] || die_usage "one input at most (try -h)"
  need_cmd awk
  make_tmpdir
  input=${1:--}
  read_input "$input"
  # JSON goes through json2csv.sh first; its messages and exit status stand.
  first=$(awk 'match($0, /[^[:space:]]/) { print substr($0, RSTART, 1); exit }' "$PARBENCH_TMP/in")
  if [ "$first" = "{" ] || [ "$first" = "[" ]; then
    if [ "$input" = - ]; then
      sh "$(dirname "$0")/json2csv.sh" <"$PARBENCH_TMP/in" >"$PARBENCH_TMP/csv" || exit
    else
      sh "$(dirname "$0")/json2csv.sh" "$input" >"$PARBENCH_TMP/csv" || exit
    fi
  else
    mv "$PARBENCH_TMP/in" "$PARBENCH_TMP/csv"
  fi
  : >"$PARBENCH_TMP/err"
  status=0
  awk -v mode="$mode" -v required="$REQUIRED" -v errfile="$PARBENCH_TMP/err" \
    "$AWK_PROG" "$PARBENCH_TMP/csv" >"$PARBENCH_TMP/out" || status=$?
  if [ "$status" -eq 2 ]; then
    die_usage "$src $(head -n 1 "$PARBENCH_TMP/err")"
  elif [ "$status" -ne 0 ]; then
    die "awk failed on $src"
  fi
  cat "$PARBENCH_TMP/out"
}

main "$@" || exit 1
