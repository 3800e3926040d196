// The async-capable form of a task: one the EventLoop can keep in flight on
// its single thread, waiting on a descriptor instead of blocking a thread.
// Workloads that can wait this way (Io, IoNet) say so here, beside RunTask;
// the others run to completion through RunTask.
#ifndef PARBENCH_LIB_ASYNC_TASK_H_
#define PARBENCH_LIB_ASYNC_TASK_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "lib/task.h"

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

// Starts `task` without blocking when its workload can wait without a
// thread: Io arms a timer (timerfd), IoNet opens a non-blocking connection
// and sends its request once connected. Returns nullptr for a workload that
// can only run to completion — Cpu and Memory use the CPU, and IoFile's
// fsync() has no non-blocking form — which the caller runs with RunTask. An
// error is the task's own (e.g. the connection refused at once).
absl::StatusOr<std::unique_ptr<TaskInFlight>> StartTask(const Task& task);

}  // namespace parbench

#endif  // PARBENCH_LIB_ASYNC_TASK_H_
