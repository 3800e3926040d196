// table.sh's Markdown report of the table model (table_model.h): per run a
// line about the run, the decision map, per table its cells, winners,
// CPU use, Karp-Flatt serial fraction, share of the ceiling, memory,
// scaling fit, cost model and break-even, then the benchmarks outside the
// grid. results/README.md tells how to read it.
#ifndef PARBENCH_LIB_REPORT_TABLE_MARKDOWN_H_
#define PARBENCH_LIB_REPORT_TABLE_MARKDOWN_H_

#include <string>

#include "lib/report/table_model.h"

namespace parbench::report {

std::string RenderTableMarkdown(const TableReport& report);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_MARKDOWN_H_
