#include "lib/report/table_roles.h"

namespace parbench::report {

RowRole RowRoleOf(TableRole role) {
  switch (role) {
    case TableRole::kBaseline:
      return RowRole::kBaseline;
    case TableRole::kCeiling:
      return RowRole::kCeiling;
    case TableRole::kNone:
    case TableRole::kPerTaskReference:
      break;
  }
  return RowRole::kStrategy;
}

CostShape CostShapeOf(const TableRow& row) {
  if (row.table_role == TableRole::kPerTaskReference) return CostShape::kRegion;
  switch (row.dispatch) {
    case Dispatch::kChunked:
      return CostShape::kPool;
    case Dispatch::kBlock:
      return row.worker_kind == WorkerKind::kThreads ? CostShape::kRegion : CostShape::kNone;
    case Dispatch::kPerTask:
      if (row.worker_kind == WorkerKind::kInline) return CostShape::kLoop;
      if (row.worker_kind == WorkerKind::kThreads || row.worker_kind == WorkerKind::kProcesses) {
        return CostShape::kStarts;
      }
      return CostShape::kNone;
    case Dispatch::kUnknown:
      break;
  }
  return CostShape::kNone;
}

}  // namespace parbench::report
