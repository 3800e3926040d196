// The summaries against the cases of d27df6f:test/scripts/stats_awk_test.sh and
// series_awk_test.sh (the awk they port).
#include "lib/report/stats/summary.h"

#include <gtest/gtest.h>

#include <vector>

namespace parbench::stats {
namespace {

TEST(Summary, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(Median(std::vector<double>{3, 1, 2}), 2);
  EXPECT_EQ(Median(std::vector<double>{4, 1, 3, 2}), 2.5);
  EXPECT_EQ(Median(std::vector<double>{7}), 7);
}

TEST(Summary, MedianLeavesItsInputAsItWas) {
  const std::vector<double> x = {3, 1, 2};
  (void)Median(x);
  EXPECT_EQ(x, (std::vector<double>{3, 1, 2}));
}

TEST(Summary, MeanAndSampleStdDev) {
  const std::vector<double> x = {4, 1, 3, 2};
  EXPECT_EQ(Mean(x), 2.5);
  // sqrt(5/3)
  EXPECT_NEAR(StdDev(x), 1.2909944487358056, 1e-15);
}

TEST(Summary, QuantileType7) {
  const std::vector<double> x = {4, 1, 3, 2, 5};
  EXPECT_EQ(Quantile(x, 0), 1);
  EXPECT_EQ(Quantile(x, 1), 5);
  EXPECT_EQ(Quantile(x, 0.5), 3);
  EXPECT_EQ(Quantile(x, 0.25), 2);
  EXPECT_EQ(Quantile(x, 0.75), 4);
  EXPECT_EQ(Quantile(std::vector<double>{10, 20, 30, 40}, 0.25), 17.5);
  EXPECT_EQ(Quantile(std::vector<double>{7}, 0.25), 7);
}

TEST(Summary, RelChangeAsGoogleBenchmarksReport) {
  EXPECT_NEAR(RelChange(100, 112), 0.12, 1e-15);
  EXPECT_EQ(RelChange(0, 0), 0);
  // From 0: over the mean of the two.
  EXPECT_EQ(RelChange(0, 1), 2);
  // Over |old|.
  EXPECT_NEAR(RelChange(-100, -90), 0.1, 1e-15);
}

}  // namespace
}  // namespace parbench::stats
