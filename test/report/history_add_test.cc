#include "lib/report/history_add.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/report/history.h"
#include "lib/report/run_reader.h"
#include "test/report/fixture_text.h"

namespace parbench::report {
namespace {

report::Run Read(const std::string& text) {
  absl::StatusOr<report::Run> run = ReadRun(text, "run.json");
  EXPECT_TRUE(run.ok()) << run.status();
  return run.ok() ? *run : report::Run{};
}

const std::string kEmptyRuns = absl::StrCat(kHistoryRunsHeader, "\n");
const std::string kEmptyRows = absl::StrCat(kHistoryRowsHeader, "\n");

// Four repetitions of one benchmark at 10.0, 10.1, 10.2 and 10.3 ms, and a
// median aggregate of another.
constexpr char kRun[] = R"({
  "context": {"date": "2026-11-25T10:00:00+00:00", "num_cpus": 2, "mhz_per_cpu": 2596,
    "caches": [{"type": "Data", "level": 1, "size": 32768, "num_sharing": 1}],
    "library_build_type": "debug", "parbench_revision": "abc123", "host_name": "vm"},
  "benchmarks": [
    {"name": "A/x", "run_name": "A/x", "run_type": "iteration", "real_time": 10.3, "cpu_time": 1, "time_unit": "ms"},
    {"name": "A/x", "run_name": "A/x", "run_type": "iteration", "real_time": 10.0, "cpu_time": 1, "time_unit": "ms"},
    {"name": "A/x", "run_name": "A/x", "run_type": "iteration", "real_time": 10.2, "cpu_time": 1, "time_unit": "ms"},
    {"name": "A/x", "run_name": "A/x", "run_type": "iteration", "real_time": 10.1, "cpu_time": 1, "time_unit": "ms"},
    {"name": "B,y_median", "run_type": "aggregate", "aggregate_name": "median", "repetitions": 7,
     "real_time": 2, "cpu_time": 2, "time_unit": "us"},
    {"name": "B,y_mean", "run_type": "aggregate", "aggregate_name": "mean", "repetitions": 7,
     "real_time": 3, "cpu_time": 3, "time_unit": "us"},
    {"name": "C", "error_occurred": true, "error_message": "x"}]})";

TEST(HistoryAddTest, PosixCksumIsCksumsCrc) {
  // printf '%s' TEXT | cksum
  EXPECT_EQ(PosixCksum(""), 4294967295U);
  EXPECT_EQ(PosixCksum("abc"), 1219131554U);
  EXPECT_EQ(PosixCksum("num_cpus=2"), 1284747580U);
}

TEST(HistoryAddTest, TheMachineFromTheContextNotTheHostName) {
  const report::Run run = Read(kRun);
  const absl::StatusOr<MachineId> m = MachineOfRun(run);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->description,
            "num_cpus=2; mhz_per_cpu=2596; caches=L1 Data 32768/1; library_build_type=debug")
      << "mhz_per_cpu without a CPU model; no host name";
  EXPECT_EQ(m->fingerprint.size(), 8u);
  std::string with_model = kRun;
  with_model.replace(with_model.find("\"num_cpus\""), 0,
                     "\"parbench_cpu_model\": \"EPYC; 2,\\\"x\\\"\", ");
  const absl::StatusOr<MachineId> m2 = MachineOfRun(Read(with_model));
  ASSERT_TRUE(m2.ok());
  EXPECT_EQ(m2->description.substr(0, 36), "cpu_model=EPYC  2  x ; num_cpus=2; c")
      << "separators blanked; no mhz_per_cpu with a CPU model";
  EXPECT_NE(m2->fingerprint, m->fingerprint);
}

TEST(HistoryAddTest, RowsOfRepetitionsAndOfAMedianAggregate) {
  const absl::StatusOr<AddedRun> a = AddToHistory(Read(kRun), kEmptyRuns, kEmptyRows, "h", {});
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->number, 1);
  EXPECT_EQ(a->rev, "abc123") << "from parbench_revision";
  EXPECT_EQ(a->benchmarks, 2);
  const std::string prefix =
      absl::StrCat("1,abc123,2026-11-25T10:00:00+00:00,", a->machine.fingerprint, ",");
  EXPECT_EQ(a->rows, absl::StrCat(prefix, "A/x,10150000,4,10000000,10075000,10225000,10300000\n",
                                  prefix, "\"B,y\",2000,7,,,,\n"));
  EXPECT_EQ(a->file, absl::StrCat("0001-20261125-100000-abc123-", a->machine.fingerprint, ".json"));
  EXPECT_EQ(a->runs_row, absl::StrCat("1,abc123,2026-11-25T10:00:00+00:00,", a->machine.fingerprint,
                                      ",runs/", a->file, ",", a->machine.description, "\n"));
}

