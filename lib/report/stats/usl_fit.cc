#include "lib/report/stats/usl_fit.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "lib/report/stats/distributions.h"

namespace parbench::stats {
namespace {

// Parameter indexes in the full vector θ = (λ, σ, κ).
constexpr std::size_t kLambda = 0;
constexpr std::size_t kSigma = 1;
constexpr std::size_t kKappa = 2;
using Theta = std::array<double, 3>;
using Mask = std::array<bool, 3>;  // which parameters are free

// The trust region's limits: iterations, and the relative step and gradient
// at which it stops. GSL's examples use 1e-8; the fits here are three
// parameters on a few points, so the tighter bound costs nothing and leaves
// the 4 significant digits checked against R well inside it.
constexpr std::size_t kMaxIterations = 1000;
constexpr double kXtol = 1e-12;
constexpr double kGtol = 1e-12;
// R's usl starts σ and κ here when nothing better is known.
constexpr double kSigmaStart = 0.01;
constexpr double kKappaStart = 0.0001;

struct VectorFree {
  void operator()(gsl_vector* v) const { gsl_vector_free(v); }
};
struct MatrixFree {
  void operator()(gsl_matrix* m) const { gsl_matrix_free(m); }
};
struct WorkspaceFree {
  void operator()(gsl_multifit_nlinear_workspace* w) const { gsl_multifit_nlinear_free(w); }
};
using Vector = std::unique_ptr<gsl_vector, VectorFree>;
using Matrix = std::unique_ptr<gsl_matrix, MatrixFree>;
using Workspace = std::unique_ptr<gsl_multifit_nlinear_workspace, WorkspaceFree>;

struct Data {
  absl::Span<const double> n;
  absl::Span<const double> x;
};

// The least-squares problem of one face: the free parameters of `mask`,
// the others held at `fixed`.
struct Problem {
  const Data* data;
  Mask mask;
  Theta fixed;

  Theta Full(const gsl_vector* v) const {
    Theta t = fixed;
    std::size_t j = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (mask[i]) t[i] = gsl_vector_get(v, j++);
    }
    return t;
  }
};

double Denominator(double n, const Theta& t) {
  return 1 + t[kSigma] * (n - 1) + t[kKappa] * n * (n - 1);
}

double Model(double n, const Theta& t) { return t[kLambda] * n / Denominator(n, t); }

// The derivatives of Model at n by λ, σ and κ.
Theta Gradient(double n, const Theta& t) {
  const double d = Denominator(n, t);
  const double g = t[kLambda] * n / (d * d);
  return {n / d, -g * (n - 1), -g * n * (n - 1)};
}

int Residuals(const gsl_vector* v, void* params, gsl_vector* f) {
  const auto& p = *static_cast<const Problem*>(params);
  const Theta t = p.Full(v);
  for (std::size_t i = 0; i < p.data->n.size(); ++i) {
    gsl_vector_set(f, i, Model(p.data->n[i], t) - p.data->x[i]);
  }
  return GSL_SUCCESS;
}

int Jacobian(const gsl_vector* v, void* params, gsl_matrix* jac) {
  const auto& p = *static_cast<const Problem*>(params);
  const Theta t = p.Full(v);
  for (std::size_t i = 0; i < p.data->n.size(); ++i) {
    const Theta g = Gradient(p.data->n[i], t);
    std::size_t j = 0;
    for (std::size_t k = 0; k < g.size(); ++k) {
      if (p.mask[k]) gsl_matrix_set(jac, i, j++, g[k]);
    }
  }
  return GSL_SUCCESS;
}

double SumOfSquares(const Data& data, const Theta& t) {
  double ss = 0;
  for (std::size_t i = 0; i < data.n.size(); ++i) {
    const double r = Model(data.n[i], t) - data.x[i];
    ss += r * r;
  }
  return ss;
}

struct Face {
  Theta theta{};
  double ssr = 0;
};

// The least-squares fit of the free parameters of `mask` from `start`
// (the others held there), by GSL's trust region (Levenberg-Marquardt
// steps, Moré's scaling: λ and κ differ by many orders of magnitude).
absl::StatusOr<Face> FitFace(const Data& data, const Mask& mask, const Theta& start) {
  Problem problem{&data, mask, start};
  const auto p = static_cast<std::size_t>(std::count(mask.begin(), mask.end(), true));
  const std::size_t n = data.n.size();
  gsl_multifit_nlinear_fdf fdf{};
  fdf.f = Residuals;
  fdf.df = Jacobian;
  fdf.fvv = nullptr;
  fdf.n = n;
  fdf.p = p;
  fdf.params = &problem;
  gsl_multifit_nlinear_parameters params = gsl_multifit_nlinear_default_parameters();
  const Workspace w(gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &params, n, p));
  const Vector x0(gsl_vector_alloc(p));
  if (!w || !x0) return absl::ResourceExhaustedError("gsl_multifit_nlinear_alloc failed");
  std::size_t j = 0;
  for (std::size_t i = 0; i < start.size(); ++i) {
    if (mask[i]) gsl_vector_set(x0.get(), j++, start[i]);
  }
  int status = gsl_multifit_nlinear_init(x0.get(), &fdf, w.get());
  if (status != GSL_SUCCESS) {
    return absl::FailedPreconditionError(
        absl::StrFormat("gsl_multifit_nlinear_init: %s", gsl_strerror(status)));
  }
  int info = 0;
  status = gsl_multifit_nlinear_driver(kMaxIterations, kXtol, kGtol, 0.0, nullptr, nullptr, &info,
                                       w.get());
  // GSL_ENOPROG: no step lowers the sum of squares any further, which at a
  // minimum found to the last bit is success too; the result is checked
  // below all the same.
  if (status != GSL_SUCCESS && status != GSL_ENOPROG) {
    return absl::FailedPreconditionError(
        absl::StrFormat("gsl_multifit_nlinear_driver: %s", gsl_strerror(status)));
  }
  Face face;
  face.theta = problem.Full(gsl_multifit_nlinear_position(w.get()));
  face.ssr = SumOfSquares(data, face.theta);
  if (!std::isfinite(face.ssr)) return absl::FailedPreconditionError("the fit diverged");
  return face;
}

