// plot.sh's charts computed from the table model (lib/report/plot.h) and
// rendered as data files and a gnuplot script (lib/report/plot_script.h).
#include "lib/report/plot.h"

#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "lib/report/plot_script.h"
#include "lib/report/plot_shown.h"
#include "lib/report/run_reader.h"
#include "lib/report/table_build.h"

namespace parbench::report {
namespace {

std::string Json(const std::vector<std::pair<std::string, double>>& recs, int cpus) {
  std::vector<std::string> items;
  items.reserve(recs.size());
  for (const auto& [name, ns] : recs) {
    items.push_back(absl::StrFormat(
        R"({"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": 1,)"
        R"( "iterations": 1, "real_time": %.17g, "cpu_time": %.17g, "time_unit": "ns"})",
        name, name, ns, ns));
  }
  return absl::StrCat(R"({"context": {"host_name": "h", "num_cpus": )", cpus,
                      R"(}, "benchmarks": [)", absl::StrJoin(items, ", "), "]}");
}

Plots Build(const std::vector<std::pair<std::string, double>>& recs, int cpus = 4) {
  absl::StatusOr<report::Run> run = ReadRun(Json(recs, cpus), "in.json");
  EXPECT_TRUE(run.ok()) << run.status();
  run->source = "in.json";
  return BuildPlots(BuildTableReport({*run}));
}

const std::vector<std::pair<std::string, double>> kScaling = {
    {"Cpu/Sequential/workers:1/tasks:10/real_time", 1e6},
    {"Cpu/ThreadPool/warm/workers:2/tasks:10/real_time", 5e5},
    {"Cpu/ThreadPool/warm/workers:4/tasks:10/real_time", 2.5e5},
};

TEST(PlotTest, OneChartPerTableWithItsSeriesAndRanges) {
  const Plots plots = Build(kScaling);
  ASSERT_EQ(plots.charts.size(), 1u);
  const PlotChart& c = plots.charts[0];
  EXPECT_TRUE(c.drawn);
  EXPECT_EQ(c.name, "Cpu");
  EXPECT_EQ(c.subject, "Cpu, 10 tasks");
  ASSERT_EQ(c.series.size(), 2u);
  EXPECT_TRUE(c.series[0].baseline);
  EXPECT_FALSE(c.series[1].baseline);
  EXPECT_EQ(c.series[1].row, "ThreadPool (warm)");
  ASSERT_EQ(c.series[1].points.size(), 2u);
  EXPECT_EQ(c.series[1].points[0].workers, 2);
  EXPECT_DOUBLE_EQ(c.series[1].points[0].ms, 0.5);
  ASSERT_TRUE(c.series[1].points[1].speedup);
  EXPECT_DOUBLE_EQ(*c.series[1].points[1].speedup, 4);
  ASSERT_TRUE(c.baseline_ms);
  EXPECT_DOUBLE_EQ(*c.baseline_ms, 1);
  ASSERT_TRUE(c.speedup_max);
  EXPECT_DOUBLE_EQ(*c.speedup_max, 4);
  EXPECT_DOUBLE_EQ(c.SpeedupTop(), 4);
  EXPECT_DOUBLE_EQ(c.time_min, 0.25);
  EXPECT_DOUBLE_EQ(c.time_max, 1);
  EXPECT_EQ(c.min_workers, 1);
  EXPECT_EQ(c.max_workers, 4);
  ASSERT_EQ(c.tics.size(), 3u);
  EXPECT_EQ(c.tics[2].workers, 4);
  EXPECT_FALSE(c.oversubscribed_from);
}

TEST(PlotTest, OversubscribedSideStartsBetweenTheLastFittingAndFirstOverCount) {
  const Plots plots = Build(kScaling, 2);
  ASSERT_EQ(plots.charts.size(), 1u);
  const PlotChart& c = plots.charts[0];
  ASSERT_TRUE(c.oversubscribed_from);
  EXPECT_DOUBLE_EQ(*c.oversubscribed_from, std::sqrt(2.0 * 4.0));
  EXPECT_FALSE(c.tics[1].oversubscribed);
  EXPECT_TRUE(c.tics[2].oversubscribed);
}

TEST(PlotTest, BaselineAloneIsNotDrawn) {
  const Plots plots = Build({{"Cpu/Sequential/workers:1/tasks:10/real_time", 1e6}});
  ASSERT_EQ(plots.charts.size(), 1u);
  EXPECT_FALSE(plots.charts[0].drawn);
  const std::vector<PlotFile> files = RenderPlotData(plots, "/d");
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.back().path, "/d/names");
  EXPECT_EQ(files.back().text, "");
}

TEST(PlotTest, TimeTicsAreOneTwoFiveTimesPowersOfTen) {
  const std::vector<double> tics = TimeTics(0.15, 30);
  const std::vector<double> want = {0.2, 0.5, 1, 2, 5, 10, 20};
  ASSERT_EQ(tics.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_DOUBLE_EQ(tics[i], want[i]) << i;
}

TEST(PlotTest, DataFilesHoldEachSeriesPoints) {
  const std::vector<PlotFile> files = RenderPlotData(Build(kScaling), "/d");
  ASSERT_EQ(files.size(), 3u);  // Sequential, ThreadPool, names
  EXPECT_EQ(files[0].path, "/d/c1s1.dat");
  EXPECT_EQ(files[0].text, "1 1 1 0\n");
  EXPECT_EQ(files[1].path, "/d/c1s2.dat");
  EXPECT_EQ(files[1].text, "2 0.5 2 0\n4 0.25 4 0\n");
  EXPECT_EQ(files[2].text, "Cpu\n");
}

TEST(PlotTest, ScriptDrawsBothChartsWithTheirRanges) {
  const std::string gp = RenderPlotScript(Build(kScaling), "/d", "/p");
  EXPECT_NE(gp.find("set output '/p/speedup-Cpu.png'\n"), std::string::npos);
  EXPECT_NE(gp.find("set output '/p/time-Cpu.png'\n"), std::string::npos);
  EXPECT_NE(gp.find("set yrange [0:5]\n"), std::string::npos);  // 4x with a quarter's room
  EXPECT_NE(gp.find("set xrange [0.8:5]\n"), std::string::npos);
  EXPECT_NE(gp.find("set xtics (\"1\" 1, \"2\" 2, \"4\" 4)\n"), std::string::npos);
  EXPECT_NE(gp.find("'/d/c1s2.dat' using 1:3:($3*$4) title 'ThreadPool (warm)' with yerrorlines"),
            std::string::npos);
  EXPECT_NE(gp.find("plot 1 title \"Sequential\""), std::string::npos);
  EXPECT_NE(gp.find("set table '/d/time-Cpu.table'\n"), std::string::npos);
}

// The curve is the table's nonlinear USL fit: fitted speedup over the
// baseline = (the 1-worker speedup × λ) × C(N), at 6 significant digits.
TEST(PlotTest, FitCurveIsTheTableRowsNonlinearFit) {
  const std::vector<std::pair<std::string, double>> recs = {
      {"Cpu/Sequential/workers:1/tasks:10/real_time", 1e6},
      {"Cpu/ThreadPool/warm/workers:1/tasks:10/real_time", 1.1e6},
      {"Cpu/ThreadPool/warm/workers:2/tasks:10/real_time", 6e5},
      {"Cpu/ThreadPool/warm/workers:4/tasks:10/real_time", 3.6e5},
      {"Cpu/ThreadPool/warm/workers:8/tasks:10/real_time", 2.9e5},
  };
  absl::StatusOr<report::Run> run = ReadRun(Json(recs, 8), "in.json");
  ASSERT_TRUE(run.ok()) << run.status();
  const TableReport table = BuildTableReport({*run});
  ASSERT_EQ(table.tables.size(), 1u);
  const TableRow* pool = nullptr;
  for (const TableRow& row : table.tables[0].rows) {
    if (row.Label() == "ThreadPool (warm)") pool = &row;
  }
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(pool->fit && pool->fit->scale) << pool->no_fit;
  const Plots plots = BuildPlots(table);
  const PlotSeries& s = plots.charts[0].series[1];
  ASSERT_EQ(s.row, "ThreadPool (warm)");
  ASSERT_TRUE(s.fit);
  EXPECT_NEAR(s.fit->scale, *pool->fit->scale * pool->fit->usl.lambda.value, 1e-5 * s.fit->scale);
  EXPECT_NEAR(s.fit->sigma, pool->fit->usl.sigma.value, 1e-5);
  EXPECT_NEAR(s.fit->kappa, pool->fit->usl.kappa.value, 1e-5);
  const std::string gp = RenderPlotScript(plots, "/d", "/p");
  EXPECT_NE(gp.find(absl::StrFormat("%.6g * x / (1 + %.6g * (x - 1) + %.6g * x * (x - 1)) title "
                                    "'ThreadPool (warm) (USL fit)'",
                                    s.fit->scale, s.fit->sigma, s.fit->kappa)),
            std::string::npos);
}

// plot.sh --shown: gnuplot's axes and `set table` read back, a curve
// without points as one row so that its legend entry shows.
TEST(PlotShownTest, ReadsEveryPointAndEmptyCurves) {
  const std::string dir = ::testing::TempDir() + "/plot_shown";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/names") << "Cpu\n";
  std::ofstream(dir + "/time-Cpu.axes") << "0.8 5 0.1 2\n";
  std::ofstream(dir + "/time-Cpu.table")
      << "# Curve 0 of 2, 2 points\n# Curve title: \"Sequential\"\n# x y type\n1 1 i\n"
         "6 1 o\n\n# Curve title: \"empty\"\n\n";
  absl::StatusOr<std::vector<ShownPoint>> shown = ReadShown(dir);
  ASSERT_TRUE(shown.ok()) << shown.status();
  EXPECT_EQ(RenderShown(*shown),
            "chart\tseries\tx\ty\twhere\txmin\txmax\tymin\tymax\n"
            "time-Cpu.png\tSequential\t1\t1\tinside\t0.8\t5\t0.1\t2\n"
            "time-Cpu.png\tSequential\t6\t1\toutside\t0.8\t5\t0.1\t2\n"
            "time-Cpu.png\tempty\t\t\t\t0.8\t5\t0.1\t2\n");
  EXPECT_FALSE(ReadShown(dir + "/none").ok());
}

}  // namespace
}  // namespace parbench::report
