// The U test and the distributions it uses, with every case of
// test/scripts/mannwhitney_test.sh and the U test's cases of
// stats_awk_test.sh (the awk it ports): worked examples, scipy's results,
// the limits of exact counting.
#include "lib/report/stats/mann_whitney.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "lib/report/stats/distributions.h"

namespace parbench::stats {
namespace {

std::vector<double> Range(int from, int to, int step = 1) {
  std::vector<double> v;
  for (int i = from; i <= to; i += step) v.push_back(i);
  return v;
}

TEST(Distributions, ErfcAgainstReferenceValues) {
  // Reference values to 16 digits (A&S table 7.1, or any arbitrary-precision
  // evaluation).
  EXPECT_NEAR(Erfc(0), 1, 1e-15);
  const struct {
    double x;
    double want;
  } cases[] = {{0.1, 0.8875370839817151},   {0.5, 0.4795001221869535},  {1, 0.15729920705028513},
               {2, 0.004677734981047266},   {3, 2.209049699858544e-05}, {5, 1.5374597944280349e-12},
               {10, 2.088487583762545e-45}, {-1, 1.8427007929497148}};
  for (const auto& c : cases) EXPECT_NEAR(Erfc(c.x) / c.want, 1, 1e-14) << "erfc(" << c.x << ")";
  EXPECT_EQ(Erfc(30), 0) << "underflows";
}

TEST(Distributions, TwoSidedNormalPOfTheQuantiles) {
  EXPECT_NEAR(TwoSidedNormalP(1.959963984540054), 0.05, 1e-12);
  EXPECT_NEAR(TwoSidedNormalP(2.5758293035489004), 0.01, 1e-12);
  EXPECT_EQ(TwoSidedNormalP(0), 1);
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-12);
}

TEST(Distributions, StudentTQuantiles) {
  // Tables of Student's t (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
  EXPECT_NEAR(StudentTQuantile(0.975, 4), 2.776445105197793, 1e-9);
  EXPECT_NEAR(StudentTQuantile(0.975, 1), 12.706204736174698, 1e-9);
  EXPECT_NEAR(StudentTQuantile(0.95, 5), 2.015048372669157, 1e-9);
  EXPECT_NEAR(TwoSidedMultiplier(0.95, 4), 2.776445105197793, 1e-9);
  EXPECT_NEAR(TwoSidedMultiplier(0.95, 0), 1.959963984540054, 1e-12) << "normal without dof";
}

TEST(MannWhitney, NoTiesSmallSamplesIsExact) {
  // Worked by hand: U = 0, mean 12.5, sd = sqrt(5*5*11/12) = 4.78714,
  // z = (12.5 - 0.5) / 4.78714; the exact p = 2 / C(10, 5) = 2/252.
  const UTest r = MannWhitneyU(Range(1, 5), Range(6, 10));
  EXPECT_EQ(r.u, 0);
  EXPECT_NEAR(r.z, 2.506718246, 1e-9);
  EXPECT_NEAR(r.p, 0.007936507937, 1e-9);
  EXPECT_TRUE(r.exact);
}

TEST(MannWhitney, TiesTakeTheNormalApproximation) {
  // Mid-ranks: 1 -> 1, the three 2s -> 3, the two 3s -> 5.5, 4 -> 7,
  // 5 -> 8; R_x = 12.5, U = 2.5; tie term 30; var = 16/12 (9 - 30/56).
  const UTest r = MannWhitneyU(std::vector<double>{1, 2, 2, 3}, std::vector<double>{2, 3, 4, 5});
  EXPECT_EQ(r.u, 2.5);
  EXPECT_NEAR(r.z, 1.488351394, 1e-9);
  EXPECT_NEAR(r.p, 0.1366582477, 1e-9);
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(MannWhitneyU(std::vector<double>{2, 3, 4, 5}, std::vector<double>{1, 2, 2, 3}).p,
              0.1366582477, 1e-9)
      << "symmetric in the two samples";
}

TEST(MannWhitney, ScipyAsymptoticWithATie) {
  // scipy.stats.mannwhitneyu as quoted in Google Benchmark's
  // tools/gbench/report.py unit tests.
  EXPECT_NEAR(MannWhitneyU(std::vector<double>{8, 8}, std::vector<double>{7, 4.54, 15}).p,
              0.7670968684102772, 1e-9);
}

TEST(MannWhitney, NoSpreadGivesPOne) {
  EXPECT_EQ(MannWhitneyU(std::vector<double>{5, 5, 5}, std::vector<double>{5, 5}).p, 1);
  // U at its mean: 2 P(U <= 2) = 4/3, capped.
  EXPECT_EQ(MannWhitneyU(std::vector<double>{9, 8}, std::vector<double>{10, 7}).p, 1);
  EXPECT_EQ(MannWhitneyU(std::vector<double>{}, std::vector<double>{1, 2}).p, 1);
  EXPECT_EQ(MannWhitneyU(std::vector<double>{}, std::vector<double>{1}).p, 1);
}

TEST(MannWhitney, CompleteSeparationAtThreeAndFour) {
  // Why compare.sh needs at least 4 repetitions per side at alpha 0.05.
  EXPECT_NEAR(MannWhitneyU(Range(1, 3), Range(4, 6)).p, 0.1, 1e-9);
  EXPECT_NEAR(MannWhitneyU(Range(1, 4), Range(5, 8)).p, 0.028571428571428571, 1e-9);
}

TEST(MannWhitney, WhereExactCountingStops) {
  // 28 against 28 is exact, 29 against 29 the normal approximation, as
  // scipy's methods give them: mannwhitneyu(range(1, 29), range(29, 57),
  // method='exact') and mannwhitneyu(range(1, 30), range(30, 59),
  // method='asymptotic').
  const UTest sep28 = MannWhitneyU(Range(1, 28), Range(29, 56));
  EXPECT_TRUE(sep28.exact);
  EXPECT_NEAR(sep28.p / 2.614826647323344e-16, 1, 1e-9);
  EXPECT_NEAR(MannWhitneyU(Range(1, 55, 2), Range(2, 56, 2)).p, 0.8262934194226911, 1e-9);
  const UTest sep29 = MannWhitneyU(Range(1, 29), Range(30, 58));
  EXPECT_FALSE(sep29.exact);
  EXPECT_NEAR(sep29.p / 6.509474642778053e-11, 1, 1e-9);
}

// The exact test against scipy 1.10's, sizes 2 to 8 a side, no ties: U of
// x and p, from mannwhitneyu(x, y, alternative="two-sided",
// method="exact") (the constants of test/scripts/mannwhitney_test.sh).
TEST(MannWhitney, ExactAgainstScipy) {
  const struct {
    std::vector<double> x;
    std::vector<double> y;
    double u;
    double p;
  } cases[] = {
      {{80, 77}, {75, 66.6, 72}, 6, 0.20000000000000001},
      {{90, 86}, {89, 72}, 3, 0.66666666666666663},
      {{1, 2, 3}, {4, 5, 6}, 0, 0.10000000000000001},
      {{1, 2, 3, 4}, {5, 6, 7, 8}, 0, 0.028571428571428571},
      {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, 0, 0.0079365079365079361},
      {{1.1, 3.3, 7.7}, {2.2, 4.4, 5.5, 6.6, 8.8}, 5, 0.5714285714285714},
      {{52.1, 51.7, 53.0, 52.4, 51.9, 52.8},
       {53.3, 52.6, 54.1, 53.8, 52.2, 53.5},
       5,
       0.041125541125541128},
      {{10.5, 11.2, 9.8, 10.9, 11.7, 10.1, 12.3},
       {11.9, 12.8, 10.7, 13.1, 12.2, 11.4, 13.6, 12.6},
       8,
       0.020512820512820513},
      {{5.01, 4.87, 5.33, 4.95, 5.12, 5.27, 4.78, 5.06},
       {5.18, 4.91, 5.41, 5.09, 4.83, 5.22, 4.99, 5.35},
       25,
       0.5053613053613053},
      {{3, 9, 14, 1, 7, 12, 5, 11}, {6, 2}, 12, 0.40000000000000002},
      {{20.5, 18.25, 22.75, 19.5},
       {21.5, 23.5, 17.75, 24.25, 22.25, 25.5, 20.75},
       7,
       0.23030303030303029},
      {{1, 2}, {3, 4, 5, 6, 7, 8, 9, 10}, 0, 0.044444444444444446},
      {{1, 4, 5, 8, 9, 12}, {2, 3, 6, 7, 10, 11}, 18, 1},
      {{11, 12, 13, 14, 15, 16, 17, 18}, {1, 2, 3, 4, 5, 6, 7, 8}, 64, 0.0001554001554001554},
  };
  for (const auto& c : cases) {
    const UTest r = MannWhitneyU(c.x, c.y);
    EXPECT_EQ(r.u, c.u) << "U, case p=" << c.p;
    EXPECT_NEAR(r.p, c.p, 1e-12) << "p, case U=" << c.u;
    EXPECT_TRUE(r.exact);
  }
}

TEST(MannWhitney, ExactCountsAreTheGaussianBinomial) {
  // [4 choose 2]_q = 1 + q + 2q^2 + q^3 + q^4.
  EXPECT_EQ(ExactUCounts(2, 2), (std::vector<double>{1, 1, 2, 1, 1}));
  // 3 against 5: symmetric, C(8, 3) = 56 in all; the order of m and n does
  // not matter.
  const std::vector<double> c = ExactUCounts(5, 3);
  EXPECT_EQ(c, (std::vector<double>{1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 5, 4, 3, 2, 1, 1}));
  EXPECT_EQ(std::accumulate(c.begin(), c.end(), 0.0), 56);
  EXPECT_EQ(ExactUCounts(3, 5), c);
}

TEST(MannWhitney, ExactFitsWhileCountsAreWholeDoubles) {
  EXPECT_TRUE(ExactUFits(28, 28));
  EXPECT_FALSE(ExactUFits(29, 29));
  EXPECT_TRUE(ExactUFits(8, 367));
  EXPECT_FALSE(ExactUFits(8, 368));
  EXPECT_TRUE(ExactUFits(4, 2500));
  EXPECT_FALSE(ExactUFits(4, 2501)) << "m n <= 10,000";
  EXPECT_FALSE(ExactUFits(0, 3));
}

TEST(MannWhitney, MinPValue) {
  EXPECT_NEAR(MinUPValue(4, 4, false), 0.03038282197657751, 1e-9);
  EXPECT_NEAR(MinUPValue(3, 3, false), 0.0808555983700523, 1e-9);
  EXPECT_NEAR(MinUPValue(4, 4, true), 2.0 / 70, 1e-12);
  EXPECT_NEAR(MinUPValue(2, 2, true), 2.0 / 6, 1e-12);
  EXPECT_EQ(MinUPValue(0, 3, true), 1);
  EXPECT_EQ(MinUPValue(0, 3, false), 1);
}

}  // namespace
}  // namespace parbench::stats
