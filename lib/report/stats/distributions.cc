#include "lib/report/stats/distributions.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_erf.h>

#include <algorithm>

namespace parbench::stats {

void UseGslStatusCodes() {
  // A function-local static: set once, whichever thread comes first.
  static const bool kOff = [] {
    gsl_set_error_handler_off();
    return true;
  }();
  (void)kOff;
}

double Erfc(double x) {
  UseGslStatusCodes();
  return gsl_sf_erfc(x);
}

double TwoSidedNormalP(double z) {
  UseGslStatusCodes();
  return std::min(1.0, 2 * gsl_cdf_ugaussian_Q(z));
}

double NormalQuantile(double p) {
  UseGslStatusCodes();
  return gsl_cdf_ugaussian_Pinv(p);
}

double StudentTQuantile(double p, double dof) {
  UseGslStatusCodes();
  return gsl_cdf_tdist_Pinv(p, dof);
}

double TwoSidedMultiplier(double level, double dof) {
  const double p = (1 + level) / 2;
  return dof > 0 ? StudentTQuantile(p, dof) : NormalQuantile(p);
}

}  // namespace parbench::stats
