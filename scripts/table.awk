# table.awk: the program of scripts/table.sh. Reads json2csv.sh's CSV and
# prints the Markdown report that results/README.md explains, or with
# -v mode=tsv one tab-separated line per measured cell. Loaded after
# lib/csv.awk, lib/fmt.awk, lib/names.awk and lib/stats.awk, with the
# variables `required` (the columns it needs, blank-separated) and `errfile`
# (where bad input is described: see awk_checked in common.sh).
#
# What it reads is kept in four levels:
#   section s  one host, source file and date: sec_*[s], ns sections
#   table t    one workload, task count and size in a section: tab_*[t],
#              nt tables; its worker counts W[t, 1..tab_nw[t]] and rows
#              R[t, 1..tab_nr[t]] in print order once prepared
#   row r      one strategy, pool life and chunk size in a table:
#              row_*[t, r]
#   group gid  the records of one cell, t SUBSEP r SUBSEP workers, or of one
#              benchmark outside the scheme, "o" SUBSEP i: g_*[gid]
# finish(gid) sums a group up in st[gid] (its state), med[gid] (median, ns),
# cv[gid], cpu[gid] and rss[gid].

# ---- reading ------------------------------------------------------------

{
  nf = csv_read(F)
  if (!header_done) {
    read_header(nf)
    next
  }
  if (nf == 0 || (nf == 1 && F[1] == "")) next
  add_record()
}

# The header row names the columns: col[name] = position.
function read_header(nf,    i, nreq, req) {
  for (i = 1; i <= nf; i++) col[F[i]] = i
  nreq = split(required, req, " ")
  for (i = 1; i <= nreq; i++)
    if (!(req[i] in col)) {
      printf "is not json2csv.sh output: no \"%s\" column\n", req[i] > errfile
      bad = 1
      exit 2
    }
  header_done = 1
}

# The field of the current record in column `name`; "" when there is no
# such column.
function fv(name) {
  return (name in col) ? F[col[name]] : ""
}

# The benchmark's name without an aggregate's _mean, _cv... suffix.
function run_name(    name) {
  name = fv("run_name")
  return name == "" ? fv("name") : name
}

function add_record(    s, gid) {
  s = section_of()
  if (fv("workload") == "" || !is_number(fv("workers"))) gid = other_group(s)
  else gid = cell_group(s)
  add_values(s, gid)
}

# ---- grouping -------------------------------------------------------------

# The section of the current record, made at the first record of its host,
# source and date.
function section_of(    key, s) {
  key = fv("host") SUBSEP fv("source") SUBSEP fv("date")
  if (!(key in sec_id)) {
    s = sec_id[key] = ++ns
    sec_host[s] = fv("host"); sec_src[s] = fv("source"); sec_date[s] = fv("date")
    sec_cpus[s] = fv("num_cpus"); sec_usable[s] = fv("parbench_usable_cpus")
    sec_build[s] = fv("parbench_build_type"); sec_rev[s] = fv("parbench_revision")
    sec_order[s] = fv("parbench_strategies")
    sec_over_list[s] = "," fv("parbench_oversubscribed_workers") ","
    sec_reps[s] = 1
    sec_cpu_count[s] = fv("parbench_cpu_count")
  }
  s = sec_id[key]
  if (is_number(fv("repetitions")) && fv("repetitions") + 0 > sec_reps[s]) sec_reps[s] = fv("repetitions") + 0
  return s
}

# The group of a benchmark outside the scheme: one per name and section.
function other_group(s,    name, key) {
  name = run_name()
  key = s SUBSEP name
  if (!(key in oth_id)) { oth_id[key] = ++no; oth_sec[no] = s; oth_name[no] = name }
  return "o" SUBSEP oth_id[key]
}

# What tells rows of one table apart besides strategy and life: a pool's
# chunk size (the Chunk family, "chunk 125"), its knobs (the Knobs family,
# "spin 0, caller_runs 1"), and the seed's language and API (scripts/seed.sh,
# "lang python, api futures"); "" for none.
function row_qualifier(name,    keys, n, i, v, q) {
  n = split("chunk spin caller_runs lang api", keys, " ")
  q = ""
  for (i = 1; i <= n; i++) {
    v = name_value(name, keys[i])
    if (v != "") q = q (q != "" ? ", " : "") keys[i] " " v
  }
  return q
}

# The group of a cell: its table (workload, tasks, size), its row (strategy,
# life, row_qualifier) and its worker count, each made when first seen.
function cell_group(s,    name, size, qual, key, t, r, w) {
  name = run_name()
  size = name_value(name, "size"); qual = row_qualifier(name)
  key = s SUBSEP fv("workload") SUBSEP fv("tasks") SUBSEP size
  if (!(key in tab_id)) {
    t = tab_id[key] = ++nt
    tab_sec[t] = s; tab_wl[t] = fv("workload"); tab_tasks[t] = fv("tasks")
    tab_x[t] = (size == "") ? "" : "size " size
    tab_nr[t] = 0; tab_nw[t] = 0
  }
  t = tab_id[key]
  key = t SUBSEP fv("strategy") SUBSEP fv("life") SUBSEP qual
  if (!(key in row_id)) {
    r = row_id[key] = ++tab_nr[t]
    row_strat[t, r] = fv("strategy"); row_life[t, r] = fv("life")
    row_x[t, r] = qual
  }
  r = row_id[key]
  w = fv("workers") + 0
  if (!((t, w) in tab_hasw)) { tab_hasw[t, w] = 1; tab_w[t, ++tab_nw[t]] = w }
  return t SUBSEP r SUBSEP w
}

