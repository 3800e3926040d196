// The process-based strategies under faults: workers that exit, hang or are
// refused by fork(), and signals interrupting every system call. Each case
// must end in an error status (or a correct result), never a hang, a zombie
// or a leaked descriptor.
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "lib/posix/child_process.h"
#include "lib/strategies/process/process_per_task.h"
#include "lib/strategies/process/process_pool.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::TaskOf;

using testing::HasNoChildren;
using testing::OpenDescriptorCount;

// Task runners that misbehave on the task of size 13 and count otherwise.
absl::StatusOr<std::uint64_t> ExitOn13(const Task& task) {
  if (task.size == 13) _exit(0);
  return task.size;
}
absl::StatusOr<std::uint64_t> ExitFailingOn13(const Task& task) {
  if (task.size == 13) _exit(5);
  return task.size;
}
absl::StatusOr<std::uint64_t> HangOn13(const Task& task) {
  if (task.size == 13) pause();
  return task.size;
}

// A function, not a global: the workload table fills at static initialisation.
std::vector<Task> TasksWith13() {
  return {TaskOf("Cpu", 1), TaskOf("Cpu", 13), TaskOf("Cpu", 2), TaskOf("Cpu", 3)};
}

// Each case over both transports: a pipe and shared memory.
class ProcessPoolFaultTest : public ::testing::TestWithParam<TransportKind> {};

