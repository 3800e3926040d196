#!/bin/sh
# Each overhead of the Overhead family beside the floor it rests on, from the
# same run, and the ratio between them: what parallelism costs over what the
# system makes unavoidable. Times are medians over repetitions.
#   scripts/overheads.sh [FILE]     FILE: Google Benchmark JSON from bench;
#                                   stdin when no FILE or "-"
# Pairs (see bench/overhead_benchmarks.h and bench/floor_benchmarks.h):
#   StartStop/ThreadPool/workers:N    Floor/ThreadCreateJoin/workers:N
#   StartStop/ProcessPool/workers:N   Floor/Fork/workers:N
#   ProcessStart/<how>/workers:N      Floor/Fork/workers:N
#   RoundTrip/ThreadPool              Floor/ThreadWakeRoundTrip
#   RoundTrip/ProcessPool             Floor/PipeRoundTrip
#   RoundTrip/Mpi                     Floor/MpiRoundTrip (under mpirun)
#   Fork/resident_mib:M               Floor/Fork/workers:1
#   PerTask/<pool>/.../workers:N      PerTask/OpenMp/.../workers:N (per task)
#   MemoryKernel/<kind>/mib:M         Floor/Triad/workers:1 (bandwidth; share)
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [FILE]   (Google Benchmark JSON from bench; stdin when no FILE)\n' "${0##*/}"
}

