// The chart model and its SVG: the frame's scales hold every point and
// error bar, the ticks are round, inside the domain and in order, bad
// values are refused, and the drawing has one legend entry per series, each
// with its points, every point inside the plot area.

// GCC 12's <regex>, inlined under the sanitizer builds' flags, warns
// -Wmaybe-uninitialized inside std::function (a known false positive of
// that release); this test uses <regex>, so the warning is off here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "lib/report/chart.h"

#include <cmath>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/report/svg_chart.h"

namespace parbench::report {
namespace {

ChartSeries Series(const std::string& name, std::vector<ChartPoint> points) {
  ChartSeries s;
  s.name = name;
  s.points = std::move(points);
  return s;
}

Chart SpeedupLike() {
  Chart c;
  c.id = "chart-cpu";
  c.title = "Cpu: speedup";
  c.x_label = "workers";
  c.y_label = "speedup (×)";
  c.x_scale = AxisScale::kLog2;
  c.y_from_zero = true;
  c.series.push_back(Series("Sequential", {{1, 1, 0.9, 1.05}}));
  c.series.push_back(Series(
      "ThreadPool warm",
      {{1, 0.98, 0.95, 1.0}, {2, 1.95, 1.6, 2.31}, {4, 1.9, 1.8, 1.97}, {10, 1.87, 1.7, 1.9}}));
  ChartSeries ceiling = Series("BareThreads (ceiling)", {{1, 1, 1, 1}, {2, 1.97, 1.9, 2}});
  ceiling.style = SeriesStyle::kReference;
  c.series.push_back(ceiling);
  return c;
}

void ExpectAxisHolds(const Axis& axis, double lo, double hi) {
  EXPECT_LT(axis.min, axis.max);
  EXPECT_LE(axis.min, lo);
  EXPECT_GE(axis.max, hi);
  EXPECT_GE(axis.Fraction(lo), 0);
  EXPECT_LE(axis.Fraction(hi), 1);
  ASSERT_GE(axis.ticks.size(), 2U);
  for (size_t i = 0; i < axis.ticks.size(); ++i) {
    EXPECT_GE(axis.ticks[i], axis.min - 1e-12);
    EXPECT_LE(axis.ticks[i], axis.max + 1e-12);
    if (i > 0) {
      EXPECT_LT(axis.ticks[i - 1], axis.ticks[i]);
    }
  }
}

TEST(FrameChart, ScalesHoldEveryPointAndErrorBar) {
  const Chart chart = SpeedupLike();
  absl::StatusOr<ChartFrame> frame = FrameChart(chart);
  ASSERT_TRUE(frame.ok()) << frame.status();
  for (const ChartSeries& s : chart.series) {
    for (const ChartPoint& p : s.points) {
      for (const double v : {p.x}) {
        EXPECT_GT(frame->x.Fraction(v), 0) << s.name << " x=" << v;
        EXPECT_LT(frame->x.Fraction(v), 1) << s.name << " x=" << v;
      }
      for (const double v : {p.y_low, p.y, p.y_high}) {
        EXPECT_GE(frame->y.Fraction(v), 0) << s.name << " y=" << v;
        EXPECT_LT(frame->y.Fraction(v), 1) << s.name << " y=" << v;
      }
    }
  }
  ExpectAxisHolds(frame->x, 1, 10);
  ExpectAxisHolds(frame->y, 0, 2.31);
  EXPECT_EQ(frame->y.min, 0);  // y_from_zero
}

TEST(FrameChart, LinearTicksAreRoundSteps) {
  Chart chart;
  chart.id = "c";
  chart.series.push_back(Series("a", {{0, 30, 30, 30}, {1, 47, 40, 52}}));
  absl::StatusOr<ChartFrame> frame = FrameChart(chart);
  ASSERT_TRUE(frame.ok()) << frame.status();
  ExpectAxisHolds(frame->y, 30, 52);
  const double step = frame->y.ticks[1] - frame->y.ticks[0];
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
  EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
              std::fabs(mantissa - 5) < 1e-9)
      << step;
  for (size_t i = 1; i < frame->y.ticks.size(); ++i) {
    EXPECT_NEAR(frame->y.ticks[i] - frame->y.ticks[i - 1], step, 1e-9 * step);
  }
  // Not asked to start at zero, it does not.
  EXPECT_GT(frame->y.min, 0);
  EXPECT_LE(frame->y.ticks.size(), 12U);
}

TEST(FrameChart, LogTicksArePowersOfTwoAndGivenTicksAreKept) {
  Chart chart = SpeedupLike();
  absl::StatusOr<ChartFrame> frame = FrameChart(chart);
  ASSERT_TRUE(frame.ok());
  EXPECT_EQ(frame->x.ticks, (std::vector<double>{1, 2, 4, 8}));
  chart.x_ticks = {1, 2, 4, 10, 1000};  // 1000 lies outside: dropped
  frame = FrameChart(chart);
  ASSERT_TRUE(frame.ok());
  EXPECT_EQ(frame->x.ticks, (std::vector<double>{1, 2, 4, 10}));
}

TEST(FrameChart, OnePointStillGetsADomain) {
  Chart chart;
  chart.id = "c";
  chart.y_from_zero = true;
  chart.series.push_back(Series("a", {{5, 0, 0, 0}}));
  absl::StatusOr<ChartFrame> frame = FrameChart(chart);
  ASSERT_TRUE(frame.ok()) << frame.status();
  ExpectAxisHolds(frame->x, 5, 5);
  ExpectAxisHolds(frame->y, 0, 0);
}

TEST(FrameChart, RefusesWhatCannotBeDrawn) {
  Chart empty;
  empty.id = "empty";
  empty.series.push_back(Series("a", {}));
  EXPECT_FALSE(FrameChart(empty).ok());

  Chart nan = SpeedupLike();
  nan.series[1].points[1].y = std::nan("");
  EXPECT_FALSE(FrameChart(nan).ok());

  Chart zero_on_log = SpeedupLike();
  zero_on_log.series[0].points[0].x = 0;
  const absl::StatusOr<ChartFrame> f = FrameChart(zero_on_log);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("Sequential"), std::string::npos) << f.status();

