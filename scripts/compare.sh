#!/bin/sh
# Compares two Google Benchmark JSON files (a baseline and a contender) and
# says, benchmark by benchmark, whether the contender is slower, faster or
# unchanged. A change counts only when it is beyond the threshold AND, with
# enough repetitions on both sides, significant by a two-sided Mann-Whitney U
# test. Exit status: 0 no regression, 1 at least one regression, 2 bad input.
#
#   scripts/compare.sh [OPTIONS] BASELINE.json CONTENDER.json
#
# The relative change is (contender - baseline) / |baseline|, Google
# Benchmark's tools/compare.py formula, on the median of the repetitions
# (--statistic=mean for the mean); see docs/tracking-regressions.md.
set -u
. "$(dirname "$0")/common.sh"

usage() {
  cat <<'EOF'
usage: compare.sh [--threshold=PCT] [--alpha=A] [--metric=real|cpu]
                  [--statistic=median|mean] [--format=table|md|csv]
                  BASELINE.json CONTENDER.json
       compare.sh --erfc=X            (diagnostic: prints erfc(X))
       compare.sh --utest 'X1 X2 ...' 'Y1 Y2 ...'
                                      (diagnostic: prints U, z and p)
  --threshold=PCT   a change must exceed PCT percent to count (default 5)
  --alpha=A         significance level of the two-sided U test (default 0.05)
  --metric=M        real (default) or cpu time
  --statistic=S     median (default) or mean of the repetitions
  --format=F        table (default), md or csv
exit status: 0 no regression, 1 at least one regression, 2 bad input
EOF
}

