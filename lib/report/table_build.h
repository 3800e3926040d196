// table.sh's computation: the runs' records grouped into sections, tables,
// rows and cells (table_model.h), each cell summed up (median, spread, CPU,
// memory), each table's baseline, winners and oversubscribed columns found,
// and then each row's scaling fit (table_fit.h) and cost model
// (table_cost.h). Rows come in the tables' order whatever order the JSON
// holds them in.
#ifndef PARBENCH_LIB_REPORT_TABLE_BUILD_H_
#define PARBENCH_LIB_REPORT_TABLE_BUILD_H_

#include <vector>

#include "lib/report/model.h"
#include "lib/report/table_model.h"

namespace parbench::report {

TableReport BuildTableReport(const std::vector<Run>& runs);

// Whether s is a plain decimal number (fmt.awk's is_number).
bool IsPlainNumber(const std::string& s);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_BUILD_H_
