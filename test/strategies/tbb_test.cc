#include "lib/strategies/tbb.h"

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

}  // namespace
}  // namespace parbench
