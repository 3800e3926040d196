// The process pool over its shared-memory transport, where it differs from
// the pipe (the fault table it shares runs in process_faults_test.cc): chunks
// larger than a ring are cut, the spawn launch is refused, and a worker that
// breaks its answer ring — forged records, or junk over all its shared
// memory — ends in a clear error naming it and its tasks, with nothing left;
// and one that marks its own life word is not taken for dead.
#include "lib/strategies/process/shm_transport.h"

#include <linux/futex.h>
#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "gtest/gtest.h"
#include "lib/posix/futex.h"
#include "lib/posix/life_lock.h"
#include "lib/posix/usable_cpus.h"
#include "lib/strategies/process/process_pool.h"
#include "lib/strategies/process/worker_protocol.h"
#include "lib/strategies/shm/shm_ring.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::ExpectViolationOfWorker1;
using testing::HasNoChildren;
using testing::OpenDescriptorCount;
using testing::TaskOf;

std::unique_ptr<ProcessPool> MustCreateShm(ProcessPool::Options options) {
  options.transport = TransportKind::kShm;
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool = ProcessPool::Create(options);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? *std::move(pool) : nullptr;
}

// The shared, writable mappings of this process: [start, end) each.
std::vector<absl::Span<std::byte>> SharedWritableMappings() {
  std::vector<absl::Span<std::byte>> found;
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const std::vector<std::string> fields = absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (fields.size() < 2 || fields[1] != "rw-s") continue;
    const std::vector<std::string> range = absl::StrSplit(fields[0], '-');
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    if (range.size() != 2 || !absl::SimpleHexAtoi(range[0], &start) ||
        !absl::SimpleHexAtoi(range[1], &end)) {
      continue;
    }
    // The addresses are this process's own mappings, read from the kernel.
    auto* first = reinterpret_cast<std::byte*>(start);  // NOLINT(performance-no-int-to-ptr)
    found.emplace_back(first, end - start);
  }
  return found;
}

TEST(ShmTransportTest, ChunksLargerThanARingAreCut) {
  constexpr int kTasks = 5000;
  {
    absl::StatusOr<std::unique_ptr<ShmTransport>> transport = ShmTransport::Fork(1, &RunTask);
    ASSERT_TRUE(transport.ok()) << transport.status();
    // Else the test would test nothing.
    ASSERT_LT((*transport)->MaxChunkTasks(), static_cast<std::size_t>(kTasks));
    // A 1000-task Map()'s default chunks at 2 workers (125 tasks, four a
    // worker) all go out at once; the largest chunk goes alone.
    EXPECT_EQ((*transport)->MaxInFlight(125), kMaxChunksInFlight);
    EXPECT_EQ((*transport)->MaxInFlight((*transport)->MaxChunkTasks()), 1u);
  }
  std::unique_ptr<ProcessPool> pool = MustCreateShm({.workers = 2, .chunk_size = kTasks});
  ASSERT_NE(pool, nullptr);
  const std::vector<Task> tasks = testing::DistinctCpuTasks(kTasks, 1, 1);
  absl::StatusOr<std::vector<TaskResult>> results = pool->Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    ASSERT_EQ((*results)[i].checksum, tasks[i].size) << "task " << i;
  }
  EXPECT_GT(pool->chunks_sent(), 1u) << "one chunk of " << kTasks << " tasks went through whole";
  pool.reset();
  EXPECT_TRUE(HasNoChildren());
}

TEST(ShmTransportTest, SpawnLaunchIsRefused) {
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool = ProcessPool::Create(
      {.workers = 1, .launch = Launch::kSpawn, .transport = TransportKind::kShm});
  EXPECT_TRUE(absl::IsInvalidArgument(pool.status())) << pool.status();
  EXPECT_TRUE(HasNoChildren());
}

