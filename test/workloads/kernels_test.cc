#include <cstdint>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "lib/workloads/cpu.h"
#include "lib/workloads/io_wait.h"
#include "lib/workloads/memory.h"

namespace parbench {
namespace {

TEST(CountToTest, CountsExactlyToN) {
  for (std::uint64_t n : {0ull, 1ull, 7ull, 1'000ull, 10'000'000ull}) {
    EXPECT_EQ(CountTo(n), n);
  }
}

TEST(AppendIntsTest, ChecksumMatchesAnIndependentFold) {
  for (std::uint64_t n : {0ull, 1ull, 1'000ull, 123'457ull}) {
    std::uint64_t expected = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      expected = expected * 31 + static_cast<std::uint32_t>(i * 2654435761u);
    }
    EXPECT_EQ(AppendInts(n), expected) << "n=" << n;
  }
}

TEST(AppendIntsTest, DifferentSizesGiveDifferentChecksums) {
  EXPECT_NE(AppendInts(1000), AppendInts(1001));
}

TEST(WaitMicrosTest, WaitsAtLeastTheLatencyAndReturnsIt) {
  // A lower bound only: a sleep can be late on a busy machine, never early.
  const absl::Time start = absl::Now();
  EXPECT_EQ(WaitMicros(20'000), 20'000u);
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(20));
}

}  // namespace
}  // namespace parbench