  Chart inverted = SpeedupLike();
  inverted.series[1].points[0].y_low = 2;  // above y
  EXPECT_FALSE(FrameChart(inverted).ok());
}

TEST(TickLabel, ShortAndPlain) {
  EXPECT_EQ(TickLabel(0), "0");
  EXPECT_EQ(TickLabel(-0.0), "0");
  EXPECT_EQ(TickLabel(0.5), "0.5");
  EXPECT_EQ(TickLabel(2), "2");
  EXPECT_EQ(TickLabel(1.25), "1.25");
  EXPECT_EQ(TickLabel(0.1 * 3), "0.3");
}

// The numbers of attribute `name` of every element matching `tag` in svg.
std::vector<double> Attributes(const std::string& svg, const std::string& tag,
                               const std::string& name) {
  std::vector<double> out;
  const std::regex element("<" + tag + "[^>]*\\s" + name + "=\"([-0-9.]+)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element);
       it != std::sregex_iterator(); ++it) {
    out.push_back(std::stod((*it)[1].str()));
  }
  return out;
}

TEST(RenderSvgChart, LegendMatchesSeriesAndPointsLieInsideThePlot) {
  const Chart chart = SpeedupLike();
  absl::StatusOr<std::string> svg = RenderSvgChart(chart);
  ASSERT_TRUE(svg.ok()) << svg.status();

  // The plot area.
  const double left = Attributes(*svg, "rect class=\"plot-area\"", "x").at(0);
  const double top = Attributes(*svg, "rect class=\"plot-area\"", "y").at(0);
  const double width = Attributes(*svg, "rect class=\"plot-area\"", "width").at(0);
  const double height = Attributes(*svg, "rect class=\"plot-area\"", "height").at(0);

  // Every series' group, with its points, before the legend.
  const size_t legend_at = svg->find("<g class=\"legend\">");
  ASSERT_NE(legend_at, std::string::npos);
  const std::string plot = svg->substr(0, legend_at);
  const std::string legend = svg->substr(legend_at);
  size_t total = 0;
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const std::string open = "data-series=\"" + std::to_string(i) + "\">";
    const size_t at = plot.find(open);
    ASSERT_NE(at, std::string::npos) << open;
    const std::string group = plot.substr(at, plot.find("</g><g class=\"series", at) - at);
    const std::vector<double> cx = Attributes(group, "circle class=\"point\"", "cx");
    const std::vector<double> cy = Attributes(group, "circle class=\"point\"", "cy");
    EXPECT_EQ(cx.size(), chart.series[i].points.size()) << chart.series[i].name;
    ASSERT_EQ(cx.size(), cy.size());
    for (size_t k = 0; k < cx.size(); ++k) {
      EXPECT_GT(cx[k], left);
      EXPECT_LT(cx[k], left + width);
      EXPECT_GT(cy[k], top);
      EXPECT_LT(cy[k], top + height);
    }
    total += cx.size();
    // Its legend entry, with its name.
    EXPECT_NE(legend.find("<g class=\"legend-entry\" data-series=\"" + std::to_string(i) + "\">"),
              std::string::npos);
    EXPECT_NE(legend.find(">" + chart.series[i].name + "</text>"), std::string::npos)
        << chart.series[i].name;
  }
  EXPECT_EQ(total, 7U);
  std::map<std::string, int> counts;
  for (const std::string what : {"<g class=\"legend-entry\"", "<g class=\"series "}) {
    for (size_t at = svg->find(what); at != std::string::npos; at = svg->find(what, at + 1)) {
      ++counts[what];
    }
  }
  EXPECT_EQ(counts["<g class=\"legend-entry\""], 3);
  EXPECT_EQ(counts["<g class=\"series "], 3);

  // Every error bar's ends inside the plot too.
  for (const std::string y : {"y1", "y2"}) {
    for (const double v : Attributes(plot, "line class=\"err\"", y)) {
      EXPECT_GE(v, top);
      EXPECT_LE(v, top + height);
    }
  }
  // Accessible: a title and a description the svg names.
  EXPECT_NE(svg->find("<title id=\"chart-cpu-title\">Cpu: speedup</title>"), std::string::npos);
  EXPECT_NE(svg->find("aria-labelledby=\"chart-cpu-title chart-cpu-desc\""), std::string::npos);
  EXPECT_NE(svg->find(">workers</text>"), std::string::npos);
  EXPECT_NE(svg->find(">speedup (×)</text>"), std::string::npos);
}

