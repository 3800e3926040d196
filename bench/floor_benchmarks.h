// Registers the Floor family: the bare system operations the strategies rest
// on (lib/floor_ops.h, lib/stream_triad.h), timed in the same run as the
// Overhead family so that scripts/overheads.sh can divide one by the other.
//   Floor/Fork/workers:<n>             n × fork + _exit + waitpid
//   Floor/ThreadCreateJoin/workers:<n> n × pthread_create, then n × join
//   Floor/PipeRoundTrip                one byte to a child process and back
//   Floor/ThreadWakeRoundTrip          futex ping-pong between two threads
//   Floor/Triad/workers:<n>/mib:<m>    STREAM triad over three m-MiB arrays
#ifndef PARBENCH_BENCH_FLOOR_BENCHMARKS_H_
#define PARBENCH_BENCH_FLOOR_BENCHMARKS_H_

#include <vector>

#include "bench/suite_config.h"

namespace parbench {

// `config` must outlive the benchmark run.
void RegisterFloorBenchmarks(const SuiteConfig& config);

// The worker counts at which start-up costs and their floors are measured:
// the smallest and the largest of --workers (1 and 10 by default), enough to
// show the cost per worker while keeping the default run short.
std::vector<int> StartUpWorkerCounts(const SuiteConfig& config);

}  // namespace parbench

#endif  // PARBENCH_BENCH_FLOOR_BENCHMARKS_H_
