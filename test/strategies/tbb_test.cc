#include "lib/strategies/tbb.h"

#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "test/test_util.h"

namespace parbench {
namespace {

// oneTBB by default caps its threads at the machine's concurrency; a Tbb of
// more workers than CPUs must still get them, as every other strategy does.
TEST(TbbTest, GetsAsManyThreadsAsWorkersEvenBeyondTheCpus) {
  const int workers = static_cast<int>(std::thread::hardware_concurrency()) + 3;
  Tbb tbb(workers);
  EXPECT_EQ(tbb.threads_allowed(), workers);
  const std::vector<Task> tasks(20, testing::TaskOf("Cpu", 1000));
  absl::StatusOr<std::vector<TaskResult>> results = tbb.Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  for (const TaskResult& result : *results) EXPECT_EQ(result.checksum, 1000u);
}

// Each thread reads its CPU clock once per Map(), not once per subrange of
// TBB's partitioner: at most one result per thread carries CPU time, and
// their sum is the work's.
TEST(TbbTest, ChargesCpuTimeOncePerThreadNotPerSubrange) {
  constexpr int kWorkers = 2;
  Tbb tbb(kWorkers);
  const std::vector<Task> tasks(400, testing::TaskOf("Cpu", 20000));
  absl::StatusOr<std::vector<TaskResult>> results = tbb.Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(testing::Checksums(*results), std::vector<std::uint64_t>(tasks.size(), 20000u));
  const testing::CpuCharges charges = testing::CountCpuCharges(*results);
  EXPECT_GE(charges.results, 1);
  EXPECT_LE(charges.results, kWorkers);
  EXPECT_GT(charges.nanos, 0);
}

}  // namespace
}  // namespace parbench
