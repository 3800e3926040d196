#include "lib/loopback/request_service.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <utility>

#include "absl/strings/str_format.h"
#include "lib/loopback/request_protocol.h"
#include "lib/loopback/request_server.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/socket_options.h"

namespace parbench {
namespace {

// Room for every connection the largest worker count opens at once.
constexpr int kListenBacklog = 1024;
// A stats query is answered at once: this long without an answer means the
// service is stuck, an error rather than a hung test.
constexpr int kStatsTimeoutSeconds = 10;

// A non-blocking listening socket on 127.0.0.1:`port`.
absl::StatusOr<UniqueFd> Listen(std::uint16_t port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return absl::ErrnoToStatus(errno, "socket()");
  // Lets a fixed port be reused while old connections sit in TIME_WAIT; a
  // port someone is listening on still fails with EADDRINUSE.
  if (absl::Status set = SetReuseAddress(fd.get()); !set.ok()) return set;
  const sockaddr_in address = LoopbackAddress(port);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return absl::ErrnoToStatus(errno, absl::StrFormat("bind(127.0.0.1:%d)", port));
  }
  if (::listen(fd.get(), kListenBacklog) != 0) return absl::ErrnoToStatus(errno, "listen()");
  return fd;
}

absl::StatusOr<std::uint16_t> LocalPort(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof(address);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return absl::ErrnoToStatus(errno, "getsockname()");
  }
  return ntohs(address.sin_port);
}

absl::Status StartError(const absl::Status& cause) {
  return absl::Status(cause.code(),
                      absl::StrFormat("starting the request service: %s", cause.message()));
}

}  // namespace

absl::StatusOr<RequestService> RequestService::Start(absl::Duration latency, std::uint16_t port) {
  if (latency < absl::ZeroDuration() || latency > kMaxLatency) {
    return StartError(absl::InvalidArgumentError(
        absl::StrFormat("latency %s is outside [0, %s]", absl::FormatDuration(latency),
                        absl::FormatDuration(kMaxLatency))));
  }
  absl::StatusOr<UniqueFd> listener = Listen(port);
  if (!listener.ok()) return StartError(listener.status());
  absl::StatusOr<std::uint16_t> bound = LocalPort(listener->get());
  if (!bound.ok()) return StartError(bound.status());
  absl::StatusOr<Pipe> lifeline = MakePipe();
  if (!lifeline.ok()) return StartError(lifeline.status());

  const int listen_fd = listener->get();
  const int lifeline_fd = lifeline->read_end.get();
  absl::StatusOr<ChildProcess> child = ChildProcess::Fork(
      {listen_fd, lifeline_fd},
      [listen_fd, lifeline_fd, latency] { return ServeRequests(listen_fd, lifeline_fd, latency); });
  if (!child.ok()) return StartError(child.status());
  // The listening socket and the lifeline's read end now live only in the
  // child (they close here as `listener` and `lifeline->read_end` go), so the
  // port closes when the child ends, and the child sees end of file on its
  // lifeline when we close the write end.
  return RequestService(*std::move(child), std::move(lifeline->write_end), *bound);
}

RequestService::~RequestService() { Stop().IgnoreError(); }

absl::StatusOr<StatsReply> RequestService::Stats() const {
  if (!lifeline_.valid()) return absl::FailedPreconditionError("request service: stopped");
  auto error = [this](const absl::Status& cause) {
    return absl::Status(cause.code(), absl::StrFormat("request service stats (127.0.0.1:%d): %s",
                                                      port_, cause.message()));
  };
  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!socket.valid()) return error(absl::ErrnoToStatus(errno, "socket()"));
  if (absl::Status set = SetSocketTimeouts(socket.get(), kStatsTimeoutSeconds); !set.ok()) {
    return error(set);
  }
  const sockaddr_in address = LoopbackAddress(port_);
  if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return error(absl::ErrnoToStatus(errno, "connect()"));
  }
  const SigpipeBlock sigpipe_block;  // A service gone is an error, not our death.
  const RequestHeader query{kStatsMagic, 0};
  if (absl::Status sent = WriteFully(socket.get(), &query, sizeof(query)); !sent.ok()) {
    return error(sent);
  }
  StatsReply stats;
  if (absl::Status read = ReadFully(socket.get(), &stats, sizeof(stats)); !read.ok()) {
    return error(read);
  }
  return stats;
}

absl::Status RequestService::Stop() {
  if (!lifeline_.valid()) return stopped_;  // Stopped already, or moved from.
  lifeline_.Reset();
  const pid_t pid = process_.pid();
  const absl::Status ended = process_.Wait();
  if (!ended.ok()) {
    stopped_ = absl::Status(ended.code(),
                            absl::StrFormat("request service (pid %d): %s", pid, ended.message()));
  }
  return stopped_;
}

}  // namespace parbench
