#include "bench/strategy_benchmarks.h"

#include <malloc.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "bench/io_service.h"
#include "lib/bare_threads.h"
#include "lib/posix/cpu_clock.h"
#include "lib/sequential.h"
#include "lib/strategy_factory.h"

namespace parbench {
namespace {

constexpr Workload kWorkloads[] = {Workload::kCpu, Workload::kIo, Workload::kMemory,
                                   Workload::kIoNet, Workload::kIoFile};

bool IsIoFamily(Workload workload) {
  return workload == Workload::kIo || workload == Workload::kIoNet ||
         workload == Workload::kIoFile;
}

enum class PoolLife {
  kNone,  // Not a pool: nothing to start apart from the work.
  kCold,  // Start-up, the tasks and shutdown are all timed (`with Pool(...)`).
  kWarm,  // Started once before the timing; only the tasks are timed.
};

struct StrategyCase {
  Workload workload;
  StrategyKind kind;
  PoolLife life;
};

// Sequential's checksums for a task list, computed once per list, so that
// every strategy is checked against the same reference without paying for
// it in every benchmark.
absl::StatusOr<std::vector<std::uint64_t>> SequentialChecksums(const Task& task, int count) {
  static auto* cache =
      new std::map<std::tuple<Workload, std::uint64_t, int>, std::vector<std::uint64_t>>();
  const auto key = std::make_tuple(task.workload, task.size, count);
  if (auto it = cache->find(key); it != cache->end()) return it->second;
  absl::StatusOr<std::vector<TaskResult>> results = Sequential().Map(RepeatTask(task, count));
  if (!results.ok()) return results.status();
  std::vector<std::uint64_t> checksums;
  for (const TaskResult& result : *results) checksums.push_back(result.checksum);
  return (*cache)[key] = checksums;
}

bool SameChecksums(const std::vector<TaskResult>& results,
                   const std::vector<std::uint64_t>& expected) {
  if (results.size() != expected.size()) return false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].checksum != expected[i]) return false;
  }
  return true;
}

void SkipWithStatus(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(std::string(status.ToString()).c_str());
}

// Counters shared by every benchmark of the suite, as per-iteration averages.
void SetCpuCounters(benchmark::State& state, const SuiteConfig& config, int workers,
                    std::int64_t process_cpu_nanos, std::int64_t worker_cpu_nanos,
                    bool workers_are_processes) {
  using benchmark::Counter;
  const double process_s = static_cast<double>(process_cpu_nanos) * 1e-9;
  const double worker_s = static_cast<double>(worker_cpu_nanos) * 1e-9;
  state.counters["process_cpu_s"] = Counter(process_s, Counter::kAvgIterations);
  state.counters["worker_cpu_s"] = Counter(worker_s, Counter::kAvgIterations);
  state.counters["total_cpu_s"] =
      Counter(process_s + (workers_are_processes ? worker_s : 0.0), Counter::kAvgIterations);
  state.counters["oversubscribed"] = workers > config.cpus.usable ? 1 : 0;
}

void RunStrategy(benchmark::State& state, const SuiteConfig& config, StrategyCase c) {
  if (c.workload == Workload::kIoNet) {
    // Before Sequential's reference run and before any pool forks.
    const absl::Status service =
        EnsureIoService(absl::Milliseconds(static_cast<double>(config.ionet_latency_ms)));
    if (!service.ok()) return SkipWithStatus(state, service);
  }
  RunStrategyRecipe(state, config,
                    {.task = config.TaskFor(c.workload),
                     .build_once = c.life != PoolLife::kCold,
                     .make = [kind = c.kind](int n) { return MakeStrategy(kind, n); }});
}

}  // namespace

