// history.sh report's files, rendered from the analysis (history_report.h):
// summary.md, series.csv, changepoints.csv, and the gnuplot script and data
// of one trend chart per machine and family. Each gives the bytes
// scripts/legacy-history.sh's awk gave.
#ifndef PARBENCH_LIB_REPORT_HISTORY_RENDER_H_
#define PARBENCH_LIB_REPORT_HISTORY_RENDER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
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

// The trend charts: a gnuplot script drawing PNGs into <plot_dir>/png, its
// data files (named as in plot_dir) and the PNGs' names in chart order.
struct HistoryCharts {
  std::string script;                                     // plot.gp
  std::vector<std::pair<std::string, std::string>> data;  // file name, text
  std::vector<std::string> pngs;
};
HistoryCharts RenderHistoryCharts(const HistoryReport& report, absl::string_view plot_dir);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HISTORY_RENDER_H_
