#include "lib/report/compare.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lib/report/run_reader.h"
#include "test/report/fixture_text.h"

namespace parbench::report {
namespace {

report::Run Read(const std::string& name) {
  absl::StatusOr<report::Run> run = ReadRun(Fixture("compare/" + name), name);
  EXPECT_TRUE(run.ok()) << run.status();
  return *run;
}

const ComparisonRow& Row(const Comparison& c, const std::string& name) {
  for (const ComparisonRow& r : c.rows) {
    if (r.name == name) return r;
  }
  ADD_FAILURE() << "no row " << name;
  static const ComparisonRow kNone;
  return kNone;
}

// base.json against slower.json: the cases test/scripts/compare_test.sh
// checks through the script, here on the computed model.
TEST(CompareTest, VerdictsAndNumbers) {
  const Comparison c = Compare(Read("base.json"), Read("slower.json"), CompareOptions{});
  const ComparisonRow& slower = Row(c, "Cpu/Slower/real_time");
  EXPECT_EQ(slower.verdict, Verdict::kSlower);
  EXPECT_NEAR(*slower.change, 0.12, 1e-12);
  EXPECT_NEAR(*slower.p_value, 0.0001806347208, 1e-12);
  EXPECT_EQ(slower.repetitions, "10/10");
  EXPECT_EQ(Row(c, "Cpu/Faster/real_time").verdict, Verdict::kFaster);
  EXPECT_EQ(Row(c, "Cpu/Overlap/real_time").note, "within noise: p=0.472 >= alpha");
  EXPECT_EQ(Row(c, "Few/Reps/real_time").note,
            "threshold only: too few repetitions for the U test (3/3)");
  EXPECT_EQ(Row(c, "Only/Baseline/real_time").verdict, Verdict::kBaselineOnly);
  EXPECT_EQ(Row(c, "Only/Contender/real_time").verdict, Verdict::kContenderOnly);
  EXPECT_EQ(Row(c, "Broken/Bench/real_time").note, "contender: worker crashed");
  EXPECT_EQ(c.compared, 6);
  EXPECT_EQ(c.slower, 2);
  ASSERT_FALSE(c.rows.empty());
  EXPECT_EQ(c.rows.back().name, "OVERALL_GEOMEAN");
  EXPECT_NEAR(*c.rows.back().change, 0.02409975003, 1e-10);
}

// The issue's order: slower rows first, then faster, then the rest, each
// group in the tables' order, whatever order the files hold them in.
TEST(CompareTest, SlowerFirstThenFasterThenTheRest) {
  const Comparison c = Compare(Read("base.json"), Read("slower.json"), CompareOptions{});
  int last_group = 0;
  for (size_t i = 0; i + 1 < c.rows.size(); ++i) {
    const Verdict v = c.rows[i].verdict;
    const int group = v == Verdict::kSlower ? 0 : v == Verdict::kFaster ? 1 : 2;
    EXPECT_GE(group, last_group) << c.rows[i].name;
    last_group = group;
  }
  EXPECT_EQ(c.rows[0].verdict, Verdict::kSlower);
}

TEST(CompareTest, TablesOrderWhateverTheFilesOrder) {
  const std::string kRun = R"({"benchmarks": [
    {"name": "Cpu/ThreadPool/warm/workers:10/tasks:8/real_time", "real_time": 1, "cpu_time": 1, "time_unit": "ms"},
    {"name": "BM_other/2", "real_time": 1, "cpu_time": 1, "time_unit": "ms"},
    {"name": "Cpu/ThreadPool/cold/workers:2/tasks:8/real_time", "real_time": 1, "cpu_time": 1, "time_unit": "ms"},
    {"name": "Cpu/ThreadPool/warm/workers:2/tasks:8/real_time", "real_time": 1, "cpu_time": 1, "time_unit": "ms"},
    {"name": "Cpu/Sequential/workers:1/tasks:8/real_time", "real_time": 1, "cpu_time": 1, "time_unit": "ms"},
    {"name": "Alpha/OpenMp/workers:1/tasks:8/real_time", "real_time": 1, "cpu_time": 1, "time_unit": "ms"}]})";
  absl::StatusOr<report::Run> run = ReadRun(kRun, "run.json");
  ASSERT_TRUE(run.ok()) << run.status();
  const Comparison c = Compare(*run, *run, CompareOptions{});
  std::vector<std::string> names;
  for (const ComparisonRow& r : c.rows) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "Alpha/OpenMp/workers:1/tasks:8/real_time",
                       "Cpu/Sequential/workers:1/tasks:8/real_time",
                       "Cpu/ThreadPool/cold/workers:2/tasks:8/real_time",
                       "Cpu/ThreadPool/warm/workers:2/tasks:8/real_time",
                       "Cpu/ThreadPool/warm/workers:10/tasks:8/real_time",
                       "BM_other/2",
                       "OVERALL_GEOMEAN",
                   }));
}