TEST(HistoryAddTest, NumbersPastEveryRunAndRowAndDuplicatesRefused) {
  const report::Run run = Read(kRun);
  const absl::StatusOr<AddedRun> first = AddToHistory(run, kEmptyRuns, kEmptyRows, "h", {});
  ASSERT_TRUE(first.ok());
  const std::string runs = kEmptyRuns + first->runs_row;
  // Rows an interrupted add left (run 7): their number is not used again.
  const std::string rows = kEmptyRows + first->rows + "7,x,d,f,orphan,1,1,,,,\n";
  const absl::StatusOr<AddedRun> dup = AddToHistory(run, runs, rows, "h", {});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().message(),
            absl::StrCat("h already has rev abc123 on machine ", first->machine.fingerprint,
                         " (run 1); --force adds it again"));
  AddOptions force;
  force.force = true;
  force.rev = "a/b c";
  const absl::StatusOr<AddedRun> again = AddToHistory(run, runs, rows, "h", force);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->number, 8);
  EXPECT_EQ(again->file.substr(0, 26), "0008-20261125-100000-a_b_c");
}

TEST(HistoryAddTest, BadRunsAreRefusedInOneLine) {
  const report::Run run = Read(kRun);
  AddOptions expect;
  expect.expect_fingerprint = "0badf00d";
  absl::StatusOr<AddedRun> a = AddToHistory(run, kEmptyRuns, kEmptyRows, "h", expect);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("run.json: made on machine "), std::string::npos);

  std::string norev = kRun;
  norev.replace(norev.find("\"parbench_revision\": \"abc123\", "), 31, "");
  a = AddToHistory(Read(norev), kEmptyRuns, kEmptyRows, "h", {});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "run.json: no revision: give --rev REV (its context has no parbench_revision)");

  AddOptions bad_rev;
  bad_rev.rev = "a\tb";
  EXPECT_FALSE(AddToHistory(run, kEmptyRuns, kEmptyRows, "h", bad_rev).ok());

  const report::Run nodate = Read(R"({"context": {}, "benchmarks": [
      {"name": "A", "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})");
  EXPECT_EQ(MachineOfRun(nodate).status().message(),
            "run.json: is not Google Benchmark JSON (no context.date)");
  const report::Run errors = Read(R"({"context": {"date": "d"}, "benchmarks": [
      {"name": "A", "error_occurred": true, "error_message": "x"}]})");
  EXPECT_EQ(MachineOfRun(errors).status().message(), "run.json: has no benchmark with a time");
  const report::Run means =
      Read(R"({"context": {"date": "d", "parbench_revision": "r"}, "benchmarks": [
      {"name": "A_mean", "run_type": "aggregate", "aggregate_name": "mean",
       "real_time": 1, "cpu_time": 1, "time_unit": "ns"}]})");
  EXPECT_EQ(AddToHistory(means, kEmptyRuns, kEmptyRows, "h", {}).status().message(),
            "run.json: has no benchmark with a time")
      << "a mean aggregate alone gives no row";
}

// A run of bench as committed: its rows read back as a history.
TEST(HistoryAddTest, ARealRunReadsBackAsAHistory) {
  const report::Run run = Read(Fixture("real-reps.json"));
  const absl::StatusOr<AddedRun> a = AddToHistory(run, kEmptyRuns, kEmptyRows, "h", {});
  ASSERT_TRUE(a.ok()) << a.status();
  const absl::StatusOr<History> h =
      ReadHistory(kEmptyRuns + a->runs_row, "runs.csv", kEmptyRows + a->rows, "history.csv");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(static_cast<int>(h->rows.size()), a->benchmarks);
  EXPECT_EQ(h->runs[0].machine, a->machine.description);
}

}  // namespace
}  // namespace parbench::report
