// 1,000 create/use/destroy cycles of each pool in one process: no zombie, the
// same descriptors, and resident memory that does not grow.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <vector>

#include "gtest/gtest.h"
#include "lib/core/strategy_table.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::TaskOf;

constexpr int kCycles = 1000;
// Resident memory may wobble by allocator caching, never climb with cycles:
// a leak of even one page per cycle would be 4 MB over 1,000.
constexpr long kMaxGrowthKiB = 1024;

long ResidentKiB() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

class SoakTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SoakTest, ThousandCyclesLeaveNothingBehind) {
  const std::vector<Task> tasks = {TaskOf("Cpu", 1000), TaskOf("Memory", 1000),
                                   TaskOf("Cpu", 2000)};
  auto cycle = [&] {
    absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeStrategy(GetParam(), {.workers = 2});
    ASSERT_TRUE(strategy.ok()) << strategy.status();
    absl::StatusOr<std::vector<TaskResult>> results = (*strategy)->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ((*results)[2].checksum, 2000u);
  };
  // Warm up the allocator and the libraries' one-time state first.
  for (int i = 0; i < 20; ++i) cycle();
  const int fds_before = testing::OpenDescriptorCount();
  const long rss_before = ResidentKiB();
  for (int i = 0; i < kCycles; ++i) {
    cycle();
    if (HasFatalFailure()) return;
  }
  const long growth = ResidentKiB() - rss_before;
  std::printf("%s: %d cycles, descriptors %d -> %d, resident %ld KiB -> %+ld KiB\n",
              GetParam().c_str(), kCycles, fds_before, testing::OpenDescriptorCount(), rss_before,
              growth);
  EXPECT_TRUE(testing::HasNoChildren());
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed memory in quarantine, so resident memory
  // grows by design; its LeakSanitizer checks for leaks at exit instead.
  (void)growth;
#else
  EXPECT_LE(growth, kMaxGrowthKiB);
#endif
}

// Every strategy that starts threads or processes of its own.
INSTANTIATE_TEST_SUITE_P(Pools, SoakTest,
                         ::testing::Values("ThreadPool", "ProcessPool", "ProcessPerTask",
                                           "ThreadPerTask"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parbench
