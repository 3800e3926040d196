// The async-capable form of a task: one the EventLoop can keep in flight on
// its single thread, waiting on a descriptor instead of blocking a thread.
// Workloads that can wait this way (Io, IoNet) give their workload-table row
// a start_in_flight function; the others run to completion through RunTask.
#ifndef PARBENCH_LIB_CORE_TASK_IN_FLIGHT_H_
#define PARBENCH_LIB_CORE_TASK_IN_FLIGHT_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/statusor.h"

namespace parbench {

// A started task waiting on one descriptor. It owns that descriptor; the
// caller only watches it (epoll) and calls Advance() when it is ready.
class TaskInFlight {
 public:
  virtual ~TaskInFlight() = default;

  // The descriptor it waits on, the same for the task's whole life, and the
  // epoll events (EPOLLIN / EPOLLOUT) it waits for now, which may change
  // after each Advance().
  virtual int fd() const = 0;
  virtual std::uint32_t events() const = 0;

  // Call when epoll reports fd() ready (or in error): does whatever that
  // allows without blocking. Returns the task's checksum, or its error, once
  // finished; nullopt while it still waits.
  virtual std::optional<absl::StatusOr<std::uint64_t>> Advance() = 0;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_CORE_TASK_IN_FLIGHT_H_
