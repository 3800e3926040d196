#include "lib/report/html_page.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "lib/report/chart.h"
#include "lib/report/model.h"
#include "lib/report/overheads.h"
#include "lib/report/speedup.h"
#include "lib/report/stats/uncertain.h"
#include "lib/report/stats/usl_fit.h"
#include "lib/report/table_build.h"
#include "lib/report/table_model.h"

namespace parbench::report {
namespace {

// The context keys the page shows, in this order, with their labels: the
// machine, the date, the build, the workloads' sizes and, for a seed run,
// its Python.
constexpr std::pair<const char*, const char*> kContextFacts[] = {
    {"host_name", "host"},
    {"date", "date"},
    {"parbench_cpu_model", "CPU"},
    {"num_cpus", "CPUs"},
    {"parbench_usable_cpus", "usable CPUs"},
    {"mhz_per_cpu", "MHz per CPU"},
    {"load_avg", "load average"},
    {"parbench_kernel", "kernel"},
    {"parbench_build_type", "build"},
    {"parbench_compiler", "compiler"},
    {"parbench_revision", "revision"},
    {"parbench_benchmark_version", "Google Benchmark"},
    {"parbench_python", "Python"},
    {"parbench_python_start_method", "start method"},
    {"parbench_seed_sizes", "seed sizes"},
    {"parbench_tasks", "tasks"},
    {"parbench_cpu_count", "Cpu: count to"},
    {"parbench_io_latency_ms", "Io: sleep (ms)"},
    {"parbench_memory_ints", "Memory: ints"},
};

// The facts of a run's headline, in kContextFacts' order ("CPUs" gets its
// unit).
constexpr absl::string_view kHeadlineFacts[] = {"host",     "CPU",    "CPUs", "build",
                                                "compiler", "Python", "date"};

std::string ContextText(const ContextValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* d = std::get_if<double>(&v)) return absl::StrFormat("%.6g", *d);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "null";
}

// A run's label: its folder for a bench.json, else its file name without
// ".json".
std::string RunLabel(const std::string& source) {
  if (source == "-") return "stdin";
  absl::string_view s = source;
  const bool bench_json = absl::EndsWith(s, "/bench.json");
  if (bench_json) s.remove_suffix(std::string_view("/bench.json").size());
  if (const size_t slash = s.rfind('/'); slash != absl::string_view::npos)
    s.remove_prefix(slash + 1);
  if (!bench_json && absl::EndsWith(s, ".json")) s.remove_suffix(5);
  return std::string(s);
}

std::string DisplayLanguage(const std::string& language) {
  std::string out = language;
  if (!out.empty()) out[0] = absl::ascii_toupper(static_cast<unsigned char>(out[0]));
  return out;
}

std::string SectionId(const SpeedupGroup& g) {
  std::string id = absl::StrCat("w-", g.workload, g.tasks ? absl::StrCat("-t", *g.tasks) : "",
                                g.task_size ? absl::StrCat("-s", *g.task_size) : "");
  for (char& c : id) {
    c = std::isalnum(static_cast<unsigned char>(c)) != 0
            ? absl::ascii_tolower(static_cast<unsigned char>(c))
            : '-';
  }
  return id;
}

std::string Heading(const SpeedupGroup& g) {
  return absl::StrCat(g.workload, g.tasks ? absl::StrCat(" · ", *g.tasks, " tasks") : "",
                      g.task_size ? absl::StrCat(" · size ", *g.task_size) : "");
}

// A series' name: its language when its group has several, its run when
// its language has several runs in the group, then its row (strategy,
// life, chunk, api).
std::string SeriesName(const SpeedupSeries& s, const std::vector<RunSummary>& runs,
                       const std::map<std::string, std::set<size_t>>& runs_per_language) {
  std::vector<std::string> parts;
  if (runs_per_language.size() > 1) parts.push_back(DisplayLanguage(s.language));
  if (runs_per_language.at(s.language).size() > 1) parts.push_back(runs[s.run].label);
  parts.push_back(s.strategy);
  if (!s.life.empty()) parts.push_back(s.life);
  if (s.chunk) parts.push_back(absl::StrCat("chunk ", *s.chunk));
  if (!s.api.empty()) parts.push_back(s.api);
  if (s.role == SeriesRole::kCeiling) parts.emplace_back("(ceiling)");
  return absl::StrJoin(parts, " ");
}

Chart SpeedupChart(const WorkloadSection& section) {
  const SpeedupGroup& g = section.group;
  std::string baseline = "the baseline";
  for (const SpeedupSeries& s : g.series) {
    if (s.role == SeriesRole::kBaseline) {
      baseline = s.strategy;
      break;
    }
  }
  Chart chart;
  chart.id = absl::StrCat("chart-", section.id);
  chart.title = absl::StrCat(section.heading, ": speedup over ", baseline, " against workers");
  chart.x_label = "workers (log scale)";
  chart.y_label = absl::StrCat("speedup over ", baseline, " (×)");
  chart.x_scale = AxisScale::kLog2;
  chart.y_from_zero = true;
  for (const int64_t w : g.workers) chart.x_ticks.push_back(static_cast<double>(w));
  for (size_t i = 0; i < g.series.size(); ++i) {
    const SpeedupSeries& s = g.series[i];
    ChartSeries series;
    series.name = section.series_names[i];
    series.style =
        s.role == SeriesRole::kCeiling ? SeriesStyle::kReference : SeriesStyle::kMeasured;
    series.dashed = s.language != "C++";
    for (const SpeedupCell& c : s.cells) {
      series.points.push_back(ChartPoint{.x = static_cast<double>(c.workers),
                                         .y = c.speedup,
                                         .y_low = c.speedup_low,
                                         .y_high = c.speedup_high});
    }
    chart.series.push_back(std::move(series));
  }
  return chart;
}

Chart TimeChart(const WorkloadSection& section) {
  const SpeedupGroup& g = section.group;
  Chart chart;
  chart.id = absl::StrCat("time-", section.id);
  chart.title = absl::StrCat(section.heading, ": median time against workers");
  chart.x_label = "workers (log scale)";
  chart.y_label = "median time (ms, log scale)";
  chart.x_scale = AxisScale::kLog2;
  chart.y_scale = AxisScale::kLog2;
  chart.x_ticks = section.chart.x_ticks;
  for (size_t i = 0; i < g.series.size(); ++i) {
    const SpeedupSeries& s = g.series[i];
    ChartSeries series;
    series.name = section.series_names[i];
    series.style =
        s.role == SeriesRole::kCeiling ? SeriesStyle::kReference : SeriesStyle::kMeasured;
    series.dashed = s.language != "C++";
    for (const SpeedupCell& c : s.cells) {
      series.points.push_back(ChartPoint{.x = static_cast<double>(c.workers),
                                         .y = c.median_ns / 1e6,
                                         .y_low = c.low_ns / 1e6,
                                         .y_high = c.high_ns / 1e6});
    }
    chart.series.push_back(std::move(series));
  }
  // The ideal: the first run's baseline median divided among the workers.
  const auto base = absl::c_find_if(g.series, [](const SpeedupSeries& s) {
    return s.role == SeriesRole::kBaseline && !s.cells.empty();
  });
  if (base != g.series.end() && !g.workers.empty()) {
    const double t1 = base->cells.front().median_ns / 1e6;
    ChartSeries ideal;
    ideal.name =
        absl::StrCat("ideal: ", section.series_names[static_cast<size_t>(base - g.series.begin())],
                     " ÷ workers");
    ideal.style = SeriesStyle::kGuide;
    for (const int64_t w : g.workers) {
      const double y = t1 / static_cast<double>(w);
      ideal.points.push_back(
          ChartPoint{.x = static_cast<double>(w), .y = y, .y_low = y, .y_high = y});
    }
    chart.series.push_back(std::move(ideal));
  }
  return chart;
}

// The table model's row of a series: same run (by its source), workload,
// tasks and size, strategy and life, and a qualifier naming its chunk and
// api; absent unless exactly one row fits.
const TableRow* RowOf(const TableReport& report, const std::vector<Run>& runs,
                      const SpeedupGroup& g, const SpeedupSeries& s) {
  const TableRow* found = nullptr;
  int matches = 0;
  for (const Table& t : report.tables) {
    if (report.sections[t.section].source != runs[s.run].source || t.workload != g.workload ||
        t.task_count != g.tasks || t.size != (g.task_size ? absl::StrCat(*g.task_size) : "")) {
      continue;
    }
    for (const TableRow& r : t.rows) {
      if (r.strategy != s.strategy || r.life != s.life) continue;
      if (s.chunk && !absl::StrContains(r.qualifier, absl::StrCat("chunk ", *s.chunk))) continue;
      if (!s.api.empty() && !absl::StrContains(r.qualifier, absl::StrCat("api ", s.api))) continue;
      found = &r;
      ++matches;
    }
  }
  return matches == 1 ? found : nullptr;
}

// The fitted USL speedup over the baseline (scale × λ·C(n)) at the worker
// counts between the fit's first and last, with its 95 % interval.
std::optional<ChartSeries> FitSeries(const TableRow& row, const std::string& name, size_t colour) {
  if (!row.fit || !row.fit->scale || row.fit->workers.size() < 2) return std::nullopt;
  const RowFit& fit = *row.fit;
  const double lo = *absl::c_min_element(fit.workers);
  const double hi = *absl::c_max_element(fit.workers);
  ChartSeries series;
  series.name = absl::StrCat(name, ": USL fit, 95 % band");
  series.style = SeriesStyle::kFit;
  series.colour_of = colour;
  constexpr int kSteps = 24;
  for (int k = 0; k <= kSteps; ++k) {
    const double n = std::exp2(std::log2(lo) + (std::log2(hi) - std::log2(lo)) * k / kSteps);
    const stats::Uncertain u = stats::UslThroughputAt(fit.usl, n);
    const std::optional<stats::Interval> band = stats::IntervalOf(u, fit.usl.dof);
    const double y = *fit.scale * u.value;
    double y_low = band ? *fit.scale * band->low : y;
    double y_high = band ? *fit.scale * band->high : y;
    y_low = std::max(0.0, std::min(y_low, y));
    y_high = std::max(y_high, y);
    if (!std::isfinite(y) || !std::isfinite(y_low) || !std::isfinite(y_high) || y <= 0) {
      return std::nullopt;
    }
    series.points.push_back(ChartPoint{.x = n, .y = y, .y_low = y_low, .y_high = y_high});
  }
  return series;
}

// The speedup chart's fits (C++'s strategies with a fit in the table model)
// and the ideal line, speedup = workers.
void AddModelLines(const TableReport& report, const std::vector<Run>& runs,
                   WorkloadSection& section) {
  const SpeedupGroup& g = section.group;
  const size_t measured = section.chart.series.size();
  for (size_t i = 0; i < measured; ++i) {
    const SpeedupSeries& s = g.series[i];
    if (s.role != SeriesRole::kStrategy) continue;
    const TableRow* row = RowOf(report, runs, g, s);
    if (row == nullptr) continue;
    if (!row->fit && !row->no_fit.empty() && !absl::c_linear_search(section.no_fit, row->no_fit)) {
      section.no_fit.push_back(row->no_fit);
    }
    if (std::optional<ChartSeries> fit = FitSeries(*row, section.series_names[i], i)) {
      section.chart.series.push_back(std::move(*fit));
    }
  }
  if (g.workers.empty()) return;
  ChartSeries ideal;
  ideal.name = "ideal: speedup = workers";
  ideal.style = SeriesStyle::kGuide;
  // Straight on linear axes, a curve on the log x axis: drawn through
  // points spread evenly on it.
  const auto lo = static_cast<double>(g.workers.front());
  const auto hi = static_cast<double>(g.workers.back());
  constexpr int kSteps = 24;
  for (int k = 0; k <= kSteps; ++k) {
    const double x =
        k == kSteps ? hi : std::exp2(std::log2(lo) + (std::log2(hi) - std::log2(lo)) * k / kSteps);
    ideal.points.push_back(ChartPoint{.x = x, .y = x, .y_low = x, .y_high = x});
    if (lo == hi) break;
  }
  section.chart.series.push_back(std::move(ideal));
}

}  // namespace

