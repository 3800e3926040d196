#include "lib/report/html_page.h"

#include <cctype>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "lib/report/chart.h"
#include "lib/report/model.h"
#include "lib/report/speedup.h"

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
    page.sections.push_back(std::move(section));
  }
  return page;
}

}  // namespace parbench::report
