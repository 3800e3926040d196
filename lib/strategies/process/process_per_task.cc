#include "lib/strategies/process/process_per_task.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/child_process.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/answer_decoder.h"
#include "lib/strategies/process/spawn_worker.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {
namespace {

// The longest a child may leave its answer half written (see
// ChunkDispatcher::Options::answer_stall).
constexpr absl::Duration kAnswerStall = absl::Seconds(5);

absl::Status TaskError(std::size_t index, pid_t pid, const absl::Status& cause) {
  return absl::Status(cause.code(), absl::StrFormat("process for task %d (pid %d): %s", index, pid,
                                                    cause.message()));
}

absl::Status ViolationError(std::size_t index, pid_t pid, const ProtocolViolation& violation) {
  return absl::DataLossError(
      absl::StrFormat("process for task %d (pid %d) sent %s: %s; it was killed", index, pid,
                      KindName(violation.kind), violation.detail));
}

// One child of a wave: its pipes, and its answer as the bytes arrive.
struct TaskChild {
  WorkerPipes pipes;  // No task pipe: the task is in its memory or argv.
  std::vector<char> answer = std::vector<char>(MaxAnswerBytes(1));  // A chunk of one's.
  std::size_t bytes = 0;                                            // Of `answer`, received.
  std::size_t due = MinAnswerBytes(1);                              // Of `answer`, known to be due.
  bool done = false;  // Its answer came whole, or its pipe closed.
  absl::Time stalled_since = absl::InfiniteFuture();
};

// Reads the wave's answers as they come, checking each as far as it goes:
// OK once every child answered or closed its pipe; else the error, with the
// child that broke the protocol killed and reaped (the rest go with `wave`).
absl::Status ReadAnswers(std::vector<TaskChild>& wave, std::size_t first) {
  std::vector<pollfd> polled;
  std::vector<std::size_t> polled_child;
  while (true) {
    polled.clear();
    polled_child.clear();
    absl::Time wake = absl::InfiniteFuture();
    for (std::size_t c = 0; c < wave.size(); ++c) {
      if (wave[c].done) continue;
      polled.push_back(pollfd{wave[c].pipes.from_worker.get(), POLLIN, 0});
      polled_child.push_back(c);
      if (wave[c].stalled_since != absl::InfiniteFuture()) {
        wake = std::min(wake, wave[c].stalled_since + kAnswerStall);
      }
    }
    if (polled.empty()) return absl::OkStatus();
    int timeout_ms = -1;
    if (wake != absl::InfiniteFuture()) {
      const absl::Duration left = std::max(wake - absl::Now(), absl::ZeroDuration());
      timeout_ms = static_cast<int>(std::ceil(absl::ToDoubleMilliseconds(left)));
    }
    const int ready = ::poll(polled.data(), polled.size(), timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, "poll() on per-task answer pipes");
    }
    const absl::Time now = absl::Now();
    for (std::size_t p = 0; p < polled.size(); ++p) {
      TaskChild& child = wave[polled_child[p]];
      const std::size_t index = first + polled_child[p];
      const ChunkRange chunk{static_cast<std::uint32_t>(index), 1};
      std::optional<ProtocolViolation> violation;
      if (polled[p].revents != 0) {
        char* const bytes = child.answer.data();
        const ssize_t got =
            ::read(child.pipes.from_worker.get(), bytes + child.bytes, child.due - child.bytes);
        if (got < 0) {
          if (errno == EINTR) continue;
          return TaskError(index, child.pipes.pid,
                           absl::ErrnoToStatus(errno, "read() of its answer pipe"));
        }
        child.bytes += static_cast<std::size_t>(got);
        const AnswerCheck check = CheckAnswers(absl::MakeConstSpan(bytes, child.bytes), chunk);
        violation = check.violation;
        child.due = check.due;
        child.done = got == 0 || child.bytes == child.due;
        child.stalled_since = child.done ? absl::InfiniteFuture() : now;
      } else if (child.stalled_since + kAnswerStall <= now) {
        violation = ProtocolViolation{
            ProtocolViolation::Kind::kTruncated,
            absl::StrFormat("%d of its %d bytes, then nothing for %s", child.bytes, child.due,
                            absl::FormatDuration(kAnswerStall))};
      }
      if (violation.has_value()) {
        const pid_t pid = child.pipes.pid;
        child.pipes.process->Signal(SIGKILL)
            .IgnoreError();  // Reaped next: Wait() says how it ended.
        child.pipes.process->Wait().IgnoreError();
        return ViolationError(index, pid, *violation);
      }
    }
  }
}

}  // namespace

ProcessPerTask::ProcessPerTask(int workers, Launch launch, std::string spawn_binary,
                               TaskRunner run_task)
    : workers_(std::max(workers, 1)),
      launch_(launch),
      spawn_binary_(std::move(spawn_binary)),
      run_task_(run_task) {}

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
      const TaskRunner run_task = run_task_;
      absl::StatusOr<ChildProcess> child =
          launch_ == Launch::kSpawn
              ? ChildProcess::Spawn(SpawnWorkerArgv(spawn_binary_, index, task), answer_fd)
              : ChildProcess::Fork({answer_fd}, [index, &task, answer_fd, run_task] {
                  std::int64_t cpu_mark = 0;  // A child's CPU clock starts at fork.
                  return AnswerTask(index, task, run_task, answer_fd, cpu_mark).ok() ? 0 : 1;
                });
      if (!child.ok()) return TaskError(i, -1, child.status());
      const pid_t pid = child->pid();
      wave.push_back(TaskChild{
          .pipes = WorkerPipes{pid, *std::move(child), UniqueFd(), std::move(pipe->read_end)}});
    }
    if (absl::Status read = ReadAnswers(wave, first); !read.ok()) return read;
    for (std::size_t i = first; i < end; ++i) {
      TaskChild& child = wave[i - first];
      const pid_t pid = child.pipes.pid;
      const absl::Status ended = child.pipes.process->Wait();
      if (!ended.ok()) return TaskError(i, pid, ended);
      if (child.bytes < child.due) {
        return TaskError(i, pid, absl::InternalError("exited without answering (exit status 0)"));
      }
      TaskResult result;
      const std::optional<FailedAnswer> failed = TakeAnswers(
          absl::MakeConstSpan(child.answer.data(), child.bytes), absl::MakeSpan(&result, 1));
      slots[i] = failed.has_value() ? absl::StatusOr<TaskResult>(failed->status) : result;
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
                            .worker_kind = WorkerKind::kProcesses,
                            .dispatch = Dispatch::kPerTask,
                            .spawns = true,
                            .order = 4});

}  // namespace parbench
