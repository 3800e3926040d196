#include "bench/measure.h"

#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <functional>
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
#include "lib/posix/resident_memory.h"

namespace parbench {
namespace {

// The baseline's (Sequential's) checksums for a task list, computed once per
// list, so that every strategy is checked against the same reference without paying for
// it in every benchmark.
absl::StatusOr<std::vector<std::uint64_t>> SequentialChecksums(const Task& task, int count) {
  static auto* cache =
      new std::map<std::tuple<WorkloadId, std::uint64_t, int>, std::vector<std::uint64_t>>();
  const auto key = std::make_tuple(task.workload, task.size, count);
  if (auto it = cache->find(key); it != cache->end()) return it->second;
  const StrategySpec* baseline = BaselineStrategy();
  if (baseline == nullptr) return absl::FailedPreconditionError("no strategy is the baseline");
  absl::StatusOr<std::unique_ptr<Strategy>> sequential = baseline->make({});
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

// The peak resident memory (KiB) of the worker processes that answered
// `results`, summed over the `workers` largest: each process reports its own
// peak, and at most `workers` of them live at once (a pool's n, or a
// process-per-task strategy's wave). 0 when threads ran the tasks.
std::int64_t WorkerPeakKib(const std::vector<TaskResult>& results, int workers) {
  std::map<std::int32_t, std::int64_t> peak_by_pid;
  for (const TaskResult& result : results) {
    if (result.worker_pid == 0) continue;
    std::int64_t& peak = peak_by_pid[result.worker_pid];
    peak = std::max(peak, result.worker_peak_rss_kib);
  }
  std::vector<std::int64_t> peaks;
  peaks.reserve(peak_by_pid.size());
  for (const auto& [pid, peak] : peak_by_pid) peaks.push_back(peak);
  std::sort(peaks.begin(), peaks.end(), std::greater<>());
  if (peaks.size() > static_cast<std::size_t>(workers)) peaks.resize(workers);
  std::int64_t total = 0;
  for (const std::int64_t peak : peaks) total += peak;
  return total;
}

}  // namespace

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

void RunStrategyRecipe(benchmark::State& state, const SuiteConfig& config,
                       const StrategyRecipe& recipe) {
  const int workers = static_cast<int>(state.range(0));
  const int task_count = static_cast<int>(state.range(1));
  const Task task = recipe.task;
  SetFactsLabel(state, recipe.facts);
  const std::vector<Task> tasks = RepeatTask(task, task_count);
  // Before Sequential's reference run and before any pool forks.
  if (config.shared_resources != nullptr) {
    if (absl::Status shared = config.shared_resources->Ensure(task.workload); !shared.ok()) {
      return SkipWithStatus(state, shared);
    }
  }
  absl::StatusOr<std::vector<std::uint64_t>> expected = SequentialChecksums(task, task_count);
  if (!expected.ok()) return SkipWithStatus(state, expected.status());

  // This benchmark's own peak memory, not the run's: from here on.
  const bool peak_reset = ResetPeakResident().ok();

  std::unique_ptr<Strategy> warm;
  if (recipe.build_once) {
    absl::StatusOr<std::unique_ptr<Strategy>> made = recipe.make(workers);
    if (!made.ok()) return SkipWithStatus(state, made.status());
    warm = *std::move(made);
  }

  bool in_children = warm && warm->RunsInChildProcesses();
  std::int64_t worker_cpu_nanos = 0;
  std::vector<TaskResult> last_results;
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
    last_results = *std::move(results);
  }
  const std::int64_t process_cpu_nanos = ProcessCpuNanos() - process_cpu_start;
  // Out of the timing: the last Map()'s workers, whose peaks (a warm pool's
  // grow from one Map() to the next) are the largest so far.
  const std::int64_t worker_peak_kib = WorkerPeakKib(last_results, workers);

  state.SetItemsProcessed(state.iterations() * task_count);
  if (const WorkloadSpec* spec = FindWorkload(task.workload); spec && spec->bytes_per_task) {
    state.SetBytesProcessed(state.iterations() * task_count *
                            static_cast<std::int64_t>(spec->bytes_per_task(task.size)));
  }
  SetCpuCounters(state, process_cpu_nanos, worker_cpu_nanos, in_children);
  // The calling process's peak plus its workers': what the strategy needs.
  // Without a reset (an old kernel) the process's peak is the run's so far.
  const std::int64_t peak_kib = PeakResidentKib() + worker_peak_kib;
  state.counters["peak_rss_mib"] = static_cast<double>(peak_kib) / 1024.0;
  if (!peak_reset) state.SetLabel("peak_rss_mib: the run's peak so far");
  warm.reset();
  // Hand freed memory back to the kernel: a fat parent makes every later
  // fork slower (page tables are copied), taxing the next benchmark.
  malloc_trim(0);
}

}  // namespace parbench
