// The suite's own flags (--workers, --tasks and the size of each workload),
// parsed by abseil beside Google Benchmark's, and checked into a SuiteConfig
// before anything runs.
#ifndef PARBENCH_BENCH_SUITE_CONFIG_H_
#define PARBENCH_BENCH_SUITE_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/task.h"
#include "lib/usable_cpus.h"

namespace parbench {

struct SuiteConfig {
  std::vector<int> workers;  // Ascending, no duplicates.
  int tasks = 10;
  std::uint64_t cpu_count = 0;
  std::uint64_t io_latency_ms = 0;
  std::uint64_t memory_ints = 0;
  std::uint64_t ionet_latency_ms = 0;  // The RequestService's reply latency.
  std::uint64_t iofile_bytes = 0;
  // Worker counts for the pools of the I/O families (Io, IoNet, IoFile):
  // `workers`, plus 16, 32 and 64 when --workers is not given — waiting is
  // where workers beyond the CPU count can still pay off.
  std::vector<int> io_workers;
  // The Overhead/Fork family: MiB the parent touches before forking.
  std::vector<int> fork_resident_mib;  // Ascending, no duplicates.
  bool sweep = false;                  // Register the CpuSweep family too.
  UsableCpus cpus;

  // The task each run repeats `tasks` times for `workload`.
  Task TaskFor(Workload workload) const;
};

// Reads and checks the parsed flags: every value a positive number within
// its limit, the worker list well formed. The error says which flag and why.
absl::StatusOr<SuiteConfig> ReadSuiteConfig(const UsableCpus& cpus);

// "  --name=default  help" for each suite flag, for `bench --help`.
std::string SuiteFlagsHelp();

}  // namespace parbench

#endif  // PARBENCH_BENCH_SUITE_CONFIG_H_
