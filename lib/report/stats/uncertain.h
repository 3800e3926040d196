// A quantity with its uncertainty, and how uncertainty travels: an
// estimate with its standard error, its two-sided interval, and the
// first-order (delta method) propagation of independent errors through any
// function. docs/statistics.md says where each error comes from.
#ifndef PARBENCH_LIB_REPORT_STATS_UNCERTAIN_H_
#define PARBENCH_LIB_REPORT_STATS_UNCERTAIN_H_

#include <optional>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"

namespace parbench::stats {

// The level of every interval the report prints.
inline constexpr double kLevel = 0.95;

struct Interval {
  double low = 0;
  double high = 0;
};

// An estimate and its standard error; the error is absent when nothing
// measures it (one repetition; a fit with as many parameters as points).
struct Uncertain {
  double value = 0;
  std::optional<double> std_error;
};

// The two-sided interval of `u` at `level`, with the t quantile of `dof`
// degrees of freedom (the normal one when dof <= 0); absent when u has no
// error.
std::optional<Interval> IntervalOf(const Uncertain& u, double dof, double level = kLevel);

// The median of the samples (not empty) and its standard error, robust to
// the outliers timing data has: 1.2533 (√(π/2), the median's asymptotic
// efficiency) × 1.4826 MAD (the normal sd's consistent estimate) ÷ √n.
// Absent error with one sample, or when every sample is equal (0 then).
Uncertain MedianWithError(absl::Span<const double> samples);

// f at the values of `inputs`, with the first-order standard error of
// independent inputs: √Σ (∂f/∂x_i)² se_i², the derivatives by central
// differences of step 1e-6 × max(|x_i|, se_i) (inputs with no error or a
// zero error contribute none). The error is absent when any input that f
// depends on lacks one. For f piecewise (a max, a ceiling), the derivative
// is that of the piece the values lie on.
Uncertain Propagate(absl::FunctionRef<double(absl::Span<const double>)> f,
                    absl::Span<const Uncertain> inputs);

// Where two ranges lie: kBelow when a's interval lies wholly below b's,
// kAbove wholly above, kOverlap otherwise (the advice cannot tell them
// apart: "within the noise").
enum class Order { kBelow, kOverlap, kAbove };
Order Compare(const Interval& a, const Interval& b);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_UNCERTAIN_H_
