// The HTML report: speedups grouped by facts and held against each run's
// own baseline (a seed run's Python rows against Python's), the ceiling's
// role, what is left out and why, and the page: well-formed, and
// self-contained (nothing fetched from anywhere).

// GCC 12's <regex>, inlined under the sanitizer builds' flags, warns
// -Wmaybe-uninitialized inside std::function (a known false positive of
// that release); this test uses <regex>, so the warning is off here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "lib/report/html_report.h"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "lib/report/html_page.h"
#include "lib/report/run_reader.h"
#include "lib/report/speedup.h"
#include "test/report/fixture_text.h"

namespace parbench::report {
namespace {

// One iteration record of `name` taking `ms` milliseconds.
std::string Iteration(const std::string& name, double ms) {
  return absl::StrCat(R"({"name": ")", name, R"(", "run_name": ")", name,
                      R"(", "run_type": "iteration", "repetitions": 3, "iterations": 1, )",
                      R"("real_time": )", ms, R"(, "cpu_time": 1, "time_unit": "ms"})");
}

std::string Document(const std::string& context, const std::vector<std::string>& records) {
  return absl::StrCat(R"({"context": {)", context, R"(}, "benchmarks": [)",
                      absl::StrJoin(records, ", "), "]}");
}

Run ReadOrDie(const std::string& text, const std::string& source) {
  absl::StatusOr<Run> run = ReadRun(text, source);
  EXPECT_TRUE(run.ok()) << run.status();
  Run out = run.ok() ? *std::move(run) : Run{};
  out.source = source;
  return out;
}

// A C++ run: Sequential 100 ms (three repetitions 90, 100, 120), ThreadPool
// warm at 1 and 2 workers, the ceiling at 2, and a Knobs family without a
// baseline.
Run CppRun() {
  return ReadOrDie(Document(R"("host_name": "vm", "num_cpus": 2, "parbench_build_type": "Release",
                  "parbench_workloads": "Io,Cpu")",
                            {Iteration("Cpu/Sequential/workers:1/tasks:10/real_time", 90),
                             Iteration("Cpu/Sequential/workers:1/tasks:10/real_time", 100),
                             Iteration("Cpu/Sequential/workers:1/tasks:10/real_time", 120),
                             Iteration("Cpu/ThreadPool/warm/workers:2/tasks:10/real_time", 40),
                             Iteration("Cpu/ThreadPool/warm/workers:2/tasks:10/real_time", 50),
                             Iteration("Cpu/ThreadPool/warm/workers:2/tasks:10/real_time", 80),
                             Iteration("Cpu/ThreadPool/warm/workers:1/tasks:10/real_time", 100),
                             Iteration("Cpu/BareThreads/workers:2/tasks:10/real_time", 50),
                             Iteration("Io/Sequential/workers:1/tasks:10/real_time", 500),
                             Iteration("Io/ThreadPool/warm/workers:10/tasks:10/real_time", 50),
                             Iteration("Knobs/ThreadPool/warm/workers:2/tasks:10/real_time", 50)}),
                   "results/vm-1/bench.json");
}

// The seed's run: Python's own Sequential (5 s) and two process pools that
// only the api fact tells apart.
Run PythonRun() {
  return ReadOrDie(
      Document(
          R"("parbench_language": "python", "parbench_python": "CPython 3.11.2")",
          {Iteration("Cpu/Sequential/workers:1/tasks:10/lang:python/real_time", 5000),
           Iteration("Cpu/ProcessPool/cold/workers:2/tasks:10/lang:python/real_time", 2500),
           Iteration("Cpu/ProcessPool/cold/workers:2/tasks:10/lang:python/api:futures/real_time",
                     4000)}),
      "seed/seed-parbench.json");
}

const SpeedupSeries* Find(const SpeedupGroup& g, const std::string& strategy,
                          const std::string& language = "C++", const std::string& api = "") {
  for (const SpeedupSeries& s : g.series) {
    if (s.strategy == strategy && s.language == language && s.api == api) return &s;
  }
  return nullptr;
}

