#include "lib/report/overheads.h"

#include <string>

#include "gtest/gtest.h"
#include "lib/report/run_reader.h"
#include "test/report/fixture_text.h"

namespace parbench::report {
namespace {

Overheads Compute(const std::string& text) {
  absl::StatusOr<report::Run> run = ReadRun(text, "in.json");
  EXPECT_TRUE(run.ok()) << run.status();
  absl::StatusOr<Overheads> o = ComputeOverheads(*run);
  EXPECT_TRUE(o.ok()) << o.status();
  return *o;
}

const OverheadRow* Row(const Overheads& o, const std::string& name) {
  for (const OverheadRow& r : o.rows) {
    if (r.name == name) return &r;
  }
  ADD_FAILURE() << "no row " << name;
  return nullptr;
}

// overheads.json: made-up times whose medians and ratios are easy to check
// by hand (test/scripts/overheads_test.sh says which).
TEST(OverheadsTest, MediansFloorsAndRatios) {
  const Overheads o = Compute(Fixture("overheads.json"));
  const OverheadRow* r = Row(o, "StartStop/ProcessPool/workers:10");
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(*r->time.value, 6.5e6) << "median of 6.0, 6.5 and 9.0 ms, not the aggregate";
  EXPECT_EQ(r->floor, "Floor/Fork/workers:10");
  EXPECT_DOUBLE_EQ(*r->floor_time.value, 5e6);
  EXPECT_DOUBLE_EQ(*r->ratio, 1.3);

  r = Row(o, "PerTask/ThreadPool/batch:1000/chunk:125/workers:2");
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(*r->time.value, 800) << "per task: divided by the batch";
  EXPECT_EQ(r->floor, "PerTask/OpenMp/batch:1000/workers:2");
  EXPECT_DOUBLE_EQ(*r->floor_time.value, 400);

  r = Row(o, "RoundTrip/ProcessPool/workers:1");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->time.error, "worker 1 died: signal 9");
  EXPECT_FALSE(r->time.value);
  EXPECT_FALSE(r->ratio) << "an error has no ratio";

  r = Row(o, "PerTask/OpenMp/batch:1000/workers:2");
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->floor) << "OpenMP is the per-task floor itself";

  ASSERT_EQ(o.kernels.size(), 1U);
  EXPECT_EQ(o.kernels[0].floor, "Floor/Triad/workers:1/mib:128");
  EXPECT_DOUBLE_EQ(*o.kernels[0].share, 0.75);
  ASSERT_EQ(o.triads.size(), 1U);
}

TEST(OverheadsTest, FamiliesInTheListsOrderThenNumbersNumeric) {
  const Overheads o = Compute(Fixture("overheads.json"));
  ASSERT_EQ(o.rows.size(), 6U);
  EXPECT_EQ(o.rows[0].name, "StartStop/ProcessPool/workers:10");
  EXPECT_EQ(o.rows[1].name, "RoundTrip/ProcessPool/workers:1");
  EXPECT_EQ(o.rows[5].name, "Fork/resident_mib:256");
}

// The label's floor and per win over the legacy name rule; a label without
// them leaves the name rule out too.
TEST(OverheadsTest, LabelsNameTheFloor) {
  const Overheads o = Compute(Fixture("overheads-labels.json"));
  const OverheadRow* r = Row(o, "StartStop/ThreadPool/workers:2");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->floor, "Floor/Fork/workers:2");
  r = Row(o, "Fork/resident_mib:256");
  ASSERT_NE(r, nullptr);
  EXPECT_FALSE(r->floor);
  r = Row(o, "Wake/Futex/workers:2");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->floor, "Floor/ThreadWakeRoundTrip");
}

TEST(OverheadsTest, NoOverheadIsBadInput) {
  absl::StatusOr<report::Run> run =
      ReadRun(R"({"benchmarks": [{"name": "Floor/Fork/workers:1", "real_time": 1, "cpu_time": 1,)"
              R"( "time_unit": "ms"}]})",
              "in.json");
  ASSERT_TRUE(run.ok()) << run.status();
  const absl::StatusOr<Overheads> o = ComputeOverheads(*run);
  EXPECT_EQ(o.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(OverheadsTest, RendersTheScriptsRows) {
  const std::string md = RenderOverheads(Compute(Fixture("overheads.json")));
  EXPECT_NE(md.find("| StartStop/ProcessPool/workers:10 | 6.5 ms | Floor/Fork/workers:10 | 5 ms "
                    "| 1.30× |\n"),
            std::string::npos);
  EXPECT_NE(md.find("| RoundTrip/ProcessPool/workers:1 | error: worker 1 died: signal 9 | "
                    "Floor/PipeRoundTrip | 8 µs | – |\n"),
            std::string::npos);
  EXPECT_NE(md.find("| MemoryKernel/reused/mib:256 | 9.00 | Floor/Triad/workers:1/mib:128 | "
                    "12.00 | 75 % |\n"),
            std::string::npos);
}

}  // namespace
}  // namespace parbench::report
