// The cost model at each cell of a table (TableRow::models): its terms from
// the same run's Overhead and Floor families, chosen by the row's roles
// (worker kind and dispatch, table_roles.h), never by its name; then the
// predicted time and the break-even task time, each with the standard error
// propagated from the medians it rests on (stats/cost_model.h).
//   chunked (pools, MPI): a round trip at 1 worker, plus a cold or spawned
//       pool's start and stop, plus dispatch per chunk (PerTask at chunk:1);
//   per task: a thread's create and join, or a process's start;
//   block (OpenMP, TBB): one parallel region of empty tasks;
//   loop (an event loop): the tasks one after another (ceiling 1).
#ifndef PARBENCH_LIB_REPORT_TABLE_COST_H_
#define PARBENCH_LIB_REPORT_TABLE_COST_H_

#include "lib/report/table_model.h"

namespace parbench::report {

// Fills `models` of every strategy row of a table without a size knob that
// has a baseline. Reads the other tables of `report` (the ceiling comes
// from the reference workload's ceiling row): they must be prepared.
void ModelRows(const TableReport& report, Table& table);

// The machine's ceiling at n workers in section s: the ceiling row's
// speedup over the baseline in the reference table, at most min(n, usable
// CPUs); min(n, usable CPUs) where it did not run.
double CeilingAt(const TableReport& report, size_t section, int64_t n);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_COST_H_
