// The one legacy reader: the facts of a run written before bench wrote its
// facts, recovered from the benchmark's name and label. The name grammar is
//   <Workload>/<Strategy>[/<life>]/key:value.../<suffix>
// (d27df6f:scripts/lib/names.awk; Overhead labels "floor=NAME per=N", blank-separated).
// Nothing else in the report parses a name.
#ifndef PARBENCH_LIB_REPORT_LEGACY_NAMES_H_
#define PARBENCH_LIB_REPORT_LEGACY_NAMES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/report/model.h"

namespace parbench::report {

// The facts of a name and label. A name outside the grammar gives facts
// with an empty workload and strategy (source kNone); its label's floor and
// per are still read.
BenchFacts LegacyFacts(absl::string_view run_name, absl::string_view label);

// The value of the key:value component `key` past the workload and the
// strategy (the last one); "" when there is none. names.awk's name_value().
std::string LegacyNameValue(absl::string_view name, absl::string_view key);

// The order of the strategies in the tables of runs made before bench wrote
// parbench_strategies (2026-11-26), and whether a strategy is the ceiling
// (BareThreads), which the tables put last.
std::vector<std::string> LegacyStrategyOrder();
bool LegacyIsCeiling(absl::string_view strategy);

// Whether a name's component after the strategy is a transport of its own
// ("shm" of ProcessPool/shm: names.awk's name_is_transport).
bool LegacyIsTransport(absl::string_view component);
// The roles of a strategy of old runs, by its name: the one place that knows
// what the strategy table's spellings (and the ceiling's, BareThreads) meant
// before bench wrote its roles. A transport after the strategy
// ("ProcessPool/shm") keeps the strategy's roles; an unknown name has none
// (kUnknown, kUnknown, kNone).
struct LegacyStrategyRoles {
  WorkerKind worker_kind = WorkerKind::kUnknown;
  Dispatch dispatch = Dispatch::kUnknown;
  TableRole table_role = TableRole::kNone;
};
LegacyStrategyRoles LegacyRoles(absl::string_view strategy);

// The role of a workload of old runs, by its name (Cpu: the reference).
WorkloadRole LegacyWorkloadRole(absl::string_view workload);

// The bound of a workload of old runs, by its name: Cpu, Memory and
// Compress keep a CPU busy; Io, IoFile and IoNet wait; others unknown.
WorkloadBound LegacyWorkloadBound(absl::string_view workload);

// The family of a name: its components that are neither key:value, nor a
// number, nor Google Benchmark's suffix. names.awk's name_family().
std::string LegacyNameFamily(absl::string_view name);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_LEGACY_NAMES_H_
