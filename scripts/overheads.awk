# overheads.awk: the program of scripts/overheads.sh. Reads one line per
# record of the Overhead and Floor families (tab-separated: name without
# /real_time, run_type, aggregate, real_ns, bytes_per_second, error, message,
# label) and prints each overhead beside its floor, and the Memory kernel
# beside the STREAM triad. Loaded after lib/fmt.awk, lib/names.awk and
# lib/stats.awk, with `errfile` (see awk_checked in common.sh).
#
# State, per benchmark name n: its repetitions' times v[n, 1..cnt[n]] and
# bandwidths b[n, 1..bcnt[n]], its median aggregates amed[n] and abw[n],
# err[n] when it failed, lab[n] its label; order[1..nn] the names as read.

BEGIN { FS = "\t" }
{
  n = $1
  if (!(n in seen)) { seen[n] = 1; order[++nn] = n }
  if ($8 != "" && !(n in lab)) lab[n] = $8
  if ($6 == "1") { err[n] = $7; next }
  if ($2 == "aggregate") {
    if ($3 == "median") { amed[n] = $4; if ($5 != "") abw[n] = $5 }
    next
  }
  if ($4 == "") next
  k = ++cnt[n]; v[n, k] = $4 + 0
  if ($5 != "") { k = ++bcnt[n]; b[n, k] = $5 + 0 }
}

# The median of values[name, 1..counts[name]].
function median_of(values, counts, name,    a, i, m) {
  m = counts[name] + 0
  for (i = 1; i <= m; i++) a[i] = values[name, i]
  return median(a, m)
}

# Median time in ns, -1 when there is none.
function t(name) {
  if (name in err) return -1
  if (cnt[name] + 0 > 0) return median_of(v, cnt, name)
  if (name in amed) return amed[name] + 0
  return -1
}

# Median bandwidth in bytes/s, -1 when there is none.
function bw(name) {
  if (name in err) return -1
  if (bcnt[name] + 0 > 0) return median_of(b, bcnt, name)
  if (name in abw) return abw[name] + 0
  return -1
}

