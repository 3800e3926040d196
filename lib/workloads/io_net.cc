#include "lib/workloads/io_net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "lib/core/byte_pattern.h"
#include "lib/core/workload_table.h"
#include "lib/loopback/request_protocol.h"
#include "lib/loopback/request_service.h"
#include "lib/posix/fd_io.h"
#include "lib/posix/socket_options.h"
#include "lib/posix/unique_fd.h"

namespace parbench {
namespace {

// A blocking request gives up after this long without progress, so that a
// hung service is an error, not a hung benchmark. Above the service's
// longest latency (RequestService::kMaxLatency).
constexpr int kBlockingTimeoutSeconds = 120;

std::atomic<std::uint16_t> service_port{0};

absl::StatusOr<std::uint16_t> PortOrError() {
  const std::uint16_t port = RequestServicePort();
  if (port == 0) {
    return absl::FailedPreconditionError(
        "IoNet: no request service (SetRequestServicePort was not called)");
  }
  return port;
}

// Header and payload in one buffer: one send() for a small request.
absl::StatusOr<std::vector<char>> RequestBytes(std::uint64_t payload_bytes) {
  if (payload_bytes > kMaxRequestPayload) {
    return absl::InvalidArgumentError(absl::StrFormat("IoNet: request of %d bytes exceeds %d",
                                                      payload_bytes, kMaxRequestPayload));
  }
  const RequestHeader header{kRequestMagic, static_cast<std::uint32_t>(payload_bytes)};
  std::vector<char> bytes(sizeof(header));
  std::memcpy(bytes.data(), &header, sizeof(header));
  const std::vector<char> payload = BytePattern(payload_bytes);
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  return bytes;
}

std::uint64_t ExpectedChecksum(const std::vector<char>& request) {
  return Fnv1a64(absl::MakeConstSpan(request).subspan(sizeof(RequestHeader)));
}

absl::StatusOr<std::uint64_t> CheckReply(const Reply& reply, std::uint64_t expected) {
  if (reply.checksum != expected) {
    return absl::DataLossError(
        absl::StrFormat("IoNet: reply checksum %#x, expected %#x", reply.checksum, expected));
  }
  return reply.checksum;
}

absl::Status WithContext(const absl::Status& cause, absl::string_view what, std::uint16_t port) {
  return absl::Status(cause.code(),
                      absl::StrFormat("IoNet: %s (127.0.0.1:%d): %s", what, port, cause.message()));
}

// The non-blocking request, one step per ready event:
// connecting (EPOLLOUT) → sending (EPOLLOUT) → receiving (EPOLLIN).
class RequestInFlight final : public TaskInFlight {
 public:
  RequestInFlight(UniqueFd socket, std::uint16_t port, std::vector<char> request)
      : socket_(std::move(socket)),
        port_(port),
        request_(std::move(request)),
        expected_(ExpectedChecksum(request_)) {}

  int fd() const override { return socket_.get(); }
  std::uint32_t events() const override { return state_ == State::kReceiving ? EPOLLIN : EPOLLOUT; }

  std::optional<absl::StatusOr<std::uint64_t>> Advance() override {
    if (state_ == State::kConnecting) {
      int error = 0;
      socklen_t length = sizeof(error);
      if (::getsockopt(socket_.get(), SOL_SOCKET, SO_ERROR, &error, &length) != 0) error = errno;
      if (error == EINPROGRESS) return std::nullopt;
      if (error != 0) return Fail(absl::ErrnoToStatus(error, "connect()"), "connecting");
      state_ = State::kSending;
    }
    if (state_ == State::kSending) {
      while (sent_ < request_.size()) {
        const ssize_t n =
            ::send(socket_.get(), request_.data() + sent_, request_.size() - sent_, MSG_NOSIGNAL);
        if (n < 0) {
          if (errno == EINTR) continue;
          if (errno == EAGAIN) return std::nullopt;
          return Fail(absl::ErrnoToStatus(errno, "send()"), "sending the request");
        }
        sent_ += static_cast<std::size_t>(n);
      }
      state_ = State::kReceiving;
    }
    auto* into = reinterpret_cast<char*>(&reply_);
    while (received_ < sizeof(reply_)) {
      const ssize_t n = ::recv(socket_.get(), into + received_, sizeof(reply_) - received_, 0);
      if (n == 0) {
        return Fail(absl::DataLossError(absl::StrFormat("connection closed after %d of %d bytes",
                                                        received_, sizeof(reply_))),
                    "waiting for the reply");
      }
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN) return std::nullopt;
        return Fail(absl::ErrnoToStatus(errno, "recv()"), "waiting for the reply");
      }
      received_ += static_cast<std::size_t>(n);
    }
    return CheckReply(reply_, expected_);
  }

 private:
  enum class State { kConnecting, kSending, kReceiving };

  std::optional<absl::StatusOr<std::uint64_t>> Fail(const absl::Status& cause,
                                                    absl::string_view what) {
    return absl::StatusOr<std::uint64_t>(WithContext(cause, what, port_));
  }