# The statistics, shared by the report and the diagnostic modes. Plain POSIX
# awk (runs on mawk and gawk).
stats_awk() {
  cat <<'EOF'
# erfc(x) by W. J. Cody's rational Chebyshev approximations ("Rational
# Chebyshev approximations for the error function", Math. Comp. 23 (1969)
# 631-638; coefficients as in netlib specfun CALERF). The approximations are
# good to about 18 significant digits; in IEEE double arithmetic the result is
# within a few units in the last place (relative error < 1e-15, checked in
# test/scripts/mannwhitney_test.sh against reference values).
function erfc(x,    y, ysq, xnum, xden, r, del, i) {
  y = x < 0 ? -x : x
  if (y <= 0.46875) {
    ysq = (y > 1.11e-16) ? y * y : 0
    xnum = CA[5] * ysq; xden = ysq
    for (i = 1; i <= 3; i++) { xnum = (xnum + CA[i]) * ysq; xden = (xden + CB[i]) * ysq }
    return 1 - x * (xnum + CA[4]) / (xden + CB[4])
  }
  if (y <= 4) {
    xnum = CC[9] * y; xden = y
    for (i = 1; i <= 7; i++) { xnum = (xnum + CC[i]) * y; xden = (xden + CD[i]) * y }
    r = (xnum + CC[8]) / (xden + CD[8])
  } else if (y >= 26.543) {
    r = 0
  } else {
    ysq = 1 / (y * y)
    xnum = CP[6] * ysq; xden = ysq
    for (i = 1; i <= 4; i++) { xnum = (xnum + CP[i]) * ysq; xden = (xden + CQ[i]) * ysq }
    r = ysq * (xnum + CP[5]) / (xden + CQ[5])
    r = (0.56418958354775628695 - r) / y
  }
  if (r != 0) {
    ysq = int(y * 16) / 16
    del = (y - ysq) * (y + ysq)
    r = exp(-ysq * ysq) * exp(-del) * r
  }
  return x < 0 ? 2 - r : r
}
function erfc_init() {
  split("3.16112374387056560 113.864154151050156 377.485237685302021 3209.37758913846947 0.185777706184603153", CA, " ")
  split("23.6012909523441209 244.024637934444173 1282.61652607737228 2844.23683343917062", CB, " ")
  split("0.564188496988670089 8.88314979438837594 66.1191906371416295 298.635138197400131 881.952221241769090 1712.04761263407058 2051.07837782607147 1230.33935479799725 2.15311535474403846e-8", CC, " ")
  split("15.7449261107098347 117.693950891312499 537.181101862009858 1621.38957456669019 3290.79923573345963 4362.61909014324716 3439.36767414372164 1230.33935480374942", CD, " ")
  split("0.305326634961232344 0.360344899949804439 0.125781726111229246 0.0160837851487422766 6.58749161529837803e-4 0.0163153871373020978", CP, " ")
  split("2.56852019228982242 1.87295284992346047 0.527905102951428412 0.0605183413124413191 0.00233520497626869185", CQ, " ")
}
# Sorts v[1..n] ascending (insertion sort: n is a few dozen at most).
function sort_vals(v, n,    i, j, t) {
  for (i = 2; i <= n; i++) {
    t = v[i]
    for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]
    v[j + 1] = t
  }
}
function median(v, n,    w, i) {
  for (i = 1; i <= n; i++) w[i] = v[i]
  sort_vals(w, n)
  return (n % 2) ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2
}
function mean(v, n,    i, s) {
  s = 0
  for (i = 1; i <= n; i++) s += v[i]
  return s / n
}
# Two-sided Mann-Whitney U test of x[1..nx] against y[1..ny]: normal
# approximation with tie correction and continuity correction (as scipy's
# mannwhitneyu(..., method="asymptotic", use_continuity=True)). Sets U_STAT
# (U of x), Z_STAT and returns the p-value.
function mann_whitney(x, nx, y, ny,    v, g, n, i, j, k, t, r, r1, ties, mu, var, d) {
  n = 0
  for (i = 1; i <= nx; i++) { n++; v[n] = x[i]; g[n] = 1 }
  for (i = 1; i <= ny; i++) { n++; v[n] = y[i]; g[n] = 2 }
  # sort values, carrying the group labels along
  for (i = 2; i <= n; i++) {
    t = v[i]; k = g[i]
    for (j = i - 1; j >= 1 && v[j] > t; j--) { v[j + 1] = v[j]; g[j + 1] = g[j] }
    v[j + 1] = t; g[j + 1] = k
  }
  r1 = 0; ties = 0; i = 1
  while (i <= n) {
    j = i
    while (j < n && v[j + 1] == v[i]) j++
    r = (i + j) / 2          # mid-rank of the tied run i..j
    t = j - i + 1
    ties += t * t * t - t
    for (k = i; k <= j; k++) if (g[k] == 1) r1 += r
    i = j + 1
  }
  U_STAT = r1 - nx * (nx + 1) / 2
  mu = nx * ny / 2
  var = nx * ny / 12 * ((n + 1) - ties / (n * (n - 1)))
  if (var <= 0) { Z_STAT = 0; return 1 }
  d = U_STAT - mu; if (d < 0) d = -d
  d -= 0.5; if (d < 0) d = 0
  Z_STAT = d / sqrt(var)
  return p_two_sided(Z_STAT)
}
function p_two_sided(z,    p) {
  p = erfc(z / sqrt(2))
  return p > 1 ? 1 : p
}
# The smallest p-value the normal approximation can give for sample sizes
# nx and ny (complete separation, no ties).
function min_pvalue(nx, ny) {
  if (nx < 1 || ny < 1) return 1
  return p_two_sided((nx * ny / 2 - 0.5) / sqrt(nx * ny * (nx + ny + 1) / 12))
}
# Google Benchmark's tools/gbench/report.py calculate_change.
function rel_change(old, new) {
  if (old == 0 && new == 0) return 0
  if (old == 0) return (new - old) / ((old + new) / 2)
  return (new - old) / (old < 0 ? -old : old)
}
EOF
}