absl::Status CheckPoints(absl::Span<const double> workers, absl::Span<const double> values,
                         const char* what, std::size_t distinct_needed) {
  if (workers.size() != values.size()) {
    return absl::InvalidArgumentError(absl::StrFormat("%zu worker counts but %zu %s values",
                                                      workers.size(), values.size(), what));
  }
  std::set<double> distinct;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    if (!std::isfinite(workers[i]) || workers[i] <= 0) {
      return absl::InvalidArgumentError(
          absl::StrFormat("point %zu: worker count %g is not finite and positive", i, workers[i]));
    }
    if (!std::isfinite(values[i]) || values[i] <= 0) {
      return absl::InvalidArgumentError(
          absl::StrFormat("point %zu: %s %g is not finite and positive", i, what, values[i]));
    }
    distinct.insert(workers[i]);
  }
  if (distinct.size() < distinct_needed) {
    return absl::InvalidArgumentError(absl::StrFormat("needs %zu distinct worker counts, has %zu",
                                                      distinct_needed, distinct.size()));
  }
  return absl::OkStatus();
}

// Where the search starts: λ from the 1-worker point (or R's choice, the
// largest X/N, without one), σ and κ from Gunther's quadratic on X/λ,
// raised to 0 when it gives them below; R's defaults when it has no fit.
Theta Start(const Data& data) {
  double lambda = 0;
  for (std::size_t i = 0; i < data.n.size(); ++i) lambda = std::max(lambda, data.x[i] / data.n[i]);
  for (std::size_t i = 0; i < data.n.size(); ++i) {
    if (data.n[i] == 1) lambda = data.x[i];
  }
  std::vector<double> capacity;
  capacity.reserve(data.x.size());
  for (const double x : data.x) capacity.push_back(x / lambda);
  const absl::StatusOr<UslQuadratic> q = FitUslQuadratic(data.n, capacity);
  if (!q.ok()) return {lambda, kSigmaStart, kKappaStart};
  return {lambda, std::max(0.0, q->sigma), std::max(0.0, q->kappa)};
}

// The fit of least squares among the faces of `faces` whose free σ and κ
// are >= 0.
absl::StatusOr<Face> BestFeasible(const Data& data, absl::Span<const Mask> faces) {
  const Theta start = Start(data);
  std::optional<Face> best;
  absl::Status last = absl::OkStatus();
  for (const Mask& mask : faces) {
    Theta from = start;
    if (!mask[kSigma]) from[kSigma] = 0;
    if (!mask[kKappa]) from[kKappa] = 0;
    absl::StatusOr<Face> face = FitFace(data, mask, from);
    if (!face.ok()) {
      last = face.status();
      continue;
    }
    if (face->theta[kSigma] < 0 || face->theta[kKappa] < 0 || face->theta[kLambda] <= 0) continue;
    if (!best || face->ssr < best->ssr) best = *face;
  }
  if (!best) {
    return absl::FailedPreconditionError(last.ok() ? "no fit with σ, κ >= 0 converged"
                                                   : std::string(last.message()));
  }
  return *best;
}