# Files what the current record says about group gid: an error, its
# oversubscription, a repetition's time and CPU (g_v, g_c) or an aggregate.
function add_values(s, gid,    rt, agg, real, tc, k, rss) {
  g_seen[gid] = 1
  if (fv("error") == "1" || fv("error") == "true") {
    if (!(gid in g_err)) g_err[gid] = fv("error_message")
    return
  }
  if (oversubscribed(s)) g_over[gid] = 1
  rt = fv("run_type"); agg = fv("aggregate"); real = fv("real_ns"); tc = fv("total_cpu_s")
  rss = fv("peak_rss_mib")
  if (!is_number(real)) return
  if (rt == "aggregate") {
    if (agg == "median") {
      g_amed[gid] = real + 0
      if (is_number(tc)) g_amedcpu[gid] = tc + 0
      if (is_number(rss)) g_amedrss[gid] = rss + 0
    }
    else if (agg == "cv") g_acv[gid] = real + 0
    else if (agg == "mean") g_amean[gid] = real + 0
    else if (agg == "stddev") g_asd[gid] = real + 0
  } else {
    k = ++g_n[gid]; g_v[gid, k] = real + 0
    if (is_number(tc)) { k = ++g_nc[gid]; g_c[gid, k] = tc + 0 }
    if (is_number(rss)) { k = ++g_nrss[gid]; g_rss[gid, k] = rss + 0 }
  }
}

# Whether the current record ran more workers than section s had usable
# CPUs: its oversubscribed counter when it has one, else the run's context
# key parbench_oversubscribed_workers (the counter is gone from the bench
# since issue 12: its cv aggregate was a bare NaN). Columns beyond
# parbench_usable_cpus are marked as well, in mark_oversubscribed().
function oversubscribed(s,    ov, w) {
  ov = fv("oversubscribed")
  if (is_number(ov)) return ov + 0 > 0
  w = fv("workers")
  return w != "" && index(sec_over_list[s], "," w ",") > 0
}

# ---- statistics -----------------------------------------------------------

# Copies values[gid, 1..n] to a[1..n].
function samples(values, gid, n, a,    i) {
  split("", a)
  for (i = 1; i <= n; i++) a[i] = values[gid, i]
}

# Sums group gid up: st[gid] is "ok", "error", "none" (nothing usable) or ""
# (never measured); med[gid] the median time in ns; cv[gid] the coefficient
# of variation (-1 unknown); cpu[gid] the median total_cpu_s (-1 unknown);
# rss[gid] the median peak_rss_mib (-1 unknown). Repetitions count first;
# aggregates stand in when a file has only those.
function finish(gid,    n, a) {
  if (gid in st) return
  cv[gid] = -1; cpu[gid] = -1; rss[gid] = -1
  if (!(gid in g_seen)) { st[gid] = ""; return }
  if (gid in g_err) { st[gid] = "error"; return }
  n = g_n[gid] + 0
  if (n > 0) {
    samples(g_v, gid, n, a)
    med[gid] = median(a, n)
    if (n >= 2 && mean(a, n) > 0) cv[gid] = stddev(a, n) / mean(a, n)
    if (g_nc[gid] + 0 > 0) {
      samples(g_c, gid, g_nc[gid], a)
      cpu[gid] = median(a, g_nc[gid])
    }
    if (g_nrss[gid] + 0 > 0) {
      samples(g_rss, gid, g_nrss[gid], a)
      rss[gid] = median(a, g_nrss[gid])
    }
  } else if (gid in g_amed) {
    med[gid] = g_amed[gid]
    if (gid in g_acv) cv[gid] = g_acv[gid]
    else if ((gid in g_asd) && g_amean[gid] > 0) cv[gid] = g_asd[gid] / g_amean[gid]
    if (gid in g_amedcpu) cpu[gid] = g_amedcpu[gid]
    if (gid in g_amedrss) rss[gid] = g_amedrss[gid]
  } else if (gid in g_amean) {
    med[gid] = g_amean[gid]
  } else {
    st[gid] = "none"
    return
  }
  st[gid] = (med[gid] > 0) ? "ok" : "none"
}

# ---- each table: columns, rows, baseline, winners --------------------------

function prepare(t) {
  order_columns(t)
  order_rows(t)
  summarise_cells(t)
  find_baseline(t)
  find_winners(t)
  mark_oversubscribed(t)
}

# Worker counts ascending: W[t, 1..tab_nw[t]].
function order_columns(t,    i, n, a) {
  n = tab_nw[t]
  for (i = 1; i <= n; i++) a[i] = tab_w[t, i]
  sort_numbers(a, n)
  for (i = 1; i <= n; i++) W[t, i] = a[i]
}

# Rows in a fixed order, whatever order the runs came in (random
# interleaving shuffles them): by rank(), then by name, cold before warm,
# then by chunk size or knobs: R[t, 1..tab_nr[t]].
function order_rows(t,    r, n, key, ord) {
  n = tab_nr[t]
  for (r = 1; r <= n; r++)
    key[r] = sprintf("%03d\t%s\t%s\t%s", rank(tab_sec[t], row_strat[t, r]), row_strat[t, r],
                     row_life[t, r], pad_numbers(row_x[t, r]))
  sort_order(key, n, ord)
  for (r = 1; r <= n; r++) R[t, r] = ord[r]
}

# A strategy's place in the tables of section s: its position in the run's
# parbench_strategies context key (the bench's own order); strategies not
# listed come after those, by name; BareThreads, the ceiling, comes last.
function rank(s, strategy,    list, names, n, i) {
  if (strategy == "BareThreads") return 999
  list = sec_order[s]
  gsub(/[ \t]/, "", list)
  # For runs made before 2026-11-26, whose bench did not write
  # parbench_strategies: the order the tables have always had.
  if (list == "") list = "Sequential,ThreadPool,ProcessPool,ThreadPerTask,ProcessPerTask,EventLoop,OpenMp"
  n = split(list, names, ",")
  for (i = 1; i <= n; i++) if (names[i] == strategy) return i
  return 900
}

function summarise_cells(t,    i, j) {
  for (i = 1; i <= tab_nw[t]; i++)
    for (j = 1; j <= tab_nr[t]; j++) finish(t SUBSEP R[t, j] SUBSEP W[t, i])
}

