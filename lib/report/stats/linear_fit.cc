#include "lib/report/stats/linear_fit.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include <cmath>
#include <cstddef>
#include <set>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "lib/report/stats/distributions.h"

namespace parbench::stats {
namespace {

absl::Status CheckLine(absl::Span<const double> x, std::size_t ny) {
  if (x.size() != ny) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%zu x values but %zu y values", x.size(), ny));
  }
  std::set<double> distinct;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      return absl::InvalidArgumentError(absl::StrFormat("point %zu: x is not finite", i));
    }
    distinct.insert(x[i]);
  }
  if (distinct.size() < 2) {
    return absl::InvalidArgumentError(
        absl::StrFormat("needs 2 distinct x values, has %zu", distinct.size()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<LinearFit> FitLine(absl::Span<const double> x, absl::Span<const double> y) {
  UseGslStatusCodes();
  if (absl::Status s = CheckLine(x, y.size()); !s.ok()) return s;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!std::isfinite(y[i])) {
      return absl::InvalidArgumentError(absl::StrFormat("point %zu: y is not finite", i));
    }
  }
  LinearFit fit;
  fit.points = static_cast<int>(x.size());
  fit.dof = fit.points - 2;
  double sumsq = 0;
  const int status = gsl_fit_linear(x.data(), 1, y.data(), 1, x.size(), &fit.intercept, &fit.slope,
                                    &fit.cov00, &fit.cov01, &fit.cov11, &sumsq);
  if (status != GSL_SUCCESS) {
    return absl::FailedPreconditionError(
        absl::StrFormat("gsl_fit_linear: %s", gsl_strerror(status)));
  }
  if (fit.dof == 0) {
    // GSL divides the sum of squares by n − 2 = 0: the exact line has no
    // error to estimate.
    fit.cov00 = fit.cov01 = fit.cov11 = 0;
  } else {
    fit.residual_variance = sumsq / fit.dof;
  }
  return fit;
}

absl::StatusOr<LinearFit> FitLineWeighted(absl::Span<const double> x,
                                          absl::Span<const Uncertain> y) {
  UseGslStatusCodes();
  if (absl::Status s = CheckLine(x, y.size()); !s.ok()) return s;
  std::vector<double> values;
  std::vector<double> weights;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!std::isfinite(y[i].value) || !y[i].std_error || !(*y[i].std_error > 0)) {
      return absl::InvalidArgumentError(
          absl::StrFormat("point %zu: needs a finite y with a positive standard error", i));
    }
    values.push_back(y[i].value);
    weights.push_back(1 / (*y[i].std_error * *y[i].std_error));
  }
  LinearFit fit;
  fit.points = static_cast<int>(x.size());
  fit.dof = fit.points - 2;
  fit.weighted = true;
  double chisq = 0;
  const int status =
      gsl_fit_wlinear(x.data(), 1, weights.data(), 1, values.data(), 1, x.size(), &fit.intercept,
                      &fit.slope, &fit.cov00, &fit.cov01, &fit.cov11, &chisq);
  if (status != GSL_SUCCESS) {
    return absl::FailedPreconditionError(
        absl::StrFormat("gsl_fit_wlinear: %s", gsl_strerror(status)));
  }
  if (fit.dof > 0) fit.residual_variance = chisq / fit.dof;
  return fit;
}

Uncertain PredictMean(const LinearFit& fit, double x) {
  Uncertain out;
  double se = 0;
  // gsl_fit_linear_est cannot fail: it evaluates the line and its variance.
  gsl_fit_linear_est(x, fit.intercept, fit.slope, fit.cov00, fit.cov01, fit.cov11, &out.value, &se);
  if (fit.weighted || fit.dof > 0) out.std_error = se;
  return out;
}

std::optional<Interval> PredictionInterval(const LinearFit& fit, double x) {
  const Uncertain mean = PredictMean(fit, x);
  if (!mean.std_error || fit.dof <= 0) return std::nullopt;
  const double noise = fit.weighted ? 0 : fit.residual_variance;
  const Uncertain one{mean.value, std::sqrt(*mean.std_error * *mean.std_error + noise)};
  return IntervalOf(one, fit.weighted ? 0 : fit.dof);
}

std::optional<double> Interpolate(absl::Span<const double> xs, absl::Span<const double> ys,
                                  double x) {
  const std::size_t m = xs.size();
  if (m < 1 || ys.size() != m) return std::nullopt;
  if (m == 1 || xs[m - 1] == xs[0]) return ys[0];
  // The last point at or below x, but not the last point: the segment
  // from it to the next.
  std::size_t lo = 0;
  for (std::size_t i = 0; i + 1 < m; ++i) {
    if (xs[i] <= x) lo = i;
  }
  const std::size_t hi = lo + 1;
  // Two points at one x make no segment (the awk divided by zero there).
  if (xs[hi] == xs[lo]) return ys[lo];
  return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo]);
}

}  // namespace parbench::stats
