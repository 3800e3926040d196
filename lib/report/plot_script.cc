#include "lib/report/plot_script.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

// A number as awk writes it (CONVFMT "%.6g"; whole numbers whole).
std::string Num(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e16) return absl::StrFormat("%.0f", x);
  return absl::StrFormat("%.6g", x);
}

// A gnuplot single-quoted string.
std::string Q(const std::string& s) {
  return absl::StrCat("'", absl::StrReplaceAll(s, {{"'", "''"}}), "'");
}

// Distinct, print-safe colours; red is kept for the baseline.
constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd",
                                    "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
                                    "#bcbd22", "#393b79", "#e7969c", "#637939"};
constexpr size_t kColours = sizeof(kPalette) / sizeof(kPalette[0]);

// s: the series' index from 0.
std::string Colour(size_t s) { return kPalette[s % kColours]; }

std::string DataPath(const std::string& dir, size_t c, size_t s) {
  return absl::StrCat(dir, "/c", c + 1, "s", s + 1, ".dat");
}

std::string Legend(const PlotSeries& s) {
  std::string t = s.row;
  if (s.ceiling) absl::StrAppend(&t, " (ceiling)");
  if (!s.errors.empty()) {
    absl::StrAppend(&t, " [error at ");
    for (size_t i = 0; i < s.errors.size(); ++i) {
      absl::StrAppend(&t, i > 0 ? "," : "", s.errors[i]);
    }
    absl::StrAppend(&t, "]");
  }
  return t;
}

// How series s (index from 0) is drawn: with the spread as error bars; the
// ceiling a plain dashed black line.
std::string Style(const PlotSeries& series, size_t s) {
  if (series.ceiling) return "lines dt 2 lw 2 lc rgb \"#000000\"";
  return absl::StrCat("yerrorlines lw 2 pt ", 4 + 2 * (s % 4), " ps 1.2 lc rgb \"", Colour(s),
                      "\"");
}

std::string XTics(const PlotChart& c) {
  std::string s;
  for (size_t i = 0; i < c.tics.size(); ++i) {
    absl::StrAppend(&s, i > 0 ? ", " : "", "\"", c.tics[i].workers,
                    c.tics[i].oversubscribed ? "†" : "", "\" ", c.tics[i].workers);
  }
  return absl::StrCat("(", s, ")");
}

// Workers on the x axis, each count measured as a tic, the oversubscribed
// side marked by a grey band.
void XAxis(const PlotChart& c, std::string& out) {
  absl::StrAppend(&out, "set xrange [", Num(static_cast<double>(c.min_workers) / 1.25), ":",
                  Num(static_cast<double>(c.max_workers) * 1.25), "]\n");
  absl::StrAppend(&out, "set xtics ", XTics(c), "\n");
  absl::StrAppend(&out, "unset object 1; unset label 1\n");
  if (!c.oversubscribed_from) return;
  const double from = *c.oversubscribed_from;
  absl::StrAppend(&out, "set object 1 rect from ", Num(from),
                  ", graph 0 to graph 1, graph 1 behind fillcolor rgb \"#eeeeee\" fillstyle "
                  "solid noborder\n");
  absl::StrAppend(&out, "set label 1 \"† oversubscribed: more workers than usable CPUs\" at ",
                  Num(from * 1.05), ", graph 0.96 left textcolor rgb \"#666666\"\n");
}

// What the chart just drawn shows: its axes as gnuplot drew them in
// <kind>-<name>.axes, every curve's points with gnuplot's verdict in
// <kind>-<name>.table.
void RecordShown(const std::string& dir, const std::string& kind, const std::string& name,
                 std::string& out) {
  absl::StrAppend(&out, "set print ", Q(absl::StrCat(dir, "/", kind, "-", name, ".axes")), "\n");
  absl::StrAppend(&out, "print GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX\n");
  absl::StrAppend(&out, "unset print\n");
  absl::StrAppend(&out, "set table ", Q(absl::StrCat(dir, "/", kind, "-", name, ".table")), "\n");
  absl::StrAppend(&out, "replot\nunset table\n");
}

constexpr const char* kBaselineLine =
    " title \"Sequential\" with lines dt 4 lw 2 lc rgb \"#d62728\"";

