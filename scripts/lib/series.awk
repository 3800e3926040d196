# series.awk: a benchmark's series over a history of runs. Quantiles of a
# run's repetitions, and the change points of a series of run medians:
# binary segmentation, each split placed where a rank statistic is largest
# and kept only when the step is beyond a threshold and significant by the
# two-sided Mann-Whitney U test of stats.awk, corrected for the number of
# splits tried. Plain POSIX awk (mawk, gawk); loaded with awk -f after
# scripts/lib/stats.awk. Tested by test/scripts/series_awk_test.sh; the
# method is justified in docs/tracking-regressions.md.

# The p-quantile (0 <= p <= 1) of a[1..n] (n >= 1) by linear interpolation
# between order statistics (Hyndman and Fan's type 7: R's and numpy's
# default); a is left as it was.
function quantile(a, n, p,    w, i, h, lo) {
  for (i = 1; i <= n; i++) w[i] = a[i]
  sort_numbers(w, n)
  h = (n - 1) * p + 1
  lo = int(h)
  if (lo >= n) return w[n]
  return w[lo] + (h - lo) * (w[lo + 1] - w[lo])
}

# Change points of x[1..n], a series in time order (one value per run).
# A change point is the index of the first value of a new segment. thr is
# the least relative step (0.05: 5 %), alpha the significance level,
# minseg the fewest values a segment may have. Returns the number k of
# change points and sets, for i = 1..k in time order:
#   CP_AT[i]      the index of the first value after the step
#   CP_BEFORE[i]  the median of the segment before, CP_AFTER[i] after
#   CP_CHANGE[i]  rel_change(CP_BEFORE[i], CP_AFTER[i]): > 0 slower
#   CP_P[i]       the U test's p-value of the two segments
# and SEG_MEDIAN[j] (j = 1..n), the median of the segment holding x[j].
#
# Seeded binary segmentation (Kovacs, Li, Buehlmann and Munk, Biometrika
# 2023) with greedy selection. The candidate intervals are the whole series,
# its halves, quarters, ... (each level shifted by half a length, down to
# 2 * minseg values). In each, the best split is where the Mann-Whitney
# statistic of "before" against "after", standardised, is largest in
# absolute value (Pettitt's statistic, every split in O(len^2)); it is a
# candidate when the medians of its two parts differ by more than thr and
# the U test (stats.awk's mann_whitney) gives p < alpha / m, m the number of
# splits tried in that interval (Bonferroni: the best of m is tested). The
# most significant candidate is taken, every interval holding values on
# both sides of it is dropped, the two segments it makes join the
# candidates (as binary segmentation recurses), and so on while candidates
# are left. Short intervals find a step that a long one cannot see, such as
# a slowdown fixed a few runs later. Last, steps that the later splits left
# at or below thr between neighbouring segments are merged away, the
# smallest first.
function cp_find(x, n, thr, alpha, minseg,    b, nb, i, best, k, lo, hi, len, levels, count, shift, j, a) {
  split("", CP_AT); split("", CP_BEFORE); split("", CP_AFTER); split("", CP_CHANGE)
  split("", CP_P); split("", SEG_MEDIAN)
  split("", IV_A); split("", IV_B); split("", IV_K); split("", IV_P); split("", IV_Z)
  split("", IV_DEAD); split("", IV_SEEN)
  IV_N = 0
  # How far from the rank statistic's best split the step may be placed.
  CP_WINDOW = 3
  if (minseg < 1) minseg = 1
  cp_interval(x, 1, n, thr, alpha, minseg)
  count = 1
  for (len = n / 2; len >= 2 * minseg; len /= 2) {
    count = 2 * count + 1
    shift = (n - len) / (count - 1)
    for (j = 0; j < count; j++) {
      a = int(j * shift) + 1
      cp_interval(x, a, int(j * shift + len + 0.5), thr, alpha, minseg)
    }
  }
  nb = 0
  while (1) {
    best = 0
    for (i = 1; i <= IV_N; i++) {
      if (IV_DEAD[i] || IV_K[i] == 0) continue
      if (best == 0 || IV_P[i] < IV_P[best] || (IV_P[i] == IV_P[best] && IV_Z[i] > IV_Z[best])) best = i
    }
    if (best == 0) break
    k = IV_K[best]
    # The segment k lies in, between the change points taken so far.
    lo = 1; hi = n
    for (i = 1; i <= nb; i++) {
      if (b[i] <= k && b[i] > lo) lo = b[i]
      if (b[i] > k + 1 && b[i] - 1 < hi) hi = b[i] - 1
    }
    b[++nb] = k + 1
    for (i = 1; i <= IV_N; i++) if (IV_A[i] <= k && k < IV_B[i]) IV_DEAD[i] = 1
    cp_interval(x, lo, k, thr, alpha, minseg)
    cp_interval(x, k + 1, hi, thr, alpha, minseg)
  }
  sort_numbers(b, nb)
  nb = cp_merge(x, n, b, nb, thr)
  cp_describe(x, n, b, nb)
  return nb
}