# The baseline: Sequential at its smallest worker count that ran cleanly.
# Sets seq_r[t] (Sequential's row, 0 none), base[t] (its median, 0 none),
# base_w[t], base_cpu[t] and base_cv[t].
function find_baseline(t,    i, r, gid) {
  seq_r[t] = 0; base[t] = 0; base_cpu[t] = -1; base_cv[t] = -1
  for (r = 1; r <= tab_nr[t] && !seq_r[t]; r++) if (is_seq(t, r)) seq_r[t] = r
  if (!seq_r[t]) return
  for (i = 1; i <= tab_nw[t] && !base[t]; i++) {
    gid = t SUBSEP seq_r[t] SUBSEP W[t, i]
    if (st[gid] == "ok") { base[t] = med[gid]; base_cpu[t] = cpu[gid]; base_cv[t] = cv[gid]; base_w[t] = W[t, i] }
  }
}

# Per worker count w: best_r[t, w], the row of the fastest cell shown; and
# win[t, w] and run[t, w], the rows of the winner and runner-up of all
# strategies (Sequential counted at every worker count, BareThreads never),
# with their medians win_m[t, w] and run_m[t, w]. 0: none.
function find_winners(t,    i, j, r, w, gid, best, bm, cand, m) {
  for (i = 1; i <= tab_nw[t]; i++) {
    w = W[t, i]; best = 0; bm = 0
    win[t, w] = 0; win_m[t, w] = 0; run[t, w] = 0; run_m[t, w] = 0
    for (j = 1; j <= tab_nr[t]; j++) {
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
}

# over[t, w] for columns with more workers than usable CPUs (the run's
# usable CPUs, else num_cpus, or a record saying so); sec_over[s] when a
# section has any.
function mark_oversubscribed(t,    i, j, s, w, ncpu) {
  s = tab_sec[t]
  ncpu = is_number(sec_usable[s]) ? sec_usable[s] + 0 : (is_number(sec_cpus[s]) ? sec_cpus[s] + 0 : 0)
  for (i = 1; i <= tab_nw[t]; i++) {
    w = W[t, i]
    if (ncpu > 0 && w > ncpu) over[t, w] = 1
    for (j = 1; j <= tab_nr[t]; j++) if ((t SUBSEP R[t, j] SUBSEP w) in g_over) over[t, w] = 1
    if (over[t, w]) sec_over[s] = 1
  }
}

function is_ref(t, r) { return row_strat[t, r] == "BareThreads" }
function is_seq(t, r) { return row_strat[t, r] == "Sequential" }

# ---- pieces of the Markdown ------------------------------------------------

# A row's name: "ThreadPool (warm)", "ProcessPool (warm, chunk 125)".
function label(t, r,    s) {
  s = row_strat[t, r]
  if (row_life[t, r] != "" || row_x[t, r] != "")
    s = s " (" row_life[t, r] (row_life[t, r] != "" && row_x[t, r] != "" ? ", " : "") row_x[t, r] ")"
  return s
}
function rowname(t, r) {
  return md_cell(label(t, r)) (is_ref(t, r) ? " (ceiling)" : "")
}
function title(t) {
  return tab_wl[t] (tab_tasks[t] != "" ? ", " tab_tasks[t] " tasks" : "") (tab_x[t] != "" ? ", " tab_x[t] : "")
}
function whead(t, w) { return fmt_workers(w) (over[t, w] ? "†" : "") }
function header_row(t, first,    i, s, u) {
  s = "| " first; u = "|:--"
  for (i = 1; i <= tab_nw[t]; i++) { s = s " | " whead(t, W[t, i]); u = u "|--:" }
  print s " |"
  print u "|"
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

# ---- one table's sections ---------------------------------------------------

function print_table(t, h) {
  print_main(t, h)
  if (base[t] <= 0) print "- No clean Sequential run here: speedups need one."
  print_fastest(t)
  print_first_pays(t)
  print_errors(t)
  print ""
  print_cpu_use(t)
  print_karp_flatt(t)
  print_ceiling(t)
  print_memory(t)
  print_scaling_fit(t)
  print_cost_model(t)
  print_break_even(t)
}

function print_main(t, h,    i, j, r, line) {
  print h " " md_cell(title(t))
  print ""
  header_row(t, "Strategy")
  for (j = 1; j <= tab_nr[t]; j++) {
    r = R[t, j]
    line = "| " rowname(t, r)
    for (i = 1; i <= tab_nw[t]; i++) line = line " | " cell(t, r, W[t, i])
    print line " |"
  }
  print ""
}

# The winner per worker count, its speedup and its lead.
function print_fastest(t,    i, w, s, line, sep) {
  line = ""; sep = ""
  for (i = 1; i <= tab_nw[t]; i++) {
    w = W[t, i]
    if (!win[t, w]) continue
    s = fmt_workers(w) ": " md_cell(label(t, win[t, w]))
    if (win[t, w] == seq_r[t]) s = s ", " fmt_time(win_m[t, w])
    else if (base[t] > 0) s = s ", " fmt_x(base[t] / win_m[t, w])
    if (run[t, w]) s = s ", " fmt_util(run_m[t, w] / win_m[t, w] - 1) " ahead of " md_cell(label(t, run[t, w]))
    line = line sep s; sep = "; "
  }
  if (line != "") print "- **Fastest:** " line "."
}

# Where each parallel strategy first beats Sequential; the headline counts
# only a win beyond the noise (the two spreads added).
function print_first_pays(t,    i, j, r, w, gid, x, s, bx, bw, first, noisy, line, sep) {
  if (base[t] <= 0) return
  first = 0; line = ""; sep = ""
  for (j = 1; j <= tab_nr[t]; j++) {
    r = R[t, j]
    if (is_seq(t, r) || is_ref(t, r)) continue
    s = ""; bx = 0; bw = 0
    for (i = 1; i <= tab_nw[t]; i++) {
      w = W[t, i]; gid = t SUBSEP r SUBSEP w
      if (st[gid] != "ok") continue
      x = base[t] / med[gid]
      if (x > bx) { bx = x; bw = w }
      if (x > 1 && s == "") {
        s = md_cell(label(t, r)) " at " fmt_workers(w) " (" fmt_x(x)
        noisy = cv[gid] >= 0 && base_cv[t] >= 0 && x - 1 <= cv[gid] + base_cv[t]
        if (noisy) s = s ", within noise"
        s = s ")"
        if (!noisy && (!first || w < first)) first = w
      }
    }
    if (s == "" && bw) s = md_cell(label(t, r)) " never (best " fmt_x(bx) " at " fmt_workers(bw) ")"
    if (s == "") s = md_cell(label(t, r)) " never ran cleanly"
    line = line sep s; sep = "; "
  }
  if (line == "") return
  if (first) print "- **Parallelism first pays at " fmt_workers(first) ".** Per strategy: " line "."
  else print "- **No parallel strategy beats Sequential beyond the noise here.** " line "."
}

function print_errors(t,    i, j, gid, line, sep) {
  line = ""; sep = ""
  for (j = 1; j <= tab_nr[t]; j++) for (i = 1; i <= tab_nw[t]; i++) {
    gid = t SUBSEP R[t, j] SUBSEP W[t, i]
    if (st[gid] != "error") continue
    line = line sep md_cell(label(t, R[t, j])) " at " fmt_workers(W[t, i]) ": " md_cell(g_err[gid]); sep = "; "
  }
  if (line != "") print "- **Errors** (never counted as results): " line "."
}

# CPU use, where the runs report total_cpu_s: how busy the workers were, and
# the CPU of the whole run relative to Sequential's.
function print_cpu_use(t,    i, j, r, w, gid, any, s, line) {
  any = 0
  for (j = 1; j <= tab_nr[t]; j++) for (i = 1; i <= tab_nw[t]; i++)
    if (cpu[t SUBSEP R[t, j] SUBSEP W[t, i]] >= 0) any = 1
  if (!any) return
  print "**CPU use** (total CPU ÷ (wall time × workers) · total CPU relative to Sequential):"
  print ""
  header_row(t, "Strategy")
  for (j = 1; j <= tab_nr[t]; j++) {
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

# The Karp-Flatt serial fraction e = (1/S - 1/p) / (1 - 1/p), for p > 1.
function print_karp_flatt(t,    i, j, r, p, gid, any, x, s, u, line) {
  any = 0
  for (i = 1; i <= tab_nw[t]; i++) if (W[t, i] > 1) any = 1
  if (!any || base[t] <= 0) return
  print "**Karp–Flatt serial fraction** e = (1/S − 1/p) ÷ (1 − 1/p) (lower is better; rising with p means growing overhead):"
  print ""
  s = "| Strategy"; u = "|:--"
  for (i = 1; i <= tab_nw[t]; i++) if (W[t, i] > 1) { s = s " | p = " W[t, i] (over[t, W[t, i]] ? "†" : ""); u = u "|--:" }
  print s " |"
  print u "|"
  for (j = 1; j <= tab_nr[t]; j++) {
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
        s = sprintf("%.3f", (1 / x - 1 / p) / (1 - 1 / p))
      }
      line = line " | " s
    }
    print line " |"
  }
  print ""
}

# Each strategy's share of the BareThreads ceiling at the same worker count.
function print_ceiling(t,    i, j, r, w, gid, ref, s, line) {
  ref = 0
  for (j = 1; j <= tab_nr[t]; j++) if (is_ref(t, R[t, j])) ref = R[t, j]
  if (!ref || tab_nr[t] <= 1) return
  print "**Share of the BareThreads ceiling** (BareThreads time ÷ strategy time at the same worker count; 100 % = as fast as bare threads):"
  print ""
  header_row(t, "Strategy")
  for (j = 1; j <= tab_nr[t]; j++) {
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

# Peak resident memory (peak_rss_mib: the calling process plus every worker
# process), where the runs report it.
function print_memory(t,    i, j, r, w, gid, any, s, line) {
  any = 0
  for (j = 1; j <= tab_nr[t]; j++) for (i = 1; i <= tab_nw[t]; i++)
    if (rss[t SUBSEP R[t, j] SUBSEP W[t, i]] >= 0) any = 1
  if (!any) return
  print "**Peak memory** (resident MiB at the high-water mark: the calling process plus every worker process):"
  print ""
  header_row(t, "Strategy")
  for (j = 1; j <= tab_nr[t]; j++) {
    r = R[t, j]; line = "| " rowname(t, r)
    for (i = 1; i <= tab_nw[t]; i++) {
      w = W[t, i]; gid = t SUBSEP r SUBSEP w
      if (st[gid] == "error") s = "error"
      else if (rss[gid] < 0) s = "–"
      else s = sprintf(rss[gid] < 9.95 ? "%.1f MiB" : "%.0f MiB", rss[gid])
      line = line " | " s
    }
    print line " |"
  }
  print ""
}

# ---- from measurements to predictions (lib/model.awk) ---------------------

# The usable CPUs of section s (num_cpus for runs without the context key),
# 0 when unknown.
function usable_cpus(s) {
  if (is_number(sec_usable[s])) return sec_usable[s] + 0
  return is_number(sec_cpus[s]) ? sec_cpus[s] + 0 : 0
}

# The median (ns) of a cell, -1 when it did not run cleanly.
function cell_median(t, r, w,    gid) {
  gid = t SUBSEP r SUBSEP w
  finish(gid)
  return st[gid] == "ok" ? med[gid] : -1
}

# Sets USL_* (see usl_fit) for row r of table t from its speedups relative
# to its own 1-worker time, C(N) = T(1) ÷ T(N), at the worker counts <=
# the usable CPUs (oversubscribed counts measure sharing, not scaling).
# Returns 1 on a fit; else 0 with FIT_WHY saying why. FIT_SCALE: the
# 1-worker speedup over Sequential, which turns C into a speedup.
function fit_row(t, r,    i, w, n, N, C, t1, m, ncpu, used) {
  FIT_WHY = ""; FIT_SCALE = ""
  ncpu = usable_cpus(tab_sec[t])
  t1 = cell_median(t, r, 1)
  n = 0; used = ""
  for (i = 1; i <= tab_nw[t]; i++) {
    w = W[t, i]
    if (ncpu > 0 && w > ncpu) continue
    if (st[t SUBSEP r SUBSEP w] != "ok") continue
    n++; N[n] = w; used = used (used == "" ? "" : ", ") w
  }
  if (n < model_min_points()) {
    FIT_WHY = "needs ≥ " model_min_points() " worker counts ≤ usable CPUs" (used == "" ? "" : "; here " used)
    return 0
  }
  if (t1 <= 0) { FIT_WHY = "no clean run at 1 worker"; return 0 }
  for (i = 1; i <= n; i++) C[i] = t1 / cell_median(t, r, N[i])
  if (!usl_fit(N, C, n)) { FIT_WHY = "the points do not determine σ and κ"; return 0 }
  if (base[t] > 0) FIT_SCALE = base[t] / t1
  return 1
}

# Amdahl's serial fraction and the Universal Scalability Law per strategy.
function print_scaling_fit(t,    j, r, any, line, nm, why) {
  if (tab_x[t] != "" || base[t] <= 0) return
  any = 0; why = ""
  for (j = 1; j <= tab_nr[t]; j++) {
    r = R[t, j]
    if (is_seq(t, r) || is_ref(t, r)) continue
    if (fit_row(t, r)) any = 1
    else if (why == "") why = FIT_WHY
  }
  if (!any) {
    if (why != "") print "- **Scaling fit** (Amdahl, USL): no fit (" why ")."
    print ""
    return
  }
  print "**Scaling fit** at worker counts ≤ usable CPUs, on each strategy's speedup over its own 1-worker time: Amdahl's serial fraction σ, the USL's C(N) = N ÷ (1 + σ(N−1) + κN(N−1)), its peak N_max = √((1−σ)/κ), and the fit's RMS error against the measured speedups:"
  print ""
  print "| Strategy | Amdahl σ | USL σ | USL κ | N_max | fit error |"
  print "|:--|--:|--:|--:|--:|--:|"
  for (j = 1; j <= tab_nr[t]; j++) {
    r = R[t, j]
    if (is_seq(t, r) || is_ref(t, r)) continue
    line = "| " rowname(t, r) " | "
    if (!fit_row(t, r)) line = line "no fit (" FIT_WHY ") | | | | |"
    else {
      nm = usl_nmax(USL_SIGMA, USL_KAPPA)
      line = line sprintf("%.4f | %.4f | %.5f | %s | %s |", AMDAHL_SIGMA, USL_SIGMA, USL_KAPPA,
                          (nm == "" ? "none (κ ≤ 0)" : sprintf("%.1f", nm)), fmt_util(USL_RMS))
    }
    print line
  }
  print ""
}

# The medians of section s's benchmarks outside the scheme whose names start
# with `prefix` and contain `need` (when not ""), against their workers:
# X[1..m] ascending, Y[1..m] in ns, divided by the name's batch:B when it
# has one (per task, or per chunk of one task). Returns m. A prefix that
# ends a strategy ("Overhead/PerTask/ProcessPool/") does not take another
# transport's rows ("…/ProcessPool/shm/…", names.awk's name_is_transport),
# whose points would sit on the same workers.
function other_curve(s, prefix, need, X, Y,    i, j, m, name, w, v, b, kx, ky, next_c) {
  m = 0
  split("", X); split("", Y)
  for (i = 1; i <= no; i++) {
    if (oth_sec[i] != s) continue
    name = oth_name[i]
    if (index(name, prefix) != 1 || (need != "" && index(name, need) == 0)) continue
    next_c = substr(name, length(prefix) + 1)
    sub(/\/.*/, "", next_c)
    if (substr(prefix, length(prefix)) == "/" && name_is_transport(next_c)) continue
    w = name_value(name, "workers")
    if (!is_number(w)) continue
    finish("o" SUBSEP i)
    if (st["o" SUBSEP i] != "ok") continue
    v = med["o" SUBSEP i]
    b = name_value(name, "batch")
    if (is_number(b) && b > 0) v = v / b
    m++; X[m] = w + 0; Y[m] = v
  }
  for (i = 2; i <= m; i++) {
    kx = X[i]; ky = Y[i]
    for (j = i - 1; j >= 1 && X[j] > kx; j--) { X[j + 1] = X[j]; Y[j + 1] = Y[j] }
    X[j + 1] = kx; Y[j + 1] = ky
  }
  return m
}

# The median of a benchmark outside the scheme, by its full name; -1 none.
function other_median(s, name,    key) {
  key = s SUBSEP name
  if (!(key in oth_id)) return -1
  finish("o" SUBSEP oth_id[key])
  return st["o" SUBSEP oth_id[key]] == "ok" ? med["o" SUBSEP oth_id[key]] : -1
}

# The machine's ceiling at n workers in section s: BareThreads' speedup over
# Sequential in the Cpu table (at n, or else at min(n, usable CPUs)), at most
# min(n, usable CPUs) (more is noise); min(n, usable CPUs) where BareThreads
# did not run. Beyond the usable CPUs it is also at most the ceiling at
# their count: more threads than CPUs can lose (they take turns) but not
# gain, so a higher figure there is noise too.
function ceiling_at(s, n,    t, j, r, k, b1, bn, bk, ncpu, c) {
  ncpu = usable_cpus(s)
  k = (ncpu > 0 && n > ncpu) ? ncpu : n
  for (t = 1; t <= nt; t++) {
    if (tab_sec[t] != s || tab_wl[t] != "Cpu" || tab_x[t] != "") continue
    for (j = 1; j <= tab_nr[t]; j++) {
      r = R[t, j]
      if (!is_ref(t, r)) continue
      b1 = base[t]; bn = cell_median(t, r, n)
      if (bn <= 0) bn = cell_median(t, r, k)
      if (b1 <= 0 || bn <= 0) continue
      c = (b1 / bn < k) ? b1 / bn : k
      bk = (k < n) ? cell_median(t, r, k) : 0
      if (bk > 0 && b1 / bk < c) c = b1 / bk
      return c
    }
  }
  return k
}

# Whether table t holds work that keeps a CPU busy (the cost model is for
# that): Sequential kept at least 90 % of a CPU busy (IoFile, waiting on
# the disk, keeps 60 %); for runs without CPU
# counters, the Cpu, Memory and Compress workloads.
function cpu_bound(t) {
  if (base[t] <= 0) return 0
  if (base_cpu[t] > 0) return base_cpu[t] >= 0.9 * base[t] / 1e9
  return tab_wl[t] == "Cpu" || tab_wl[t] == "Memory" || tab_wl[t] == "Compress"
}

# The cost model's parameters for row r of table t at w workers, from the
# Overhead and Floor families of the same run: MP_CEIL (effective workers),
# MP_RULE (model_chunk's rule), MP_FIXED0 + MP_FIXED1 × tasks (start-up and
# a pool's round trip, ns), MP_DISPATCH (ns per chunk). Returns 0 when the
# strategy has no model or its overheads were not measured (MP_WHY).
function model_params(t, r, w,    s, strat, life, k, m, X, Y, v, ncpu, prefix) {
  s = tab_sec[t]; strat = row_strat[t, r]; life = row_life[t, r]
  ncpu = usable_cpus(s)
  k = (ncpu > 0 && w > ncpu) ? ncpu : w
  MP_CEIL = ceiling_at(s, w); MP_RULE = "default"
  MP_FIXED0 = 0; MP_FIXED1 = 0; MP_DISPATCH = 0; MP_WHY = ""
  # ProcessPool/shm (a transport of its own) reads its own overhead rows.
  if (strat == "ThreadPool" || strat == "ProcessPool" || strat == "ProcessPool/shm") {
    v = other_median(s, "Overhead/RoundTrip/" strat "/workers:1/real_time")
    if (v > 0) MP_FIXED0 = v
    # A pool started in the timing: cold, or by the spawn launch (its own
    # start and stop, through the fork server).
    if (life == "cold" || life == "spawn") {
      m = other_curve(s, "Overhead/StartStop/" strat (life == "spawn" ? "/spawn" : "") "/workers:", "", X, Y)
      if (!m) { MP_WHY = "no Overhead/StartStop"; return 0 }
      MP_FIXED0 += interp_linear(X, Y, m, w)
    }
    m = other_curve(s, "Overhead/PerTask/" strat "/", "/chunk:1/", X, Y)
    if (!m) { MP_WHY = "no Overhead/PerTask"; return 0 }
    MP_DISPATCH = interp_linear(X, Y, m, k)
  } else if (strat == "ThreadPerTask" || strat == "ProcessPerTask") {
    MP_RULE = "per-task"
    prefix = (strat == "ThreadPerTask") ? "Floor/ThreadCreateJoin/workers:" : "Overhead/ProcessStart/" (life == "spawn" ? "spawn" : "fork") "/workers:"
    m = other_curve(s, prefix, "", X, Y)
    if (!m) { MP_WHY = "no " prefix; return 0 }
    MP_FIXED0 = interp_linear(X, Y, m, 0); MP_FIXED1 = interp_linear(X, Y, m, 1) - MP_FIXED0
  } else if (strat == "OpenMp") {
    # One parallel region: the time of a region of empty tasks.
    MP_RULE = "block"
    m = other_curve(s, "Overhead/PerTask/OpenMp/", "", X, Y)
    if (m) MP_FIXED0 = interp_linear(X, Y, m, k) * name_batch(s, "Overhead/PerTask/OpenMp/")
  } else if (strat == "EventLoop") {
    # CPU-bound tasks run one after another on the loop's thread.
    MP_RULE = "per-task"; MP_CEIL = 1
  } else {
    MP_WHY = "no model for " strat
    return 0
  }
  return 1
}

# Whether section s ran the Overhead family the cost model draws on.
function has_overheads(s,    i) {
  for (i = 1; i <= no; i++) if (oth_sec[i] == s && index(oth_name[i], "Overhead/") == 1) return 1
  return 0
}

# The batch:B of the first benchmark of section s named prefix...; 1 none.
function name_batch(s, prefix,    i, b) {
  for (i = 1; i <= no; i++)
    if (oth_sec[i] == s && index(oth_name[i], prefix) == 1) {
      b = name_value(oth_name[i], "batch")
      return is_number(b) ? b + 0 : 1
    }
  return 1
}

# The model's time for row r of table t at w workers; -1 when none.
function predicted(t, r, w,    T, chunk) {
  if (!model_params(t, r, w)) return -1
  T = tab_tasks[t] + 0
  chunk = model_chunk(MP_RULE, T, w)
  return model_time(base[t] / T, T, w, MP_CEIL, chunk, MP_FIXED0 + MP_FIXED1 * T, MP_DISPATCH)
}

# Predicted next to measured for every cell of a CPU-bound table, the error
# of each, the misses beyond 25 % and the median absolute error.
function print_cost_model(t,    i, j, r, w, gid, p, e, line, s, n, errs, miss, ae) {
  if (tab_x[t] != "" || !is_number(tab_tasks[t]) || !cpu_bound(t)) return
  if (!has_overheads(tab_sec[t])) {
    print "- **Cost model:** needs the Overhead and Floor families in the same run; this one has none."
    print ""
    return
  }
  print "**Cost model** (predicted · measured · error): Sequential's time ÷ the effective workers (BareThreads' speedup), plus start-up (cold pools, a thread or process per task) and a pool's round trip, plus dispatch per chunk, all from this run's Overhead and Floor families; **miss**: off by more than 25 %:"
  print ""
  header_row(t, "Strategy")
  n = 0; miss = 0
  for (j = 1; j <= tab_nr[t]; j++) {
    r = R[t, j]
    if (is_seq(t, r) || is_ref(t, r)) continue
    line = "| " rowname(t, r)
    for (i = 1; i <= tab_nw[t]; i++) {
      w = W[t, i]; gid = t SUBSEP r SUBSEP w
      p = predicted(t, r, w)
      if (p < 0) s = (MP_WHY != "" ? md_cell(MP_WHY) : "–")
      else if (st[gid] != "ok") s = fmt_time(p) " · –"
      else {
        e = p / med[gid] - 1
        ae = e < 0 ? -e : e
        errs[++n] = ae
        s = fmt_time(p) " · " fmt_time(med[gid]) " · " sprintf("%+.0f %%", 100 * e)
        if (ae > 0.25) { s = s " **miss**"; miss++ }
      }
      line = line " | " s
    }
    print line " |"
  }
  print ""
  if (n) print "- **Median absolute error:** " fmt_util(median(errs, n)) " over " n " cells; " miss " miss by more than 25 %."
  print ""
}

# Where each strategy starts to pay, by the cost model: the task time s with
# model time = tasks × s (Sequential's), at this table's task count; for the
# Cpu workload also in counting steps (parbench_cpu_count ÷ a task's time).
function print_break_even(t,    i, j, r, w, T, b, line, s, rate) {
  if (tab_x[t] != "" || !is_number(tab_tasks[t]) || !cpu_bound(t) || !has_overheads(tab_sec[t])) return
  T = tab_tasks[t] + 0
  rate = (tab_wl[t] == "Cpu" && is_number(sec_cpu_count[tab_sec[t]])) ? sec_cpu_count[tab_sec[t]] / (base[t] / T) : 0
  print "**Break-even task time** by the cost model (the task time from which the strategy beats Sequential at " T " tasks" (rate ? "; ≈ counting steps, at this run's " sprintf("%.3g", rate) " steps per ns" : "") "):"
  print ""
  header_row(t, "Strategy")
  for (j = 1; j <= tab_nr[t]; j++) {
    r = R[t, j]
    if (is_seq(t, r) || is_ref(t, r)) continue
    line = "| " rowname(t, r)
    for (i = 1; i <= tab_nw[t]; i++) {
      w = W[t, i]
      if (!model_params(t, r, w)) s = "–"
      else {
        b = model_break_even(T, w, MP_CEIL, model_chunk(MP_RULE, T, w), MP_FIXED0 + MP_FIXED1 * T, MP_DISPATCH)
        if (b < 0) s = "never"
        else s = fmt_time(b) (rate ? sprintf(" (≈ %.2g steps)", b * rate) : "")
      }
      line = line " | " s
    }
    print line " |"
  }
  print ""
}

# ---- a section's parts ------------------------------------------------------

# The line about the run, its warnings and the † note.
function print_section_line(s,    line, cpus) {
  line = "Host `" md_cell(sec_host[s]) "`"
  if (sec_cpus[s] != "") {
    line = line ", " sec_cpus[s] " CPUs"
    if (sec_usable[s] != "" && sec_usable[s] != sec_cpus[s]) line = line " (" sec_usable[s] " usable)"
  }
  if (sec_date[s] != "") line = line ", " md_cell(sec_date[s])
  if (sec_build[s] != "") line = line ", " md_cell(sec_build[s]) " build"
  if (sec_rev[s] != "") line = line ", revision " md_cell(sec_rev[s])
  line = line ", from `" md_cell(sec_src[s]) "`."
  if (sec_reps[s] > 1) line = line " " sec_reps[s] " repetitions: times are medians, ± the coefficient of variation."
  print line
  if (sec_build[s] != "" && tolower(sec_build[s]) != "release")
    print "**Warning:** not a release build; its times mislead."
  if (sec_over[s]) {
    cpus = is_number(sec_usable[s]) ? sec_usable[s] : sec_cpus[s]
    print "† more workers than " (cpus != "" ? "the " cpus " usable" : "usable") " CPUs: the workers share cores."
  }
  print ""
}

# The decision map of section s: workload × worker count -> the winner.
function print_map(s, h,    i, j, t, n, a, w, line, u, c, over_any) {
  n = 0
  for (t = 1; t <= nt; t++) if (tab_sec[t] == s)
    for (i = 1; i <= tab_nw[t]; i++) if (!((s, W[t, i]) in map_hasw)) { map_hasw[s, W[t, i]] = 1; a[++n] = W[t, i] }
  if (n == 0) return
  sort_numbers(a, n)
  print h " Decision map"
  print ""
  line = "| Workload"; u = "|:--"
  for (i = 1; i <= n; i++) {
    over_any = 0
    for (t = 1; t <= nt; t++) if (tab_sec[t] == s && over[t, a[i]]) over_any = 1
    line = line " | " fmt_workers(a[i]) (over_any ? "†" : ""); u = u "|:--"
  }
  print line " |"
  print u "|"
  for (j = 1; j <= nt; j++) {
    t = TO[j]
    if (tab_sec[t] != s) continue
    line = "| " md_cell(title(t))
    for (i = 1; i <= n; i++) {
      w = a[i]
      if (!((t, w) in tab_hasw)) c = "–"
      else if (!win[t, w]) c = "error"
      else {
        c = md_cell(label(t, win[t, w]))
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

# Benchmarks outside the scheme, by name: median and spread.
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
    line = "| " md_cell(oth_name[i]) " | "
    if (st[gid] == "error") line = line "error: " md_cell(g_err[gid]) " | –"
    else if (st[gid] != "ok") line = line "n/a | –"
    else line = line fmt_time(med[gid]) " | " (cv[gid] >= 0 ? fmt_cv(cv[gid]) : "–")
    print line " |"
  }
  print ""
}

# ---- the whole report ---------------------------------------------------------

# Tables by section, workload, task count and size (TO[]); other benchmarks
# by section and name (OO[]): the same input in any order gives the same
# report.
function order_tables(    t, i, key) {
  for (t = 1; t <= nt; t++)
    key[t] = sprintf("%06d\t%s\t%012d\t%s", tab_sec[t], tab_wl[t], tab_tasks[t], pad_numbers(tab_x[t]))
  sort_order(key, nt, TO)
  split("", key)
  for (i = 1; i <= no; i++) key[i] = sprintf("%06d\t%s", oth_sec[i], oth_name[i])
  sort_order(key, no, OO)
}

function any_repetitions(    s) {
  for (s = 1; s <= ns; s++) if (sec_reps[s] > 1) return 1
  return 0
}

function print_report(    s, i, h) {
  print "# parbench results"
  print ""
  if (ns == 0) { print "No benchmark results in this input."; return }
  print "Cells: median wall time · speedup over Sequential · efficiency (speedup ÷ workers)" (any_repetitions() ? " · spread" : "") ". **Bold**: fastest in its column. See results/README.md."
  print ""
  h = (ns > 1) ? "###" : "##"
  for (s = 1; s <= ns; s++) {
    if (ns > 1) { print "## " md_cell(sec_host[s]) " — " md_cell(sec_src[s]); print "" }
    print_section_line(s)
    print_map(s, h)
    for (i = 1; i <= nt; i++) if (tab_sec[TO[i]] == s) print_table(TO[i], h)
    print_other(s, h)
  }
}

# --tsv: one line per measured cell, for plot.sh and crossover.sh: after the
# cell, whether its worker count is oversubscribed, and its row's USL fit
# (σ, κ, and the 1-worker speedup over Sequential that scales C(N) to a
# speedup; empty without a fit).
function print_tsv(    k, t, i, j, r, w, gid, x, fit) {
  print "host\tsource\tworkload\ttasks\tstrategy\tlife\trow\tworkers\tmedian_ns\tcv\tspeedup\tefficiency\tstate\treference\toversubscribed\tfit_sigma\tfit_kappa\tfit_scale"
  for (k = 1; k <= nt; k++) {
    t = TO[k]
    for (j = 1; j <= tab_nr[t]; j++) {
      r = R[t, j]
      fit = "\t\t"
      if (!is_seq(t, r) && !is_ref(t, r) && tab_x[t] == "" && fit_row(t, r) && FIT_SCALE != "")
        fit = sprintf("%.6g\t%.6g\t%.6g", USL_SIGMA, USL_KAPPA, FIT_SCALE)
      for (i = 1; i <= tab_nw[t]; i++) print_tsv_cell(t, r, W[t, i], fit)
    }
  }
}

function print_tsv_cell(t, r, w, fit,    gid, x) {
  gid = t SUBSEP r SUBSEP w
  if (st[gid] == "") return
  x = (st[gid] == "ok" && base[t] > 0) ? base[t] / med[gid] : ""
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", one_line(sec_host[tab_sec[t]]),
    one_line(sec_src[tab_sec[t]]), one_line(tab_wl[t] (tab_x[t] != "" ? " " tab_x[t] : "")),
    one_line(tab_tasks[t]), one_line(row_strat[t, r]), one_line(row_life[t, r]), one_line(label(t, r)), w,
    (st[gid] == "ok" ? sprintf("%.6g", med[gid]) : ""), (cv[gid] >= 0 ? sprintf("%.4g", cv[gid]) : ""),
    (x != "" ? sprintf("%.4g", x) : ""), (x != "" ? sprintf("%.4g", x / w) : ""), st[gid], (is_ref(t, r) ? 1 : 0),
    (over[t, w] ? 1 : 0), fit
}

# --model: the cost model's parameters per cell (see model_params), for
# advise.sh: the cell, Sequential's time and spread, whether it is modelled,
# then ceiling, chunk rule, fixed0, fixed_per_task, dispatch, and the usable
# CPUs.
function print_model(    k, t, i, j, r, w, gid, ok) {
  print "host\tsource\tworkload\ttasks\tstrategy\tlife\trow\tworkers\tmedian_ns\tcv\tbase_ns\tbase_cv\tmodelled\tceiling\trule\tfixed0\tfixed_per_task\tdispatch\tusable"
  for (k = 1; k <= nt; k++) {
    t = TO[k]
    if (tab_x[t] != "" || base[t] <= 0) continue
    for (j = 1; j <= tab_nr[t]; j++) for (i = 1; i <= tab_nw[t]; i++) {
      r = R[t, j]; w = W[t, i]; gid = t SUBSEP r SUBSEP w
      if (st[gid] != "ok" || is_ref(t, r)) continue
      ok = is_seq(t, r) ? 0 : model_params(t, r, w)
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.6g\t%s\t%.6g\t%s\t%d\t%.6g\t%s\t%.6g\t%.6g\t%.6g\t%s\n",
        one_line(sec_host[tab_sec[t]]), one_line(sec_src[tab_sec[t]]), one_line(tab_wl[t]), tab_tasks[t],
        one_line(row_strat[t, r]), one_line(row_life[t, r]), one_line(label(t, r)), w, med[gid],
        (cv[gid] >= 0 ? sprintf("%.4g", cv[gid]) : ""), base[t], (base_cv[t] >= 0 ? sprintf("%.4g", base_cv[t]) : ""),
        ok, (ok ? MP_CEIL : 1), (ok ? MP_RULE : ""), (ok ? MP_FIXED0 : 0), (ok ? MP_FIXED1 : 0), (ok ? MP_DISPATCH : 0),
        usable_cpus(tab_sec[t])
    }
  }
}

END {
  if (bad) exit 2
  if (!header_done) { print "is empty" > errfile; exit 2 }
  for (t = 1; t <= nt; t++) prepare(t)
  order_tables()
  if (mode == "tsv") print_tsv()
  else if (mode == "model") print_model()
  else print_report()
}
