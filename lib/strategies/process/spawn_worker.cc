#include "lib/strategies/process/spawn_worker.h"

#include <limits.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/core/workload_table.h"
#include "lib/posix/child_process.h"
#include "lib/posix/exit_status.h"
#include "lib/strategies/process/fork_server_protocol.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {
namespace {

// The workload's name on the command line: a spawned binary may register
// its workloads in another order than the parent, never under other names.
std::string WorkloadNameOf(const Task& task) {
  const WorkloadSpec* spec = FindWorkload(task.workload);
  return spec != nullptr ? std::string(spec->name) : absl::StrCat("#", task.workload);
}

}  // namespace

std::string DefaultSpawnBinary() {
  char self[PATH_MAX];
  const ssize_t length = ::readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (length > 0) {
    std::string worker(self, static_cast<std::size_t>(length));
    worker.erase(worker.rfind('/') + 1);
    worker += kSpawnWorkerBinaryName;
    if (::access(worker.c_str(), X_OK) == 0) return worker;
  }
  return "/proc/self/exe";
}

std::vector<std::string> SpawnWorkerArgv(const std::string& binary, std::uint32_t index,
                                         const Task& task) {
  return {binary, kSpawnWorkerFlag, absl::StrCat(index), WorkloadNameOf(task),
          absl::StrCat(task.size)};
}

std::optional<int> RunSpawnWorkerIfAsked(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], kForkServerFlag) == 0) {
    return ServeForks(ChildProcess::kSpawnedFd);
  }
  if (argc < 2 || std::strcmp(argv[1], kSpawnWorkerFlag) != 0) return std::nullopt;
  std::uint32_t index = 0;
  std::uint64_t size = 0;
  if (argc != 5 || !absl::SimpleAtoi(argv[2], &index) || !absl::SimpleAtoi(argv[4], &size)) {
    return exit_status::kBadInput;
  }
  std::int64_t cpu_mark = 0;  // The process's clock started at the spawn.
  // An unknown workload is the task's error, reported in the answer.
  const absl::StatusOr<Task> task = MakeTask(argv[3], size);
  const absl::Status answered =
      task.ok()
          ? AnswerTask(index, *task, &RunTask, ChildProcess::kSpawnedFd, cpu_mark)
          : AnswerError(
                index, absl::InvalidArgumentError(absl::StrCat("unknown workload '", argv[3], "'")),
                ChildProcess::kSpawnedFd);
  return answered.ok() ? exit_status::kOk : exit_status::kPeerLost;
}

}  // namespace parbench
