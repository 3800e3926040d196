// Chunking in both pools: any chunk size — 1, the default, uneven, larger
// than the task list, larger than a pipe's buffer — gives Sequential's
// results in task order, and a task's error inside a chunk is still reported
// by its index with the pool left usable.
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/core/chunk_size.h"
#include "lib/strategies/process/process_pool.h"
#include "lib/strategies/process/worker_protocol.h"
#include "lib/strategies/sequential.h"
#include "lib/strategies/thread_pool.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::kNoSuchWorkload;
using testing::TaskOf;

std::vector<Task> DistinctTasks(int count) { return testing::DistinctCpuTasks(count, 100, 3); }

absl::StatusOr<std::unique_ptr<Strategy>> MakePool(bool processes, int workers, int chunk) {
  if (processes) return ProcessPool::Create({.workers = workers, .chunk_size = chunk});
  return ThreadPool::Create(workers, chunk);
}

TEST(ChunkSizeTest, DefaultIsAboutFourChunksPerWorker) {
  EXPECT_EQ(ChunkSize(0, 10, 1), 2u);  // floor(10 / 4)
  // floor(10 / 8): ten chunks, five per worker. (Python's ceiling would make
  // five chunks of two: six tasks on one worker, four on the other.)
  EXPECT_EQ(ChunkSize(0, 10, 2), 1u);
  EXPECT_EQ(ChunkSize(0, 10, 10), 1u);
  EXPECT_EQ(ChunkSize(0, 1000, 2), 125u);
  EXPECT_EQ(ChunkSize(0, 0, 4), 1u);  // Never zero.
  EXPECT_EQ(ChunkSize(0, 9, 0), 2u);  // Workers count as at least one.
  EXPECT_EQ(ChunkSize(7, 1000, 2), 7u);
}

class ChunkedPoolTest : public ::testing::TestWithParam<bool> {};

TEST_P(ChunkedPoolTest, AnyChunkSizeMatchesSequential) {
  const bool processes = GetParam();
  const std::vector<Task> tasks = DistinctTasks(23);
  absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();
  for (int workers : {1, 3}) {
    for (int chunk : {0, 1, 2, 5, 22, 23, 24, 1000}) {
      absl::StatusOr<std::unique_ptr<Strategy>> pool = MakePool(processes, workers, chunk);
      ASSERT_TRUE(pool.ok()) << pool.status();
      for (int round = 0; round < 2; ++round) {
        absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
        ASSERT_TRUE(results.ok()) << results.status() << " chunk=" << chunk;
        ASSERT_EQ(results->size(), tasks.size());
        for (std::size_t i = 0; i < tasks.size(); ++i) {
          EXPECT_EQ((*results)[i].checksum, (*expected)[i].checksum)
              << "workers=" << workers << " chunk=" << chunk << " task " << i;
        }
      }
    }
  }
  EXPECT_TRUE(testing::HasNoChildren());
}

// 20000 tasks in one chunk: a 320 KiB task message and one answers record
// of 20000 x 8 bytes, 156 KiB (the fault table's "result larger than a pipe
// buffer"): far beyond PIPE_BUF and the 64 KiB pipe buffer, so both sides see
// partial reads and writes, and must not deadlock.
TEST_P(ChunkedPoolTest, ChunksLargerThanThePipeBufferDoNotDeadlock) {
  static_assert(MinAnswerBytes(20000) > std::size_t{2} << 16);
  const std::vector<Task> tasks(20000, TaskOf("Cpu", 5));
  for (int chunk : {20000, 10000, 3999}) {
    absl::StatusOr<std::unique_ptr<Strategy>> pool = MakePool(GetParam(), 2, chunk);
    ASSERT_TRUE(pool.ok()) << pool.status();
    absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ(results->size(), tasks.size());
    for (const TaskResult& r : *results) ASSERT_EQ(r.checksum, 5u);
  }
}

// The messages (ProcessPool) or closures (ThreadPool) a pool really sent.
std::uint64_t ChunksSent(const Strategy& pool) {
  if (const auto* processes = dynamic_cast<const ProcessPool*>(&pool)) {
    return processes->chunks_sent();
  }
  return dynamic_cast<const ThreadPool&>(pool).chunks_sent();
}

// The chunk size given is the one used: one message (closure) per chunk,
// ceil(tasks ÷ chunk) per Map(), the default (125 for 1000 tasks on 2
// workers) included.
TEST_P(ChunkedPoolTest, SendsOneMessagePerChunkOfTheSizeGiven) {
  const std::vector<Task> tasks(1000, TaskOf("Cpu", 5));
  struct Case {
    int chunk;
    std::uint64_t messages;
  };
  for (const Case c : {Case{1, 1000}, Case{0, 8}, Case{125, 8}, Case{7, 143}, Case{999, 2},
                       Case{1000, 1}, Case{5000, 1}}) {
    absl::StatusOr<std::unique_ptr<Strategy>> pool = MakePool(GetParam(), 2, c.chunk);
    ASSERT_TRUE(pool.ok()) << pool.status();
    EXPECT_EQ(ChunksSent(**pool), 0u);
    for (std::uint64_t round = 1; round <= 2; ++round) {
      absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
      ASSERT_TRUE(results.ok()) << results.status();
      EXPECT_EQ(ChunksSent(**pool), round * c.messages) << "chunk=" << c.chunk;
    }
  }
}

TEST_P(ChunkedPoolTest, TaskErrorInsideAChunkNamesTheTask) {
  std::vector<Task> tasks = DistinctTasks(9);
  tasks[5].workload = kNoSuchWorkload;
  absl::StatusOr<std::unique_ptr<Strategy>> pool = MakePool(GetParam(), 2, 4);
  ASSERT_TRUE(pool.ok()) << pool.status();
  absl::StatusOr<std::vector<TaskResult>> bad = (*pool)->Map(tasks);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(bad.status())) << bad.status();
  EXPECT_TRUE(absl::StrContains(bad.status().message(), "task 5")) << bad.status();
  absl::StatusOr<std::vector<TaskResult>> good = (*pool)->Map(DistinctTasks(9));
  EXPECT_TRUE(good.ok()) << good.status();
}

INSTANTIATE_TEST_SUITE_P(Pools, ChunkedPoolTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "ProcessPool" : "ThreadPool";
                         });

}  // namespace
}  // namespace parbench