void Speedup(const PlotChart& c, size_t ci, const std::string& dir, const std::string& png,
             std::string& out) {
  absl::StrAppend(&out, "set output ", Q(absl::StrCat(png, "/speedup-", c.name, ".png")), "\n");
  absl::StrAppend(&out, "set title ", Q(absl::StrCat("Speedup over Sequential: ", c.subject)),
                  "\n");
  absl::StrAppend(&out, "unset logscale\nset logscale x 2\n");
  absl::StrAppend(&out, "set ylabel \"speedup (Sequential time / time)\"\n");
  XAxis(c, out);
  absl::StrAppend(&out, "set ytics auto\n");
  // Scaled to the measured speedups, not the ideal line (computed here:
  // gnuplot's `stats` would read the data through the previous chart's
  // ranges).
  absl::StrAppend(&out, "set yrange [0:", Num(c.SpeedupTop() * 1.25), "]\n");
  std::string line =
      "plot x title \"ideal (speedup = workers)\" with lines dt 3 lw 1 lc rgb \"#888888\"";
  if (c.baseline_ms) absl::StrAppend(&line, ", 1", kBaselineLine);
  for (size_t s = 0; s < c.series.size(); ++s) {
    const PlotSeries& series = c.series[s];
    if (series.baseline) continue;
    if (series.points.empty()) {
      if (!series.errors.empty()) absl::StrAppend(&out, "# ", Legend(series), " has no data\n");
      continue;
    }
    absl::StrAppend(&line, ", ", Q(DataPath(dir, ci, s)), " using ",
                    series.ceiling ? "1:3" : "1:3:($3*$4)", " title ", Q(Legend(series)), " with ",
                    Style(series, s));
    if (series.fit) {
      absl::StrAppend(&line, ", ",
                      absl::StrFormat("%.6g * x / (1 + %.6g * (x - 1) + %.6g * x * (x - 1))",
                                      series.fit->scale, series.fit->sigma, series.fit->kappa),
                      " title ", Q(absl::StrCat(series.row, " (USL fit)")),
                      " with lines dt 2 lw 1 lc rgb \"", Colour(s), "\"");
    }
  }
  absl::StrAppend(&out, line, "\n");
  RecordShown(dir, "speedup", c.name, out);
}

void Time(const PlotChart& c, size_t ci, const std::string& dir, const std::string& png,
          std::string& out) {
  absl::StrAppend(&out, "set output ", Q(absl::StrCat(png, "/time-", c.name, ".png")), "\n");
  absl::StrAppend(&out, "set title ", Q(absl::StrCat("Median wall time: ", c.subject)), "\n");
  absl::StrAppend(&out, "set logscale xy\nset logscale x 2\n");
  absl::StrAppend(&out, "set ylabel \"median wall time (log scale)\"\n");
  XAxis(c, out);
  const double lo = c.time_min / 1.3, hi = c.time_max * 1.3;
  absl::StrAppend(&out, "set yrange [", Num(lo), ":", Num(hi), "]\n");
  std::string tics;
  for (const double v : TimeTics(lo, hi)) {
    absl::StrAppend(&tics, tics.empty() ? "" : ", ", "\"", FormatTime(v * 1e6, TimeStyle::kShort),
                    "\" ", Num(v));
  }
  absl::StrAppend(&out, "set ytics (", tics, ")\n");
  std::string line = "plot ";
  std::string sep;
  if (c.baseline_ms) {
    absl::StrAppend(&line, Num(*c.baseline_ms), kBaselineLine);
    sep = ", ";
  }
  for (size_t s = 0; s < c.series.size(); ++s) {
    const PlotSeries& series = c.series[s];
    if (series.baseline || series.points.empty()) continue;
    absl::StrAppend(&line, sep, Q(DataPath(dir, ci, s)), " using ",
                    series.ceiling ? "1:2" : "1:2:($2*$4)", " title ", Q(Legend(series)), " with ",
                    Style(series, s));
    sep = ", ";
  }
  if (sep.empty()) return;
  absl::StrAppend(&out, line, "\n");
  RecordShown(dir, "time", c.name, out);
}

}  // namespace

std::string RenderPlotScript(const Plots& plots, const std::string& data_dir,
                             const std::string& png_dir) {
  std::string out =
      "set terminal pngcairo size 960,600 font \"sans,11\" noenhanced\n"
      "set key outside right top\nset grid\nset xlabel \"workers\"\n";
  for (size_t ci = 0; ci < plots.charts.size(); ++ci) {
    const PlotChart& c = plots.charts[ci];
    if (!c.drawn) continue;
    if (c.speedup_max) Speedup(c, ci, data_dir, png_dir, out);
    Time(c, ci, data_dir, png_dir, out);
    absl::StrAppend(&out, "set output\n");
  }
  return out;
}

std::vector<PlotFile> RenderPlotData(const Plots& plots, const std::string& data_dir) {
  std::vector<PlotFile> files;
  std::string names;
  for (size_t ci = 0; ci < plots.charts.size(); ++ci) {
    const PlotChart& c = plots.charts[ci];
    for (size_t s = 0; s < c.series.size(); ++s) {
      if (c.series[s].points.empty()) continue;
      std::string text;
      for (const PlotPoint& p : c.series[s].points) {
        absl::StrAppend(&text, p.workers, " ", Num(p.ms), " ",
                        p.speedup ? absl::StrFormat("%.4g", *p.speedup) : "NaN", " ",
                        absl::StrFormat("%.4g", p.cv), "\n");
      }
      files.push_back(PlotFile{DataPath(data_dir, ci, s), std::move(text)});
    }
    if (c.drawn) absl::StrAppend(&names, c.name, "\n");
  }
  files.push_back(PlotFile{absl::StrCat(data_dir, "/names"), std::move(names)});
  return files;
}

}  // namespace parbench::report
