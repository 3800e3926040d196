# plot-shown.awk: what scripts/plot.sh's charts show, as gnuplot drew them.
# Reads the chart names (dir/names, one a line) and, per chart, the files
# plot.awk's script has gnuplot write: <kind>-<name>.axes (the axes' ranges,
# "xmin xmax ymin ymax") and <kind>-<name>.table (`set table`: every curve's
# title, then its points "x y verdict", verdict i inside the axes, o outside,
# u undefined). Prints one tab-separated line per point:
#   chart series x y where xmin xmax ymin ymax
# where is inside, outside or undefined; a curve without a point gets one
# line with x, y and where empty, so that a legend entry without points
# shows.

BEGIN {
  OFS = "\t"
  print "chart", "series", "x", "y", "where", "xmin", "xmax", "ymin", "ymax"
  split("speedup time", kinds, " ")
}
NF { for (k = 1; k <= 2; k++) chart(kinds[k] "-" $0) }

# The lines of one chart, when it was drawn.
function chart(c,    axes, table, line, a, series, n, f, where) {
  axes = dir "/" c ".axes"; table = dir "/" c ".table"
  if ((getline line < axes) <= 0) return
  close(axes)
  split(line, a, " ")
  series = ""; n = -1
  while ((getline line < table) > 0) {
    if (line ~ /^# Curve title: /) {
      if (n == 0) print c ".png", series, "", "", "", a[1], a[2], a[3], a[4]
      series = substr(line, 17, length(line) - 17); n = 0
      continue
    }
    if (line ~ /^#/ || split(line, f, " ") < 3) continue
    where = (f[3] == "i") ? "inside" : (f[3] == "o") ? "outside" : "undefined"
    print c ".png", series, f[1], f[2], where, a[1], a[2], a[3], a[4]
    n++
  }
  close(table)
  if (n == 0) print c ".png", series, "", "", "", a[1], a[2], a[3], a[4]
}
