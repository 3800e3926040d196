#include "lib/report/run_reader.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <string>

#include "gtest/gtest.h"
#include "lib/report/csv.h"
#include "test/report/fixture_text.h"

namespace parbench::report {
namespace {

// One record with `fields` (JSON members, comma-led) after its name.
std::string OneRecord(const std::string& fields) {
  return R"({"benchmarks": [{"name": "Cpu/Sequential/workers:1/tasks:10/real_time",)"
         R"( "run_type": "iteration")" +
         fields + "}]}";
}

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<report::Run> run = ReadRun(text, "in.json");
  EXPECT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(run.status().message());
}

TEST(RunReaderTest, ReadsEdgeFixture) {
  absl::StatusOr<report::Run> run = ReadRun(Fixture("edge.json"), "edge.json");
  ASSERT_TRUE(run.ok()) << run.status();
  ASSERT_FALSE(run->records.empty());
  const Record& first = run->records[0];
  EXPECT_EQ(first.facts.workload, "Cpu");
  EXPECT_EQ(first.facts.strategy, "Sequential");
  ASSERT_TRUE(first.real_ns.has_value());
  EXPECT_DOUBLE_EQ(*first.real_ns, 52.5e6);  // 52.5 ms
  bool saw_nan = false, saw_error = false;
  for (const Record& r : run->records) {
    const auto it = r.counters.find("oversubscribed");
    saw_nan |= it != r.counters.end() && std::isnan(it->second);
    saw_error |= r.error && !r.real_ns && r.error_message.has_value();
  }
  EXPECT_TRUE(saw_nan) << "Google Benchmark's bare NaN is read as a number";
  EXPECT_TRUE(saw_error) << "an errored record keeps its message and no times";
}

TEST(RunReaderTest, OneLineNamingRecordAndField) {
  EXPECT_EQ(ErrorOf(OneRecord(R"(, "real_time": "fast", "cpu_time": 1, "time_unit": "ns")")),
            "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): real_time is a "
            "string, not a number");
  EXPECT_EQ(ErrorOf(OneRecord(R"(, "cpu_time": 1, "time_unit": "ns")")),
            "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): real_time is "
            "missing");
  EXPECT_EQ(ErrorOf(OneRecord(R"(, "real_time": 1, "cpu_time": 1, "time_unit": "h")")),
            "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): time_unit is "
            "\"h\", not ns, us, ms or s");
  EXPECT_EQ(ErrorOf(OneRecord(R"(, "real_time": NaN, "cpu_time": 1, "time_unit": "ns")")),
            "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): real_time is not "
            "finite");
  EXPECT_EQ(
      ErrorOf(
          OneRecord(R"(, "real_time": 1, "cpu_time": 1, "time_unit": "ns", "iterations": [1])")),
      "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): iterations is an array, "
      "not a number");
}

TEST(RunReaderTest, RefusesOtherDocuments) {
  EXPECT_EQ(ErrorOf(""), "in.json is empty");
  EXPECT_EQ(ErrorOf(R"({"context": {}})"),
            "in.json has no \"benchmarks\" array: not Google Benchmark JSON");
  EXPECT_EQ(ErrorOf(R"([{"name": "x"}])"),
            "in.json has no \"benchmarks\" array: not Google Benchmark JSON");
  EXPECT_EQ(ErrorOf(R"({"benchmarks": [{"real_time": 1}]})"),
            "in.json has record 0 without a name");
  EXPECT_EQ(ErrorOf(R"({"benchmarks": [], "context": 3})"),
            "in.json has a \"context\" that is not an object");
  const std::string garbage = ErrorOf("not json at all");
  EXPECT_EQ(garbage.rfind("in.json is not valid JSON (", 0), 0u) << garbage;
  EXPECT_EQ(garbage.find('\n'), std::string::npos);
  EXPECT_FALSE(ReadRun(Fixture("table-spec.json"), "spec").ok());
}

TEST(RunReaderTest, NanInsideStringsIsText) {
  absl::StatusOr<report::Run> run = ReadRun(
      OneRecord(R"(, "real_time": 1, "cpu_time": 1, "time_unit": "ns", "label": "NaN Infinity")"),
      "in.json");
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->records[0].label, "NaN Infinity");
}

