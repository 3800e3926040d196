#include "lib/report/history_report.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/report/stats/change_points.h"

namespace parbench::report {
namespace {

// A machine description, "key=value; ...", as keys and values; a part
// without "=" says nothing, a key given twice is its last value.
std::map<std::string, std::string> DescriptionKeys(absl::string_view machine) {
  std::map<std::string, std::string> keys;
  if (machine.empty()) return keys;
  for (const absl::string_view part : absl::StrSplit(machine, "; ")) {
    const size_t eq = part.find('=');
    if (eq == absl::string_view::npos) continue;
    keys[std::string(part.substr(0, eq))] = std::string(part.substr(eq + 1));
  }
  return keys;
}

std::vector<MachineDifference> Differences(absl::string_view a, absl::string_view b) {
  std::map<std::string, std::string> before = DescriptionKeys(a);
  std::map<std::string, std::string> after = DescriptionKeys(b);
  for (const auto& [key, value] : before) after.try_emplace(key, "(none)");
  for (const auto& [key, value] : after) before.try_emplace(key, "(none)");
  std::vector<MachineDifference> out;
  for (const auto& [key, value] : after) {
    if (before[key] != value) out.push_back({key, before[key], value});
  }
  return out;
}

// The runs shown and their machines: positions, machines, changes.
void DescribeMachines(const History& history, HistoryReport& out) {
  out.position.assign(history.runs.size(), 0);
  absl::flat_hash_map<std::string, size_t> machine_of;
  std::optional<size_t> previous;
  for (size_t r = 0; r < history.runs.size(); ++r) {
    const HistoryRun& run = history.runs[r];
    if (!out.options.fingerprint.empty() && run.fingerprint != out.options.fingerprint) continue;
    ++out.runs_shown;
    const auto [it, added] = machine_of.try_emplace(run.fingerprint, out.machines.size());
    if (added) {
      out.machines.emplace_back();
      out.machines.back().fingerprint = run.fingerprint;
      out.machines.back().first = r;
    }
    HistoryMachine& m = out.machines[it->second];
    out.position[r] = ++m.runs;
    m.last = r;
    if (previous && history.runs[*previous].fingerprint != run.fingerprint) {
      out.machine_changes.push_back(
          MachineChange{.run = r,
                        .previous = *previous,
                        .differences = Differences(history.runs[*previous].machine, run.machine)});
    }
    previous = r;
  }
}

// The change points of series s, and what the newest run (in History::runs)
// makes of it.
void AnalyseSeries(size_t s, std::optional<size_t> newest, const stats::ChangePointOptions& cp,
                   HistoryReport& out) {
  HistorySeries& series = out.series[s];
  // In the order the runs were added (they are, unless runs.csv was edited).
  std::stable_sort(
      series.points.begin(), series.points.end(),
      [](const SeriesPoint& a, const SeriesPoint& b) { return a.row->run < b.row->run; });
  std::vector<double> x;
  x.reserve(series.points.size());
  for (const SeriesPoint& p : series.points) x.push_back(p.row->median_ns);
  const stats::ChangePoints found = stats::FindChangePoints(x, cp);
  for (size_t i = 0; i < x.size(); ++i) series.points[i].segment_median = found.segment_median[i];
  for (const stats::ChangePoint& c : found.points) {
    series.points[static_cast<size_t>(c.at)].step = true;
    out.steps.push_back(HistoryStep{.series = s,
                                    .point = static_cast<size_t>(c.at),
                                    .before = c.before,
                                    .after = c.after,
                                    .change = c.change,
                                    .p = c.p,
                                    .new_with_newest = false});
  }
  const SeriesPoint& last = series.points.back();
  if (!newest || last.row->run != *newest) return;
  const double low = last.row->q1_ns.value.value_or(last.row->median_ns);
  const stats::NewestRun hint = stats::CheckNewestRun(x, low, cp, found);
  if (hint.slower) {
    out.unconfirmed.push_back(Unconfirmed{
        .series = s, .change = *hint.change, .before = *hint.before, .runs = hint.runs});
  }
  // The newest run makes a slowdown appear when the series' last change
  // point is to slower and the series without it has none there (+-1).
  if (found.points.empty() || found.points.back().change <= 0) return;
  const int at = found.points.back().at;
  const stats::ChangePoints before =
      stats::FindChangePoints(absl::MakeConstSpan(x).first(x.size() - 1), cp);
  for (const stats::ChangePoint& c : before.points) {
    if (c.change > 0 && c.at >= at - 1 && c.at <= at + 1) return;
  }
  out.steps.back().new_with_newest = true;
  ++out.new_slowdowns;
}

}  // namespace

HistoryReport AnalyseHistory(const History& history, const HistoryOptions& options) {
  HistoryReport out;
  out.history = &history;
  out.options = options;
  DescribeMachines(history, out);
  absl::flat_hash_map<std::pair<std::string, std::string>, size_t> series_of;
  absl::flat_hash_set<std::string> names;
  for (const HistoryRow& row : history.rows) {
    const std::string& fingerprint = history.runs[row.run].fingerprint;
    if (out.position[row.run] == 0) continue;
    const auto [it, added] = series_of.try_emplace({fingerprint, row.benchmark}, out.series.size());
    if (added) {
      out.series.emplace_back();
      out.series.back().fingerprint = fingerprint;
      out.series.back().benchmark = row.benchmark;
    }
    SeriesPoint point;
    point.row = &row;
    out.series[it->second].points.push_back(point);
    names.insert(row.benchmark);
  }
  out.benchmarks = static_cast<int>(names.size());
  const stats::ChangePointOptions cp{
      .threshold = std::strtod(options.threshold.c_str(), nullptr) / 100,
      .alpha = std::strtod(options.alpha.c_str(), nullptr),
      .min_segment = options.min_runs};
  std::optional<size_t> newest;
  if (!history.runs.empty()) newest = history.runs.size() - 1;
  for (size_t s = 0; s < out.series.size(); ++s) AnalyseSeries(s, newest, cp, out);
  return out;
}

}  // namespace parbench::report
