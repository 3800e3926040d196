// ThreadPool: n long-lived worker threads fed from one queue, like Python's
// multiprocessing.pool.ThreadPool, in the shape of abseil's internal
// ThreadPool. Start-up is paid once; a Map() then costs one queued closure
// per pool thread (and, for a parked one, a wake-up), and the threads claim
// chunks of tasks from a shared counter. Two things the best pools do
// keep that wake-up off the common path (both Options, both measured):
// an idle worker spins a little before it parks, adaptively and only while
// spinning cannot take a CPU from work; and Map()'s caller runs chunks
// itself instead of only waiting for them.
#ifndef PARBENCH_LIB_STRATEGIES_THREAD_POOL_H_
#define PARBENCH_LIB_STRATEGIES_THREAD_POOL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/core/strategy.h"

namespace parbench {

class ThreadPool final : public Strategy {
 public:
  struct Options {
    // Threads that run tasks at once, at least 1: with caller_runs, Map()'s
    // caller is one of them and the pool starts workers − 1 threads of its
    // own (OpenMP's team, master included), so that a pool of n never runs
    // more than n tasks at once.
    int workers = 1;
    int chunk_size = 0;  // Tasks per queued closure; 0: ChunkSize's default.
    // The longest an idle worker (or Map()'s caller, waiting for the last
    // chunks) spins before it parks on the mutex. Each thread halves its
    // own spin after a spin that found nothing and doubles it, up to this,
    // after one that did, so a pool between long tasks stops spinning. No
    // spin at all when the workers outnumber the usable CPUs: a spinning
    // thread would then take a CPU from one with work. Zero: park at once.
    absl::Duration spin = kDefaultSpin;
    // Map()'s caller runs queued chunks itself until none is left, then
    // waits for the ones the pool's threads took.
    bool caller_runs = kDefaultCallerRuns;
  };
  // The defaults, chosen by measurement (docs/pools.md) and recorded in the
  // JSON context by bench.
  static constexpr absl::Duration kDefaultSpin = absl::Microseconds(50);
  static constexpr bool kDefaultCallerRuns = true;

  // Starts the workers. Fails if the system refuses a thread; the threads
  // already started are joined.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ThreadPool>> Create(Options options);
  // The same with the default spin and caller participation.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ThreadPool>> Create(int workers,
                                                                          int chunk_size = 0) {
    return Create(Options{.workers = workers, .chunk_size = chunk_size});
  }

  // Not copyable or movable: the workers hold `this`.
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Runs every closure already scheduled, then joins every worker.
  ~ThreadPool() override;

  // Queues `work` to run once on one of the pool's threads. `work` must not
  // be empty. A pool without threads of its own (one worker, caller_runs)
  // runs it at once on the calling thread.
  void Schedule(absl::AnyInvocable<void()> work);

  // Queues one closure per pool thread (fewer when there are fewer chunks),
  // each of which runs chunks until none is left; runs chunks on the calling
  // thread too if caller_runs, and returns when all have run.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return false; }

  // Tasks it runs at once (Options::workers), and threads of its own.
  int workers() const { return workers_; }
  int threads() const { return static_cast<int>(threads_.size()); }
  // Whether this pool's threads spin at all (see Options::spin).
  bool spins() const { return spin_ > absl::ZeroDuration(); }
  // Chunks of tasks Map() has handed to a thread (the caller included) since
  // the pool started, so a test can tell that the chunk size given is the
  // one used. Schedule() does not count.
  std::uint64_t chunks_sent() const;

 private:
  ThreadPool(const Options& options, absl::Duration spin)
      : workers_(std::max(options.workers, 1)),
        chunk_size_(options.chunk_size),
        caller_runs_(options.caller_runs),
        spin_(spin) {}
  struct Batch;
  void WorkLoop();
  bool HasWork() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Runs the closure at the front of the queue, if it is work (not a stop
  // marker); false when there is none.
  bool RunQueuedWork();
  // Queues one empty closure per worker: each worker stops when it takes one.
  void StopWorkers();

  mutable absl::Mutex mu_;
  // Work waiting for a thread; an empty closure tells one worker to stop.
  std::deque<absl::AnyInvocable<void()>> queue_ ABSL_GUARDED_BY(mu_);
  // queue_.size(), for spinning threads to watch without the lock.
  std::atomic<std::size_t> queued_{0};
  std::vector<std::thread> threads_;
  const int workers_;
  const int chunk_size_;
  const bool caller_runs_;
  const absl::Duration spin_;  // Options::spin, or zero when it cannot pay.
  std::atomic<std::uint64_t> chunks_sent_{0};
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_THREAD_POOL_H_
