#include "lib/report/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

// x at `digits` significant digits, as `table --tsv` prints it.
double Rounded(double x, int digits) {
  return std::strtod(absl::StrFormat("%.*g", digits, x).c_str(), nullptr);
}

// A file-name-safe form of s: each run of other characters as one "_".
std::string Safe(const std::string& s) {
  std::string out;
  bool in_run = false;
  for (const char ch : s) {
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
    if (ok) {
      out += ch;
    } else if (!in_run) {
      out += '_';
    }
    in_run = !ok;
  }
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  return absl::StrSplit(s, absl::ByAnyChar(" \t\n"), absl::SkipEmpty());
}

bool FamilyIs(const std::string& workload, const std::string& family) {
  return workload == family || workload.starts_with(family + " ");
}

// A chart while its cells are read: the chart and what names it.
struct Building {
  PlotChart chart;
  size_t section = 0;  // distinct host and source, first seen
  std::string workload, tasks, host, source;
  std::map<std::string, size_t> series;  // by row label
  std::map<int64_t, bool> workers;       // oversubscribed, as first seen
  std::optional<int64_t> first_over;
  int64_t last_fit = 0;
};

void ExtendTime(PlotChart& c, bool& any, double ms) {
  if (!any || ms < c.time_min) c.time_min = ms;
  if (!any || ms > c.time_max) c.time_max = ms;
  any = true;
}

// The chart's name and its titles' subject, once every chart is known.
void Name(Building& b, size_t sections, size_t charts_of_workload) {
  const std::vector<std::string> f = Words(b.workload);
  const bool sized = f.size() == 3 && f[1] == "size";
  std::string n = sized ? absl::StrCat(f[0], "-task_size_", f[2]) : b.workload;
  if (charts_of_workload > 1) absl::StrAppend(&n, "-tasks", b.tasks);
  if (sections > 1) n = absl::StrCat(b.host, "-", b.source, "-", n);
  b.chart.name = Safe(n);
  std::string by;
  if (FamilyIs(b.workload, "Chunk")) {
    by = ", by chunk";
  } else if (FamilyIs(b.workload, "Knobs")) {
    by = ", by knobs";
  }
  std::string t = sized ? absl::StrCat(f[0], ", ", b.tasks, " tasks of size ", f[2], by)
                        : absl::StrCat(b.workload, b.tasks.empty() ? "" : ", ", b.tasks,
                                       b.tasks.empty() ? "" : " tasks", by);
  if (sections > 1) absl::StrAppend(&t, " (", b.host, ", ", b.source, ")");
  b.chart.subject = std::move(t);
}

}  // namespace

double PlotChart::SpeedupTop() const {
  double top = 1;
  if (speedup_max && *speedup_max > top) top = *speedup_max;
  if (static_cast<double>(min_workers) > top) top = static_cast<double>(min_workers);
  return top;
}

std::vector<double> TimeTics(double lo, double hi) {
  std::vector<double> tics;
  const int from = static_cast<int>(std::trunc(std::log(lo) / std::log(10.0))) - 1;
  const int to = static_cast<int>(std::trunc(std::log(hi) / std::log(10.0))) + 1;
  for (int e = from; e <= to; ++e) {
    double p = 1;  // 10^e as awk computes it: whole powers, then 1 / them
    for (int i = 0; i < std::abs(e); ++i) p *= 10;
    if (e < 0) p = 1 / p;
    for (const double m : {1.0, 2.0, 5.0}) {
      const double v = m * p;
      if (v >= lo && v <= hi) tics.push_back(v);
    }
  }
  return tics;
}

