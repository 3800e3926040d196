#include "lib/thread_pool.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/blocking_counter.h"

namespace parbench {

absl::StatusOr<std::unique_ptr<ThreadPool>> ThreadPool::Create(int workers) {
  std::unique_ptr<ThreadPool> pool(new ThreadPool());
  const int count = std::max(workers, 1);
  pool->threads_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    try {
      pool->threads_.emplace_back(&ThreadPool::WorkLoop, pool.get());
    } catch (const std::system_error& e) {
      // The destructor stops and joins the threads started so far.
      return absl::ResourceExhaustedError(
          absl::StrFormat("starting worker thread %d of %d: %s", i + 1, count, e.what()));
    }
  }
  return pool;
}

ThreadPool::~ThreadPool() {
  StopWorkers();
  for (std::thread& thread : threads_) thread.join();
}

void ThreadPool::StopWorkers() {
  absl::MutexLock lock(&mu_);
  for (std::size_t i = 0; i < threads_.size(); ++i) queue_.emplace_back();
}

void ThreadPool::Schedule(absl::AnyInvocable<void()> work) {
  absl::MutexLock lock(&mu_);
  queue_.push_back(std::move(work));
}

void ThreadPool::WorkLoop() {
  while (true) {
    absl::AnyInvocable<void()> work;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](std::deque<absl::AnyInvocable<void()>>* q) { return !q->empty(); }, &queue_));
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!work) return;  // The stop marker.
    work();
  }
}

absl::StatusOr<std::vector<TaskResult>> ThreadPool::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  absl::BlockingCounter remaining(static_cast<int>(tasks.size()));
  {
    // One lock for the whole batch instead of one per task.
    absl::MutexLock lock(&mu_);
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      queue_.emplace_back([&slots, &remaining, &tasks, i] {
        slots[i] = RunTaskTimed(tasks[i]);
        remaining.DecrementCount();
      });
    }
  }
  remaining.Wait();
  return GatherResults(std::move(slots));
}

}  // namespace parbench
