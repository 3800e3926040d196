#include "lib/report/svg_chart.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/report/chart.h"
#include "lib/report/markup.h"

namespace parbench::report {
namespace {

// The drawing's size in SVG units: the plot area and the room around it for
// the ticks' labels, the axes' labels and the legend.
constexpr double kWidth = 720;
constexpr double kPlotLeft = 64;
constexpr double kPlotRight = 700;
constexpr double kPlotTop = 16;
constexpr double kPlotHeight = 300;
constexpr double kPlotBottom = kPlotTop + kPlotHeight;
constexpr double kLegendTop = kPlotBottom + 64;
constexpr double kLegendRow = 20;
constexpr int kLegendColumns = 2;
constexpr double kPointRadius = 3.5;
constexpr double kErrorCap = 4;

// Colours told apart by readers with the common colour blindnesses first
// (Okabe and Ito), then darker ones; a series past the last starts again.
constexpr std::array<const char*, 12> kPalette = {"#0072b2", "#e69f00", "#009e73", "#d55e00",
                                                  "#cc79a7", "#56b4e9", "#8c6d1f", "#332288",
                                                  "#7f7f7f", "#b2182b", "#4d9221", "#882255"};
constexpr const char* kReferenceColour = "#000000";
constexpr const char* kGuideColour = "#8a8a8a";

const char* Colour(const Chart& chart, size_t i) {
  const ChartSeries& s = chart.series[i];
  if (s.style == SeriesStyle::kReference) return kReferenceColour;
  if (s.style == SeriesStyle::kGuide) return kGuideColour;
  const size_t c = s.colour_of && *s.colour_of < chart.series.size() ? *s.colour_of : i;
  return kPalette[c % kPalette.size()];
}

double X(const ChartFrame& f, double x) {
  return kPlotLeft + f.x.Fraction(x) * (kPlotRight - kPlotLeft);
}
double Y(const ChartFrame& f, double y) { return kPlotBottom - f.y.Fraction(y) * kPlotHeight; }

std::string Line(double x1, double y1, double x2, double y2, absl::string_view cls) {
  return absl::StrCat("<line class=\"", cls, "\" x1=\"", Coordinate(x1), "\" y1=\"", Coordinate(y1),
                      "\" x2=\"", Coordinate(x2), "\" y2=\"", Coordinate(y2), "\"/>");
}

std::string Text(double x, double y, absl::string_view anchor, absl::string_view cls,
                 absl::string_view text) {
  return absl::StrCat("<text class=\"", cls, "\" x=\"", Coordinate(x), "\" y=\"", Coordinate(y),
                      "\" text-anchor=\"", anchor, "\">", EscapeMarkup(text), "</text>");
}

// A series' stroke and the dash of its line.
std::string Stroke(const ChartSeries& s, const char* colour) {
  const bool dashed = s.dashed || s.style == SeriesStyle::kReference;
  const char* dash = s.style == SeriesStyle::kGuide ? " stroke-dasharray=\"2 3\""
                     : s.style == SeriesStyle::kFit ? " stroke-dasharray=\"10 3 2 3\""
                     : dashed                       ? " stroke-dasharray=\"6 4\""
                                                    : "";
  return absl::StrCat("stroke=\"", colour, "\"", dash);
}

std::string Marker(double x, double y, const ChartSeries& s, const char* colour,
                   absl::string_view title) {
  return absl::StrCat("<circle class=\"point\" cx=\"", Coordinate(x), "\" cy=\"", Coordinate(y),
                      "\" r=\"", Coordinate(kPointRadius), "\" stroke=\"", colour, "\" fill=\"",
                      s.dashed ? "#ffffff" : colour, "\">", title.empty() ? "" : "<title>",
                      EscapeMarkup(title), title.empty() ? "" : "</title>", "</circle>");
}

std::string Axes(const Chart& chart, const ChartFrame& f) {
  std::string out = "<g class=\"axis axis-x\">";
  absl::StrAppend(&out, Line(kPlotLeft, kPlotBottom, kPlotRight, kPlotBottom, "axis-line"));
  for (const double t : f.x.ticks) {
    const double x = X(f, t);
    absl::StrAppend(&out, "<g class=\"tick\">",
                    Line(x, kPlotBottom, x, kPlotBottom + 5, "tick-mark"),
                    Text(x, kPlotBottom + 20, "middle", "tick-label", TickLabel(t)), "</g>");
  }
  absl::StrAppend(
      &out,
      Text((kPlotLeft + kPlotRight) / 2, kPlotBottom + 44, "middle", "axis-label", chart.x_label),
      "</g><g class=\"axis axis-y\">",
      Line(kPlotLeft, kPlotTop, kPlotLeft, kPlotBottom, "axis-line"));
  for (const double t : f.y.ticks) {
    const double y = Y(f, t);
    absl::StrAppend(&out, "<g class=\"tick\">", Line(kPlotLeft, y, kPlotRight, y, "grid"),
                    Line(kPlotLeft - 5, y, kPlotLeft, y, "tick-mark"),
                    Text(kPlotLeft - 8, y + 4, "end", "tick-label", TickLabel(t)), "</g>");
  }
  const double mid = (kPlotTop + kPlotBottom) / 2;
  absl::StrAppend(&out, "<text class=\"axis-label\" x=\"0\" y=\"0\" text-anchor=\"middle\" ",
                  "transform=\"translate(16 ", Coordinate(mid), ") rotate(-90)\">",
                  EscapeMarkup(chart.y_label), "</text></g>");
  return out;
}

// The kind of a series as its markup names it (g.series.<kind>).
const char* Kind(SeriesStyle style) {
  switch (style) {
    case SeriesStyle::kMeasured:
      return "measured";
    case SeriesStyle::kReference:
      return "reference";
    case SeriesStyle::kFit:
      return "fit";
    case SeriesStyle::kGuide:
      return "guide";
  }
  return "measured";
}

std::string Series(const Chart& chart, const ChartFrame& f, size_t i) {
  const ChartSeries& s = chart.series[i];
  const char* colour = Colour(chart, i);
  std::string out =
      absl::StrCat("<g class=\"series ", Kind(s.style), "\" data-series=\"", i, "\"",
                   s.style == SeriesStyle::kGuide
                       ? absl::StrCat(" clip-path=\"url(#", EscapeMarkup(chart.id), "-clip)\"")
                       : "",
                   ">");
  std::vector<std::string> vertices;
  for (const ChartPoint& p : s.points) {
    vertices.push_back(absl::StrCat(Coordinate(X(f, p.x)), ",", Coordinate(Y(f, p.y))));
  }
  if (s.style == SeriesStyle::kFit) {
    // The band: along the upper bound, back along the lower.
    std::vector<std::string> band;
    for (const ChartPoint& p : s.points) {
      band.push_back(absl::StrCat(Coordinate(X(f, p.x)), ",", Coordinate(Y(f, p.y_high))));
    }
    for (auto p = s.points.rbegin(); p != s.points.rend(); ++p) {
      band.push_back(absl::StrCat(Coordinate(X(f, p->x)), ",", Coordinate(Y(f, p->y_low))));
    }
    absl::StrAppend(&out, "<polygon class=\"band\" fill=\"", colour,
                    "\" fill-opacity=\"0.15\" stroke=\"none\" points=\"", absl::StrJoin(band, " "),
                    "\"/>");
  }
  absl::StrAppend(&out, "<polyline class=\"line\" fill=\"none\" ", Stroke(s, colour), " points=\"",
                  absl::StrJoin(vertices, " "), "\"/>");
  if (!HasMarkers(s.style)) return absl::StrCat(out, "</g>");
  for (const ChartPoint& p : s.points) {
    const double x = X(f, p.x);
    if (p.y_high > p.y_low) {
      const double lo = Y(f, p.y_low);
      const double hi = Y(f, p.y_high);
      absl::StrAppend(&out, "<g class=\"error-bar\" stroke=\"", colour, "\">",
                      Line(x, lo, x, hi, "err"),
                      Line(x - kErrorCap, lo, x + kErrorCap, lo, "err-cap"),
                      Line(x - kErrorCap, hi, x + kErrorCap, hi, "err-cap"), "</g>");
    }
    const std::string title = absl::StrCat(
        s.name, ": ", TickLabel(p.x), " → ", TickLabel(p.y),
        p.y_high > p.y_low ? absl::StrCat(" (", TickLabel(p.y_low), "–", TickLabel(p.y_high), ")")
                           : "");
    absl::StrAppend(&out, Marker(x, Y(f, p.y), s, colour, title));
  }
  absl::StrAppend(&out, "</g>");
  return out;
}

std::string Legend(const Chart& chart) {
  std::string out = "<g class=\"legend\">";
  const double column_width = (kPlotRight - kPlotLeft) / kLegendColumns;
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const ChartSeries& s = chart.series[i];
    const size_t row = i / kLegendColumns;  // whole rows: integer division meant
    const size_t column = i % kLegendColumns;
    const double x = kPlotLeft + static_cast<double>(column) * column_width;
    const double y = kLegendTop + static_cast<double>(row) * kLegendRow;
    const char* colour = Colour(chart, i);
    absl::StrAppend(&out, "<g class=\"legend-entry\" data-series=\"", i, "\">");
    if (s.style == SeriesStyle::kFit) {
      absl::StrAppend(&out, "<rect class=\"legend-band\" x=\"", Coordinate(x), "\" y=\"",
                      Coordinate(y - 9), "\" width=\"24\" height=\"10\" fill=\"", colour,
                      "\" fill-opacity=\"0.15\"/>");
    }
    absl::StrAppend(&out, "<line class=\"legend-line\" x1=\"", Coordinate(x), "\" y1=\"",
                    Coordinate(y - 4), "\" x2=\"", Coordinate(x + 24), "\" y2=\"",
                    Coordinate(y - 4), "\" ", Stroke(s, colour), "/>",
                    HasMarkers(s.style) ? Marker(x + 12, y - 4, s, colour, "") : "",
                    Text(x + 30, y, "start", "legend-label", s.name), "</g>");
  }
  absl::StrAppend(&out, "</g>");
  return out;
}

}  // namespace

