#include "bench/records_reporter.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using Run = benchmark::BenchmarkReporter::Run;

// A display that counts what it is given.
class CountingDisplay : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& reports) override { runs += reports.size(); }
  void Finalize() override { finalized = true; }
  std::size_t runs = 0;
  bool finalized = false;
};

Run Repetition(const std::string& name, int index, bool error = false) {
  Run run;
  run.run_name.function_name = name;
  run.repetitions = 2;
  run.repetition_index = index;
  run.iterations = 3;
  run.real_accumulated_time = 0.5;
  run.cpu_accumulated_time = 0.25;
  run.error_occurred = error;
  if (error) run.error_message = "a \"quoted\" failure";
  return run;
}

Run Aggregate(const std::string& name, const std::string& which) {
  Run run = Repetition(name, 0);
  run.run_type = Run::RT_Aggregate;
  run.aggregate_name = which;
  return run;
}

class RecordsReporterTest : public ::testing::Test {
 protected:
  std::vector<std::string> Lines() const { return scratch_.Lines(); }
  testing::ScratchFile scratch_;
  const std::string& path_ = scratch_.path();
};

TEST_F(RecordsReporterTest, OneLinePerBenchmarkAsSoonAsItIsComplete) {
  absl::StatusOr<LineFile> file = LineFile::Create(path_);
  ASSERT_TRUE(file.ok());
  CountingDisplay display;
  RecordsReporter records(*std::move(file), &display);
  const benchmark::BenchmarkReporter::Context context;
  ASSERT_TRUE(records.ReportContext(context));
  ASSERT_EQ(Lines().size(), 1u);
  EXPECT_EQ(Lines()[0].rfind("{\"context\": {\"date\": ", 0), 0u) << Lines()[0];
  EXPECT_EQ(Lines()[0].back(), '}');

  // Two good repetitions: the aggregates follow, and join their line.
  records.ReportRuns({Repetition("A", 0), Repetition("A", 1)});
  EXPECT_EQ(Lines().size(), 1u);
  records.ReportRuns({Aggregate("A", "mean"), Aggregate("A", "median")});
  ASSERT_EQ(Lines().size(), 2u);
  EXPECT_EQ(Lines()[1].rfind("{\"benchmark\": \"A\", \"records\": [{\"name\": \"A\",", 0), 0u)
      << Lines()[1];
  EXPECT_NE(Lines()[1].find("\"name\": \"A_median\""), std::string::npos);

  // One good repetition and an error: no aggregates, so written at once.
  records.ReportRuns({Repetition("B", 0, /*error=*/true), Repetition("B", 1)});
  ASSERT_EQ(Lines().size(), 3u);
  EXPECT_NE(Lines()[2].find("\"error_message\": \"a \\\"quoted\\\" failure\""), std::string::npos)
      << Lines()[2];
  records.Finalize();
  EXPECT_EQ(Lines().size(), 3u);
  EXPECT_TRUE(records.status().ok());
  // The display saw everything.
  EXPECT_EQ(display.runs, 6u);
  EXPECT_TRUE(display.finalized);
}

TEST_F(RecordsReporterTest, AggregatesAloneMakeTheirOwnLine) {
  // --benchmark_report_aggregates_only: no repetitions before them.
  absl::StatusOr<LineFile> file = LineFile::Create(path_);
  ASSERT_TRUE(file.ok());
  CountingDisplay display;
  RecordsReporter records(*std::move(file), &display);
  ASSERT_TRUE(records.ReportContext(benchmark::BenchmarkReporter::Context()));
  records.ReportRuns({Aggregate("C", "mean")});
  EXPECT_EQ(Lines().size(), 2u);
}

TEST(AggregatesFollowTest, TwoRepetitionsWithoutErrorMakeAggregates) {
  EXPECT_TRUE(AggregatesFollow({Repetition("A", 0), Repetition("A", 1)}));
  EXPECT_FALSE(AggregatesFollow({Repetition("A", 0)}));
  EXPECT_FALSE(AggregatesFollow({Repetition("A", 0), Repetition("A", 1, /*error=*/true)}));
}

TEST(OneLineTest, DropsLineBreaksAndTheirIndent) {
  EXPECT_EQ(OneLine("{\n  \"a\": 1,\n  \"b\": \"x y\"\n}"), "{\"a\": 1,\"b\": \"x y\"}");
}

TEST(JsonStringTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(JsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
}

}  // namespace
}  // namespace parbench