// As ThreadPool: a worker spins while each worker has a usable CPU of its
// own, and no one when the workers outnumber the CPUs. The pool's thread
// spins only in a wait on workers that leave it a CPU too: one worker on
// two CPUs (a short Map()), not two.
TEST(ShmTransportTest, SpinsWhileEachSpinnerHasACpu) {
  const int cpus = ProbeUsableCpus().usable;
  const bool pool_may_spin = cpus >= 2;  // It and one worker.
  const ShmSpins spins = {.pool = absl::Microseconds(50), .worker = absl::Microseconds(200)};
  const auto expect = [&spins, pool_may_spin, cpus](int workers, bool worker) {
    const ShmSpins cut = ShmTransport::SpinsFor(spins, workers, cpus);
    EXPECT_EQ(cut.pool, pool_may_spin ? spins.pool : absl::ZeroDuration()) << workers << " workers";
    EXPECT_EQ(cut.worker, worker ? spins.worker : absl::ZeroDuration()) << workers << " workers";
  };
  expect(cpus, /*worker=*/true);
  expect(cpus + 1, /*worker=*/false);
  // What transports of as many workers as CPUs, and of one more, really
  // wait with.
  for (int workers : {cpus, cpus + 1}) {
    absl::StatusOr<std::unique_ptr<ShmTransport>> transport =
        ShmTransport::Fork(workers, &RunTask, spins);
    ASSERT_TRUE(transport.ok()) << transport.status();
    EXPECT_EQ((*transport)->pool_spin(), pool_may_spin ? spins.pool : absl::ZeroDuration())
        << workers << " workers";
    EXPECT_EQ((*transport)->worker_spin(), workers <= cpus ? spins.worker : absl::ZeroDuration())
        << workers << " workers";
    EXPECT_EQ((*transport)->PoolSpinsFor(1), pool_may_spin);
    EXPECT_FALSE((*transport)->PoolSpinsFor(static_cast<std::size_t>(cpus)));
    transport->reset();
    EXPECT_TRUE(HasNoChildren());
  }
}

// A worker reads its clocks only when no chunk waits behind the one it
// ran: the Map()'s last chunk always ends such a run, so its first result
// carries CPU time and memory, whatever the chunks before it carried.
TEST(ShmTransportTest, AMapsLastChunkCarriesTheWorkersClocks) {
  std::unique_ptr<ProcessPool> pool = MustCreateShm({.workers = 1, .chunk_size = 2});
  ASSERT_NE(pool, nullptr);
  // Counting to 2e6 cannot take zero CPU; no bound on how much (not a
  // timing test).
  const std::vector<Task> tasks = testing::DistinctCpuTasks(16, 2'000'000, 1);
  for (int map = 0; map < 3; ++map) {
    absl::StatusOr<std::vector<TaskResult>> results = pool->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ(results->size(), tasks.size());
    const TaskResult& last_chunk = (*results)[tasks.size() - 2];
    EXPECT_GT(last_chunk.cpu_nanos, 0) << "Map " << map;
    EXPECT_GT(last_chunk.worker_peak_rss_kib, 0) << "Map " << map;
    EXPECT_EQ(last_chunk.worker_pid, pool->worker_pids().front()) << "Map " << map;
    for (std::size_t i = 0; i < tasks.size(); i += 2) {
      EXPECT_GE((*results)[i].cpu_nanos, 0) << "task " << i;
      EXPECT_EQ((*results)[i].worker_pid, pool->worker_pids().front()) << "task " << i;
    }
  }
  pool.reset();
  EXPECT_TRUE(HasNoChildren());
}

TEST(ShmTransportTest, ServesManyMapsOfEverySize) {
  std::unique_ptr<ProcessPool> pool = MustCreateShm({.workers = 3});
  ASSERT_NE(pool, nullptr);
  for (int round = 0; round < 200; ++round) {
    const std::vector<Task> tasks = testing::DistinctCpuTasks(round % 40, round, 3);
    absl::StatusOr<std::vector<TaskResult>> results = pool->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ(results->size(), tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) ASSERT_EQ((*results)[i].checksum, tasks[i].size);
  }
  pool.reset();
  EXPECT_TRUE(HasNoChildren());
}

