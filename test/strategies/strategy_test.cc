// Every strategy of the strategy table against Sequential, for every
// workload of the workload table (a user's own included) and several worker
// counts: same checksums, in task order, nothing left behind; and never more
// tasks at once than its workers.
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "test/scoped_request_service.h"
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

// Every row, and every row's other transports as "<name>/shm", as bench
// registers them.
std::vector<std::string> StrategyNames() {
  std::vector<std::string> names;
  for (const StrategySpec& row : Strategies()) {
    names.emplace_back(row.name);
    if (row.shm) names.push_back(absl::StrCat(row.name, "/shm"));
  }
  return names;
}

// The row and the options a name of StrategyNames() stands for.
std::pair<std::string, StrategyOptions> RowAndOptions(const std::string& name,
                                                      StrategyOptions options) {
  const std::vector<std::string> parts = absl::StrSplit(name, '/');
  if (parts.size() > 1 && parts[1] == "shm") options.transport = TransportKind::kShm;
  return {parts[0], options};
}

// A test name of alphanumerics: "ProcessPoolShm".
std::string TestName(const std::string& name) {
  return absl::StrReplaceAll(name, {{"/shm", "Shm"}});
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
  const auto [row_name, options] = RowAndOptions(name, {.workers = workers});
  const StrategySpec* row = FindStrategy(row_name);
  if (row->max_workers != nullptr && workers > row->max_workers()) {
    GTEST_SKIP() << name << " cannot have " << workers
                 << " workers here (Mpi: only under mpirun; see test/bench/mpi_test.sh)";
  }
  const testing::ScopedTmpDir tmp;  // Set before any thread or child starts.
  const std::vector<Task> tasks = DistinctTasks(workload, 10);
  absl::StatusOr<std::unique_ptr<Strategy>> sequential = MakeStrategy("Sequential", {});
  ASSERT_TRUE(sequential.ok()) << sequential.status();
  absl::StatusOr<std::vector<TaskResult>> expected = (*sequential)->Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();

  absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeStrategy(row_name, options);
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
                           return absl::StrCat(TestName(std::get<0>(info.param)),
                                               Workloads()[std::get<1>(info.param)].name, "Workers",
                                               std::get<2>(info.param));
                         });

// Never more tasks at once than workers (Sequential: one), as the far end
// sees them: the loopback service counts the IoNet requests it holds at once.
// A caller that runs tasks too (ThreadPool's caller_runs knob; the others
// ignore it) counts as one of the workers, as OpenMP's master does.
class StrategyStaysWithinItsWorkers : public ::testing::TestWithParam<std::string> {};

TEST_P(StrategyStaysWithinItsWorkers, NeverMoreRequestsAtOnceThanWorkers) {
  const auto [row_name, base] = RowAndOptions(GetParam(), {.workers = 2});
  const StrategySpec* spec = FindStrategy(row_name);
  ASSERT_NE(spec, nullptr);
  if (!StrategyUsable(*spec)) GTEST_SKIP() << GetParam() << " cannot run here (Mpi: mpirun only)";
  constexpr int kWorkers = 2;
  const std::uint64_t workers = spec->workers == WorkerPolicy::kOne ? 1 : kWorkers;
  for (const bool caller_runs : {false, true}) {
    {
      // Before the strategy forks, so that its workers inherit the port.
      testing::ScopedRequestService service(absl::Milliseconds(20));
      ASSERT_TRUE(service.status().ok()) << service.status();
      StrategyOptions options = base;
      options.workers = kWorkers;
      options.caller_runs = caller_runs;
      absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeStrategy(row_name, options);
      ASSERT_TRUE(strategy.ok()) << strategy.status();
      const std::vector<Task> tasks(7, testing::TaskOf("IoNet", 64));
      absl::StatusOr<std::vector<TaskResult>> results = (*strategy)->Map(tasks);
      ASSERT_TRUE(results.ok()) << results.status();
      absl::StatusOr<StatsReply> stats = service.Stats();
      ASSERT_TRUE(stats.ok()) << stats.status();
      EXPECT_GE(stats->peak_requests_held, 1u);
      EXPECT_LE(stats->peak_requests_held, workers) << "caller_runs=" << caller_runs;
      EXPECT_EQ(stats->replies_sent, tasks.size());
    }
    EXPECT_TRUE(testing::HasNoChildren());
  }
}

INSTANTIATE_TEST_SUITE_P(AllStrategies, StrategyStaysWithinItsWorkers,
                         ::testing::ValuesIn(StrategyNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return TestName(info.param);
                         });

}  // namespace
}  // namespace parbench
