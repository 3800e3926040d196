// The one registration module every benchmark family uses: how a family is
// registered (real time, a unit), how a failure is reported, and which
// worker counts each kind of benchmark runs at.
#ifndef PARBENCH_BENCH_REGISTRATION_H_
#define PARBENCH_BENCH_REGISTRATION_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "bench/suite_config.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {

// Registers `run` as `name`, timed by the wall clock (parallel work: only the
// wall clock tells; Google Benchmark's own CPU time is then the calling
// thread's, and the suite's counters give the rest) in `unit`. Its label
// starts as the bare facts label (bench/facts.h); `run` replaces it with
// all it knows.
benchmark::internal::Benchmark* Family(const std::string& name,
                                       std::function<void(benchmark::State&)> run,
                                       benchmark::TimeUnit unit);

// Names `family`'s arguments, as its ArgNames() does, and remembers them
// for the full names OnBenchmarkStart gives. Returns `family`. Google
// Benchmark 1.7.1 tells a running benchmark neither its name nor its
// arguments' names, so bench keeps them itself.
benchmark::internal::Benchmark* ArgNames(benchmark::internal::Benchmark* family,
                                         const std::vector<std::string>& names);

// From now on, `hook` is called with each benchmark's full name as Google
// Benchmark spells it (the family's, each argument as name:value, then
// /real_time) every time it starts to run; a family whose arguments were
// not named through ArgNames() above gives its own name only. Empty: none
// is called (the default).
void OnBenchmarkStart(std::function<void(const std::string&)> hook);

// Ends the benchmark with `status` as its error record.
void SkipWithStatus(benchmark::State& state, const absl::Status& status);

// The worker counts `strategy` runs `workload` at (see WorkerPolicy).
std::vector<int> WorkerCounts(const SuiteConfig& config, const StrategySpec& strategy,
                              const WorkloadSpec& workload);

// The start-up families' worker counts: the smallest and largest --workers.
std::vector<int> StartUpWorkerCounts(const SuiteConfig& config);

// The pool lives a benchmark times: "" for a strategy that is not a pool,
// else "cold" (start-up, tasks and shutdown timed, `with Pool(...)`) and
// "warm" (started before the timing; only the tasks timed).
std::vector<std::string> PoolLives(const StrategySpec& strategy);

// The transports a benchmark of `strategy` runs over: the default (the
// pipe, for every strategy), and shared memory where the row has it.
std::vector<TransportKind> Transports(const StrategySpec& strategy);
// What a transport adds to a benchmark's name after the strategy's:
// "" for the default, "/shm".
absl::string_view TransportSuffix(TransportKind transport);

// Registers every family; `config` must outlive the run.
void RegisterAllFamilies(const SuiteConfig& config);

}  // namespace parbench

#endif  // PARBENCH_BENCH_REGISTRATION_H_
