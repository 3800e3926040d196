// The cost model with the cases of d27df6f:test/scripts/model_awk_test.sh, and its
// ranges against the derivatives worked by hand.
#include "lib/report/stats/cost_model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace parbench::stats {
namespace {

TEST(CostModel, DefaultChunk) {
  EXPECT_EQ(DefaultChunk(10, 2), 1);
  EXPECT_EQ(DefaultChunk(3, 8), 1);
  EXPECT_EQ(DefaultChunk(1000, 2), 125);
  EXPECT_EQ(DefaultChunk(1000, 1), 250);
  EXPECT_EQ(ChunkFor(ChunkRule::kPerTask, 1000, 4), 1);
  EXPECT_EQ(ChunkFor(ChunkRule::kBlock, 10, 4), 3);
  EXPECT_EQ(ChunkFor(ChunkRule::kDefault, 1000, 2), 125);
}

TEST(CostModel, TimeIsWorkOverEffectiveWorkersPlusStartUpPlusDispatch) {
  // 10 tasks of 1 ms on 2 workers that reach 2×: 5 ms, plus 1 ms of
  // start-up and 10 chunks of 0.1 ms.
  EXPECT_EQ(ModelTime(1e6, {10, 2, 1}, {2, 1e6, 1e5}), 7000000);
  EXPECT_EQ(ModelTime(1e6, {10, 4, 1}, {4, 0, 0}), 3000000) << "the busiest worker (10 on 4)";
  EXPECT_EQ(ModelTime(1e6, {10, 8, 1}, {2, 0, 0}), 5000000) << "the ceiling (10 on 8, 2 effective)";
}

TEST(CostModel, BreakEven) {
  // 10 s = 5 s + 1e6 + 10 × 1e5  →  s = 2e6 / 5 = 400 µs.
  EXPECT_EQ(*BreakEven({10, 2, 1}, {2, 1e6, 1e5}), 400000);
  EXPECT_FALSE(BreakEven({10, 2, 1}, {1, 1e6, 0})) << "never with one effective worker";
}

TEST(CostModel, DominantTerm) {
  EXPECT_EQ(DominantTerm(1e6, {10, 2, 1}, {2, 1e6, 1e3}), Dominant::kStartUp);
  EXPECT_EQ(DominantTerm(1e6, {10, 2, 1}, {2, 0, 1e5}), Dominant::kDispatch);
  EXPECT_EQ(DominantTerm(1e6, {10, 8, 1}, {2, 1e3, 1e3}), Dominant::kCeiling);
  EXPECT_EQ(DominantTerm(1e6, {10, 8, 1}, {8, 1e3, 1e3}), Dominant::kUnevenRounds);
}

TEST(CostModel, PredictedTimeCarriesEveryError) {
  // T = 100 tasks of s ns on c effective workers (the ceiling decides the
  // share), chunks of 25: time = T s / c + fixed + 4 dispatch. ∂/∂s = T/c,
  // ∂/∂c = −T s / c², ∂/∂fixed = 1, ∂/∂dispatch = 4.
  const MapShape shape{100, 4, 25};
  const Uncertain s{1e5, 2e3};
  const UncertainTerms terms{{3.0, 0.1}, {5e4, 4e3}, {1e3, 50.0}};
  const Uncertain t = PredictTime(s, shape, terms);
  EXPECT_NEAR(t.value, 100 * 1e5 / 3.0 + 5e4 + 4 * 1e3, 1e-6);
  const double want = std::sqrt(std::pow(100 / 3.0 * 2e3, 2) + std::pow(100 * 1e5 / 9.0 * 0.1, 2) +
                                std::pow(4e3, 2) + std::pow(4 * 50.0, 2));
  ASSERT_TRUE(t.std_error);
  EXPECT_NEAR(*t.std_error / want, 1, 1e-6);
  // Exact inputs: no range.
  EXPECT_EQ(*PredictTime({1e5, 0.0}, shape, {{3.0, 0.0}, {5e4, 0.0}, {1e3, 0.0}}).std_error, 0);
  // One input never measured: no range at all.
  EXPECT_FALSE(PredictTime({1e5, std::nullopt}, shape, terms).std_error);
}

TEST(CostModel, BreakEvenCarriesEveryError) {
  // b = (fixed + 4 dispatch) / (T (1 − 1/c)).
  const MapShape shape{100, 4, 25};
  const UncertainTerms terms{{3.0, 0.1}, {5e4, 4e3}, {1e3, 50.0}};
  const std::optional<Uncertain> b = PredictBreakEven(shape, terms);
  ASSERT_TRUE(b);
  const double num = 5e4 + 4e3;
  const double den = 100 * (1 - 1 / 3.0);
  EXPECT_NEAR(b->value, num / den, 1e-9);
  // ∂b/∂c = −num / (T (c − 1)²) (from num c / (T (c − 1))).
  const double dc = -num / (100 * std::pow(3.0 - 1, 2));
  const double want =
      std::sqrt(std::pow(4e3 / den, 2) + std::pow(4 * 50.0 / den, 2) + std::pow(dc * 0.1, 2));
  ASSERT_TRUE(b->std_error);
  EXPECT_NEAR(*b->std_error / want, 1, 1e-5);
  EXPECT_FALSE(PredictBreakEven(shape, {{1.0, 0.1}, {5e4, 4e3}, {1e3, 50.0}}))
      << "never pays at one effective worker";
}

}  // namespace
}  // namespace parbench::stats
