// The USL fit against the published fits of R's usl 3.0.3
// (github.com/smoeding/usl) and of codahale/usl and usl4j, each dataset and
// expected figure written here by hand with the file it comes from. They
// agree to 4 significant digits (standard errors too, where published).
#include "lib/report/stats/usl_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "lib/report/stats/distributions.h"

namespace parbench::stats {
namespace {

// |got / want - 1| within half a unit of the 4th significant digit
// (and a little for the rounding of `want` itself).
void Expect4Digits(double got, double want, const char* what) {
  EXPECT_NEAR(got / want, 1, 6e-4) << what << ": got " << got << ", want " << want;
}

// R usl's data/specsdm91.rda (decoded from the R data file: load, and
// throughput in scripts per hour of a Sun SPARCcenter 2000).
const std::vector<double> kSpecLoad = {1, 18, 36, 72, 108, 144, 216};
const std::vector<double> kSpecThroughput = {64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775, 1702.2};

TEST(UslFit, SpecSdm91AsRUslPublishesIt) {
  const absl::StatusOr<UslFit> fit = FitUsl(kSpecLoad, kSpecThroughput);
  ASSERT_TRUE(fit.ok()) << fit.status();
  // README.md's summary(usl.model), and tests/summary.Rout.save:
  //   alpha 0.0277285 (Std. Error 0.0091217), beta 1.044e-04 (1.988e-05),
  //   gamma 89.9952330 (14.2134894); residual standard error 82.85 on 4 df.
  Expect4Digits(fit->sigma.value, 0.0277285, "sigma");
  Expect4Digits(fit->kappa.value, 1.044e-04, "kappa");
  Expect4Digits(fit->lambda.value, 89.9952330, "lambda");
  ASSERT_TRUE(fit->sigma.std_error && fit->kappa.std_error && fit->lambda.std_error);
  Expect4Digits(*fit->sigma.std_error, 0.0091217, "se(sigma)");
  Expect4Digits(*fit->kappa.std_error, 1.988e-05, "se(kappa)");
  Expect4Digits(*fit->lambda.std_error, 14.2134894, "se(lambda)");
  Expect4Digits(fit->residual_std_error, 82.85, "residual standard error");
  EXPECT_EQ(fit->dof, 4);
  EXPECT_FALSE(fit->sigma_at_bound);
  EXPECT_FALSE(fit->kappa_at_bound);
  EXPECT_EQ(UslBoundNote(*fit), "");
  // tests/peak-scalability.R: peak.scalability(u) = 96.51956; the summary's
  // "peak: throughput 1884 at load 96.52".
  ASSERT_TRUE(fit->peak);
  Expect4Digits(fit->peak->value, 96.51956, "N_max");
  Expect4Digits(
      fit->lambda.value * UslCapacity(fit->peak->value, fit->sigma.value, fit->kappa.value), 1884,
      "peak throughput");
  // tests/fitted.Rout.save: fitted(u) = 90 1078 1541 1850 1879 1822 1646.
  const std::vector<double> fitted = {90, 1078, 1541, 1850, 1879, 1822, 1646};
  for (std::size_t i = 0; i < kSpecLoad.size(); ++i) {
    EXPECT_NEAR(fit->lambda.value * UslCapacity(kSpecLoad[i], fit->sigma.value, fit->kappa.value),
                fitted[i], 0.5)
        << "fitted at load " << kSpecLoad[i];
  }
}

TEST(UslFit, SpecSdm91IntervalsUseTheTDistribution) {
  const absl::StatusOr<UslFit> fit = FitUsl(kSpecLoad, kSpecThroughput);
  ASSERT_TRUE(fit.ok()) << fit.status();
  const double t = StudentTQuantile(0.975, 4);
  ASSERT_TRUE(fit->sigma.ci95 && fit->kappa.ci95 && fit->peak->ci95);
  EXPECT_NEAR(fit->sigma.ci95->low, fit->sigma.value - t * *fit->sigma.std_error, 1e-12);
  EXPECT_NEAR(fit->sigma.ci95->high, fit->sigma.value + t * *fit->sigma.std_error, 1e-12);
  EXPECT_NEAR(fit->kappa.ci95->high, fit->kappa.value + t * *fit->kappa.std_error, 1e-12);
  // N_max's interval holds N_max, and its error is that of the delta method:
  // bounded by the errors of σ and κ alone (|∂N/∂σ| se_σ + |∂N/∂κ| se_κ).
  EXPECT_LT(fit->peak->ci95->low, fit->peak->value);
  EXPECT_GT(fit->peak->ci95->high, fit->peak->value);
  const double n = fit->peak->value;
  const double k = fit->kappa.value;
  const double bound = *fit->sigma.std_error / (2 * k * n) + n / (2 * k) * *fit->kappa.std_error;
  EXPECT_LE(*fit->peak->std_error, bound * (1 + 1e-12));
  EXPECT_GT(*fit->peak->std_error, 0);
}

TEST(UslFit, ThroughputAtCarriesTheCovariance) {
  const absl::StatusOr<UslFit> fit = FitUsl(kSpecLoad, kSpecThroughput);
  ASSERT_TRUE(fit.ok()) << fit.status();
  ASSERT_TRUE(fit->covariance);
  const auto& cov = *fit->covariance;
  EXPECT_NEAR(cov[1][1], *fit->sigma.std_error * *fit->sigma.std_error, 1e-15);
  EXPECT_EQ(cov[1][2], cov[2][1]);
  // At one worker the curve is λ: its error is λ's.
  const Uncertain at1 = UslThroughputAt(*fit, 1);
  EXPECT_NEAR(at1.value, fit->lambda.value, 1e-9);
  EXPECT_NEAR(*at1.std_error, *fit->lambda.std_error, 1e-9);
  // Elsewhere, gᵀΣg with g the gradient worked by hand at N = 72.
  const double n = 72;
  const double l = fit->lambda.value;
  const double d = 1 + fit->sigma.value * (n - 1) + fit->kappa.value * n * (n - 1);
  const double g[3] = {n / d, -l * n * (n - 1) / (d * d), -l * n * n * (n - 1) / (d * d)};
  double var = 0;
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) var += g[a] * cov[a][b] * g[b];
  }
  const Uncertain at72 = UslThroughputAt(*fit, n);
  EXPECT_NEAR(at72.value, l * n / d, 1e-9);
  EXPECT_NEAR(*at72.std_error, std::sqrt(var), 1e-9);
  // The curve is better known than one measurement.
  EXPECT_LT(*at72.std_error, fit->residual_std_error);
}

