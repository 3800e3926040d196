#include "lib/report/facts_label.h"

#include <string>

#include "gtest/gtest.h"
#include "lib/report/legacy_names.h"

namespace parbench::report {
namespace {

std::string ErrorOf(absl::string_view label) {
  absl::StatusOr<BenchFacts> facts = ReadFactsLabel(label);
  EXPECT_FALSE(facts.ok()) << label;
  EXPECT_EQ(facts.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(facts.status().message());
}

TEST(FactsLabelTest, ReadsEveryKey) {
  absl::StatusOr<BenchFacts> f = ReadFactsLabel(
      "facts=1 workload=Chunk strategy=ProcessPool/shm life=warm launch=fork workers=2 "
      "tasks=1000 chunk=125 size=1000 floor=Floor/Fork/workers:2 per=1000 kind=processes "
      "dispatch=chunked role=per_task_reference workload_role=reference");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->source, FactsSource::kFactsLabel);
  EXPECT_EQ(f->workload, "Chunk");
  EXPECT_EQ(f->strategy, "ProcessPool/shm");
  EXPECT_EQ(f->life, "warm");
  EXPECT_EQ(f->launch, "fork");
  EXPECT_EQ(f->workers, 2);
  EXPECT_EQ(f->tasks, 1000);
  EXPECT_EQ(f->chunk, 125);
  EXPECT_EQ(f->task_size, 1000);
  EXPECT_EQ(f->floor, "Floor/Fork/workers:2");
  EXPECT_EQ(f->per, 1000);
  EXPECT_EQ(f->worker_kind, WorkerKind::kProcesses);
  EXPECT_EQ(f->dispatch, Dispatch::kChunked);
  EXPECT_EQ(f->table_role, TableRole::kPerTaskReference);
  EXPECT_EQ(f->workload_role, WorkloadRole::kReference);
}

TEST(FactsLabelTest, ReadsTheKnobs) {
  absl::StatusOr<BenchFacts> f = ReadFactsLabel(
      "facts=1 workload=Knobs strategy=ThreadPool life=warm spin=0 caller_runs=1 lang=python "
      "api=futures");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->spin, 0);
  EXPECT_EQ(f->caller_runs, 1);
  EXPECT_EQ(f->lang, "python");
  EXPECT_EQ(f->api, "futures");
  EXPECT_EQ(ErrorOf("facts=1 spin=yes"), "facts item spin=yes is not a count");
  EXPECT_EQ(ErrorOf("facts=1 lang="), "facts item lang= is empty");
}

TEST(FactsLabelTest, LeftOutKeysAreNotSaid) {
  absl::StatusOr<BenchFacts> f = ReadFactsLabel("facts=1");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->source, FactsSource::kFactsLabel);
  EXPECT_EQ(f->workload, "");
  EXPECT_FALSE(f->workers.has_value());
  EXPECT_EQ(f->worker_kind, WorkerKind::kUnknown);
  EXPECT_EQ(f->dispatch, Dispatch::kUnknown);
  EXPECT_EQ(f->table_role, TableRole::kNone);
  EXPECT_EQ(f->workload_role, WorkloadRole::kNone);
  // The other words of each enum.
  f = ReadFactsLabel("facts=1 kind=inline dispatch=block role=baseline");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->worker_kind, WorkerKind::kInline);
  EXPECT_EQ(f->dispatch, Dispatch::kBlock);
  EXPECT_EQ(f->table_role, TableRole::kBaseline);
  f = ReadFactsLabel("role=ceiling kind=threads dispatch=per_task facts=1");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->worker_kind, WorkerKind::kThreads);
  EXPECT_EQ(f->dispatch, Dispatch::kPerTask);
  EXPECT_EQ(f->table_role, TableRole::kCeiling);
  f = ReadFactsLabel("facts=1 kind=remote");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->worker_kind, WorkerKind::kRemote);
}

TEST(FactsLabelTest, OnlyAFactsItemMakesAFactsLabel) {
  EXPECT_TRUE(HasFactsLabel("facts=1"));
  EXPECT_TRUE(HasFactsLabel("facts=1 floor=Floor/Fork/workers:1"));
  EXPECT_TRUE(HasFactsLabel("floor=X\tfacts=9"));
  EXPECT_FALSE(HasFactsLabel(""));
  EXPECT_FALSE(HasFactsLabel("floor=Floor/Fork/workers:1 per=4")) << "an old Overhead label";
  EXPECT_FALSE(HasFactsLabel("factsheet=1"));
  EXPECT_FALSE(HasFactsLabel("facts"));
}

