// A chart (chart.h) drawn as inline SVG: the plot area, the axes with their
// ticks and labels, every series' points with error bars and their line,
// and the legend below the plot. Every point lies inside the plot area,
// because the frame's scales hold them all. The markup names its parts for
// readers and checkers alike: svg.chart, rect.plot-area, g.axis-x, g.axis-y,
// g.series[data-series=i] with circle.point, g.legend-entry[data-series=i].
#ifndef PARBENCH_LIB_REPORT_SVG_CHART_H_
#define PARBENCH_LIB_REPORT_SVG_CHART_H_

#include <string>

#include "absl/status/statusor.h"
#include "lib/report/chart.h"

namespace parbench::report {

// The chart's <svg> element, sized by its viewBox (it scales to the width
// of its container). InvalidArgument when the chart cannot be framed
// (FrameChart).
absl::StatusOr<std::string> RenderSvgChart(const Chart& chart);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_SVG_CHART_H_