void RunStrategyRecipe(benchmark::State& state, const SuiteConfig& config,
                       const StrategyRecipe& recipe) {
  const int workers = static_cast<int>(state.range(0));
  const int task_count = static_cast<int>(state.range(1));
  const Task task = recipe.task;
  const std::vector<Task> tasks = RepeatTask(task, task_count);
  absl::StatusOr<std::vector<std::uint64_t>> expected = SequentialChecksums(task, task_count);
  if (!expected.ok()) return SkipWithStatus(state, expected.status());

  std::unique_ptr<Strategy> warm;
  if (recipe.build_once) {
    absl::StatusOr<std::unique_ptr<Strategy>> made = recipe.make(workers);
    if (!made.ok()) return SkipWithStatus(state, made.status());
    warm = *std::move(made);
  }

  bool in_children = warm && warm->RunsInChildProcesses();
  std::int64_t worker_cpu_nanos = 0;
  const std::int64_t process_cpu_start = ProcessCpuNanos();
  for (auto _ : state) {
    std::unique_ptr<Strategy> cold;
    Strategy* strategy = warm.get();
    if (strategy == nullptr) {
      absl::StatusOr<std::unique_ptr<Strategy>> made = recipe.make(workers);
      if (!made.ok()) {
        SkipWithStatus(state, made.status());
        break;
      }
      cold = *std::move(made);
      strategy = cold.get();
      in_children = strategy->RunsInChildProcesses();
    }
    absl::StatusOr<std::vector<TaskResult>> results = strategy->Map(tasks);
    cold.reset();  // A cold pool's shutdown is part of its price.
    if (!results.ok()) {
      SkipWithStatus(state, results.status());
      break;
    }
    if (!SameChecksums(*results, *expected)) {
      state.SkipWithError("results differ from Sequential's for the same tasks");
      break;
    }
    for (const TaskResult& result : *results) worker_cpu_nanos += result.cpu_nanos;
    benchmark::DoNotOptimize(results->data());
  }
  const std::int64_t process_cpu_nanos = ProcessCpuNanos() - process_cpu_start;

  state.SetItemsProcessed(state.iterations() * task_count);
  if (task.workload == Workload::kMemory) {
    state.SetBytesProcessed(state.iterations() * task_count *
                            static_cast<std::int64_t>(task.size * sizeof(std::uint32_t)));
  }
  SetCpuCounters(state, config, workers, process_cpu_nanos, worker_cpu_nanos, in_children);
  warm.reset();
  // Hand freed memory back to the kernel: a fat parent makes every later
  // fork slower (page tables are copied), taxing the next benchmark.
  malloc_trim(0);
}

namespace {

// The machine's parallel ceiling for the Cpu workload: the same total count
// as the Cpu tasks, split over bare threads with nothing else in the way.
void RunBareThreads(benchmark::State& state, const SuiteConfig& config) {
  const int workers = static_cast<int>(state.range(0));
  const int task_count = static_cast<int>(state.range(1));
  const std::uint64_t total = config.cpu_count * static_cast<std::uint64_t>(task_count);
  absl::StatusOr<std::unique_ptr<BareThreads>> bare = BareThreads::Create(workers);
  if (!bare.ok()) return SkipWithStatus(state, bare.status());

  const std::int64_t process_cpu_start = ProcessCpuNanos();
  for (auto _ : state) {
    const std::uint64_t counted = (*bare)->Count(total);
    if (counted != total) {
      state.SkipWithError("bare threads counted a different total");
      break;
    }
    benchmark::DoNotOptimize(counted);
  }
  const std::int64_t process_cpu_nanos = ProcessCpuNanos() - process_cpu_start;
  state.SetItemsProcessed(state.iterations() * task_count);
  // The counting threads are this process's: their CPU is the process's.
  SetCpuCounters(state, config, workers, process_cpu_nanos, process_cpu_nanos, false);
}

benchmark::internal::Benchmark* Configure(benchmark::internal::Benchmark* family,
                                          const SuiteConfig& config,
                                          const std::vector<int>& worker_counts) {
  family->ArgNames({"workers", "tasks"})
      // Parallel work: only the wall clock tells. Google Benchmark's own CPU
      // time is then the calling thread's; the counters give the rest.
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  for (int workers : worker_counts) family->Args({workers, config.tasks});
  return family;
}

std::string FamilyName(const StrategyCase& c) {
  std::string name = absl::StrCat(WorkloadName(c.workload), "/", StrategyName(c.kind));
  if (c.life == PoolLife::kCold) absl::StrAppend(&name, "/cold");
  if (c.life == PoolLife::kWarm) absl::StrAppend(&name, "/warm");
  return name;
}

}  // namespace

void RegisterSuite(const SuiteConfig& config) {
  for (Workload workload : kWorkloads) {
    for (StrategyKind kind : kAllStrategies) {
      std::vector<PoolLife> lives = {PoolLife::kNone};
      if (IsPool(kind)) lives = {PoolLife::kCold, PoolLife::kWarm};
      // Sequential has one worker whatever the list says. The I/O families'
      // extra counts (config.io_workers) go to the pools only: they start all
      // n workers whatever the task count, while the per-task strategies and
      // EventLoop never have more than `tasks` going, so above it they would
      // repeat the same run under another name at the suite's expense.
      std::vector<int> workers = config.workers;
      if (kind == StrategyKind::kSequential) workers = {1};
      if (IsIoFamily(workload) && IsPool(kind)) workers = config.io_workers;
      for (PoolLife life : lives) {
        const StrategyCase c{workload, kind, life};
        Configure(benchmark::RegisterBenchmark(
                      FamilyName(c).c_str(),
                      [&config, c](benchmark::State& state) { RunStrategy(state, config, c); }),
                  config, workers);
      }
    }
    if (workload == Workload::kCpu) {
      Configure(benchmark::RegisterBenchmark(
                    "Cpu/BareThreads",
                    [&config](benchmark::State& state) { RunBareThreads(state, config); }),
                config, config.workers);
    }
  }
}

}  // namespace parbench
