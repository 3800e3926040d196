#include "lib/spawn_worker.h"

#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/posix/child_process.h"
#include "lib/worker_protocol.h"

namespace parbench {
namespace {

// Exit statuses of a spawned worker that could not answer.
constexpr int kBadCommandLine = 2;
constexpr int kWriteFailed = 4;

}  // namespace

std::vector<std::string> SpawnWorkerArgv(const std::string& binary, std::uint32_t index,
                                         const Task& task) {
  return {binary, kSpawnWorkerFlag, absl::StrCat(index),
          absl::StrCat(static_cast<std::uint32_t>(task.workload)), absl::StrCat(task.size)};
}

std::optional<int> RunSpawnWorkerIfAsked(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], kSpawnWorkerFlag) != 0) return std::nullopt;
  std::uint32_t index = 0;
  std::uint32_t workload = 0;
  std::uint64_t size = 0;
  if (argc != 5 || !absl::SimpleAtoi(argv[2], &index) || !absl::SimpleAtoi(argv[3], &workload) ||
      !absl::SimpleAtoi(argv[4], &size)) {
    return kBadCommandLine;
  }
  // An unknown workload is the task's error, reported in the answer.
  const Task task{static_cast<Workload>(workload), size};
  std::int64_t cpu_mark = 0;  // The process's clock started at the spawn.
  return AnswerTask(index, task, &RunTask, ChildProcess::kSpawnedFd, cpu_mark).ok()
             ? 0
             : kWriteFailed;
}

}  // namespace parbench
