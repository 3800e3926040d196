// Registers the Overhead family: what parallelism costs before any work is
// done, per strategy, to be read beside its Floor (scripts/overheads.sh).
//   Overhead/StartStop/<ThreadPool|ProcessPool>/workers:<n>   create + destroy, no task
//   Overhead/RoundTrip/<ThreadPool|ProcessPool>/workers:1     one empty task, warm pool
//   Overhead/PerTask/<ThreadPool|ProcessPool|OpenMp>/batch:<b>[/chunk:<c>]/workers:<n>
//                                                             b empty tasks per Map()
//   Overhead/ProcessStart/<fork|spawn|pool>/workers:<n>       n processes, one empty task each
//   Overhead/Fork/resident_mib:<m>                            one ChildProcess::Fork + Wait
//                                                             from a parent with m MiB touched
//   Overhead/MemoryKernel/<fresh|reused>/mib:<m>              the Memory kernel on fresh
//                                                             pages vs on memory touched before
#ifndef PARBENCH_BENCH_OVERHEAD_BENCHMARKS_H_
#define PARBENCH_BENCH_OVERHEAD_BENCHMARKS_H_

#include "bench/suite_config.h"

namespace parbench {

// `config` must outlive the benchmark run.
void RegisterOverheadBenchmarks(const SuiteConfig& config);

}  // namespace parbench

#endif  // PARBENCH_BENCH_OVERHEAD_BENCHMARKS_H_
