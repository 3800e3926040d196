// The two tables' validation: every kind of bad row gets its own message,
// and all of a table's problems come back as one line (bench prints it as
// is and exits with exit_status::kBadRegistration; bad_row_test.sh checks
// that end of it on the real binary).
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

absl::StatusOr<std::uint64_t> RunNothing(std::uint64_t size) { return size; }
absl::StatusOr<std::unique_ptr<Strategy>> MakeNothing(const StrategyOptions& /*options*/) {
  return absl::UnimplementedError("a test row");
}
absl::Status StartNothing(std::uint64_t /*flag_value*/) { return absl::OkStatus(); }
void StopNothing() {}

WorkloadSpec GoodWorkload(absl::string_view name, absl::string_view flag) {
  return {.name = name,
          .size_flag = flag,
          .help = "A test row.",
          .default_size = 1,
          .max_size = 10,
          .run = &RunNothing};
}

StrategySpec GoodStrategy(absl::string_view name) { return {.name = name, .make = &MakeNothing}; }

// The message for `rows`, which must be refused: one line.
std::string WorkloadProblem(const std::vector<WorkloadSpec>& rows,
                            const std::vector<absl::string_view>& reserved = {}) {
  const absl::Status status = ValidateWorkloadRows(rows, reserved);
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_FALSE(absl::StrContains(status.message(), "\n")) << status;
  return std::string(status.message());
}

std::string StrategyProblem(const std::vector<StrategySpec>& rows) {
  const absl::Status status = ValidateStrategyRows(rows);
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_FALSE(absl::StrContains(status.message(), "\n")) << status;
  return std::string(status.message());
}

TEST(WorkloadTableValidation, GoodRowsPass) {
  EXPECT_TRUE(ValidateWorkloadRows(
                  {GoodWorkload("Alpha", "alpha_n"), GoodWorkload("Beta2", "beta_n")}, {"workers"})
                  .ok());
}

TEST(WorkloadTableValidation, TheBuiltInTablePasses) {
  EXPECT_TRUE(ValidateWorkloads().ok()) << ValidateWorkloads();
  EXPECT_TRUE(ValidateStrategies().ok()) << ValidateStrategies();
}

TEST(WorkloadTableValidation, EmptyTable) {
  EXPECT_EQ(WorkloadProblem({}), "bad workload registration: no workload is registered");
}

TEST(WorkloadTableValidation, BadName) {
  EXPECT_EQ(WorkloadProblem({GoodWorkload("9lives", "lives")}),
            "bad workload registration: workload '9lives': name '9lives' must be a letter "
            "followed by letters and digits");
  EXPECT_TRUE(absl::StrContains(WorkloadProblem({GoodWorkload("", "x")}), "name ''"));
  EXPECT_TRUE(absl::StrContains(WorkloadProblem({GoodWorkload("A/B", "x")}), "name 'A/B'"));
}

TEST(WorkloadTableValidation, BadSizeFlag) {
  EXPECT_EQ(WorkloadProblem({GoodWorkload("Alpha", "Alpha-N")}),
            "bad workload registration: workload 'Alpha': size flag 'Alpha-N' must be lower case "
            "letters, digits and '_'");
  EXPECT_TRUE(absl::StrContains(WorkloadProblem({GoodWorkload("Alpha", "")}), "size flag ''"));
}

TEST(WorkloadTableValidation, NoRunFunction) {
  WorkloadSpec row = GoodWorkload("Alpha", "alpha_n");
  row.run = nullptr;
  EXPECT_EQ(WorkloadProblem({row}),
            "bad workload registration: workload 'Alpha': has no run function");
}

TEST(WorkloadTableValidation, DefaultSizeOutsideItsLimits) {
  WorkloadSpec zero = GoodWorkload("Alpha", "alpha_n");
  zero.default_size = 0;
  EXPECT_EQ(WorkloadProblem({zero}),
            "bad workload registration: workload 'Alpha': default size 0 must be between 1 and "
            "the limit 10");
  WorkloadSpec above = GoodWorkload("Alpha", "alpha_n");
  above.default_size = 11;
  EXPECT_TRUE(absl::StrContains(WorkloadProblem({above}), "default size 11"));
}

TEST(WorkloadTableValidation, StartSharedWithoutStopShared) {
  WorkloadSpec start_only = GoodWorkload("Alpha", "alpha_n");
  start_only.start_shared = &StartNothing;
  EXPECT_EQ(WorkloadProblem({start_only}),
            "bad workload registration: workload 'Alpha': start_shared and stop_shared go "
            "together");
  WorkloadSpec stop_only = GoodWorkload("Alpha", "alpha_n");
  stop_only.stop_shared = &StopNothing;
  EXPECT_TRUE(absl::StrContains(WorkloadProblem({stop_only}), "go together"));
}

