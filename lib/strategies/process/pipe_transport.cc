#include "lib/strategies/process/pipe_transport.h"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace parbench {

absl::StatusOr<std::unique_ptr<PipeTransport>> PipeTransport::Fork(int count, TaskRunner run_task) {
  std::unique_ptr<PipeTransport> transport(new PipeTransport());
  transport->workers_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    // On any early return the destructor reaps the workers so far.
    absl::StatusOr<WorkerPipes> forked = ForkWorker(run_task);
    if (!forked.ok()) {
      return absl::Status(forked.status().code(),
                          absl::StrFormat("starting process pool worker %d of %d: %s", i + 1, count,
                                          forked.status().message()));
    }
    transport->workers_.push_back(*std::move(forked));
  }
  return transport;
}

absl::StatusOr<std::unique_ptr<PipeTransport>> PipeTransport::Serve(
    std::shared_ptr<ForkServer> server, int count, std::int64_t& server_cpu_nanos) {
  absl::StatusOr<ServedWorkers> served = server->StartWorkers(count);
  if (!served.ok()) {
    return absl::Status(served.status().code(), absl::StrFormat("starting process pool workers: %s",
                                                                served.status().message()));
  }
  std::unique_ptr<PipeTransport> transport(new PipeTransport());
  transport->server_ = std::move(server);
  transport->workers_ = std::move(served->workers);
  server_cpu_nanos = served->server_cpu_nanos;
  return transport;
}

PipeTransport::~PipeTransport() { Stop({}); }

std::size_t PipeTransport::MaxInFlight(std::size_t chunk_tasks) const {
  // A second chunk waits in the pipe only when both fit in PIPE_BUF: then
  // even a one-page pipe holds them, a write never blocks, and a worker
  // blocked writing answers can never wait on us.
  const std::size_t message_bytes = sizeof(ChunkHeader) + chunk_tasks * sizeof(TaskMessage);
  return 2 * message_bytes <= PIPE_BUF ? 2 : 1;
}

std::optional<TransportFault> PipeTransport::Send(int worker, ChunkRange chunk,
                                                  absl::Span<const Task> tasks,
                                                  bool /*first_of_map*/) {
  const absl::Status sent = SendChunk(workers_[static_cast<std::size_t>(worker)].to_worker.get(),
                                      chunk.first, chunk.count, tasks.data(), send_buffer_);
  if (sent.ok()) return std::nullopt;
  // EPIPE: its task pipe has no reader, the worker is ending.
  if (absl::IsFailedPrecondition(sent)) return WorkerEnded{};
  return TransportLost{sent};
}

std::optional<TransportFault> PipeTransport::Wait(absl::Span<const int> busy, absl::Time deadline,
                                                  std::size_t /*wanted*/, std::vector<int>& ready) {
  ready.clear();
  polled_.clear();
  for (int worker : busy) {
    polled_.push_back(
        pollfd{workers_[static_cast<std::size_t>(worker)].from_worker.get(), POLLIN, 0});
  }
  while (true) {
    int timeout_ms = -1;
    if (deadline != absl::InfiniteFuture()) {
      const absl::Duration left = std::max(deadline - absl::Now(), absl::ZeroDuration());
      timeout_ms = static_cast<int>(std::ceil(absl::ToDoubleMilliseconds(left)));
    }
    const int got = ::poll(polled_.data(), polled_.size(), timeout_ms);
    if (got >= 0) break;
    if (errno != EINTR) {
      return TransportLost{absl::ErrnoToStatus(errno, "poll() on process pool answers")};
    }
  }
  for (std::size_t i = 0; i < polled_.size(); ++i) {
    if (polled_[i].revents != 0) ready.push_back(busy[i]);
  }
  return std::nullopt;
}

ReadOutcome PipeTransport::Read(int worker, absl::Span<char> into, std::size_t known) {
  // Wait() saw the pipe readable: one read() returns what is there, or 0 at
  // end of file, without blocking. No further than `known`: the next
  // chunk's answers may follow in the pipe.
  const int fd = workers_[static_cast<std::size_t>(worker)].from_worker.get();
  while (true) {
    const ssize_t got = ::read(fd, into.data(), std::min(known, into.size()));
    if (got > 0) return ReadOutcome{static_cast<std::size_t>(got), std::nullopt};
    if (got == 0) return ReadOutcome{0, WorkerEnded{}};
    if (errno != EINTR) {
      return ReadOutcome{0, TransportLost{absl::ErrnoToStatus(errno, "read() of an answer pipe")}};
    }
  }
}

absl::Status PipeTransport::Kill(absl::Span<const int> workers) {
  std::vector<pid_t> served;
  for (int worker : workers) {
    const WorkerPipes& pipes = workers_[static_cast<std::size_t>(worker)];
    if (pipes.process.has_value()) {
      pipes.process->Signal(SIGKILL).IgnoreError();  // Reaped next: Wait() says how it ended.
    } else if (pipes.pid > 0) {
      served.push_back(pipes.pid);
    }
  }
  if (served.empty()) return absl::OkStatus();
  return server_->Kill(served);
}

std::variant<WorkerEnded, TransportLost> PipeTransport::Finish(int worker) {
  WorkerPipes& pipes = workers_[static_cast<std::size_t>(worker)];
  if (pipes.pid < 0) return TransportLost{absl::FailedPreconditionError("reaped already")};
  // Killed first: a worker that closed its pipe may still run, and a live
  // one that broke the protocol must not be waited for. Killing one that
  // has exited already leaves its exit status as it was.
  if (absl::Status killed = Kill({&worker, 1}); !killed.ok()) {
    pipes.pid = -1;
    return TransportLost{killed};
  }
  const pid_t pid = std::exchange(pipes.pid, -1);
  pipes.to_worker.Reset();
  pipes.from_worker.Reset();
  if (pipes.process.has_value()) return WorkerEnded{pipes.process->Wait()};
  absl::StatusOr<std::vector<absl::Status>> ended = server_->Reap({pid});
  if (!ended.ok()) return TransportLost{ended.status()};
  return WorkerEnded{ended->front()};
}

void PipeTransport::Stop(absl::Span<const int> busy) {
  if (stopped_) return;
  stopped_ = true;
  for (WorkerPipes& pipes : workers_) pipes.to_worker.Reset();
  // A server that cannot be told has lost its workers with it.
  Kill(busy).IgnoreError();
  // An idle worker is blocked reading its task pipe and exits at end of
  // file. A fork server's workers are reaped in one request.
  std::vector<pid_t> served;
  for (WorkerPipes& pipes : workers_) {
    if (pipes.pid < 0) continue;
    if (pipes.process.has_value()) {
      pipes.process->Wait().IgnoreError();
    } else {
      served.push_back(pipes.pid);
    }
    pipes.pid = -1;
  }
  if (!served.empty()) server_->Reap(served).IgnoreError();
  workers_.clear();
}

}  // namespace parbench
