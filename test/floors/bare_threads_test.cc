#include "lib/floors/bare_threads.h"

#include "gtest/gtest.h"

namespace parbench {
namespace {

// Each thread's share, returned as counted: the sum must be the total.
std::uint64_t Steps(std::uint64_t steps) { return steps; }

TEST(BareThreadsTest, SharesAddUpToTheTotal) {
  for (int workers : {1, 2, 3, 8}) {
    absl::StatusOr<std::unique_ptr<BareThreads>> bare = BareThreads::Create(workers);
    ASSERT_TRUE(bare.ok()) << bare.status();
    for (std::uint64_t total : {0ull, 1ull, 7ull, 1'000'001ull}) {
      EXPECT_EQ((*bare)->Count(total, &Steps), total) << workers << " workers";
    }
  }
}

TEST(BareThreadsTest, ReusedManyTimes) {
  absl::StatusOr<std::unique_ptr<BareThreads>> bare = BareThreads::Create(2);
  ASSERT_TRUE(bare.ok());
  for (int i = 0; i < 1000; ++i) ASSERT_EQ((*bare)->Count(100, &Steps), 100u);
}

}  // namespace
}  // namespace parbench
