// The suite's own flags — --workers, --tasks, the Overhead and sweep knobs,
// and one size flag per row of the workload table — checked into a
// SuiteConfig before anything runs.
#ifndef PARBENCH_BENCH_SUITE_CONFIG_H_
#define PARBENCH_BENCH_SUITE_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/core/shared_resources.h"
#include "lib/core/task.h"
#include "lib/posix/usable_cpus.h"

namespace parbench {

struct SuiteConfig {
  std::vector<int> workers;  // Ascending, no duplicates.
  int tasks = 10;
  // The value of each workload's size flag, by WorkloadId.
  std::vector<std::uint64_t> flag_values;
  // Worker counts for the pools of the I/O-bound workloads: `workers`, plus
  // 16, 32 and 64 when --workers is not given — waiting is where workers
  // beyond the CPU count can still pay off.
  std::vector<int> io_workers;
  // The Overhead/Fork family: MiB the parent touches before forking.
  std::vector<int> fork_resident_mib;  // Ascending, no duplicates.
  bool sweep = false;                  // Register the CpuSweep family too.
  int background_load = 0;             // Busy threads competing during the run.
  // The records file each finished benchmark is appended to ("": none).
  std::string records;
  UsableCpus cpus;
  // Starts the workloads' shared resources before a benchmark needs them;
  // owned by the caller (bench's driver), which must keep it alive through
  // the run. Null: none is started (a test that starts what it needs).
  SharedResources* shared_resources = nullptr;

  // The task each run repeats `tasks` times for `workload`.
  Task TaskFor(WorkloadId workload) const;
};

// Takes every workload size flag (--<size_flag>=N or --<size_flag> N) out
// of argv, before abseil parses the rest, and checks each value against its
// row's limit. Returns the value of each row's flag by WorkloadId (the
// default where absent). The workload table must be valid.
absl::StatusOr<std::vector<std::uint64_t>> TakeWorkloadFlags(int& argc, char** argv);

// Reads and checks the parsed flags: every value a positive number within
// its limit, the worker list well formed. The error says which flag and why.
absl::StatusOr<SuiteConfig> ReadSuiteConfig(std::vector<std::uint64_t> flag_values,
                                            const UsableCpus& cpus);

// The names of the flags defined here and abseil's own, which a workload's
// size flag may not take.
std::vector<absl::string_view> ReservedFlagNames();

// "  --name=default  help" for each suite flag, for `bench --help`.
std::string SuiteFlagsHelp();

}  // namespace parbench

#endif  // PARBENCH_BENCH_SUITE_CONFIG_H_
