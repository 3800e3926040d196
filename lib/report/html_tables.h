// The table model (table_model.h) and the overheads (overheads.h) as HTML
// tables for the report's page: the decision map, each family's table of
// medians, and each overhead against its floor. The cells say what
// table.sh's Markdown says; nothing is computed here that the models do
// not hold.
#ifndef PARBENCH_LIB_REPORT_HTML_TABLES_H_
#define PARBENCH_LIB_REPORT_HTML_TABLES_H_

#include <cstddef>
#include <string>

#include "lib/report/overheads.h"
#include "lib/report/table_model.h"

namespace parbench::report {

// Section `s`'s decision map: one row per table, one column per worker
// count, each cell the fastest strategy (the ceiling left out), its speedup
// over the baseline and its lead over the runner-up; the baseline's wins
// marked. "" when the section has no grid.
std::string DecisionMapHtml(const TableReport& report, size_t s);

// Table `t`'s strategies × workers: median · speedup · efficiency · spread,
// the fastest of each column marked (strong, class "best").
std::string FamilyTableHtml(const TableReport& report, size_t t);

// One run's overheads against their floors, and its Memory kernels against
// the triad.
std::string OverheadsHtml(const Overheads& overheads, const std::string& caption);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HTML_TABLES_H_