# Adds x[lo..hi] to the candidate intervals (once), with its best split:
# IV_K (the index of the last value before the step, 0 when the split does
# not pass the threshold and the test), IV_P its p-value, IV_Z its
# standardised statistic.
function cp_interval(x, lo, hi, thr, alpha, minseg,    i, j, len, d, v, z, best, bestz, kk, left, right, nl, nr, chg, p, m, iv) {
  len = hi - lo + 1
  if (len < 2 * minseg || ((lo, hi) in IV_SEEN)) return
  IV_SEEN[lo, hi] = 1
  iv = ++IV_N
  IV_A[iv] = lo; IV_B[iv] = hi; IV_K[iv] = 0
  # d: sum over pairs (i before, j after the split) of sign(x[j] - x[i]),
  # kept up to date as the split moves right.
  d = 0; best = 0; bestz = -1
  for (i = lo; i < hi; i++) {
    v = 0
    for (j = lo; j <= hi; j++) v += (x[j] > x[i]) - (x[j] < x[i])
    d += v
    kk = i - lo + 1
    if (kk < minseg || len - kk < minseg) continue
    z = d / sqrt(kk * (len - kk) * (len + 1) / 3)
    if (z < 0) z = -z
    if (z > bestz) { bestz = z; best = i }
  }
  if (best == 0) return
  best = cp_refine(x, lo, hi, best, minseg, thr)
  nl = nr = 0
  for (i = lo; i <= best; i++) left[++nl] = x[i]
  for (i = best + 1; i <= hi; i++) right[++nr] = x[i]
  chg = rel_change(median(left, nl), median(right, nr))
  if (chg <= thr && chg >= -thr) return
  m = len - 2 * minseg + 1
  p = mann_whitney(left, nl, right, nr)
  if (p >= alpha / m) return
  IV_K[iv] = best; IV_P[iv] = p; IV_Z[iv] = bestz
}

# Where, within CP_WINDOW of split k of x[lo..hi], the step is: the split
# whose two parts lie closest to their own medians, each value's distance
# counted up to 2 * thr times the median (an outlier run costs no more than
# a value on the wrong side of a step of 2 * thr). Ranks alone do not place a
# step exactly: when the values just before it are the highest of the lower
# level, splitting before them ranks as well as splitting after them;
# magnitudes decide.
function cp_refine(x, lo, hi, k, minseg, thr,    c, best, cost, bestcost) {
  best = k; bestcost = -1
  for (c = k - CP_WINDOW; c <= k + CP_WINDOW; c++) {
    if (c - lo + 1 < minseg || hi - c < minseg) continue
    cost = cp_cost(x, lo, c, thr) + cp_cost(x, c + 1, hi, thr)
    if (bestcost < 0 || cost < bestcost) { bestcost = cost; best = c }
  }
  return best
}

# The sum of the absolute deviations of x[lo..hi] from their median m,
# each at most 2 * thr * |m|.
function cp_cost(x, lo, hi, thr,    s, k, i, m, d, t, cap) {
  k = 0
  for (i = lo; i <= hi; i++) s[++k] = x[i]
  m = median(s, k)
  cap = 2 * thr * (m < 0 ? -m : m)
  t = 0
  for (i = lo; i <= hi; i++) {
    d = x[i] - m
    if (d < 0) d = -d
    t += (d < cap) ? d : cap
  }
  return t
}