# One tab-separated line per record of the two families: name (no
# /real_time), run_type, aggregate, real_ns, bytes_per_second, error, message.
# shellcheck disable=SC2016 # jq code, not shell
JQ_RECORDS='
  ({"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}) as $scale
  | .benchmarks[]
  | select((.run_name // .name) | test("^(Overhead|Floor)/"))
  | [ ((.run_name // .name) | sub("/real_time$"; "")),
      (.run_type // "iteration"), (.aggregate_name // ""),
      (if .error_occurred == true or .real_time == null then ""
       else .real_time * $scale[.time_unit // "ns"] end),
      (.bytes_per_second // ""),
      (if .error_occurred == true then 1 else 0 end),
      ((.error_message // "") | gsub("[\t\r\n]+"; " ")) ]
  | map(tostring) | @tsv'

# shellcheck disable=SC2016 # awk code, not shell
AWK_PROG='
BEGIN { FS = "\t" }
{
  n = $1
  if (!(n in seen)) { seen[n] = 1; order[++nn] = n }
  if ($6 == "1") { err[n] = $7; next }
  if ($2 == "aggregate") {
    if ($3 == "median") { amed[n] = $4; if ($5 != "") abw[n] = $5 }
    next
  }
  if ($4 == "") next
  k = ++cnt[n]; v[n, k] = $4 + 0
  if ($5 != "") { k = ++bcnt[n]; b[n, k] = $5 + 0 }
}
function sortn(a, m,    i, j, x) {
  for (i = 2; i <= m; i++) {
    x = a[i]
    for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
    a[j + 1] = x
  }
}
function median(vals, cnts, name,    a, i, m) {
  m = cnts[name] + 0
  for (i = 1; i <= m; i++) a[i] = vals[name, i]
  sortn(a, m)
  return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
# Median time in ns (-1 when none), and bandwidth in bytes/s (-1 when none).
function t(name) {
  if (name in err) return -1
  if (cnt[name] + 0 > 0) return median(v, cnt, name)
  if (name in amed) return amed[name] + 0
  return -1
}
function bw(name) {
  if (name in err) return -1
  if (bcnt[name] + 0 > 0) return median(b, bcnt, name)
  if (name in abw) return abw[name] + 0
  return -1
}
function fmt_time(ns) {
  if (ns < 0) return "–"
  if (ns < 1e3) return sprintf("%.3g ns", ns)
  if (ns < 1e6) return sprintf("%.3g µs", ns / 1e3)
  if (ns < 1e9) return sprintf("%.3g ms", ns / 1e6)
  return sprintf("%.3g s", ns / 1e9)
}
# The value of key:value component `key` of a name, "" when absent.
function val(name, key,    c, m, i) {
  m = split(name, c, "/")
  for (i = 1; i <= m; i++) if (index(c[i], key ":") == 1) return substr(c[i], length(key) + 2)
  return ""
}
# A sort key: the family in the order the pairs are listed above, then the
# name with every number zero-padded, so that workers:10 follows workers:2.
function sort_key(name,    fam, key, rest, c, r) {
  split(name, c, "/")
  r = index("StartStop RoundTrip PerTask ProcessStart Fork", c[2])
  fam = sprintf("%03d", r ? r : 999)
  key = ""; rest = name
  while (match(rest, /[0-9]+/)) {
    key = key substr(rest, 1, RSTART - 1) sprintf("%012d", substr(rest, RSTART, RLENGTH) + 0)
    rest = substr(rest, RSTART + RLENGTH)
  }
  return fam " " key rest
}
function sorts(a, m,    i, j, x) {
  for (i = 2; i <= m; i++) {
    x = a[i]
    for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]
    a[j + 1] = x
  }
}
function last_field(s,    m, f) { m = split(s, f, "\t"); return f[m] }
function strip(name) { sub(/^Overhead\//, "", name); return name }
function shown(name) { return (name in err) ? "error: " err[name] : "" }
# Sets floor (its name), per (divisor of both times) for overhead `o`;
# returns 0 when the name has no floor.
function pair(o,    c, m, w) {
  m = split(o, c, "/"); per = 1; floor = ""
  w = val(o, "workers")
  if (c[2] == "StartStop" && c[3] == "ThreadPool") floor = "Floor/ThreadCreateJoin/workers:" w
  else if (c[2] == "StartStop" || c[2] == "ProcessStart") floor = "Floor/Fork/workers:" w
  else if (c[2] == "RoundTrip" && c[3] == "ThreadPool") floor = "Floor/ThreadWakeRoundTrip"
  else if (c[2] == "RoundTrip" && c[3] == "Mpi") floor = "Floor/MpiRoundTrip"
  else if (c[2] == "RoundTrip") floor = "Floor/PipeRoundTrip"
  else if (c[2] == "Fork") floor = "Floor/Fork/workers:1"
  else if (c[2] == "PerTask" && c[3] != "OpenMp") {
    floor = "Overhead/PerTask/OpenMp/batch:" val(o, "batch") "/workers:" w
    per = val(o, "batch") + 0
  } else if (c[2] == "PerTask") per = val(o, "batch") + 0
  return floor != ""
}
END {
  for (i = 1; i <= nn; i++) if (order[i] ~ /^Overhead\//) any = 1
  if (!any) { print "has no Overhead benchmarks (run bench with --benchmark_filter=Overhead|Floor)" > errfile; exit 2 }
  print "# parbench overheads against their floors"
  print ""
  print "Medians over repetitions, from one run. Ratio: overhead ÷ floor (1.00× = no dearer than the bare system operation). PerTask rows are per task, held against OpenMP at the same worker count."
  print ""
  print "| Overhead | Median | Floor | Floor median | Ratio |"
  print "|:--|--:|:--|--:|--:|"
  for (i = 1; i <= nn; i++) {
    o = order[i]
    if (o !~ /^Overhead\// || o ~ /^Overhead\/MemoryKernel\//) continue
    sorted[++ns] = sort_key(o) "\t" o
  }
  # The same order whatever order the records came in (random interleaving).
  sorts(sorted, ns)
  for (i = 1; i <= ns; i++) {
    o = last_field(sorted[i])
    has = pair(o)
    to = t(o); tf = has ? t(floor) : -1
    if (to >= 0) to = to / per
    if (tf >= 0) tf = tf / per
    ratio = (to > 0 && tf > 0) ? sprintf("%.2f×", to / tf) : "–"
    printf "| %s | %s | %s | %s | %s |\n", strip(o), (o in err) ? shown(o) : fmt_time(to),
      has ? strip(floor) : "–", has ? ((floor in err) ? shown(floor) : fmt_time(tf)) : "–", ratio
  }
  print ""
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
    bo = bw(o); bf = (triad != "") ? bw(triad) : -1
    printf "| %s | %s | %s | %s | %s |\n", strip(o), (bo >= 0 ? sprintf("%.2f", bo / 1e9) : "–"),
      (triad != "" ? triad : "–"), (bf >= 0 ? sprintf("%.2f", bf / 1e9) : "–"),
      ((bo > 0 && bf > 0) ? sprintf("%.0f %%", 100 * bo / bf) : "–")
  }
  if (header) print ""
  for (i = 1; i <= nn; i++) if (order[i] ~ /^Floor\/Triad\//) {
    if (!th) { print "| Triad | GB/s |"; print "|:--|--:|"; th = 1 }
    f = order[i]
    printf "| %s | %s |\n", f, (bw(f) >= 0 ? sprintf("%.2f", bw(f) / 1e9) : shown(f))
  }
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
  [ $# -le 1 ] || die_usage "one input at most (try -h)"
  need_cmd jq
  need_cmd awk
  make_tmpdir
  input=${1:--}
  read_input "$input"
  jq -e '.benchmarks | type == "array"' "$PARBENCH_TMP/in" >/dev/null 2>&1 ||
    die_usage "$src is not Google Benchmark JSON"
  jq -r "$JQ_RECORDS" "$PARBENCH_TMP/in" >"$PARBENCH_TMP/records" 2>/dev/null ||
    die_usage "$src has malformed benchmark records"
  awk_checked "$AWK_PROG" "$PARBENCH_TMP/records" "$src"
}

main "$@" || exit 1
