#include "lib/report/history_charts.h"

#include <cstddef>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "lib/report/order_key.h"

namespace parbench::report {
namespace {

constexpr absl::string_view kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                          "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
                                          "#393b79", "#e7969c", "#637939"};

// s as a gnuplot string: single quotes, a quote inside doubled.
std::string Quoted(absl::string_view s) {
  std::string q = "'";
  for (const char c : s) {
    q += c;
    if (c == '\'') q += '\'';
  }
  return q + "'";
}

// s as a file-name part: each run of other characters one "_".
std::string Safe(absl::string_view s) {
  std::string out;
  bool run = false;
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (ok) {
      out += c;
    } else if (!run) {
      out += '_';
    }
    run = !ok;
  }
  return out;
}

// A benchmark's family: its name's first component.
absl::string_view Family(absl::string_view name) { return name.substr(0, name.find('/')); }

// A series' title in its chart: the name without its family and without
// "/real_time".
std::string Legend(absl::string_view name) {
  const size_t slash = name.find('/');
  if (slash != absl::string_view::npos) name.remove_prefix(slash + 1);
  absl::ConsumeSuffix(&name, "/real_time");
  return std::string(name);
}

struct Chart {
  std::string fingerprint;
  std::string family;
  std::vector<size_t> series;
  bool have_range = false;
  double lo = 0, hi = 0;  // the smallest and largest time drawn
};

}  // namespace

// One chart per machine and family: x the machine's runs in order (labelled
// by revision), y the median time (log scale when the times span more than
// a factor of 20) with the repetitions' range as error bars; a dashed line,
// in the series' colour, before each change point.
HistoryCharts RenderHistoryCharts(const HistoryReport& report, absl::string_view plot_dir) {
  const History& h = *report.history;
  const bool several = report.machines.size() > 1;
  HistoryCharts out;
  out.script =
      "set terminal pngcairo size 1280,720 font \"sans,10\" noenhanced\n"
      "set key outside right top\n"
      "set grid\n"
      "set autoscale yfix\n"
      "set offsets 0, 0, graph 0.05, graph 0.05\n"
      "set xlabel \"revision, in the order added\"\n";
  std::vector<Chart> charts;
  absl::flat_hash_map<std::pair<std::string, std::string>, size_t> chart_of;
  for (size_t s = 0; s < report.series.size(); ++s) {
    const HistorySeries& series = report.series[s];
    const std::string family(Family(series.benchmark));
    const auto [it, added] = chart_of.try_emplace({series.fingerprint, family}, charts.size());
    if (added) {
      charts.emplace_back();
      charts.back().fingerprint = series.fingerprint;
      charts.back().family = family;
    }
    Chart& chart = charts[it->second];
    chart.series.push_back(s);
    std::string data;
    for (const SeriesPoint& p : series.points) {
      const HistoryRow& row = *p.row;
      const double lo = row.min_ns.value.value_or(row.median_ns);
      const double hi = row.max_ns.value.value_or(row.median_ns);
      if (!chart.have_range || lo < chart.lo) chart.lo = lo;
      if (!chart.have_range || hi > chart.hi) chart.hi = hi;
      chart.have_range = true;
      absl::StrAppendFormat(&data, "%d %.10g %.10g %.10g\n", report.position[row.run],
                            row.median_ns / 1e6, lo / 1e6, hi / 1e6);
    }
    out.data.emplace_back(absl::StrCat("s", s + 1, ".dat"), std::move(data));
  }
  // Each machine's runs shown, in order: the x axis' labels.
  absl::flat_hash_map<std::string, std::vector<size_t>> runs_of;
  for (size_t r = 0; r < h.runs.size(); ++r) {
    if (report.position[r] > 0) runs_of[h.runs[r].fingerprint].push_back(r);
  }
  for (const Chart& chart : charts) {
    const std::string png =
        absl::StrCat("trend-", several ? chart.fingerprint + "-" : "", Safe(chart.family), ".png");
    out.pngs.push_back(png);
    std::string& gp = out.script;
    absl::StrAppend(&gp, "set output ", Quoted(absl::StrCat(plot_dir, "/png/", png)), "\n");
    absl::StrAppend(&gp, "set title ",
                    Quoted(absl::StrCat(chart.family, ": time per run",
                                        several ? ", machine " + chart.fingerprint : "")),
                    "\n");
    absl::StrAppend(&gp, "unset arrow\n");
    if (chart.lo > 0 && chart.hi / chart.lo > 20) {
      absl::StrAppend(&gp, "set logscale y\n",
                      "set ylabel \"time (ms, log scale): median, and min to max of the "
                      "repetitions\"\n");
    } else {
      absl::StrAppend(&gp, "unset logscale y\n",
                      "set ylabel \"time (ms): median, and min to max of the repetitions\"\n");
    }
    const std::vector<size_t>& runs = runs_of[chart.fingerprint];
    const int n = static_cast<int>(runs.size());
    absl::StrAppendFormat(&gp, "set xrange [0.5:%.6g]\n", n + 0.5);
    const int step = (n + 29) / 30;
    std::vector<std::string> tics;
    for (int i = 1; i <= n; i += step) {
      tics.push_back(absl::StrCat(
          Quoted(absl::string_view(h.runs[runs[static_cast<size_t>(i - 1)]].rev).substr(0, 12)),
          " ", i));
    }
    absl::StrAppend(&gp, "set xtics rotate by 45 right (", absl::StrJoin(tics, ", "), ")\n");
    // The legend in name order, numbers numeric.
    std::vector<std::string> keys;
    for (const size_t s : chart.series) keys.push_back(PadNumbers(report.series[s].benchmark));
    const std::vector<size_t> order = SortedIndexes(keys);
    std::string plot = "plot ";
    for (size_t j = 0; j < order.size(); ++j) {
      const size_t s = chart.series[order[j]];
      const HistorySeries& series = report.series[s];
      const absl::string_view colour = kPalette[j % std::size(kPalette)];
      for (const SeriesPoint& p : series.points) {
        if (!p.step) continue;
        const double x = report.position[p.row->run] - 0.5;
        absl::StrAppendFormat(&gp,
                              "set arrow from %g, graph 0 to %g, graph 1 nohead dt 2 lw 1.5 lc "
                              "rgb \"%s\"\n",
                              x, x, colour);
      }
      absl::StrAppend(&plot, j > 0 ? ", " : "", Quoted(absl::StrCat(plot_dir, "/s", s + 1, ".dat")),
                      " using 1:2:3:4 with yerrorlines lw 1.5 pt 7 ps 0.6 lc rgb \"", colour,
                      "\" title ", Quoted(Legend(series.benchmark)));
    }
    absl::StrAppend(&gp, plot, "\nset output\n");
  }
  return out;
}

}  // namespace parbench::report
