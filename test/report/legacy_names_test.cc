#include "lib/report/legacy_names.h"

#include "gtest/gtest.h"

namespace parbench::report {
namespace {

// The cases of d27df6f:test/scripts/names_awk_test.sh, through the C++ reader.
TEST(LegacyFactsTest, GridNames) {
  BenchFacts f = LegacyFacts("Cpu/ProcessPool/cold/workers:4/tasks:10/real_time", "");
  EXPECT_EQ(f.source, FactsSource::kLegacyName);
  EXPECT_EQ(f.workload, "Cpu");
  EXPECT_EQ(f.strategy, "ProcessPool");
  EXPECT_EQ(f.life, "cold");
  EXPECT_EQ(f.workers, 4);
  EXPECT_EQ(f.tasks, 10);

  f = LegacyFacts("Chunk/ProcessPool/warm/workers:2/tasks:1000/size:1000/chunk:125/real_time", "");
  EXPECT_EQ(f.chunk, 125);
  EXPECT_EQ(f.task_size, 1000);

  f = LegacyFacts("Cpu/ProcessPool/shm/warm/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.strategy, "ProcessPool/shm");
  EXPECT_EQ(f.life, "warm");
  EXPECT_EQ(f.workers, 2);

  f = LegacyFacts("Cpu/Sequential/workers:1/tasks:10/real_time", "");
  EXPECT_EQ(f.life, "");
  EXPECT_EQ(f.workers, 1);
}

TEST(LegacyFactsTest, NamesOutsideTheGrammar) {
  EXPECT_EQ(LegacyFacts("BM_memcpy/8/real_time", "").source, FactsSource::kNone);
  EXPECT_EQ(LegacyFacts("Cpu/ThreadPool/workers:x/tasks:10/real_time", "").source,
            FactsSource::kNone);
  EXPECT_EQ(LegacyFacts("Cpu/ThreadPool/cold/extra/workers:1/tasks:1/real_time", "").source,
            FactsSource::kNone);
  EXPECT_EQ(LegacyFacts("Cpu/ProcessPool/shm/cold/extra/workers:1/tasks:1", "").source,
            FactsSource::kNone);
  EXPECT_EQ(LegacyFacts("Cpu/ThreadPool/workers:1/real_time", "").source, FactsSource::kNone);
  EXPECT_EQ(LegacyFacts("/Seq/workers:1/tasks:1", "").source, FactsSource::kNone);
  EXPECT_EQ(LegacyFacts("Cpu/Seq/workers:1/tasks:1", "").workload, "Cpu");
}

TEST(LegacyFactsTest, FloorFromLabelOrOldName) {
  BenchFacts f = LegacyFacts("Overhead/PerTask/ThreadPool/workers:2/tasks:64/real_time",
                             "floor=Overhead/PerTask/Sequential/workers:1/tasks:64 per=64");
  EXPECT_EQ(f.floor, "Overhead/PerTask/Sequential/workers:1/tasks:64");
  EXPECT_EQ(f.per, 64);
  f = LegacyFacts("Overhead/StartStop/ThreadPool/workers:4/real_time", "");
  EXPECT_EQ(f.floor, "Floor/ThreadCreateJoin/workers:4");
  f = LegacyFacts("Overhead/ProcessStart/workers:2/real_time", "");
  EXPECT_EQ(f.floor, "Floor/Fork/workers:2");
  EXPECT_EQ(LegacyFacts("Overhead/RoundTrip/ThreadPool/workers:1", "").floor,
            "Floor/ThreadWakeRoundTrip");
  EXPECT_EQ(LegacyFacts("Overhead/RoundTrip/Mpi/workers:1", "").floor, "Floor/PipeRoundTrip");
  EXPECT_EQ(LegacyFacts("Overhead/Fork/resident_mib:256", "").floor, "Floor/Fork/workers:1");
  f = LegacyFacts("Overhead/PerTask/ThreadPool/batch:1000/chunk:125/workers:2", "");
  EXPECT_EQ(f.floor, "Overhead/PerTask/OpenMp/batch:1000/workers:2");
  EXPECT_EQ(f.per, 1000);
  f = LegacyFacts("Overhead/PerTask/OpenMp/batch:1000/workers:2", "");
  EXPECT_EQ(f.floor, "") << "OpenMP is the per-task floor";
  EXPECT_EQ(f.per, 1000);
  f = LegacyFacts("Overhead/Fork/resident_mib:256", "note=x");
  EXPECT_EQ(f.floor, "Floor/Fork/workers:1") << "a label without floor= or per= is no pairing";
  f = LegacyFacts("Overhead/Fork/resident_mib:256", "per=4");
  EXPECT_EQ(f.floor, "") << "a label with per= alone: no floor, whatever the name says";
  EXPECT_EQ(LegacyFacts("Floor/Fork/workers:2/real_time", "").floor, "");
}

// The roles of old runs' strategies come from the one legacy table.
TEST(LegacyFactsTest, RolesOfTheStrategyRows) {
  BenchFacts f = LegacyFacts("Cpu/Sequential/workers:1/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kInline);
  EXPECT_EQ(f.dispatch, Dispatch::kBlock);
  EXPECT_EQ(f.table_role, TableRole::kBaseline);
  EXPECT_EQ(f.workload_role, WorkloadRole::kReference);
  EXPECT_EQ(f.launch, "");

  f = LegacyFacts("Cpu/BareThreads/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kThreads);
  EXPECT_EQ(f.dispatch, Dispatch::kBlock);
  EXPECT_EQ(f.table_role, TableRole::kCeiling);

  f = LegacyFacts("Io/ThreadPool/warm/workers:16/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kThreads);
  EXPECT_EQ(f.dispatch, Dispatch::kChunked);
  EXPECT_EQ(f.table_role, TableRole::kNone);
  EXPECT_EQ(f.workload_role, WorkloadRole::kNone) << "Io is no reference workload";

  f = LegacyFacts("Cpu/ProcessPool/shm/cold/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kProcesses) << "a transport keeps its strategy's roles";
  EXPECT_EQ(f.dispatch, Dispatch::kChunked);
  EXPECT_EQ(f.launch, "fork");

  f = LegacyFacts("Cpu/ProcessPerTask/spawn/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kProcesses);
  EXPECT_EQ(f.dispatch, Dispatch::kPerTask);
  EXPECT_EQ(f.life, "spawn");
  EXPECT_EQ(f.launch, "spawn");

  f = LegacyFacts("Cpu/ThreadPerTask/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kThreads);
  EXPECT_EQ(f.dispatch, Dispatch::kPerTask);

  f = LegacyFacts("IoNet/EventLoop/workers:4/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kInline);
  EXPECT_EQ(f.dispatch, Dispatch::kPerTask);

  f = LegacyFacts("Cpu/OpenMp/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kThreads);
  EXPECT_EQ(f.dispatch, Dispatch::kBlock);
  EXPECT_EQ(f.table_role, TableRole::kPerTaskReference);

  f = LegacyFacts("Cpu/Tbb/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.dispatch, Dispatch::kChunked);
  EXPECT_EQ(f.table_role, TableRole::kPerTaskReference);

  f = LegacyFacts("Cpu/Mpi/warm/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kRemote);
  EXPECT_EQ(f.dispatch, Dispatch::kChunked);
  EXPECT_EQ(f.launch, "") << "mpirun starts the ranks";

  f = LegacyFacts("Chunk/ProcessPool/warm/workers:2/tasks:1000/size:1000/chunk:1/real_time", "");
  EXPECT_EQ(f.dispatch, Dispatch::kChunked);
  EXPECT_EQ(f.chunk, 1);
  EXPECT_EQ(f.workload_role, WorkloadRole::kNone) << "a family, not a row of the workload table";

  f = LegacyFacts("Cpu/MyPool/warm/workers:2/tasks:10/real_time", "");
  EXPECT_EQ(f.source, FactsSource::kLegacyName);
  EXPECT_EQ(f.worker_kind, WorkerKind::kUnknown) << "a row old runs never had";
  EXPECT_EQ(f.dispatch, Dispatch::kUnknown);
  EXPECT_EQ(f.table_role, TableRole::kNone);

  f = LegacyFacts("Overhead/StartStop/ThreadPool/workers:4/real_time", "");
  EXPECT_EQ(f.worker_kind, WorkerKind::kUnknown) << "outside the grid: no roles";

  EXPECT_TRUE(LegacyIsCeiling("BareThreads"));
  EXPECT_FALSE(LegacyIsCeiling("Sequential"));
}

// The operation of each Overhead and Floor name: what bench now writes.
TEST(LegacyNamesTest, OperationsOfOverheadsAndFloors) {
  OperationFacts op =
      LegacyFacts("Overhead/StartStop/ProcessPool/spawn/workers:4/real_time", "").op;
  EXPECT_EQ(op.family, OperationFamily::kOverhead);
  EXPECT_EQ(op.operation, "StartStop");
  EXPECT_EQ(op.strategy, "ProcessPool");
  EXPECT_EQ(op.launch, "spawn");
  EXPECT_EQ(op.workers, 4);

  op = LegacyFacts("Overhead/RoundTrip/ProcessPool/shm/workers:1/real_time", "").op;
  EXPECT_EQ(op.strategy, "ProcessPool/shm") << "the transport stays with the strategy";
  EXPECT_EQ(op.launch, "fork");
  EXPECT_EQ(op.workers, 1);

  op = LegacyFacts("Overhead/StartStop/ThreadPool/workers:2/real_time", "").op;
  EXPECT_EQ(op.strategy, "ThreadPool");
  EXPECT_EQ(op.launch, "") << "threads have no launch";

  op = LegacyFacts("Overhead/PerTask/ThreadPool/batch:1000/chunk:1/workers:2/real_time", "").op;
  EXPECT_EQ(op.operation, "PerTask");
  EXPECT_EQ(op.batch, 1000);
  EXPECT_EQ(op.chunk, 1);
  EXPECT_EQ(op.workers, 2);

  op = LegacyFacts("Overhead/ProcessStart/pool/workers:2/real_time", "").op;
  EXPECT_EQ(op.strategy, "ProcessPool");
  EXPECT_EQ(op.launch, "fork");
  op = LegacyFacts("Overhead/ProcessStart/spawn/workers:2/real_time", "").op;
  EXPECT_EQ(op.strategy, "ProcessPerTask");
  EXPECT_EQ(op.launch, "spawn");

  op = LegacyFacts("Overhead/Fork/resident_mib:256/real_time", "").op;
  EXPECT_EQ(op.operation, "Fork");
  EXPECT_EQ(op.mib, 256);
  op = LegacyFacts("Overhead/MemoryKernel/fresh/mib:256/real_time", "").op;
  EXPECT_EQ(op.pages, "fresh");

  op = LegacyFacts("Floor/Triad/workers:1/mib:128/real_time", "").op;
  EXPECT_EQ(op.family, OperationFamily::kFloor);
  EXPECT_EQ(op.operation, "Triad");
  EXPECT_EQ(op.workers, 1);
  EXPECT_EQ(op.mib, 128);
  EXPECT_EQ(op.strategy, "");

  EXPECT_EQ(LegacyFacts("Cpu/Sequential/workers:1/tasks:10/real_time", "").op.family,
            OperationFamily::kNone);
  EXPECT_EQ(LegacyFacts("Overhead", "").op.family, OperationFamily::kNone);
}

TEST(LegacyNamesTest, WorkloadBound) {
  EXPECT_EQ(LegacyFacts("Memory/Sequential/workers:1/tasks:10/real_time", "").bound,
            WorkloadBound::kCpu);
  EXPECT_EQ(LegacyFacts("IoNet/Sequential/workers:1/tasks:10/real_time", "").bound,
            WorkloadBound::kIo);
  EXPECT_EQ(LegacyWorkloadBound("Chunk"), WorkloadBound::kUnknown);
}

TEST(LegacyNamesTest, ValueAndFamily) {
  EXPECT_EQ(LegacyNameValue("Floor/Fork/workers:10", "workers"), "10");
  EXPECT_EQ(LegacyNameValue("Cpu/Sequential/workers:1/tasks:10", "chunk"), "");
  EXPECT_EQ(LegacyNameFamily("Cpu/ProcessPool/cold/workers:4/tasks:10/real_time"),
            "Cpu/ProcessPool/cold");
  EXPECT_EQ(LegacyNameFamily("Overhead/Fork/resident_mib:256/real_time"), "Overhead/Fork");
  EXPECT_EQ(LegacyNameFamily("BM_memcpy/8/64"), "BM_memcpy");
}

}  // namespace
}  // namespace parbench::report
