// The Universal Scalability Law fitted as the field fits it (R's usl 2.0 and
// later, codahale/usl, usl4j): throughput X(N) = λN / (1 + σ(N−1) + κN(N−1))
// by nonlinear least squares (GSL's trust region), σ and κ bounded below by
// 0, with standard errors and 95 % intervals of σ, κ and the peak N_max.
// Gunther's quadratic transform, parbench's old fit, stays as the start.
#ifndef PARBENCH_LIB_REPORT_STATS_USL_FIT_H_
#define PARBENCH_LIB_REPORT_STATS_USL_FIT_H_

#include <array>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/report/stats/uncertain.h"

namespace parbench::stats {

// A fitted parameter: its value, and its standard error and 95 % interval
// (t with the fit's residual degrees of freedom), absent when the fit has
// none (as many points as parameters).
struct Estimate {
  double value = 0;
  std::optional<double> std_error;
  std::optional<Interval> ci95;
};

struct UslFit {
  Estimate lambda;  // the throughput of one worker (λ, R's gamma)
  Estimate sigma;   // contention (σ, R's alpha)
  Estimate kappa;   // coherency (κ, R's beta); exactly 0 in FitAmdahl
  // Held at the bound 0 by the constraint: the unconstrained optimum lies
  // below it. kappa_at_bound means no peak: the curve only flattens.
  bool sigma_at_bound = false;
  bool kappa_at_bound = false;
  // N_max = √((1−σ)/κ), its error by the delta method from the covariance
  // of σ and κ; absent when κ = 0 or σ >= 1 (no peak).
  std::optional<Estimate> peak;
  // The covariance of (λ, σ, κ), scaled by the residual variance; absent
  // without degrees of freedom. κ's row and column are 0 in FitAmdahl.
  std::optional<std::array<std::array<double, 3>, 3>> covariance;
  int points = 0;                 // the points fitted
  int dof = 0;                    // residual degrees of freedom
  double residual_std_error = 0;  // √(SSR / dof), 0 when dof is 0
  double rms_relative_error = 0;  // √(mean (fitted / measured − 1)²)
};

// Fits the USL to throughput measured at worker counts `workers` (each > 0;
// at least 3 distinct). Throughput is any quantity proportional to it (1/T,
// or the speedup T(1)/T): σ, κ and N_max do not depend on the scale, λ
// takes it. The bounds are imposed by fitting the unconstrained problem and
// each face with σ, κ or both pinned at 0, and keeping the feasible fit of
// least squares: the point a bounded algorithm (R's nls "port", nlsr's
// nlxb) reaches. Standard errors, as R's usl and nls compute them, come from
// the Jacobian of all three parameters at the optimum (bound or not) and the
// residual variance SSR / (n − 3); an interval of a parameter at its bound
// is cut at 0.
// Errors: InvalidArgument for unequal lengths, a value that is not finite
// and positive, or fewer than 3 distinct worker counts; FailedPrecondition
// when no fit converges.
absl::StatusOr<UslFit> FitUsl(absl::Span<const double> workers,
                              absl::Span<const double> throughput);

// Amdahl's law, the USL with κ = 0 held (not estimated): λ and σ, σ bounded
// below by 0, residual variance SSR / (n − 2). At least 2 distinct worker
// counts.
absl::StatusOr<UslFit> FitAmdahl(absl::Span<const double> workers,
                                 absl::Span<const double> throughput);

// The fitted throughput λ·C(n) at n workers, with its standard error by
// the delta method over the covariance of (λ, σ, κ): the error of the
// curve, not of one new measurement. Its interval takes the fit's dof.
// (R's usl predict(interval = "confidence") draws instead a band of
// constant width, the residual sd × qt(level, n − 1).)
Uncertain UslThroughputAt(const UslFit& fit, double n);

// One plain sentence for a bound the fit hit ("" when none), for every
// renderer to print as it is.
std::string UslBoundNote(const UslFit& fit);

// Gunther's quadratic transform, parbench's fit before the report library
// (d27df6f:scripts/lib/model.awk, R's usl before 2.0): on capacities C(N)
// normalised by the 1-worker point, x = N − 1 and y = N/C − 1 satisfy y =
// κx² + (σ + κ)x, a 2×2 linear least-squares problem through the origin.
// Unbounded, no errors. FitUsl starts from it.
struct UslQuadratic {
  double sigma = 0;
  double kappa = 0;
  double amdahl_sigma = 0;  // the same fit with κ = 0: y = σx
  double rms = 0;           // √(mean (capacity / measured − 1)²)
};
// Errors: InvalidArgument for unequal lengths, fewer than 3 points, a
// capacity <= 0, fewer than 2 points with N > 1, or a singular system.
absl::StatusOr<UslQuadratic> FitUslQuadratic(absl::Span<const double> workers,
                                             absl::Span<const double> capacity);

// The USL's capacity (speedup over one worker) at n workers.
double UslCapacity(double n, double sigma, double kappa);

// The worker count of the USL's peak, √((1 − σ)/κ); absent when κ <= 0
// (no peak) or σ >= 1.
std::optional<double> UslPeak(double sigma, double kappa);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_USL_FIT_H_
