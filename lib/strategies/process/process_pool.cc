#include "lib/strategies/process/process_pool.h"

#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/core/chunk_size.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/fd_io.h"
#include "lib/strategies/process/spawn_worker.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

absl::StatusOr<std::unique_ptr<ProcessPool>> ProcessPool::Create(const Options& options) {
  std::unique_ptr<ProcessPool> pool(new ProcessPool(options.map_deadline, options.chunk_size));
  const int count = std::max(options.workers, 1);
  pool->workers_.reserve(static_cast<std::size_t>(count));
  if (options.launch == Launch::kSpawn) {
    if (options.run_task != &RunTask) {
      return absl::InvalidArgumentError("a process pool's spawn launch runs RunTask only");
    }
    const std::string binary =
        options.spawn_binary.empty() ? DefaultSpawnBinary() : options.spawn_binary;
    absl::StatusOr<std::shared_ptr<ForkServer>> server = ForkServer::Shared(binary);
    if (!server.ok()) return server.status();
    pool->server_ = *std::move(server);
    absl::StatusOr<ServedWorkers> served = pool->server_->StartWorkers(count);
    if (!served.ok()) {
      return absl::Status(served.status().code(), absl::StrCat("starting process pool workers: ",
                                                               served.status().message()));
    }
    pool->uncharged_cpu_nanos_ = served->server_cpu_nanos;
    for (ServedWorker& worker : served->workers) {
      pool->workers_.push_back(Worker{worker.pid,
                                      std::nullopt,
                                      std::move(worker.to_worker),
                                      std::move(worker.from_worker),
                                      {}});
    }
    return pool;
  }
  for (int i = 0; i < count; ++i) {
    // On any early return the pool's destructor reaps the workers so far.
    absl::StatusOr<ForkedWorker> forked = ForkWorker(options.run_task);
    if (!forked.ok()) {
      return absl::Status(forked.status().code(),
                          absl::StrFormat("starting process pool worker %d of %d: %s", i + 1, count,
                                          forked.status().message()));
    }
    const pid_t pid = forked->process.pid();
    pool->workers_.push_back(Worker{pid,
                                    std::move(forked->process),
                                    std::move(forked->to_worker),
                                    std::move(forked->from_worker),
                                    {}});
  }
  return pool;
}

ProcessPool::~ProcessPool() { Shutdown(); }

void ProcessPool::Kill(absl::Span<Worker* const> workers) {
  std::vector<pid_t> served;
  for (Worker* worker : workers) {
    if (worker->process.has_value()) {
      worker->process->Signal(SIGKILL);
    } else if (worker->pid > 0) {
      served.push_back(worker->pid);
    }
  }
  // A server that cannot be told has lost its workers with it.
  if (!served.empty()) server_->Kill(served).IgnoreError();
}

absl::Status ProcessPool::Reap(Worker& worker) {
  const pid_t pid = std::exchange(worker.pid, -1);
  if (worker.process.has_value()) return worker.process->Wait();
  if (pid < 0) return absl::FailedPreconditionError("reaped already");
  absl::StatusOr<std::vector<absl::Status>> ended = server_->Reap({pid});
  return ended.ok() ? ended->front() : ended.status();
}

void ProcessPool::Shutdown() {
  std::vector<Worker*> busy;
  for (Worker& worker : workers_) {
    worker.to_worker.Reset();
    if (!worker.running.empty()) busy.push_back(&worker);
  }
  Kill(busy);
  // An idle worker is blocked reading its task pipe and exits at end of file.
  // A fork server's workers are reaped in one request.
  std::vector<pid_t> served;
  for (Worker& worker : workers_) {
    if (worker.process.has_value()) {
      worker.process->Wait().IgnoreError();
    } else if (worker.pid > 0) {
      served.push_back(worker.pid);
    }
  }
  if (!served.empty()) server_->Reap(served).IgnoreError();
  workers_.clear();
}

std::vector<pid_t> ProcessPool::worker_pids() const {
  std::vector<pid_t> pids;
  for (const Worker& worker : workers_) pids.push_back(worker.pid);
  return pids;
}

absl::Status ProcessPool::Send(Worker& worker, Chunk chunk, absl::Span<const Task> tasks) {
  // Marked running first, so that a failure names the chunk it was sent.
  worker.running.push_back(chunk);
  absl::Status sent = SendChunk(worker.to_worker.get(), chunk.first, chunk.count, tasks.data());
  if (sent.ok()) ++chunks_sent_;
  return sent;
}

namespace {

std::string DescribeChunk(std::uint32_t first, std::uint32_t count) {
  if (count == 1) return absl::StrFormat("task %d", first);
  return absl::StrFormat("tasks %d-%d", first, first + count - 1);
}

}  // namespace

