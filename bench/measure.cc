#include "bench/measure.h"

#include <malloc.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/registration.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "lib/posix/cpu_clock.h"

namespace parbench {
namespace {

// Sequential's checksums for a task list, computed once per list, so that
// every strategy is checked against the same reference without paying for
// it in every benchmark.
absl::StatusOr<std::vector<std::uint64_t>> SequentialChecksums(const Task& task, int count) {
  static auto* cache =
      new std::map<std::tuple<WorkloadId, std::uint64_t, int>, std::vector<std::uint64_t>>();
  const auto key = std::make_tuple(task.workload, task.size, count);
  if (auto it = cache->find(key); it != cache->end()) return it->second;
  absl::StatusOr<std::unique_ptr<Strategy>> sequential = MakeStrategy("Sequential", {});
  if (!sequential.ok()) return sequential.status();
  absl::StatusOr<std::vector<TaskResult>> results = (*sequential)->Map(RepeatTask(task, count));
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

// The outcome of each workload's start_shared, by WorkloadId: started once.
std::map<WorkloadId, absl::Status>& SharedStarted() {
  static auto* started = new std::map<WorkloadId, absl::Status>();
  return *started;
}

}  // namespace

absl::Status EnsureSharedResource(const SuiteConfig& config, const Task& task) {
  const WorkloadSpec* spec = FindWorkload(task.workload);
  if (spec == nullptr || spec->start_shared == nullptr) return absl::OkStatus();
  auto [it, first] = SharedStarted().try_emplace(task.workload);
  if (first) it->second = spec->start_shared(config.flag_values[task.workload]);
  return it->second;
}

void SetCpuCounters(benchmark::State& state, std::int64_t process_cpu_nanos,
                    std::int64_t worker_cpu_nanos, bool workers_are_processes) {
  using benchmark::Counter;
  const double process_s = static_cast<double>(process_cpu_nanos) * 1e-9;
  const double worker_s = static_cast<double>(worker_cpu_nanos) * 1e-9;
  state.counters["process_cpu_s"] = Counter(process_s, Counter::kAvgIterations);
  state.counters["worker_cpu_s"] = Counter(worker_s, Counter::kAvgIterations);
  state.counters["total_cpu_s"] =
      Counter(process_s + (workers_are_processes ? worker_s : 0.0), Counter::kAvgIterations);
}

void StopSharedResources() {
  for (const auto& [id, outcome] : SharedStarted()) {
    if (outcome.ok()) FindWorkload(id)->stop_shared();
  }
  SharedStarted().clear();
}

void RunStrategyRecipe(benchmark::State& state, const SuiteConfig& config,
                       const StrategyRecipe& recipe) {
  const int workers = static_cast<int>(state.range(0));
  const int task_count = static_cast<int>(state.range(1));
  const Task task = recipe.task;
  const std::vector<Task> tasks = RepeatTask(task, task_count);
  // Before Sequential's reference run and before any pool forks.
  if (absl::Status shared = EnsureSharedResource(config, task); !shared.ok()) {
    return SkipWithStatus(state, shared);
  }
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
  if (const WorkloadSpec* spec = FindWorkload(task.workload); spec && spec->bytes_per_task) {
    state.SetBytesProcessed(state.iterations() * task_count *
                            static_cast<std::int64_t>(spec->bytes_per_task(task.size)));
  }
  SetCpuCounters(state, process_cpu_nanos, worker_cpu_nanos, in_children);
  warm.reset();
  // Hand freed memory back to the kernel: a fat parent makes every later
  // fork slower (page tables are copied), taxing the next benchmark.
  malloc_trim(0);
}

}  // namespace parbench
