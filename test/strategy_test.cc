// Every strategy against Sequential: same checksums, in task order, for every
// workload and several worker counts.
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/sequential.h"
#include "lib/strategy_factory.h"
#include "test/test_util.h"

namespace parbench {
namespace {

// Distinct sizes give distinct checksums, so a result at the wrong index, a
// task dropped or a task answered for another is caught.
std::vector<Task> DistinctTasks(Workload workload, int count) {
  std::vector<Task> tasks;
  for (int i = 0; i < count; ++i) {
    const std::uint64_t size = workload == Workload::kIo ? 1'000 + 100 * i : 10'000 + 37 * i;
    tasks.push_back({workload, size});
  }
  return tasks;
}

using testing::Checksums;

using Param = std::tuple<StrategyKind, Workload, int>;

class StrategyMatchesSequential : public ::testing::TestWithParam<Param> {};

TEST_P(StrategyMatchesSequential, SameResultsInTaskOrder) {
  const auto [kind, workload, workers] = GetParam();
  const std::vector<Task> tasks = DistinctTasks(workload, 10);
  absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();

  absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeStrategy(kind, workers);
  ASSERT_TRUE(strategy.ok()) << strategy.status();
  absl::StatusOr<std::vector<TaskResult>> results = (*strategy)->Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(Checksums(*results), Checksums(*expected));
  // CPU is read once per batch and charged to the batch's first result: no
  // single result means much, the sum does (see TaskResult::cpu_nanos).
  std::int64_t cpu_nanos = 0;
  for (const TaskResult& r : *results) {
    EXPECT_GE(r.cpu_nanos, 0);
    cpu_nanos += r.cpu_nanos;
  }
  if (workload == Workload::kCpu) EXPECT_GT(cpu_nanos, 0) << "the workers' CPU time was lost";

  // No task list is too short or empty for a strategy.
  absl::StatusOr<std::vector<TaskResult>> none = (*strategy)->Map({});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  strategy->reset();
  EXPECT_TRUE(testing::HasNoChildren());
}

INSTANTIATE_TEST_SUITE_P(
    AllStrategies, StrategyMatchesSequential,
    ::testing::Combine(::testing::ValuesIn(kAllStrategies),
                       ::testing::Values(Workload::kCpu, Workload::kIo, Workload::kMemory),
                       ::testing::Values(1, 3, 16)),
    [](const ::testing::TestParamInfo<Param>& info) {
      return absl::StrCat(StrategyName(std::get<0>(info.param)),
                          WorkloadName(std::get<1>(info.param)), "Workers",
                          std::get<2>(info.param));
    });

TEST(StrategyFactoryTest, NamesRoundTrip) {
  for (StrategyKind kind : kAllStrategies) {
    EXPECT_EQ(ParseStrategy(StrategyName(kind)), kind);
  }
  EXPECT_EQ(ParseStrategy("Nope"), std::nullopt);
  EXPECT_TRUE(IsPool(StrategyKind::kThreadPool));
  EXPECT_TRUE(IsPool(StrategyKind::kProcessPool));
  EXPECT_FALSE(IsPool(StrategyKind::kSequential));
}

TEST(WorkloadTest, NamesRoundTrip) {
  for (Workload w : {Workload::kCpu, Workload::kIo, Workload::kMemory}) {
    EXPECT_EQ(ParseWorkload(WorkloadName(w)), w);
  }
  EXPECT_EQ(ParseWorkload("cpu"), std::nullopt);
}

}  // namespace
}  // namespace parbench
