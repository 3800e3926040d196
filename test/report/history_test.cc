#include "lib/report/history.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "lib/report/csv.h"
#include "lib/report/history_charts.h"
#include "lib/report/history_render.h"
#include "lib/report/history_report.h"

namespace parbench::report {
namespace {

// A history written as history.sh add writes one: runs.csv and history.csv.
struct Texts {
  std::string runs = absl::StrCat(kHistoryRunsHeader, "\n");
  std::string rows = absl::StrCat(kHistoryRowsHeader, "\n");
  int next = 1;

  // Adds a run of machine `fp`, with one row per (benchmark, median in
  // ns); its quartiles 1 % either side of the median.
  void Add(const std::string& fp, const std::string& machine,
           const std::vector<std::pair<std::string, double>>& medians) {
    const int run = next++;
    absl::StrAppendFormat(&runs, "%d,r%d,2026-12-%02dT10:00:00+00:00,%s,runs/x.json,%s\n", run, run,
                          (run - 1) % 28 + 1, fp, machine);
    for (const auto& [name, m] : medians) {
      absl::StrAppendFormat(
          &rows, "%d,r%d,2026-12-%02dT10:00:00+00:00,%s,%s,%.10g,4,%.10g,%.10g,%.10g,%.10g\n", run,
          run, (run - 1) % 28 + 1, fp, CsvQuote(name), m, 0.98 * m, 0.99 * m, 1.01 * m, 1.02 * m);
    }
  }
  History Read() const {
    absl::StatusOr<History> h = ReadHistory(runs, "runs.csv", rows, "history.csv");
    EXPECT_TRUE(h.ok()) << h.status();
    return h.ok() ? *h : History{};
  }
};

constexpr char kA[] = "Cpu/Sequential/workers:1/tasks:4/real_time";
constexpr char kB[] = "BM_other/8";
constexpr char kMachine[] = "cpu_model=AMD EPYC; kernel=6.1.0";

// Level plus a small jitter of three values, distinct from run to run.
double Around(double level, int i) { return level * (1 + 0.002 * (i % 3) + 0.0001 * i); }

TEST(HistoryReaderTest, ReadsRunsAndRowsAndLeavesOutRowsOfNoRun) {
  Texts t;
  t.Add("aaaaaaaa", kMachine, {{kA, 10e6}, {"with,comma", 5}});
  t.rows += "7,r7,2026-12-07,aaaaaaaa,orphan,1,1,,,,\n";
  const History h = t.Read();
  ASSERT_EQ(h.runs.size(), 1u);
  EXPECT_EQ(h.runs[0].number, 1);
  EXPECT_EQ(h.runs[0].machine, kMachine);
  ASSERT_EQ(h.rows.size(), 2u) << "the orphan row is not part of the history";
  EXPECT_EQ(h.rows[1].benchmark, "with,comma");
  EXPECT_DOUBLE_EQ(h.rows[0].median_ns, 10e6);
  EXPECT_EQ(h.rows[0].q1_ns.text, "9900000");
  EXPECT_DOUBLE_EQ(*h.rows[0].q1_ns.value, 9.9e6);
}

TEST(HistoryReaderTest, AggregatesOnlyHaveNoSpread) {
  Texts t;
  t.Add("aaaaaaaa", kMachine, {});
  t.rows += "1,r1,d,aaaaaaaa,X/y,2000,7,,,,\n";
  const History h = t.Read();
  ASSERT_EQ(h.rows.size(), 1u);
  EXPECT_FALSE(h.rows[0].min_ns.value.has_value());
  EXPECT_EQ(h.rows[0].max_ns.text, "");
}

// Each malformed history is refused with one line naming the file, the
// line and the field.
TEST(HistoryReaderTest, MalformedInputNamesTheRecordAndTheField) {
  Texts good;
  good.Add("aaaaaaaa", kMachine, {{kA, 10e6}});
  struct Case {
    std::string runs, rows, message;
  };
  const std::string rows_head = absl::StrCat(kHistoryRowsHeader, "\n");
  const std::vector<Case> cases = {
      {"a,b\n1,2\n", good.rows, "runs.csv: not a history file: its header is not run,rev,"},
      {good.runs, "a,b\n", "history.csv: not a history file"},
      {good.runs + "2,r2,d\n", good.rows, "runs.csv, line 3: not a run: 3 fields"},
      {good.runs + "x,r2,d,f,file,m\n", good.rows, "runs.csv, line 3: run 'x' is not a run number"},
      {good.runs, rows_head + "1,r1,d,f,b,fast,4,1,1,1,1\n",
       "history.csv, line 2: median_ns 'fast' is not a finite number"},
      {good.runs, rows_head + "1,r1,d,f,b,nan,4,1,1,1,1\n",
       "history.csv, line 2: median_ns 'nan' is not a finite number"},
      {good.runs, rows_head + "1,r1,d,f,b,1e999,4,1,1,1,1\n",
       "history.csv, line 2: median_ns '1e999' is not a finite number"},
      {good.runs, rows_head + "1,r1,d,f,b,5,4,1,inf,1,1\n",
       "history.csv, line 2: q1_ns 'inf' is neither empty nor a finite number"},
      {good.runs, rows_head + "1,r1,d,f,b,5,4,1,1,1\n",
       "history.csv, line 2: not a history row: 10 fields"},
      {good.runs, rows_head + "-1,r1,d,f,b,5,4,1,1,1,1\n",
       "history.csv, line 2: run '-1' is not a run number"},
  };
  for (const Case& c : cases) {
    const absl::StatusOr<History> h = ReadHistory(c.runs, "runs.csv", c.rows, "history.csv");
    ASSERT_FALSE(h.ok()) << c.message;
    EXPECT_EQ(h.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(h.status().message().find(c.message), std::string::npos) << h.status().message();
    EXPECT_EQ(h.status().message().find('\n'), std::string::npos) << "one line";
  }
}

TEST(HistoryReportTest, AFlatSeriesHasNoChangePoint) {
  Texts t;
  for (int i = 0; i < 16; ++i)
    t.Add("aaaaaaaa", kMachine, {{kA, Around(10e6, i)}, {kB, Around(500, i)}});
  const History h = t.Read();
  const HistoryReport r = AnalyseHistory(h, HistoryOptions{});
  EXPECT_EQ(r.runs_shown, 16);
  EXPECT_EQ(r.benchmarks, 2);
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_EQ(r.series[0].points.size(), 16u);
  EXPECT_TRUE(r.steps.empty());
  EXPECT_EQ(r.new_slowdowns, 0);
  EXPECT_TRUE(r.unconfirmed.empty());
  const std::string summary = RenderHistorySummary(r);
  EXPECT_NE(summary.find("16 runs, 2 benchmarks, 1 machine."), std::string::npos) << summary;
  EXPECT_NE(summary.find("\nno change points\n"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\nOne machine throughout.\n"), std::string::npos) << summary;
}

TEST(HistoryReportTest, AStepIsFoundWhereItIsWithItsSegments) {
  Texts t;
  for (int i = 0; i < 20; ++i) {
    t.Add("aaaaaaaa", kMachine, {{kA, Around(i < 11 ? 10e6 : 11e6, i)}, {kB, Around(500, i)}});
  }
  const History h = t.Read();
  const HistoryReport r = AnalyseHistory(h, HistoryOptions{});
  ASSERT_EQ(r.steps.size(), 1u);
  const HistoryStep& s = r.steps[0];
  EXPECT_EQ(r.series[s.series].benchmark, kA);
  EXPECT_EQ(s.point, 11u) << "the first run after the step, the twelfth";
  EXPECT_NEAR(s.change, 0.10, 0.01);
  EXPECT_LT(s.p, 0.02);
  EXPECT_FALSE(s.new_with_newest) << "nine runs after it: not the newest run's";
  const HistorySeries& a = r.series[s.series];
  EXPECT_TRUE(a.points[11].step);
  EXPECT_FALSE(a.points[10].step);
  EXPECT_NEAR(a.points[0].segment_median, 10e6, 0.01 * 10e6);
  EXPECT_NEAR(a.points[19].segment_median, 11e6, 0.01 * 11e6);
  // Beyond a 15 % threshold, no step.
  HistoryOptions wide;
  wide.threshold = "15";
  EXPECT_TRUE(AnalyseHistory(h, wide).steps.empty());
  // series.csv: a row per run and benchmark, the step marked on run 12.
  const std::string csv = RenderHistorySeries(r);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 41);
  EXPECT_NE(csv.find(absl::StrCat(",", kA, ",12,r12,")), std::string::npos);
  const std::string cps = RenderHistoryChangePoints(r);
  EXPECT_NE(cps.find(absl::StrCat("aaaaaaaa,", kA, ",12,r12,2026-12-12T10:00:00+00:00,step,0.1")),
            std::string::npos)
      << cps;
}

TEST(HistoryReportTest, TheNewestRunStartsASlowdownOnceTheStepShows) {
  Texts t;
  for (int i = 0; i < 9; ++i) t.Add("aaaaaaaa", kMachine, {{kA, Around(10e6, i)}});
  // One slow run: a hint only, no change point.
  t.Add("aaaaaaaa", kMachine, {{kA, 11.5e6}});
  {
    const History h = t.Read();
    const HistoryReport r = AnalyseHistory(h, HistoryOptions{});
    EXPECT_TRUE(r.steps.empty());
    EXPECT_EQ(r.new_slowdowns, 0);
    ASSERT_EQ(r.unconfirmed.size(), 1u);
    EXPECT_EQ(r.unconfirmed[0].runs, 9);
    EXPECT_NEAR(r.unconfirmed[0].change, 0.15, 0.01);
  }
  // More slow runs: exactly one report says the newest run starts it.
  int alerts = 0;
  for (int i = 0; i < 6; ++i) {
    t.Add("aaaaaaaa", kMachine, {{kA, Around(11.5e6, i)}});
    const History h = t.Read();
    const HistoryReport r = AnalyseHistory(h, HistoryOptions{});
    if (r.new_slowdowns == 0) continue;
    ++alerts;
    ASSERT_FALSE(r.steps.empty());
    EXPECT_TRUE(r.steps.back().new_with_newest);
    EXPECT_EQ(h.runs[r.series[0].points[r.steps.back().point].row->run].rev, "r10");
    EXPECT_NE(RenderHistorySummary(r).find("; new with the newest run\n"), std::string::npos);
    EXPECT_NE(RenderHistoryChangePoints(r).find(",new-step,"), std::string::npos);
  }
  EXPECT_EQ(alerts, 1);
}

TEST(HistoryReportTest, MachinesAreNeverComparedAndTheirChangeIsSaid) {
  Texts t;
  for (int i = 0; i < 8; ++i) t.Add("aaaaaaaa", kMachine, {{kA, Around(10e6, i)}});
  for (int i = 0; i < 8; ++i) {
    t.Add("bbbbbbbb", "cpu_model=AMD EPYC; kernel=6.5.0; num_cpus=64", {{kA, Around(12e6, i)}});
  }
  const History h = t.Read();
  const HistoryReport r = AnalyseHistory(h, HistoryOptions{});
  EXPECT_TRUE(r.steps.empty()) << "20 % slower on another machine is no step";
  ASSERT_EQ(r.series.size(), 2u);
  ASSERT_EQ(r.machines.size(), 2u);
  EXPECT_EQ(r.machines[1].runs, 8);
  EXPECT_EQ(r.position[8], 1) << "each machine's runs counted afresh";
  ASSERT_EQ(r.machine_changes.size(), 1u);
  const std::vector<MachineDifference>& d = r.machine_changes[0].differences;
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].key, "kernel");
  EXPECT_EQ(d[0].after, "6.5.0");
  EXPECT_EQ(d[1].key, "num_cpus");
  EXPECT_EQ(d[1].before, "(none)");
  EXPECT_NE(RenderHistorySummary(r).find(
                "The machine changed at rev r9 (run 9, 2026-12-09): aaaaaaaa → bbbbbbbb (kernel "
                "6.1.0 → 6.5.0; num_cpus (none) → 64)."),
            std::string::npos);
  HistoryOptions one;
  one.fingerprint = "bbbbbbbb";
  const HistoryReport only = AnalyseHistory(h, one);
  EXPECT_EQ(only.runs_shown, 8);
  EXPECT_EQ(only.series.size(), 1u);
  EXPECT_EQ(only.position[0], 0);
}

TEST(HistoryRenderTest, ChartsPerFamilyLegendInNameOrderLogScaleForWideRanges) {
  Texts t;
  for (int i = 0; i < 4; ++i) {
    t.Add("aaaaaaaa", kMachine,
          {{"Cpu/X/workers:10", 1e6}, {"Cpu/X/workers:2", 50e6}, {"My family/y", 1e3}});
  }
  const History h = t.Read();
  const HistoryReport r = AnalyseHistory(h, HistoryOptions{});
  const HistoryCharts c = RenderHistoryCharts(r, "/p");
  EXPECT_EQ(c.pngs, (std::vector<std::string>{"trend-Cpu.png", "trend-My_family.png"}));
  ASSERT_EQ(c.data.size(), 3u);
  EXPECT_EQ(c.data[0].first, "s1.dat");
  EXPECT_EQ(c.data[0].second.substr(0, 2), "1 ");
  const size_t two = c.script.find("title 'X/workers:2'");
  const size_t ten = c.script.find("title 'X/workers:10'");
  ASSERT_NE(two, std::string::npos);
  ASSERT_NE(ten, std::string::npos);
  EXPECT_LT(two, ten) << "workers:2 before workers:10";
  EXPECT_NE(c.script.find("set logscale y\n"), std::string::npos) << "1 ms to 51 ms: a log scale";
  EXPECT_NE(c.script.find("unset logscale y\n"), std::string::npos) << "one series: linear";
  EXPECT_NE(c.script.find("set output '/p/png/trend-Cpu.png'\n"), std::string::npos);
}

}  // namespace
}  // namespace parbench::report
