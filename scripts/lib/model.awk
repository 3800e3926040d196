# model.awk: from measurements to predictions. The Universal Scalability
# Law fitted to measured speedups, Amdahl's serial fraction, and parbench's
# cost model of one Map() (work on the effective workers, start-up, dispatch
# per chunk) with its break-even task size. Plain POSIX awk (mawk, gawk);
# loaded with awk -f scripts/lib/model.awk. Tested by
# test/scripts/model_awk_test.sh; results/README.md explains the choices.

# The fewest worker counts a fit takes: two parameters, and N = 1 says
# nothing about them (C(1) = 1 whatever σ and κ are).
function model_min_points() { return 3 }

# Fits C(N) = N / (1 + σ(N − 1) + κN(N − 1)) to the points (N[i], C[i]),
# i = 1..m, by Gunther's quadratic through the origin: with x = N − 1 and
# y = N/C − 1 the law reads y = κx² + (σ + κ)x, a 2×2 linear least-squares
# problem. Returns 1 and sets USL_SIGMA, USL_KAPPA, USL_RMS (the root mean
# square of the relative error of the fitted C against the measured one)
# and AMDAHL_SIGMA (the same fit with κ = 0: y = σx); returns 0 when there
# are fewer than model_min_points() points, fewer than two with N > 1, or
# the system is singular.
function usl_fit(N, C, m,    i, x, y, sx2, sx3, sx4, sxy, sx2y, det, a, b, np, e, ss) {
  USL_SIGMA = USL_KAPPA = USL_RMS = AMDAHL_SIGMA = ""
  if (m < model_min_points()) return 0
  sx2 = sx3 = sx4 = sxy = sx2y = 0; np = 0
  for (i = 1; i <= m; i++) {
    if (C[i] <= 0) return 0
    x = N[i] - 1; y = N[i] / C[i] - 1
    if (x > 0) np++
    sx2 += x * x; sx3 += x * x * x; sx4 += x * x * x * x
    sxy += x * y; sx2y += x * x * y
  }
  if (np < 2) return 0
  det = sx4 * sx2 - sx3 * sx3
  if (det == 0) return 0
  a = (sx2y * sx2 - sx3 * sxy) / det    # κ
  b = (sx4 * sxy - sx3 * sx2y) / det    # σ + κ
  USL_KAPPA = a; USL_SIGMA = b - a
  AMDAHL_SIGMA = sxy / sx2
  ss = 0
  for (i = 1; i <= m; i++) {
    e = usl_capacity(N[i], USL_SIGMA, USL_KAPPA) / C[i] - 1
    ss += e * e
  }
  USL_RMS = sqrt(ss / m)
  return 1
}

# The USL's capacity (speedup) at n workers.
function usl_capacity(n, sigma, kappa) {
  return n / (1 + sigma * (n - 1) + kappa * n * (n - 1))
}

# The worker count of the USL's peak, √((1 − σ)/κ); "" when κ <= 0 (no
# peak: the curve only flattens) or σ >= 1.
function usl_nmax(sigma, kappa) {
  if (kappa <= 0 || sigma >= 1) return ""
  return sqrt((1 - sigma) / kappa)
}

# y at x on the straight line through the measured points (X[i], Y[i]),
# i = 1..m, sorted by X: interpolated between the two around x, extended
# from the nearest two outside them; Y[1] when m is 1; -1 when m is 0.
function interp_linear(X, Y, m, x,    i, lo, hi) {
  if (m < 1) return -1
  if (m == 1 || X[m] == X[1]) return Y[1]
  lo = 1
  for (i = 1; i < m; i++) if (X[i] <= x) lo = i
  if (lo >= m) lo = m - 1
  hi = lo + 1
  return Y[lo] + (Y[hi] - Y[lo]) * (x - X[lo]) / (X[hi] - X[lo])
}

# The tasks per chunk both pools use by default (lib/core/chunk_size.h):
# floor(tasks ÷ (4 × workers)), at least 1.
function default_chunk(tasks, workers,    c) {
  c = int(tasks / (4 * workers))
  return c < 1 ? 1 : c
}

# The share of the total work on the critical path of one Map(): the work
# divided over `ceiling` effective workers, or the busiest worker's chunks
# (ceil(chunks ÷ n) of them) when that is more.
function model_work_share(tasks, workers, ceiling, chunk,    chunks, rounds, share) {
  chunks = int((tasks + chunk - 1) / chunk)
  rounds = int((chunks + workers - 1) / workers)
  share = 1 / ceiling
  if (rounds * chunk / tasks > share) share = rounds * chunk / tasks
  return share
}

# The predicted time of one Map() of `tasks` tasks of `task_ns` each on
# `workers` workers: work ÷ n_effective (see model_work_share), plus `fixed`
# (start-up of a cold pool or of per-task threads or processes, and a warm
# pool's round trip), plus `dispatch` per chunk.
function model_time(task_ns, tasks, workers, ceiling, chunk, fixed, dispatch,    chunks) {
  chunks = int((tasks + chunk - 1) / chunk)
  return tasks * task_ns * model_work_share(tasks, workers, ceiling, chunk) + fixed + dispatch * chunks
}

# The task time (ns) from which the model says parallel beats Sequential:
# the s where tasks × s = model_time(s, ...). -1 when it never does (the
# critical path holds all the work).
function model_break_even(tasks, workers, ceiling, chunk, fixed, dispatch,    share, chunks) {
  share = model_work_share(tasks, workers, ceiling, chunk)
  if (share >= 1) return -1
  chunks = int((tasks + chunk - 1) / chunk)
  return (fixed + dispatch * chunks) / (tasks * (1 - share))
}

# Which term of model_time costs most against the ideal (all work spread
# evenly over `workers`): "start-up", "dispatch per chunk", or the work lost
# to the split: "the machine's ceiling" (fewer effective workers than asked
# for) or "uneven rounds" (the busiest worker has more chunks than its
# share).
function model_dominant(task_ns, tasks, workers, ceiling, chunk, fixed, dispatch,    share, lost, chunks, d) {
  chunks = int((tasks + chunk - 1) / chunk)
  d = dispatch * chunks
  share = model_work_share(tasks, workers, ceiling, chunk)
  lost = tasks * task_ns * (share - 1 / workers)
  if (lost > fixed && lost > d) return share > 1 / ceiling ? "uneven rounds" : "the machine's ceiling"
  return fixed >= d ? "start-up" : "dispatch per chunk"
}

# The tasks per chunk of a strategy's chunk rule: "default" (the pools,
# default_chunk), "per-task" (a thread, process or event per task: 1) or
# "block" (OpenMP's static schedule: one contiguous block per worker).
function model_chunk(rule, tasks, workers) {
  if (rule == "per-task") return 1
  if (rule == "block") return int((tasks + workers - 1) / workers)
  return default_chunk(tasks, workers)
}
