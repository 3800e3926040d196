// RunStrategyRecipe, run by Google Benchmark's own runner as bench runs it,
// with fake strategies on threads and in child processes, warm and cold: a
// wrong or missing result and a failure each become the benchmark's error
// record, never a time (no strategy can win by skipping work), and the CPU
// counters hold exactly the CPU a strategy reports, added to the total only
// when its workers are other processes.
#include "bench/measure.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "bench/facts.h"
#include "bench/suite_config.h"
#include "benchmark/benchmark.h"
#include "gtest/gtest.h"
#include "lib/core/strategy.h"
#include "lib/core/task.h"
#include "lib/core/workload_table.h"
#include "lib/posix/child_process.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "test/test_util.h"

namespace parbench {
namespace {

constexpr int kWorkers = 2;
constexpr int kTasks = 4;
constexpr benchmark::IterationCount kIterations = 3;
// The CPU each fake result reports: no clock would give it by chance.
constexpr std::int64_t kReportedCpuNanos = 1'234'567;

// What a fake strategy does wrong, if anything.
enum class Fault {
  kNone,
  kWrongChecksum,  // The last task's checksum is off by one bit.
  kMissingResult,  // The last task's result is left out.
  kFails,          // Map() returns an error.
};

// The tasks' checksums, computed on the calling thread; the last one
// spoiled when `spoil`.
std::vector<std::uint64_t> Compute(absl::Span<const Task> tasks, bool spoil) {
  std::vector<std::uint64_t> checksums;
  for (const Task& task : tasks) checksums.push_back(RunTask(task).value_or(0));
  if (spoil && !checksums.empty()) checksums.back() ^= 1;
  return checksums;
}

// The same, computed in a child process that sends them back through a pipe.
absl::StatusOr<std::vector<std::uint64_t>> ComputeInChild(absl::Span<const Task> tasks,
                                                          bool spoil) {
  absl::StatusOr<Pipe> pipe = MakePipe();
  if (!pipe.ok()) return pipe.status();
  const int out = pipe->write_end.get();
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({out}, [out, tasks, spoil] {
    const std::vector<std::uint64_t> checksums = Compute(tasks, spoil);
    return WriteFully(out, checksums.data(), checksums.size() * sizeof(std::uint64_t)).ok() ? 0 : 1;
  });
  if (!child.ok()) return child.status();
  pipe->write_end.Reset();  // The child holds the only write end now.
  std::vector<std::uint64_t> checksums(tasks.size());
  const absl::Status read =
      ReadFully(pipe->read_end.get(), checksums.data(), checksums.size() * sizeof(std::uint64_t));
  const absl::Status ended = child->Wait();
  if (!read.ok()) return read;
  if (!ended.ok()) return ended;
  return checksums;
}

// Runs the tasks on the calling thread, or in a child process it forks per
// Map() (and then says so), does what `fault` says, and reports
// kReportedCpuNanos of CPU per result.
class FakeStrategy final : public Strategy {
 public:
  FakeStrategy(bool in_child, Fault fault) : in_child_(in_child), fault_(fault) {}

  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override {
    if (fault_ == Fault::kFails) return absl::InternalError("the fake strategy failed on purpose");
    const bool spoil = fault_ == Fault::kWrongChecksum;
    absl::StatusOr<std::vector<std::uint64_t>> checksums =
        in_child_ ? ComputeInChild(tasks, spoil) : Compute(tasks, spoil);
    if (!checksums.ok()) return checksums.status();
    std::vector<TaskResult> results;
    for (std::uint64_t checksum : *checksums) results.push_back({checksum, kReportedCpuNanos});
    if (fault_ == Fault::kMissingResult) results.pop_back();
    return results;
  }
  bool RunsInChildProcesses() const override { return in_child_; }

