# history-add.awk: the programs of `scripts/history.sh add`, by MODE.
#
# MODE=rows: reads one run's records, tab-separated (benchmark, kind
# iter|agg, time in ns, repetitions), and prints the rows the run adds to
# history.csv, one per benchmark in the order first read:
#   run,rev,date,fingerprint,benchmark,median_ns,n,min_ns,q1_ns,q3_ns,max_ns
# from its repetitions (median, count, extremes and quartiles), or, when the
# run holds aggregates only, from its median aggregate (n: the repetitions
# it sums up; no spread).
# MODE=dup: reads runs.csv and prints the last run number with revision REV
# and fingerprint FINGERPRINT, or nothing.
# MODE=next: reads runs.csv and history.csv and prints the next run number:
# past every run in either (rows that an interrupted add left in history.csv
# belong to no run of runs.csv; their number is not used again).
# MODE=run: reads nothing; prints the run's row of runs.csv
#   run,rev,date,fingerprint,file,machine
#
# Set: RUN, FINGERPRINT, FILE; REV, DATE and MACHINE come from the
# environment (HISTORY_REV, HISTORY_DATE, HISTORY_MACHINE: awk -v would
# read backslashes in them as escapes). Loaded after lib/csv.awk,
# lib/stats.awk and lib/series.awk.

BEGIN {
  FS = "\t"
  REV = ENVIRON["HISTORY_REV"]; DATE = ENVIRON["HISTORY_DATE"]; MACHINE = ENVIRON["HISTORY_MACHINE"]
  if (MODE == "run") {
    printf "%s,%s,%s,%s,%s,%s\n", RUN, csv_quote(REV), csv_quote(DATE), FINGERPRINT, csv_quote(FILE),
      csv_quote(MACHINE)
    exit
  }
  if (MODE == "dup" || MODE == "next") FS = ","
}

MODE == "dup" && FNR > 1 {
  if (csv_read(F) >= 4 && F[2] == REV && F[4] == FINGERPRINT) dup = F[1]
  next
}
MODE == "next" {
  if (FNR > 1 && $1 + 0 > last) last = $1 + 0
  next
}

MODE == "rows" {
  key = $1
  if (!(key in seen)) { seen[key] = 1; names[++nb] = key }
  if ($2 == "agg") { agg[key] = $3 + 0; agg_n[key] = $4 + 0; next }
  k = ++cnt[key]
  val[key, k] = $3 + 0
}

function num(x) { return sprintf("%.10g", x) }

END {
  if (MODE == "dup") { if (dup != "") print dup; exit }
  if (MODE == "next") { print last + 1; exit }
  if (MODE != "rows") exit
  for (i = 1; i <= nb; i++) {
    key = names[i]
    prefix = RUN "," csv_quote(REV) "," csv_quote(DATE) "," FINGERPRINT "," csv_quote(key) ","
    n = cnt[key] + 0
    if (n == 0) {
      print prefix num(agg[key]) "," (agg_n[key] > 0 ? agg_n[key] : 1) ",,,,"
      continue
    }
    split("", s)
    for (j = 1; j <= n; j++) s[j] = val[key, j]
    print prefix num(median(s, n)) "," n "," num(quantile(s, n, 0)) "," num(quantile(s, n, 0.25)) "," \
      num(quantile(s, n, 0.75)) "," num(quantile(s, n, 1))
  }
}