TEST(UslFit, SpecSdm91RoundedAsCodahaleUslFitsIt) {
  // codahale/usl cmd/usl/example.csv (specsdm91 rounded to whole numbers)
  // and cmd/usl/usl_test.go TestMainRun: σ=0.0277299, κ=0.000104343,
  // λ=89.9878, max concurrency 96 (its floor).
  const std::vector<double> x = {65, 996, 1652, 1853, 1829, 1775, 1702};
  const absl::StatusOr<UslFit> fit = FitUsl(kSpecLoad, x);
  ASSERT_TRUE(fit.ok()) << fit.status();
  Expect4Digits(fit->sigma.value, 0.0277299, "sigma");
  Expect4Digits(fit->kappa.value, 0.000104343, "kappa");
  Expect4Digits(fit->lambda.value, 89.9878, "lambda");
  ASSERT_TRUE(fit->peak);
  EXPECT_EQ(std::floor(fit->peak->value), 96);
}

TEST(UslFit, RaytracerFirstSixAsRUslConfint) {
  // R usl's data/raytracer.rda, rows 1 to 6 (processors, operations per
  // second of an SGI Origin 2000); tests/confint.Rout.save:
  //   coef:    alpha 0.02444, beta 0.00163, gamma 20.85605
  //   confint: alpha 0.00754 0.04135, beta 0.00110 0.00215,
  //            gamma 19.26717 22.44492.
  // R's confint (R/confint.R) takes qt(level, n - 1): the 95 % quantile of
  // t with 5 df, so its half width over that quantile is the standard error.
  const std::vector<double> n = {1, 4, 8, 12, 16, 20};
  const std::vector<double> x = {20, 78, 130, 170, 190, 200};
  const absl::StatusOr<UslFit> fit = FitUsl(n, x);
  ASSERT_TRUE(fit.ok()) << fit.status();
  // coef(u) prints every coefficient to 5 decimals (digits=3 for the
  // smallest, beta): each agrees to the last printed digit.
  EXPECT_NEAR(fit->sigma.value, 0.02444, 0.5e-5);
  EXPECT_NEAR(fit->kappa.value, 0.00163, 0.5e-5);
  EXPECT_NEAR(fit->lambda.value, 20.85605, 0.5e-5);
  const double q = StudentTQuantile(0.95, 5);
  // The published bounds have 3 significant digits: their half width over
  // q is good to about 3 digits of the smaller bound.
  EXPECT_NEAR(*fit->sigma.std_error, (0.04135 - 0.00754) / 2 / q, 5e-6);
  EXPECT_NEAR(*fit->kappa.std_error, (0.00215 - 0.00110) / 2 / q, 5e-6);
  EXPECT_NEAR(*fit->lambda.std_error, (22.44492 - 19.26717) / 2 / q, 5e-5);
}