  UniqueFd socket_;
  std::uint16_t port_;
  std::vector<char> request_;
  std::uint64_t expected_;
  State state_ = State::kConnecting;
  std::size_t sent_ = 0;
  Reply reply_;
  std::size_t received_ = 0;
};

}  // namespace

void SetRequestServicePort(std::uint16_t port) { service_port.store(port); }
std::uint16_t RequestServicePort() { return service_port.load(); }

absl::StatusOr<std::uint64_t> RequestOverLoopback(std::uint64_t payload_bytes) {
  absl::StatusOr<std::uint16_t> port = PortOrError();
  if (!port.ok()) return port.status();
  absl::StatusOr<std::vector<char>> request = RequestBytes(payload_bytes);
  if (!request.ok()) return request.status();

  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!socket.valid()) return WithContext(absl::ErrnoToStatus(errno, "socket()"), "socket", *port);
  if (absl::Status set = SetSocketTimeouts(socket.get(), kBlockingTimeoutSeconds); !set.ok()) {
    return WithContext(set, "socket", *port);
  }
  if (absl::Status set = SetNoDelay(socket.get()); !set.ok())
    return WithContext(set, "socket", *port);
  const sockaddr_in address = LoopbackAddress(*port);
  if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return WithContext(absl::ErrnoToStatus(errno, "connect()"), "connecting", *port);
  }
  std::size_t sent = 0;
  while (sent < request->size()) {
    const ssize_t n =
        ::send(socket.get(), request->data() + sent, request->size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return WithContext(absl::ErrnoToStatus(errno, "send()"), "sending the request", *port);
    }
    sent += static_cast<std::size_t>(n);
  }
  Reply reply;
  if (absl::Status read = ReadFully(socket.get(), &reply, sizeof(reply)); !read.ok()) {
    return WithContext(read, "waiting for the reply", *port);
  }
  return CheckReply(reply, ExpectedChecksum(*request));
}

absl::StatusOr<std::unique_ptr<TaskInFlight>> StartRequest(std::uint64_t payload_bytes) {
  absl::StatusOr<std::uint16_t> port = PortOrError();
  if (!port.ok()) return port.status();
  absl::StatusOr<std::vector<char>> request = RequestBytes(payload_bytes);
  if (!request.ok()) return request.status();

  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!socket.valid()) return WithContext(absl::ErrnoToStatus(errno, "socket()"), "socket", *port);
  if (absl::Status set = SetNoDelay(socket.get()); !set.ok())
    return WithContext(set, "socket", *port);
  const sockaddr_in address = LoopbackAddress(*port);
  if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0 &&
      errno != EINPROGRESS) {
    return WithContext(absl::ErrnoToStatus(errno, "connect()"), "connecting", *port);
  }
  // Connected or not yet, it waits for writability first: a connected socket
  // reports it at once.
  return std::make_unique<RequestInFlight>(std::move(socket), *port, *std::move(request));
}

namespace {

// IoNet's request is "small": a header and this much payload. Its size is
// fixed; the flag sets how long the service takes to answer.
constexpr std::uint64_t kRequestPayloadBytes = 64;

// The one RequestService of a run, started by StartSharedService before the
// first IoNet task (so every worker forked afterwards inherits its port) and
// stopped by StopSharedService at the end of the run. Owned here rather than
// by a static object's destructor so that it stops at a known point; if the
// process dies first, the child dies with it (ChildProcess sets
// PR_SET_PDEATHSIG).
std::optional<RequestService>& Service() {
  static auto* service = new std::optional<RequestService>();
  return *service;
}

absl::Status StartSharedService(std::uint64_t latency_ms) {
  if (Service().has_value()) return absl::OkStatus();
  absl::StatusOr<RequestService> service =
      RequestService::Start(absl::Milliseconds(static_cast<double>(latency_ms)));
  if (!service.ok()) return service.status();
  SetRequestServicePort(service->port());
  Service() = *std::move(service);
  return absl::OkStatus();
}

void StopSharedService() {
  if (!Service().has_value()) return;
  SetRequestServicePort(0);
  Service().reset();  // Stops and reaps the child.
}

std::uint64_t RequestPayload(std::uint64_t /*latency_ms*/) { return kRequestPayloadBytes; }

}  // namespace

PARBENCH_REGISTER_WORKLOAD({
    .name = "IoNet",
    .size_flag = "ionet_latency_ms",
    .help = "IoNet workload: milliseconds the loopback request service waits before each reply.",
    .default_size = 50,
    .max_size = 60'000,  // RequestService::kMaxLatency.
    .test_size = 1'000,
    .run = &RequestOverLoopback,
    .io_bound = true,
    .task_size = &RequestPayload,
    .start_in_flight = &StartRequest,
    .start_shared = &StartSharedService,
    .stop_shared = &StopSharedService,
    .order = 3,
});

}  // namespace parbench
