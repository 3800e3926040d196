# stats.awk: sorting, medians and means, erfc and the two-sided
# Mann-Whitney U test, and Google Benchmark's relative change. Plain POSIX
# awk (mawk, gawk); loaded with awk -f scripts/lib/stats.awk.
# Tested by test/scripts/stats_awk_test.sh.

# Sorts a[1..n] ascending as numbers (insertion sort: n is a few dozen).
function sort_numbers(a, n,    i, j, x) {
  for (i = 2; i <= n; i++) {
    x = a[i] + 0
    for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]
    a[j + 1] = x
  }
}

# Sorts a[1..n] ascending as strings.
function sort_strings(a, n,    i, j, x) {
  for (i = 2; i <= n; i++) {
    x = a[i] ""
    for (j = i - 1; j >= 1 && (a[j] "") > x; j--) a[j + 1] = a[j]
    a[j + 1] = x
  }
}

# Fills order[1..n] with the indexes 1..n of key[], ordered by key as
# strings (equal keys by index).
function sort_order(key, n, order,    k, i, m, f) {
  for (i = 1; i <= n; i++) k[i] = key[i] "\t" i
  sort_strings(k, n)
  for (i = 1; i <= n; i++) {
    m = split(k[i], f, "\t")
    order[i] = f[m] + 0
  }
}

# s with every number in it zero-padded to one width, so that sorting as
# strings puts workers:2 before workers:10.
function pad_numbers(s,    key) {
  key = ""
  while (match(s, /[0-9]+(\.[0-9]+)?/)) {
    key = key substr(s, 1, RSTART - 1) sprintf("%020.6f", substr(s, RSTART, RLENGTH))
    s = substr(s, RSTART + RLENGTH)
  }
  return key s
}

# Median of a[1..n] (n >= 1); a is left as it was.
function median(a, n,    w, i) {
  for (i = 1; i <= n; i++) w[i] = a[i]
  sort_numbers(w, n)
  return (n % 2) ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2
}

# Mean of a[1..n] (n >= 1).
function mean(a, n,    i, s) {
  s = 0
  for (i = 1; i <= n; i++) s += a[i]
  return s / n
}

# Sample standard deviation of a[1..n] (n >= 2).
function stddev(a, n,    m, i, ss) {
  m = mean(a, n)
  ss = 0
  for (i = 1; i <= n; i++) ss += (a[i] - m) ^ 2
  return sqrt(ss / (n - 1))
}

# Google Benchmark's tools/gbench/report.py calculate_change:
# (new - old) / |old|, or over the mean of the two when old is 0.
function rel_change(old, new) {
  if (old == 0 && new == 0) return 0
  if (old == 0) return (new - old) / ((old + new) / 2)
  return (new - old) / (old < 0 ? -old : old)
}

# erfc(x) by W. J. Cody's rational Chebyshev approximations ("Rational
# Chebyshev approximations for the error function", Math. Comp. 23 (1969)
# 631-638; coefficients as in netlib specfun CALERF). The approximations are
# good to about 18 significant digits; in IEEE double arithmetic the result
# is within a few units in the last place (relative error < 1e-15).
function erfc(x,    y, ysq, xnum, xden, r, del, i) {
  if (!ERFC_CA[1]) erfc_init()
  y = x < 0 ? -x : x
  if (y <= 0.46875) {
    ysq = (y > 1.11e-16) ? y * y : 0
    xnum = ERFC_CA[5] * ysq; xden = ysq
    for (i = 1; i <= 3; i++) { xnum = (xnum + ERFC_CA[i]) * ysq; xden = (xden + ERFC_CB[i]) * ysq }
    return 1 - x * (xnum + ERFC_CA[4]) / (xden + ERFC_CB[4])
  }
  if (y <= 4) {
    xnum = ERFC_CC[9] * y; xden = y
    for (i = 1; i <= 7; i++) { xnum = (xnum + ERFC_CC[i]) * y; xden = (xden + ERFC_CD[i]) * y }
    r = (xnum + ERFC_CC[8]) / (xden + ERFC_CD[8])
  } else if (y >= 26.543) {
    r = 0
  } else {
    ysq = 1 / (y * y)
    xnum = ERFC_CP[6] * ysq; xden = ysq
    for (i = 1; i <= 4; i++) { xnum = (xnum + ERFC_CP[i]) * ysq; xden = (xden + ERFC_CQ[i]) * ysq }
    r = ysq * (xnum + ERFC_CP[5]) / (xden + ERFC_CQ[5])
    r = (0.56418958354775628695 - r) / y
  }
  if (r != 0) {
    ysq = int(y * 16) / 16
    del = (y - ysq) * (y + ysq)
    r = exp(-ysq * ysq) * exp(-del) * r
  }
  return x < 0 ? 2 - r : r
}
function erfc_init() {
  split("3.16112374387056560 113.864154151050156 377.485237685302021 3209.37758913846947 0.185777706184603153", ERFC_CA, " ")
  split("23.6012909523441209 244.024637934444173 1282.61652607737228 2844.23683343917062", ERFC_CB, " ")
  split("0.564188496988670089 8.88314979438837594 66.1191906371416295 298.635138197400131 881.952221241769090 1712.04761263407058 2051.07837782607147 1230.33935479799725 2.15311535474403846e-8", ERFC_CC, " ")
  split("15.7449261107098347 117.693950891312499 537.181101862009858 1621.38957456669019 3290.79923573345963 4362.61909014324716 3439.36767414372164 1230.33935480374942", ERFC_CD, " ")
  split("0.305326634961232344 0.360344899949804439 0.125781726111229246 0.0160837851487422766 6.58749161529837803e-4 0.0163153871373020978", ERFC_CP, " ")
  split("2.56852019228982242 1.87295284992346047 0.527905102951428412 0.0605183413124413191 0.00233520497626869185", ERFC_CQ, " ")
}

