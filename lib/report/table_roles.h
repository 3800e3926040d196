// The roles of a table's rows: which row is the baseline and which the
// ceiling, how a strategy's workers run and how it hands them work. The
// report keys the baseline, the ceiling and the cost model on these roles,
// never on a strategy's name; RolesOf is the one place that still reads
// them from a name (runs do not write their roles yet), so that reading
// them from the facts is a change of this one function.
#ifndef PARBENCH_LIB_REPORT_TABLE_ROLES_H_
#define PARBENCH_LIB_REPORT_TABLE_ROLES_H_

#include "absl/strings/string_view.h"
#include "lib/report/table_model.h"

namespace parbench::report {

struct StrategyRoles {
  RowRole role = RowRole::kStrategy;
  WorkerKind worker_kind = WorkerKind::kUnknown;
  Dispatch dispatch = Dispatch::kUnknown;
};

// The roles of a strategy row. Unknown kinds and dispatches get no cost
// model ("no model for X").
StrategyRoles RolesOf(absl::string_view strategy);

// Whether a table's workload keeps a CPU busy, for runs without CPU
// counters (the reference workloads: Cpu, Memory, Compress).
bool IsCpuBoundWorkload(absl::string_view workload);

// Whether a table's workload is the one the machine's ceiling is measured
// on (BareThreads' speedup in the Cpu table).
bool IsReferenceWorkload(absl::string_view workload);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_ROLES_H_