# Drops, one at a time and the smallest first, the change points b[1..nb]
# (sorted) whose neighbouring segments' medians differ by thr or less;
# returns the number left.
function cp_merge(x, n, b, nb, thr,    i, j, small, smallest, chg) {
  while (nb > 0) {
    small = 0
    for (i = 1; i <= nb; i++) {
      chg = cp_step(x, n, b, nb, i)
      if (chg < 0) chg = -chg
      if (chg <= thr && (small == 0 || chg < smallest)) { small = i; smallest = chg }
    }
    if (small == 0) break
    for (j = small; j < nb; j++) b[j] = b[j + 1]
    delete b[nb]
    nb--
  }
  return nb
}

# The relative step at change point i of b[1..nb]: from the median of the
# segment before to the median of the segment after.
function cp_step(x, n, b, nb, i) {
  return rel_change(cp_segment_median(x, (i == 1) ? 1 : b[i - 1], b[i] - 1),
                    cp_segment_median(x, b[i], (i == nb) ? n : b[i + 1] - 1))
}

function cp_segment_median(x, lo, hi,    s, k, i) {
  k = 0
  for (i = lo; i <= hi; i++) s[++k] = x[i]
  return median(s, k)
}

# Fills CP_* and SEG_MEDIAN for the change points b[1..nb].
function cp_describe(x, n, b, nb,    i, j, lo, hi, m, left, right, nl, nr, prev, next_) {
  for (i = 1; i <= nb + 1; i++) {
    lo = (i == 1) ? 1 : b[i - 1]
    hi = (i > nb) ? n : b[i] - 1
    m = cp_segment_median(x, lo, hi)
    for (j = lo; j <= hi; j++) SEG_MEDIAN[j] = m
  }
  for (i = 1; i <= nb; i++) {
    prev = (i == 1) ? 1 : b[i - 1]
    next_ = (i == nb) ? n : b[i + 1] - 1
    nl = nr = 0
    split("", left); split("", right)
    for (j = prev; j < b[i]; j++) left[++nl] = x[j]
    for (j = b[i]; j <= next_; j++) right[++nr] = x[j]
    CP_AT[i] = b[i]
    CP_BEFORE[i] = median(left, nl)
    CP_AFTER[i] = median(right, nr)
    CP_CHANGE[i] = rel_change(CP_BEFORE[i], CP_AFTER[i])
    CP_P[i] = mann_whitney(left, nl, right, nr)
  }
}

# Whether the newest value x[n] alone looks like the start of a slowdown,
# after cp_find(x, n, ...) returned nb: the values since the last change
# point before it, x[s..n-1], are at least minseg, and low, the newest
# run's lower bound (its lower quartile, or x[n] when it has none), is more
# than thr above every one of them. Only a hint: a single run cannot be
# tested against the run-to-run noise as a segment can (one value against
# many never reaches significance), and a busy moment of a shared machine
# slows a whole run. Sets NEWEST_RUNS (n - s), NEWEST_BEFORE (their median)
# and NEWEST_CHANGE (from it to x[n]).
function cp_newest(x, n, low, thr, minseg, nb,    s, i, k, seg, top) {
  s = 1
  for (i = 1; i <= nb; i++) if (CP_AT[i] < n) s = CP_AT[i]
  NEWEST_RUNS = n - s
  NEWEST_BEFORE = NEWEST_CHANGE = ""
  if (minseg < 1) minseg = 1
  if (NEWEST_RUNS < minseg) return 0
  k = 0; top = x[s]
  for (i = s; i < n; i++) { seg[++k] = x[i]; if (x[i] > top) top = x[i] }
  NEWEST_BEFORE = median(seg, k)
  NEWEST_CHANGE = rel_change(NEWEST_BEFORE, x[n])
  return rel_change(top, low) > thr
}