// The estimates at θ of the parameters of `estimated`: standard errors from
// the Jacobian's (JᵀJ)⁻¹ (gsl_multifit_nlinear_covar) scaled by the
// residual variance, as R's nls; intervals with the t quantile.
absl::StatusOr<UslFit> Estimates(const Data& data, const Theta& t, const Mask& estimated) {
  const std::size_t n = data.n.size();
  const auto p = static_cast<std::size_t>(std::count(estimated.begin(), estimated.end(), true));
  UslFit fit;
  fit.points = static_cast<int>(n);
  fit.dof = static_cast<int>(n) - static_cast<int>(p);
  const double ssr = SumOfSquares(data, t);
  fit.residual_std_error = fit.dof > 0 ? std::sqrt(ssr / fit.dof) : 0;
  double rel = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double e = Model(data.n[i], t) / data.x[i] - 1;
    rel += e * e;
  }
  fit.rms_relative_error = std::sqrt(rel / static_cast<double>(n));
  std::array<Estimate*, 3> out = {&fit.lambda, &fit.sigma, &fit.kappa};
  for (std::size_t k = 0; k < t.size(); ++k) out[k]->value = t[k];

  Theta var{};
  double cov_sigma_kappa = 0;
  if (fit.dof > 0) {
    const Matrix jac(gsl_matrix_alloc(n, p));
    const Matrix covar(gsl_matrix_alloc(p, p));
    if (!jac || !covar) return absl::ResourceExhaustedError("gsl_matrix_alloc failed");
    for (std::size_t i = 0; i < n; ++i) {
      const Theta g = Gradient(data.n[i], t);
      std::size_t j = 0;
      for (std::size_t k = 0; k < g.size(); ++k) {
        if (estimated[k]) gsl_matrix_set(jac.get(), i, j++, g[k]);
      }
    }
    const int status = gsl_multifit_nlinear_covar(jac.get(), 0.0, covar.get());
    if (status != GSL_SUCCESS) {
      return absl::FailedPreconditionError(
          absl::StrFormat("gsl_multifit_nlinear_covar: %s", gsl_strerror(status)));
    }
    const double s2 = ssr / fit.dof;
    const double tq = TwoSidedMultiplier(kLevel, fit.dof);
    std::array<std::size_t, 3> col{};
    std::size_t j = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!estimated[k]) continue;
      col[k] = j;
      var[k] = gsl_matrix_get(covar.get(), j, j) * s2;
      const double se = std::sqrt(var[k]);
      out[k]->std_error = se;
      out[k]->ci95 = Interval{t[k] - tq * se, t[k] + tq * se};
      // σ, κ >= 0: an interval does not reach below the bound.
      if (k != kLambda) out[k]->ci95->low = std::max(0.0, out[k]->ci95->low);
      ++j;
    }
    if (estimated[kSigma] && estimated[kKappa]) {
      cov_sigma_kappa = gsl_matrix_get(covar.get(), col[kSigma], col[kKappa]) * s2;
    }
    std::array<std::array<double, 3>, 3> cov{};
    for (std::size_t a = 0; a < t.size(); ++a) {
      for (std::size_t b = 0; b < t.size(); ++b) {
        if (estimated[a] && estimated[b]) {
          cov[a][b] = gsl_matrix_get(covar.get(), col[a], col[b]) * s2;
        }
      }
    }
    fit.covariance = cov;
  }
  if (const std::optional<double> peak = UslPeak(t[kSigma], t[kKappa])) {
    Estimate e{*peak, std::nullopt, std::nullopt};
    if (fit.dof > 0 && estimated[kSigma] && estimated[kKappa]) {
      // The delta method: N = √((1−σ)/κ), ∂N/∂σ = −1/(2κN), ∂N/∂κ = −N/(2κ).
      const double ds = -1 / (2 * t[kKappa] * *peak);
      const double dk = -*peak / (2 * t[kKappa]);
      const double v =
          ds * ds * var[kSigma] + 2 * ds * dk * cov_sigma_kappa + dk * dk * var[kKappa];
      const double se = std::sqrt(std::max(0.0, v));
      const double tq = TwoSidedMultiplier(kLevel, fit.dof);
      e.std_error = se;
      e.ci95 = Interval{std::max(0.0, *peak - tq * se), *peak + tq * se};
    }
    fit.peak = e;
  }
  return fit;
}

}  // namespace