TEST(UslFit, RUslTestsToTheirPrintedDigits) {
  // Each coefficient within half a unit of the last digit R printed.
  const struct {
    const char* source;
    std::vector<double> n;
    std::vector<double> x;
    double sigma, kappa, lambda;  // as printed
    double sigma_tol, kappa_tol, lambda_tol;
  } cases[] = {
      // tests/warn-accuracy.Rout.save, raytracer[1:5, ]: alpha 0.028, beta
      // 0.001, gamma 21.059 (printed with digits=1).
      {"warn-accuracy",
       {1, 4, 8, 12, 16},
       {20, 78, 130, 170, 190},
       0.028,
       0.001,
       21.059,
       0.0005,
       0.0005,
       0.0005},
      // tests/coef.R: a throughput of alpha = beta = 0.02, gamma = 1 to 5
      // digits; coef(u) prints 0.02 0.02 1.00.
      {"coef",
       {1, 2, 4, 6, 8, 10},
       {1, 1.8868, 3.0769, 3.5294, 3.5398, 3.3557},
       0.02,
       0.02,
       1.00,
       0.00005,
       0.00005,
       0.0005},
  };
  for (const auto& c : cases) {
    const absl::StatusOr<UslFit> fit = FitUsl(c.n, c.x);
    ASSERT_TRUE(fit.ok()) << c.source << ": " << fit.status();
    EXPECT_NEAR(fit->sigma.value, c.sigma, c.sigma_tol) << c.source;
    EXPECT_NEAR(fit->kappa.value, c.kappa, c.kappa_tol) << c.source;
    EXPECT_NEAR(fit->lambda.value, c.lambda, c.lambda_tol) << c.source;
  }
}

TEST(UslFit, CiscoAsCodahaleUsl4jAndTheBook) {
  // usl4j src/test/java/com/codahale/usl4j/tests/ModelTest.java and
  // codahale/usl model_test.go: Cisco's benchmark from Baron Schwartz's
  // "Practical Scalability Analysis with the Universal Scalability Law";
  // the book's fit: σ = 0.02671591, κ = 7.690945e-4, λ = 995.6486, N_max 35
  // (floored), X_max 12341.
  const std::vector<double> x = {
      955.16,   1878.91,  2688.01,  3548.68,  4315.54,  5130.43,  5931.37, 6531.08,
      7219.8,   7867.61,  8278.71,  8646.7,   9047.84,  9426.55,  9645.37, 9897.24,
      10097.6,  10240.5,  10532.39, 10798.52, 11151.43, 11518.63, 11806,   12089.37,
      12075.41, 12177.29, 12211.41, 12158.93, 12155.27, 12118.04, 12140.4, 12074.39};
  std::vector<double> n;
  for (std::size_t i = 1; i <= x.size(); ++i) n.push_back(static_cast<double>(i));
  const absl::StatusOr<UslFit> fit = FitUsl(n, x);
  ASSERT_TRUE(fit.ok()) << fit.status();
  Expect4Digits(fit->sigma.value, 0.02671591, "sigma");
  Expect4Digits(fit->kappa.value, 7.690945e-4, "kappa");
  Expect4Digits(fit->lambda.value, 995.6486, "lambda");
  ASSERT_TRUE(fit->peak);
  EXPECT_EQ(std::floor(fit->peak->value), 35);
  Expect4Digits(
      fit->lambda.value * UslCapacity(fit->peak->value, fit->sigma.value, fit->kappa.value), 12341,
      "X_max");
}

