# series_sim.awk: simulates scripts/lib/series.awk's change points on
# synthetic series of run medians, for docs/tracking-regressions.md (not
# run by ctest). Each value is a level times 1 + SD x a Gaussian, and with
# probability Q a run slowed by up to 30 % (a neighbour's burst). T times:
#   flat      N runs: any change point is a false one
#   step      20 runs, +10 % from run 12: found at 12 +-1?
#   fixed     40 runs, +20 % from run 13 to 22, then back: both steps?
# Run:
#   awk -v SEED=1 -v T=200 -v N=20 -v SD=0.01 -v Q=0 -f scripts/lib/stats.awk \
#       -f scripts/lib/series.awk -f test/scripts/series_sim.awk
function gauss() { return sqrt(-2 * log(1 - rand())) * cos(6.283185307 * rand()) }
function noise(    v) { v = 1 + SD * gauss(); if (rand() < Q) v *= 1 + 0.3 * rand(); return v }
BEGIN {
  srand(SEED)
  for (t = 1; t <= T; t++) {
    for (i = 1; i <= N; i++) x[i] = 100 * noise()
    if (cp_find(x, N, 0.05, 0.05, 3) > 0) flat++
    for (i = 1; i <= 20; i++) x[i] = (i >= 12 ? 110 : 100) * noise()
    k = cp_find(x, 20, 0.05, 0.05, 3)
    ok = 0
    for (j = 1; j <= k; j++) if (CP_AT[j] >= 11 && CP_AT[j] <= 13) ok = 1
    step += ok
    if (k > ok) extra++
    for (i = 1; i <= 40; i++) x[i] = ((i > 12 && i <= 22) ? 120 : 100) * noise()
    k = cp_find(x, 40, 0.05, 0.05, 3)
    up = down = 0
    for (j = 1; j <= k; j++) {
      if (CP_AT[j] >= 12 && CP_AT[j] <= 14) up = 1
      if (CP_AT[j] >= 22 && CP_AT[j] <= 24) down = 1
    }
    fixed += up && down
  }
  printf "SD=%.3f Q=%.2f, %d series each: flat (%d runs) with a change point %d; step found at 12+-1 %d (series with another change point %d); fixed slowdown, both steps %d\n",
    SD, Q, T, N, flat + 0, step + 0, extra + 0, fixed + 0
}
