// Registers the suite: one benchmark per workload x strategy x pool life x
// worker count, named "<Workload>/<Strategy>[/<cold|warm>]/workers:<n>/tasks:<t>"
// (Google Benchmark appends "/real_time"), plus the bare-thread ceiling
// "Cpu/BareThreads/workers:<n>/tasks:<t>".
#ifndef PARBENCH_BENCH_STRATEGY_BENCHMARKS_H_
#define PARBENCH_BENCH_STRATEGY_BENCHMARKS_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "bench/suite_config.h"
#include "benchmark/benchmark.h"
#include "lib/strategy.h"

namespace parbench {

// `config` must outlive the benchmark run.
void RegisterSuite(const SuiteConfig& config);

// What one strategy benchmark runs: the task it repeats and how to build the
// strategy. `build_once`: built before the timing (a warm pool, or a
// strategy with nothing to start); otherwise built and destroyed inside
// every iteration (a cold pool).
struct StrategyRecipe {
  Task task;
  bool build_once = true;
  std::function<absl::StatusOr<std::unique_ptr<Strategy>>(int workers)> make;
};

// The body of every strategy benchmark, for the other families too: times
// Map() of state.range(1) copies of the task with state.range(0) workers,
// checks the checksums against Sequential's and sets the suite's counters.
void RunStrategyRecipe(benchmark::State& state, const SuiteConfig& config,
                       const StrategyRecipe& recipe);

}  // namespace parbench

#endif  // PARBENCH_BENCH_STRATEGY_BENCHMARKS_H_
