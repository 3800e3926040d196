// Each strategy row's scaling fit (TableRow::fit): the Universal
// Scalability Law and Amdahl's law fitted by nonlinear least squares
// (stats/usl_fit.h) to the row's speedups over its own 1-worker time, at
// the worker counts <= the usable CPUs (oversubscribed counts measure
// sharing, not scaling). Tables with a size knob get none.
#ifndef PARBENCH_LIB_REPORT_TABLE_FIT_H_
#define PARBENCH_LIB_REPORT_TABLE_FIT_H_

#include "lib/report/table_model.h"

namespace parbench::report {

// The fewest worker counts a fit takes: N = 1 says nothing about σ and κ.
inline constexpr int kFitMinPoints = 3;

// Sets fit, or no_fit (why), on every strategy row of `table`.
void FitRows(const Section& section, Table& table);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_FIT_H_