// What a forging task puts on its own answer ring, in place of the answers
// to its chunk of tasks 0-1.
enum class Forgery { kOutOfOrder, kGarbage, kOneAnswer };
Forgery forgery = Forgery::kGarbage;  // Set before the pool forks.

std::vector<std::byte> ForgedRecord() {
  AnswerHeader header;
  header.first = forgery == Forgery::kOutOfOrder ? 1 : 0;  // Task 1's answers where 0's are due.
  header.count = 2;
  // One checksum short of the two due: a record that ends too soon.
  std::vector<std::byte> record(MinAnswerBytes(forgery == Forgery::kOneAnswer ? 1 : 2));
  std::memcpy(record.data(), &header, sizeof(header));
  if (forgery == Forgery::kGarbage) std::memset(record.data(), 0xA5, record.size());
  return record;
}

// The task of size 0 publishes ForgedRecord() on its worker's answer ring
// (its one channel mapping: the worker unmaps the others'), then waits far
// longer than any test.
absl::StatusOr<std::uint64_t> ForgeThenWait(const Task& task) {
  if (task.size != 0) return task.size;
  const std::size_t channel_bytes = ShmChannel::Bytes(ShmTransport::kShape);
  for (absl::Span<std::byte> mapping : SharedWritableMappings()) {
    if (mapping.size() < channel_bytes || mapping.size() >= channel_bytes + 4096) continue;
    void* answer_ring = mapping.data() + RingBytes(ShmTransport::kShape.chunks);
    RingWriter forger(answer_ring, ShmTransport::kShape.answers);
    if (!forger.TryWrite(ForgedRecord()).ok()) break;
  }
  sleep(600);
  return task.size;
}

struct ForgeryCase {
  Forgery forgery;
  const char* violation;  // As the error names it.
};

class ShmAnswerFaultTest : public ::testing::TestWithParam<ForgeryCase> {};

