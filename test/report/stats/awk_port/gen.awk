# gen.awk: random cases for the comparison of lib/report/stats/ with the awk
# it ports (see harness.awk and awk_port_test.cc): per round, a series for
# the change points (steps, noise, outliers, ties by rounding), two samples
# for the U test, points for Gunther's quadratic, a sample to summarise, a
# cost-model setting and a polyline to interpolate.
#   gawk -v SEED=7 -v T=40 -f gen.awk > cases.txt
function r(a, b) { return a + (b - a) * rand() }
function ri(a, b) { return a + int((b - a + 1) * rand()) }
function val(level, digits) { return sprintf("%." digits "f", level * (1 + (rand() - 0.5) * NOISE)) }
BEGIN {
  srand(SEED)
  split("0.02 0.05 0.1", thrs, " "); split("0.05 0.01 0.5", alphas, " ")
  for (t = 1; t <= T; t++) {
    # change points
    n = ri(0, 90); NOISE = r(0.005, 0.08); digits = ri(0, 4)
    level = 100; s = ""
    for (i = 1; i <= n; i++) {
      if (rand() < 0.06) level *= r(0.8, 1.25)
      v = val(level, digits)
      if (rand() < 0.03) v = sprintf("%." digits "f", v * r(1.2, 1.6))
      s = s " " v
    }
    printf "cp %s %s %d %s:%s\n", thrs[ri(1, 3)], alphas[ri(1, 3)], ri(0, 4), val(level, 2), s
    # U test
    nx = ri(1, 35); ny = ri(1, 35); if (nx + ny < 2) ny = 2
    d = ri(0, 3); shift = r(0.9, 1.1)
    s = ""; for (i = 1; i <= nx; i++) s = s " " sprintf("%." d "f", r(0, 10))
    s = s " |"; for (i = 1; i <= ny; i++) s = s " " sprintf("%." d "f", r(0, 10) * shift)
    print "u:" s
    # quadratic
    m = ri(2, 8); sg = r(-0.05, 0.3); kp = r(-0.001, 0.01); s = ""; c = ""
    for (i = 1; i <= m; i++) { w = (rand() < 0.2) ? 1 : ri(1, 64); s = s " " w; c = c " " sprintf("%.6g", w / (1 + sg * (w - 1) + kp * w * (w - 1)) * (1 + r(-0.05, 0.05))) }
    print "q:" s c
    # summaries
    m = ri(1, 30); s = ""; for (i = 1; i <= m; i++) s = s " " sprintf("%.3g", r(-5, 100)); print "s:" s
    # cost model
    printf "m %.6g %d %d %.4g %d %.6g %.6g:\n", 10 ^ r(1, 7), ri(1, 5000), ri(1, 64), r(0.5, 64), ri(1, 300), 10 ^ r(2, 7), 10 ^ r(1, 5)
    # interpolation
    m = ri(1, 6); s = ""; c = ""; x = 0
    for (i = 1; i <= m; i++) { x += ri(1, 10); s = s " " x; c = c " " sprintf("%.4g", r(0, 1000)) }
    print "i:" s c " " ri(-5, 70)
  }
}
