#include "lib/report/table_roles.h"

#include "absl/strings/string_view.h"
#include "lib/report/legacy_names.h"

namespace parbench::report {

StrategyRoles RolesOf(absl::string_view strategy) {
  if (strategy == "Sequential")
    return {RowRole::kBaseline, WorkerKind::kInline, Dispatch::kUnknown};
  if (LegacyIsCeiling(strategy)) return {RowRole::kCeiling, WorkerKind::kThreads, Dispatch::kBlock};
  if (strategy == "ThreadPool")
    return {RowRole::kStrategy, WorkerKind::kThreads, Dispatch::kChunked};
  if (strategy == "ProcessPool" || strategy == "ProcessPool/shm") {
    return {RowRole::kStrategy, WorkerKind::kProcesses, Dispatch::kChunked};
  }
  if (strategy == "Mpi") return {RowRole::kStrategy, WorkerKind::kRemote, Dispatch::kChunked};
  if (strategy == "ThreadPerTask") {
    return {RowRole::kStrategy, WorkerKind::kThreads, Dispatch::kPerTask};
  }
  if (strategy == "ProcessPerTask") {
    return {RowRole::kStrategy, WorkerKind::kProcesses, Dispatch::kPerTask};
  }
  if (strategy == "OpenMp" || strategy == "Tbb") {
    return {RowRole::kStrategy, WorkerKind::kThreads, Dispatch::kBlock};
  }
  if (strategy == "EventLoop") return {RowRole::kStrategy, WorkerKind::kInline, Dispatch::kLoop};
  return {};
}

bool IsCpuBoundWorkload(absl::string_view workload) {
  return workload == "Cpu" || workload == "Memory" || workload == "Compress";
}

bool IsReferenceWorkload(absl::string_view workload) { return workload == "Cpu"; }

}  // namespace parbench::report