// The chart with a fitted curve over its band and the ideal line, a guide
// far above the measured speedups.
Chart WithFitAndGuide() {
  Chart c = SpeedupLike();
  ChartSeries fit = Series("ThreadPool warm: USL fit",
                           {{1, 1, 0.9, 1.1}, {2, 1.9, 1.7, 2.2}, {10, 1.8, 1.5, 2.6}});
  fit.style = SeriesStyle::kFit;
  fit.colour_of = 1;
  c.series.push_back(fit);
  ChartSeries ideal = Series("ideal", {{1, 1, 1, 1}, {2, 2, 2, 2}, {10, 10, 10, 10}});
  ideal.style = SeriesStyle::kGuide;
  c.series.push_back(ideal);
  return c;
}

TEST(FrameChart, BandsWidenTheFrameGuidesDoNot) {
  absl::StatusOr<ChartFrame> with = FrameChart(WithFitAndGuide());
  ASSERT_TRUE(with.ok()) << with.status();
  ExpectAxisHolds(with->y, 0, 2.6);  // the band's top
  EXPECT_LT(with->y.max, 10);        // not the ideal line's 10
  EXPECT_TRUE(HasMarkers(SeriesStyle::kMeasured));
  EXPECT_TRUE(HasMarkers(SeriesStyle::kReference));
  EXPECT_FALSE(HasMarkers(SeriesStyle::kFit));
  EXPECT_FALSE(HasMarkers(SeriesStyle::kGuide));
  // A guide's values are still checked.
  Chart bad = WithFitAndGuide();
  bad.series.back().points[0].y = std::nan("");
  EXPECT_FALSE(FrameChart(bad).ok());
}

