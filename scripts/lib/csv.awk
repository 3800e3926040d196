# csv.awk: reading and writing CSV as RFC 4180 has it (json2csv.sh's
# output): fields with a comma, a quote or a line break are quoted, a quote
# inside is doubled, a quoted field may span lines. Plain POSIX awk (mawk,
# gawk); loaded with awk -f scripts/lib/csv.awk.
# Tested by test/scripts/csv_awk_test.sh.

# Reads the CSV record that starts at the current input line ($0) into
# F[1..n], reading on with getline while a quoted field is still open, and
# returns n. A CR before a line break is dropped.
function csv_read(F,    rec, line) {
  sub(/\r$/, "")
  rec = $0
  while (csv_open_quote(rec) && (getline line) > 0) {
    sub(/\r$/, "", line)
    rec = rec "\n" line
  }
  return csv_split(rec, F)
}

# 1 while s holds an odd number of quotes: a quoted field goes on.
function csv_open_quote(s) {
  return gsub(/"/, "\"", s) % 2
}

# Splits one complete CSV record into F[1..n]; returns n.
function csv_split(s, F,    n, i, c, f, inq, len) {
  split("", F)
  if (index(s, "\"") == 0) return split(s, F, ",")
  n = 0; f = ""; inq = 0; len = length(s)
  for (i = 1; i <= len; i++) {
    c = substr(s, i, 1)
    if (inq) {
      if (c == "\"") {
        if (substr(s, i + 1, 1) == "\"") { f = f "\""; i++ } else inq = 0
      } else f = f c
    } else if (c == "\"") inq = 1
    else if (c == ",") { F[++n] = f; f = "" }
    else f = f c
  }
  F[++n] = f
  return n
}

# s as a CSV field: quoted when it holds a comma, a quote or a line break.
function csv_quote(s) {
  if (s ~ /[",\r\n]/) { gsub(/"/, "\"\"", s); s = "\"" s "\"" }
  return s
}
