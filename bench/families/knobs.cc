// Knobs: ThreadPool with its spin and caller participation each on and off,
// beside each other in the same run, at every usable CPU — on the Cpu
// workload's tasks (".../tasks:10") and on 1000 tiny Cpu tasks
// (".../tasks:1000/size:1000") — so that the defaults can be checked on any
// machine, with and without --background_load.
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/families/families.h"
#include "bench/measure.h"
#include "bench/registration.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

constexpr absl::string_view kPool = "ThreadPool";
// The tiny-task case: as the Chunk family's smallest.
constexpr int kTinyTasks = 1000;
constexpr std::int64_t kTinySize = 1'000;

}  // namespace

void RegisterKnobsFamily(const SuiteConfig& config) {
  const StrategySpec* pool = FindStrategy(kPool);
  const absl::StatusOr<Task> cpu = MakeTask("Cpu", 0);
  if (pool == nullptr || !cpu.ok()) return;
  const int workers = config.cpus.usable;
  const Task task = config.TaskFor(cpu->workload);
  for (const bool spin : {false, true}) {
    for (const bool caller_runs : {false, true}) {
      StrategyOptions options{.workers = workers, .caller_runs = caller_runs};
      if (!spin) options.spin = absl::ZeroDuration();
      const std::string knobs =
          absl::StrCat("spin:", spin ? 1 : 0, "/caller_runs:", caller_runs ? 1 : 0);
      auto make = [make = pool->make, options](int n) {
        StrategyOptions with_workers = options;
        with_workers.workers = n;
        return make(with_workers);
      };
      Family(
          absl::StrCat("Knobs/", kPool, "/warm/", knobs),
          [&config, task, make](benchmark::State& state) {
            RunStrategyRecipe(state, config, {.task = task, .make = make});
          },
          benchmark::kMillisecond)
          ->ArgNames({"workers", "tasks"})
          ->Args({workers, config.tasks});
      Family(
          absl::StrCat("Knobs/", kPool, "/warm/", knobs),
          [&config, id = cpu->workload, make](benchmark::State& state) {
            RunStrategyRecipe(
                state, config,
                {.task = {id, static_cast<std::uint64_t>(state.range(2))}, .make = make});
          },
          benchmark::kMillisecond)
          ->ArgNames({"workers", "tasks", "size"})
          ->Args({workers, kTinyTasks, kTinySize});
    }
  }
}

}  // namespace parbench