TEST(WorkloadTableValidation, DuplicateNameWhateverItsCase) {
  EXPECT_EQ(WorkloadProblem({GoodWorkload("Alpha", "a_n"), GoodWorkload("ALPHA", "b_n")}),
            "bad workload registration: workload 'ALPHA' is registered twice");
}

TEST(WorkloadTableValidation, SizeFlagOfAnotherRow) {
  EXPECT_EQ(WorkloadProblem({GoodWorkload("Alpha", "same_n"), GoodWorkload("Beta", "same_n")}),
            "bad workload registration: workloads 'Alpha' and 'Beta' share the size flag --same_n");
}

TEST(WorkloadTableValidation, SizeFlagThatIsOneOfBenchsOwn) {
  EXPECT_EQ(WorkloadProblem({GoodWorkload("Alpha", "workers")}, {"tasks", "workers"}),
            "bad workload registration: workload 'Alpha': size flag --workers is already one of "
            "bench's flags");
}

TEST(WorkloadTableValidation, EveryProblemInOneLine) {
  WorkloadSpec no_run = GoodWorkload("Beta", "beta_n");
  no_run.run = nullptr;
  EXPECT_EQ(WorkloadProblem({GoodWorkload("Alpha", "tasks"), no_run}, {"tasks"}),
            "bad workload registration: workload 'Alpha': size flag --tasks is already one of "
            "bench's flags; workload 'Beta': has no run function");
}

TEST(StrategyTableValidation, GoodRowsPass) {
  EXPECT_TRUE(ValidateStrategyRows({GoodStrategy("Alpha"), GoodStrategy("Beta")}).ok());
}

TEST(StrategyTableValidation, EmptyTable) {
  EXPECT_EQ(StrategyProblem({}), "bad strategy registration: no strategy is registered");
}

TEST(StrategyTableValidation, BadName) {
  EXPECT_EQ(StrategyProblem({GoodStrategy("Thread Pool")}),
            "bad strategy registration: strategy name 'Thread Pool' must be a letter followed by "
            "letters and digits");
}

TEST(StrategyTableValidation, NoFactory) {
  StrategySpec row = GoodStrategy("Alpha");
  row.make = nullptr;
  EXPECT_EQ(StrategyProblem({row}), "bad strategy registration: strategy 'Alpha' has no factory");
}

TEST(StrategyTableValidation, DuplicateNameWhateverItsCase) {
  EXPECT_EQ(StrategyProblem({GoodStrategy("Alpha"), GoodStrategy("alpha")}),
            "bad strategy registration: strategy 'alpha' is registered twice");
}

// The roles: one baseline at most, and the ceiling is no row's.
TEST(StrategyTableValidation, RolesOnTheRows) {
  StrategySpec first = GoodStrategy("Alpha");
  StrategySpec second = GoodStrategy("Beta");
  first.table_role = second.table_role = TableRole::kBaseline;
  EXPECT_EQ(StrategyProblem({first, second}),
            "bad strategy registration: strategies 'Alpha' and 'Beta' are both the baseline");
  second.table_role = TableRole::kCeiling;
  EXPECT_EQ(StrategyProblem({first, second}),
            "bad strategy registration: strategy 'Beta' says it is the ceiling, which is bench's "
            "bare threads, not a row");
  second.table_role = TableRole::kPerTaskReference;
  EXPECT_TRUE(ValidateStrategyRows({first, second}).ok());
}

TEST(StrategyTableValidation, TheBuiltInRolesAreOnTheirRows) {
  const StrategySpec* baseline = BaselineStrategy();
  ASSERT_NE(baseline, nullptr);
  EXPECT_EQ(baseline->worker_kind, WorkerKind::kInline);
  EXPECT_EQ(baseline->workers, WorkerPolicy::kOne);
  ASSERT_TRUE(ReferenceWorkload().has_value());
  EXPECT_TRUE(Workloads()[*ReferenceWorkload()].reference);
  // The floors of the overheads follow from the kind: processes for the
  // process rows (Mpi's remote ranks too), threads for the rest.
  EXPECT_TRUE(WorkersAreProcesses(*FindStrategy("ProcessPool")));
  EXPECT_TRUE(WorkersAreProcesses(*FindStrategy("ProcessPerTask")));
  EXPECT_FALSE(WorkersAreProcesses(*FindStrategy("ThreadPool")));
  EXPECT_FALSE(WorkersAreProcesses(*baseline));
  EXPECT_TRUE(WorkersAreProcesses({.name = "Remote", .worker_kind = WorkerKind::kRemote}));
}

TEST(WorkloadTableValidation, OneReferenceAtMost) {
  WorkloadSpec first = GoodWorkload("Alpha", "alpha_n");
  WorkloadSpec second = GoodWorkload("Beta", "beta_n");
  first.reference = second.reference = true;
  EXPECT_EQ(WorkloadProblem({first, second}),
            "bad workload registration: workloads 'Alpha' and 'Beta' are both the reference");
}

}  // namespace
}  // namespace parbench
