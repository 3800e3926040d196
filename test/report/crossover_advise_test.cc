// crossover (lib/report/crossover.h) and advise (lib/report/advise.h) on
// the table model: the smallest size from which a strategy keeps winning,
// and the choice the cost model favours, with the cheapest within noise.
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "lib/report/advise.h"
#include "lib/report/crossover.h"
#include "lib/report/run_reader.h"
#include "lib/report/table_build.h"

namespace parbench::report {
namespace {

std::string Json(const std::vector<std::pair<std::string, double>>& recs) {
  std::vector<std::string> items;
  items.reserve(recs.size());
  for (const auto& [name, ns] : recs) {
    items.push_back(absl::StrFormat(
        R"({"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": 1,)"
        R"( "iterations": 1, "real_time": %.17g, "cpu_time": %.17g, "time_unit": "ns"})",
        name, name, ns, ns));
  }
  return absl::StrCat(R"({"context": {"host_name": "h", "num_cpus": 4}, "benchmarks": [)",
                      absl::StrJoin(items, ", "), "]}");
}

TableReport Build(const std::string& json) {
  absl::StatusOr<report::Run> run = ReadRun(json, "in.json");
  EXPECT_TRUE(run.ok()) << run.status();
  run->source = "in.json";
  return BuildTableReport({*run});
}

std::string Sweep(const std::string& strategy, int workers, int size) {
  return absl::StrCat("CpuSweep/", strategy, "/workers:", workers, "/tasks:10/size:", size,
                      "/real_time");
}

TEST(CrossoverTest, SmallestSizeFromWhichItKeepsWinning) {
  std::vector<std::pair<std::string, double>> recs;
  // Sequential: 100 ns per size step. ThreadPool at 2 workers: 0.5×,
  // 1.25×, 0.8×, 1.6×, 2×: it wins from 1000 on (not from 100: it loses at
  // 300). ProcessPool never wins; its best is 0.8× at 1000.
  const std::vector<int> sizes = {10, 100, 300, 1000, 3000};
  const std::vector<double> pool = {0.5, 1.25, 0.8, 1.6, 2};
  const std::vector<double> proc = {0.1, 0.2, 0.4, 0.8, 0.5};
  for (size_t i = 0; i < sizes.size(); ++i) {
    const double seq = 100.0 * sizes[i];
    recs.push_back({Sweep("Sequential", 1, sizes[i]), seq});
    recs.push_back({Sweep("ThreadPool/warm", 2, sizes[i]), seq / pool[i]});
    recs.push_back({Sweep("ProcessPool/warm", 2, sizes[i]), seq / proc[i]});
  }
  const std::vector<CrossoverGroup> groups = ComputeCrossover(Build(Json(recs)));
  ASSERT_EQ(groups.size(), 1U);
  EXPECT_EQ(groups[0].name, "CpuSweep · 10 tasks");
  EXPECT_EQ(groups[0].workers, (std::vector<int64_t>{1, 2}));
  ASSERT_EQ(groups[0].rows.size(), 2U) << "Sequential left out";
  const CrossoverCell& tp = groups[0].rows[0].cells[1];
  EXPECT_EQ(groups[0].rows[0].label, "ThreadPool (warm)");
  ASSERT_TRUE(tp.from);
  EXPECT_DOUBLE_EQ(*tp.from, 1000);
  EXPECT_DOUBLE_EQ(tp.from_speedup, 1.6);
  const CrossoverCell& pp = groups[0].rows[1].cells[1];
  EXPECT_FALSE(pp.from);
  EXPECT_DOUBLE_EQ(pp.best, 0.8);
  EXPECT_DOUBLE_EQ(pp.best_size, 1000);
  EXPECT_FALSE(groups[0].rows[0].cells[0].measured) << "no ThreadPool at 1 worker";
  const std::string md = RenderCrossover(groups);
  EXPECT_NE(md.find("| ThreadPool (warm) | – | 1e+03 (1.60×) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| ProcessPool (warm) | – | never (best 0.80× at 1e+03) |"), std::string::npos)
      << md;
}

TEST(CrossoverTest, NoSweepNoGroups) {
  EXPECT_TRUE(
      ComputeCrossover(Build(Json({{"Cpu/Sequential/workers:1/tasks:10/real_time", 1}}))).empty());
}

// Cpu table: Sequential 1 ms for 10 tasks; ThreadPool and ProcessPool, both
// warm, at 2 and 4 workers; the pools' overheads measured.
std::string AdviseRun() {
  return Json({
      {"Cpu/Sequential/workers:1/tasks:10/real_time", 1e6},
      {"Cpu/ThreadPool/warm/workers:2/tasks:10/real_time", 5e5},
      {"Cpu/ThreadPool/warm/workers:4/tasks:10/real_time", 3e5},
      {"Cpu/ProcessPool/warm/workers:2/tasks:10/real_time", 5e5},
      {"Cpu/ProcessPool/warm/workers:4/tasks:10/real_time", 3e5},
      {"Overhead/RoundTrip/ThreadPool/workers:1/real_time", 1000},
      {"Overhead/RoundTrip/ProcessPool/workers:1/real_time", 20000},
      {"Overhead/PerTask/ThreadPool/batch:1000/chunk:1/workers:2/real_time", 1e6},
      {"Overhead/PerTask/ThreadPool/batch:1000/chunk:1/workers:4/real_time", 1e6},
      {"Overhead/PerTask/ProcessPool/batch:1000/chunk:1/workers:2/real_time", 2e7},
      {"Overhead/PerTask/ProcessPool/batch:1000/chunk:1/workers:4/real_time", 2e7},
  });
}

TEST(AdviseTest, FavoursTheFastestPredictionAndItsDominantTerm) {
  const TableReport rep = Build(AdviseRun());
  AdviseQuestion q{.task_ns = 1e6, .tasks = 100, .io = false, .family = "Cpu"};
  absl::StatusOr<Advice> a = ComputeAdvice(rep, q);
  ASSERT_TRUE(a.ok()) << a.status();
  // Four candidates: each pool at 2 and 4 workers (no 1-worker choice).
  ASSERT_EQ(a->candidates.size(), 4U);
  const Candidate& best = a->candidates[a->best];
  EXPECT_EQ(best.strategy, "ThreadPool");
  EXPECT_EQ(best.workers, 4);
  // Default chunk floor(100 / 16) = 6: 17 chunks, 5 rounds of 6 of 100:
  // 0.3 of 100 ms, + 1 µs + 17 × 1 µs.
  EXPECT_EQ(best.chunk, 6);
  EXPECT_EQ(best.chunks, 17);
  EXPECT_DOUBLE_EQ(best.time_ns, 0.3 * 1e8 + 1000 + 17 * 1000);
  EXPECT_EQ(best.dominant, stats::Dominant::kUnevenRounds);
  EXPECT_FALSE(a->sequential);
  EXPECT_EQ(a->cheapest, a->best) << "no spread: nothing else within the noise";
  const std::string text = RenderAdvice(*a, q);
  EXPECT_NE(text.find("- Use: ThreadPool (warm) with 4 workers: expected 3.33×"), std::string::npos)
      << text;
}

TEST(AdviseTest, TinyTasksStaySequential) {
  const TableReport rep = Build(AdviseRun());
  AdviseQuestion q{.task_ns = 10, .tasks = 10, .io = false, .family = "Cpu"};
  absl::StatusOr<Advice> a = ComputeAdvice(rep, q);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_TRUE(a->sequential);
  EXPECT_NE(RenderAdvice(*a, q).find("- Use: Sequential."), std::string::npos);
}

TEST(AdviseTest, SaysWhatIsMissing) {
  const TableReport rep = Build(AdviseRun());
  AdviseQuestion q{.task_ns = 1e6, .tasks = 10, .io = true, .family = "Io"};
  absl::StatusOr<Advice> a = ComputeAdvice(rep, q);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "has no Io results with Sequential (run the Io family)");
  const TableReport bare = Build(Json({{"Cpu/Sequential/workers:1/tasks:10/real_time", 1e6},
                                       {"Cpu/ThreadPool/warm/workers:2/tasks:10/real_time", 5e5}}));
  a = ComputeAdvice(bare,
                    AdviseQuestion{.task_ns = 1e6, .tasks = 10, .io = false, .family = "Cpu"});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "has no Cpu strategy the cost model covers (it needs the Overhead and Floor families "
            "of the same run)");
}

}  // namespace
}  // namespace parbench::report