TEST(UslFit, RecoversExactParametersAndHasNoErrorAtThreePoints) {
  // model_awk_test.sh's exact case: σ = 0.05, κ = 0.002 at 1 2 4 8 (here as
  // throughput with λ = 7).
  const std::vector<double> n = {1, 2, 4, 8};
  std::vector<double> x;
  x.reserve(n.size());
  for (const double w : n) x.push_back(7 * UslCapacity(w, 0.05, 0.002));
  const absl::StatusOr<UslFit> fit = FitUsl(n, x);
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_NEAR(fit->sigma.value, 0.05, 1e-9);
  EXPECT_NEAR(fit->kappa.value, 0.002, 1e-9);
  EXPECT_NEAR(fit->lambda.value, 7, 1e-9);
  EXPECT_NEAR(fit->rms_relative_error, 0, 1e-9);
  // Three points, three parameters: an exact fit, nothing to estimate the
  // errors from.
  const absl::StatusOr<UslFit> three =
      FitUsl(std::vector<double>{1, 2, 4}, std::vector<double>(x.begin(), x.begin() + 3));
  ASSERT_TRUE(three.ok()) << three.status();
  EXPECT_EQ(three->dof, 0);
  EXPECT_FALSE(three->sigma.std_error);
  EXPECT_FALSE(three->sigma.ci95);
  EXPECT_NEAR(three->kappa.value, 0.002, 1e-9);
}

TEST(UslFit, KappaHeldAtZeroSaysNoPeak) {
  // Amdahl's law with a little upward curvature: the unconstrained κ is
  // below 0 (the speedup grows faster than Amdahl's at 32), so the bound
  // holds it and there is no peak.
  const std::vector<double> n = {1, 2, 4, 8, 16, 32};
  std::vector<double> x;
  x.reserve(n.size());
  for (const double w : n) x.push_back(100 * UslCapacity(w, 0.05, 0));
  x.back() *= 1.05;
  const absl::StatusOr<UslFit> fit = FitUsl(n, x);
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_TRUE(fit->kappa_at_bound);
  EXPECT_EQ(fit->kappa.value, 0);
  EXPECT_FALSE(fit->sigma_at_bound);
  EXPECT_GT(fit->sigma.value, 0);
  EXPECT_FALSE(fit->peak);
  EXPECT_EQ(UslBoundNote(*fit), "κ = 0 at its bound: no peak, the curve only flattens");
  // The interval of κ does not reach below its bound.
  ASSERT_TRUE(fit->kappa.ci95);
  EXPECT_EQ(fit->kappa.ci95->low, 0);
  EXPECT_GT(fit->kappa.ci95->high, 0);
  // And it is the least-squares fit with κ = 0: Amdahl's.
  const absl::StatusOr<UslFit> amdahl = FitAmdahl(n, x);
  ASSERT_TRUE(amdahl.ok()) << amdahl.status();
  EXPECT_NEAR(amdahl->sigma.value, fit->sigma.value, 1e-9);
  EXPECT_EQ(amdahl->dof, 4);
}

TEST(UslFit, RaytracerWholeHoldsKappaAtZero) {
  // R usl's data/raytracer.rda, all 11 rows: the speedup keeps growing to
  // 64 processors, and the least-squares κ would be below 0. At the bound
  // the fit is Amdahl's, and says there is no peak.
  const std::vector<double> n = {1, 4, 8, 12, 16, 20, 24, 28, 32, 48, 64};
  const std::vector<double> x = {20, 78, 130, 170, 190, 200, 210, 230, 260, 280, 310};
  const absl::StatusOr<UslFit> fit = FitUsl(n, x);
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_TRUE(fit->kappa_at_bound);
  EXPECT_FALSE(fit->sigma_at_bound);
  EXPECT_FALSE(fit->peak);
  const absl::StatusOr<UslFit> amdahl = FitAmdahl(n, x);
  ASSERT_TRUE(amdahl.ok()) << amdahl.status();
  EXPECT_NEAR(fit->sigma.value, amdahl->sigma.value, 1e-9);
  EXPECT_NEAR(fit->lambda.value, amdahl->lambda.value, 1e-7);
  // Errors as R computes them at a bound: from all three parameters'
  // Jacobian, 8 degrees of freedom.
  EXPECT_EQ(fit->dof, 8);
  EXPECT_TRUE(fit->kappa.std_error);
}

TEST(UslFit, BothHeldAtZeroForSuperlinearPoints) {
  // Better than linear (a cache effect): σ and κ both want to be below 0.
  const std::vector<double> n = {1, 2, 4, 8};
  const std::vector<double> x = {10, 21, 44, 92};
  const absl::StatusOr<UslFit> fit = FitUsl(n, x);
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_TRUE(fit->sigma_at_bound);
  EXPECT_TRUE(fit->kappa_at_bound);
  EXPECT_FALSE(fit->peak);
  EXPECT_NE(UslBoundNote(*fit).find("no peak"), std::string::npos);
  // λ alone, by least squares on λN: Σ x N / Σ N².
  EXPECT_NEAR(fit->lambda.value, (10 + 42 + 176 + 736) / 85.0, 1e-9);
}

