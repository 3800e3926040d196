#include "lib/strategies/process/process_pool.h"

#include <signal.h>

#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::kNoSuchWorkload;
using testing::TaskOf;

using testing::HasNoChildren;
using testing::OpenDescriptorCount;

std::unique_ptr<ProcessPool> MustCreate(const ProcessPool::Options& options) {
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool = ProcessPool::Create(options);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? *std::move(pool) : nullptr;
}

// Tasks that keep every worker busy for far longer than any test waits.
std::vector<Task> LongIoTasks(int count) {
  return std::vector<Task>(count, TaskOf("Io", 60'000'000));
}

TEST(ProcessPoolTest, DestroyedRightAfterStartLeavesNothing) {
  const int fds_before = OpenDescriptorCount();
  for (int i = 0; i < 20; ++i) {
    std::unique_ptr<ProcessPool> pool = MustCreate({.workers = 4});
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(pool->workers(), 4);
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

TEST(ProcessPoolTest, ReusedManyTimes) {
  const int fds_before = OpenDescriptorCount();
  {
    std::unique_ptr<ProcessPool> pool = MustCreate({.workers = 3});
    ASSERT_NE(pool, nullptr);
    const std::vector<Task> tasks = {TaskOf("Cpu", 10), TaskOf("Cpu", 20), TaskOf("Memory", 30),
                                     TaskOf("Cpu", 40), TaskOf("Cpu", 50)};
    for (int round = 0; round < 300; ++round) {
      absl::StatusOr<std::vector<TaskResult>> results = pool->Map(tasks);
      ASSERT_TRUE(results.ok()) << results.status();
      ASSERT_EQ(results->size(), tasks.size());
      ASSERT_EQ((*results)[0].checksum, 10u);
      ASSERT_EQ((*results)[4].checksum, 50u);
    }
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

// A worker killed from outside while the pool waits on it: the call returns
// an error naming the worker and the signal, never hangs; the pool then says
// it is broken; destruction reaps everything.
void ExpectKilledWorkerIsReported(int signal, absl::string_view signal_name) {
  const int fds_before = OpenDescriptorCount();
  {
    std::unique_ptr<ProcessPool> pool = MustCreate({.workers = 2});
    ASSERT_NE(pool, nullptr);
    const pid_t victim = pool->worker_pids()[1];
    std::thread killer([victim, signal] {
      absl::SleepFor(absl::Milliseconds(100));  // Let it take its task first.
      kill(victim, signal);
    });
    absl::StatusOr<std::vector<TaskResult>> results = pool->Map(LongIoTasks(4));
    killer.join();
    ASSERT_FALSE(results.ok());
    const std::string message(results.status().message());
    EXPECT_TRUE(absl::StrContains(message, "worker 2")) << message;
    EXPECT_TRUE(absl::StrContains(message, signal_name)) << message;

    absl::StatusOr<std::vector<TaskResult>> again = pool->Map({TaskOf("Cpu", 1)});
    ASSERT_FALSE(again.ok());
    EXPECT_TRUE(absl::IsFailedPrecondition(again.status())) << again.status();
    EXPECT_TRUE(absl::StrContains(again.status().message(), "broken")) << again.status();
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

TEST(ProcessPoolTest, WorkerKilledMidTaskIsAnError) {
  ExpectKilledWorkerIsReported(SIGKILL, "SIGKILL");
}
TEST(ProcessPoolTest, WorkerCrashingMidTaskIsAnError) {
  ExpectKilledWorkerIsReported(SIGSEGV, "SIGSEGV");
}
TEST(ProcessPoolTest, WorkerAbortingMidTaskIsAnError) {
  ExpectKilledWorkerIsReported(SIGABRT, "SIGABRT");
}

TEST(ProcessPoolTest, DeadlineKillsHungWorkersAndReapsThem) {
  const int fds_before = OpenDescriptorCount();
  {
    std::unique_ptr<ProcessPool> pool =
        MustCreate({.workers = 2, .map_deadline = absl::Milliseconds(200)});
    ASSERT_NE(pool, nullptr);
    absl::StatusOr<std::vector<TaskResult>> results = pool->Map(LongIoTasks(3));
    ASSERT_FALSE(results.ok());
    EXPECT_TRUE(absl::IsDeadlineExceeded(results.status())) << results.status();
    EXPECT_TRUE(HasNoChildren());  // Killed and reaped by the call itself.
  }
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

TEST(ProcessPoolTest, TaskErrorKeepsThePoolUsable) {
  std::unique_ptr<ProcessPool> pool = MustCreate({.workers = 2});
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<std::vector<TaskResult>> bad =
      pool->Map({TaskOf("Cpu", 5), Task{kNoSuchWorkload, 1}, TaskOf("Cpu", 7)});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(bad.status())) << bad.status();
  EXPECT_TRUE(absl::StrContains(bad.status().message(), "task 1")) << bad.status();

  absl::StatusOr<std::vector<TaskResult>> good = pool->Map({TaskOf("Cpu", 5)});
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ((*good)[0].checksum, 5u);
}

TEST(ProcessPoolTest, WorkersReportTheirCpuTime) {
  std::unique_ptr<ProcessPool> pool = MustCreate({.workers = 1});
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<std::vector<TaskResult>> results = pool->Map({TaskOf("Cpu", 50'000'000)});
  ASSERT_TRUE(results.ok()) << results.status();
  // Counting to 5e7 cannot take zero CPU; no upper bound (not a timing test).
  EXPECT_GT((*results)[0].cpu_nanos, 0);
}

}  // namespace
}  // namespace parbench
