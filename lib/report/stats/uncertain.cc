#include "lib/report/stats/uncertain.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "lib/report/stats/distributions.h"
#include "lib/report/stats/summary.h"

namespace parbench::stats {
namespace {

// √(π/2): the standard error of a normal sample's median over that of its
// mean.
constexpr double kMedianEfficiency = 1.2533141373155003;
// 1 / Φ⁻¹(3/4): scales the median absolute deviation to the normal sd.
constexpr double kMadToSd = 1.482602218505602;
// The relative step of the central differences.
constexpr double kStep = 1e-6;

}  // namespace

std::optional<Interval> IntervalOf(const Uncertain& u, double dof, double level) {
  if (!u.std_error) return std::nullopt;
  const double half = TwoSidedMultiplier(level, dof) * *u.std_error;
  return Interval{u.value - half, u.value + half};
}

Uncertain MedianWithError(absl::Span<const double> samples) {
  Uncertain out{Median(samples), std::nullopt};
  if (samples.size() < 2) return out;
  std::vector<double> dev;
  dev.reserve(samples.size());
  for (const double v : samples) dev.push_back(std::fabs(v - out.value));
  const double sd = kMadToSd * Median(dev);
  out.std_error = kMedianEfficiency * sd / std::sqrt(static_cast<double>(samples.size()));
  return out;
}

Uncertain Propagate(absl::FunctionRef<double(absl::Span<const double>)> f,
                    absl::Span<const Uncertain> inputs) {
  std::vector<double> x;
  x.reserve(inputs.size());
  for (const Uncertain& u : inputs) x.push_back(u.value);
  Uncertain out{f(x), std::nullopt};
  double var = 0;
  bool known = true;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    // An input without an error still needs a step, to learn whether f
    // depends on it at all.
    const double scale = std::max(std::fabs(x[i]), inputs[i].std_error.value_or(0.0));
    const double h = kStep * (scale > 0 ? scale : 1.0);
    const double keep = x[i];
    x[i] = keep + h;
    const double up = f(x);
    x[i] = keep - h;
    const double down = f(x);
    x[i] = keep;
    const double slope = (up - down) / (2 * h);
    if (slope == 0) continue;
    if (!inputs[i].std_error) {
      known = false;
      continue;
    }
    var += slope * slope * *inputs[i].std_error * *inputs[i].std_error;
  }
  if (known) out.std_error = std::sqrt(var);
  return out;
}

Order Compare(const Interval& a, const Interval& b) {
  if (a.high < b.low) return Order::kBelow;
  if (a.low > b.high) return Order::kAbove;
  return Order::kOverlap;
}

}  // namespace parbench::stats
