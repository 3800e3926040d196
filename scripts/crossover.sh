#!/bin/sh
# Where parallelism starts to pay: from a run with task-size sweeps
# (bench --sweep: CpuSweep/<Strategy>[/life]/workers:N/tasks:T/size:S), per
# strategy and worker count, the smallest task size from which it beats
# Sequential at that size and at every larger size measured.
#   scripts/crossover.sh [FILE]     FILE: Google Benchmark JSON or
#                                   json2csv.sh CSV; stdin when no FILE or "-"
set -u
. "$(dirname "$0")/common.sh"

usage() {
  printf 'usage: %s [FILE]   (bench JSON or json2csv.sh CSV with CpuSweep results; stdin when no FILE)\n' "${0##*/}"
}

# Reads table.sh --tsv: workload "CpuSweep size S", row, workers, speedup,
# state.
# shellcheck disable=SC2016 # awk code, not shell
AWK_PROG='
BEGIN { FS = "\t" }
NR == 1 { next }
$3 ~ / size [0-9.eE+]+$/ {
  m = split($3, w, " ")
  family = w[1]; size = w[m] + 0
  g = family " · " $4 " tasks"
  if (!(g in gid)) { gid[g] = ++ng; gname[ng] = g }
  k = g SUBSEP $7
  if (!(k in rid)) { rid[k] = ++nr[g]; rname[g, nr[g]] = $7 }
  if (!((g, $8) in hasw)) { hasw[g, $8] = 1; ws[g, ++nw[g]] = $8 + 0 }
  if (!((g, size) in hass)) { hass[g, size] = 1; ss[g, ++nsz[g]] = size }
  if ($13 == "ok" && $11 != "") sp[g, $7, $8 + 0, size] = $11 + 0
  else if ($13 == "error") bad[g, $7, $8 + 0, size] = 1
}
function sortn(a, g, n,    i, j, x) {
  for (i = 2; i <= n; i++) {
    x = a[g, i]
    for (j = i - 1; j >= 1 && a[g, j] > x; j--) a[g, j + 1] = a[g, j]
    a[g, j + 1] = x
  }
}
function fsize(s) { return sprintf("%.0e", s) }
function cell(g, r, w,    i, s, from, best, bs, any) {
  from = ""; best = 0; any = 0
  # Walk from the largest size down while it keeps winning.
  for (i = nsz[g]; i >= 1; i--) {
    s = ss[g, i]
    if (!((g, r, w, s) in sp)) continue
    any = 1
    if (sp[g, r, w, s] > best) { best = sp[g, r, w, s]; bs = s }
  }
  if (!any) return "–"
  for (i = nsz[g]; i >= 1; i--) {
    s = ss[g, i]
    if (!((g, r, w, s) in sp)) continue
    if (sp[g, r, w, s] > 1) from = s
    else break
  }
  if (from != "") return fsize(from) " (" sprintf("%.2f×", sp[g, r, w, from]) ")"
  return "never (best " sprintf("%.2f×", best) " at " fsize(bs) ")"
}
END {
  if (ng == 0) { print "has no size sweep (run bench with --sweep)" > errfile; exit 2 }
  print "# Where parallelism starts to pay"
  print ""
  print "Per strategy and worker count: the smallest task size (counting steps per task) from which it beats Sequential at that size and every larger one, with its speedup there; or the best it reached."
  print ""
  for (gi = 1; gi <= ng; gi++) {
    g = gname[gi]
    sortn(ws, g, nw[g]); sortn(ss, g, nsz[g])
    print "## " g
    print ""
    line = "| Strategy"; u = "|:--"
    for (i = 1; i <= nw[g]; i++) { line = line " | " ws[g, i] (ws[g, i] == 1 ? " worker" : " workers"); u = u "|--:" }
    print line " |"; print u "|"
    for (j = 1; j <= nr[g]; j++) {
      r = rname[g, j]
      if (r == "Sequential") continue
      line = "| " r
      for (i = 1; i <= nw[g]; i++) line = line " | " cell(g, r, ws[g, i])
      print line " |"
    }
    print ""
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
  need_cmd awk
  make_tmpdir
  input=${1:--}
  src=$input
  [ "$input" = - ] && src=stdin
  # table.sh checks the input and says what is wrong with it (exit 2).
  sh "$(dirname "$0")/table.sh" --tsv "$input" >"$PARBENCH_TMP/tsv" || exit
  awk_checked "$AWK_PROG" "$PARBENCH_TMP/tsv" "$src"
}

main "$@" || exit 1