TEST(RenderSvgChart, FitsHaveTheirBandAndGuidesAreCutAtThePlotArea) {
  const Chart chart = WithFitAndGuide();
  absl::StatusOr<std::string> svg = RenderSvgChart(chart);
  ASSERT_TRUE(svg.ok()) << svg.status();
  const size_t legend_at = svg->find("<g class=\"legend\">");
  ASSERT_NE(legend_at, std::string::npos);
  const std::string plot = svg->substr(0, legend_at);
  const double top = Attributes(*svg, "rect class=\"plot-area\"", "y").at(0);
  const double height = Attributes(*svg, "rect class=\"plot-area\"", "height").at(0);

  // The fit: a band (3 points up, 3 back) and a line, no markers, in its
  // measurements' colour, every vertex inside the plot area.
  const size_t fit_at = plot.find("<g class=\"series fit\" data-series=\"3\">");
  ASSERT_NE(fit_at, std::string::npos);
  const std::string fit = plot.substr(fit_at, plot.find("</g>", fit_at) - fit_at);
  EXPECT_EQ(fit.find("<circle"), std::string::npos);
  const std::smatch band = [&] {
    std::smatch m;
    std::regex_search(
        fit, m, std::regex("<polygon class=\"band\" fill=\"([^\"]+)\"[^>]*points=\"([^\"]+)\""));
    return m;
  }();
  ASSERT_EQ(band.size(), 3U);
  const std::string line1 = plot.substr(plot.find("data-series=\"1\""), 200);
  EXPECT_NE(line1.find(absl::StrCat("stroke=\"", band[1].str(), "\"")), std::string::npos)
      << "the fit takes series 1's colour";
  std::vector<std::pair<double, double>> vertices;
  const std::string pts = band[2].str();
  const std::regex pair("([-0-9.]+),([-0-9.]+)");
  for (auto it = std::sregex_iterator(pts.begin(), pts.end(), pair); it != std::sregex_iterator();
       ++it) {
    vertices.emplace_back(std::stod((*it)[1].str()), std::stod((*it)[2].str()));
  }
  ASSERT_EQ(vertices.size(), 6U);
  for (const auto& [x, y] : vertices) {
    EXPECT_GE(y, top);
    EXPECT_LE(y, top + height);
  }
  // The band's upper edge above (smaller y) its lower edge at each x.
  EXPECT_LT(vertices[0].second, vertices[5].second);
  EXPECT_LT(vertices[2].second, vertices[3].second);

  // The guide: cut by the chart's clip path, which is the plot area.
  EXPECT_NE(plot.find("<g class=\"series guide\" data-series=\"4\" "
                      "clip-path=\"url(#chart-cpu-clip)\">"),
            std::string::npos);
  EXPECT_NE(svg->find("<clipPath id=\"chart-cpu-clip\"><rect x=\"64.00\" y=\"16.00\""),
            std::string::npos);
  // Five legend entries; the fit's has a band swatch, neither has a marker.
  const std::string legend = svg->substr(legend_at);
  for (const int i : {3, 4}) {
    const size_t at =
        legend.find(absl::StrCat("<g class=\"legend-entry\" data-series=\"", i, "\">"));
    ASSERT_NE(at, std::string::npos);
    const std::string entry = legend.substr(at, legend.find("</g>", at) - at);
    EXPECT_EQ(entry.find("<circle"), std::string::npos);
    EXPECT_EQ(entry.find("legend-band") != std::string::npos, i == 3);
  }
}

TEST(RenderSvgChart, EscapesNames) {
  Chart chart = SpeedupLike();
  chart.series[0].name = "a<b & \"c\"";
  absl::StatusOr<std::string> svg = RenderSvgChart(chart);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->find("a<b"), std::string::npos);
  EXPECT_NE(svg->find("a&lt;b &amp; &quot;c&quot;"), std::string::npos);
}

}  // namespace
}  // namespace parbench::report