Plots BuildPlots(const TableReport& report) {
  std::vector<Building> charts;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, size_t> by_key;
  std::map<std::pair<std::string, std::string>, size_t> sections;
  std::map<std::pair<size_t, std::string>, size_t> charts_of_workload;
  std::vector<bool> any_time;
  for (const size_t ti : report.table_order) {
    const Table& t = report.tables[ti];
    const Section& s = report.sections[t.section];
    const std::string host = OneLine(s.host), source = OneLine(s.source);
    const std::string workload =
        OneLine(t.size.empty() ? t.workload : absl::StrCat(t.workload, " ", t.Extra()));
    const std::string tasks = OneLine(t.tasks);
    for (const TableRow& row : t.rows) {
      std::optional<PlotFit> fit;
      if (row.fit && row.fit->scale && std::isfinite(*row.fit->scale * row.fit->usl.lambda.value) &&
          std::isfinite(row.fit->usl.sigma.value) && std::isfinite(row.fit->usl.kappa.value)) {
        fit = PlotFit{Rounded(*row.fit->scale * row.fit->usl.lambda.value, 6),
                      Rounded(row.fit->usl.sigma.value, 6), Rounded(row.fit->usl.kappa.value, 6)};
      }
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const CellSummary& cell = row.cells[i];
        if (cell.state == CellState::kNotRun) continue;
        const int64_t w = t.columns[i].workers;
        const bool over = t.columns[i].oversubscribed;
        // The cell's chart, made when first seen; its worker counts.
        const size_t sec = sections.try_emplace({host, source}, sections.size()).first->second;
        auto [it, made] = by_key.try_emplace({host, source, workload, tasks}, charts.size());
        if (made) {
          Building b;
          b.section = sec;
          b.workload = workload;
          b.tasks = tasks;
          b.host = host;
          b.source = source;
          b.chart.min_workers = w;
          charts.push_back(std::move(b));
          any_time.push_back(false);
          ++charts_of_workload[{sec, workload}];
        }
        const size_t ci = it->second;
        Building& b = charts[ci];
        PlotChart& c = b.chart;
        c.max_workers = std::max(c.max_workers, w);
        c.min_workers = std::min(c.min_workers, w);
        if (over && (!b.first_over || w < *b.first_over)) b.first_over = w;
        if (!over && w > b.last_fit) b.last_fit = w;
        b.workers.try_emplace(w, over);
        // The cell's series, made when first seen.
        auto [sit, new_series] = b.series.try_emplace(row.Label(), c.series.size());
        if (new_series) {
          PlotSeries ps;
          ps.row = row.Label();
          ps.baseline = row.role == RowRole::kBaseline;
          ps.ceiling = row.role == RowRole::kCeiling;
          ps.fit = fit;
          c.series.push_back(std::move(ps));
        }
        PlotSeries& ps = c.series[sit->second];
        if (cell.state == CellState::kError) {
          ps.errors.push_back(w);
          continue;
        }
        if (!cell.ok()) continue;
        const double median = Rounded(cell.median_ns, 6);
        PlotPoint p;
        p.workers = w;
        p.ms = median / 1e6;
        if (t.baseline) p.speedup = Rounded(t.baseline->median_ns / cell.median_ns, 4);
        p.cv = cell.cv ? Rounded(*cell.cv, 4) : 0;
        ps.points.push_back(p);
        if (ps.baseline && !c.baseline_ms) c.baseline_ms = median / 1e6;
        const double bar = (ps.ceiling || ps.baseline || !cell.cv) ? 0 : p.cv;
        if (p.speedup && !ps.baseline &&
            (!c.speedup_max || *p.speedup * (1 + bar) > *c.speedup_max)) {
          c.speedup_max = *p.speedup * (1 + bar);
        }
        bool any = any_time[ci];
        ExtendTime(c, any, p.ms * (1 + bar));
        ExtendTime(c, any, bar < 1 ? p.ms * (1 - bar) : p.ms);
        any_time[ci] = any;
      }
    }
  }
  Plots plots;
  for (Building& b : charts) {
    PlotChart& c = b.chart;
    for (const auto& [w, over] : b.workers) c.tics.push_back(PlotTic{w, over});
    if (b.first_over) {
      const double first = static_cast<double>(*b.first_over);
      c.oversubscribed_from =
          b.last_fit > 0 ? std::sqrt(static_cast<double>(b.last_fit) * first) : first / 1.2;
    }
    for (const PlotSeries& s : c.series) {
      if (!s.baseline && !s.points.empty()) c.drawn = true;
    }
    Name(b, sections.size(), charts_of_workload[{b.section, b.workload}]);
    plots.charts.push_back(std::move(c));
  }
  return plots;
}

}  // namespace parbench::report
