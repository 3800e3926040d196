#include "lib/strategies/process/fork_server.h"

#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/posix/socket_options.h"
#include "lib/strategies/process/fork_server_protocol.h"

namespace parbench {
namespace {

// The longest the client waits for one reply. Every request is answered at
// once except a reap, which waits for workers that were told to end (their
// pipe closed, or killed): a server silent this long is stuck.
constexpr int kReplyTimeoutSeconds = 60;

// The hello's longest length: a workload table of some thousand rows.
constexpr std::size_t kMaxHello = 1 << 16;

// The request `op` for pids[first, first + kMaxForkPids), or fewer at the end.
ForkRequest PidRequest(ForkOp op, absl::Span<const pid_t> pids, std::size_t first) {
  ForkRequest request{.op = op};
  request.count =
      static_cast<std::uint32_t>(std::min<std::size_t>(kMaxForkPids, pids.size() - first));
  std::copy_n(pids.begin() + first, request.count, request.pids);
  return request;
}

// One message into `buffer`; its length, 0 at end of file, or -1 with errno.
// Descriptors passed with it land in `fds` (up to two), close-on-exec.
ssize_t ReceiveMessage(int socket, void* buffer, std::size_t size, UniqueFd* fds = nullptr) {
  iovec part{buffer, size};
  msghdr message{};
  message.msg_iov = &part;
  message.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(2 * sizeof(int))] = {};
  message.msg_control = control;
  message.msg_controllen = sizeof(control);
  ssize_t got;
  do {
    got = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
  } while (got < 0 && errno == EINTR);
  // Whatever came is owned at once, even with a message we then refuse.
  int taken = 0;
  for (cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr;
       header = CMSG_NXTHDR(&message, header)) {
    if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS) continue;
    const std::size_t count = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < count; ++i) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(header) + i * sizeof(int), sizeof(int));
      UniqueFd owned(fd);
      if (fds != nullptr && taken < 2) fds[taken++] = std::move(owned);
    }
  }
  if (got >= 0 && (message.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
    errno = EMSGSIZE;
    return -1;
  }
  return got;
}

// What is wrong with a reply of `got` bytes (ReceiveMessage's result, errno
// still its) where `expected` were due.
std::string ReplyProblem(ssize_t got, std::size_t expected) {
  if (got == 0) return "it closed its socket";
  if (got > 0) return absl::StrFormat("a reply of %d bytes, not %d", got, expected);
  if (errno == EAGAIN) return absl::StrCat("no reply within ", kReplyTimeoutSeconds, " s");
  return absl::StrCat("recvmsg(): ", std::strerror(errno));
}

}  // namespace

absl::StatusOr<std::shared_ptr<ForkServer>> ForkServer::Start(const std::string& binary) {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0) {
    return absl::ErrnoToStatus(errno, "socketpair() for the fork server");
  }
  UniqueFd ours(ends[0]);
  UniqueFd theirs(ends[1]);
  // Sends time out too: a server that stopped reading is as stuck as one
  // that stopped answering.
  if (absl::Status set = SetSocketTimeouts(ours.get(), kReplyTimeoutSeconds); !set.ok()) {
    return absl::Status(set.code(), absl::StrCat("the fork server's socket: ", set.message()));
  }
  absl::StatusOr<ChildProcess> process =
      ChildProcess::Spawn({binary, kForkServerFlag}, theirs.get());
  if (!process.ok()) {
    return absl::Status(process.status().code(),
                        absl::StrCat("starting the fork server: ", process.status().message()));
  }
  theirs.Reset();  // The server's end is the server's alone.
  std::shared_ptr<ForkServer> server(new ForkServer(*std::move(process), std::move(ours)));

  absl::MutexLock lock(&server->mu_);
  std::string hello(kMaxHello, '\0');
  const ssize_t got = ReceiveMessage(server->control_.get(), hello.data(), hello.size());
  if (got <= 0) {
    return server->Lost(absl::StrCat("starting (", binary, "): ", ReplyProblem(got, 1)));
  }
  hello.resize(static_cast<std::size_t>(got));
  if (std::string own = WorkloadTableHello(); hello != own) {
    std::replace(hello.begin(), hello.end(), '\n', ' ');
    std::replace(own.begin(), own.end(), '\n', ' ');
    return absl::FailedPreconditionError(absl::StrFormat(
        "fork server %s registers the workloads [%s], this program [%s]: rebuild both", binary,
        absl::StripTrailingAsciiWhitespace(hello), absl::StripTrailingAsciiWhitespace(own)));
  }
  return server;
}

namespace {

absl::Mutex shared_mu(absl::kConstInit);

// Never destroyed itself (a pool may outlive main()'s statics); emptied by
// StopShared, which runs at exit.
std::map<std::string, std::shared_ptr<ForkServer>>& SharedServers()
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(shared_mu) {
  static auto* servers = new std::map<std::string, std::shared_ptr<ForkServer>>;
  return *servers;
}

}  // namespace

