// Registers the strategy variants that need a size or a knob in their name,
// each timed by RunStrategyRecipe (checked against Sequential):
//   Cpu/ProcessPerTask/spawn/workers:<n>/tasks:<t>      posix_spawn of bench itself per
//                                                      task, beside fork and the pool
//   Chunk/<Strategy>[/warm]/workers:<n>/tasks:<t>/size:<s>[/chunk:<c>]
//                                                      many small tasks, per chunk size
//   CpuSweep/<Strategy>[/life]/workers:<n>/tasks:<t>/size:<s>
//                                                      task sizes 1e3..1e8 (--sweep only)
#ifndef PARBENCH_BENCH_SWEEP_BENCHMARKS_H_
#define PARBENCH_BENCH_SWEEP_BENCHMARKS_H_

#include "bench/suite_config.h"

namespace parbench {

// `config` must outlive the benchmark run.
void RegisterSweepBenchmarks(const SuiteConfig& config);

}  // namespace parbench

#endif  // PARBENCH_BENCH_SWEEP_BENCHMARKS_H_
