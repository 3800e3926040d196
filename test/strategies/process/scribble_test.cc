// The user scenario: a task that, inside its worker process, writes
// 64 junk bytes into every pipe and socket it can write to and then keeps
// computing. Each process strategy that can run a stand-in task (the fork
// launches; the spawn launches and Mpi in test/bench/scribble_test.sh) must
// end in a clear error naming the worker, the task and the violation —
// never a hang, never the junk shown as if it were a message — and leave no
// process behind.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/strategies/process/process_per_task.h"
#include "lib/strategies/process/process_pool.h"
#include "test/scribble_junk.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::HasNoChildren;
using testing::OpenDescriptorCount;
using testing::TaskOf;

// The task of size 0 scribbles, then computes for far longer than any test
// waits; the others just count.
absl::StatusOr<std::uint64_t> ScribbleThenCompute(const Task& task) {
  if (task.size != 0) return task.size;
  testing::ScribbleOnEveryPipe();
  return testing::ComputeForLong(task.size);
}

// The scribbling task first, so that the error is task 0's.
std::vector<Task> Tasks() { return {TaskOf("Cpu", 0), TaskOf("Cpu", 1), TaskOf("Cpu", 2)}; }

void ExpectClearJunkError(const absl::Status& status, absl::string_view who) {
  ASSERT_FALSE(status.ok());
  const std::string message(status.message());
  EXPECT_TRUE(absl::StrContains(message, who)) << message;
  EXPECT_TRUE(absl::StrContains(message, "pid ")) << message;
  EXPECT_TRUE(absl::StrContains(message, "task 0")) << message;
  EXPECT_TRUE(absl::StrContains(message, "garbage")) << message;
  EXPECT_FALSE(absl::StrContains(message, "ZZZZ")) << message;
}

TEST(ScribbleTest, ProcessPoolColdAndWarmGetAClearErrorAndLeaveNothing) {
  const int fds_before = OpenDescriptorCount();
  for (bool warm : {false, true}) {
    absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
        ProcessPool::Create({.workers = 2, .run_task = &ScribbleThenCompute, .chunk_size = 1});
    ASSERT_TRUE(pool.ok()) << pool.status();
    // Warm: the pool has served a call before.
    if (warm) {
      ASSERT_TRUE((*pool)->Map({TaskOf("Cpu", 5), TaskOf("Cpu", 6)}).ok());
    }
    absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(Tasks());
    ExpectClearJunkError(results.status(), "process pool worker 1");
    EXPECT_TRUE(HasNoChildren());
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

TEST(ScribbleTest, ProcessPerTaskGetsAClearErrorAndLeavesNothing) {
  const int fds_before = OpenDescriptorCount();
  ProcessPerTask per_task(2, Launch::kFork, DefaultSpawnBinary(), &ScribbleThenCompute);
  absl::StatusOr<std::vector<TaskResult>> results = per_task.Map(Tasks());
  ExpectClearJunkError(results.status(), "process for task 0");
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

}  // namespace
}  // namespace parbench