// bench's facts label is read instead of the name: the facts are the
// label's, even where the name would say otherwise.
TEST(RunReaderTest, FactsFromTheFactsLabel) {
  absl::StatusOr<report::Run> run =
      ReadRun(OneRecord(R"(, "real_time": 1, "cpu_time": 1, "time_unit": "ns", "label": )"
                        R"("facts=1 workload=Io strategy=Sequential workers=1 tasks=3 kind=inline )"
                        R"(dispatch=block role=baseline")"),
              "in.json");
  ASSERT_TRUE(run.ok()) << run.status();
  const BenchFacts& f = run->records[0].facts;
  EXPECT_EQ(f.source, FactsSource::kFactsLabel);
  EXPECT_EQ(f.workload, "Io") << "the label's, not the name's Cpu";
  EXPECT_EQ(f.tasks, 3);
  EXPECT_EQ(f.table_role, TableRole::kBaseline);
  EXPECT_EQ(f.workload_role, WorkloadRole::kNone);

  // Without a facts= item: the legacy reader, from the name.
  run = ReadRun(OneRecord(R"(, "real_time": 1, "cpu_time": 1, "time_unit": "ns", )"
                          R"("label": "floor=Floor/Fork/workers:1 per=4")"),
                "in.json");
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->records[0].facts.source, FactsSource::kLegacyName);
  EXPECT_EQ(run->records[0].facts.tasks, 10);
  EXPECT_EQ(run->records[0].facts.per, 4);
  EXPECT_EQ(run->records[0].facts.workload_role, WorkloadRole::kReference);
}

TEST(RunReaderTest, KnobsFromTheLabelElseFromAnOlderLabelsName) {
  auto knobs_run = [](const std::string& label) {
    return ReadRun(R"({"benchmarks": [{"name": "Knobs/ThreadPool/warm/spin:1/caller_runs:0/)"
                   R"(workers:2/tasks:8/real_time", "run_type": "iteration", "real_time": 1,)"
                   R"( "cpu_time": 1, "time_unit": "ns", "label": ")" +
                       label + R"("}]})",
                   "in.json");
  };
  // A label that says them: the label's, not the name's.
  absl::StatusOr<report::Run> run =
      knobs_run("facts=1 workload=Knobs strategy=ThreadPool spin=0 caller_runs=1");
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->records[0].facts.spin, 0);
  EXPECT_EQ(run->records[0].facts.caller_runs, 1);
  // A label of bench before it wrote them: the legacy reader's, from the name.
  run = knobs_run("facts=1 workload=Knobs strategy=ThreadPool");
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->records[0].facts.source, FactsSource::kFactsLabel);
  EXPECT_EQ(run->records[0].facts.spin, 1);
  EXPECT_EQ(run->records[0].facts.caller_runs, 0);
}

TEST(RunReaderTest, MalformedFactsOneLineNamingRecordAndField) {
  auto with_label = [](const std::string& label) {
    return OneRecord(R"(, "real_time": 1, "cpu_time": 1, "time_unit": "ns", "label": ")" + label +
                     "\"");
  };
  EXPECT_EQ(ErrorOf(with_label("facts=1 workers=two")),
            "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): label facts item "
            "workers=two is not a count");
  EXPECT_EQ(ErrorOf(with_label("facts=1 kind=gpu")),
            "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): label facts item "
            "kind=gpu is not inline, threads, processes or remote");
  EXPECT_EQ(ErrorOf(with_label("facts=3")),
            "in.json: record 0 (Cpu/Sequential/workers:1/tasks:10/real_time): label facts=3: a "
            "version this reader does not know (it reads facts=1)");
}

// The exact CSV that scripts/json2csv.sh (jq + awk) wrote for the edge
// fixtures, committed with them.
TEST(CsvTest, SameAsJson2csvOnEdgeFixtures) {
  std::vector<report::Run> runs;
  for (const char* name : {"edge.json", "host2.json"}) {
    absl::StatusOr<report::Run> run = ReadRun(Fixture(name), name);
    ASSERT_TRUE(run.ok()) << run.status();
    runs.push_back(*std::move(run));
  }
  EXPECT_EQ(RenderCsv(runs), Fixture("edge-host2.expected.csv"));
}

}  // namespace
}  // namespace parbench::report
