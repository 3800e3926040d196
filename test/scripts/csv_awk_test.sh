#!/bin/sh
# Tests scripts/lib/csv.awk under every awk installed: splitting records,
# quoted fields with commas, quotes and line breaks, CRLF, and quoting.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# Reads CSV on stdin; prints each record as "n:[f1][f2]...", a line break
# inside a field shown as \n.
records() {
  t_awk_eval "$AWK" csv '{
    n = csv_read(F)
    s = n ":"
    for (i = 1; i <= n; i++) { f = F[i]; gsub(/\n/, "\\n", f); s = s "[" f "]" }
    print s }'
}

# quote TEXT: csv_quote(TEXT), and whether splitting it gives TEXT back.
quote() {
  # shellcheck disable=SC2016 # awk code, not shell
  printf '%s\n' "$1" | t_awk_eval "$AWK" csv '{
    q = csv_quote($0)
    n = csv_split(q, F)
    print q " " ((n == 1 && F[1] == $0) ? "round-trips" : "BROKEN") }'
}

test_split() {
  t_eq "plain fields, an empty one" "4:[a][b][][c]" "$(printf 'a,b,,c\n' | records)"
  t_eq "a trailing empty field" "2:[a][]" "$(printf 'a,\n' | records)"
  t_eq "quoted comma, doubled quotes" '3:[x][Odd,"Name"][y]' "$(printf 'x,"Odd,""Name""",y\n' | records)"
  t_eq "an empty quoted field" "2:[][a]" "$(printf '"",a\n' | records)"
  t_eq "a quoted field across lines, CRLF line ends" "3:[a][b\\nc][d]|2:[e][f]" \
    "$(printf 'a,"b\r\nc",d\r\ne,f\r\n' | records | tr '\n' '|' | sed 's/|$//')"
  t_eq "an empty line: no fields" "0:" "$(printf '\n' | records)"
}

test_quote() {
  t_eq "csv_quote: plain stays plain" "plain round-trips" "$(quote plain)"
  t_eq "csv_quote: a comma" '"a,b" round-trips' "$(quote 'a,b')"
  t_eq "csv_quote: quotes doubled" '"say ""hi""" round-trips' "$(quote 'say "hi"')"
  t_eq "csv_quote: CR" "$(printf '"a\rb" round-trips')" "$(quote "$(printf 'a\rb')")"
  t_eq "csv_quote: a line break" '"a|b"' \
    "$(t_awk_eval "$AWK" csv 'BEGIN { print csv_quote("a\nb") }' </dev/null | tr '\n' '|' | sed 's/|$//')"
}

main() {
  for AWK in $(t_awks); do
    printf '%s\n' "-- $AWK"
    test_split
    test_quote
  done
  t_finish
}

main "$@" || exit 1