TEST(GroupSpeedups, HoldsEachRowAgainstItsRunsBaseline) {
  const Speedups sp = GroupSpeedups({CppRun(), PythonRun()});
  // The first run's workload order: Io, then Cpu; Knobs has no baseline.
  ASSERT_EQ(sp.groups.size(), 2U);
  EXPECT_EQ(sp.groups[0].workload, "Io");
  const SpeedupGroup& cpu = sp.groups[1];
  EXPECT_EQ(cpu.workload, "Cpu");
  EXPECT_EQ(cpu.tasks, 10);
  EXPECT_EQ(cpu.workers, (std::vector<int64_t>{1, 2}));

  const SpeedupSeries* pool = Find(cpu, "ThreadPool");
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->role, SeriesRole::kStrategy);
  ASSERT_EQ(pool->cells.size(), 2U);
  const SpeedupCell& two = pool->cells[1];
  EXPECT_EQ(two.workers, 2);
  EXPECT_EQ(two.repetitions, 3);
  EXPECT_DOUBLE_EQ(two.median_ns, 50e6);
  EXPECT_DOUBLE_EQ(two.low_ns, 40e6);
  EXPECT_DOUBLE_EQ(two.high_ns, 80e6);
  EXPECT_DOUBLE_EQ(two.speedup, 2.0);  // the baseline's median, 100 ms
  EXPECT_DOUBLE_EQ(two.speedup_low, 100.0 / 80);
  EXPECT_DOUBLE_EQ(two.speedup_high, 100.0 / 40);

  const SpeedupSeries* seq = Find(cpu, "Sequential");
  ASSERT_NE(seq, nullptr);
  EXPECT_EQ(seq->role, SeriesRole::kBaseline);
  EXPECT_DOUBLE_EQ(seq->cells.at(0).speedup, 1.0);
  const SpeedupSeries* ceiling = Find(cpu, "BareThreads");
  ASSERT_NE(ceiling, nullptr);
  EXPECT_EQ(ceiling->role, SeriesRole::kCeiling);
  EXPECT_EQ(&cpu.series[2], ceiling);  // last of its run's rows, before Python's

  // Python's rows against Python's Sequential (5 s), told apart by api.
  const SpeedupSeries* mp = Find(cpu, "ProcessPool", "python");
  const SpeedupSeries* futures = Find(cpu, "ProcessPool", "python", "futures");
  ASSERT_NE(mp, nullptr);
  ASSERT_NE(futures, nullptr);
  EXPECT_EQ(mp->run, 1U);
  EXPECT_EQ(mp->life, "cold");
  EXPECT_DOUBLE_EQ(mp->cells.at(0).speedup, 2.0);
  EXPECT_DOUBLE_EQ(futures->cells.at(0).speedup, 1.25);

  ASSERT_EQ(sp.left_out.size(), 1U);
  EXPECT_NE(sp.left_out[0].find("Knobs tasks:10"), std::string::npos) << sp.left_out[0];
}

TEST(GroupSpeedups, RowsTheFactsCannotTellApartAreLeftOutAndSaid) {
  const report::Run run = ReadOrDie(
      Document("", {Iteration("Cpu/Sequential/workers:1/tasks:10/real_time", 100),
                    Iteration("Cpu/ThreadPool/warm/spin:0/workers:2/tasks:10/real_time", 50),
                    Iteration("Cpu/ThreadPool/warm/spin:1/workers:2/tasks:10/real_time", 60)}),
      "a.json");
  const Speedups sp = GroupSpeedups({run});
  EXPECT_TRUE(sp.groups.empty());
  ASSERT_EQ(sp.left_out.size(), 1U);
  EXPECT_NE(sp.left_out[0].find("do not tell apart"), std::string::npos) << sp.left_out[0];
}

