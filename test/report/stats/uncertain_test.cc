// Intervals, the median's error and first-order propagation, against
// values worked by hand.
#include "lib/report/stats/uncertain.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "lib/report/stats/distributions.h"

namespace parbench::stats {
namespace {

TEST(Uncertain, IntervalOfUsesTOrNormal) {
  const std::optional<Interval> t = IntervalOf({10, 1.0}, 4);
  ASSERT_TRUE(t);
  EXPECT_NEAR(t->low, 10 - 2.776445105197793, 1e-9);
  EXPECT_NEAR(t->high, 10 + 2.776445105197793, 1e-9);
  const std::optional<Interval> z = IntervalOf({10, 1.0}, 0);
  ASSERT_TRUE(z);
  EXPECT_NEAR(z->high, 10 + 1.959963984540054, 1e-9);
  EXPECT_FALSE(IntervalOf({10, std::nullopt}, 4)) << "no error, no interval";
}

TEST(Uncertain, MedianWithRobustError) {
  // Median 3; absolute deviations 2 1 0 1 97, their median 1: the outlier
  // does not widen it.
  const Uncertain m = MedianWithError(std::vector<double>{1, 2, 3, 4, 100});
  EXPECT_EQ(m.value, 3);
  ASSERT_TRUE(m.std_error);
  EXPECT_NEAR(*m.std_error, 1.2533141373155003 * 1.482602218505602 / std::sqrt(5.0), 1e-12);
  EXPECT_FALSE(MedianWithError(std::vector<double>{7}).std_error) << "one sample";
  EXPECT_EQ(*MedianWithError(std::vector<double>{7, 7, 7}).std_error, 0);
}

TEST(Uncertain, PropagatesAProduct) {
  // f = a b: Var = (b se_a)² + (a se_b)² = 0.3² + 0.4² = 0.5².
  const std::vector<Uncertain> in = {{2, 0.1}, {3, 0.2}};
  const Uncertain f = Propagate([](absl::Span<const double> v) { return v[0] * v[1]; }, in);
  EXPECT_EQ(f.value, 6);
  ASSERT_TRUE(f.std_error);
  EXPECT_NEAR(*f.std_error, 0.5, 1e-6);
}

TEST(Uncertain, PropagatesAQuotient) {
  // f = a / b: Var = (se_a / b)² + (a se_b / b²)².
  const std::vector<Uncertain> in = {{10, 0.5}, {4, 0.1}};
  const Uncertain f = Propagate([](absl::Span<const double> v) { return v[0] / v[1]; }, in);
  EXPECT_NEAR(*f.std_error, std::hypot(0.5 / 4, 10 * 0.1 / 16), 1e-6);
}

TEST(Uncertain, AnUnknownErrorThatMattersLeavesNoRange) {
  const std::vector<Uncertain> in = {{2, 0.1}, {3, std::nullopt}};
  EXPECT_FALSE(Propagate([](absl::Span<const double> v) { return v[0] + v[1]; }, in).std_error);
  // ... but one f does not depend on is no matter.
  const Uncertain f = Propagate([](absl::Span<const double> v) { return 2 * v[0]; }, in);
  ASSERT_TRUE(f.std_error);
  EXPECT_NEAR(*f.std_error, 0.2, 1e-6);
  // Even at 0.
  const std::vector<Uncertain> zero = {{2, 0.1}, {0, std::nullopt}};
  EXPECT_FALSE(Propagate([](absl::Span<const double> v) { return v[0] + v[1]; }, zero).std_error);
}

TEST(Uncertain, CompareSaysWhenRangesOverlap) {
  EXPECT_EQ(Compare({1, 2}, {3, 4}), Order::kBelow);
  EXPECT_EQ(Compare({3, 4}, {1, 2}), Order::kAbove);
  EXPECT_EQ(Compare({1, 3}, {2, 4}), Order::kOverlap);
}

}  // namespace
}  // namespace parbench::stats
