// The table model (lib/report/table_build.h): cells, baseline, winners,
// rows in the tables' order whatever the JSON's, the scaling fit and the
// cost model keyed on roles, and the CSV read back into the same report.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "lib/report/csv.h"
#include "lib/report/csv_reader.h"
#include "lib/report/run_reader.h"
#include "lib/report/table_build.h"
#include "lib/report/table_markdown.h"
#include "lib/report/table_tsv.h"
#include "test/report/fixture_text.h"

namespace parbench::report {
namespace {

// One iteration record (or an error, when `error` is not empty).
struct Rec {
  Rec(std::string n, double t, std::string e = "")
      : name(std::move(n)), ns(t), error(std::move(e)) {}
  std::string name;
  double ns;
  std::string error;
};

std::string Json(const std::vector<Rec>& recs, const std::string& context = "") {
  std::vector<std::string> items;
  for (const Rec& r : recs) {
    if (!r.error.empty()) {
      items.push_back(absl::StrFormat(
          R"({"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": 1,)"
          R"( "error_occurred": true, "error_message": "%s"})",
          r.name, r.name, r.error));
      continue;
    }
    items.push_back(absl::StrFormat(
        R"({"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": 3,)"
        R"( "iterations": 1, "real_time": %.17g, "cpu_time": %.17g, "time_unit": "ns"})",
        r.name, r.name, r.ns, r.ns));
  }
  return absl::StrCat(R"({"context": {"host_name": "h", "num_cpus": 8)", context,
                      R"(}, "benchmarks": [)", absl::StrJoin(items, ", "), "]}");
}

TableReport Build(const std::string& json) {
  absl::StatusOr<report::Run> run = ReadRun(json, "in.json");
  EXPECT_TRUE(run.ok()) << run.status();
  run->source = "in.json";
  return BuildTableReport({*run});
}

std::string Cpu(const std::string& strategy, int workers) {
  return absl::StrCat("Cpu/", strategy, "/workers:", workers, "/tasks:10/real_time");
}

const TableRow* RowOf(const Table& t, const std::string& label) {
  for (const TableRow& r : t.rows) {
    if (r.Label() == label) return &r;
  }
  ADD_FAILURE() << "no row " << label;
  return nullptr;
}

TEST(TableTest, CellsAreMediansWithTheirSpread) {
  const TableReport rep = Build(Json({{Cpu("Sequential", 1), 100},
                                      {Cpu("Sequential", 1), 300},
                                      {Cpu("Sequential", 1), 200},
                                      {Cpu("ThreadPool/warm", 2), 60},
                                      {Cpu("ThreadPool/warm", 4), 0, "worker died"}}));
  ASSERT_EQ(rep.tables.size(), 1U);
  const Table& t = rep.tables[0];
  EXPECT_EQ(t.Title(), "Cpu, 10 tasks");
  const TableRow* seq = RowOf(t, "Sequential");
  ASSERT_NE(seq, nullptr);
  EXPECT_EQ(seq->cells[0].state, CellState::kOk);
  EXPECT_DOUBLE_EQ(seq->cells[0].median_ns, 200);
  // sd of 100, 200, 300 is 100; the mean 200.
  ASSERT_TRUE(seq->cells[0].cv);
  EXPECT_DOUBLE_EQ(*seq->cells[0].cv, 0.5);
  EXPECT_EQ(seq->cells[1].state, CellState::kNotRun);
  const TableRow* pool = RowOf(t, "ThreadPool (warm)");
  ASSERT_NE(pool, nullptr);
  EXPECT_FALSE(pool->cells[1].cv) << "one repetition has no spread";
  EXPECT_EQ(pool->cells[2].state, CellState::kError);
  EXPECT_EQ(pool->cells[2].error, "worker died");
}

TEST(TableTest, BaselineIsTheBaselineRowAtItsSmallestCleanWorkerCount) {
  const TableReport rep = Build(Json({{Cpu("Sequential", 1), 0, "boom"},
                                      {Cpu("Sequential", 2), 210},
                                      {Cpu("Sequential", 4), 190},
                                      {Cpu("ThreadPool/warm", 1), 220}}));
  const Table& t = rep.tables[0];
  ASSERT_TRUE(t.baseline);
  EXPECT_EQ(t.rows[t.baseline->row].role, RowRole::kBaseline);
  EXPECT_EQ(t.columns[t.baseline->column].workers, 2);
  EXPECT_DOUBLE_EQ(t.baseline->median_ns, 210);
}

TEST(TableTest, NoBaselineWithoutACleanSequentialRun) {
  const TableReport rep = Build(Json({{Cpu("ThreadPool/warm", 1), 220}}));
  EXPECT_FALSE(rep.tables[0].baseline);
  const std::string md = RenderTableMarkdown(rep);
  EXPECT_NE(md.find("- No clean Sequential run here: speedups need one."), std::string::npos);
}

TEST(TableTest, WinnersLeaveTheCeilingOutAndCountTheBaselineEverywhere) {
  const TableReport rep = Build(Json({{Cpu("Sequential", 1), 100},
                                      {Cpu("ThreadPool/warm", 1), 105},
                                      {Cpu("ThreadPool/warm", 2), 90},
                                      {Cpu("ProcessPool/warm", 2), 60},
                                      {Cpu("BareThreads", 2), 40}}));
  const Table& t = rep.tables[0];
  ASSERT_EQ(t.columns.size(), 2U);
  // 1 worker: Sequential 100 beats ThreadPool 105.
  ASSERT_TRUE(t.columns[0].winner && t.columns[0].runner_up);
  EXPECT_EQ(t.rows[t.columns[0].winner->row].strategy, "Sequential");
  EXPECT_EQ(t.rows[t.columns[0].runner_up->row].strategy, "ThreadPool");
  // 2 workers: BareThreads (40) is the ceiling, never the winner;
  // ProcessPool 60 wins, Sequential (its baseline 100, not run at 2) is
  // not the runner-up: ThreadPool's 90 is.
  ASSERT_TRUE(t.columns[1].winner && t.columns[1].runner_up);
  EXPECT_EQ(t.rows[t.columns[1].winner->row].strategy, "ProcessPool");
  EXPECT_DOUBLE_EQ(t.columns[1].winner->median_ns, 60);
  EXPECT_EQ(t.rows[t.columns[1].runner_up->row].strategy, "ThreadPool");
  EXPECT_EQ(t.rows[*t.columns[1].best_row].strategy, "ProcessPool");
}

TEST(TableTest, RowsAndColumnsComeInTheTablesOrderWhateverTheJsonOrder) {
  std::vector<Rec> recs = {{Cpu("BareThreads", 2), 50},      {Cpu("EventLoop", 1), 100},
                           {Cpu("ThreadPool/warm", 4), 30},  {Cpu("Sequential", 1), 100},
                           {Cpu("ThreadPool/cold", 2), 60},  {Cpu("ProcessPool/warm", 10), 20},
                           {Cpu("ProcessPool/warm", 2), 55}, {Cpu("MyOwnStrategy", 2), 70}};
  const TableReport a = Build(Json(recs));
  std::reverse(recs.begin(), recs.end());
  const TableReport b = Build(Json(recs));
  for (const TableReport* rep : {&a, &b}) {
    const Table& t = rep->tables[0];
    std::vector<std::string> rows;
    for (const TableRow& r : t.rows) rows.push_back(r.Label());
    EXPECT_EQ(absl::StrJoin(rows, ", "),
              "Sequential, ThreadPool (cold), ThreadPool (warm), ProcessPool (warm), EventLoop, "
              "MyOwnStrategy, BareThreads");
    std::vector<int64_t> ws;
    for (const Column& c : t.columns) ws.push_back(c.workers);
    EXPECT_EQ(ws, (std::vector<int64_t>{1, 2, 4, 10}));
  }
  EXPECT_EQ(RenderTableMarkdown(a), RenderTableMarkdown(b));
  EXPECT_EQ(RenderTableTsv(a), RenderTableTsv(b));
}

TEST(TableTest, RunsStrategyOrderComesFromItsContext) {
  const TableReport rep = Build(
      Json({{Cpu("Sequential", 1), 100}, {Cpu("Tbb", 1), 100}, {Cpu("ThreadPool/warm", 1), 100}},
           R"(, "parbench_strategies": "Sequential,Tbb,ThreadPool")"));
  const Table& t = rep.tables[0];
  ASSERT_EQ(t.rows.size(), 3U);
  EXPECT_EQ(t.rows[1].strategy, "Tbb");
  EXPECT_EQ(t.rows[2].strategy, "ThreadPool");
}

// Exact USL speedups (σ = 0.05, κ = 0.002) are recovered with intervals of
// no width; speedups that only flatten put κ at its bound: no peak.
TEST(TableTest, ScalingFitIsTheNonlinearUslWithItsBounds) {
  std::vector<Rec> recs = {{Cpu("Sequential", 1), 1e8}};
  for (const int n : {1, 2, 4, 8, 16}) {
    const double c = n / (1 + 0.05 * (n - 1) + 0.002 * n * (n - 1));
    recs.push_back({Cpu("ThreadPool/warm", n), 1e8 / c});
    // Amdahl with σ = 0.1, a little better at many workers: the
    // unbounded optimum has κ < 0, so κ = 0 at its bound.
    recs.push_back(
        {Cpu("ProcessPool/warm", n), 1e8 * (1 + 0.1 * (n - 1)) / n * (1 - 0.001 * (n - 1))});
  }
  const TableReport rep = Build(Json(recs, R"(, "parbench_usable_cpus": 16)"));
  const Table& t = rep.tables[0];
  const TableRow* pool = RowOf(t, "ThreadPool (warm)");
  ASSERT_NE(pool, nullptr);
  ASSERT_TRUE(pool->fit) << pool->no_fit;
  EXPECT_NEAR(pool->fit->usl.sigma.value, 0.05, 1e-6);
  EXPECT_NEAR(pool->fit->usl.kappa.value, 0.002, 1e-7);
  ASSERT_TRUE(pool->fit->usl.peak);
  EXPECT_NEAR(pool->fit->usl.peak->value, std::sqrt(0.95 / 0.002), 1e-3);
  ASSERT_TRUE(pool->fit->scale);
  EXPECT_DOUBLE_EQ(*pool->fit->scale, 1);
  const TableRow* amdahl = RowOf(t, "ProcessPool (warm)");
  ASSERT_NE(amdahl, nullptr);
  ASSERT_TRUE(amdahl->fit) << amdahl->no_fit;
  EXPECT_TRUE(amdahl->fit->usl.kappa_at_bound);
  EXPECT_FALSE(amdahl->fit->usl.peak);
  EXPECT_NEAR(amdahl->fit->usl.sigma.value, 0.1, 0.02);
  EXPECT_EQ(amdahl->fit->usl.kappa.value, 0);
  const std::string md = RenderTableMarkdown(rep);
  EXPECT_NE(md.find("(at bound 0) | κ = 0: no peak |"), std::string::npos) << md;
}

TEST(TableTest, NoFitWithFewerThanThreeWorkerCounts) {
  const TableReport rep = Build(Json({{Cpu("Sequential", 1), 100},
                                      {Cpu("ThreadPool/warm", 1), 100},
                                      {Cpu("ThreadPool/warm", 2), 50}}));
  const TableRow* pool = RowOf(rep.tables[0], "ThreadPool (warm)");
  ASSERT_NE(pool, nullptr);
  EXPECT_FALSE(pool->fit);
  EXPECT_EQ(pool->no_fit, "needs ≥ 3 worker counts ≤ usable CPUs; here 1, 2");
}

// The cost model comes from the roles: Tbb (block) reads its PerTask rows
// as one region, Mpi (chunked, remote) its round trips, and a strategy
// with no known roles says so.
TEST(TableTest, CostModelIsKeyedOnRoles) {
  const TableReport rep = Build(Json({
      {Cpu("Sequential", 1), 1e6},
      {Cpu("Tbb", 2), 6e5},
      {Cpu("Mpi/warm", 2), 6e5},
      {Cpu("MyOwnStrategy", 2), 6e5},
      {"Overhead/PerTask/Tbb/batch:1000/workers:2/real_time", 2e6},
      {"Overhead/RoundTrip/Mpi/workers:1/real_time", 1000},
      {"Overhead/RoundTrip/Mpi/workers:2/real_time", 3000},
  }));
  const Table& t = rep.tables[0];
  ASSERT_TRUE(t.cpu_bound);
  const size_t two = *t.ColumnOf(2);
  const TableRow* tbb = RowOf(t, "Tbb");
  ASSERT_NE(tbb, nullptr);
  ASSERT_TRUE(tbb->models[two].params);
  // A chunked runtime (its facts): the pools' default chunks.
  EXPECT_EQ(tbb->models[two].params->rule, stats::ChunkRule::kDefault);
  // One region: 2 µs per task × the batch of 1000.
  EXPECT_DOUBLE_EQ(tbb->models[two].params->fixed0.value, 2e6);
  // No BareThreads: the ceiling is min(n, usable CPUs) = 2; the work of
  // 5 tasks of 100 µs (10 chunks of 1 in 5 rounds: the same share): 500 µs
  // + 2 ms.
  EXPECT_DOUBLE_EQ(tbb->models[two].predicted->value, 2.5e6);
  const TableRow* mpi = RowOf(t, "Mpi (warm)");
  ASSERT_NE(mpi, nullptr);
  ASSERT_TRUE(mpi->models[two].params) << mpi->models[two].why;
  EXPECT_DOUBLE_EQ(mpi->models[two].params->fixed0.value, 1000);
  EXPECT_DOUBLE_EQ(mpi->models[two].params->terms.dispatch.value, 3000);
  // Default chunk: floor(10 / 8) = 1, 10 chunks, 5 rounds: 5 × 100 µs +
  // 1 µs + 10 × 3 µs.
  EXPECT_DOUBLE_EQ(mpi->models[two].predicted->value, 5e5 + 1000 + 30000);
  ASSERT_TRUE(mpi->models[two].break_even);
  const TableRow* mine = RowOf(t, "MyOwnStrategy");
  ASSERT_NE(mine, nullptr);
  EXPECT_FALSE(mine->models[two].params);
  EXPECT_EQ(mine->models[two].why, "no model for MyOwnStrategy");
}

TEST(TableTest, PredictionsCarryTheMeasurementsErrors) {
  std::vector<Rec> recs;
  for (const double ns : {0.9e6, 1e6, 1.1e6, 1.05e6}) recs.push_back({Cpu("Sequential", 1), ns});
  for (const double ns : {5e5, 5.5e5, 6e5}) recs.push_back({Cpu("ThreadPool/warm", 2), ns});
  for (const double ns : {900, 1000, 1100}) {
    recs.push_back({"Overhead/RoundTrip/ThreadPool/workers:1/real_time", ns});
  }
  for (const double ns : {2e6, 2.2e6, 2.4e6}) {
    recs.push_back({"Overhead/PerTask/ThreadPool/batch:1000/chunk:1/workers:2/real_time", ns});
  }
  const TableReport rep = Build(Json(recs));
  const Table& t = rep.tables[0];
  const TableRow* pool = RowOf(t, "ThreadPool (warm)");
  ASSERT_NE(pool, nullptr);
  const CellModel& m = pool->models[*t.ColumnOf(2)];
  ASSERT_TRUE(m.predicted);
  ASSERT_TRUE(m.predicted->std_error);
  EXPECT_GT(*m.predicted->std_error, 0);
  ASSERT_TRUE(m.break_even && m.break_even->std_error);
  EXPECT_GT(*m.break_even->std_error, 0);
  // 10 tasks × 102.5 µs (the median of Sequential's four) × share 0.5 +
  // a round trip of 1 µs + 10 chunks × 2.2 µs: 535.5 µs, with its range.
  EXPECT_DOUBLE_EQ(m.predicted->value, 535500);
  const std::string md = RenderTableMarkdown(rep);
  EXPECT_NE(md.find("| ThreadPool (warm) | 1.04 ms ["), std::string::npos) << md;
  EXPECT_NE(md.find(" | 536 µs ["), std::string::npos) << md;
}

TEST(TableTest, CsvReadsBackIntoTheSameReport) {
  for (const char* name : {"table.json", "strategies.json", "model.json", "edge.json"}) {
    absl::StatusOr<report::Run> run = ReadRun(Fixture(name), name);
    ASSERT_TRUE(run.ok()) << run.status();
    run->source = name;
    const TableReport from_json = BuildTableReport({*run});
    absl::StatusOr<std::vector<report::Run>> runs = ReadCsvRuns(RenderCsv({*run}), "in.csv");
    ASSERT_TRUE(runs.ok()) << runs.status();
    const TableReport from_csv = BuildTableReport(*runs);
    EXPECT_EQ(RenderTableMarkdown(from_json), RenderTableMarkdown(from_csv)) << name;
    EXPECT_EQ(RenderTableTsv(from_json), RenderTableTsv(from_csv)) << name;
    EXPECT_EQ(RenderTableModel(from_json), RenderTableModel(from_csv)) << name;
  }
}

TEST(TableTest, MalformedCsvNamesTheLineAndTheField) {
  absl::StatusOr<report::Run> run = ReadRun(Json({{Cpu("Sequential", 1), 100}}), "in.json");
  ASSERT_TRUE(run.ok());
  std::string csv = RenderCsv({*run});
  const size_t at = csv.find(",100,");
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, 5, ",fast,");
  absl::StatusOr<std::vector<report::Run>> runs = ReadCsvRuns(csv, "in.csv");
  ASSERT_FALSE(runs.ok());
  EXPECT_EQ(runs.status().message(),
            "in.csv: line 2 (Cpu/Sequential/workers:1/tasks:10/real_time): real_ns is not a "
            "number: 'fast'");
  runs = ReadCsvRuns("a,b\n1,2\n", "x.csv");
  ASSERT_FALSE(runs.ok());
  EXPECT_EQ(runs.status().message(), "x.csv is not json2csv.sh output: no \"source\" column");
  EXPECT_FALSE(ReadCsvRuns("", "e.csv").ok());
  EXPECT_FALSE(ReadCsvRuns("source,\"open\n", "q.csv").ok());
}

TEST(TableTest, EmptyRunSaysSo) {
  const TableReport rep = BuildTableReport({});
  EXPECT_EQ(RenderTableMarkdown(rep),
            "# parbench results\n\nNo benchmark results in this input.\n");
}

}  // namespace
}  // namespace parbench::report
