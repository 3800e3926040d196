// CpuSweep (--sweep): every strategy at task sizes of the reference workload
// (Cpu) from well under a microsecond to tens of milliseconds, to find where
// each starts to pay.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"
#include "bench/measure.h"
#include "bench/registration.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

// Counts from 1e3 to 1e8 by factors of 10.
constexpr std::int64_t kSweepSizes[] = {1'000, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000};

}  // namespace

void RegisterSweepFamily(const SuiteConfig& config) {
  const std::optional<WorkloadId> reference = ReferenceWorkload();
  if (!reference) return;
  const WorkloadId workload = *reference;
  const std::string family_name = absl::StrCat(Workloads()[workload].name, "Sweep");
  for (const StrategySpec& strategy : Strategies()) {
    const std::vector<int> workers = WorkerCounts(config, strategy, Workloads()[workload]);
    if (workers.empty()) continue;  // Not here (Mpi outside mpirun).
    for (const std::string& life : PoolLives(strategy)) {
      BenchmarkFacts sweep_facts = StrategyFacts(strategy, TransportKind::kPipe, life);
      sweep_facts.workload = family_name;
      auto* family = Family(
          absl::StrCat(family_name, "/", strategy.name, life.empty() ? "" : "/", life),
          [&config, workload, build_once = life != "cold", make = strategy.make,
           sweep_facts](benchmark::State& state) {
            BenchmarkFacts facts = sweep_facts;
            facts.task_size = state.range(2);
            RunStrategyRecipe(
                state, config,
                {.task = {workload, static_cast<std::uint64_t>(state.range(2))},
                 .build_once = build_once,
                 .make = [make,
                          build_once](int n) { return make({.workers = n, .cold = !build_once}); },
                 .facts = facts});
          },
          benchmark::kMillisecond);
      ArgNames(family, {"workers", "tasks", "size"});
      for (std::int64_t size : kSweepSizes) {
        for (int n : workers) family->Args({n, config.tasks, size});
      }
    }
  }
}

}  // namespace parbench
