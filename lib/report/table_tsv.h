// table.sh's tab-separated outputs of the table model (table_model.h):
//   --tsv    one line per measured cell (plot.sh, crossover.sh read it):
//            the cell, whether its worker count is oversubscribed, and its
//            row's USL fit (σ, κ, and the scale that turns C(N) into a
//            speedup over Sequential: λ × the 1-worker speedup);
//   --model  the cost model's parameters per clean cell (advise.sh).
#ifndef PARBENCH_LIB_REPORT_TABLE_TSV_H_
#define PARBENCH_LIB_REPORT_TABLE_TSV_H_

#include <string>

#include "lib/report/table_model.h"

namespace parbench::report {

std::string RenderTableTsv(const TableReport& report);
std::string RenderTableModel(const TableReport& report);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_TSV_H_
