// A chart as plain data (series of points with error bars) and its frame:
// the axes' scales and ticks, computed so that every point and every error
// bar lies inside them. svg_chart.h draws a chart in its frame; nothing here
// knows about benchmarks or SVG.
#ifndef PARBENCH_LIB_REPORT_CHART_H_
#define PARBENCH_LIB_REPORT_CHART_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace parbench::report {

// One plotted value: y with its spread [y_low, y_high] (equal to y when
// there is no spread).
struct ChartPoint {
  double x = 0;
  double y = 0;
  double y_low = 0;
  double y_high = 0;
};

// How a series is drawn: measured points joined by a line; a reference
// (the ceiling) drawn as a dashed line through its points; a fitted curve,
// a line through its points without markers over the band [y_low, y_high]
// (its interval); a guide (speedup = workers), a thin line without markers
// that does not widen the frame and is cut at the plot area's edges.
enum class SeriesStyle { kMeasured, kReference, kFit, kGuide };

// Whether a series' points are drawn as markers (kMeasured, kReference).
bool HasMarkers(SeriesStyle style);

// One legend entry and its points, in x order.
struct ChartSeries {
  std::string name;
  SeriesStyle style = SeriesStyle::kMeasured;
  bool dashed = false;  // a second family of series (another language)
  // The series whose colour this one takes (a fit takes its measurements');
  // absent: its own.
  std::optional<size_t> colour_of;
  std::vector<ChartPoint> points;
};

enum class AxisScale { kLinear, kLog2 };

struct Chart {
  std::string id;  // unique on its page: letters, digits and '-'
  std::string title;
  std::string x_label;
  std::string y_label;
  AxisScale x_scale = AxisScale::kLinear;
  AxisScale y_scale = AxisScale::kLinear;
  bool y_from_zero = false;  // the y axis starts at 0 (a linear axis)
  // The x axis's ticks when the values themselves are the ticks (worker
  // counts); empty: round ticks. Those outside the domain are dropped.
  std::vector<double> x_ticks;
  std::vector<ChartSeries> series;
};

// One axis: its domain [min, max] and its ticks, all inside the domain.
struct Axis {
  AxisScale scale = AxisScale::kLinear;
  double min = 0;
  double max = 1;
  std::vector<double> ticks;

  // Where v falls on the axis: 0 at min, 1 at max.
  double Fraction(double v) const;
};

struct ChartFrame {
  Axis x;
  Axis y;
};

// The frame of `chart`: domains holding every x, and every y with its error
// bar (or band) of every series but the guides, with a margin, and round ticks (1, 2, 5 × 10^k on a
// linear axis, powers of two on a log axis; chart.x_ticks when given). InvalidArgument when the
// chart has no point, a value is not finite, a log axis has a value <= 0, or y_low <= y <= y_high
// does not hold.
absl::StatusOr<ChartFrame> FrameChart(const Chart& chart);

// A tick's label: "0.5", "2", "1.25", "1000" (no trailing zeros).
std::string TickLabel(double v);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_CHART_H_
