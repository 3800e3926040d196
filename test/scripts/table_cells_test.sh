#!/bin/sh
# Tests scripts/table.sh cell by cell on a real run with every strategy and
# every workload, the I/O families included: each cell's speedup is
# Sequential's median ÷ the cell's median and its efficiency the speedup ÷
# workers, in the Markdown and in --tsv, and the bold cell of each column is
# the fastest there. The expected values are computed here from the fixture
# with jq, never written by hand, so a wrong number in one cell names that
# cell (table_test.sh's golden file only says the file differs).
#
# The fixture, table-cells.json, is bench's JSON of
#   bench --workers=1,2 --tasks=2 --cpu_count=2000000 --io_latency_ms=5
#     --ionet_latency_ms=5 --iofile_bytes=4096 --memory_ints=200000
#     --benchmark_filter='^(Cpu|Io|IoNet|IoFile|Memory)/(Sequential|ThreadPool|ProcessPool|ThreadPerTask|ProcessPerTask|EventLoop|OpenMp|BareThreads)/(cold/|warm/)?workers'
#     --benchmark_min_time=0.02 --benchmark_repetitions=2
# on a shared 2-vCPU machine (its times are noisy; only the arithmetic on
# them is tested), with the aggregate records left out (table.sh uses the
# repetitions themselves) and one record a line.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

TABLE=$SCRIPTS/table.sh
FIXTURE=$FIXTURES/table-cells.json

# One line per cell of the fixture: workload, row label (as table.sh names
# rows), workers, median in ns, speedup, efficiency, whether it is the
# fastest of its column (BareThreads, a ceiling, left out), and whether it
# is Sequential's.
expected_cells() {
  jq -r '
    def median: sort | if length % 2 == 1 then .[(length - 1) / 2]
                       else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    [ .benchmarks[]
      | select(.run_type == "iteration")
      | (.name | split("/")) as $part
      | { workload: $part[0],
          label: ($part[1] + (if $part[2] == "cold" or $part[2] == "warm"
                               then " (\($part[2]))" else "" end)),
          ceiling: ($part[1] == "BareThreads"),
          sequential: ($part[1] == "Sequential"),
          workers: (.name | capture("/workers:(?<n>[0-9]+)/").n | tonumber),
          ns: (.real_time * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[.time_unit]) } ]
    | group_by([.workload, .label, .workers])
    | map(.[0] + {median: (map(.ns) | median)} | del(.ns))
    | . as $cells
    | (map(select(.sequential)) | map({(.workload): .median}) | add) as $base
    | (map(select(.ceiling | not)) | group_by([.workload, .workers])
       | map(min_by(.median) | {key: "\(.workload)/\(.workers)", value: .label})
       | from_entries) as $best
    | $cells[]
    | ($base[.workload] / .median) as $speedup
    | [.workload, .label, .workers, .median, $speedup, $speedup / .workers,
       (if $best["\(.workload)/\(.workers)"] == .label then 1 else 0 end),
       (if .sequential then 1 else 0 end)]
    | @tsv' "$FIXTURE"
}

# The main table of each workload in table.sh's Markdown (the first table
# after its "## <workload>, <n> tasks" heading), one line per cell:
# workload, row label, workers, cell text.
markdown_cells() {
  awk '
    function inner(s) { return substr(s, 3, length(s) - 4) }  # "| a | b |" -> "a | b"
    /^## / {
      title = substr($0, 4); sub(/, [0-9]+ tasks$/, "", title)
      seen_table = 0; in_table = 0; next
    }
    /^\| Strategy \|/ && !seen_table {
      n = split(inner($0), head, / \| /)
      for (i = 2; i <= n; i++) { w = head[i]; sub(/ .*/, "", w); workers[i] = w }
      seen_table = 1; in_table = 1; next
    }
    in_table && /^\|:--/ { next }
    in_table && /^\| / {
      n = split(inner($0), c, / \| /)
      label = c[1]; sub(/ \(ceiling\)$/, "", label)
      for (i = 2; i <= n; i++) printf "%s\t%s\t%s\t%s\n", title, label, workers[i], c[i]
      next
    }
    { in_table = 0 }' "$1"
}

