#include "bench/overhead_benchmarks.h"

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/floor_benchmarks.h"
#include "benchmark/benchmark.h"
#include "lib/chunk_size.h"
#include "lib/kernels.h"
#include "lib/openmp_strategy.h"
#include "lib/posix/child_process.h"
#include "lib/process_per_task.h"
#include "lib/process_pool.h"
#include "lib/strategy_factory.h"
#include "lib/thread_pool.h"

namespace parbench {
namespace {

// An empty task: CountTo(0), the least a worker can be asked to do.
constexpr Task kEmptyTask{Workload::kCpu, 0};
// Tasks per Map() in the PerTask benchmarks: enough that the per-call costs
// (the result vector, the final wake-up) are spread thin.
constexpr int kPerTaskBatch = 1000;
// The Memory kernel comparison: 256 MiB of ints, 8× the last-level cache.
constexpr std::int64_t kKernelMib = 256;

void Skip(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(std::string(status.ToString()).c_str());
}

absl::StatusOr<std::unique_ptr<Strategy>> MakePool(StrategyKind kind, int workers, int chunk) {
  if (kind == StrategyKind::kThreadPool) return ThreadPool::Create(workers, chunk);
  if (kind == StrategyKind::kProcessPool) {
    return ProcessPool::Create({.workers = workers, .chunk_size = chunk});
  }
  return MakeStrategy(kind, workers);
}

void RunStartStop(benchmark::State& state, StrategyKind kind) {
  const int workers = static_cast<int>(state.range(0));
  for (auto _ : state) {
    absl::StatusOr<std::unique_ptr<Strategy>> pool = MakePool(kind, workers, 0);
    if (!pool.ok()) return Skip(state, pool.status());
    pool->reset();  // Stopping is part of the price.
  }
  malloc_trim(0);
}

// Map() of `batch` empty tasks on a warm strategy; time per Map() call.
void RunEmptyTasks(benchmark::State& state, StrategyKind kind, int batch, int chunk) {
  const int workers = static_cast<int>(state.range(0));
  absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakePool(kind, workers, chunk);
  if (!strategy.ok()) return Skip(state, strategy.status());
  const std::vector<Task> tasks(static_cast<std::size_t>(batch), kEmptyTask);
  for (auto _ : state) {
    absl::StatusOr<std::vector<TaskResult>> results = (*strategy)->Map(tasks);
    if (!results.ok()) return Skip(state, results.status());
    benchmark::DoNotOptimize(results->data());
  }
  state.SetItemsProcessed(state.iterations() * batch);
}

// n processes started one way or another, each answering one empty task.
void RunProcessStart(benchmark::State& state, const std::string& how) {
  const int workers = static_cast<int>(state.range(0));
  const std::vector<Task> tasks(static_cast<std::size_t>(workers), kEmptyTask);
  for (auto _ : state) {
    absl::StatusOr<std::vector<TaskResult>> results;
    if (how == "pool") {
      absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
          ProcessPool::Create({.workers = workers, .chunk_size = 1});
      if (!pool.ok()) return Skip(state, pool.status());
      results = (*pool)->Map(tasks);
    } else {
      const ProcessLaunch launch = how == "spawn" ? ProcessLaunch::kSpawn : ProcessLaunch::kFork;
      results = ProcessPerTask(workers, launch).Map(tasks);
    }
    if (!results.ok()) return Skip(state, results.status());
  }
  state.SetItemsProcessed(state.iterations() * workers);
}

// `mib` MiB of anonymous memory, every 4 KiB page touched (huge pages
// refused, so that fork() has one page-table entry per 4 KiB to copy, as for
// an ordinary heap); returned to the kernel on destruction.
class TouchedMemory {
 public:
  explicit TouchedMemory(std::size_t mib) : bytes_(mib << 20) {
    if (bytes_ == 0) return;
    void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return;
    ::madvise(p, bytes_, MADV_NOHUGEPAGE);
    // MADV_POPULATE_WRITE faults every page in one call: far cheaper than
    // touching them one by one, with the same page tables as a result.
    if (::madvise(p, bytes_, MADV_POPULATE_WRITE) != 0) {
      for (std::size_t i = 0; i < bytes_; i += 4096) static_cast<volatile char*>(p)[i] = 1;
    }
    data_ = p;
  }
  ~TouchedMemory() {
    if (data_ != nullptr) ::munmap(data_, bytes_);
  }
  TouchedMemory(const TouchedMemory&) = delete;
  TouchedMemory& operator=(const TouchedMemory&) = delete;
  bool ok() const { return bytes_ == 0 || data_ != nullptr; }

