# fmt.awk: numbers and how parbench's reports print them. One time formatter
# in three styles, ratios, percentages, worker counts and Markdown cells.
# Plain POSIX awk (mawk, gawk); loaded with awk -f scripts/lib/fmt.awk.
# Tested by test/scripts/fmt_awk_test.sh.

# 1 when x is a plain decimal number: sign, digits, point, exponent.
function is_number(x) {
  return x ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/
}

# A time in nanoseconds, in the unit that suits it. The style:
#   ""       three significant digits, zeros kept, µs: "52.0 ms", "1.50 µs",
#            "100 ms" (table.sh). Rounded first, so 999.7 ns is "1.00 µs".
#   "short"  three significant digits, trailing zeros dropped: "6.5 ms",
#            "5 ms" (overheads.sh).
#   "ascii"  fixed decimals, ASCII unit, not rounded first: "52.00 ms",
#            "1.50 us", "1.500 s" (compare.sh's columns, read in CI logs).
# A negative time keeps its sign.
function fmt_time(ns, style,    sign, r, scale, unit) {
  sign = ""
  if (ns < 0) { sign = "-"; ns = -ns }
  if (style == "ascii") {
    if (ns < 1e3) return sign sprintf("%.2f ns", ns)
    if (ns < 1e6) return sign sprintf("%.2f us", ns / 1e3)
    if (ns < 1e9) return sign sprintf("%.2f ms", ns / 1e6)
    return sign sprintf("%.3f s", ns / 1e9)
  }
  r = sprintf("%.3g", ns) + 0
  if (r < 1e3) { scale = 1; unit = " ns" }
  else if (r < 1e6) { scale = 1e3; unit = " µs" }
  else if (r < 1e9) { scale = 1e6; unit = " ms" }
  else { scale = 1e9; unit = " s" }
  if (style == "short") return sign sprintf("%.3g", r / scale) unit
  return sign fmt_sig3(r / scale) unit
}

# x (>= 0, already rounded to three significant digits) with three
# significant digits, trailing zeros kept: 100, 52.0, 1.50.
function fmt_sig3(x) {
  if (x >= 99.95) return sprintf("%.0f", x)
  if (x >= 9.995) return sprintf("%.1f", x)
  return sprintf("%.2f", x)
}

# A ratio: "1.92×".
function fmt_x(x) { return sprintf("%.2f×", x) }

# A fraction as a whole percentage: 0.96 -> "96 %".
function fmt_pct(x) { return sprintf("%.0f %%", 100 * x) }

# A fraction as a percentage, one decimal below 10 %: "5.8 %", "82 %".
function fmt_util(x) { return sprintf(100 * x < 9.95 ? "%.1f %%" : "%.0f %%", 100 * x) }

# A coefficient of variation: "±1.9 %".
function fmt_cv(x) { return sprintf("±%.1f %%", 100 * x) }

# "1 worker", "4 workers".
function fmt_workers(w) { return w (w == 1 ? " worker" : " workers") }

# s on one line: tabs and line breaks become one space.
function one_line(s) {
  gsub(/[\t\r\n]+/, " ", s)
  return s
}

# s as the text of a Markdown table cell: on one line, "|" escaped.
function md_cell(s) {
  s = one_line(s)
  gsub(/\|/, "\\|", s)
  return s
}
