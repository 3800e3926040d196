#include "lib/process_pool.h"

#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/posix/fd_io.h"
#include "lib/worker_protocol.h"

namespace parbench {

absl::StatusOr<std::unique_ptr<ProcessPool>> ProcessPool::Create(Options options) {
  std::unique_ptr<ProcessPool> pool(new ProcessPool(options.map_deadline));
  const int count = std::max(options.workers, 1);
  pool->workers_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    // On any early return the pool's destructor reaps the workers so far.
    absl::StatusOr<Pipe> tasks = MakePipe();
    if (!tasks.ok()) return tasks.status();
    absl::StatusOr<Pipe> answers = MakePipe();
    if (!answers.ok()) return answers.status();
    const int task_fd = tasks->read_end.get();
    const int answer_fd = answers->write_end.get();
    const TaskRunner run_task = options.run_task;
    absl::StatusOr<ChildProcess> child =
        ChildProcess::Fork({task_fd, answer_fd}, [task_fd, answer_fd, run_task] {
          return ServeTasks(task_fd, answer_fd, run_task);
        });
    if (!child.ok()) {
      return absl::Status(child.status().code(),
                          absl::StrFormat("starting process pool worker %d of %d: %s", i + 1,
                                          count, child.status().message()));
    }
    // The child's ends of both pipes close here, in the parent.
    pool->workers_.push_back(Worker{*std::move(child), std::move(tasks->write_end),
                                    std::move(answers->read_end), std::nullopt});
  }
  return pool;
}

ProcessPool::~ProcessPool() { Shutdown(); }

void ProcessPool::Shutdown() {
  for (Worker& worker : workers_) {
    worker.to_worker.Reset();
    if (worker.running) worker.process.Signal(SIGKILL);
  }
  // An idle worker is blocked reading its task pipe and exits at end of file.
  for (Worker& worker : workers_) worker.process.Wait().IgnoreError();
  workers_.clear();
}

std::vector<pid_t> ProcessPool::worker_pids() const {
  std::vector<pid_t> pids;
  for (const Worker& worker : workers_) pids.push_back(worker.process.pid());
  return pids;
}

absl::Status ProcessPool::Send(Worker& worker, std::uint32_t index, const Task& task) {
  const TaskMessage message{index, task.workload, task.size};
  absl::Status sent = WriteFully(worker.to_worker.get(), &message, sizeof(message));
  if (sent.ok()) worker.running = index;
  return sent;
}

absl::Status ProcessPool::Break(Worker& worker, const absl::Status& cause) {
  // End of file means the worker closed its pipe, i.e. it is ending: wait for
  // it to say how. Anything else (garbage) may come from a live worker.
  const bool pipe_closed = absl::IsOutOfRange(cause) || absl::IsDataLoss(cause) ||
                           absl::IsFailedPrecondition(cause);
  if (!pipe_closed) worker.process.Signal(SIGKILL);
  const pid_t pid = worker.process.pid();
  const absl::Status ended = worker.process.Wait();
  const std::string task =
      worker.running ? absl::StrFormat("task %d", *worker.running) : std::string("no task");
  const std::size_t number = static_cast<std::size_t>(&worker - workers_.data()) + 1;
  worker.running.reset();
  if (ended.ok()) {
    broken_ = absl::InternalError(absl::StrFormat(
        "process pool worker %d (pid %d) exited without answering %s (%s)", number, pid,
        task, cause.message()));
  } else {
    broken_ = absl::Status(ended.code(),
                           absl::StrFormat("process pool worker %d (pid %d) died running %s: %s",
                                           number, pid, task, ended.message()));
  }
  Shutdown();
  return broken_;
}

absl::Status ProcessPool::BreakOnDeadline(std::size_t unfinished) {
  broken_ = absl::DeadlineExceededError(absl::StrFormat(
      "process pool Map() passed its deadline of %s with %d task(s) unfinished; "
      "the busy workers were killed",
      absl::FormatDuration(map_deadline_), unfinished));
  Shutdown();
  return broken_;
}

absl::StatusOr<std::vector<TaskResult>> ProcessPool::Map(absl::Span<const Task> tasks) {
  if (!broken_.ok()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("process pool is broken by an earlier failure: %s", broken_.message()));
  }
  const SigpipeBlock sigpipe_block;  // A dead worker is an error, not our death.
  const absl::Time deadline = absl::Now() + map_deadline_;
  std::vector<TaskResult> results(tasks.size());
  absl::Status first_task_error;
  std::size_t next = 0;
  std::size_t busy = 0;
  for (Worker& worker : workers_) {
    if (next == tasks.size()) break;
    if (absl::Status sent = Send(worker, next, tasks[next]); !sent.ok()) return Break(worker, sent);
    ++next;
    ++busy;
  }

  std::vector<pollfd> waiting;
  std::vector<Worker*> waiting_worker;
  while (busy > 0) {
    waiting.clear();
    waiting_worker.clear();
    for (Worker& worker : workers_) {
      if (!worker.running) continue;
      waiting.push_back(pollfd{worker.from_worker.get(), POLLIN, 0});
      waiting_worker.push_back(&worker);
    }
    int timeout_ms = -1;
    if (deadline != absl::InfiniteFuture()) {
      const absl::Duration left = std::max(deadline - absl::Now(), absl::ZeroDuration());
      timeout_ms = static_cast<int>(std::ceil(absl::ToDoubleMilliseconds(left)));
    }
    const int ready = ::poll(waiting.data(), waiting.size(), timeout_ms);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return absl::ErrnoToStatus(errno, "poll() on process pool answers");
    }
    if (ready == 0) return BreakOnDeadline(tasks.size() - next + busy);

    for (std::size_t i = 0; i < waiting.size(); ++i) {
      if (waiting[i].revents == 0) continue;
      Worker& worker = *waiting_worker[i];
      AnswerMessage answer;
      if (absl::Status read = ReadFully(worker.from_worker.get(), &answer, sizeof(answer));
          !read.ok()) {
        return Break(worker, read);
      }
      if (answer.index != *worker.running) {
        return Break(worker, absl::DataLossError(absl::StrFormat(
                                 "answer for task %d while it ran task %d", answer.index,
                                 *worker.running)));
      }
      worker.running.reset();
      --busy;
      absl::StatusOr<TaskResult> result = ResultFromAnswer(answer);
      if (result.ok()) {
        results[answer.index] = *result;
      } else if (first_task_error.ok()) {
        first_task_error = absl::Status(
            result.status().code(),
            absl::StrFormat("task %d: %s", answer.index, result.status().message()));
      }
      // After a task's error, let the running tasks finish but start no more.
      if (next < tasks.size() && first_task_error.ok()) {
        if (absl::Status sent = Send(worker, next, tasks[next]); !sent.ok()) {
          return Break(worker, sent);
        }
        ++next;
        ++busy;
      }
    }
  }
  if (!first_task_error.ok()) return first_task_error;
  return results;
}

}  // namespace parbench