TEST(FactsLabelTest, BadItemsNamed) {
  EXPECT_EQ(ErrorOf("facts=1 workers=x"), "facts item workers=x is not a count");
  EXPECT_EQ(ErrorOf("facts=1 tasks=-1"), "facts item tasks=-1 is not a count");
  EXPECT_EQ(ErrorOf("facts=1 per=99999999999999999999"),
            "facts item per=99999999999999999999 is not a count");
  EXPECT_EQ(ErrorOf("facts=1 kind=robots"),
            "facts item kind=robots is not inline, threads, processes or remote");
  EXPECT_EQ(ErrorOf("facts=1 dispatch=random"),
            "facts item dispatch=random is not per_task, chunked or block");
  EXPECT_EQ(ErrorOf("facts=1 role=star"),
            "facts item role=star is not baseline, ceiling or per_task_reference");
  EXPECT_EQ(ErrorOf("facts=1 workload_role=main"),
            "facts item workload_role=main is not reference");
  EXPECT_EQ(ErrorOf("facts=2 workload=Cpu"),
            "facts=2: a version this reader does not know (it reads facts=1)");
  EXPECT_EQ(ErrorOf("facts=1 Cpu"), "facts item Cpu is not key=value");
  EXPECT_EQ(ErrorOf("facts=1 =Cpu"), "facts item =Cpu is not key=value");
  EXPECT_EQ(ErrorOf("facts=1 workload="), "facts item workload= is empty");
  EXPECT_EQ(ErrorOf("facts=1 workers=1 workers=2"),
            "facts item workers=2 says its key a second time");
  EXPECT_EQ(ErrorOf("facts=1 colour=red"), "facts item colour=red has a key facts=1 does not have");
  EXPECT_EQ(ErrorOf("workload=Cpu"), "has no facts= item: not a facts label");
}

// What bench writes for a grid row is what the legacy reader finds in the
// row's name (test/bench/bench_facts_test.sh checks it on a real run).
TEST(FactsLabelTest, AgreesWithTheLegacyReaderOnAGridRow) {
  absl::StatusOr<BenchFacts> label = ReadFactsLabel(
      "facts=1 workload=Cpu strategy=ProcessPerTask life=spawn launch=spawn workers=2 tasks=10 "
      "kind=processes dispatch=per_task workload_role=reference");
  ASSERT_TRUE(label.ok()) << label.status();
  const BenchFacts name = LegacyFacts("Cpu/ProcessPerTask/spawn/workers:2/tasks:10", "");
  EXPECT_EQ(label->workload, name.workload);
  EXPECT_EQ(label->strategy, name.strategy);
  EXPECT_EQ(label->life, name.life);
  EXPECT_EQ(label->launch, name.launch);
  EXPECT_EQ(label->workers, name.workers);
  EXPECT_EQ(label->tasks, name.tasks);
  EXPECT_EQ(label->worker_kind, name.worker_kind);
  EXPECT_EQ(label->dispatch, name.dispatch);
  EXPECT_EQ(label->table_role, name.table_role);
  EXPECT_EQ(label->workload_role, name.workload_role);
}

// An Overhead's strategy, launch, workers and chunk are its operation's,
// not a grid cell's, and equal the legacy reader's of its name.
TEST(FactsLabelTest, AnOverheadsOperation) {
  absl::StatusOr<BenchFacts> label = ReadFactsLabel(
      "facts=1 family=Overhead operation=PerTask strategy=ProcessPool/shm launch=fork workers=2 "
      "chunk=1 batch=1000 floor=Overhead/PerTask/OpenMp/batch:1000/workers:2 per=1000");
  ASSERT_TRUE(label.ok()) << label.status();
  EXPECT_EQ(label->strategy, "");
  EXPECT_EQ(label->workers, std::nullopt);
  EXPECT_EQ(label->chunk, std::nullopt);
  EXPECT_EQ(label->op.strategy, "ProcessPool/shm");
  EXPECT_EQ(label->op.workers, 2);
  EXPECT_EQ(label->per, 1000);
  const BenchFacts name =
      LegacyFacts("Overhead/PerTask/ProcessPool/shm/batch:1000/chunk:1/workers:2/real_time", "");
  EXPECT_TRUE(label->op == name.op);

  EXPECT_EQ(ErrorOf("facts=1 family=Lunch"), "facts item family=Lunch is not Overhead or Floor");
  EXPECT_EQ(ErrorOf("facts=1 operation=Fork"), "says an operation's facts without its family=");
  EXPECT_EQ(ErrorOf("facts=1 family=Floor workload=Cpu"),
            "says family= and a grid cell's workload= or tasks=");
  EXPECT_EQ(ErrorOf("facts=1 workload=Cpu bound=disk"), "facts item bound=disk is not cpu or io");
}

}  // namespace
}  // namespace parbench::report
