// Registers the suite: one benchmark per workload x strategy x pool life x
// worker count, named "<Workload>/<Strategy>[/<cold|warm>]/workers:<n>/tasks:<t>"
// (Google Benchmark appends "/real_time"), plus the bare-thread ceiling
// "Cpu/BareThreads/workers:<n>/tasks:<t>".
#ifndef PARBENCH_BENCH_STRATEGY_BENCHMARKS_H_
#define PARBENCH_BENCH_STRATEGY_BENCHMARKS_H_

#include "bench/suite_config.h"

namespace parbench {

// `config` must outlive the benchmark run.
void RegisterSuite(const SuiteConfig& config);

}  // namespace parbench

#endif  // PARBENCH_BENCH_STRATEGY_BENCHMARKS_H_
