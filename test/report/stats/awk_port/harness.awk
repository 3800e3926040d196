# harness.awk: runs scripts/lib/stats.awk, series.awk and model.awk on the
# lines of gen.awk and prints each result as awk_port_test.cc prints the
# C++ one (%.17g; a normal approximation's p-value to the 10 digits the
# scripts print at most, as GSL's normal tail and Cody's erfc differ in the
# last bits). The awk was deleted after d27df6f; from a checkout of it
# (git worktree add /tmp/awk d27df6f, then in /tmp/awk):
#   L=scripts/lib; gawk -f $L/stats.awk -f $L/series.awk -f $L/model.awk \
#     -f test/report/stats/awk_port/harness.awk cases.txt > expected.txt
function nums(s, a,    n, i) { n = split(s, a, " "); for (i = 1; i <= n; i++) a[i] += 0; return n }
{
  split($0, parts, ":"); nh = split(parts[1], h, " "); kind = h[1]; rest = parts[2]
  if (kind == "cp") {
    n = nums(rest, x)
    k = cp_find(x, n, h[2] + 0, h[3] + 0, h[4] + 0)
    line = "cp " k
    for (i = 1; i <= k; i++) line = line sprintf(" %d %.17g %.17g %.17g %.10g", CP_AT[i], CP_BEFORE[i], CP_AFTER[i], CP_CHANGE[i], CP_P[i])
    line = line " seg"
    for (i = 1; i <= n; i++) line = line sprintf(" %.17g", SEG_MEDIAN[i])
    if (n > 0) {
      f = cp_newest(x, n, h[5] + 0, h[2] + 0, h[4] + 0, k)
      line = line sprintf(" newest %d %d %s %s", f, NEWEST_RUNS, NEWEST_BEFORE == "" ? "" : sprintf("%f", NEWEST_BEFORE), NEWEST_CHANGE == "" ? "" : sprintf("%f", NEWEST_CHANGE))
    }
    print line
  } else if (kind == "u") {
    split(rest, uv, "|"); nx = nums(uv[1], ux); ny = nums(uv[2], uy)
    p = mann_whitney(ux, nx, uy, ny)
    printf (MW_EXACT ? "u %.17g %.17g %.17g %d | %.10g %.10g %.10g | %.4f %.3g\n" : "u %.17g %.17g %.10g %d | %.10g %.10g %.10g | %.4f %.3g\n"), U_STAT, Z_STAT, p, MW_EXACT, U_STAT, Z_STAT, p, p, p
    printf "min %.17g %.10g\n", min_pvalue(nx, ny, 1), min_pvalue(nx, ny, 0)
  } else if (kind == "q") {
    n = nums(rest, v); m = n / 2
    for (i = 1; i <= m; i++) { N[i] = v[i]; C[i] = v[m + i] }
    if (!usl_fit(N, C, m)) print "q 0"; else printf "q 1 %.17g %.17g %.17g %.17g\n", USL_SIGMA, USL_KAPPA, AMDAHL_SIGMA, USL_RMS
  } else if (kind == "s") {
    n = nums(rest, x)
    printf "s %.17g %.17g %.17g %.17g %.17g %.17g\n", median(x, n), mean(x, n), (n > 1 ? stddev(x, n) : 0), quantile(x, n, 0.25), quantile(x, n, 0.75), rel_change(x[1], x[n])
  } else if (kind == "m") {
    task = h[2]; tasks = h[3]; workers = h[4]; ceil = h[5]; chunk = h[6]; fixed = h[7]; disp = h[8]
    printf "m %.17g %.17g %s %d %d %d\n", model_time(task, tasks, workers, ceil, chunk, fixed, disp), model_break_even(tasks, workers, ceil, chunk, fixed, disp), model_dominant(task, tasks, workers, ceil, chunk, fixed, disp), default_chunk(tasks, workers), model_chunk("block", tasks, workers), model_chunk("per-task", tasks, workers)
  } else if (kind == "i") {
    n = nums(rest, v); m = (n - 1) / 2
    split("", X); split("", Y)
    for (i = 1; i <= m; i++) { X[i] = v[i]; Y[i] = v[m + i] }
    printf "i %.17g\n", interp_linear(X, Y, m, v[n])
  }
}