# The two-sided p-value of a standard normal statistic z >= 0.
function p_two_sided(z,    p) {
  p = erfc(z / sqrt(2))
  return p > 1 ? 1 : p
}

# Two-sided Mann-Whitney U test of x[1..nx] against y[1..ny], as scipy's
# mannwhitneyu(x, y, alternative="two-sided"): without ties, and while the
# exact counts fit a double (mw_exact_fits), the exact p-value (scipy's
# method="exact"); otherwise the normal approximation with tie correction
# and continuity correction (method="asymptotic"). Sets U_STAT (U of x),
# Z_STAT (the normal statistic, whichever method gives p) and MW_EXACT
# (1 when p is exact), and returns the p-value.
function mann_whitney(x, nx, y, ny,    v, g, n, i, j, k, t, r, r1, ties, mu, var, d) {
  n = 0
  for (i = 1; i <= nx; i++) { n++; v[n] = x[i]; g[n] = 1 }
  for (i = 1; i <= ny; i++) { n++; v[n] = y[i]; g[n] = 2 }
  # sort the values, carrying the group labels along
  for (i = 2; i <= n; i++) {
    t = v[i]; k = g[i]
    for (j = i - 1; j >= 1 && v[j] > t; j--) { v[j + 1] = v[j]; g[j + 1] = g[j] }
    v[j + 1] = t; g[j + 1] = k
  }
  r1 = 0; ties = 0; i = 1
  while (i <= n) {
    j = i
    while (j < n && v[j + 1] == v[i]) j++
    r = (i + j) / 2          # mid-rank of the tied run i..j
    t = j - i + 1
    ties += t * t * t - t
    for (k = i; k <= j; k++) if (g[k] == 1) r1 += r
    i = j + 1
  }
  U_STAT = r1 - nx * (nx + 1) / 2
  MW_EXACT = (ties == 0 && mw_exact_fits(nx, ny))
  mu = nx * ny / 2
  var = nx * ny / 12 * ((n + 1) - ties / (n * (n - 1)))
  if (var <= 0) { Z_STAT = 0; return 1 }
  d = U_STAT - mu; if (d < 0) d = -d
  d -= 0.5; if (d < 0) d = 0
  Z_STAT = d / sqrt(var)
  if (MW_EXACT) return mw_exact_p(U_STAT, nx, ny)
  return p_two_sided(Z_STAT)
}

# Whether the exact distribution of U for sizes m and n is counted: while
# its total, C(m + n, m), is at most 2^53, so that every count is a whole
# number a double holds exactly (up to 28 against 28, 10 against 172, 8
# against 367), and m * n is at most 10,000, so that the table of counts
# stays small. See docs/tracking-regressions.md.
function mw_exact_fits(m, n,    c, i) {
  if (m < 1 || n < 1 || m * n > 10000) return 0
  if (m > n) { i = m; m = n; n = i }
  c = 1
  for (i = 1; i <= m && c <= 9007199254740992; i++) c = c * (n + i) / i
  return c <= 9007199254740992
}

# The exact null distribution of U for samples of m and n values without
# ties: MW_COUNT[u], u = 0..m*n, is the number of the C(m + n, m) ways to
# place the m values among the m + n ranks that give U = u. Their generating
# function is the Gaussian binomial coefficient [m+n choose m]_q, the
# product over i = 1..m of (1 - q^(n+i)) / (1 - q^i); after i factors the
# product is [n+i choose i]_q, itself a polynomial with whole coefficients,
# so each factor is applied in place: multiply by the numerator, divide by
# the denominator. m * (m*n) additions; the last m and n are kept.
function mw_distribution(m, n,    i, k, a, deg) {
  if (m > n) { i = m; m = n; n = i }
  if (m == MW_M && n == MW_N) return
  split("", MW_COUNT)
  MW_COUNT[0] = 1
  for (i = 1; i <= m; i++) {
    a = n + i; deg = i * n
    for (k = deg; k >= a; k--) MW_COUNT[k] = MW_COUNT[k] - MW_COUNT[k - a]
    for (k = i; k <= deg; k++) MW_COUNT[k] = MW_COUNT[k] + MW_COUNT[k - i]
  }
  MW_M = m; MW_N = n
}

# The exact two-sided p-value of U = u for sizes m and n (no ties): twice
# the probability of a U as far from m*n/2 or farther, at most 1.
function mw_exact_p(u, m, n,    k, lo, tail, total) {
  mw_distribution(m, n)
  lo = (u < m * n - u) ? u : m * n - u
  tail = total = 0
  for (k = 0; k <= m * n; k++) {
    total += MW_COUNT[k]
    if (k <= lo) tail += MW_COUNT[k]
  }
  return (2 * tail / total > 1) ? 1 : 2 * tail / total
}

# The smallest p-value the U test can give for sample sizes nx and ny:
# complete separation, no ties; exact says which method gives it (as
# MW_EXACT).
function min_pvalue(nx, ny, exact,    c, i) {
  if (nx < 1 || ny < 1) return 1
  if (exact) {
    c = 1
    for (i = 1; i <= nx; i++) c = c * (ny + i) / i
    return (2 / c > 1) ? 1 : 2 / c
  }
  return p_two_sided((nx * ny / 2 - 0.5) / sqrt(nx * ny * (nx + ny + 1) / 12))
}