 private:
  const bool in_child_;
  const Fault fault_;
};

const SuiteConfig& Config() {
  static const SuiteConfig* config = [] {
    auto* made = new SuiteConfig();
    made->workers = {1, kWorkers};
    made->io_workers = made->workers;
    made->tasks = kTasks;
    for (const WorkloadSpec& row : Workloads()) made->flag_values.push_back(row.default_size);
    made->cpus = UsableCpus{.affinity = kWorkers, .cgroup_quota = std::nullopt, .usable = kWorkers};
    return made;
  }();
  return *config;
}

// Google Benchmark's flags take their defaults from BENCHMARK_* environment
// variables; pin the ones that would change what these tests run or write.
void InitializeGoogleBenchmarkOnce() {
  [[maybe_unused]] static const bool initialized = [] {
    static char arg0[] = "parbench_gtest";
    static char out[] = "--benchmark_out=";
    static char repetitions[] = "--benchmark_repetitions=1";
    static char interleaving[] = "--benchmark_enable_random_interleaving=false";
    char* argv[] = {arg0, out, repetitions, interleaving, nullptr};
    int argc = 4;
    benchmark::Initialize(&argc, argv);
    return true;
  }();
}

// Keeps every run Google Benchmark reports.
class CapturingReporter final : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context& /*context*/) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    runs_.insert(runs_.end(), runs.begin(), runs.end());
  }
  const std::vector<Run>& runs() const { return runs_; }

 private:
  std::vector<Run> runs_;
};

// Registers `recipe` as the only benchmark, as bench's families do (wall
// clock; workers and tasks as arguments) but for a fixed kIterations, runs
// it through Google Benchmark's runner and returns the one run reported.
benchmark::BenchmarkReporter::Run RunThroughGoogleBenchmark(const StrategyRecipe& recipe) {
  InitializeGoogleBenchmarkOnce();
  benchmark::ClearRegisteredBenchmarks();
  benchmark::RegisterBenchmark(
      "Fake/Recipe",
      [recipe](benchmark::State& state) { RunStrategyRecipe(state, Config(), recipe); })
      ->ArgNames({"workers", "tasks"})
      ->Args({kWorkers, kTasks})
      ->Iterations(kIterations)
      ->Repetitions(1)
      ->UseRealTime();
  CapturingReporter reporter;
  const std::size_t ran = benchmark::RunSpecifiedBenchmarks(&reporter, "^Fake/Recipe/");
  benchmark::ClearRegisteredBenchmarks();
  EXPECT_EQ(ran, 1u);
  EXPECT_EQ(reporter.runs().size(), 1u);
  if (reporter.runs().empty()) return {};
  return reporter.runs().front();
}

// The facts the test's recipe says it has.
BenchmarkFacts FakeFacts() {
  BenchmarkFacts facts;
  facts.workload = "Fake";
  facts.strategy = "Recipe";
  facts.worker_kind = WorkerKind::kThreads;
  facts.dispatch = Dispatch::kChunked;
  return facts;
}

// Whether the strategy runs in a child process, and whether it is built
// once (warm) or in every iteration (cold).
using Param = std::tuple<bool, bool>;

class RunStrategyRecipeTest : public ::testing::TestWithParam<Param> {
 protected:
  void TearDown() override { EXPECT_TRUE(testing::HasNoChildren()); }

  bool in_child() const { return std::get<0>(GetParam()); }

  StrategyRecipe Recipe(Fault fault) const {
    const bool in_child = this->in_child();
    return StrategyRecipe{
        .task = testing::TaskOf("Cpu", 1000),
        .build_once = std::get<1>(GetParam()),
        .make = [in_child, fault](int /*workers*/) -> absl::StatusOr<std::unique_ptr<Strategy>> {
          return std::make_unique<FakeStrategy>(in_child, fault);
        },
        .facts = FakeFacts()};
  }

  // The recipe with `fault` ends in an error record whose message holds
  // `message`.
  void ExpectErrorRecord(Fault fault, absl::string_view message) const {
    const benchmark::BenchmarkReporter::Run run = RunThroughGoogleBenchmark(Recipe(fault));
    EXPECT_TRUE(run.error_occurred);
    EXPECT_TRUE(absl::StrContains(run.error_message, message)) << run.error_message;
    // Labelled before anything can fail: an error record keeps its facts.
    EXPECT_TRUE(absl::StartsWith(run.report_label, "facts=1 workload=Fake ")) << run.report_label;
  }
};

