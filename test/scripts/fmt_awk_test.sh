#!/bin/sh
# Tests scripts/lib/fmt.awk under every awk installed: number recognition,
# the one time formatter in its three styles, ratios, percentages and
# Markdown cells.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# ev EXPRESSION: prints the value of an awk expression, fmt.awk loaded.
ev() {
  t_awk_eval "$AWK" fmt "BEGIN { print $1 }" </dev/null
}

test_is_number() {
  t_eq "is_number: 1 -1.5e3 .5 1. +2E-3 are numbers" "11111" \
    "$(ev 'is_number("1") is_number("-1.5e3") is_number(".5") is_number("1.") is_number("+2E-3")')"
  t_eq "is_number: abc, empty, 1e, nan, inf, 1,5 are not" "000000" \
    "$(ev 'is_number("abc") is_number("") is_number("1e") is_number("nan") is_number("inf") is_number("1,5")')"
}

test_fmt_time() {
  # The tables: three significant digits, zeros kept, rounded before the
  # unit is chosen.
  t_eq "fmt_time: ms" "52.0 ms" "$(ev 'fmt_time(52e6)')"
  t_eq "fmt_time: 100 ms" "100 ms" "$(ev 'fmt_time(100e6)')"
  t_eq "fmt_time: µs" "1.50 µs" "$(ev 'fmt_time(1500)')"
  t_eq "fmt_time: s" "1.50 s" "$(ev 'fmt_time(1.5e9)')"
  t_eq "fmt_time: ns" "5.00 ns" "$(ev 'fmt_time(5)')"
  t_eq "fmt_time: 999.7 ns rounds up to 1.00 µs" "1.00 µs" "$(ev 'fmt_time(999.7)')"
  t_eq "fmt_time: 99.96 ms rounds to 100 ms" "100 ms" "$(ev 'fmt_time(99.96e6)')"
  t_eq "fmt_time: 1000 s" "1000 s" "$(ev 'fmt_time(1e12)')"
  # overheads.sh: trailing zeros dropped.
  t_eq "fmt_time short: 6.5 ms" "6.5 ms" "$(ev 'fmt_time(6.5e6, "short")')"
  t_eq "fmt_time short: 5 ms" "5 ms" "$(ev 'fmt_time(5e6, "short")')"
  t_eq "fmt_time short: 800 ns" "800 ns" "$(ev 'fmt_time(800, "short")')"
  t_eq "fmt_time short: 999.7 ns is 1 µs" "1 µs" "$(ev 'fmt_time(999.7, "short")')"
  # compare.sh: fixed decimals, ASCII.
  t_eq "fmt_time ascii: ms" "100.00 ms" "$(ev 'fmt_time(1e8, "ascii")')"
  t_eq "fmt_time ascii: us" "1.50 us" "$(ev 'fmt_time(1500, "ascii")')"
  t_eq "fmt_time ascii: s with three decimals" "1.500 s" "$(ev 'fmt_time(1.5e9, "ascii")')"
  t_eq "fmt_time ascii: not rounded before the unit" "1000.00 ns" "$(ev 'fmt_time(999.999, "ascii")')"
  t_eq "fmt_time ascii: sign kept" "-2.00 ms" "$(ev 'fmt_time(-2e6, "ascii")')"
  t_eq "fmt_time: sign kept" "-2.00 ms" "$(ev 'fmt_time(-2e6)')"
}

test_ratios() {
  t_eq "fmt_x" "1.92×" "$(ev 'fmt_x(1.923)')"
  t_eq "fmt_pct" "96 %" "$(ev 'fmt_pct(0.9615)')"
  t_eq "fmt_util below 10 %: one decimal" "5.8 %" "$(ev 'fmt_util(0.058)')"
  t_eq "fmt_util from 10 %: whole" "82 %" "$(ev 'fmt_util(0.82)')"
  t_eq "fmt_cv" "±1.9 %" "$(ev 'fmt_cv(0.0192)')"
  t_eq "fmt_workers: one" "1 worker" "$(ev 'fmt_workers(1)')"
  t_eq "fmt_workers: many" "4 workers" "$(ev 'fmt_workers(4)')"
}

test_markdown() {
  t_eq "one_line: tabs and line breaks become one blank" "a b c" "$(ev 'one_line("a\tb\r\nc")')"
  t_eq "md_cell: | escaped, on one line" 'a\|b c' "$(ev 'md_cell("a|b\nc")')"
}

main() {
  for AWK in $(t_awks); do
    printf '%s\n' "-- $AWK"
    test_is_number
    test_fmt_time
    test_ratios
    test_markdown
  done
  t_finish
}

main "$@" || exit 1
