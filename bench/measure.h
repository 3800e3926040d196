// How every strategy benchmark measures: times Map() of a task list with a
// strategy built warm (before the timing) or cold (inside it), checks every
// result against Sequential's for the same tasks, and reports the CPU the
// run used, worker processes included.
#ifndef PARBENCH_BENCH_MEASURE_H_
#define PARBENCH_BENCH_MEASURE_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/facts.h"
#include "bench/suite_config.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy.h"

namespace parbench {

// What one strategy benchmark runs: the task it repeats and how to build the
// strategy. `build_once`: built before the timing (a warm pool, or a
// strategy with nothing to start); otherwise built and destroyed inside
// every iteration (a cold pool).
struct StrategyRecipe {
  Task task;
  bool build_once = true;
  std::function<absl::StatusOr<std::unique_ptr<Strategy>>(int workers)> make;
  // What it is, for its label (workers and tasks from its arguments).
  BenchmarkFacts facts;
};

// The body of every strategy benchmark: times Map() of state.range(1) copies
// of the task with state.range(0) workers, labels it with the recipe's facts
// (bench/facts.h), checks the checksums against
// Sequential's and sets the counters: process_cpu_s (this process, all its
// threads), worker_cpu_s (what the workers reported), total_cpu_s (process
// plus workers when the workers are other processes, else the process's).
void RunStrategyRecipe(benchmark::State& state, const SuiteConfig& config,
                       const StrategyRecipe& recipe);

// The CPU counters of every benchmark of the suite, as per-iteration
// averages (see RunStrategyRecipe). Every one is a CPU time, above zero in
// any repetition that ran, so the coefficient of variation Google Benchmark
// adds over repetitions is always defined (no NaN in the JSON). Whether the
// workers exceed the usable CPUs is in the JSON context
// (parbench_oversubscribed_workers, parbench_usable_cpus), not a counter: a
// counter that is 0 in every repetition has a cv of 0/0.
void SetCpuCounters(benchmark::State& state, std::int64_t process_cpu_nanos,
                    std::int64_t worker_cpu_nanos, bool workers_are_processes);

}  // namespace parbench

#endif  // PARBENCH_BENCH_MEASURE_H_
