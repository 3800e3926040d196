// The suite's main family: every workload × strategy × pool life × worker
// count, all from the two tables, plus the machine's parallel ceiling for
// the reference workload (Cpu).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"
#include "bench/measure.h"
#include "bench/registration.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "lib/floors/bare_threads.h"
#include "lib/posix/cpu_clock.h"
#include "lib/workloads/cpu.h"

namespace parbench {
namespace {

// The ceiling counts the same total as its tasks, split over bare threads
// with nothing else in the way.
void RunBareThreads(benchmark::State& state, const Task& task, const BenchmarkFacts& facts) {
  SetFactsLabel(state, facts);
  const int workers = static_cast<int>(state.range(0));
  const int task_count = static_cast<int>(state.range(1));
  const std::uint64_t total = task.size * static_cast<std::uint64_t>(task_count);
  absl::StatusOr<std::unique_ptr<BareThreads>> bare = BareThreads::Create(workers);
  if (!bare.ok()) return SkipWithStatus(state, bare.status());

  const std::int64_t process_cpu_start = ProcessCpuNanos();
  for (auto _ : state) {
    const std::uint64_t counted = (*bare)->Count(total, &CountTo);
    if (counted != total) {
      state.SkipWithError("bare threads counted a different total");
      break;
    }
    benchmark::DoNotOptimize(counted);
  }
  const std::int64_t process_cpu_nanos = ProcessCpuNanos() - process_cpu_start;
  state.SetItemsProcessed(state.iterations() * task_count);
  // The counting threads are this process's: their CPU is the process's.
  SetCpuCounters(state, process_cpu_nanos, process_cpu_nanos, false);
}

void AddWorkerArgs(benchmark::internal::Benchmark* family, const SuiteConfig& config,
                   const std::vector<int>& worker_counts) {
  ArgNames(family, {"workers", "tasks"});
  for (int workers : worker_counts) family->Args({workers, config.tasks});
}

}  // namespace

void RegisterStrategyFamily(const SuiteConfig& config) {
  for (std::size_t id = 0; id < Workloads().size(); ++id) {
    const WorkloadSpec& workload = Workloads()[id];
    const Task task = config.TaskFor(static_cast<WorkloadId>(id));
    for (const StrategySpec& strategy : Strategies()) {
      const std::vector<int> worker_counts = WorkerCounts(config, strategy, workload);
      if (worker_counts.empty()) continue;  // Not here (Mpi outside mpirun).
      for (TransportKind transport : Transports(strategy)) {
        // Another transport on the reference workload only (Cpu): where its
        // cost shows beside the work, without doubling every workload's rows.
        if (transport != TransportKind::kPipe && !workload.reference) continue;
        for (const std::string& life : PoolLives(strategy)) {
          const std::string name =
              absl::StrCat(workload.name, "/", strategy.name, TransportSuffix(transport),
                           life.empty() ? "" : "/", life);
          const bool cold = life == "cold";
          const StrategyRecipe recipe{
              .task = task,
              .build_once = !cold,
              .make =
                  [make = strategy.make, cold, transport](int workers) {
                    return make({.workers = workers, .transport = transport, .cold = cold});
                  },
              .facts = GridFacts(workload, strategy, transport, life)};
          AddWorkerArgs(Family(
                            name,
                            [&config, recipe](benchmark::State& state) {
                              RunStrategyRecipe(state, config, recipe);
                            },
                            benchmark::kMillisecond),
                        config, worker_counts);
        }
      }
    }
    if (workload.reference) {
      AddWorkerArgs(Family(
                        absl::StrCat(workload.name, "/", kCeilingStrategy),
                        [task, facts = CeilingFacts(workload)](benchmark::State& state) {
                          RunBareThreads(state, task, facts);
                        },
                        benchmark::kMillisecond),
                    config, config.workers);
    }
  }
}

void RegisterSpawnFamily(const SuiteConfig& config) {
  for (std::size_t id = 0; id < Workloads().size(); ++id) {
    const WorkloadSpec& workload = Workloads()[id];
    if (!workload.spawn_rows) continue;
    const Task task = config.TaskFor(static_cast<WorkloadId>(id));
    for (const StrategySpec& strategy : Strategies()) {
      if (!strategy.spawns) continue;
      // A pool is started and stopped inside the timing, as a cold pool: its
      // start is what the launch changes.
      const StrategyRecipe recipe{
          .task = task,
          .build_once = !strategy.pool,
          .make =
              [make = strategy.make](int workers) {
                return make({.workers = workers, .launch = Launch::kSpawn, .cold = true});
              },
          .facts = GridFacts(workload, strategy, TransportKind::kPipe, "spawn", Launch::kSpawn)};
      AddWorkerArgs(Family(
                        absl::StrCat(workload.name, "/", strategy.name, "/spawn"),
                        [&config, recipe](benchmark::State& state) {
                          RunStrategyRecipe(state, config, recipe);
                        },
                        benchmark::kMillisecond),
                    config, config.workers);
    }
  }
}

}  // namespace parbench