absl::Status ProcessPool::Break(Worker& worker, const absl::Status& cause) {
  // End of file means the worker closed its pipe, i.e. it is ending: wait for
  // it to say how. Anything else (garbage) may come from a live worker.
  const bool pipe_closed =
      absl::IsOutOfRange(cause) || absl::IsDataLoss(cause) || absl::IsFailedPrecondition(cause);
  Worker* const self = &worker;
  if (!pipe_closed) Kill({&self, 1});
  const pid_t pid = worker.pid;
  const absl::Status ended = Reap(worker);
  // What it was doing: running its oldest chunk; or, when the write of its
  // only chunk found the pipe closed, dying before taking it; or nothing.
  // (A failed write of a second, prefetched chunk still means it died
  // running the first.)
  std::string doing = "while idle";
  if (!worker.running.empty()) {
    const std::string chunk =
        DescribeChunk(worker.running.front().first, worker.running.front().count);
    const bool only_chunk_unsent = absl::IsFailedPrecondition(cause) && worker.running.size() == 1;
    doing = only_chunk_unsent ? "before taking " + chunk : "running " + chunk;
  }
  const std::size_t number = static_cast<std::size_t>(&worker - workers_.data()) + 1;
  worker.running.clear();
  if (ended.ok()) {
    broken_ = absl::InternalError(
        absl::StrFormat("process pool worker %d (pid %d) exited without answering, %s (%s)", number,
                        pid, doing, cause.message()));
  } else {
    broken_ =
        absl::Status(ended.code(), absl::StrFormat("process pool worker %d (pid %d) died %s: %s",
                                                   number, pid, doing, ended.message()));
  }
  Shutdown();
  return broken_;
}

absl::Status ProcessPool::BreakOnDeadline(std::size_t unfinished) {
  broken_ = absl::DeadlineExceededError(
      absl::StrFormat("process pool Map() passed its deadline of %s with %d task(s) unfinished; "
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
  const std::size_t chunk_size =
      std::min<std::size_t>(ChunkSize(chunk_size_, tasks.size(), workers()), kMaxChunkTasks);
  // A second chunk waits in a worker's pipe while it runs the first, so that
  // it goes from one to the next without sleeping — but only when both fit
  // in PIPE_BUF: then even a one-page pipe holds them, the write never
  // blocks, and a worker blocked writing answers can never wait on us.
  const std::size_t message_bytes = sizeof(ChunkHeader) + chunk_size * sizeof(TaskMessage);
  const std::size_t in_flight = kMaxInFlight * message_bytes <= PIPE_BUF ? kMaxInFlight : 1;
  std::size_t next = 0;      // The first task not sent yet.
  std::size_t busy = 0;      // Chunks sent and not yet answered.
  std::size_t answered = 0;  // Tasks answered.
  // Sends chunks to `worker` until it has `depth` in flight or none is left.
  auto fill = [&](Worker& worker, std::size_t depth) {
    while (worker.running.size() < depth && next < tasks.size()) {
      const Chunk chunk{static_cast<std::uint32_t>(next),
                        static_cast<std::uint32_t>(std::min(chunk_size, tasks.size() - next))};
      next += chunk.count;
      ++busy;
      if (absl::Status sent = Send(worker, chunk, tasks); !sent.ok()) return sent;
    }
    return absl::OkStatus();
  };
  // One chunk each first, so that short lists still spread over every worker.
  for (std::size_t depth = 1; depth <= in_flight; ++depth) {
    for (Worker& worker : workers_) {
      if (absl::Status sent = fill(worker, depth); !sent.ok()) return Break(worker, sent);
    }
  }

  std::vector<pollfd> waiting;
  std::vector<Worker*> waiting_worker;
  while (busy > 0) {
    waiting.clear();
    waiting_worker.clear();
    for (Worker& worker : workers_) {
      if (worker.running.empty()) continue;
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
    if (ready == 0) return BreakOnDeadline(tasks.size() - answered);

    for (std::size_t i = 0; i < waiting.size(); ++i) {
      if (waiting[i].revents == 0) continue;
      Worker& worker = *waiting_worker[i];
      const Chunk chunk = worker.running.front();
      // The worker writes the whole chunk's answers at once, after its last
      // task, so this read does not wait on work still running. Chunks are
      // answered in the order they were sent.
      answers_.resize(chunk.count);
      if (absl::Status read = ReadFully(worker.from_worker.get(), answers_.data(),
                                        answers_.size() * sizeof(AnswerMessage));
          !read.ok()) {
        return Break(worker, read);
      }
      for (std::uint32_t k = 0; k < chunk.count; ++k) {
        const AnswerMessage& answer = answers_[k];
        if (answer.index != chunk.first + k) {
          return Break(worker, absl::DataLossError(absl::StrFormat(
                                   "answer for task %d while it ran %s", answer.index,
                                   DescribeChunk(chunk.first, chunk.count))));
        }
        absl::StatusOr<TaskResult> result = ResultFromAnswer(answer);
        if (result.ok()) {
          results[answer.index] = *result;
        } else if (first_task_error.ok()) {
          first_task_error =
              absl::Status(result.status().code(),
                           absl::StrFormat("task %d: %s", answer.index, result.status().message()));
        }
      }
      worker.running.pop_front();
      --busy;
      answered += chunk.count;
      // After a task's error, let the chunks sent finish but send no more.
      if (first_task_error.ok()) {
        if (absl::Status sent = fill(worker, in_flight); !sent.ok()) return Break(worker, sent);
      }
    }
  }
  if (!first_task_error.ok()) return first_task_error;
  if (!results.empty()) results[0].cpu_nanos += std::exchange(uncharged_cpu_nanos_, 0);
  return results;
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeProcessPool(const StrategyOptions& options) {
  return ProcessPool::Create(
      {.workers = options.workers, .chunk_size = options.chunk_size, .launch = options.launch});
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "ProcessPool",
                            .pool = true,
                            .workers = WorkerPolicy::kListedPlusIo,
                            .make = &MakeProcessPool,
                            .processes = true,
                            .spawns = true,
                            .order = 2});

}  // namespace parbench
