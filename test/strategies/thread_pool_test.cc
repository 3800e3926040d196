#include "lib/strategies/thread_pool.h"

#include <atomic>
#include <latch>
#include <set>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::kNoSuchWorkload;
using testing::TaskOf;

TEST(ThreadPoolTest, DestroyedWithWorkPendingRunsEveryClosureOnce) {
  constexpr int kClosures = 1000;
  std::vector<std::atomic<int>> runs(kClosures);
  {
    absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(2);
    ASSERT_TRUE(pool.ok()) << pool.status();
    // std primitives in the tests: ThreadSanitizer sees them, while Debian's
    // abseil is not built for it.
    std::latch release(1);
    // Both workers block, so the rest of the queue is still pending when the
    // destructor starts.
    for (int i = 0; i < 2; ++i) (*pool)->Schedule([&release] { release.wait(); });
    for (int i = 0; i < kClosures; ++i) (*pool)->Schedule([&runs, i] { ++runs[i]; });
    release.count_down();
  }
  for (int i = 0; i < kClosures; ++i) EXPECT_EQ(runs[i].load(), 1) << "closure " << i;
}

TEST(ThreadPoolTest, DestroyedRightAfterStart) {
  for (int i = 0; i < 50; ++i) {
    absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(4);
    ASSERT_TRUE(pool.ok()) << pool.status();
    EXPECT_EQ((*pool)->workers(), 4);
  }
}

TEST(ThreadPoolTest, ReusedManyTimes) {
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(3);
  ASSERT_TRUE(pool.ok()) << pool.status();
  const std::vector<Task> tasks = {TaskOf("Cpu", 100), TaskOf("Cpu", 200), TaskOf("Cpu", 300),
                                   TaskOf("Cpu", 400)};
  for (int round = 0; round < 500; ++round) {
    absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ(results->size(), 4u);
    for (int i = 0; i < 4; ++i) ASSERT_EQ((*results)[i].checksum, 100u * (i + 1));
  }
}

TEST(ThreadPoolTest, RunsOnAsManyDistinctThreadsAsWorkers) {
  constexpr int kWorkers = 4;
  // Scheduled work runs on the pool's own threads: all of its workers when
  // the caller does not run chunks (with caller_runs it is one of them, see
  // thread_pool_knobs_test.cc).
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool =
      ThreadPool::Create({.workers = kWorkers, .caller_runs = false});
  ASSERT_TRUE(pool.ok()) << pool.status();
  std::thread::id ran_on[kWorkers];
  std::atomic<int> arrived{0};
  std::atomic<int> timed_out{0};
  std::latch done(kWorkers);
  // Each closure waits until all kWorkers are inside at once, which only
  // kWorkers distinct threads can achieve; the deadline turns a bug into a
  // failure instead of a hang.
  for (int i = 0; i < kWorkers; ++i) {
    (*pool)->Schedule([&, i] {
      ran_on[i] = std::this_thread::get_id();
      ++arrived;
      const absl::Time deadline = absl::Now() + absl::Seconds(30);
      while (arrived.load() < kWorkers && absl::Now() < deadline) {
        absl::SleepFor(absl::Milliseconds(1));
      }
      if (arrived.load() < kWorkers) ++timed_out;
      done.count_down();
    });
  }
  done.wait();
  EXPECT_EQ(timed_out.load(), 0);
  EXPECT_EQ(std::set<std::thread::id>(ran_on, ran_on + kWorkers).size(),
            static_cast<std::size_t>(kWorkers));
}

// Threads claim chunks from a shared counter and read their CPU clock once
// per Map(), not once per chunk: of 400 one-task chunks, at most one result
// per thread (2 here, the caller included) carries CPU time, and their sum
// is the work's.
TEST(ThreadPoolTest, ChargesCpuTimeOncePerThreadNotPerChunk) {
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool =
      ThreadPool::Create({.workers = 2, .chunk_size = 1});
  ASSERT_TRUE(pool.ok()) << pool.status();
  const std::vector<Task> tasks(400, TaskOf("Cpu", 20000));
  absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(testing::Checksums(*results), std::vector<std::uint64_t>(tasks.size(), 20000u));
  const testing::CpuCharges charges = testing::CountCpuCharges(*results);
  EXPECT_GE(charges.results, 1);
  EXPECT_LE(charges.results, 2);
  EXPECT_GT(charges.nanos, 0);
  EXPECT_EQ((*pool)->chunks_sent(), 400u);
}

TEST(ThreadPoolTest, TaskErrorIsReturned) {
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(2);
  ASSERT_TRUE(pool.ok()) << pool.status();
  const std::vector<Task> tasks = {TaskOf("Cpu", 1), Task{kNoSuchWorkload, 1}};
  absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(results.status())) << results.status();
  EXPECT_NE(results.status().message().find("task 1"), absl::string_view::npos) << results.status();
}

}  // namespace
}  // namespace parbench