 private:
  std::size_t bytes_;
  void* data_ = nullptr;
};

void RunForkWithResident(benchmark::State& state) {
  TouchedMemory resident(static_cast<std::size_t>(state.range(0)));
  if (!resident.ok()) return state.SkipWithError("mmap() of the resident memory failed");
  for (auto _ : state) {
    absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, [] { return 0; });
    if (!child.ok()) return Skip(state, child.status());
    if (absl::Status ended = child->Wait(); !ended.ok()) return Skip(state, ended);
  }
  // `resident` is unmapped here: the next benchmark forks from a lean parent.
}

void RunMemoryKernel(benchmark::State& state, bool fresh) {
  const std::uint64_t n = static_cast<std::uint64_t>(state.range(0)) * (1 << 20) / 4;
  // Touched once, outside the timing; also the reference checksum.
  std::vector<std::uint32_t> reused(n);
  const std::uint64_t expected = FillAndFold(reused.data(), n);
  if (fresh) std::vector<std::uint32_t>().swap(reused);  // Not needed: let it go.
  std::uint64_t checksum = 0;
  for (auto _ : state) {
    checksum = fresh ? AppendInts(n) : FillAndFold(reused.data(), n);
    benchmark::DoNotOptimize(checksum);
  }
  if (checksum != expected) return state.SkipWithError("checksum differs from FillAndFold's");
  // One write and one read of each int, the triad's way of counting bytes.
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * 8));
}

benchmark::internal::Benchmark* Overhead(const std::string& name,
                                         std::function<void(benchmark::State&)> run) {
  return benchmark::RegisterBenchmark(name.c_str(), std::move(run))
      ->UseRealTime()
      ->Unit(benchmark::kMicrosecond);
}

}  // namespace

void RegisterOverheadBenchmarks(const SuiteConfig& config) {
  for (StrategyKind kind : {StrategyKind::kThreadPool, StrategyKind::kProcessPool}) {
    const std::string pool(StrategyName(kind));
    auto* start_stop =
        Overhead(absl::StrCat("Overhead/StartStop/", pool),
                 [kind](benchmark::State& state) { RunStartStop(state, kind); })
            ->ArgName("workers");
    for (int workers : StartUpWorkerCounts(config)) start_stop->Arg(workers);
    Overhead(absl::StrCat("Overhead/RoundTrip/", pool), [kind](benchmark::State& state) {
      RunEmptyTasks(state, kind, 1, 1);
    })->ArgName("workers")->Arg(1);
  }

  // Per-task cost at one worker and at every usable CPU, chunked one task per
  // message and by the default, against OpenMP's static split.
  std::vector<int> per_task_workers = {1};
  if (config.cpus.usable > 1) per_task_workers.push_back(config.cpus.usable);
  for (int workers : per_task_workers) {
    for (StrategyKind kind : {StrategyKind::kThreadPool, StrategyKind::kProcessPool}) {
      const int default_chunk = static_cast<int>(ChunkSize(0, kPerTaskBatch, workers));
      for (int chunk : {1, default_chunk}) {
        Overhead(absl::StrCat("Overhead/PerTask/", StrategyName(kind), "/batch:", kPerTaskBatch,
                              "/chunk:", chunk),
                 [kind, chunk](benchmark::State& state) {
                   RunEmptyTasks(state, kind, kPerTaskBatch, chunk);
                 })
            ->ArgName("workers")
            ->Arg(workers);
        if (default_chunk == 1) break;
      }
    }
    Overhead(absl::StrCat("Overhead/PerTask/OpenMp/batch:", kPerTaskBatch),
             [](benchmark::State& state) {
               RunEmptyTasks(state, StrategyKind::kOpenMp, kPerTaskBatch, 0);
             })
        ->ArgName("workers")
        ->Arg(workers);
  }

  for (const char* how : {"fork", "spawn", "pool"}) {
    auto* start = Overhead(absl::StrCat("Overhead/ProcessStart/", how),
                           [how = std::string(how)](benchmark::State& state) {
                             RunProcessStart(state, how);
                           })
                      ->ArgName("workers");
    for (int workers : StartUpWorkerCounts(config)) start->Arg(workers);
  }

  auto* fork = Overhead("Overhead/Fork", &RunForkWithResident)->ArgName("resident_mib");
  for (int mib : config.fork_resident_mib) fork->Arg(mib);

  for (bool fresh : {true, false}) {
    Overhead(absl::StrCat("Overhead/MemoryKernel/", fresh ? "fresh" : "reused"),
             [fresh](benchmark::State& state) { RunMemoryKernel(state, fresh); })
        ->ArgName("mib")
        ->Arg(kKernelMib)
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace parbench
