// The fork server and ProcessPool's spawn launch: workers forked by the
// server give the same results as Sequential; a worker killed, a deadline,
// the server's death and the client's death are each an error or a clean
// end, never a hang; and every worker is reaped — by the server, whose
// children the tests read from /proc.
#include "lib/strategies/process/fork_server.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "lib/posix/child_process.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/process_pool.h"
#include "lib/strategies/sequential.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::HasNoChildren;
using testing::OpenDescriptorCount;
using testing::TaskOf;

// The test binary has no server mode of its own; bench has (and registers
// the same workloads: every test binary links the whole workload layer).
constexpr char kServerBinary[] = PARBENCH_BENCH_BINARY;

// The children of a single-threaded process, running or zombie.
std::vector<pid_t> ChildrenOf(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
  std::vector<pid_t> children;
  for (pid_t child; file >> child;) children.push_back(child);
  std::sort(children.begin(), children.end());
  return children;
}

// Not running: no such process, or a zombie (whoever its parent now is).
bool NotRunning(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  const std::size_t close = line.rfind(')');
  return close == std::string::npos || line.compare(close + 2, 1, "Z") == 0;
}

// Waits, up to a bound that only a hang exceeds, until none of `pids` runs.
bool AllEnd(const std::vector<pid_t>& pids) {
  const absl::Time give_up = absl::Now() + absl::Seconds(20);
  while (absl::Now() < give_up) {
    if (std::all_of(pids.begin(), pids.end(), NotRunning)) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

std::shared_ptr<ForkServer> MustShare() {
  absl::StatusOr<std::shared_ptr<ForkServer>> server = ForkServer::Shared(kServerBinary);
  EXPECT_TRUE(server.ok()) << server.status();
  return server.ok() ? *server : nullptr;
}

std::unique_ptr<ProcessPool> MustCreateServed(ProcessPool::Options options) {
  options.launch = Launch::kSpawn;
  options.spawn_binary = kServerBinary;
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool = ProcessPool::Create(options);
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? *std::move(pool) : nullptr;
}

std::vector<pid_t> Sorted(std::vector<pid_t> pids) {
  std::sort(pids.begin(), pids.end());
  return pids;
}

TEST(ForkServerTest, ServedPoolMatchesSequentialAndLeavesNothing) {
  std::shared_ptr<ForkServer> server = MustShare();
  ASSERT_NE(server, nullptr);
  std::vector<Task> tasks;
  tasks.reserve(9);
  for (int i = 0; i < 9; ++i) tasks.push_back(TaskOf(i % 3 ? "Cpu" : "Memory", 700u + 13u * i));
  absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();
  const int fds_before = OpenDescriptorCount();
  for (int workers : {1, 3}) {
    std::unique_ptr<ProcessPool> pool = MustCreateServed({.workers = workers});
    ASSERT_NE(pool, nullptr);
    // The workers are the server's children, not this process's.
    EXPECT_EQ(ChildrenOf(server->pid()), Sorted(pool->worker_pids()));
    for (int round = 0; round < 3; ++round) {
      absl::StatusOr<std::vector<TaskResult>> results = pool->Map(tasks);
      ASSERT_TRUE(results.ok()) << results.status();
      EXPECT_EQ(testing::Checksums(*results), testing::Checksums(*expected));
    }
    pool.reset();
    EXPECT_EQ(ChildrenOf(server->pid()), std::vector<pid_t>{});
  }
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
  // The pools shared one server; stopped, it is reaped.
  server.reset();
  ForkServer::StopShared();
  EXPECT_TRUE(HasNoChildren());
}

TEST(ForkServerTest, MoreWorkersThanOneRequestHoldsAreStartedAndReaped) {
  std::shared_ptr<ForkServer> server = MustShare();
  ASSERT_NE(server, nullptr);
  const int fds_before = OpenDescriptorCount();
  {
    std::unique_ptr<ProcessPool> pool = MustCreateServed({.workers = 70});
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(ChildrenOf(server->pid()).size(), 70u);
    absl::StatusOr<std::vector<TaskResult>> results =
        pool->Map(std::vector<Task>(140, TaskOf("Cpu", 9)));
    ASSERT_TRUE(results.ok()) << results.status();
    EXPECT_EQ((*results)[139].checksum, 9u);
  }
  EXPECT_EQ(ChildrenOf(server->pid()), std::vector<pid_t>{});
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

TEST(ForkServerTest, StartingWorkersReportsTheServersCpuAndReapReportsHowEachEnded) {
  std::shared_ptr<ForkServer> server = MustShare();
  ASSERT_NE(server, nullptr);
  absl::StatusOr<ServedWorkers> started = server->StartWorkers(3);
  ASSERT_TRUE(started.ok()) << started.status();
  // Three forks are the server's CPU, which the pool charges as its own.
  EXPECT_GT(started->server_cpu_nanos, 0);
  std::vector<pid_t> pids;
  for (ServedWorker& worker : started->workers) pids.push_back(worker.pid);
  started->workers[0].to_worker.Reset();  // Exits at end of file: status 0.
  ASSERT_TRUE(server->Kill({&pids[1], 2}).ok());
  absl::StatusOr<std::vector<absl::Status>> ended = server->Reap(pids);
  ASSERT_TRUE(ended.ok()) << ended.status();
  ASSERT_EQ(ended->size(), 3u);
  EXPECT_TRUE((*ended)[0].ok()) << (*ended)[0];
  EXPECT_TRUE(absl::StrContains((*ended)[1].message(), "SIGKILL")) << (*ended)[1];
  EXPECT_TRUE(absl::StrContains((*ended)[2].message(), "SIGKILL")) << (*ended)[2];
  // Asked for no worker, or more than one request may start: refused.
  EXPECT_TRUE(absl::IsInvalidArgument(server->StartWorkers(0).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(server->StartWorkers(kMaxForkWorkers + 1).status()));
  // A pid it does not hold is that pid's error, not the server's.
  absl::StatusOr<std::vector<absl::Status>> unknown = server->Reap({pids[0]});
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_TRUE(absl::IsNotFound(unknown->front())) << unknown->front();
  EXPECT_EQ(ChildrenOf(server->pid()), std::vector<pid_t>{});
}

TEST(ForkServerTest, KilledWorkerIsReportedWithHowItEnded) {
  std::shared_ptr<ForkServer> server = MustShare();
  ASSERT_NE(server, nullptr);
  {
    std::unique_ptr<ProcessPool> pool = MustCreateServed({.workers = 2});
    ASSERT_NE(pool, nullptr);
    const pid_t victim = pool->worker_pids()[1];
    ASSERT_EQ(kill(victim, SIGKILL), 0);
    absl::StatusOr<std::vector<TaskResult>> results =
        pool->Map(std::vector<Task>(4, TaskOf("Cpu", 1000)));
    ASSERT_FALSE(results.ok());
    const std::string message(results.status().message());
    EXPECT_TRUE(absl::StrContains(message, "worker 2")) << message;
    EXPECT_TRUE(absl::StrContains(message, "SIGKILL")) << message;
    // The pool is broken and shut down: both workers are reaped already.
    EXPECT_EQ(ChildrenOf(server->pid()), std::vector<pid_t>{});
  }
  EXPECT_TRUE(server->usable());
}

TEST(ForkServerTest, DeadlineKillsServedWorkersAndReapsThem) {
  std::shared_ptr<ForkServer> server = MustShare();
  ASSERT_NE(server, nullptr);
  std::unique_ptr<ProcessPool> pool =
      MustCreateServed({.workers = 2, .map_deadline = absl::Milliseconds(200)});
  ASSERT_NE(pool, nullptr);
  absl::StatusOr<std::vector<TaskResult>> results =
      pool->Map(std::vector<Task>(3, TaskOf("Io", 60'000'000)));
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::IsDeadlineExceeded(results.status())) << results.status();
  EXPECT_EQ(ChildrenOf(server->pid()), std::vector<pid_t>{});
}

TEST(ForkServerTest, ServerDeathBreaksItsPoolsAndTheNextPoolGetsANewServer) {
  std::shared_ptr<ForkServer> server = MustShare();
  ASSERT_NE(server, nullptr);
  const pid_t server_pid = server->pid();
  std::unique_ptr<ProcessPool> pool = MustCreateServed({.workers = 2});
  ASSERT_NE(pool, nullptr);
  const std::vector<pid_t> workers = pool->worker_pids();
  ASSERT_EQ(kill(server_pid, SIGKILL), 0);
  // Its workers die with it (the kernel's parent-death signal).
  ASSERT_TRUE(AllEnd(workers));
  absl::StatusOr<std::vector<TaskResult>> results =
      pool->Map(std::vector<Task>(4, TaskOf("Cpu", 1000)));
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::StrContains(results.status().message(), "fork server")) << results.status();
  EXPECT_FALSE(server->usable());
  pool.reset();
  server.reset();

  std::unique_ptr<ProcessPool> next = MustCreateServed({.workers = 2});
  ASSERT_NE(next, nullptr);
  absl::StatusOr<std::vector<TaskResult>> again = next->Map({TaskOf("Cpu", 5)});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)[0].checksum, 5u);
  next.reset();
  ForkServer::StopShared();
  EXPECT_TRUE(HasNoChildren());  // The dead server was reaped too.
}

