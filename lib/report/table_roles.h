// What the tables make of a row's roles (BenchFacts in model.h: bench's
// own, or the legacy reader's for old runs): its place in the table, and
// the shape of its cost model. Nothing here reads a strategy's name.
#ifndef PARBENCH_LIB_REPORT_TABLE_ROLES_H_
#define PARBENCH_LIB_REPORT_TABLE_ROLES_H_

#include "lib/report/model.h"
#include "lib/report/table_model.h"

namespace parbench::report {

// The row's place from its table role: the baseline, the ceiling, or a
// strategy (per-task references included).
RowRole RowRoleOf(TableRole role);

// The cost model a row gets (table_cost.h):
//   kPool     chunked workers (pools, MPI ranks): a round trip, a cold or
//             spawned pool's start and stop, dispatch per chunk;
//   kRegion   one parallel region (OpenMP, TBB: the per-task references, or
//             a block of threads): the region of empty tasks it measured;
//   kStarts   a thread or a process started per task;
//   kLoop     the tasks one after another on the caller's thread;
//   kNone     roles the model does not know.
enum class CostShape { kNone, kPool, kRegion, kStarts, kLoop };
CostShape CostShapeOf(const TableRow& row);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_ROLES_H_
