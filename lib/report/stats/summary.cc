#include "lib/report/stats/summary.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace parbench::stats {
namespace {

std::vector<double> Sorted(absl::Span<const double> x) {
  std::vector<double> w(x.begin(), x.end());
  std::sort(w.begin(), w.end());
  return w;
}

}  // namespace

double Median(absl::Span<const double> x) {
  const std::vector<double> w = Sorted(x);
  const std::size_t n = w.size();
  if (n % 2 == 1) return w[n / 2];
  return (w[n / 2 - 1] + w[n / 2]) / 2;
}

double Mean(absl::Span<const double> x) {
  double s = 0;
  for (const double v : x) s += v;
  return s / static_cast<double>(x.size());
}

double StdDev(absl::Span<const double> x) {
  const double m = Mean(x);
  double ss = 0;
  for (const double v : x) ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

double Quantile(absl::Span<const double> x, double p) {
  const std::vector<double> w = Sorted(x);
  const std::size_t n = w.size();
  // 1-based, as the awk and Hyndman and Fan write it: h = (n - 1) p + 1.
  const double h = static_cast<double>(n - 1) * p + 1;
  const auto lo = static_cast<std::size_t>(h);
  if (lo >= n) return w[n - 1];
  return w[lo - 1] + (h - static_cast<double>(lo)) * (w[lo] - w[lo - 1]);
}

double RelChange(double old_value, double new_value) {
  if (old_value == 0 && new_value == 0) return 0;
  if (old_value == 0) return (new_value - old_value) / ((old_value + new_value) / 2);
  return (new_value - old_value) / std::fabs(old_value);
}

}  // namespace parbench::stats