TEST_P(ShmAnswerFaultTest, ForgedAnswersAreAViolation) {
  forgery = GetParam().forgery;
  const int fds_before = OpenDescriptorCount();
  {
    std::unique_ptr<ProcessPool> pool =
        MustCreateShm({.workers = 1, .run_task = &ForgeThenWait, .chunk_size = 2});
    ASSERT_NE(pool, nullptr);
    const pid_t worker = pool->worker_pids()[0];
    absl::StatusOr<std::vector<TaskResult>> results =
        pool->Map({TaskOf("Cpu", 0), TaskOf("Cpu", 1)});
    ASSERT_FALSE(results.ok());
    ExpectViolationOfWorker1(results.status(), worker, GetParam().violation);
    EXPECT_TRUE(HasNoChildren());
    EXPECT_TRUE(absl::IsFailedPrecondition(pool->Map({TaskOf("Cpu", 1)}).status()));
  }
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

INSTANTIATE_TEST_SUITE_P(
    Forgeries, ShmAnswerFaultTest,
    ::testing::Values(ForgeryCase{Forgery::kOutOfOrder, "an answer out of order"},
                      ForgeryCase{Forgery::kGarbage, "garbage for an answer"},
                      ForgeryCase{Forgery::kOneAnswer, "the wrong number of answers"}),
    [](const ::testing::TestParamInfo<ForgeryCase>& info) {
      switch (info.param.forgery) {
        case Forgery::kOutOfOrder:
          return "OutOfOrder";
        case Forgery::kGarbage:
          return "Garbage";
        case Forgery::kOneAnswer:
          return "OneAnswer";
      }
      return "Unknown";
    });

// The task of size 0 marks its worker's life word as the kernel marks a
// dead holder's, and wakes the pool parked on it; the task of size 13 ends
// its worker without answering.
absl::StatusOr<std::uint64_t> MarkLifeOrExitOn13(const Task& task) {
  if (task.size == 13) _exit(0);
  if (task.size != 0) return task.size;
  const std::size_t channel_bytes = ShmChannel::Bytes(ShmTransport::kShape);
  for (absl::Span<std::byte> mapping : SharedWritableMappings()) {
    if (mapping.size() < channel_bytes || mapping.size() >= channel_bytes + 4096) continue;
    auto* life =
        reinterpret_cast<LifeLock*>(mapping.data() + RingBytes(ShmTransport::kShape.chunks) +
                                    RingBytes(ShmTransport::kShape.answers));
    auto& word = const_cast<std::atomic<std::uint32_t>&>(LifeWord(*life));
    word.store(FUTEX_WAITERS | FUTEX_OWNER_DIED);
    if (!FutexWake(word, 1).ok()) return absl::InternalError("futex(FUTEX_WAKE)");
  }
  // Answers after the pool has looked at the word.
  absl::SleepFor(absl::Milliseconds(50));
  return task.size;
}

// A word is a prompt, never a verdict: a worker that marks its own life word
// is not taken for dead, and its death is still seen, by its pidfd, once
// the word can no longer be trusted.
TEST(ShmTransportTest, AWorkerThatMarksItsOwnLifeWordIsNotTakenForDead) {
  const int fds_before = OpenDescriptorCount();
  {
    std::unique_ptr<ProcessPool> pool =
        MustCreateShm({.workers = 1, .run_task = &MarkLifeOrExitOn13, .chunk_size = 1});
    ASSERT_NE(pool, nullptr);
    absl::StatusOr<std::vector<TaskResult>> results =
        pool->Map({TaskOf("Cpu", 0), TaskOf("Cpu", 1), TaskOf("Cpu", 2)});
    ASSERT_TRUE(results.ok()) << results.status();
    ASSERT_EQ(results->size(), 3u);
    EXPECT_EQ((*results)[2].checksum, 2u);
    results = pool->Map({TaskOf("Cpu", 13)});
    ASSERT_FALSE(results.ok());
    EXPECT_TRUE(absl::StrContains(results.status().message(), "exited without answering"))
        << results.status();
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

// scribble_test.cc's scenario on the rings: the task of size 0 writes junk
// over every shared mapping its worker can write (its channel, both rings'
// indices and slots, and the pool's answer doorbell), then keeps computing.
absl::StatusOr<std::uint64_t> ScribbleOnRingsThenCompute(const Task& task) {
  if (task.size != 0) return task.size;
  for (absl::Span<std::byte> mapping : SharedWritableMappings()) {
    std::memset(mapping.data(), 'Z', mapping.size());
  }
  const absl::Time until = absl::Now() + absl::Seconds(600);
  std::uint64_t sum = task.size;
  while (absl::Now() < until) sum = sum * 31 + 7;
  return sum;
}

TEST(ShmTransportTest, WorkerScribblingOnItsRingsGetsAClearErrorAndLeavesNothing) {
  const int fds_before = OpenDescriptorCount();
  for (bool warm : {false, true}) {
    std::unique_ptr<ProcessPool> pool =
        MustCreateShm({.workers = 2, .run_task = &ScribbleOnRingsThenCompute, .chunk_size = 1});
    ASSERT_NE(pool, nullptr);
    if (warm) {
      ASSERT_TRUE(pool->Map({TaskOf("Cpu", 5), TaskOf("Cpu", 6)}).ok());
    }
    absl::StatusOr<std::vector<TaskResult>> results =
        pool->Map({TaskOf("Cpu", 0), TaskOf("Cpu", 1), TaskOf("Cpu", 2)});
    ASSERT_FALSE(results.ok());
    const std::string message(results.status().message());
    EXPECT_TRUE(absl::IsDataLoss(results.status())) << message;
    EXPECT_TRUE(absl::StrContains(message, "process pool worker 1")) << message;
    EXPECT_TRUE(absl::StrContains(message, "pid ")) << message;
    EXPECT_TRUE(absl::StrContains(message, "task 0")) << message;
    EXPECT_TRUE(absl::StrContains(message, "garbage")) << message;
    EXPECT_FALSE(absl::StrContains(message, "ZZZZ")) << message;
    EXPECT_TRUE(HasNoChildren());
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

}  // namespace
}  // namespace parbench
