// Knobs: each row with knobs (ThreadPool) with its spin and caller
// participation each on and off, beside each other in the same run, at every
// usable CPU — on the reference
// workload's (Cpu's) tasks (".../tasks:10") and on 1000 tiny Cpu tasks
// (".../tasks:1000/size:1000") — so that the defaults can be checked on any
// machine, with and without --background_load.
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"
#include "bench/measure.h"
#include "bench/registration.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

constexpr absl::string_view kFamily = "Knobs";
// The tiny-task case: as the Chunk family's smallest.
constexpr int kTinyTasks = 1000;
constexpr std::int64_t kTinySize = 1'000;

}  // namespace

// Every row that has knobs: StrategyOptions' spin and caller_runs are the
// knobs such a row has (today ThreadPool's).
void RegisterKnobsFamily(const SuiteConfig& config) {
  const std::optional<WorkloadId> reference = ReferenceWorkload();
  if (!reference) return;
  const int workers = config.cpus.usable;
  const Task task = config.TaskFor(*reference);
  for (const StrategySpec& pool : Strategies()) {
    if (pool.knobs == nullptr || !StrategyUsable(pool)) continue;
    BenchmarkFacts pool_facts = StrategyFacts(pool, TransportKind::kPipe, "warm");
    pool_facts.workload = std::string(kFamily);
    for (const bool spin : {false, true}) {
      for (const bool caller_runs : {false, true}) {
        StrategyOptions options{.workers = workers, .caller_runs = caller_runs};
        if (!spin) options.spin = absl::ZeroDuration();
        const std::string knobs =
            absl::StrCat("spin:", spin ? 1 : 0, "/caller_runs:", caller_runs ? 1 : 0);
        BenchmarkFacts knob_facts = pool_facts;
        knob_facts.spin = spin ? 1 : 0;
        knob_facts.caller_runs = caller_runs ? 1 : 0;
        auto make = [make = pool.make, options](int n) {
          StrategyOptions with_workers = options;
          with_workers.workers = n;
          return make(with_workers);
        };
        const std::string name = absl::StrCat(kFamily, "/", pool.name, "/warm/", knobs);
        Family(
            name,
            [&config, task, make, knob_facts](benchmark::State& state) {
              RunStrategyRecipe(state, config, {.task = task, .make = make, .facts = knob_facts});
            },
            benchmark::kMillisecond)
            ->ArgNames({"workers", "tasks"})
            ->Args({workers, config.tasks});
        Family(
            name,
            [&config, id = *reference, make, knob_facts](benchmark::State& state) {
              BenchmarkFacts facts = knob_facts;
              facts.task_size = state.range(2);
              RunStrategyRecipe(state, config,
                                {.task = {id, static_cast<std::uint64_t>(state.range(2))},
                                 .make = make,
                                 .facts = facts});
            },
            benchmark::kMillisecond)
            ->ArgNames({"workers", "tasks", "size"})
            ->Args({workers, kTinyTasks, kTinySize});
      }
    }
  }
}

}  // namespace parbench
