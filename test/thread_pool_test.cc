#include "lib/thread_pool.h"

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace parbench {
namespace {

TEST(ThreadPoolTest, DestroyedWithWorkPendingRunsEveryClosureOnce) {
  constexpr int kClosures = 1000;
  std::vector<std::atomic<int>> runs(kClosures);
  {
    absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(2);
    ASSERT_TRUE(pool.ok()) << pool.status();
    absl::Notification release;
    // Both workers block, so the rest of the queue is still pending when the
    // destructor starts.
    for (int i = 0; i < 2; ++i) (*pool)->Schedule([&release] { release.WaitForNotification(); });
    for (int i = 0; i < kClosures; ++i) (*pool)->Schedule([&runs, i] { ++runs[i]; });
    release.Notify();
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
  const std::vector<Task> tasks = {{Workload::kCpu, 100}, {Workload::kCpu, 200},
                                   {Workload::kCpu, 300}, {Workload::kCpu, 400}};
  for (int round = 0; round < 500; ++round) {
    absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ(results->size(), 4u);
    for (int i = 0; i < 4; ++i) ASSERT_EQ((*results)[i].checksum, 100u * (i + 1));
  }
}

TEST(ThreadPoolTest, RunsOnAsManyDistinctThreadsAsWorkers) {
  constexpr int kWorkers = 4;
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(kWorkers);
  ASSERT_TRUE(pool.ok()) << pool.status();
  absl::Mutex mu;
  std::set<std::thread::id> seen;
  int arrived = 0;
  std::atomic<int> timed_out{0};
  absl::Notification done[kWorkers];
  // Each closure waits until all kWorkers are inside at once, which only
  // kWorkers distinct threads can achieve; the timeout turns a bug into a
  // failure instead of a hang.
  for (int i = 0; i < kWorkers; ++i) {
    (*pool)->Schedule([&, i] {
      absl::MutexLock lock(&mu);
      seen.insert(std::this_thread::get_id());
      ++arrived;
      if (!mu.AwaitWithTimeout(absl::Condition(
                                   +[](int* n) { return *n == kWorkers; }, &arrived),
                               absl::Seconds(30))) {
        ++timed_out;
      }
      done[i].Notify();
    });
  }
  for (auto& d : done) d.WaitForNotification();
  EXPECT_EQ(timed_out.load(), 0);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWorkers));
}

TEST(ThreadPoolTest, TaskErrorIsReturned) {
  absl::StatusOr<std::unique_ptr<ThreadPool>> pool = ThreadPool::Create(2);
  ASSERT_TRUE(pool.ok()) << pool.status();
  const std::vector<Task> tasks = {{Workload::kCpu, 1}, {static_cast<Workload>(99), 1}};
  absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(tasks);
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(results.status())) << results.status();
  EXPECT_NE(results.status().message().find("task 1"), absl::string_view::npos)
      << results.status();
}

}  // namespace
}  // namespace parbench
