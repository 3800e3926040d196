#include "bench/suite_context.h"

#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "lib/posix/machine_info.h"
#include "revision.h"

namespace parbench {

bool IsOptimisedBuild() {
#ifdef __OPTIMIZE__
  return true;
#else
  return false;
#endif
}

void AddSuiteContext(const SuiteConfig& config) {
  // Every count that runs anywhere (the I/O pools' extra ones included)
  // above the usable CPUs.
  std::vector<int> oversubscribed;
  for (int workers : config.io_workers) {
    if (workers > config.cpus.usable) oversubscribed.push_back(workers);
  }
  benchmark::AddCustomContext("parbench_tasks", absl::StrCat(config.tasks));
  benchmark::AddCustomContext("parbench_workers", absl::StrJoin(config.workers, ","));
  // Each workload's size flag, and the tables' rows in their order: the
  // report scripts order their rows by these, not by names of their own.
  std::vector<absl::string_view> workloads, strategies, process_strategies;
  for (std::size_t i = 0; i < Workloads().size(); ++i) {
    const WorkloadSpec& row = Workloads()[i];
    benchmark::AddCustomContext(absl::StrCat("parbench_", row.size_flag),
                                absl::StrCat(config.flag_values[i]));
    workloads.push_back(row.name);
  }
  for (const StrategySpec& row : Strategies()) {
    strategies.push_back(row.name);
    if (WorkersAreProcesses(row)) process_strategies.push_back(row.name);
    // Each strategy's knobs and their measured defaults.
    if (row.knobs != nullptr) {
      benchmark::AddCustomContext(absl::StrCat("parbench_knobs_", row.name), row.knobs());
    }
  }
  benchmark::AddCustomContext("parbench_background_load", absl::StrCat(config.background_load));
  benchmark::AddCustomContext("parbench_workloads", absl::StrJoin(workloads, ","));
  benchmark::AddCustomContext("parbench_strategies", absl::StrJoin(strategies, ","));
  // Those whose workers are other processes: their total_cpu_s adds the
  // workers' CPU to the process's (see RunStrategyRecipe).
  benchmark::AddCustomContext("parbench_process_strategies",
                              absl::StrJoin(process_strategies, ","));
  benchmark::AddCustomContext("parbench_io_workers", absl::StrJoin(config.io_workers, ","));
  benchmark::AddCustomContext("parbench_build_type", PARBENCH_BUILD_TYPE);
  benchmark::AddCustomContext("parbench_optimised", IsOptimisedBuild() ? "true" : "false");
  benchmark::AddCustomContext("parbench_revision", PARBENCH_REVISION);
  // The machine and the toolchain, which Google Benchmark's own context
  // leaves out: scripts/history.sh keeps runs that differ in any of them in
  // separate series.
  const MachineInfo machine = ProbeMachineInfo();
  benchmark::AddCustomContext("parbench_cpu_model", machine.cpu_model);
  benchmark::AddCustomContext("parbench_kernel", machine.kernel);
#if defined(__clang__)
  benchmark::AddCustomContext(
      "parbench_compiler",
      absl::StrCat("clang ", __clang_major__, ".", __clang_minor__, ".", __clang_patchlevel__));
#elif defined(__GNUC__)
  benchmark::AddCustomContext(
      "parbench_compiler",
      absl::StrCat("gcc ", __GNUC__, ".", __GNUC_MINOR__, ".", __GNUC_PATCHLEVEL__));
#endif
  benchmark::AddCustomContext("parbench_benchmark_version", PARBENCH_BENCHMARK_VERSION);
  benchmark::AddCustomContext("parbench_affinity_cpus", absl::StrCat(config.cpus.affinity));
  benchmark::AddCustomContext(
      "parbench_cgroup_cpu_quota",
      config.cpus.cgroup_quota ? absl::StrFormat("%.2f", *config.cpus.cgroup_quota) : "none");
  benchmark::AddCustomContext("parbench_usable_cpus", absl::StrCat(config.cpus.usable));
  benchmark::AddCustomContext("parbench_oversubscribed_workers",
                              absl::StrJoin(oversubscribed, ","));

  if (!IsOptimisedBuild()) {
    std::fprintf(stderr,
                 "\n*** WARNING: parbench was built without optimisation (build type '%s').\n"
                 "*** Its numbers do not describe optimised code. Rebuild with\n"
                 "*** cmake -DCMAKE_BUILD_TYPE=Release.\n\n",
                 PARBENCH_BUILD_TYPE);
  }
}

}  // namespace parbench
