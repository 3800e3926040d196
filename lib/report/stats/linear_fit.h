// Straight lines through measured points: the least-squares line with the
// covariance of its coefficients (GSL's gsl_fit_linear / gsl_fit_wlinear),
// the interval of a value it predicts, and the interpolating polyline the
// cost model reads its overhead curves with (d27df6f:scripts/lib/model.awk).
#ifndef PARBENCH_LIB_REPORT_STATS_LINEAR_FIT_H_
#define PARBENCH_LIB_REPORT_STATS_LINEAR_FIT_H_

#include <optional>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/report/stats/uncertain.h"

namespace parbench::stats {

// y = intercept + slope x, with the covariance of (intercept, slope).
struct LinearFit {
  double intercept = 0;
  double slope = 0;
  double cov00 = 0;  // Var(intercept)
  double cov01 = 0;  // Cov(intercept, slope)
  double cov11 = 0;  // Var(slope)
  int points = 0;
  int dof = 0;  // points − 2 (unweighted); the t quantile's degrees of freedom
  // The residual variance: SSR / dof unweighted (0 when dof is 0); the
  // weighted fit's covariance comes from the weights instead (each y's own
  // error), and this is the weighted χ² / dof, a check on those errors.
  double residual_variance = 0;
  bool weighted = false;
};

// The ordinary least-squares line through (x[i], y[i]) (gsl_fit_linear);
// its covariance scaled by the residual variance. At least 2 distinct x;
// with exactly 2 points the line is exact and its errors absent (0, dof 0).
// Errors: InvalidArgument for unequal lengths, values not finite, or fewer
// than 2 distinct x.
absl::StatusOr<LinearFit> FitLine(absl::Span<const double> x, absl::Span<const double> y);

// The weighted least-squares line (gsl_fit_wlinear) where each y has its own
// standard error: weights 1 / se², the covariance from them alone (the
// measurements' spread, not the scatter about the line). Every se > 0.
absl::StatusOr<LinearFit> FitLineWeighted(absl::Span<const double> x,
                                          absl::Span<const Uncertain> y);

// The line's value at x, with the standard error of that value
// (gsl_fit_linear_est): the error of the fitted mean. The error is absent
// when the fit has no degrees of freedom and is unweighted.
Uncertain PredictMean(const LinearFit& fit, double x);

// The 95 % interval of one new observation at x: the mean's variance plus
// the residual variance (unweighted fits); absent without degrees of
// freedom.
std::optional<Interval> PredictionInterval(const LinearFit& fit, double x);

// y at x on the polyline through (xs[i], ys[i]) sorted by x: interpolated
// between the two points around x, extended from the nearest two outside
// them; ys[0] with one point or when every x is equal; absent with none.
std::optional<double> Interpolate(absl::Span<const double> xs, absl::Span<const double> ys,
                                  double x);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_LINEAR_FIT_H_
