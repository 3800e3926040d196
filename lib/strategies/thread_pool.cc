#include "lib/strategies/thread_pool.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/blocking_counter.h"
#include "lib/core/chunk_size.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/cpu_clock.h"
#include "lib/posix/spin_wait.h"
#include "lib/posix/tsan_annotations.h"
#include "lib/posix/usable_cpus.h"

namespace parbench {
namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

absl::StatusOr<std::unique_ptr<ThreadPool>> ThreadPool::Create(Options options) {
  const int workers = std::max(options.workers, 1);
  // The caller, when it runs chunks, is one of the workers.
  const int count = options.caller_runs ? workers - 1 : workers;
  // Spinning pays only while every spinning thread has a CPU of its own.
  const absl::Duration spin = SpinWhileCpusAllow(options.spin, workers, ProbeUsableCpus().usable);
  std::unique_ptr<ThreadPool> pool(new ThreadPool(options, spin));
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
  queued_.store(queue_.size(), std::memory_order_release);
}

void ThreadPool::Schedule(absl::AnyInvocable<void()> work) {
  if (threads_.empty()) return work();
  TsanVisibleLock lock(&mu_);
  queue_.push_back(std::move(work));
  queued_.store(queue_.size(), std::memory_order_release);
}

bool ThreadPool::HasWork() const {
  // abseil may evaluate this on another thread, inside its own lock code;
  // it always holds mu_ then, which is what these annotations tell TSan.
  TsanAcquire(&mu_);
  const bool has_work = !queue_.empty();
  TsanRelease(&mu_);
  return has_work;
}

bool ThreadPool::RunQueuedWork() {
  absl::AnyInvocable<void()> work;
  {
    TsanVisibleLock lock(&mu_);
    // A stop marker is a worker's, never the caller's: leave it there.
    if (queue_.empty() || !queue_.front()) return false;
    work = std::move(queue_.front());
    queue_.pop_front();
    queued_.store(queue_.size(), std::memory_order_release);
  }
  work();
  return true;
}

void ThreadPool::WorkLoop() {
  absl::Duration spin = spin_;
  while (true) {
    if (spin_ > absl::ZeroDuration()) {
      const bool paid =
          SpinUntil([this] { return queued_.load(std::memory_order_acquire) > 0; }, spin);
      spin = NextSpin(spin, paid, spin_);
    }
    absl::AnyInvocable<void()> work;
    {
      TsanVisibleLock lock(&mu_);
      lock.Await(absl::Condition(this, &ThreadPool::HasWork));
      work = std::move(queue_.front());
      queue_.pop_front();
      queued_.store(queue_.size(), std::memory_order_release);
    }
    if (!work) return;  // The stop marker.
    work();
  }
}

// One Map()'s tasks cut into chunks, which the threads taking part claim in
// order from an atomic counter — the shape of OpenMP's dynamic schedule and
// of TBB's range splitting — instead of one queued closure per chunk: a
// chunk then costs one atomic increment, not a heap-allocated closure, a
// lock and a counter decrement, and each thread reads its CPU clock (a
// system call, dearer than an empty task) once per Map(), not per chunk.
struct ThreadPool::Batch {
  absl::Span<const Task> tasks;
  absl::Span<absl::StatusOr<TaskResult>> slots;
  std::size_t chunk = 1;
  std::size_t chunks = 0;
  std::atomic<std::size_t> next{0};               // The next chunk to claim.
  std::atomic<std::uint64_t>* claimed = nullptr;  // The pool's chunks_sent_.