TEST_P(RunStrategyRecipeTest, AWrongChecksumIsAnErrorRecord) {
  ExpectErrorRecord(Fault::kWrongChecksum, "results differ from Sequential's");
}

TEST_P(RunStrategyRecipeTest, AMissingResultIsAnErrorRecord) {
  ExpectErrorRecord(Fault::kMissingResult, "results differ from Sequential's");
}

TEST_P(RunStrategyRecipeTest, AFailureIsAnErrorRecordWithItsStatus) {
  ExpectErrorRecord(Fault::kFails, "INTERNAL: the fake strategy failed on purpose");
}

TEST_P(RunStrategyRecipeTest, AStrategyThatCannotBeBuiltIsAnErrorRecord) {
  StrategyRecipe recipe = Recipe(Fault::kNone);
  recipe.make = [](int workers) -> absl::StatusOr<std::unique_ptr<Strategy>> {
    return absl::ResourceExhaustedError(absl::StrCat("no room for ", workers, " workers"));
  };
  const benchmark::BenchmarkReporter::Run run = RunThroughGoogleBenchmark(recipe);
  EXPECT_TRUE(run.error_occurred);
  EXPECT_TRUE(absl::StrContains(run.error_message, "RESOURCE_EXHAUSTED: no room for 2 workers"))
      << run.error_message;
}

// The label is the recipe's facts, workers and tasks from the arguments.
TEST_P(RunStrategyRecipeTest, LabelledWithItsFacts) {
  const benchmark::BenchmarkReporter::Run run = RunThroughGoogleBenchmark(Recipe(Fault::kNone));
  EXPECT_EQ(run.report_label,
            absl::StrCat("facts=1 workload=Fake strategy=Recipe workers=", kWorkers,
                         " tasks=", kTasks, " kind=threads dispatch=chunked"));
}

TEST_P(RunStrategyRecipeTest, CountersHoldExactlyTheCpuReported) {
  const benchmark::BenchmarkReporter::Run run = RunThroughGoogleBenchmark(Recipe(Fault::kNone));
  ASSERT_FALSE(run.error_occurred) << run.error_message;
  EXPECT_EQ(run.iterations, kIterations);
  for (const char* counter : {"worker_cpu_s", "process_cpu_s", "total_cpu_s", "peak_rss_mib"}) {
    ASSERT_EQ(run.counters.count(counter), 1u) << counter;
  }
  const double worker = run.counters.at("worker_cpu_s").value;
  const double process = run.counters.at("process_cpu_s").value;
  const double total = run.counters.at("total_cpu_s").value;
  // Per iteration: what the kTasks results of one Map() reported.
  EXPECT_DOUBLE_EQ(worker, kTasks * static_cast<double>(kReportedCpuNanos) * 1e-9);
  EXPECT_GE(process, 0.0);
  if (in_child()) {
    // Other processes' CPU is not in this process's clock: added.
    EXPECT_NEAR(total, process + worker, 1e-12);
  } else {
    // Threads' CPU is in the process's clock already: never counted twice.
    EXPECT_DOUBLE_EQ(total, process);
  }
  // Every counter is positive, so its spread is never 0 ÷ 0 (strict JSON).
  EXPECT_GT(run.counters.at("peak_rss_mib").value, 0.0);
}

INSTANTIATE_TEST_SUITE_P(Fakes, RunStrategyRecipeTest,
                         ::testing::Combine(::testing::Bool(), ::testing::Bool()),
                         [](const ::testing::TestParamInfo<Param>& info) {
                           return absl::StrCat(std::get<0>(info.param) ? "Process" : "Thread",
                                               std::get<1>(info.param) ? "Warm" : "Cold");
                         });

}  // namespace
}  // namespace parbench
