// Straight-line fits checked against the textbook formulas (computed here
// independently of GSL), and interpolation with the cases of
// d27df6f:test/scripts/model_awk_test.sh.
#include "lib/report/stats/linear_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "lib/report/stats/distributions.h"

namespace parbench::stats {
namespace {

// The ordinary least-squares line and its errors by the formulas: slope
// Sxy/Sxx; s² = SSR/(n − 2); Var(slope) = s²/Sxx; Var(intercept) = s²(1/n
// + x̄²/Sxx); Var(mean at x) = s²(1/n + (x − x̄)²/Sxx).
struct ByHand {
  double intercept, slope, s2, sxx, xbar;
  int n;
};
ByHand Formulas(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  double xbar = 0;
  double ybar = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    xbar += x[i] / n;
    ybar += y[i] / n;
  }
  double sxx = 0;
  double sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - xbar) * (x[i] - xbar);
    sxy += (x[i] - xbar) * (y[i] - ybar);
  }
  const double slope = sxy / sxx;
  const double intercept = ybar - slope * xbar;
  double ssr = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = y[i] - intercept - slope * x[i];
    ssr += r * r;
  }
  return {intercept, slope, ssr / (n - 2), sxx, xbar, static_cast<int>(x.size())};
}

const std::vector<double> kX = {1, 2, 3, 4, 5, 6};
const std::vector<double> kY = {2.1, 3.9, 6.2, 7.8, 10.1, 12.3};

TEST(LinearFit, AgreesWithTheFormulas) {
  const absl::StatusOr<LinearFit> fit = FitLine(kX, kY);
  ASSERT_TRUE(fit.ok()) << fit.status();
  const ByHand h = Formulas(kX, kY);
  EXPECT_NEAR(fit->slope, h.slope, 1e-12);
  EXPECT_NEAR(fit->intercept, h.intercept, 1e-12);
  EXPECT_EQ(fit->dof, 4);
  EXPECT_NEAR(fit->residual_variance, h.s2, 1e-12);
  EXPECT_NEAR(fit->cov11, h.s2 / h.sxx, 1e-12);
  EXPECT_NEAR(fit->cov00, h.s2 * (1.0 / h.n + h.xbar * h.xbar / h.sxx), 1e-12);
}

TEST(LinearFit, PredictedMeanAndNewObservation) {
  const absl::StatusOr<LinearFit> fit = FitLine(kX, kY);
  ASSERT_TRUE(fit.ok()) << fit.status();
  const ByHand h = Formulas(kX, kY);
  const double x = 10;  // beyond the points: the interval widens
  const Uncertain mean = PredictMean(*fit, x);
  EXPECT_NEAR(mean.value, h.intercept + h.slope * x, 1e-12);
  const double lever = 1.0 / h.n + (x - h.xbar) * (x - h.xbar) / h.sxx;
  ASSERT_TRUE(mean.std_error);
  EXPECT_NEAR(*mean.std_error, std::sqrt(h.s2 * lever), 1e-12);
  const std::optional<Interval> pi = PredictionInterval(*fit, x);
  ASSERT_TRUE(pi);
  const double half = StudentTQuantile(0.975, 4) * std::sqrt(h.s2 * (1 + lever));
  EXPECT_NEAR(pi->low, mean.value - half, 1e-9);
  EXPECT_NEAR(pi->high, mean.value + half, 1e-9);
  EXPECT_GT(*PredictMean(*fit, 10).std_error, *PredictMean(*fit, 3.5).std_error);
}

TEST(LinearFit, TwoPointsAreExactWithoutErrors) {
  const absl::StatusOr<LinearFit> fit =
      FitLine(std::vector<double>{1, 3}, std::vector<double>{5, 9});
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_NEAR(fit->slope, 2, 1e-12);
  EXPECT_NEAR(fit->intercept, 3, 1e-12);
  EXPECT_EQ(fit->dof, 0);
  EXPECT_FALSE(PredictMean(*fit, 2).std_error);
  EXPECT_FALSE(PredictionInterval(*fit, 2));
}

TEST(LinearFit, WeightedByEachPointsError) {
  // Every y with the same error σ: the unweighted line, its covariance
  // σ²(XᵀX)⁻¹ from the weights alone.
  const double sigma = 0.2;
  std::vector<Uncertain> y;
  y.reserve(kY.size());
  for (const double v : kY) y.push_back({v, sigma});
  const absl::StatusOr<LinearFit> fit = FitLineWeighted(kX, y);
  ASSERT_TRUE(fit.ok()) << fit.status();
  const ByHand h = Formulas(kX, kY);
  EXPECT_NEAR(fit->slope, h.slope, 1e-12);
  EXPECT_NEAR(fit->cov11, sigma * sigma / h.sxx, 1e-12);
  EXPECT_TRUE(fit->weighted);
  // A point with a larger error pulls less: raise one y and its error.
  y[5] = {20, 100};
  const absl::StatusOr<LinearFit> pulled = FitLineWeighted(kX, y);
  ASSERT_TRUE(pulled.ok()) << pulled.status();
  EXPECT_NEAR(pulled->slope, h.slope, 0.2);
  // Errors must be given and positive.
  y[5] = {20, 0.0};
  EXPECT_EQ(FitLineWeighted(kX, y).status().code(), absl::StatusCode::kInvalidArgument);
  y[5] = {20, std::nullopt};
  EXPECT_EQ(FitLineWeighted(kX, y).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(LinearFit, RejectsBadInput) {
  EXPECT_EQ(FitLine(kX, std::vector<double>{1, 2}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FitLine(std::vector<double>{2, 2, 2}, std::vector<double>{1, 2, 3}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      FitLine(std::vector<double>{1, 2, 3}, std::vector<double>{1, INFINITY, 3}).status().code(),
      absl::StatusCode::kInvalidArgument);
}

TEST(Interpolate, AsTheCostModelReadsItsCurves) {
  const std::vector<double> x = {1, 10};
  EXPECT_EQ(*Interpolate(x, std::vector<double>{1, 10}, 5.5), 5.5) << "between points";
  EXPECT_EQ(*Interpolate(x, std::vector<double>{2, 11}, 19), 20) << "extended beyond";
  EXPECT_EQ(*Interpolate(x, std::vector<double>{2, 11}, 0), 1) << "extended below";
  EXPECT_EQ(*Interpolate(std::vector<double>{4}, std::vector<double>{7}, 19), 7) << "one point";
  EXPECT_FALSE(Interpolate({}, {}, 3)) << "none";
  // Beyond the last two points, which share an x: no segment to extend
  // (the awk divided by zero), the lower point's y.
  EXPECT_EQ(*Interpolate(std::vector<double>{1, 2, 4, 4}, std::vector<double>{1, 2, 5, 9}, 5), 5);
}

}  // namespace
}  // namespace parbench::stats