// Files regress.sh merged mark rounds: the U test runs on round medians.
TEST(CompareTest, RoundMedians) {
  const Comparison c =
      Compare(Read("rounds_base.json"), Read("rounds_contender.json"), CompareOptions{});
  EXPECT_TRUE(c.rounds_used);
  const ComparisonRow& clear = Row(c, "Cpu/Clear/real_time");
  EXPECT_EQ(clear.verdict, Verdict::kSlower);
  EXPECT_NEAR(*clear.p_value, 0.002164502165, 1e-12);
  EXPECT_EQ(clear.repetitions, "18/18");
  EXPECT_EQ(Row(c, "Cpu/Drift/real_time").note,
            "within noise: p=0.31 >= alpha (6/6 round medians)");
}

TEST(CompareTest, AggregatesOnlyAndOptions) {
  CompareOptions mean;
  mean.mean = true;
  const Comparison c = Compare(Read("aggonly_base.json"), Read("aggonly_contender.json"), mean);
  EXPECT_EQ(Row(c, "Agg/Slower").verdict, Verdict::kUnchanged);
  EXPECT_EQ(Row(c, "Agg/Slower").note, "aggregates only: threshold only");
  CompareOptions wide;
  wide.threshold = "15";
  const Comparison w = Compare(Read("base.json"), Read("slower.json"), wide);
  EXPECT_EQ(Row(w, "Cpu/Slower/real_time").verdict, Verdict::kUnchanged);
}

TEST(CompareTest, RendersTheScriptsFormats) {
  const CompareOptions o;
  const Comparison c = Compare(Read("base.json"), Read("slower.json"), o);
  const std::string csv = RenderComparison(c, o, CompareFormat::kCsv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "benchmark,baseline_ns,contender_ns,change,p_value,repetitions,verdict,note");
  const std::string md = RenderComparison(c, o, CompareFormat::kMarkdown);
  EXPECT_NE(md.find("| `Cpu/Slower/real_time` | 100.00 ms | 112.00 ms | +12.00% | 0.0002 | 10/10 "
                    "| **slower** |"),
            std::string::npos);
  const std::string table = RenderComparison(c, o, CompareFormat::kTable);
  EXPECT_NE(table.find("6 compared: 2 slower,"), std::string::npos);
}

}  // namespace
}  // namespace parbench::report

namespace parbench::report {
namespace {

// regress-summary.sh's sections: the slower rows alone, then every row, the
// closing lines after; a line saying so when nothing is slower.
TEST(CompareTest, SectionsTheRegressionsThenEveryBenchmark) {
  const CompareOptions o;
  const Comparison slow = Compare(Read("base.json"), Read("slower.json"), o);
  const std::string s = RenderComparison(slow, o, CompareFormat::kSections);
  const size_t every = s.find("\n### Every benchmark, the slower and the faster first\n\n");
  ASSERT_EQ(s.rfind("### Regressions\n\n| Benchmark |", 0), 0u) << s;
  ASSERT_NE(every, std::string::npos);
  const std::string regressions = s.substr(0, every);
  EXPECT_NE(regressions.find("| `Cpu/Slower/real_time` |"), std::string::npos);
  EXPECT_NE(regressions.find("| `Few/Reps/real_time` |"), std::string::npos);
  EXPECT_EQ(regressions.find("| faster |"), std::string::npos) << "slower rows only";
  const std::string md = RenderComparison(slow, o, CompareFormat::kMarkdown);
  EXPECT_EQ(
      s.substr(every +
               std::string("\n### Every benchmark, the slower and the faster first\n\n").size()),
      md)
      << "then the whole Markdown table, its closing lines included";
  const Comparison fast = Compare(Read("base.json"), Read("faster.json"), o);
  EXPECT_EQ(RenderComparison(fast, o, CompareFormat::kSections)
                .rfind("### Regressions\n\nNone: no benchmark is slower beyond the threshold", 0),
            0u);
}

}  // namespace
}  // namespace parbench::report
