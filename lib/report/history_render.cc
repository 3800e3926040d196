#include "lib/report/history_render.h"

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
#include "lib/report/csv.h"
#include "lib/report/order_key.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

std::string Percent(double x) { return absl::StrFormat("%+.1f %%", 100 * x); }
absl::string_view Direction(double x) { return x > 0 ? "slower" : "faster"; }
std::string PValue(double p) {
  return p < 0.001 ? absl::StrFormat("%.1e", p) : absl::StrFormat("%.3f", p);
}
std::string Time(double ns) { return FormatTime(ns, TimeStyle::kSig3); }

bool IsLowerHex(absl::string_view s) {
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// A run as the summary names it; a full commit hash is shortened to 12.
std::string RunRef(const HistoryReport& report, size_t r) {
  const HistoryRun& run = report.history->runs[r];
  absl::string_view rev = run.rev;
  if (rev.size() == 40 && IsLowerHex(rev)) rev = rev.substr(0, 12);
  return absl::StrCat("rev ", rev, " (run ", run.number, ", ",
                      absl::string_view(run.date).substr(0, 10), ")");
}

const HistoryRow& Row(const HistoryReport& report, size_t series, size_t point) {
  return *report.series[series].points[point].row;
}

void AppendMachines(const HistoryReport& report, std::string& out) {
  const History& h = *report.history;
  absl::StrAppend(&out, "## Machines\n\n");
  for (const HistoryMachine& m : report.machines) {
    const std::string& machine = h.runs[m.first].machine;
    absl::StrAppendFormat(&out, "- %s: %d %s, from %s to %s: %s\n", m.fingerprint, m.runs,
                          m.runs == 1 ? "run" : "runs", RunRef(report, m.first),
                          RunRef(report, m.last), machine.empty() ? "(nothing known)" : machine);
  }
  absl::StrAppend(&out, "\n");
  for (const MachineChange& c : report.machine_changes) {
    std::vector<std::string> parts;
    for (const MachineDifference& d : c.differences) {
      parts.push_back(absl::StrCat(d.key, " ", d.before, " → ", d.after));
    }
    absl::StrAppendFormat(
        &out,
        "The machine changed at %s: %s → %s (%s). Its series start afresh; no run is compared "
        "across machines.\n\n",
        RunRef(report, c.run), h.runs[c.previous].fingerprint, h.runs[c.run].fingerprint,
        parts.empty() ? "the same description" : absl::StrJoin(parts, "; "));
  }
  if (report.machine_changes.empty() && report.machines.size() == 1) {
    absl::StrAppend(&out, "One machine throughout.\n\n");
  }
}

void AppendNewest(const HistoryReport& report, const std::vector<size_t>& order, std::string& out) {
  const History& h = *report.history;
  const size_t newest = h.runs.size() - 1;
  const std::string& fp = h.runs[newest].fingerprint;
  const HistoryOptions& o = report.options;
  int newest_machine_runs = 0;
  for (const HistoryMachine& m : report.machines) {
    if (m.fingerprint == fp) newest_machine_runs = m.runs;
  }
  absl::StrAppend(&out, "## The newest run\n\n");
  if (!o.fingerprint.empty() && fp != o.fingerprint) {
    absl::StrAppendFormat(&out, "The newest run, %s, is of machine %s, not %s.\n\n",
                          RunRef(report, newest), fp, o.fingerprint);
  } else if (newest_machine_runs == 1) {
    absl::StrAppendFormat(
        &out, "The newest run, %s, is the first of machine %s: nothing to compare it with yet.\n\n",
        RunRef(report, newest), fp);
  } else if (report.new_slowdowns == 0) {
    absl::StrAppendFormat(&out,
                          "The newest run, %s, starts no slowdown beyond %s %%: no change point "
                          "to slower appears with it.\n\n",
                          RunRef(report, newest), o.threshold);
  } else {
    absl::StrAppendFormat(
        &out,
        "The newest run, %s, starts %d %s: with it, the history shows a change point to slower "
        "that it did not show without it (the step itself may be a few runs older: a step needs "
        "%d runs after it to be told from a busy machine).\n\n",
        RunRef(report, newest), report.new_slowdowns,
        report.new_slowdowns == 1 ? "slowdown" : "slowdowns", o.min_runs);
  }
  for (const size_t c : order) {
    const HistoryStep& step = report.steps[c];
    if (!step.new_with_newest) continue;
    absl::StrAppendFormat(&out, "%s: %s (slower) from %s\n\n", report.series[step.series].benchmark,
                          Percent(step.change),
                          RunRef(report, Row(report, step.series, step.point).run));
  }
  if (!report.unconfirmed.empty()) {
    absl::StrAppend(&out,
                    "Unconfirmed, the newest run alone (no exit status: one run can be a busy "
                    "moment of the machine):\n\n");
  }
  for (const Unconfirmed& w : report.unconfirmed) {
    const HistorySeries& s = report.series[w.series];
    absl::StrAppendFormat(
        &out,
        "%s: %s in the newest run against the median of the %d runs since the last change point "
        "(%s → %s), three quarters of its repetitions more than %s %% above every one of them\n\n",
        s.benchmark, Percent(w.change), w.runs, Time(w.before),
        Time(s.points.back().row->median_ns), o.threshold);
  }
}

}  // namespace