absl::StatusOr<UslFit> FitUsl(absl::Span<const double> workers,
                              absl::Span<const double> throughput) {
  UseGslStatusCodes();
  if (absl::Status s = CheckPoints(workers, throughput, "throughput", 3); !s.ok()) return s;
  const Data data{workers, throughput};
  // The interior, each face with one bound held, and the corner.
  constexpr std::array<Mask, 4> kFaces = {
      {{true, true, true}, {true, true, false}, {true, false, true}, {true, false, false}}};
  absl::StatusOr<Face> best = BestFeasible(data, kFaces);
  if (!best.ok()) return best.status();
  absl::StatusOr<UslFit> fit = Estimates(data, best->theta, {true, true, true});
  if (!fit.ok()) return fit.status();
  // A parameter is at its bound when the optimum held it there: fitting it
  // freely took it below 0.
  fit->sigma_at_bound = best->theta[kSigma] == 0;
  fit->kappa_at_bound = best->theta[kKappa] == 0;
  return fit;
}

absl::StatusOr<UslFit> FitAmdahl(absl::Span<const double> workers,
                                 absl::Span<const double> throughput) {
  UseGslStatusCodes();
  if (absl::Status s = CheckPoints(workers, throughput, "throughput", 2); !s.ok()) return s;
  const Data data{workers, throughput};
  constexpr std::array<Mask, 2> kFaces = {{{true, true, false}, {true, false, false}}};
  absl::StatusOr<Face> best = BestFeasible(data, kFaces);
  if (!best.ok()) return best.status();
  absl::StatusOr<UslFit> fit = Estimates(data, best->theta, {true, true, false});
  if (!fit.ok()) return fit.status();
  fit->sigma_at_bound = best->theta[kSigma] == 0;
  return fit;
}

Uncertain UslThroughputAt(const UslFit& fit, double n) {
  const Theta t = {fit.lambda.value, fit.sigma.value, fit.kappa.value};
  Uncertain out{Model(n, t), std::nullopt};
  if (!fit.covariance) return out;
  const Theta g = Gradient(n, t);
  double var = 0;
  for (std::size_t a = 0; a < g.size(); ++a) {
    for (std::size_t b = 0; b < g.size(); ++b) var += g[a] * (*fit.covariance)[a][b] * g[b];
  }
  out.std_error = std::sqrt(std::max(0.0, var));
  return out;
}

std::string UslBoundNote(const UslFit& fit) {
  if (fit.sigma_at_bound && fit.kappa_at_bound) {
    return "σ = 0 and κ = 0 at their bounds: the points scale linearly, no contention and no peak";
  }
  if (fit.kappa_at_bound) return "κ = 0 at its bound: no peak, the curve only flattens";
  if (fit.sigma_at_bound) return "σ = 0 at its bound: no contention measured";
  return "";
}

absl::StatusOr<UslQuadratic> FitUslQuadratic(absl::Span<const double> workers,
                                             absl::Span<const double> capacity) {
  if (workers.size() != capacity.size()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%zu worker counts but %zu capacities", workers.size(), capacity.size()));
  }
  if (workers.size() < 3) {
    return absl::InvalidArgumentError(absl::StrFormat("needs 3 points, has %zu", workers.size()));
  }
  // The sums in the order d27df6f:scripts/lib/model.awk took them: the same digits.
  double sx2 = 0;
  double sx3 = 0;
  double sx4 = 0;
  double sxy = 0;
  double sx2y = 0;
  int above_one = 0;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    if (capacity[i] <= 0) {
      return absl::InvalidArgumentError(
          absl::StrFormat("point %zu: capacity %g is not positive", i, capacity[i]));
    }
    const double x = workers[i] - 1;
    const double y = workers[i] / capacity[i] - 1;
    if (x > 0) ++above_one;
    sx2 += x * x;
    sx3 += x * x * x;
    sx4 += x * x * x * x;
    sxy += x * y;
    sx2y += x * x * y;
  }
  if (above_one < 2) {
    return absl::InvalidArgumentError("needs 2 points with more than one worker");
  }
  const double det = sx4 * sx2 - sx3 * sx3;
  if (det == 0) return absl::InvalidArgumentError("the points do not determine σ and κ");
  UslQuadratic q;
  q.kappa = (sx2y * sx2 - sx3 * sxy) / det;
  q.sigma = (sx4 * sxy - sx3 * sx2y) / det - q.kappa;
  q.amdahl_sigma = sxy / sx2;
  double ss = 0;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    const double e = UslCapacity(workers[i], q.sigma, q.kappa) / capacity[i] - 1;
    ss += e * e;
  }
  q.rms = std::sqrt(ss / static_cast<double>(workers.size()));
  return q;
}

double UslCapacity(double n, double sigma, double kappa) {
  return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

std::optional<double> UslPeak(double sigma, double kappa) {
  if (kappa <= 0 || sigma >= 1) return std::nullopt;
  return std::sqrt((1 - sigma) / kappa);
}

}  // namespace parbench::stats
