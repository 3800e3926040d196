// history.sh report's text files, rendered from the analysis
// (history_report.h): summary.md, series.csv and changepoints.csv (the
// charts: history_charts.h). Each gives the bytes d27df6f:scripts/legacy-history.sh's
// awk gave.
#ifndef PARBENCH_LIB_REPORT_HISTORY_RENDER_H_
#define PARBENCH_LIB_REPORT_HISTORY_RENDER_H_

#include <string>

#include "lib/report/history_report.h"

namespace parbench::report {

// summary.md (without its "Trend charts" section, which history.sh adds
// once gnuplot has drawn them).
std::string RenderHistorySummary(const HistoryReport& report);

// series.csv: a row per series and run, with its segment's median and
// whether a step comes before it.
std::string RenderHistorySeries(const HistoryReport& report);

// changepoints.csv: every step by series, then the newest run's unconfirmed
// slowdowns.
std::string RenderHistoryChangePoints(const HistoryReport& report);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HISTORY_RENDER_H_
