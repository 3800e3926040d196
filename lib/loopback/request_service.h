// RequestService: the loopback service IoNet tasks send their requests to —
// a child process (forked through ChildProcess::Fork) listening on 127.0.0.1
// that answers each request after a fixed latency, many at once. Its owner
// stops and reaps it: no process and no listening port outlives the object.
#ifndef PARBENCH_LIB_LOOPBACK_REQUEST_SERVICE_H_
#define PARBENCH_LIB_LOOPBACK_REQUEST_SERVICE_H_

#include <sys/types.h>

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/posix/child_process.h"
#include "lib/posix/unique_fd.h"

namespace parbench {

class RequestService {
 public:
  // The longest latency a service accepts (the suite's own limit for Io).
  static constexpr absl::Duration kMaxLatency = absl::Seconds(60);

  // Binds 127.0.0.1:`port` (0: an ephemeral port the kernel picks) and starts
  // listening in the calling process, so that a port in use or a bad latency
  // (negative, above kMaxLatency) is an error here, naming the cause, before
  // anything forks; then forks the child that serves. Connections made as
  // soon as this returns wait in the listen backlog: no start-up race.
  [[nodiscard]] static absl::StatusOr<RequestService> Start(absl::Duration latency,
                                                            std::uint16_t port = 0);

  RequestService(RequestService&&) noexcept = default;
  RequestService& operator=(RequestService&&) noexcept = default;
  RequestService(const RequestService&) = delete;
  RequestService& operator=(const RequestService&) = delete;
  // Stop(), unless already stopped.
  ~RequestService();

  // Tells the child to stop (closes its lifeline pipe) and reaps it. The
  // child's listening socket closes with it, so the port refuses connections
  // from then on. OK if the child exited cleanly; repeated calls return the
  // same answer.
  absl::Status Stop();

  // The port it listens on, on 127.0.0.1.
  std::uint16_t port() const { return port_; }
  // The serving child's process ID; -1 once stopped.
  pid_t pid() const { return process_.pid(); }

 private:
  RequestService(ChildProcess process, UniqueFd lifeline, std::uint16_t port)
      : process_(std::move(process)), lifeline_(std::move(lifeline)), port_(port) {}

  ChildProcess process_;
  UniqueFd lifeline_;  // Write end of the child's lifeline pipe; empty once stopped.
  std::uint16_t port_ = 0;
  absl::Status stopped_;  // How Stop() found the child.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_LOOPBACK_REQUEST_SERVICE_H_
