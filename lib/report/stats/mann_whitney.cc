#include "lib/report/stats/mann_whitney.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "lib/report/stats/distributions.h"

namespace parbench::stats {
namespace {

// Every whole number up to 2^53 is a double.
constexpr double kExactWhole = 9007199254740992.0;
// The most cells of a table of counts, m n + 1.
constexpr int kMaxCells = 10000;

}  // namespace

UTest MannWhitneyU(absl::Span<const double> x, absl::Span<const double> y) {
  // The values with their side (true: x), sorted by value.
  std::vector<std::pair<double, bool>> v;
  v.reserve(x.size() + y.size());
  for (const double a : x) v.emplace_back(a, true);
  for (const double b : y) v.emplace_back(b, false);
  std::stable_sort(v.begin(), v.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto n = static_cast<double>(v.size());
  const auto nx = static_cast<double>(x.size());
  const auto ny = static_cast<double>(y.size());
  double r1 = 0;
  double ties = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j + 1 < v.size() && v[j + 1].first == v[i].first) ++j;
    // The mid-rank of the tied run i..j (ranks count from 1).
    const double r = static_cast<double>(i + 1 + j + 1) / 2;
    const auto t = static_cast<double>(j - i + 1);
    ties += t * t * t - t;
    for (std::size_t k = i; k <= j; ++k) {
      if (v[k].second) r1 += r;
    }
    i = j + 1;
  }
  UTest out;
  out.u = r1 - nx * (nx + 1) / 2;
  out.exact = ties == 0 && ExactUFits(static_cast<int>(x.size()), static_cast<int>(y.size()));
  const double mu = nx * ny / 2;
  // With fewer than two values there is no spread (and the tie term would
  // divide by zero).
  const double var = n < 2 ? 0 : nx * ny / 12 * ((n + 1) - ties / (n * (n - 1)));
  if (var <= 0) {
    out.z = 0;
    out.p = 1;
    return out;
  }
  const double d = std::max(0.0, std::fabs(out.u - mu) - 0.5);
  out.z = d / std::sqrt(var);
  out.p = out.exact ? ExactUPValue(out.u, static_cast<int>(x.size()), static_cast<int>(y.size()))
                    : TwoSidedNormalP(out.z);
  return out;
}

bool ExactUFits(int m, int n) {
  if (m < 1 || n < 1 || m * n > kMaxCells) return false;
  if (m > n) std::swap(m, n);
  double c = 1;
  for (int i = 1; i <= m && c <= kExactWhole; ++i) c = c * (n + i) / i;
  return c <= kExactWhole;
}

std::vector<double> ExactUCounts(int m, int n) {
  if (m > n) std::swap(m, n);
  std::vector<double> count(static_cast<std::size_t>(m) * n + 1, 0.0);
  count[0] = 1;
  // After i factors (1 - q^(n+i)) / (1 - q^i) the product is [n+i choose
  // i]_q, itself a polynomial with whole coefficients: each factor is
  // applied in place, multiplying by the numerator (downwards), then
  // dividing by the denominator (upwards).
  for (int i = 1; i <= m; ++i) {
    const int a = n + i;
    const int deg = i * n;
    for (int k = deg; k >= a; --k) count[k] -= count[k - a];
    for (int k = i; k <= deg; ++k) count[k] += count[k - i];
  }
  return count;
}

double ExactUPValue(double u, int m, int n) {
  const std::vector<double> count = ExactUCounts(m, n);
  const double mn = static_cast<double>(m) * n;
  const double lo = std::min(u, mn - u);
  double tail = 0;
  double total = 0;
  for (std::size_t k = 0; k < count.size(); ++k) {
    total += count[k];
    if (static_cast<double>(k) <= lo) tail += count[k];
  }
  return std::min(1.0, 2 * tail / total);
}

double MinUPValue(int nx, int ny, bool exact) {
  if (nx < 1 || ny < 1) return 1;
  if (exact) {
    double c = 1;
    for (int i = 1; i <= nx; ++i) c = c * (ny + i) / i;
    return std::min(1.0, 2 / c);
  }
  const double mn = static_cast<double>(nx) * ny;
  return TwoSidedNormalP((mn / 2 - 0.5) / std::sqrt(mn * (nx + ny + 1) / 12));
}

}  // namespace parbench::stats
