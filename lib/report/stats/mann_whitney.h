// The two-sided Mann-Whitney U test, as scipy's mannwhitneyu(x, y,
// alternative="two-sided"): the exact p-value without ties while the exact
// counts fit a double, else the normal approximation with tie and
// continuity correction. Ported from d27df6f:scripts/lib/stats.awk.
#ifndef PARBENCH_LIB_REPORT_STATS_MANN_WHITNEY_H_
#define PARBENCH_LIB_REPORT_STATS_MANN_WHITNEY_H_

#include <vector>

#include "absl/types/span.h"

namespace parbench::stats {

struct UTest {
  double u = 0;        // U of x: its rank sum (mid-ranks) less nx(nx + 1)/2
  double z = 0;        // the normal statistic, |U - mean| - 0.5 over its sd
  double p = 1;        // the two-sided p-value, by whichever method applies
  bool exact = false;  // p is exact (no ties, ExactUFits); else normal
};

// The U test of x against y. An empty side, or every value equal, gives
// p = 1 (there is no spread to test).
UTest MannWhitneyU(absl::Span<const double> x, absl::Span<const double> y);

// Whether the exact null distribution of U for sizes m and n is counted:
// C(m + n, m) <= 2^53, so that every count is a whole number a double holds
// exactly (28 against 28, 10 against 172, 8 against 367), and m n <= 10,000,
// so that the table of counts stays small.
bool ExactUFits(int m, int n);

// The exact null distribution of U for samples of m and n values without
// ties: element u (u = 0..m n) is the number of the C(m + n, m) placements
// of the m values among the m + n ranks that give U = u. Its generating
// function is the Gaussian binomial [m+n choose m]_q.
std::vector<double> ExactUCounts(int m, int n);

// The exact two-sided p-value of U = u for sizes m and n (no ties): twice
// the probability of a U as far from m n / 2 or farther, at most 1.
double ExactUPValue(double u, int m, int n);

// The smallest p-value the test can give for sizes nx and ny (complete
// separation, no ties), exactly or by the normal approximation; 1 when a
// side is empty.
double MinUPValue(int nx, int ny, bool exact);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_MANN_WHITNEY_H_