absl::StatusOr<std::shared_ptr<ForkServer>> ForkServer::Shared(const std::string& binary) {
  absl::MutexLock lock(&shared_mu);
  static const bool stopped_at_exit = std::atexit(&ForkServer::StopShared) == 0;
  (void)stopped_at_exit;
  std::shared_ptr<ForkServer>& server = SharedServers()[binary];
  if (server == nullptr || !server->usable()) {
    absl::StatusOr<std::shared_ptr<ForkServer>> started = Start(binary);
    if (!started.ok()) return started.status();
    server = *std::move(started);
  }
  return server;
}

void ForkServer::StopShared() {
  std::map<std::string, std::shared_ptr<ForkServer>> servers;
  {
    absl::MutexLock lock(&shared_mu);
    servers.swap(SharedServers());
  }
  // Destroyed here, outside the lock: each stop waits for a server to exit.
}

ForkServer::~ForkServer() {
  absl::MutexLock lock(&mu_);
  control_.Reset();  // The server reaps what workers it still has and exits.
  process_.Wait().IgnoreError();
}

bool ForkServer::usable() const {
  absl::MutexLock lock(&mu_);
  return lost_.ok();
}

bool ForkServer::Send(const ForkRequest& request) {
  return SendForkMessage(control_.get(), &request, sizeof(request));
}

absl::Status ForkServer::Lost(absl::string_view what) {
  if (!lost_.ok()) return lost_;
  control_.Reset();
  process_.Signal(SIGKILL).IgnoreError();  // Its workers die with it; Wait() says how it ended.
  const absl::Status ended = process_.Wait();
  lost_ =
      absl::UnavailableError(absl::StrFormat("fork server (pid %d) lost %s (it ended: %s)", pid_,
                                             what, ended.ok() ? "exit status 0" : ended.message()));
  return lost_;
}

absl::StatusOr<ServedWorkers> ForkServer::StartWorkers(int count) {
  if (count < 1 || static_cast<std::uint32_t>(count) > kMaxForkWorkers) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "a fork server starts 1 to %d workers at once, not %d", kMaxForkWorkers, count));
  }
  std::vector<WorkerPipes> workers;
  std::int64_t cpu_nanos = 0;
  absl::Status failed;
  {
    absl::MutexLock lock(&mu_);
    if (!lost_.ok()) return lost_;
    ForkRequest request{.op = ForkOp::kStart, .count = static_cast<std::uint32_t>(count)};
    if (!Send(request)) return Lost(absl::StrCat("asking for workers: ", std::strerror(errno)));
    workers.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
      ForkReply reply;
      UniqueFd ends[2];
      const ssize_t got = ReceiveMessage(control_.get(), &reply, sizeof(reply), ends);
      if (got != sizeof(reply)) {
        return Lost(absl::StrFormat("starting worker %d of %d: %s", i + 1, count,
                                    ReplyProblem(got, sizeof(reply))));
      }
      cpu_nanos = reply.cpu_nanos;
      if (reply.pid < 0) {
        const absl::Status cause = FromStatusMessage(reply.outcome);
        failed = absl::Status(cause.code(), absl::StrFormat("starting worker %d of %d: %s", i + 1,
                                                            count, cause.message()));
        break;
      }
      if (!ends[0].valid() || !ends[1].valid()) {
        return Lost(
            absl::StrFormat("starting worker %d of %d: its pipes did not come", i + 1, count));
      }
      workers.push_back({reply.pid, std::nullopt, std::move(ends[0]), std::move(ends[1])});
    }
  }
  if (failed.ok()) return ServedWorkers{std::move(workers), cpu_nanos};
  std::vector<pid_t> started;
  for (WorkerPipes& worker : workers) {
    started.push_back(worker.pid);
    worker.to_worker.Reset();  // Idle: it exits at end of file.
  }
  Reap(started).IgnoreError();
  return failed;
}

absl::Status ForkServer::Kill(absl::Span<const pid_t> pids) {
  absl::MutexLock lock(&mu_);
  if (!lost_.ok()) return lost_;
  for (std::size_t first = 0; first < pids.size(); first += kMaxForkPids) {
    if (!Send(PidRequest(ForkOp::kKill, pids, first)))
      return Lost(absl::StrCat("killing workers: ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<absl::Status>> ForkServer::Reap(absl::Span<const pid_t> pids) {
  absl::MutexLock lock(&mu_);
  if (!lost_.ok()) return lost_;
  std::vector<absl::Status> ended;
  ended.reserve(pids.size());
  for (std::size_t first = 0; first < pids.size(); first += kMaxForkPids) {
    const ForkRequest request = PidRequest(ForkOp::kReap, pids, first);
    if (!Send(request)) return Lost(absl::StrCat("reaping workers: ", std::strerror(errno)));
    ReapReply replies[kMaxForkPids];
    const ssize_t got = ReceiveMessage(control_.get(), replies, sizeof(replies));
    const std::size_t expected = request.count * sizeof(ReapReply);
    if (got != static_cast<ssize_t>(expected)) {
      return Lost(absl::StrCat("reaping workers: ", ReplyProblem(got, expected)));
    }
    for (std::uint32_t i = 0; i < request.count; ++i)
      ended.push_back(FromStatusMessage(replies[i].outcome));
  }
  return ended;
}

}  // namespace parbench