absl::StatusOr<std::string> RenderSvgChart(const Chart& chart) {
  absl::StatusOr<ChartFrame> frame = FrameChart(chart);
  if (!frame.ok()) return frame.status();
  const size_t rows = (chart.series.size() + kLegendColumns - 1) / kLegendColumns;
  const double height = kLegendTop + static_cast<double>(rows) * kLegendRow;
  const std::string id = EscapeMarkup(chart.id);
  std::string out = absl::StrCat(
      "<svg class=\"chart\" id=\"", id, "\" viewBox=\"0 0 ", Coordinate(kWidth), " ",
      Coordinate(height), "\" role=\"img\" aria-labelledby=\"", id, "-title ", id, "-desc\">",
      "<title id=\"", id, "-title\">", EscapeMarkup(chart.title), "</title><desc id=\"", id,
      "-desc\">", EscapeMarkup(chart.y_label), " against ", EscapeMarkup(chart.x_label), ", ",
      chart.series.size(), " series; the table below the chart gives every value.</desc>",
      "<rect class=\"plot-area\" x=\"", Coordinate(kPlotLeft), "\" y=\"", Coordinate(kPlotTop),
      "\" width=\"", Coordinate(kPlotRight - kPlotLeft), "\" height=\"", Coordinate(kPlotHeight),
      "\" fill=\"none\"/><clipPath id=\"", id, "-clip\"><rect x=\"", Coordinate(kPlotLeft),
      "\" y=\"", Coordinate(kPlotTop), "\" width=\"", Coordinate(kPlotRight - kPlotLeft),
      "\" height=\"", Coordinate(kPlotHeight), "\"/></clipPath>", Axes(chart, *frame));
  for (size_t i = 0; i < chart.series.size(); ++i) absl::StrAppend(&out, Series(chart, *frame, i));
  absl::StrAppend(&out, Legend(chart), "</svg>");
  return out;
}

}  // namespace parbench::report
