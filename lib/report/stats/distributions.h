// The distributions the report draws on, from GSL: erfc, the two-sided
// p-value of a standard normal statistic, and quantiles of the normal and
// Student's t distributions. One place that turns GSL's error handler off.
#ifndef PARBENCH_LIB_REPORT_STATS_DISTRIBUTIONS_H_
#define PARBENCH_LIB_REPORT_STATS_DISTRIBUTIONS_H_

namespace parbench::stats {

// GSL reports an error by calling its handler, which by default aborts the
// process. Every GSL call of this library checks the status it returns
// instead; call this (idempotent, thread-safe) before any GSL call.
void UseGslStatusCodes();

// The complementary error function, erfc(x) (gsl_sf_erfc).
double Erfc(double x);

// The two-sided p-value of a standard normal statistic z >= 0:
// P(|Z| >= z) = 2 Q(z), at most 1.
double TwoSidedNormalP(double z);

// The p-quantile of the standard normal distribution (0 < p < 1).
double NormalQuantile(double p);

// The p-quantile of Student's t distribution with dof > 0 degrees of
// freedom (0 < p < 1).
double StudentTQuantile(double p, double dof);

// The multiplier of a two-sided interval at `level` (e.g. 0.95): the
// t quantile at (1 + level) / 2 with dof degrees of freedom, or the normal
// one when dof is 0 or less (a spread known rather than estimated).
double TwoSidedMultiplier(double level, double dof);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_DISTRIBUTIONS_H_