TEST(ForkServerTest, ClientDeathTakesTheServerAndItsWorkersWithIt) {
  ForkServer::StopShared();  // The child below starts its own.
  absl::StatusOr<Pipe> report = MakePipe();
  ASSERT_TRUE(report.ok()) << report.status();
  const int report_fd = report->write_end.get();
  // A client that starts a served pool, says which processes it holds, and
  // waits to be killed.
  absl::StatusOr<ChildProcess> client = ChildProcess::Fork({report_fd}, [report_fd] {
    absl::StatusOr<std::unique_ptr<ProcessPool>> pool = ProcessPool::Create(
        {.workers = 2, .launch = Launch::kSpawn, .spawn_binary = kServerBinary});
    if (!pool.ok()) return 1;
    absl::StatusOr<std::shared_ptr<ForkServer>> server = ForkServer::Shared(kServerBinary);
    if (!server.ok()) return 1;
    std::vector<pid_t> pids = (*pool)->worker_pids();
    pids.push_back((*server)->pid());
    if (!WriteFully(report_fd, pids.data(), pids.size() * sizeof(pid_t)).ok()) return 1;
    ::pause();
    return 0;
  });
  ASSERT_TRUE(client.ok()) << client.status();
  report->write_end.Reset();
  std::vector<pid_t> pids(3);
  ASSERT_TRUE(ReadFully(report->read_end.get(), pids.data(), pids.size() * sizeof(pid_t)).ok());
  ASSERT_TRUE(client->Signal(SIGKILL).ok());
  EXPECT_TRUE(absl::IsAborted(client->Wait()));
  // The server sees its socket close, kills and reaps the workers, and ends.
  EXPECT_TRUE(AllEnd(pids));
}

TEST(ForkServerTest, AProgramThatIsNotAForkServerIsAnErrorAndLeavesNothing) {
  const int fds_before = OpenDescriptorCount();
  absl::StatusOr<std::shared_ptr<ForkServer>> server = ForkServer::Start("/bin/true");
  ASSERT_FALSE(server.ok());
  EXPECT_TRUE(absl::StrContains(server.status().message(), "closed its socket")) << server.status();
  absl::StatusOr<std::shared_ptr<ForkServer>> missing = ForkServer::Start("/nonexistent/worker");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(absl::StrContains(missing.status().message(), "posix_spawn")) << missing.status();
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

absl::StatusOr<std::uint64_t> NotRunTask(const Task&) { return 0; }

TEST(ForkServerTest, SpawnLaunchRefusesAStandInTaskRunner) {
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
      ProcessPool::Create({.workers = 1, .run_task = &NotRunTask, .launch = Launch::kSpawn});
  ASSERT_FALSE(pool.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(pool.status())) << pool.status();
}

}  // namespace
}  // namespace parbench
