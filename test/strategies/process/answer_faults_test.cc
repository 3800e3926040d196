// Workers that break the answer protocol while alive, under both launches of
// the pipe transport (forked here, forked by the fork server): an answer out
// of order, garbage, a truncated answer followed by silence. The bytes are
// put into a live worker's answer pipe from outside (through /proc), while
// it runs a task far longer than any test waits. Each case must end in a
// clear error naming the worker, its pid, its tasks and the violation, with
// the worker killed and reaped and no descriptor leaked.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/fork_server.h"
#include "lib/strategies/process/process_pool.h"
#include "lib/strategies/process/worker_protocol.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::ChildrenOf;
using testing::ExpectViolationOfWorker1;
using testing::HasNoChildren;
using testing::OpenDescriptorCount;
using testing::TaskOf;

constexpr char kServerBinary[] = PARBENCH_BENCH_BINARY;

// The pipes above stderr that process `proc` ("/proc/<pid>" or
// "/proc/self") holds write-only: descriptor name → "pipe:[inode]".
std::map<std::string, std::string> WriteOnlyPipes(const std::string& proc) {
  std::map<std::string, std::string> pipes;
  for (const std::string& name : testing::Entries(proc + "/fd")) {
    int fd = -1;
    if (!absl::SimpleAtoi(name, &fd) || fd <= STDERR_FILENO) continue;
    char target[64] = {};
    if (readlink(absl::StrCat(proc, "/fd/", name).c_str(), target, sizeof(target) - 1) < 0)
      continue;
    if (!absl::StartsWith(target, "pipe:")) continue;
    std::ifstream info(absl::StrCat(proc, "/fdinfo/", name));
    std::string key;
    std::string flags;
    while (info >> key >> flags && key != "flags:") {
    }
    char* end = nullptr;
    const long mode = std::strtol(flags.c_str(), &end, 8);
    if (key != "flags:" || end == flags.c_str() || (mode & O_ACCMODE) != O_WRONLY) continue;
    pipes[name] = target;
  }
  return pipes;
}

// Opens, for writing, the answer pipe of worker `pid`: the pipe it holds
// write-only that this process does not (this process holds the write ends
// of the task pipes; a worker just forked may still hold copies of them).
UniqueFd OpenAnswerPipeOf(pid_t pid) {
  std::set<std::string> ours;
  for (const auto& [name, target] : WriteOnlyPipes("/proc/self")) ours.insert(target);
  const std::string proc = absl::StrCat("/proc/", pid);
  for (const auto& [name, target] : WriteOnlyPipes(proc)) {
    if (ours.count(target) != 0) continue;
    return UniqueFd(open(absl::StrCat(proc, "/fd/", name).c_str(), O_WRONLY | O_CLOEXEC));
  }
  return UniqueFd();
}

// What is put into the worker's answer pipe.
std::string OutOfOrderAnswer() {
  AnswerHeader header;
  header.first = 1;  // From task 1 on, where task 0's are due (one chunk of both).
  header.count = 2;
  std::string bytes(MinAnswerBytes(2), '\0');
  std::memcpy(bytes.data(), &header, sizeof(header));
  return bytes;
}
std::string Garbage() { return std::string(MinAnswerBytes(2), '\xA5'); }
std::string TruncatedAnswer() {
  AnswerHeader header;  // Tasks 0-1's, as due: a valid start, then nothing.
  header.count = 2;
  return std::string(reinterpret_cast<const char*>(&header), sizeof(header) / 2);
}

struct Case {
  const char* name;
  std::string (*bytes)();
  const char* violation;  // As the error names it.
};

class AnswerFaultTest : public ::testing::TestWithParam<Launch> {
 protected:
  // One worker holding one chunk of two tasks it cannot finish in time;
  // `fault` put into its answer pipe; the error Map() returns checked.
  void ExpectViolationReported(const Case& fault) {
    const bool spawn = GetParam() == Launch::kSpawn;
    pid_t server = -1;
    if (spawn) {
      absl::StatusOr<std::shared_ptr<ForkServer>> shared = ForkServer::Shared(kServerBinary);
      ASSERT_TRUE(shared.ok()) << shared.status();
      server = (*shared)->pid();
    }
    const int fds_before = OpenDescriptorCount();
    {
      absl::StatusOr<std::unique_ptr<ProcessPool>> pool = ProcessPool::Create(
          {.workers = 1, .chunk_size = 2, .launch = GetParam(), .spawn_binary = kServerBinary});
      ASSERT_TRUE(pool.ok()) << pool.status();
      const pid_t worker = (*pool)->worker_pids()[0];
      {
        const UniqueFd pipe = OpenAnswerPipeOf(worker);
        ASSERT_TRUE(pipe.valid()) << "no answer pipe found in /proc/" << worker << "/fd";
        const std::string bytes = fault.bytes();
        ASSERT_TRUE(WriteFully(pipe.get(), bytes.data(), bytes.size()).ok());
      }
      absl::StatusOr<std::vector<TaskResult>> results =
          (*pool)->Map(std::vector<Task>(2, TaskOf("Io", 60'000'000)));
      ASSERT_FALSE(results.ok());
      ExpectViolationOfWorker1(results.status(), worker, fault.violation);
      // Killed and reaped by the call itself.
      if (spawn) {
        EXPECT_EQ(ChildrenOf(server), std::vector<pid_t>{});
      } else {
        EXPECT_TRUE(HasNoChildren());
      }
      absl::StatusOr<std::vector<TaskResult>> again = (*pool)->Map({TaskOf("Cpu", 1)});
      EXPECT_TRUE(absl::IsFailedPrecondition(again.status())) << again.status();
    }
    EXPECT_EQ(OpenDescriptorCount(), fds_before);
    if (spawn) {
      ForkServer::StopShared();
    }
    EXPECT_TRUE(HasNoChildren());
  }
};

TEST_P(AnswerFaultTest, AnswerOutOfOrderIsAViolation) {
  ExpectViolationReported({"out of order", &OutOfOrderAnswer, "an answer out of order"});
}

TEST_P(AnswerFaultTest, GarbageIsAViolation) {
  ExpectViolationReported({"garbage", &Garbage, "garbage for an answer"});
}

TEST_P(AnswerFaultTest, TruncatedAnswerThenSilenceIsAViolation) {
  ExpectViolationReported({"truncated", &TruncatedAnswer, "a truncated answer"});
}

INSTANTIATE_TEST_SUITE_P(Launches, AnswerFaultTest,
                         ::testing::Values(Launch::kFork, Launch::kSpawn),
                         [](const ::testing::TestParamInfo<Launch>& info) {
                           return info.param == Launch::kSpawn ? "Spawn" : "Fork";
                         });

}  // namespace
}  // namespace parbench
