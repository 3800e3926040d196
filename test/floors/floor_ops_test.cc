// The floor operations do what they say and leave nothing behind: every
// child reaped, every thread joined, every descriptor closed.
#include "lib/floors/floor_ops.h"

#include "gtest/gtest.h"
#include "lib/floors/stream_triad.h"
#include "lib/workloads/memory.h"
#include "test/test_util.h"

namespace parbench {
namespace {

TEST(FloorOpsTest, BareForksAreAllReaped) {
  EXPECT_TRUE(BareForkAndReap(5).ok());
  EXPECT_TRUE(testing::HasNoChildren());
}

TEST(FloorOpsTest, HeldForksAreReleasedAndAllReaped) {
  const int fds_before = testing::OpenDescriptorCount();
  EXPECT_TRUE(BareForkHoldAndReap(5).ok());
  EXPECT_TRUE(testing::HasNoChildren());
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
}

TEST(FloorOpsTest, ThreadsAreCreatedAndJoined) { EXPECT_TRUE(BareThreadsCreateAndJoin(4).ok()); }

TEST(FloorOpsTest, PipePingPongEchoesAndCleansUp) {
  const int fds_before = testing::OpenDescriptorCount();
  {
    absl::StatusOr<std::unique_ptr<PipePingPong>> ping = PipePingPong::Create();
    ASSERT_TRUE(ping.ok()) << ping.status();
    for (int i = 0; i < 100; ++i) ASSERT_TRUE((*ping)->RoundTrip().ok());
  }
  EXPECT_TRUE(testing::HasNoChildren());
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
}

TEST(FloorOpsTest, ShmPingPongEchoesAndCleansUp) {
  const int fds_before = testing::OpenDescriptorCount();
  {
    absl::StatusOr<std::unique_ptr<ShmPingPong>> ping = ShmPingPong::Create();
    ASSERT_TRUE(ping.ok()) << ping.status();
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE((*ping)->RoundTrip().ok());
  }
  EXPECT_TRUE(testing::HasNoChildren());
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
}

TEST(FloorOpsTest, ThreadPingPongRoundTripsAndStops) {
  ThreadPingPong ping;
  for (int i = 0; i < 1000; ++i) ping.RoundTrip();
}

TEST(FloorOpsTest, TriadComputesEveryElement) {
  for (int threads : {1, 3}) {
    std::vector<double> a(1001, 0.0), b(1001, 1.0), c(1001, 2.0);
    Triad(a.data(), b.data(), c.data(), a.size(), 3.0, threads);
    for (double x : a) ASSERT_EQ(x, 7.0);
  }
}

TEST(FillAndFoldTest, SameChecksumAsAppendInts) {
  for (std::uint64_t n : {0ull, 1ull, 7ull, 8ull, 9ull, 1'000ull, 123'457ull}) {
    std::vector<std::uint32_t> buffer(n + 1);
    EXPECT_EQ(FillAndFold(buffer.data(), n), AppendInts(n)) << "n=" << n;
  }
}

}  // namespace
}  // namespace parbench
