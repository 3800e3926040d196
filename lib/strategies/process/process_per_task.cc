#include "lib/strategies/process/process_per_task.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_format.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/child_process.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/spawn_worker.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {
namespace {

struct TaskChild {
  ChildProcess process;
  UniqueFd answers;  // Read end of the child's answer pipe.
};

absl::Status TaskError(std::size_t index, pid_t pid, const absl::Status& cause) {
  return absl::Status(cause.code(), absl::StrFormat("process for task %d (pid %d): %s", index, pid,
                                                    cause.message()));
}

}  // namespace

ProcessPerTask::ProcessPerTask(int workers, Launch launch, std::string spawn_binary)
    : workers_(std::max(workers, 1)), launch_(launch), spawn_binary_(std::move(spawn_binary)) {}

absl::StatusOr<std::vector<TaskResult>> ProcessPerTask::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  const auto wave_size = static_cast<std::size_t>(workers_);
  for (std::size_t first = 0; first < tasks.size(); first += wave_size) {
    const std::size_t end = std::min(first + wave_size, tasks.size());
    std::vector<TaskChild> wave;  // Killed and reaped on any early return.
    wave.reserve(end - first);
    for (std::size_t i = first; i < end; ++i) {
      absl::StatusOr<Pipe> pipe = MakePipe();
      if (!pipe.ok()) return pipe.status();
      const int answer_fd = pipe->write_end.get();
      const Task& task = tasks[i];
      const auto index = static_cast<std::uint32_t>(i);
      absl::StatusOr<ChildProcess> child =
          launch_ == Launch::kSpawn
              ? ChildProcess::Spawn(SpawnWorkerArgv(spawn_binary_, index, task), answer_fd)
              : ChildProcess::Fork({answer_fd}, [index, &task, answer_fd] {
                  std::int64_t cpu_mark = 0;  // A child's CPU clock starts at fork.
                  return AnswerTask(index, task, &RunTask, answer_fd, cpu_mark).ok() ? 0 : 1;
                });
      if (!child.ok()) return TaskError(i, -1, child.status());
      wave.push_back(TaskChild{*std::move(child), std::move(pipe->read_end)});
    }
    for (std::size_t i = first; i < end; ++i) {
      TaskChild& child = wave[i - first];
      const pid_t pid = child.process.pid();
      AnswerMessage answer;
      const absl::Status read = ReadFully(child.answers.get(), &answer, sizeof(answer));
      const absl::Status ended = child.process.Wait();
      if (!ended.ok()) return TaskError(i, pid, ended);
      if (!read.ok()) return TaskError(i, pid, read);
      slots[i] = ResultFromAnswer(answer);
    }
  }
  return GatherResults(std::move(slots));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeProcessPerTask(const StrategyOptions& options) {
  return std::make_unique<ProcessPerTask>(options.workers, options.launch);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "ProcessPerTask",
                            .make = &MakeProcessPerTask,
                            .processes = true,
                            .spawns = true,
                            .order = 4});

}  // namespace parbench