  // Runs chunks on the calling thread until none is left; how many it ran.
  // The thread's CPU time goes to the first result it ran (see
  // TaskResult::cpu_nanos).
  std::size_t RunChunks() {
    std::size_t index = next.fetch_add(1, std::memory_order_relaxed);
    if (index >= chunks) return 0;
    const std::int64_t start = ThreadCpuNanos();
    absl::StatusOr<TaskResult>& first = slots[index * chunk];
    std::size_t ran = 0;
    for (; index < chunks; index = next.fetch_add(1, std::memory_order_relaxed), ++ran) {
      claimed->fetch_add(1, std::memory_order_relaxed);
      const std::size_t begin = index * chunk;
      const std::size_t count = std::min(chunk, tasks.size() - begin);
      RunBatch(tasks.subspan(begin, count), slots.subspan(begin, count));
    }
    if (first.ok()) first->cpu_nanos = ThreadCpuNanos() - start;
    return ran;
  }
};

absl::StatusOr<std::vector<TaskResult>> ThreadPool::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  if (tasks.empty()) return GatherResults(std::move(slots));
  Batch batch{.tasks = tasks, .slots = absl::MakeSpan(slots), .claimed = &chunks_sent_};
  batch.chunk = ChunkSize(chunk_size_, tasks.size(), workers());
  batch.chunks = (tasks.size() + batch.chunk - 1) / batch.chunk;
  // One closure per pool thread that can find a chunk to run: the caller,
  // when it runs chunks, takes one chunk at least itself.
  const std::size_t helpers =
      std::min(threads_.size(), caller_runs_ ? batch.chunks - 1 : batch.chunks);
  // `remaining` is what a spinning caller watches; `done` is where it parks
  // (and may be destroyed once its Wait() returns, which the atomic alone
  // would not allow).
  std::atomic<std::size_t> remaining{helpers};
  absl::BlockingCounter done(static_cast<int>(helpers));
  if (helpers > 0) {
    TsanVisibleLock lock(&mu_);
    for (std::size_t i = 0; i < helpers; ++i) {
      queue_.emplace_back([&batch, &remaining, &done] {
        batch.RunChunks();
        remaining.fetch_sub(1, std::memory_order_acq_rel);
        TsanRelease(&done);
        done.DecrementCount();
      });
    }
    queued_.store(queue_.size(), std::memory_order_release);
  }
  // The caller's own share; and how long a chunk took it, to know whether
  // waiting for the pool's last ones is worth a spin.
  absl::Duration chunk_time = absl::InfiniteDuration();
  if (caller_runs_) {
    const Clock::time_point start = Clock::now();
    const std::size_t ran = batch.RunChunks();
    if (ran > 0) chunk_time = absl::FromChrono(Clock::now() - start) / static_cast<double>(ran);
    // Closures no pool thread has taken yet find no chunk left: run them
    // here rather than wait for a parked thread to wake for nothing.
    while (remaining.load(std::memory_order_acquire) > 0 && RunQueuedWork()) {
    }
  }
  // Not when a chunk outlasts the spin: the caller would park anyway.
  if (spin_ > absl::ZeroDuration() && remaining.load(std::memory_order_acquire) > 0 &&
      (!caller_runs_ || chunk_time <= spin_)) {
    SpinUntil([&remaining] { return remaining.load(std::memory_order_acquire) == 0; }, spin_);
  }
  done.Wait();
  TsanAcquire(&done);
  return GatherResults(std::move(slots));
}

std::uint64_t ThreadPool::chunks_sent() const {
  return chunks_sent_.load(std::memory_order_relaxed);
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeThreadPool(const StrategyOptions& options) {
  return ThreadPool::Create(
      {.workers = options.workers,
       .chunk_size = options.chunk_size,
       .spin = options.spin.value_or(ThreadPool::kDefaultSpin),
       .caller_runs = options.caller_runs.value_or(ThreadPool::kDefaultCallerRuns)});
}

std::string ThreadPoolKnobs() {
  return absl::StrFormat("spin_us=%d caller_runs=%d",
                         absl::ToInt64Microseconds(ThreadPool::kDefaultSpin),
                         ThreadPool::kDefaultCallerRuns ? 1 : 0);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "ThreadPool",
                            .pool = true,
                            .workers = WorkerPolicy::kListedPlusIo,
                            .make = &MakeThreadPool,
                            .order = 1,
                            .knobs = &ThreadPoolKnobs});

}  // namespace parbench
