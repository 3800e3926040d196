// ProcessPerTask's spawn launch and the worker mode it runs: the bench binary
// (PARBENCH_BENCH_BINARY) answers like a forked child, a malformed worker
// command line fails cleanly, a binary that cannot be run is an error, and
// nothing is left behind.
#include "lib/strategies/process/spawn_worker.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/strategies/process/process_per_task.h"
#include "lib/strategies/sequential.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::kNoSuchWorkload;
using testing::TaskOf;

using testing::HasNoChildren;
using testing::OpenDescriptorCount;

TEST(SpawnWorkerTest, SpawnedBenchMatchesSequentialAndFork) {
  std::vector<Task> tasks;
  tasks.reserve(7);
  for (int i = 0; i < 7; ++i) {
    tasks.push_back(TaskOf(i % 2 ? "Memory" : "Cpu", 500u + 11u * i));
  }
  absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();
  const int fds_before = OpenDescriptorCount();
  for (int workers : {1, 3}) {
    ProcessPerTask spawned(workers, Launch::kSpawn, PARBENCH_BENCH_BINARY);
    absl::StatusOr<std::vector<TaskResult>> results = spawned.Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ(results->size(), tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      EXPECT_EQ((*results)[i].checksum, (*expected)[i].checksum) << "task " << i;
      EXPECT_GE((*results)[i].cpu_nanos, 0);
    }
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

TEST(SpawnWorkerTest, TaskErrorTravelsBackFromTheSpawnedWorker) {
  ProcessPerTask spawned(2, Launch::kSpawn, PARBENCH_BENCH_BINARY);
  absl::StatusOr<std::vector<TaskResult>> results =
      spawned.Map({TaskOf("Cpu", 3), Task{kNoSuchWorkload, 1}});
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(results.status())) << results.status();
  EXPECT_TRUE(absl::StrContains(results.status().message(), "task 1")) << results.status();
  EXPECT_TRUE(HasNoChildren());
}

TEST(SpawnWorkerTest, MissingBinaryIsAnErrorAndLeavesNothing) {
  const int fds_before = OpenDescriptorCount();
  ProcessPerTask spawned(2, Launch::kSpawn, "/nonexistent/parbench-worker");
  absl::StatusOr<std::vector<TaskResult>> results = spawned.Map({TaskOf("Cpu", 3)});
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::StrContains(results.status().message(), "posix_spawn")) << results.status();
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

std::optional<int> RunWorkerWith(std::vector<std::string> args) {
  std::vector<char*> argv;
  argv.reserve(args.size());
  for (std::string& arg : args) argv.push_back(arg.data());
  return RunSpawnWorkerIfAsked(static_cast<int>(argv.size()), argv.data());
}

TEST(SpawnWorkerTest, OnlyAWellFormedWorkerCommandLineIsRun) {
  EXPECT_EQ(RunWorkerWith({"bench", "--benchmark_filter=Cpu"}), std::nullopt);
  EXPECT_EQ(RunWorkerWith({"bench"}), std::nullopt);
  EXPECT_EQ(RunWorkerWith({"bench", kSpawnWorkerFlag, "1", "0"}), 2);  // Too few.
  EXPECT_EQ(RunWorkerWith({"bench", kSpawnWorkerFlag, "x", "0", "5"}), 2);
  EXPECT_EQ(RunWorkerWith({"bench", kSpawnWorkerFlag, "1", "0", "-5"}), 2);
}

TEST(SpawnWorkerTest, ArgvRoundTrips) {
  const std::vector<std::string> argv = SpawnWorkerArgv("/bin/x", 12, TaskOf("Memory", 345));
  EXPECT_EQ(argv, (std::vector<std::string>{"/bin/x", kSpawnWorkerFlag, "12", "Memory", "345"}));
}

}  // namespace
}  // namespace parbench
