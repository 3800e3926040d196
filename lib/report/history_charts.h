// history.sh report's trend charts, rendered from the analysis
// (history_report.h): one gnuplot chart per machine and family (a name's
// first component), the runs in the order added on x, the median with the
// repetitions' range, a dashed line before each change point. The bytes
// d27df6f:scripts/legacy-history.sh's awk gave.
#ifndef PARBENCH_LIB_REPORT_HISTORY_CHARTS_H_
#define PARBENCH_LIB_REPORT_HISTORY_CHARTS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/report/history_report.h"

namespace parbench::report {

// The trend charts: a gnuplot script drawing PNGs into <plot_dir>/png, its
// data files (named as in plot_dir) and the PNGs' names in chart order.
struct HistoryCharts {
  std::string script;                                     // plot.gp
  std::vector<std::pair<std::string, std::string>> data;  // file name, text
  std::vector<std::string> pngs;
};
HistoryCharts RenderHistoryCharts(const HistoryReport& report, absl::string_view plot_dir);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HISTORY_CHARTS_H_
