// CpuSweep (--sweep): every strategy at Cpu task sizes from well under a
// microsecond to tens of milliseconds, to find where each starts to pay.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
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
  const absl::StatusOr<Task> cpu = MakeTask("Cpu", 0);
  if (!cpu.ok()) return;
  const WorkloadId workload = cpu->workload;
  for (const StrategySpec& strategy : Strategies()) {
    const std::vector<int> workers = WorkerCounts(config, strategy, Workloads()[workload]);
    for (const std::string& life : PoolLives(strategy)) {
      auto* family = Family(
          absl::StrCat("CpuSweep/", strategy.name, life.empty() ? "" : "/", life),
          [&config, workload, build_once = life != "cold",
           make = strategy.make](benchmark::State& state) {
            RunStrategyRecipe(state, config,
                              {.task = {workload, static_cast<std::uint64_t>(state.range(2))},
                               .build_once = build_once,
                               .make = [make](int n) { return make({.workers = n}); }});
          },
          benchmark::kMillisecond);
      family->ArgNames({"workers", "tasks", "size"});
      for (std::int64_t size : kSweepSizes) {
        for (int n : workers) family->Args({n, config.tasks, size});
      }
    }
  }
}

}  // namespace parbench
