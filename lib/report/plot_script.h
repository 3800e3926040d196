// plot.sh's charts (plot.h) rendered: the gnuplot script that draws them
// and the data files it reads, byte for byte as d27df6f:scripts/plot.awk wrote them.
// The script draws PNGs into `png_dir`, reads its data from `data_dir`, and
// has gnuplot record what each chart shows there (plot_shown.h reads it).
#ifndef PARBENCH_LIB_REPORT_PLOT_SCRIPT_H_
#define PARBENCH_LIB_REPORT_PLOT_SCRIPT_H_

#include <string>
#include <utility>
#include <vector>

#include "lib/report/plot.h"

namespace parbench::report {

// One file for the script: its path and its text.
struct PlotFile {
  std::string path;
  std::string text;
};

// The gnuplot script: two charts per drawn chart (speedup when it has
// speedups, time), then each chart's axes and curves recorded.
std::string RenderPlotScript(const Plots& plots, const std::string& data_dir,
                             const std::string& png_dir);

// The data files (data_dir/c<chart>s<series>.dat, "workers ms speedup cv"
// lines, each series with points) and data_dir/names (the drawn charts'
// names, one a line).
std::vector<PlotFile> RenderPlotData(const Plots& plots, const std::string& data_dir);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_PLOT_SCRIPT_H_
