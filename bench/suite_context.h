// What a reader of the JSON needs to trust the numbers: the suite's
// parameters, the build, the source revision and the CPUs really usable,
// recorded with benchmark::AddCustomContext under "parbench_" keys.
#ifndef PARBENCH_BENCH_SUITE_CONTEXT_H_
#define PARBENCH_BENCH_SUITE_CONTEXT_H_

#include "bench/suite_config.h"

namespace parbench {

// True when the suite was compiled with optimisation.
bool IsOptimisedBuild();

// Adds the parbench_* context keys; warns on stderr about a build that is
// not optimised and about worker counts above the usable CPUs.
void AddSuiteContext(const SuiteConfig& config);

}  // namespace parbench

#endif  // PARBENCH_BENCH_SUITE_CONTEXT_H_