TEST(GroupSpeedups, AggregatesOnlyGiveMedianAndStddev) {
  const std::string agg = R"({"name": "Cpu/ProcessPool/warm/workers:2/tasks:10/real_time_median",
      "run_name": "Cpu/ProcessPool/warm/workers:2/tasks:10/real_time", "run_type": "aggregate",
      "aggregate_name": "median", "aggregate_unit": "time", "repetitions": 5, "iterations": 5,
      "real_time": 50, "cpu_time": 1, "time_unit": "ms"})";
  const std::string sd = R"({"name": "Cpu/ProcessPool/warm/workers:2/tasks:10/real_time_stddev",
      "run_name": "Cpu/ProcessPool/warm/workers:2/tasks:10/real_time", "run_type": "aggregate",
      "aggregate_name": "stddev", "aggregate_unit": "time", "repetitions": 5, "iterations": 5,
      "real_time": 5, "cpu_time": 1, "time_unit": "ms"})";
  const report::Run run = ReadOrDie(
      Document("", {Iteration("Cpu/Sequential/workers:1/tasks:10/real_time", 100), agg, sd}),
      "quiet.json");
  const Speedups sp = GroupSpeedups({run});
  ASSERT_EQ(sp.groups.size(), 1U);
  const SpeedupSeries* pool = Find(sp.groups[0], "ProcessPool");
  ASSERT_NE(pool, nullptr);
  const SpeedupCell& c = pool->cells.at(0);
  EXPECT_EQ(c.repetitions, 5);
  EXPECT_DOUBLE_EQ(c.median_ns, 50e6);
  EXPECT_DOUBLE_EQ(c.low_ns, 45e6);
  EXPECT_DOUBLE_EQ(c.high_ns, 55e6);
  EXPECT_DOUBLE_EQ(c.speedup, 2.0);
}

TEST(BuildPage, NamesSeriesByLanguageAndRunWhereNeeded) {
  const Page page = BuildPage({CppRun(), PythonRun()});
  ASSERT_EQ(page.runs.size(), 2U);
  EXPECT_EQ(page.runs[0].label, "vm-1");
  EXPECT_EQ(page.runs[1].label, "seed-parbench");
  EXPECT_EQ(page.runs[0].headline, "vm, 2 CPUs, Release");
  const WorkloadSection& cpu = page.sections.at(1);
  EXPECT_EQ(cpu.id, "w-cpu-t10");
  EXPECT_EQ(cpu.heading, "Cpu · 10 tasks");
  ASSERT_EQ(cpu.series_names.size(), cpu.group.series.size());
  // The measured series, then the ideal line (no fit: two worker counts).
  ASSERT_EQ(cpu.chart.series.size(), cpu.group.series.size() + 1);
  EXPECT_EQ(cpu.chart.series.back().style, SeriesStyle::kGuide);
  for (size_t i = 0; i < cpu.series_names.size(); ++i) {
    EXPECT_EQ(cpu.chart.series[i].name, cpu.series_names[i]);
  }
  EXPECT_EQ(cpu.series_names.front(), "C++ Sequential");
  EXPECT_EQ(cpu.series_names.back(), "Python ProcessPool cold futures");
  EXPECT_EQ(cpu.chart.series[2].name, "C++ BareThreads (ceiling)");
  EXPECT_EQ(cpu.chart.series[2].style, SeriesStyle::kReference);
  EXPECT_TRUE(cpu.chart.series[cpu.group.series.size() - 1].dashed);
  EXPECT_EQ(cpu.chart.x_ticks, (std::vector<double>{1, 2}));
  // A group of one language's one run: the row alone.
  EXPECT_EQ(page.sections.at(0).series_names.front(), "Sequential");
  // Two runs of one language: each series carries its run's label.
  const Page two = BuildPage({CppRun(), CppRun()});
  EXPECT_EQ(two.sections.at(1).series_names.front(), "vm-1 Sequential");
}

// Checks that every element opened is closed, in order (void elements and
// self-closed SVG elements aside); returns the first problem, "" if none.
std::string TagProblem(const std::string& html) {
  static const std::vector<std::string> kVoid = {"meta", "br", "!DOCTYPE"};
  std::vector<std::string> open;
  size_t at = 0;
  while ((at = html.find('<', at)) != std::string::npos) {
    const size_t end = html.find('>', at);
    if (end == std::string::npos) return "an unclosed tag";
    const std::string tag = html.substr(at + 1, end - at - 1);
    at = end + 1;
    if (tag.empty()) return "an empty tag";
    const bool closing = tag[0] == '/';
    const std::string name =
        tag.substr(closing ? 1 : 0, tag.find_first_of(" /", closing ? 1 : 0) - (closing ? 1 : 0));
    if (closing) {
      if (open.empty() || open.back() != name) {
        return absl::StrCat("</", name, "> closes <", open.empty() ? "nothing" : open.back(), ">");
      }
      open.pop_back();
    } else if (tag.back() != '/' && std::find(kVoid.begin(), kVoid.end(), name) == kVoid.end()) {
      open.push_back(name);
      // Style text holds no tags.
      if (name == "style") {
        at = html.find("</style>", at);
        if (at == std::string::npos) return "an unclosed <style>";
      }
    }
  }
  if (!open.empty()) return absl::StrCat("<", open.back(), "> is never closed");
  return "";
}