std::string RenderHistorySummary(const HistoryReport& report) {
  const History& h = *report.history;
  const HistoryOptions& o = report.options;
  std::string out = "# Benchmark history\n\n";
  if (h.runs.empty()) return out + "The history holds no run yet.\n";
  const size_t newest = h.runs.size() - 1;
  const size_t machines = report.machines.size();
  absl::StrAppendFormat(&out, "%d %s, %d benchmarks, %d %s. The newest: %s, machine %s.\n\n",
                        report.runs_shown, report.runs_shown == 1 ? "run" : "runs",
                        report.benchmarks, machines, machines == 1 ? "machine" : "machines",
                        RunRef(report, newest), h.runs[newest].fingerprint);
  absl::StrAppendFormat(
      &out,
      "A change point is a step of more than %s %% between the medians of two segments of at "
      "least %d runs, each run one sample (the median of its repetitions), significant by a "
      "two-sided Mann-Whitney U test at p < %s divided by the number of splits tried in the "
      "stretch of runs searched. Runs of different machines are never compared.\n\n",
      o.threshold, o.min_runs, o.alpha);
  absl::StrAppend(&out, "## Change points, biggest first\n\n");
  if (report.steps.empty()) absl::StrAppend(&out, "no change points\n\n");
  // Biggest first, as the awk ordered them: by 1e9 - |change| printed to six
  // decimals, compared as text; equal keys in the order found.
  std::vector<std::string> keys;
  for (const HistoryStep& step : report.steps) {
    const double a = step.change < 0 ? -step.change : step.change;
    keys.push_back(absl::StrFormat("%020.6f", 1e9 - a));
  }
  const std::vector<size_t> order = SortedIndexes(keys);
  for (const size_t c : order) {
    const HistoryStep& step = report.steps[c];
    const HistorySeries& s = report.series[step.series];
    absl::StrAppendFormat(&out, "%s: %s (%s) from %s, %s → %s, p = %s%s%s\n\n", s.benchmark,
                          Percent(step.change), Direction(step.change),
                          RunRef(report, Row(report, step.series, step.point).run),
                          Time(step.before), Time(step.after), PValue(step.p),
                          machines > 1 ? absl::StrCat(", machine ", s.fingerprint) : "",
                          step.new_with_newest ? "; new with the newest run" : "");
  }
  AppendNewest(report, order, out);
  AppendMachines(report, out);
  return out;
}

std::string RenderHistorySeries(const HistoryReport& report) {
  std::string out =
      "fingerprint,benchmark,run,rev,date,median_ns,n,min_ns,q1_ns,q3_ns,max_ns,"
      "segment_median_ns,step\n";
  for (const HistorySeries& s : report.series) {
    for (const SeriesPoint& p : s.points) {
      const HistoryRow& row = *p.row;
      const HistoryRun& run = report.history->runs[row.run];
      absl::StrAppendFormat(&out, "%s,%s,%d,%s,%s,%.10g,%s,%s,%s,%s,%s,%.10g,%d\n", s.fingerprint,
                            CsvQuote(s.benchmark), run.number, CsvQuote(run.rev),
                            CsvQuote(run.date), row.median_ns, row.n.text, row.min_ns.text,
                            row.q1_ns.text, row.q3_ns.text, row.max_ns.text, p.segment_median,
                            p.step ? 1 : 0);
    }
  }
  return out;
}

std::string RenderHistoryChangePoints(const HistoryReport& report) {
  std::string out = "fingerprint,benchmark,run,rev,date,kind,change,before_ns,after_ns,p_value\n";
  for (const HistoryStep& step : report.steps) {
    const HistorySeries& s = report.series[step.series];
    const HistoryRun& run = report.history->runs[Row(report, step.series, step.point).run];
    absl::StrAppendFormat(&out, "%s,%s,%d,%s,%s,%s,%.6g,%.10g,%.10g,%.6g\n", s.fingerprint,
                          CsvQuote(s.benchmark), run.number, CsvQuote(run.rev), CsvQuote(run.date),
                          step.new_with_newest ? "new-step" : "step", step.change, step.before,
                          step.after, step.p);
  }
  for (const Unconfirmed& w : report.unconfirmed) {
    const HistorySeries& s = report.series[w.series];
    const HistoryRun& run = report.history->runs.back();
    absl::StrAppendFormat(&out, "%s,%s,%d,%s,%s,unconfirmed,%.6g,%.10g,%.10g,\n", s.fingerprint,
                          CsvQuote(s.benchmark), run.number, CsvQuote(run.rev), CsvQuote(run.date),
                          w.change, w.before, s.points.back().row->median_ns);
  }
  return out;
}

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