# Prints one line of tab-separated fields per usable benchmark record of a
# Google Benchmark JSON file: key, kind (iter|agg|error), aggregate name,
# time in nanoseconds, message. $2 is the metric field (real_time|cpu_time).
extract() {
  jq -r --arg m "$2" '
    def unit_ns: if . == "ns" then 1 elif . == "us" then 1e3 elif . == "ms" then 1e6
                 elif . == "s" then 1e9 else error("unknown time_unit \"\(.)\"") end;
    .benchmarks[]
    | select(type == "object" and (.name | type) == "string")
    | (.run_name // .name) as $key
    | if .error_occurred == true or ((.skipped // false) | . != false and . != 0) then
        [$key, "error", "", "", ((.error_message // .skip_message // "error") | tostring)]
      elif (.[$m] | type) != "number" then empty
      elif .run_type == "aggregate" then
        if (.aggregate_name == "mean" or .aggregate_name == "median")
           and (.aggregate_unit // "time") == "time"
        then [$key, "agg", .aggregate_name, (.[$m] * ((.time_unit // "ns") | unit_ns) | tostring), ""]
        else empty end
      else [$key, "iter", "", (.[$m] * ((.time_unit // "ns") | unit_ns) | tostring), ""]
      end
    | @tsv' "$1"
}

# Checks that a file is one JSON object with a "benchmarks" array.
check_input() {
  [ -e "$1" ] || die_usage "$1: no such file"
  { [ -r "$1" ] && [ -f "$1" ]; } || die_usage "$1: not a readable file"
  [ -s "$1" ] || die_usage "$1: empty file"
  _shape=$(jq -r -s 'if length != 1 then "many"
                     elif (.[0] | type) != "object" then "noobj"
                     elif (.[0].benchmarks | type) != "array" then "noarr"
                     else "ok" end' "$1" 2>/dev/null) ||
    die_usage "$1: not valid JSON"
  case $_shape in
    ok) ;;
    many) die_usage "$1: more than one JSON document" ;;
    noobj) die_usage "$1: not a JSON object" ;;
    *) die_usage "$1: no \"benchmarks\" array" ;;
  esac
}

# Checks a number: is_number VALUE → success when VALUE is a plain decimal.
is_number() {
  case $1 in
    '' | . | *[!0-9.]* | *.*.*) return 1 ;;
  esac
  return 0
}

# The report: reads the extracted records of both sides, prints the table and
# writes the number of regressions to the file $REGRESSIONS_FILE.
report_awk() {
  stats_awk
  cat <<'EOF'
BEGIN {
  FS = "\t"
  erfc_init()
  MIN_REPS = 4
  nb = 0
}
{
  side = $1; key = $2; kind = $3
  if (!((side, key) in seen)) {
    seen[side, key] = 1
    if (!(key in order)) { order[key] = ++nb; names[nb] = key }
  }
  if (kind == "error") { err[side, key] = $6; next }
  if (kind == "agg") { agg[side, key, $4] = $5 + 0; next }
  ns = ++cnt[side, key]
  val[side, key, ns] = $5 + 0
}
function unit_fmt(ns) {
  if (ns == "") return "-"
  if (ns < 0) ns = -ns
  if (ns < 1e3) return sprintf("%.2f ns", ns)
  if (ns < 1e6) return sprintf("%.2f us", ns / 1e3)
  if (ns < 1e9) return sprintf("%.2f ms", ns / 1e6)
  return sprintf("%.3f s", ns / 1e9)
}
function fmt_time(ns) {
  if (ns == "") return "-"
  return (ns < 0 ? "-" : "") unit_fmt(ns)
}
# Fills s[1..n] with the samples of (side, key); returns n, or the value of
# the chosen aggregate (n=1) when the file holds aggregates only.
function samples(side, key, s,    n, i, other) {
  n = cnt[side, key] + 0
  for (i = 1; i <= n; i++) s[i] = val[side, key, i]
  if (n > 0) return n
  if ((side, key, STATISTIC) in agg) { s[1] = agg[side, key, STATISTIC]; AGG_ONLY = 1; return 1 }
  other = (STATISTIC == "median") ? "mean" : "median"
  if ((side, key, other) in agg) { s[1] = agg[side, key, other]; AGG_ONLY = 1; return 1 }
  return 0
}
function stat(s, n) { return STATISTIC == "mean" ? mean(s, n) : median(s, n) }
function add_row(name, b, c, chg, p, reps, verdict, note) {
  rows++
  R_name[rows] = name; R_b[rows] = b; R_c[rows] = c; R_chg[rows] = chg
  R_p[rows] = p; R_reps[rows] = reps; R_verdict[rows] = verdict; R_note[rows] = note
}
END {
  thr = THRESHOLD / 100
  slower = faster = unchanged = only_b = only_c = errored = compared = 0
  glog = 0; gb = 0; gc = 0; gn = 0
  for (i = 1; i <= nb; i++) {
    key = names[i]
    inb = (("B", key) in seen); inc = (("C", key) in seen)
    if (!inb || !inc) {
      if (inb) { only_b++; add_row(key, "", "", "", "", "", "baseline-only", "not in the contender") }
      else { only_c++; add_row(key, "", "", "", "", "", "contender-only", "not in the baseline") }
      continue
    }
    if ((("B", key) in err) || (("C", key) in err)) {
      errored++
      msg = (("B", key) in err) ? "baseline: " err["B", key] : "contender: " err["C", key]
      add_row(key, "", "", "", "", "", "error", msg)
      continue
    }
    AGG_ONLY = 0
    split("", xb); split("", xc)
    nxb = samples("B", key, xb); nxc = samples("C", key, xc)
    if (nxb == 0 || nxc == 0) {
      errored++
      add_row(key, "", "", "", "", "", "error", "no " METRIC " time")
      continue
    }
    compared++
    b = stat(xb, nxb); c = stat(xc, nxc)
    chg = rel_change(b, c)
    if (b > 0 && c > 0) { glog += log(c / b); gb += log(b); gc += log(c); gn++ }
    p = ""
    if (nxb >= 2 && nxc >= 2) p = mann_whitney(xb, nxb, xc, nxc)
    utest = (nxb >= MIN_REPS && nxc >= MIN_REPS && min_pvalue(nxb, nxc) < ALPHA)
    beyond = (chg > thr) ? 1 : (chg < -thr) ? -1 : 0
    note = ""
    if (AGG_ONLY) note = "aggregates only: threshold only"
    else if (!utest) note = sprintf("threshold only: too few repetitions for the U test (%d/%d)", nxb, nxc)
    if (beyond != 0 && utest && p >= ALPHA) {
      beyond = 0
      note = sprintf("within noise: p=%.3g >= alpha", p)
    }
    verdict = (beyond > 0) ? "slower" : (beyond < 0) ? "faster" : "unchanged"
    if (beyond > 0) slower++; else if (beyond < 0) faster++; else unchanged++
    add_row(key, b, c, chg, p, nxb "/" nxc, verdict, note)
  }
  if (gn > 0)
    add_row("OVERALL_GEOMEAN", exp(gb / gn), exp(gc / gn), exp(glog / gn) - 1, "", "",
            "-", sprintf("geometric mean over the %d benchmarks compared", gn))
  printf "%d\n", slower > REGRESSIONS_FILE
  summary = sprintf("%d compared: %d slower, %d faster, %d unchanged; %d baseline-only, %d contender-only, %d errored.",
                    compared, slower, faster, unchanged, only_b, only_c, errored)
  settings = sprintf("%s time, %s of repetitions; a change counts beyond %s%% and, with at least %d repetitions per side, at p < %s (two-sided Mann-Whitney U).",
                     METRIC, STATISTIC, THRESHOLD, MIN_REPS, ALPHA)
  if (FORMAT == "csv") print_csv()
  else if (FORMAT == "md") print_md()
  else print_table()
}
function pct(x) { return (x == "") ? "-" : sprintf("%+.2f%%", x * 100) }
function pval(x) { return (x == "") ? "-" : sprintf("%.4f", x) }
function csv_field(s) {
  if (s ~ /[",\n]/) { gsub(/"/, "\"\"", s); s = "\"" s "\"" }
  return s
}
function num(x, f) { return (x == "") ? "" : sprintf(f, x) }
function print_csv(    r) {
  print "benchmark,baseline_ns,contender_ns,change,p_value,repetitions,verdict,note"
  for (r = 1; r <= rows; r++)
    printf "%s,%s,%s,%s,%s,%s,%s,%s\n", csv_field(R_name[r]), num(R_b[r], "%.10g"),
      num(R_c[r], "%.10g"), num(R_chg[r], "%.10g"), num(R_p[r], "%.10g"),
      csv_field(R_reps[r]), R_verdict[r], csv_field(R_note[r])
}
function md_cell(s) { gsub(/\|/, "\\|", s); return s }
function print_md(    r) {
  print "| Benchmark | Baseline | Contender | Change | p-value | Reps | Verdict | Note |"
  print "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for (r = 1; r <= rows; r++)
    printf "| `%s` | %s | %s | %s | %s | %s | %s | %s |\n", R_name[r], fmt_time(R_b[r]),
      fmt_time(R_c[r]), pct(R_chg[r]), pval(R_p[r]), (R_reps[r] == "" ? "-" : R_reps[r]),
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
    printf "%-" w "s  %12s  %12s  %9s  %7s  %7s  %-14s  %s\n", R_name[r], fmt_time(R_b[r]),
      fmt_time(R_c[r]), pct(R_chg[r]), pval(R_p[r]), (R_reps[r] == "" ? "-" : R_reps[r]),
      R_verdict[r], R_note[r]
  print ""
  print summary
  print settings
}
EOF
}

# Diagnostic: erfc of one number.
diag_erfc() {
  is_number "${1#-}" || die_usage "--erfc needs a number, got '$1'"
  awk -v x="$1" "$(stats_awk)
BEGIN { erfc_init(); printf \"%.17g\\n\", erfc(x + 0) }" </dev/null
}

# Diagnostic: Mann-Whitney U test of two whitespace-separated samples.
diag_utest() {
  for _v in $1 $2; do
    is_number "$_v" || die_usage "--utest needs numbers, got '$_v'"
  done
  awk -v xs="$1" -v ys="$2" "$(stats_awk)
BEGIN {
  erfc_init(); nx = split(xs, x, \" \"); ny = split(ys, y, \" \")
  if (nx < 1 || ny < 1) { print \"compare.sh: --utest needs two non-empty samples\" > \"/dev/stderr\"; exit 2 }
  for (i = 1; i <= nx; i++) x[i] += 0
  for (i = 1; i <= ny; i++) y[i] += 0
  p = mann_whitney(x, nx, y, ny)
  printf \"U=%.10g z=%.10g p=%.10g\\n\", U_STAT, Z_STAT, p
}" </dev/null
}

main() {
  threshold=5 alpha=0.05 metric=real statistic=median format=table
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage; return 0 ;;
      --threshold=*) threshold=${1#*=} ;;
      --alpha=*) alpha=${1#*=} ;;
      --metric=*) metric=${1#*=} ;;
      --statistic=*) statistic=${1#*=} ;;
      --format=*) format=${1#*=} ;;
      --erfc=*) need_cmd awk; diag_erfc "${1#*=}"; return ;;
      --utest)
        [ $# -eq 3 ] || die_usage "--utest needs two samples"
        need_cmd awk; diag_utest "$2" "$3"; return ;;
      --) shift; break ;;
      -?*) die_usage "unknown option: $1 (see -h)" ;;
      *) break ;;
    esac
    shift
  done
  [ $# -eq 2 ] || die_usage "needs BASELINE.json and CONTENDER.json (see -h)"
  threshold=${threshold%\%}
  is_number "$threshold" || die_usage "bad --threshold '$threshold': a percentage >= 0"
  is_number "$alpha" || die_usage "bad --alpha '$alpha': a number between 0 and 1"
  awk -v a="$alpha" 'BEGIN { exit !(a > 0 && a < 1) }' </dev/null ||
    die_usage "bad --alpha '$alpha': a number between 0 and 1"
  case $metric in real | cpu) ;; *) die_usage "bad --metric '$metric': real or cpu" ;; esac
  case $statistic in median | mean) ;; *) die_usage "bad --statistic '$statistic': median or mean" ;; esac
  case $format in table | md | csv) ;; *) die_usage "bad --format '$format': table, md or csv" ;; esac
  need_cmd jq
  need_cmd awk
  check_input "$1"
  check_input "$2"
  make_tmpdir
  for _side in B C; do
    if [ "$_side" = B ]; then _file=$1; else _file=$2; fi
    extract "$_file" "${metric}_time" >"$PARBENCH_TMP/$_side.tsv" 2>"$PARBENCH_TMP/jq.err" ||
      die_usage "$_file: $(sed -n '1s/^jq: error ([^)]*): //p' "$PARBENCH_TMP/jq.err")"
    awk -v s="$_side" '{ print s "\t" $0 }' "$PARBENCH_TMP/$_side.tsv" >>"$PARBENCH_TMP/all.tsv"
  done
  : >>"$PARBENCH_TMP/all.tsv"
  awk -v THRESHOLD="$threshold" -v ALPHA="$alpha" -v METRIC="$metric" \
    -v STATISTIC="$statistic" -v FORMAT="$format" \
    -v REGRESSIONS_FILE="$PARBENCH_TMP/regressions" \
    "$(report_awk)" "$PARBENCH_TMP/all.tsv" >"$PARBENCH_TMP/report" ||
    die "the report failed"
  cat "$PARBENCH_TMP/report"
  [ "$(cat "$PARBENCH_TMP/regressions")" -eq 0 ]
}

main "$@" || exit 1