function time_cell(ns) { return ns < 0 ? "–" : fmt_time(ns, "short") }
function strip(name) { sub(/^Overhead\//, "", name); return name }
function shown(name) { return (name in err) ? "error: " err[name] : "" }

# Sets `floor` (the name of the floor of overhead o, "" none) and `per` (the
# divisor of both times, 1 unless they are per task); returns whether there
# is a floor. The bench says which in the benchmark's label: blank-separated
# key=value items, floor=NAME and per=N.
function pair(o,    items, n, i, labelled) {
  floor = ""; per = 1; labelled = 0
  n = split(lab[o], items, " ")
  for (i = 1; i <= n; i++) {
    if (index(items[i], "floor=") == 1) { floor = substr(items[i], 7); labelled = 1 }
    else if (index(items[i], "per=") == 1) { per = substr(items[i], 5) + 0; labelled = 1 }
  }
  if (!labelled) return pair_by_name(o)
  return floor != ""
}

# For runs made before 2026-11-26, whose Overhead benchmarks carry no label:
# the floor that the bench of that time meant for each name.
function pair_by_name(o,    c, w) {
  split(o, c, "/")
  w = name_value(o, "workers")
  if (c[2] == "StartStop" && c[3] == "ThreadPool") floor = "Floor/ThreadCreateJoin/workers:" w
  else if (c[2] == "StartStop" || c[2] == "ProcessStart") floor = "Floor/Fork/workers:" w
  else if (c[2] == "RoundTrip" && c[3] == "ThreadPool") floor = "Floor/ThreadWakeRoundTrip"
  else if (c[2] == "RoundTrip") floor = "Floor/PipeRoundTrip"
  else if (c[2] == "Fork") floor = "Floor/Fork/workers:1"
  else if (c[2] == "PerTask" && c[3] != "OpenMp") {
    floor = "Overhead/PerTask/OpenMp/batch:" name_value(o, "batch") "/workers:" w
    per = name_value(o, "batch") + 0
  } else if (c[2] == "PerTask") per = name_value(o, "batch") + 0
  return floor != ""
}

# The order of the table: the families in the order of overheads.sh's list,
# then by name with its numbers in numeric order (workers:10 after
# workers:2), whatever order the records came in.
function family_key(name,    c, r) {
  split(name, c, "/")
  r = index("StartStop RoundTrip PerTask ProcessStart Fork", c[2])
  return sprintf("%03d", r ? r : 999) " " pad_numbers(name)
}

function print_overheads(    i, n, o, key, ord, has, to, tf, ratio) {
  print "| Overhead | Median | Floor | Floor median | Ratio |"
  print "|:--|--:|:--|--:|--:|"
  n = 0
  for (i = 1; i <= nn; i++) {
    o = order[i]
    if (o !~ /^Overhead\// || o ~ /^Overhead\/MemoryKernel\//) continue
    name[++n] = o
    key[n] = family_key(o)
  }
  sort_order(key, n, ord)
  for (i = 1; i <= n; i++) {
    o = name[ord[i]]
    has = pair(o)
    to = t(o); tf = has ? t(floor) : -1
    if (to >= 0) to = to / per
    if (tf >= 0) tf = tf / per
    ratio = (to > 0 && tf > 0) ? fmt_x(to / tf) : "–"
    printf "| %s | %s | %s | %s | %s |\n", strip(o), (o in err) ? shown(o) : time_cell(to),
      has ? strip(floor) : "–", has ? ((floor in err) ? shown(floor) : time_cell(tf)) : "–", ratio
  }
  print ""
}

# The Memory kernel against the triad on one core (its label's floor, when
# it names one), then every triad.
function print_bandwidth(    i, o, f, triad, header, bo, bf, th) {
  triad = ""
  for (i = 1; i <= nn; i++) if (order[i] ~ /^Floor\/Triad\/workers:1(\/|$)/) triad = order[i]
  header = 0
  for (i = 1; i <= nn; i++) {
    o = order[i]
    if (o !~ /^Overhead\/MemoryKernel\//) continue
    if (!header) {
      print "Memory kernel against the STREAM triad on one core (bandwidth, bytes counted as STREAM does: what the kernel reads and writes). Share: kernel ÷ triad."
      print ""
      print "| Kernel | GB/s | Floor | GB/s | Share |"
      print "|:--|--:|:--|--:|--:|"
      header = 1
    }
    f = pair(o) ? floor : triad
    bo = bw(o); bf = (f != "") ? bw(f) : -1
    printf "| %s | %s | %s | %s | %s |\n", strip(o), (bo >= 0 ? sprintf("%.2f", bo / 1e9) : "–"),
      (f != "" ? f : "–"), (bf >= 0 ? sprintf("%.2f", bf / 1e9) : "–"),
      ((bo > 0 && bf > 0) ? fmt_pct(bo / bf) : "–")
  }
  if (header) print ""
  th = 0
  for (i = 1; i <= nn; i++) if (order[i] ~ /^Floor\/Triad\//) {
    if (!th) { print "| Triad | GB/s |"; print "|:--|--:|"; th = 1 }
    f = order[i]
    printf "| %s | %s |\n", f, (bw(f) >= 0 ? sprintf("%.2f", bw(f) / 1e9) : shown(f))
  }
}

END {
  for (i = 1; i <= nn; i++) if (order[i] ~ /^Overhead\//) any = 1
  if (!any) { print "has no Overhead benchmarks (run bench with --benchmark_filter=Overhead|Floor)" > errfile; exit 2 }
  print "# parbench overheads against their floors"
  print ""
  print "Medians over repetitions, from one run. Ratio: overhead ÷ floor (1.00× = no dearer than the bare system operation). PerTask rows are per task, held against OpenMP at the same worker count."
  print ""
  print_overheads()
  print_bandwidth()
}
