// The OpenMp strategy beyond the shared checks of strategy_test.cc: more
// threads than tasks, repeated use of libgomp's team, and task errors.
#include "lib/strategies/openmp.h"

#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/strategies/sequential.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::kNoSuchWorkload;
using testing::TaskOf;

std::vector<Task> CountTasks(int count) {
  std::vector<Task> tasks;
  tasks.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) tasks.push_back(TaskOf("Cpu", 1'000u + 7u * i));
  return tasks;
}

TEST(OpenMpTest, MatchesSequentialForAnyTeamSize) {
  const std::vector<Task> tasks = CountTasks(13);
  absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();
  for (int workers : {1, 2, 5, 13, 40}) {
    OpenMp openmp(workers);
    for (int round = 0; round < 3; ++round) {  // The team is reused.
      absl::StatusOr<std::vector<TaskResult>> results = openmp.Map(tasks);
      ASSERT_TRUE(results.ok()) << results.status();
      ASSERT_EQ(results->size(), tasks.size());
      for (std::size_t i = 0; i < tasks.size(); ++i) {
        EXPECT_EQ((*results)[i].checksum, (*expected)[i].checksum) << "workers=" << workers;
      }
    }
  }
}

TEST(OpenMpTest, LowestFailingTaskIsReported) {
  std::vector<Task> tasks = CountTasks(6);
  tasks[4].workload = kNoSuchWorkload;
  tasks[2].workload = kNoSuchWorkload + 1;
  absl::StatusOr<std::vector<TaskResult>> results = OpenMp(3).Map(tasks);
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(results.status())) << results.status();
  EXPECT_TRUE(absl::StrContains(results.status().message(), "task 2")) << results.status();
}

}  // namespace
}  // namespace parbench