TEST(RenderHtmlReport, WellFormedAndSelfContained) {
  const Page page = BuildPage({CppRun(), PythonRun()});
  absl::StatusOr<std::string> html = RenderHtmlReport(page);
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_EQ(html->rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_EQ(TagProblem(*html), "");
  for (const std::string outside :
       {"http", "src=", "<link", "@import", "<script", "<img", "<iframe", "<object"}) {
    EXPECT_EQ(html->find(outside), std::string::npos) << outside;
  }
  // url( only for the page's own fragments (a chart's clip path).
  EXPECT_FALSE(std::regex_search(*html, std::regex("url\\((?!#)"))) << "url( outside the page";
  // One chart per section, its table, and every section in the contents.
  for (const WorkloadSection& s : page.sections) {
    EXPECT_NE(html->find(absl::StrCat("<svg class=\"chart\" id=\"chart-", s.id, "\"")),
              std::string::npos);
    EXPECT_NE(html->find(absl::StrCat("<table class=\"medians\" id=\"table-", s.id, "\"")),
              std::string::npos);
    EXPECT_NE(html->find(absl::StrCat("<a href=\"#", s.id, "\">")), std::string::npos);
  }
  // The medians as text: ThreadPool warm at 2 workers, 50 ms, 2×, 1.25–2.50.
  EXPECT_NE(html->find("50.0 ms</span> <span class=\"s\">2.00×</span><br><span "
                       "class=\"r\">1.25–2.50</span>"),
            std::string::npos);
  EXPECT_NE(html->find("Knobs tasks:10"), std::string::npos);  // said as left out
  // Each section's time chart beside its speedup chart, and the ideal line
  // on the speedup chart.
  for (const WorkloadSection& s : page.sections) {
    EXPECT_NE(html->find(absl::StrCat("<svg class=\"chart\" id=\"time-", s.id, "\"")),
              std::string::npos);
    ASSERT_FALSE(s.chart.series.empty());
    EXPECT_EQ(s.chart.series.back().style, SeriesStyle::kGuide);
    // The measured series, then the ideal time (the baseline's ÷ workers).
    ASSERT_EQ(s.time_chart.series.size(), s.group.series.size() + 1);
    const ChartSeries& ideal = s.time_chart.series.back();
    EXPECT_EQ(ideal.style, SeriesStyle::kGuide);
    for (const ChartPoint& p : ideal.points) {
      EXPECT_DOUBLE_EQ(p.y * p.x, ideal.points.front().y * ideal.points.front().x);
    }
    EXPECT_EQ(s.time_chart.y_scale, AxisScale::kLog2);
  }
  // The decision map first, from the table model: Cpu at 2 workers goes to
  // ThreadPool (warm), 2.00× over Sequential; the Python run has its own.
  const size_t map = html->find("<table class=\"decision-map\">");
  ASSERT_NE(map, std::string::npos);
  EXPECT_LT(map, html->find("<svg class=\"chart\""));
  EXPECT_NE(html->find("ThreadPool (warm) <span class=\"s\">2.00×</span>", map), std::string::npos);
  EXPECT_EQ(page.tables.sections.size(), 2U);
  // Each family's table: the baseline's own cell, and the column's fastest
  // marked.
  EXPECT_NE(html->find("<table class=\"family\" id=\"family-"), std::string::npos);
  EXPECT_NE(html->find("(baseline)"), std::string::npos);
  EXPECT_NE(html->find("<td class=\"best\"><strong>"), std::string::npos);
  EXPECT_EQ(html->find("id=\"overheads\""), std::string::npos);  // no Overhead family ran
  EXPECT_NE(html->find("CPython 3.11.2"), std::string::npos);    // the seed's context
}

// A run on 8 CPUs where ThreadPool's speedups follow a USL curve at 1, 2, 4
// and 8 workers: the table model fits it, and the chart draws the fit.
TEST(BuildPage, DrawsTheTableModelsFitWithItsBand) {
  std::vector<std::string> records;
  for (const double ms : {98.0, 100.0, 103.0}) {
    records.push_back(Iteration("Cpu/Sequential/workers:1/tasks:64/real_time", ms));
  }
  const std::vector<std::pair<int, std::vector<double>>> pool = {
      {1, {101, 102, 104}}, {2, {53, 54, 56}}, {4, {29, 30, 32}}, {8, {18, 19, 21}}};
  for (const auto& [w, times] : pool) {
    for (const double ms : times) {
      records.push_back(
          Iteration(absl::StrCat("Cpu/ThreadPool/warm/workers:", w, "/tasks:64/real_time"), ms));
    }
  }
  const Page page =
      BuildPage({ReadOrDie(Document(R"("host_name": "big", "num_cpus": 8)", records), "big.json")});
  ASSERT_EQ(page.sections.size(), 1U);
  const WorkloadSection& s = page.sections[0];
  const ChartSeries* fit = nullptr;
  for (const ChartSeries& c : s.chart.series) {
    if (c.style == SeriesStyle::kFit) fit = &c;
  }
  ASSERT_NE(fit, nullptr) << (s.no_fit.empty() ? "" : s.no_fit[0]);
  // Between the fitted worker counts, in the measurements' colour; near
  // the measured speedups (about 1, 1.9, 3.4, 5.3 over Sequential).
  EXPECT_DOUBLE_EQ(fit->points.front().x, 1);
  EXPECT_DOUBLE_EQ(fit->points.back().x, 8);
  ASSERT_TRUE(fit->colour_of.has_value());
  EXPECT_EQ(s.group.series[*fit->colour_of].strategy, "ThreadPool");
  EXPECT_NEAR(fit->points.front().y, 0.98, 0.1);
  EXPECT_NEAR(fit->points.back().y, 100.0 / 19, 0.5);
  bool wide = false;
  for (const ChartPoint& p : fit->points) {
    EXPECT_LE(p.y_low, p.y);
    EXPECT_LE(p.y, p.y_high);
    wide = wide || p.y_high > p.y_low;
  }
  EXPECT_TRUE(wide) << "the band has a width";
  absl::StatusOr<std::string> html = RenderHtmlReport(page);
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_NE(html->find("<polygon class=\"band\""), std::string::npos);
  EXPECT_EQ(TagProblem(*html), "");
}

TEST(RenderHtmlReport, TheTagCheckerSeesBrokenMarkup) {
  EXPECT_NE(TagProblem("<p><b>x</p></b>"), "");
  EXPECT_NE(TagProblem("<div>"), "");
  EXPECT_EQ(TagProblem("<p>a<br>b<svg><line/></svg></p>"), "");
}

TEST(RenderHtmlReport, TheReferenceRunRenders) {
  const std::string path = "/results/vm-20261125-145342/bench.json";
  const report::Run run = ReadOrDie(Slurp(std::string(PARBENCH_SOURCE_DIR) + path), path);
  const Page page = BuildPage({run});
  EXPECT_GE(page.sections.size(), 6U);
  absl::StatusOr<std::string> html = RenderHtmlReport(page);
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_EQ(TagProblem(*html), "");
  // The table model's USL fits drawn with their bands, and the overheads
  // against their floors.
  size_t fits = 0;
  for (const WorkloadSection& s : page.sections) {
    for (const ChartSeries& c : s.chart.series) {
      if (c.style != SeriesStyle::kFit) continue;
      ++fits;
      for (const ChartPoint& p : c.points) {
        EXPECT_LE(p.y_low, p.y);
        EXPECT_LE(p.y, p.y_high);
      }
    }
  }
  // 2 CPUs: no strategy has 3 worker counts to fit, and the page says so.
  EXPECT_EQ(fits, 0U);
  EXPECT_NE(html->find("No USL fit: needs ≥ 3 worker counts ≤ usable CPUs"), std::string::npos);
  ASSERT_EQ(page.overheads.size(), 1U);
  EXPECT_FALSE(page.overheads[0].overheads.rows.empty());
  EXPECT_NE(html->find("<section id=\"overheads\">"), std::string::npos);
}

}  // namespace
}  // namespace parbench::report