TEST(UslFit, RejectsBadInput) {
  const std::vector<double> n = {1, 2, 4};
  EXPECT_EQ(FitUsl(n, std::vector<double>{1, 2}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FitUsl(n, std::vector<double>{1, NAN, 3}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FitUsl(n, std::vector<double>{1, -2, 3}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FitUsl(std::vector<double>{1, 2, 2}, std::vector<double>{1, 2, 2}).status().code(),
            absl::StatusCode::kInvalidArgument)
      << "two distinct worker counts cannot determine three parameters";
  EXPECT_EQ(FitUsl(std::vector<double>{0, 2, 4}, std::vector<double>{1, 2, 3}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FitAmdahl(std::vector<double>{2, 2}, std::vector<double>{1, 1}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// Gunther's quadratic: the cases of d27df6f:test/scripts/model_awk_test.sh.
std::vector<double> Capacities(const std::vector<double>& n, double sigma, double kappa,
                               const std::vector<double>& noise = {}) {
  std::vector<double> c;
  for (std::size_t i = 0; i < n.size(); ++i) {
    c.push_back(UslCapacity(n[i], sigma, kappa) * (1 + (noise.empty() ? 0 : noise[i])));
  }
  return c;
}

TEST(UslQuadratic, RecoversSigmaAndKappa) {
  const std::vector<double> n = {1, 2, 4, 8};
  const absl::StatusOr<UslQuadratic> q = FitUslQuadratic(n, Capacities(n, 0.05, 0.002));
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_NEAR(q->sigma, 0.05, 1e-9);
  EXPECT_NEAR(q->kappa, 0.002, 1e-9);
  EXPECT_NEAR(q->rms, 0, 5e-7);
  EXPECT_NEAR(*UslPeak(0.05, 0.002), 21.794494717703369, 1e-12);
}

TEST(UslQuadratic, AmdahlFromThreePoints) {
  const std::vector<double> n = {1, 2, 3};
  const absl::StatusOr<UslQuadratic> q = FitUslQuadratic(n, Capacities(n, 0.2, 0));
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_NEAR(q->sigma, 0.2, 1e-9);
  EXPECT_NEAR(q->amdahl_sigma, 0.2, 1e-9);
  EXPECT_FALSE(UslPeak(0.2, 0)) << "no peak when κ = 0";
  EXPECT_FALSE(UslPeak(1, 0.001)) << "nor when σ >= 1";
}

TEST(UslQuadratic, NoisyDataHasAnError) {
  const std::vector<double> n = {1, 2, 4, 8};
  const absl::StatusOr<UslQuadratic> q =
      FitUslQuadratic(n, Capacities(n, 0.05, 0.002, {0, 0.02, -0.02, 0.01}));
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_GT(q->rms, 0.001);
  EXPECT_LT(q->rms, 0.05);
}

TEST(UslQuadratic, RefusesWhatDoesNotDetermineIt) {
  const std::vector<double> two = {1, 2};
  EXPECT_FALSE(FitUslQuadratic(two, Capacities(two, 0.05, 0.002)).ok()) << "2 points";
  const std::vector<double> same = {2, 2, 2};
  EXPECT_FALSE(FitUslQuadratic(same, Capacities(same, 0.05, 0.002)).ok())
      << "one worker count three times";
  const std::vector<double> single = {1, 1, 4};
  EXPECT_FALSE(FitUslQuadratic(single, Capacities(single, 0.05, 0.002)).ok()) << "a single N > 1";
  EXPECT_FALSE(FitUslQuadratic(std::vector<double>{1, 2, 4}, std::vector<double>{1, 0, 2}).ok())
      << "a capacity <= 0";
}

TEST(UslQuadratic, SpecSdm91GivesTheOldFigures) {
  // The figures for parbench's old table on specsdm91 (normalised by
  // the 1-user point): σ = 0.0170, κ = 0.00008, N_max = 111.6; the
  // nonlinear fit above is the field's.
  std::vector<double> c;
  c.reserve(kSpecThroughput.size());
  for (const double x : kSpecThroughput) c.push_back(x / kSpecThroughput[0]);
  const absl::StatusOr<UslQuadratic> q = FitUslQuadratic(kSpecLoad, c);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_NEAR(q->sigma, 0.0170, 0.00005);
  EXPECT_NEAR(q->kappa, 0.00008, 0.000005);
  EXPECT_NEAR(*UslPeak(q->sigma, q->kappa), 111.6, 0.05);
}

}  // namespace
}  // namespace parbench::stats
