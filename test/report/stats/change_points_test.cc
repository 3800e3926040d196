// The change points and the newest-run check, with every case of
// d27df6f:test/scripts/series_awk_test.sh (the awk they port). Its noisy series
// are `noisy N LEVEL SEED` of that script under gawk 5.2: N values around
// LEVEL, ±1.5 % uniform noise (srand(SEED)), printed to 4 decimals; they are
// written out here as numbers, kNoisyN_LEVEL_SEED.
#include "lib/report/stats/change_points.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace parbench::stats {
namespace {

const std::vector<double> kNoisy20_100_1 = {101.2721, 100.2817, 99.4192,  100.2368, 100.7204,
                                            100.8608, 99.8091,  99.4966,  100.8366, 98.8027,
                                            100.8553, 101.0055, 100.7836, 99.9882,  99.7789,
                                            101.3374, 100.9654, 100.6278, 98.9735,  98.8593};
const std::vector<double> kNoisy30_100_2 = {
    101.1793, 99.1741,  98.6343, 100.4086, 99.6376,  100.3206, 100.6455, 98.6333,
    100.9542, 100.8807, 99.4724, 100.6093, 99.4869,  99.5136,  100.1257, 100.2964,
    101.1708, 101.1102, 98.7040, 98.8466,  99.6459,  98.8359,  100.9049, 101.1159,
    101.0919, 99.9869,  99.8972, 99.8023,  100.7213, 100.8002};
const std::vector<double> kNoisy60_100_3 = {
    100.7692, 101.1620, 98.9719,  100.0685, 99.1068,  99.3402,  99.6193,  99.2603,  99.5579,
    99.7740,  98.7852,  99.2189,  100.5663, 99.0680,  99.0527,  99.1120,  99.7436,  99.5548,
    100.7244, 99.6418,  100.6101, 99.6534,  99.8134,  100.9800, 99.4694,  99.5137,  99.5659,
    99.6445,  101.1640, 100.8333, 99.0943,  99.9999,  100.3526, 99.5796,  99.3109,  98.5146,
    101.4800, 101.0538, 99.2100,  100.5200, 99.3793,  99.9919,  100.4958, 99.1040,  98.5247,
    101.2533, 100.5035, 101.2206, 100.5332, 101.0282, 100.4502, 99.0920,  101.0004, 99.6286,
    100.9709, 101.3913, 100.8790, 101.4671, 100.7704, 99.0053};
const std::vector<double> kNoisy11_100_3 = {100.7692, 101.1620, 98.9719, 100.0685, 99.1068, 99.3402,
                                            99.6193,  99.2603,  99.5579, 99.7740,  98.7852};
const std::vector<double> kNoisy9_110_4 = {110.8895, 108.7547, 110.6438, 109.4329, 109.0584,
                                           109.0977, 110.7065, 109.7619, 111.3836};
const std::vector<double> kNoisy7_100_5 = {99.0934,  100.8378, 99.9178, 99.0916,
                                           101.2923, 100.7269, 99.7250};
const std::vector<double> kNoisy13_90_6 = {91.0186, 89.3207, 90.4444, 90.5627, 90.8763,
                                           88.9942, 91.1699, 90.1004, 88.7069, 90.3802,
                                           90.8102, 89.2039, 91.0161};
const std::vector<double> kNoisy7_100_7 = {98.8387, 99.7787, 99.1832, 99.8349,
                                           98.6759, 99.5356, 100.2615};
const std::vector<double> kNoisy7_110_8 = {110.2966, 111.0625, 108.7322, 110.1492,
                                           108.7934, 109.6937, 110.7876};
const std::vector<double> kNoisy6_121_9 = {120.5136, 121.1808, 119.1955,
                                           120.1919, 120.9486, 121.4390};
const std::vector<double> kNoisy12_100_10 = {100.1786, 101.3343, 100.3011, 101.1446,
                                             99.5915,  101.0064, 101.3544, 99.5985,
                                             100.8802, 98.7278,  99.8732,  100.4677};
const std::vector<double> kNoisy10_120_11 = {119.5646, 121.0361, 118.3940, 118.7267, 118.9608,
                                             119.7838, 119.3579, 120.4251, 121.1392, 118.8621};
const std::vector<double> kNoisy18_100_12 = {
    99.7606, 99.3186,  100.8954, 99.1438,  100.0817, 100.6656, 98.7957, 101.3172, 101.4743,
    99.8815, 100.5397, 100.4138, 101.3295, 101.4332, 99.4862,  98.8517, 98.8666,  99.1562};
const std::vector<double> kNoisy10_100_13 = {99.6368, 100.1446, 99.2923,  99.9885, 101.2234,
                                             98.5772, 99.8409,  101.0600, 98.6192, 100.7229};
const std::vector<double> kNoisy10_103_14 = {101.6514, 103.3968, 102.6634, 104.4721, 102.7912,
                                             103.3719, 103.3690, 103.4304, 103.0864, 103.9813};
const std::vector<double> kNoisy9_100_15 = {99.1571,  100.7625, 100.2367, 98.7049, 100.5132,
                                            101.2298, 99.2958,  98.8766,  99.2015};
const std::vector<double> kNoisy10_100_16 = {100.2066, 100.2624, 99.2926,  100.3610, 98.9060,
                                             99.4314,  99.5165,  101.0672, 101.4153, 99.0154};
const std::vector<double> kNoisy9_100_17 = {98.7581, 100.3663, 98.7986,  101.4073, 98.8382,
                                            99.0736, 99.7192,  100.1330, 100.0107};
const std::vector<double> kNoisy9_100_18 = {99.2900,  99.3296, 99.0279, 99.0826, 99.2338,
                                            100.0032, 98.8494, 99.3146, 99.4436};
const std::vector<double> kNoisy18_100_19 = {
    100.7473, 101.0445, 100.9787, 101.3876, 100.9490, 100.9013, 100.8943, 101.3403, 101.0529,
    98.9736,  98.7505,  98.7687,  99.6734,  98.9578,  100.8442, 99.6685,  99.7222,  100.5106};
const std::vector<double> kNoisy9_100_20 = {100.6348, 99.6362, 101.0150, 101.0471, 101.0812,
                                            99.2382,  99.2818, 100.2751, 99.9794};
const std::vector<double> kNoisy8_90_21 = {90.1096, 91.1551, 90.8399, 89.7152,
                                           89.9110, 89.4072, 88.8999, 88.7312};
const std::vector<double> kNoisy5_100_22 = {100.3283, 99.7056, 99.2418, 100.6033, 98.6487};

std::vector<double> Join(std::initializer_list<std::vector<double>> parts) {
  std::vector<double> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// The change points as "at:direction" words, at counted from 1 as the awk
// test prints them (+ slower, - faster), or "none".
std::string Words(const std::vector<double>& x, double thr = 0.05, double alpha = 0.05,
                  int minseg = 3) {
  const ChangePoints cp = FindChangePoints(x, {thr, alpha, minseg});
  std::string s;
  for (const ChangePoint& c : cp.points) {
    if (!s.empty()) s += ' ';
    s += std::to_string(c.at + 1) + (c.change > 0 ? ":+" : ":-");
  }
  return s.empty() ? "none" : s;
}

TEST(ChangePoints, FlatNoiseHasNone) {
  EXPECT_EQ(Words(kNoisy20_100_1), "none");
  EXPECT_EQ(Words(kNoisy30_100_2), "none");
  EXPECT_EQ(Words(kNoisy60_100_3), "none");
}

TEST(ChangePoints, OneStepUpIsFoundWithItsSize) {
  const std::vector<double> x = Join({kNoisy11_100_3, kNoisy9_110_4});
  EXPECT_EQ(Words(x), "12:+");
  const ChangePoints cp = FindChangePoints(x, {});
  ASSERT_EQ(cp.points.size(), 1U);
  // Within 10 % of it, as the awk test asks (t_close ... 0.1).
  EXPECT_NEAR(100 * cp.points[0].change, 10, 1.0);
  EXPECT_LT(cp.points[0].p, 0.05);
}

TEST(ChangePoints, OneStepDown) { EXPECT_EQ(Words(Join({kNoisy7_100_5, kNoisy13_90_6})), "8:-"); }

TEST(ChangePoints, PlacedByMagnitudeNotByRank) {
  // Ranks alone would place this step at 10: values 10 and 11 are the
  // highest of the lower level; their distance to it decides.
  EXPECT_EQ(Words({98,    100, 99,  100, 100, 99,  100, 99,  100, 101,
                   100.9, 111, 110, 110, 109, 109, 108, 110, 139, 110}),
            "12:+");
}

TEST(ChangePoints, TwoStepsInOrder) {
  EXPECT_EQ(Words(Join({kNoisy7_100_7, kNoisy7_110_8, kNoisy6_121_9})), "8:+ 15:+");
}

TEST(ChangePoints, ASlowdownFixedTenRunsLater) {
  EXPECT_EQ(Words(Join({kNoisy12_100_10, kNoisy10_120_11, kNoisy18_100_12})), "13:+ 23:-");
}

TEST(ChangePoints, ThresholdDecides) {
  const std::vector<double> x = Join({kNoisy10_100_13, kNoisy10_103_14});
  // +3 %: significant, but within the 5 % threshold.
  EXPECT_EQ(Words(x), "none");
  // With a 2 % threshold: found at 11 or, in this noise, 12.
  const std::string w = Words(x, 0.02);
  EXPECT_TRUE(w == "11:+" || w == "12:+") << w;
}

TEST(ChangePoints, OutliersAndShortStepsAreNotSteps) {
  EXPECT_EQ(Words(Join({kNoisy9_100_15, {150}, kNoisy10_100_16})), "none") << "one outlier run";
  EXPECT_EQ(Words(Join({kNoisy9_100_17, {150, 150}, kNoisy9_100_18})), "none")
      << "two outlier runs in a row (fewer than 3)";
  EXPECT_EQ(Words(Join({kNoisy18_100_19, {120, 120}})), "none")
      << "a step in the last 2 values (segments of 3 at least)";
  EXPECT_EQ(Words({100, 100, 120, 120, 120}), "none") << "fewer values than two segments";
  EXPECT_EQ(Words({}), "none") << "no values";
}

TEST(ChangePoints, SegmentMedians) {
  const ChangePoints cp =
      FindChangePoints(std::vector<double>{99, 100, 101, 109, 110, 111}, {0.05, 0.5, 3});
  EXPECT_EQ(cp.segment_median, (std::vector<double>{100, 100, 100, 110, 110, 110}));
  ASSERT_EQ(cp.points.size(), 1U);
  EXPECT_EQ(cp.points[0].at, 3);
  EXPECT_EQ(cp.points[0].before, 100);
  EXPECT_EQ(cp.points[0].after, 110);
}

// "flag runs change%" of CheckNewestRun after FindChangePoints (5 %, 0.05,
// 3), as series_awk_test.sh's newest() prints it.
std::string Newest(const std::vector<double>& x, double low) {
  const ChangePointOptions options;
  const NewestRun r = CheckNewestRun(x, low, options, FindChangePoints(x, options));
  char change[32] = "-";
  if (r.change) std::snprintf(change, sizeof change, "%+.0f%%", 100 * *r.change);
  return std::to_string(static_cast<int>(r.slower)) + " " + std::to_string(r.runs) + " " + change;
}

TEST(ChangePoints, NewestRun) {
  const std::vector<double>& base = kNoisy9_100_20;
  EXPECT_EQ(Newest(Join({base, {110}}), 108), "1 9 +10%")
      << "its lower quartile above every run: flagged";
  EXPECT_EQ(Newest(Join({base, {110}}), 100.5), "0 9 +10%")
      << "its lower quartile within the runs: not flagged";
  EXPECT_EQ(Newest(Join({base, {103}}), 102.9), "0 9 +3%") << "+3 %: not flagged";
  EXPECT_EQ(Newest({100, 101, 110}, 109), "0 2 -") << "after 2 runs only";
  EXPECT_EQ(Newest(Join({kNoisy8_90_21, kNoisy5_100_22, {110}}), 108), "1 5 +10%")
      << "compared with the segment since the last change point";
}

}  // namespace
}  // namespace parbench::stats
