// IoNet's one request: connect to the RequestService on 127.0.0.1, send a
// payload, wait for the reply, verify its checksum — over a fresh connection
// per task, like a call to an external API. Blocking form for RunTask,
// non-blocking form for the EventLoop.
#ifndef PARBENCH_LIB_WORKLOADS_IO_NET_H_
#define PARBENCH_LIB_WORKLOADS_IO_NET_H_

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "lib/core/task_in_flight.h"

namespace parbench {

// The service's port for every IoNet task of this process: process-wide
// state, so that Task stays a plain {workload, size}. Set it once, before
// any worker is forked (forked workers inherit the value, threads share it);
// 0 means "no service", and IoNet tasks then fail with FailedPrecondition.
void SetRequestServicePort(std::uint16_t port);
std::uint16_t RequestServicePort();

// Sends a request of `payload_bytes` (at most kMaxRequestPayload) and blocks
// until the verified reply. Returns the payload's checksum. A refused
// connection, a closed one, a wrong checksum or no reply within a generous
// timeout is an error that says which.
absl::StatusOr<std::uint64_t> RequestOverLoopback(std::uint64_t payload_bytes);

// The same request, started without blocking (see TaskInFlight).
absl::StatusOr<std::unique_ptr<TaskInFlight>> StartRequest(std::uint64_t payload_bytes);

}  // namespace parbench

#endif  // PARBENCH_LIB_WORKLOADS_IO_NET_H_
