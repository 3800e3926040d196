#include "lib/strategies/thread_pool.h"

#include <algorithm>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/blocking_counter.h"
#include "lib/core/chunk_size.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/tsan_annotations.h"

namespace parbench {

absl::StatusOr<std::unique_ptr<ThreadPool>> ThreadPool::Create(int workers, int chunk_size) {
  std::unique_ptr<ThreadPool> pool(new ThreadPool(chunk_size));
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
  TsanVisibleLock lock(&mu_);
  for (std::size_t i = 0; i < threads_.size(); ++i) queue_.emplace_back();
}

void ThreadPool::Schedule(absl::AnyInvocable<void()> work) {
  TsanVisibleLock lock(&mu_);
  queue_.push_back(std::move(work));
}

bool ThreadPool::HasWork() const {
  // abseil may evaluate this on another thread, inside its own lock code;
  // it always holds mu_ then, which is what these annotations tell TSan.
  TsanAcquire(&mu_);
  const bool has_work = !queue_.empty();
  TsanRelease(&mu_);
  return has_work;
}

void ThreadPool::WorkLoop() {
  while (true) {
    absl::AnyInvocable<void()> work;
    {
      TsanVisibleLock lock(&mu_);
      lock.Await(absl::Condition(this, &ThreadPool::HasWork));
      work = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!work) return;  // The stop marker.
    work();
  }
}

absl::StatusOr<std::vector<TaskResult>> ThreadPool::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  const std::size_t chunk = ChunkSize(chunk_size_, tasks.size(), workers());
  const std::size_t chunks = (tasks.size() + chunk - 1) / chunk;
  absl::BlockingCounter remaining(static_cast<int>(chunks));
  {
    // One lock for the whole batch instead of one per chunk.
    TsanVisibleLock lock(&mu_);
    for (std::size_t first = 0; first < tasks.size(); first += chunk) {
      const std::size_t end = std::min(first + chunk, tasks.size());
      queue_.emplace_back([&slots, &remaining, &tasks, first, end] {
        RunBatchTimed(tasks.subspan(first, end - first),
                      absl::MakeSpan(slots).subspan(first, end - first));
        TsanRelease(&remaining);
        remaining.DecrementCount();
      });
    }
  }
  remaining.Wait();
  TsanAcquire(&remaining);
  return GatherResults(std::move(slots));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeThreadPool(const StrategyOptions& options) {
  return ThreadPool::Create(options.workers, options.chunk_size);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "ThreadPool",
                            .pool = true,
                            .workers = WorkerPolicy::kListedPlusIo,
                            .make = &MakeThreadPool,
                            .order = 1});

}  // namespace parbench
