# regress-summary.awk: the program of scripts/regress-summary.sh, by PART.
# PART=commits reads regress.sh's revisions.txt (side, commit, revision as
# given, subject; tab-separated) and prints a Markdown table row per side.
# PART=tables reads compare.sh --format=md and prints it twice: the
# regressions alone, then every benchmark with the slower and the faster
# first; compare.sh's two closing lines follow. Loaded after lib/fmt.awk.

PART == "commits" {
  printf "| %s | `%s` | `%s` | %s |\n", $1, substr($2, 1, 12), md_cell($3), md_cell($4)
  next
}

PART == "tables" && /^\| Benchmark \|/ { header = $0; next }
PART == "tables" && /^\| --- / { rule = $0; next }
PART == "tables" && /^\| / {
  if (index($0, "| **slower** |")) slower[++ns] = $0
  else if (index($0, "| faster |")) faster[++nf] = $0
  else rest[++nr] = $0
  next
}
PART == "tables" && NF { closing[++nc] = $0 }

END {
  if (PART != "tables") exit
  print "### Regressions"
  print ""
  if (ns == 0) print "None: no benchmark is slower beyond the threshold and, with enough repetitions, significantly."
  else {
    print header; print rule
    for (i = 1; i <= ns; i++) print slower[i]
  }
  print ""
  print "### Every benchmark, the slower and the faster first"
  print ""
  print header; print rule
  for (i = 1; i <= ns; i++) print slower[i]
  for (i = 1; i <= nf; i++) print faster[i]
  for (i = 1; i <= nr; i++) print rest[i]
  print ""
  for (i = 1; i <= nc; i++) print closing[i]
}
