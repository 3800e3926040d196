// Every strategy of the strategy table against Sequential, for every
// workload of the workload table (a user's own included) and several worker
// counts: same checksums, in task order, nothing left behind.
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::Checksums;

// Distinct sizes give distinct checksums, so a result at the wrong index, a
// task dropped or a task answered for another is caught.
std::vector<Task> DistinctTasks(WorkloadId id, int count) {
  const WorkloadSpec& spec = Workloads()[id];
  const std::uint64_t base = spec.test_size > 0 ? spec.test_size : spec.default_size;
  const std::uint64_t step = std::max<std::uint64_t>(1, base / 64);
  std::vector<Task> tasks;
  tasks.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    tasks.push_back({id, base + step * static_cast<std::uint64_t>(i)});
  return tasks;
}

std::vector<std::string> StrategyNames() {
  std::vector<std::string> names;
  for (const StrategySpec& row : Strategies()) names.emplace_back(row.name);
  return names;
}

std::vector<WorkloadId> WorkloadIds() {
  std::vector<WorkloadId> ids;
  for (std::size_t i = 0; i < Workloads().size(); ++i) ids.push_back(static_cast<WorkloadId>(i));
  return ids;
}

using Param = std::tuple<std::string, WorkloadId, int>;

class StrategyMatchesSequential : public ::testing::TestWithParam<Param> {
 protected:
  // The workload's process-wide resource (IoNet's service), started before
  // any strategy forks so that its workers inherit it, as bench does.
  void SetUp() override {
    spec_ = &Workloads()[std::get<1>(GetParam())];
    if (spec_->start_shared != nullptr) {
      ASSERT_TRUE(spec_->start_shared(spec_->default_size).ok());
    }
  }
  void TearDown() override {
    if (spec_->stop_shared != nullptr) spec_->stop_shared();
    EXPECT_TRUE(testing::HasNoChildren());
  }

  const WorkloadSpec* spec_ = nullptr;
};

TEST_P(StrategyMatchesSequential, SameResultsInTaskOrder) {
  const auto& [name, workload, workers] = GetParam();
  const testing::ScopedTmpDir tmp;  // Set before any thread or child starts.
  const std::vector<Task> tasks = DistinctTasks(workload, 10);
  absl::StatusOr<std::unique_ptr<Strategy>> sequential = MakeStrategy("Sequential", {});
  ASSERT_TRUE(sequential.ok()) << sequential.status();
  absl::StatusOr<std::vector<TaskResult>> expected = (*sequential)->Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();

  absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeStrategy(name, {.workers = workers});
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
  if (spec_->name == "Cpu") {
    EXPECT_GT(cpu_nanos, 0) << "the workers' CPU time was lost";
  }

  // No task list is too short or empty for a strategy.
  absl::StatusOr<std::vector<TaskResult>> none = (*strategy)->Map({});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  strategy->reset();
  EXPECT_TRUE(testing::Entries(tmp.path()).empty()) << "a temporary file was left behind";
}

INSTANTIATE_TEST_SUITE_P(AllStrategies, StrategyMatchesSequential,
                         ::testing::Combine(::testing::ValuesIn(StrategyNames()),
                                            ::testing::ValuesIn(WorkloadIds()),
                                            ::testing::Values(1, 3, 16)),
                         [](const ::testing::TestParamInfo<Param>& info) {
                           return absl::StrCat(std::get<0>(info.param),
                                               Workloads()[std::get<1>(info.param)].name, "Workers",
                                               std::get<2>(info.param));
                         });

}  // namespace
}  // namespace parbench
