// The fork server's side of fork_server_protocol.h: a loop that forks,
// kills and reaps pool workers for the one client at the other end of its
// socket.
#include <signal.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/core/workload_table.h"
#include "lib/posix/child_process.h"
#include "lib/posix/cpu_clock.h"
#include "lib/posix/exit_status.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/fork_server_protocol.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {
namespace {

class Server {
 public:
  explicit Server(int control_fd) : control_(control_fd) {}

  int Run() {
    const std::string hello = WorkloadTableHello();
    if (!SendForkMessage(control_, hello.data(), hello.size())) return exit_status::kPeerLost;
    while (true) {
      // One byte more than a request: a longer message shows as one.
      char bytes[sizeof(ForkRequest) + 1];
      ssize_t got;
      do {
        got = ::recv(control_, bytes, sizeof(bytes), 0);
      } while (got < 0 && errno == EINTR);
      // The client is done: `workers_` goes, killed and reaped.
      if (got == 0) return exit_status::kOk;
      if (got < 0) return exit_status::kPeerLost;
      const absl::StatusOr<ForkRequest> request =
          DecodeForkRequest(absl::MakeConstSpan(bytes, static_cast<std::size_t>(got)));
      if (!request.ok()) return exit_status::kBadMessage;
      bool spoke = true;
      switch (request->op) {
        case ForkOp::kStart:
          spoke = Start(request->count);
          break;
        case ForkOp::kKill:
          for (std::uint32_t i = 0; i < request->count; ++i) Kill(request->pids[i]);
          break;
        case ForkOp::kReap:
          spoke = Reap(request->pids, request->count);
          break;
      }
      if (!spoke) return exit_status::kPeerLost;
    }
  }

 private:
  bool Start(std::uint32_t count) {
    const std::int64_t cpu_start = ProcessCpuNanos();
    for (std::uint32_t i = 0; i < count; ++i) {
      if (absl::Status started = StartOne(cpu_start); !started.ok()) {
        const ForkReply failed{-1, ToStatusMessage(started), ProcessCpuNanos() - cpu_start};
        return SendForkMessage(control_, &failed, sizeof(failed));
      }
    }
    return true;
  }

  // Forks one worker and sends its pid and pipe ends; an error when it
  // could not be started (the reply then says so).
  absl::Status StartOne(std::int64_t cpu_start) {
    absl::StatusOr<WorkerPipes> forked = ForkWorker(&RunTask);
    if (!forked.ok()) return forked.status();
    const pid_t pid = forked->pid;
    const ForkReply started{pid, {}, ProcessCpuNanos() - cpu_start};
    const int ends[2] = {forked->to_worker.get(), forked->from_worker.get()};
    workers_.emplace(pid, *std::move(forked->process));
    // This process's copies of the client's ends close on return. A client
    // gone ends the loop at its next read.
    SendForkMessage(control_, &started, sizeof(started), ends);
    return absl::OkStatus();
  }

  void Kill(pid_t pid) {
    if (auto worker = workers_.find(pid); worker != workers_.end()) {
      worker->second.Signal(SIGKILL).IgnoreError();  // Reaped when asked: see Reap.
    }
  }

  bool Reap(const pid_t* pids, std::uint32_t count) {
    ReapReply replies[kMaxForkPids];
    for (std::uint32_t i = 0; i < count; ++i) {
      replies[i].pid = pids[i];
      auto worker = workers_.find(pids[i]);
      if (worker == workers_.end()) {
        replies[i].outcome =
            ToStatusMessage(absl::NotFoundError(absl::StrCat("no worker ", pids[i], " here")));
        continue;
      }
      replies[i].outcome = ToStatusMessage(worker->second.Wait());
      workers_.erase(worker);
    }
    return SendForkMessage(control_, replies, count * sizeof(ReapReply));
  }

  int control_;
  std::map<pid_t, ChildProcess> workers_;  // Forked and not reaped yet.
};

}  // namespace

std::string WorkloadTableHello() {
  std::string hello;
  for (const WorkloadSpec& workload : Workloads()) absl::StrAppend(&hello, workload.name, "\n");
  return hello;
}

bool SendForkMessage(int socket, const void* bytes, std::size_t size, absl::Span<const int> fds) {
  iovec part{const_cast<void*>(bytes), size};
  msghdr message{};
  message.msg_iov = &part;
  message.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(2 * sizeof(int))] = {};
  if (!fds.empty()) {
    if (fds.size() > 2) return false;
    message.msg_control = control;
    message.msg_controllen = CMSG_SPACE(fds.size() * sizeof(int));
    cmsghdr* header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(fds.size() * sizeof(int));
    std::memcpy(CMSG_DATA(header), fds.data(), fds.size() * sizeof(int));
  }
  ssize_t sent;
  do {
    sent = ::sendmsg(socket, &message, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  return sent == static_cast<ssize_t>(size);
}

absl::StatusOr<ForkRequest> DecodeForkRequest(absl::Span<const char> bytes) {
  if (bytes.size() != sizeof(ForkRequest)) {
    return absl::InvalidArgumentError(
        absl::StrCat("a fork request of ", bytes.size(), " bytes, not ", sizeof(ForkRequest)));
  }
  std::uint32_t op = 0;
  std::memcpy(&op, bytes.data(), sizeof(op));
  if (op != static_cast<std::uint32_t>(ForkOp::kStart) &&
      op != static_cast<std::uint32_t>(ForkOp::kKill) &&
      op != static_cast<std::uint32_t>(ForkOp::kReap)) {
    return absl::InvalidArgumentError(absl::StrCat("unknown fork request ", op));
  }
  ForkRequest request;
  std::memcpy(&request, bytes.data(), sizeof(request));
  const std::uint32_t most = request.op == ForkOp::kStart ? kMaxForkWorkers : kMaxForkPids;
  if (request.count > most) {
    return absl::InvalidArgumentError(
        absl::StrCat("a fork request for ", request.count, " (at most ", most, ")"));
  }
  return request;
}

int ServeForks(int control_fd) { return Server(control_fd).Run(); }

}  // namespace parbench
