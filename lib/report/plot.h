// plot.sh's charts as plain data, computed from the table model
// (table_model.h): per chart (one run's host and source, one workload and
// task count) its series (one table row each) with their points, the axes'
// ranges and the tics; plot_script.h renders them as the data files and
// the gnuplot script. The values are the table's at the precision
// `table --tsv` prints them (medians 6 significant digits, speedups and
// spreads 4), the precision the charts have always been drawn from.
#ifndef PARBENCH_LIB_REPORT_PLOT_H_
#define PARBENCH_LIB_REPORT_PLOT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/report/table_model.h"

namespace parbench::report {

// One measured cell of a series: workers, median (ms), speedup over the
// baseline (absent: no baseline) and the coefficient of variation (0: none).
struct PlotPoint {
  int64_t workers = 0;
  double ms = 0;
  std::optional<double> speedup;
  double cv = 0;
};

// The USL curve of a row over its workers: fitted speedup over the
// baseline = scale * x / (1 + sigma (x - 1) + kappa x (x - 1)), each
// parameter at 6 significant digits.
struct PlotFit {
  double scale = 0, sigma = 0, kappa = 0;
};

// One row of a table in its chart.
struct PlotSeries {
  std::string row;                // TableRow::Label()
  bool baseline = false;          // drawn flat (the 1x line, the time line)
  bool ceiling = false;           // a plain dashed line, no error bars
  std::optional<PlotFit> fit;     // with a baseline only
  std::vector<int64_t> errors;    // worker counts whose cell ended in error
  std::vector<PlotPoint> points;  // the clean cells, workers ascending
};

struct PlotTic {
  int64_t workers = 0;
  bool oversubscribed = false;
};

struct PlotChart {
  std::string name;     // file-name-safe: speedup-<name>.png, time-<name>.png
  std::string subject;  // the titles' part after "Speedup over Sequential: "
  int64_t min_workers = 0;
  int64_t max_workers = 1;                    // at least 1
  std::vector<PlotTic> tics;                  // every worker count, ascending
  std::optional<double> oversubscribed_from;  // where the grey band starts
  std::optional<double> baseline_ms;          // the baseline's first clean median
  std::optional<double> speedup_max;  // the highest speedup's error bar; absent: no speedup chart
  double time_min = 0, time_max = 0;  // the time axis' data range (ms, with error bars)
  std::vector<PlotSeries> series;     // in the table's row order
  bool drawn = false;                 // has a parallel series with data

  // The speedup axis' top: the highest error bar, 1x and the ideal at the
  // fewest workers, with a quarter's room.
  double SpeedupTop() const;
};

struct Plots {
  std::vector<PlotChart> charts;  // the tables' order; data files are numbered by it
};

// Every table of the report as a chart, drawn or not (Plots::charts[i].drawn).
Plots BuildPlots(const TableReport& report);

// The y tics of a time chart over [lo, hi] ms: 1, 2 and 5 times the powers
// of ten within it.
std::vector<double> TimeTics(double lo, double hi);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_PLOT_H_
