#include "lib/report/history_render.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
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

}  // namespace parbench::report
