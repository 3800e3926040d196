// A task is a plain value — which workload (its row in the workload table)
// and how big — that every strategy runs through the same RunTask(), so
// sequential, threads and processes do exactly the same work and their
// results can be checked against each other.
#ifndef PARBENCH_LIB_CORE_TASK_H_
#define PARBENCH_LIB_CORE_TASK_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/core/task_in_flight.h"

namespace parbench {

// A row of the workload table (see workload_table.h). A plain number, so a
// task crosses a pipe as it is: a forked or spawned worker runs the same
// binary, hence the same table.
using WorkloadId = std::uint32_t;

struct Task {
  WorkloadId workload = 0;
  std::uint64_t size = 0;

  friend bool operator==(const Task&, const Task&) = default;
};

// `count` copies of the same task: the seed's "do this ten times".
std::vector<Task> RepeatTask(Task task, int count);

struct TaskResult {
  std::uint64_t checksum = 0;
  // CPU time charged to this result, in nanoseconds. Workers read their CPU
  // clock once per batch of tasks (a read is a system call, dearer than a
  // tiny task) and charge the batch to its first result, so only the sum
  // over a Map() is meaningful: the CPU its workers used. A child process
  // charges all its CPU since its previous answer that read the clock,
  // messaging included (a shared-memory worker reads it only when no chunk
  // waits behind the one it ran, so always at a Map()'s last).
  std::int64_t cpu_nanos = 0;
  // Set, like cpu_nanos, on the first result of a batch that a worker
  // process answered: that process's id and its peak resident memory in KiB
  // so far. 0 when the task ran in the calling process.
  std::int32_t worker_pid = 0;
  std::int64_t worker_peak_rss_kib = 0;
};

// Runs the task's workload on the calling thread and returns its checksum.
// An unknown workload (a corrupted message from a child) is an error.
absl::StatusOr<std::uint64_t> RunTask(const Task& task);

// Starts `task` without blocking when its workload can wait without a thread
// (see WorkloadSpec::start_in_flight); nullptr for one that can only run to
// completion, which the caller runs with RunTask. An error is the task's own
// (e.g. a connection refused at once).
absl::StatusOr<std::unique_ptr<TaskInFlight>> StartTask(const Task& task);

// What runs a task inside a worker: RunTask, or a stand-in that a test uses
// to make a worker crash, exit or hang.
using TaskRunner = absl::StatusOr<std::uint64_t> (*)(const Task& task);

// Runs `tasks` one after another on the calling thread, result i into
// `results[i]` (same size), and stops at the first error; false then.
bool RunBatch(absl::Span<const Task> tasks, absl::Span<absl::StatusOr<TaskResult>> results);

// RunBatch, reading the thread's CPU clock once before and once after the
// batch; see TaskResult::cpu_nanos.
void RunBatchTimed(absl::Span<const Task> tasks, absl::Span<absl::StatusOr<TaskResult>> results);

}  // namespace parbench

#endif  // PARBENCH_LIB_CORE_TASK_H_
