#include "lib/report/chart.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace parbench::report {
namespace {

// The share of a linear axis's span left free beyond the outermost values,
// so that no point sits on an axis line.
constexpr double kLinearMargin = 0.05;
// The same on a log axis, in powers of two (a quarter of a doubling).
constexpr double kLogMargin = 0.25;
// About this many intervals between the ticks of a linear axis.
constexpr double kLinearTicks = 5;
// At most this many ticks on a log axis; beyond, every other power of two.
constexpr int kMaxLogTicks = 8;

// The round step (1, 2 or 5 × 10^k) nearest above `rough`.
double NiceStep(double rough) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  for (const double m : {1.0, 2.0, 5.0}) {
    if (m * magnitude >= rough) return m * magnitude;
  }
  return 10 * magnitude;
}

Axis LinearAxis(double lo, double hi, bool from_zero) {
  if (from_zero) lo = std::min(lo, 0.0);
  if (hi <= lo) hi = lo + std::max(1.0, std::fabs(lo));
  const double span = hi - lo;
  hi += kLinearMargin * span;
  if (!from_zero || lo < 0) lo -= kLinearMargin * span;
  const double step = NiceStep((hi - lo) / kLinearTicks);
  Axis axis;
  axis.scale = AxisScale::kLinear;
  const double first = std::floor(lo / step);
  const double last = std::ceil(hi / step);
  axis.min = first * step;
  axis.max = last * step;
  for (double k = first; k <= last; ++k) axis.ticks.push_back(k * step);
  return axis;
}

Axis LogAxis(double lo, double hi) {
  const double l = std::log2(lo) - kLogMargin;
  const double h = std::log2(hi) + kLogMargin;
  Axis axis;
  axis.scale = AxisScale::kLog2;
  axis.min = std::exp2(l);
  axis.max = std::exp2(h);
  const double first = std::ceil(l);
  const double last = std::floor(h);
  const double every = last - first + 1 > kMaxLogTicks ? 2 : 1;
  for (double k = first; k <= last; k += every) axis.ticks.push_back(std::exp2(k));
  return axis;
}

absl::Status CheckValue(const Chart& chart, const ChartSeries& s, double v, AxisScale scale,
                        const char* what) {
  if (!std::isfinite(v)) {
    return absl::InvalidArgumentError(
        absl::StrCat("chart ", chart.id, ", series ", s.name, ": ", what, " is not finite"));
  }
  if (scale == AxisScale::kLog2 && v <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("chart ", chart.id, ", series ", s.name, ": ",
                                                   what, " ", v, " on a log axis"));
  }
  return absl::OkStatus();
}

}  // namespace

double Axis::Fraction(double v) const {
  if (scale == AxisScale::kLog2) {
    return (std::log2(v) - std::log2(min)) / (std::log2(max) - std::log2(min));
  }
  return (v - min) / (max - min);
}

bool HasMarkers(SeriesStyle style) {
  return style == SeriesStyle::kMeasured || style == SeriesStyle::kReference;
}

absl::StatusOr<ChartFrame> FrameChart(const Chart& chart) {
  bool any = false;
  double x_lo = 0, x_hi = 0, y_lo = 0, y_hi = 0;
  for (const ChartSeries& s : chart.series) {
    for (const ChartPoint& p : s.points) {
      for (const auto& [v, scale, what] :
           {std::tuple{p.x, chart.x_scale, "x"}, std::tuple{p.y, chart.y_scale, "y"},
            std::tuple{p.y_low, chart.y_scale, "y_low"},
            std::tuple{p.y_high, chart.y_scale, "y_high"}}) {
        if (absl::Status st = CheckValue(chart, s, v, scale, what); !st.ok()) return st;
      }
      if (!(p.y_low <= p.y && p.y <= p.y_high)) {
        return absl::InvalidArgumentError(absl::StrCat("chart ", chart.id, ", series ", s.name,
                                                       ": y_low <= y <= y_high does not hold"));
      }
      if (s.style == SeriesStyle::kGuide) continue;  // drawn cut at the plot area
      x_lo = any ? std::min(x_lo, p.x) : p.x;
      x_hi = any ? std::max(x_hi, p.x) : p.x;
      y_lo = any ? std::min(y_lo, p.y_low) : p.y_low;
      y_hi = any ? std::max(y_hi, p.y_high) : p.y_high;
      any = true;
    }
  }
  if (!any) return absl::InvalidArgumentError(absl::StrCat("chart ", chart.id, " has no point"));
  ChartFrame frame;
  frame.x = chart.x_scale == AxisScale::kLog2 ? LogAxis(x_lo, x_hi) : LinearAxis(x_lo, x_hi, false);
  if (!chart.x_ticks.empty()) {
    frame.x.ticks.clear();
    for (const double t : chart.x_ticks) {
      if (std::isfinite(t) && t >= frame.x.min && t <= frame.x.max) frame.x.ticks.push_back(t);
    }
  }
  frame.y = chart.y_scale == AxisScale::kLog2 ? LogAxis(y_lo, y_hi)
                                              : LinearAxis(y_lo, y_hi, chart.y_from_zero);
  return frame;
}

std::string TickLabel(double v) {
  if (v == 0) return "0";  // never "-0"
  return absl::StrFormat("%.6g", v);
}

}  // namespace parbench::report
