// ThreadPool: n long-lived worker threads fed from one queue, like Python's
// multiprocessing.pool.ThreadPool. Start-up is paid once; each task then costs
// a queue push and a wake-up. In the shape of abseil's internal ThreadPool.
#ifndef PARBENCH_LIB_STRATEGIES_THREAD_POOL_H_
#define PARBENCH_LIB_STRATEGIES_THREAD_POOL_H_

#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"
#include "lib/core/strategy.h"

namespace parbench {

class ThreadPool final : public Strategy {
 public:
  // Starts `workers` threads (at least 1). Map() queues `chunk_size` tasks
  // per closure (see ChunkSize; 0 for the default). Fails if the system
  // refuses a thread; the threads already started are joined.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ThreadPool>> Create(int workers,
                                                                          int chunk_size = 0);

  // Not copyable or movable: the workers hold `this`.
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Runs every closure already scheduled, then joins every worker.
  ~ThreadPool() override;

  // Queues `work` to run once on some worker. `work` must not be empty.
  void Schedule(absl::AnyInvocable<void()> work);

  // Schedules one closure per chunk of tasks and blocks until all have run.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return false; }

  int workers() const { return static_cast<int>(threads_.size()); }

 private:
  explicit ThreadPool(int chunk_size) : chunk_size_(chunk_size) {}
  void WorkLoop();
  bool HasWork() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Queues one empty closure per worker: each worker stops when it takes one.
  void StopWorkers();

  mutable absl::Mutex mu_;
  // Work waiting for a worker; an empty closure tells one worker to stop.
  std::deque<absl::AnyInvocable<void()>> queue_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> threads_;
  const int chunk_size_;  // As passed to Create().
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_THREAD_POOL_H_