# Joins the expected cells with the Markdown and the --tsv cells; prints
# one line per table row ("ok" or "FAIL", its name, what differs) and one
# per column ("ok" or "FAIL", which cell is bold and which should be).
judge() {
  awk -F '\t' -v expected="$1" -v markdown="$2" -v tsv="$3" '
    function key(w, l, n) { return w SUBSEP l SUBSEP n }
    function near(a, b, rel) { return (a - b <= rel * b) && (b - a <= rel * b) }
    FILENAME == expected {
      k = key($1, $2, $3)
      if (!(($1 SUBSEP $2) in row_seen)) { row_seen[$1 SUBSEP $2] = 1; rows[++nrows] = $1 SUBSEP $2 }
      if (!(($1 SUBSEP $3) in col_seen)) { col_seen[$1 SUBSEP $3] = 1; cols[++ncols] = $1 SUBSEP $3 }
      row_workers[$1 SUBSEP $2] = row_workers[$1 SUBSEP $2] ", " $3
      median[k] = $4; speedup[k] = $5; efficiency[k] = $6; best[k] = $7; seq[k] = $8
      if ($7 == 1) col_best[$1 SUBSEP $3] = $2
      next
    }
    FILENAME == markdown {
      k = key($1, $2, $3); md[k] = $4
      if ($4 ~ /^\*\*/) col_bold[$1 SUBSEP $3] = col_bold[$1 SUBSEP $3] (col_bold[$1 SUBSEP $3] == "" ? "" : ", ") $2
      next
    }
    FILENAME == tsv && FNR > 1 {
      k = key($3, $7, $8)
      tsv_median[k] = $9; tsv_speedup[k] = $11; tsv_efficiency[k] = $12; tsv_state[k] = $13
    }
    END {
      for (r = 1; r <= nrows; r++) {
        split(rows[r], rw, SUBSEP); problem = ""
        nw = split(substr(row_workers[rows[r]], 3), ws, ", ")
        for (i = 1; i <= nw; i++) {
          k = key(rw[1], rw[2], ws[i]); at = " at " ws[i] " workers: "
          if (!(k in md)) { problem = problem at "no Markdown cell;"; continue }
          if (seq[k] && ws[i] == 1) {
            if (index(md[k], "(baseline)") == 0) problem = problem at "\"" md[k] "\" is not the baseline;"
          } else {
            want = sprintf(" · %.2f× · %.0f %% ", speedup[k], 100 * efficiency[k])
            if (index(md[k], want) == 0) problem = problem at "\"" md[k] "\" lacks \"" want "\";"
          }
          if (tsv_state[k] != "ok") { problem = problem at "--tsv state \"" tsv_state[k] "\";"; continue }
          if (!near(tsv_median[k], median[k], 1e-5)) problem = problem at "--tsv median " tsv_median[k] ", want " median[k] ";"
          if (!near(tsv_speedup[k], speedup[k], 1e-3)) problem = problem at "--tsv speedup " tsv_speedup[k] ", want " speedup[k] ";"
          if (!near(tsv_efficiency[k], efficiency[k], 1e-3)) problem = problem at "--tsv efficiency " tsv_efficiency[k] ", want " efficiency[k] ";"
        }
        printf "%s\t%s, %s: median, speedup and efficiency at %s %s\n", (problem == "" ? "ok" : "FAIL"), rw[1], rw[2], substr(row_workers[rows[r]], 3), (nw == 1 && ws[1] == 1 ? "worker\t" : "workers\t") problem
      }
      for (c = 1; c <= ncols; c++) {
        split(cols[c], cw, SUBSEP)
        ok = col_bold[cols[c]] == col_best[cols[c]]
        printf "%s\t%s, %s %s: the bold cell is the fastest, %s\t%s\n", (ok ? "ok" : "FAIL"), cw[1], cw[2], (cw[2] == 1 ? "worker" : "workers"), col_best[cols[c]], (ok ? "" : "bold: " col_bold[cols[c]])
      }
    }' "$1" "$2" "$3"
}

test_fixture_covers_everything() {
  # shellcheck disable=SC2016 # jq's variables, not the shell's
  t_eq "the fixture has every strategy on every workload at 1 and 2 workers" \
    "Cpu Io IoFile IoNet Memory|BareThreads EventLoop OpenMp ProcessPerTask ProcessPool ThreadPerTask ThreadPool Sequential|2" \
    "$(jq -r '[.benchmarks[].name | split("/")] as $n
      | ([$n[][0]] | unique | join(" ")) + "|"
        + ([$n[][1]] | unique - ["Sequential"] | . + ["Sequential"] | join(" ")) + "|"
        + ([$n[] | .[-3]] | unique | length | tostring)' "$FIXTURE")"
  t_eq "the fixture has no error" 0 "$(jq '[.benchmarks[] | select(.error_occurred)] | length' "$FIXTURE")"
}

test_cells() {
  expected_cells >"$T_TMP/expected" || { t_fail "jq computes the expected cells"; return; }
  t_run sh "$TABLE" "$FIXTURE"
  t_eq "table.sh: exit 0" 0 "$T_STATUS"
  markdown_cells "$T_TMP/out" >"$T_TMP/md"
  t_run sh "$TABLE" --tsv "$FIXTURE"
  t_eq "table.sh --tsv: exit 0" 0 "$T_STATUS"
  cp "$T_TMP/out" "$T_TMP/tsv"
  t_eq "one Markdown cell per measured cell" "$(wc -l <"$T_TMP/expected")" \
    "$(grep -cv '	–$' "$T_TMP/md")"

  judge "$T_TMP/expected" "$T_TMP/md" "$T_TMP/tsv" >"$T_TMP/judged"
  t_check "every row and column judged" test -s "$T_TMP/judged"
  while IFS='	' read -r verdict name detail; do
    if [ "$verdict" = ok ]; then
      t_pass "$name"
    else
      t_fail "$name" "$detail"
    fi
  done <"$T_TMP/judged"
}

main() {
  test_fixture_covers_everything
  test_cells
  t_finish
}

main "$@"
