// Summaries of a sample: median, mean, sample standard deviation, the
// type-7 quantile, and Google Benchmark's relative change. Plain functions
// over a span of doubles; each computes in the order d27df6f:scripts/lib/stats.awk
// and series.awk did, so that their printed digits agree.
#ifndef PARBENCH_LIB_REPORT_STATS_SUMMARY_H_
#define PARBENCH_LIB_REPORT_STATS_SUMMARY_H_

#include "absl/types/span.h"

namespace parbench::stats {

// The median of x (x not empty): the middle value, or the mean of the two
// middle values of an even count.
double Median(absl::Span<const double> x);

// The arithmetic mean of x (x not empty).
double Mean(absl::Span<const double> x);

// The sample standard deviation of x (n - 1 in the denominator; x holds
// at least 2 values).
double StdDev(absl::Span<const double> x);

// The p-quantile (0 <= p <= 1) of x (x not empty) by linear interpolation
// between order statistics: Hyndman and Fan's type 7, R's and numpy's
// default.
double Quantile(absl::Span<const double> x, double p);

// Google Benchmark's tools/gbench/report.py calculate_change: (now - old)
// / |old|, or over the mean of the two when old is 0; 0 when both are.
double RelChange(double old_value, double new_value);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_SUMMARY_H_