Page BuildPage(const std::vector<Run>& runs) {
  Page page;
  for (const Run& run : runs) {
    RunSummary summary;
    summary.label = RunLabel(run.source);
    summary.source = run.source;
    summary.language = RunLanguage(run);
    for (const auto& [key, label] : kContextFacts) {
      if (const auto it = run.context.find(key); it != run.context.end()) {
        summary.facts.emplace_back(label, ContextText(it->second));
      }
    }
    std::vector<std::string> brief;
    for (const auto& [label, value] : summary.facts) {
      if (label == std::string("CPUs")) {
        brief.push_back(absl::StrCat(value, " CPUs"));
      } else if (absl::c_linear_search(kHeadlineFacts, label)) {
        brief.push_back(value);
      }
    }
    summary.headline = absl::StrJoin(brief, ", ");
    page.runs.push_back(std::move(summary));
  }
  page.tables = BuildTableReport(runs);
  for (size_t i = 0; i < runs.size(); ++i) {
    absl::StatusOr<Overheads> o = ComputeOverheads(runs[i]);
    if (o.ok()) page.overheads.push_back(RunOverheads{page.runs[i].label, *std::move(o)});
  }
  Speedups speedups = GroupSpeedups(runs);
  page.left_out = std::move(speedups.left_out);
  std::map<std::string, int> ids;
  for (SpeedupGroup& group : speedups.groups) {
    WorkloadSection section;
    section.id = SectionId(group);
    if (const int seen = ids[section.id]++; seen > 0) absl::StrAppend(&section.id, "-", seen);
    section.heading = Heading(group);
    std::map<std::string, std::set<size_t>> runs_per_language;  // in this group
    for (const SpeedupSeries& s : group.series) runs_per_language[s.language].insert(s.run);
    for (const SpeedupSeries& s : group.series) {
      section.series_names.push_back(SeriesName(s, page.runs, runs_per_language));
    }
    section.group = std::move(group);
    section.chart = SpeedupChart(section);
    section.time_chart = TimeChart(section);
    AddModelLines(page.tables, runs, section);
    page.sections.push_back(std::move(section));
  }
  return page;
}

}  // namespace parbench::report