TEST_P(ProcessPoolFaultTest, WorkerExitingWithoutAnsweringIsAnError) {
  const int fds_before = OpenDescriptorCount();
  {
    absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
        ProcessPool::Create({.workers = 2, .run_task = &ExitOn13, .transport = GetParam()});
    ASSERT_TRUE(pool.ok()) << pool.status();
    absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(TasksWith13());
    ASSERT_FALSE(results.ok());
    EXPECT_TRUE(
        absl::StrContains(results.status().message(), "exited without answering, running task 1"))
        << results.status();
    EXPECT_TRUE(absl::IsFailedPrecondition((*pool)->Map(TasksWith13()).status()));
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

TEST_P(ProcessPoolFaultTest, WorkerExitStatusIsReported) {
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
      ProcessPool::Create({.workers = 1, .run_task = &ExitFailingOn13, .transport = GetParam()});
  ASSERT_TRUE(pool.ok()) << pool.status();
  absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(TasksWith13());
  ASSERT_FALSE(results.ok());
  EXPECT_TRUE(absl::StrContains(results.status().message(), "exited with status 5"))
      << results.status();
  EXPECT_TRUE(absl::StrContains(results.status().message(), "worker 1")) << results.status();
}

TEST_P(ProcessPoolFaultTest, HungWorkerIsKilledAtTheDeadline) {
  const int fds_before = OpenDescriptorCount();
  {
    absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
        ProcessPool::Create({.workers = 2,
                             .map_deadline = absl::Milliseconds(300),
                             .run_task = &HangOn13,
                             .transport = GetParam()});
    ASSERT_TRUE(pool.ok()) << pool.status();
    absl::StatusOr<std::vector<TaskResult>> results = (*pool)->Map(TasksWith13());
    ASSERT_FALSE(results.ok());
    EXPECT_TRUE(absl::IsDeadlineExceeded(results.status())) << results.status();
    EXPECT_TRUE(HasNoChildren());
  }
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

// A worker that died between calls: the next call writes its task into a
// pipe nobody reads (or a ring). That must be an error naming the worker,
// not a SIGPIPE that kills the caller.
TEST_P(ProcessPoolFaultTest, WorkerDeadWhileIdleIsAnErrorNotSigpipe) {
  const int fds_before = OpenDescriptorCount();
  {
    absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
        ProcessPool::Create({.workers = 2, .transport = GetParam()});
    ASSERT_TRUE(pool.ok()) << pool.status();
    ASSERT_TRUE((*pool)->Map({TaskOf("Cpu", 1), TaskOf("Cpu", 2)}).ok());
    const pid_t victim = (*pool)->worker_pids()[0];
    ASSERT_EQ(kill(victim, SIGKILL), 0);
    // Wait until it is dead (a zombie: the pool has not reaped it yet).
    siginfo_t info{};
    ASSERT_EQ(waitid(P_PID, static_cast<id_t>(victim), &info, WEXITED | WNOWAIT), 0);

    absl::StatusOr<std::vector<TaskResult>> results =
        (*pool)->Map({TaskOf("Cpu", 1), TaskOf("Cpu", 2)});
    ASSERT_FALSE(results.ok());
    EXPECT_TRUE(absl::StrContains(results.status().message(), "worker 1")) << results.status();
    EXPECT_TRUE(absl::StrContains(results.status().message(), "SIGKILL")) << results.status();
    EXPECT_TRUE(absl::StrContains(results.status().message(), "died before taking task"))
        << results.status();
  }
  EXPECT_TRUE(HasNoChildren());
  EXPECT_EQ(OpenDescriptorCount(), fds_before);
}

// Runs in a forked child of the test: with RLIMIT_NPROC lowered, fork()
// fails part-way through starting a pool. Returns 0 when the error says so
// and no worker is left; a distinct code for each way it can go wrong.
// The transport StartPoolUnderProcessLimit starts its pool over, set
// before the test child is forked.
TransportKind transport_under_limit = TransportKind::kPipe;

int StartPoolUnderProcessLimit() {
  // Root ignores RLIMIT_NPROC: become an unprivileged user first (nobody).
  if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) return 10;
  // This process counts as one; allow two forks more.
  const rlimit limit{3, 3};
  if (setrlimit(RLIMIT_NPROC, &limit) != 0) return 11;
  absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
      ProcessPool::Create({.workers = 8, .transport = transport_under_limit});
  if (pool.ok()) return 12;
  const absl::string_view message = pool.status().message();
  if (!absl::StrContains(message, "fork()")) return 13;
  if (!absl::StrContains(message, "of 8")) return 14;
  if (!absl::IsResourceExhausted(pool.status()) && !absl::IsUnavailable(pool.status())) return 15;
  if (!HasNoChildren()) return 16;
  return 0;
}

TEST_P(ProcessPoolFaultTest, FailedForkIsAnErrorAndEarlierWorkersAreReaped) {
  transport_under_limit = GetParam();
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork({}, &StartPoolUnderProcessLimit);
  ASSERT_TRUE(child.ok()) << child.status();
  const absl::Status ended = child->Wait();
  EXPECT_TRUE(ended.ok()) << "the test child reported: " << ended
                          << " (see StartPoolUnderProcessLimit for the codes)";
}

// Sends SIGUSR1, whose handler is installed without SA_RESTART, to one
// thread as fast as it can while it lives, so that the blocking calls of
// that thread (poll, read, write, waitpid) keep failing with EINTR.
class SignalStorm {
 public:
  explicit SignalStorm(pthread_t target) : target_(target) {
    struct sigaction action {};
    action.sa_handler = [](int) { ++delivered; };
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // No SA_RESTART: interrupted calls return EINTR.
    sigaction(SIGUSR1, &action, &old_);
    sender_ = std::thread([this] {
      while (!stop_) {
        pthread_kill(target_, SIGUSR1);
        absl::SleepFor(absl::Microseconds(200));
      }
    });
  }
  ~SignalStorm() {
    stop_ = true;
    sender_.join();
    sigaction(SIGUSR1, &old_, nullptr);
  }
  static inline std::atomic<int> delivered{0};

 private:
  pthread_t target_;
  struct sigaction old_ {};
  std::atomic<bool> stop_{false};
  std::thread sender_;
};

TEST_P(ProcessPoolFaultTest, SignalsInterruptingSystemCallsAreTransparent) {
  const std::vector<Task> tasks(40, TaskOf("Io", 2'000));
  for (bool per_task : {false, true}) {
    SignalStorm storm(pthread_self());
    const int before = SignalStorm::delivered.load();
    absl::StatusOr<std::vector<TaskResult>> results;
    if (per_task) {
      results = ProcessPerTask(3).Map(tasks);
    } else {
      absl::StatusOr<std::unique_ptr<ProcessPool>> pool =
          ProcessPool::Create({.workers = 3, .transport = GetParam()});
      ASSERT_TRUE(pool.ok()) << pool.status();
      results = (*pool)->Map(tasks);
    }
    ASSERT_TRUE(results.ok()) << results.status();
    for (const TaskResult& r : *results) EXPECT_EQ(r.checksum, 2'000u);
    EXPECT_GT(SignalStorm::delivered.load(), before)
        << "no signal arrived: the test tested nothing";
  }
  EXPECT_TRUE(HasNoChildren());
}

INSTANTIATE_TEST_SUITE_P(Transports, ProcessPoolFaultTest,
                         ::testing::Values(TransportKind::kPipe, TransportKind::kShm),
                         [](const ::testing::TestParamInfo<TransportKind>& info) {
                           return info.param == TransportKind::kShm ? "Shm" : "Pipe";
                         });

}  // namespace
}  // namespace parbench
