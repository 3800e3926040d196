// What plot.sh's charts show, as gnuplot drew them (plot.sh --shown, for
// tests): per chart named in <data>/names and per kind (speedup, time),
// the axes gnuplot printed (<kind>-<name>.axes: "xmin xmax ymin ymax") and
// its `set table` of every curve (<kind>-<name>.table: each curve's title,
// then "x y verdict" lines; i inside, o outside, u undefined), both written
// by the script of plot_script.h. Read back as one row per point.
#ifndef PARBENCH_LIB_REPORT_PLOT_SHOWN_H_
#define PARBENCH_LIB_REPORT_PLOT_SHOWN_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace parbench::report {

// One point of a curve as gnuplot placed it; a curve without a point is
// one row with x, y and where empty, so that its legend entry shows.
struct ShownPoint {
  std::string chart;   // "speedup-Cpu.png"
  std::string series;  // the curve's title
  std::string x, y;    // as gnuplot wrote them
  std::string where;   // "inside", "outside", "undefined"; "" no point
  std::string xmin, xmax, ymin, ymax;
};

// Every point of every chart drawn (a chart without its .axes file was
// not drawn); an error only when `data_dir`/names cannot be read.
absl::StatusOr<std::vector<ShownPoint>> ReadShown(const std::string& data_dir);

// The tab-separated table: chart series x y where xmin xmax ymin ymax.
std::string RenderShown(const std::vector<ShownPoint>& points);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_PLOT_SHOWN_H_
