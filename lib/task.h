// A task is a plain value — which workload and how big — that every strategy
// runs through the same RunTask(), so sequential, threads and processes do
// exactly the same work and their results can be checked against each other.
#ifndef PARBENCH_LIB_TASK_H_
#define PARBENCH_LIB_TASK_H_

#include <cstdint>
#include <optional>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"

namespace parbench {

enum class Workload : std::uint32_t {
  kCpu = 0,     // size: count to this number.
  kIo = 1,      // size: wait this many microseconds.
  kMemory = 2,  // size: append this many 32-bit integers.
  kIoNet = 3,   // size: request payload bytes sent to the RequestService.
  kIoFile = 4,  // size: bytes written, fsync()ed and read back.
};

// "Cpu", "Io", "Memory", "IoNet", "IoFile": the names used in benchmark names and flags.
absl::string_view WorkloadName(Workload workload);
std::optional<Workload> ParseWorkload(absl::string_view name);

struct Task {
  Workload workload = Workload::kCpu;
  std::uint64_t size = 0;

  friend bool operator==(const Task&, const Task&) = default;
};

// `count` copies of the same task: the seed's "do this ten times".
std::vector<Task> RepeatTask(Task task, int count);

struct TaskResult {
  std::uint64_t checksum = 0;
  // CPU time charged to the task by the worker that ran it, in nanoseconds:
  // a thread's CPU clock around the task, or for a child process its CPU
  // time since its previous answer (so a child's messaging is counted too).
  std::int64_t cpu_nanos = 0;
};

// Runs the task's kernel on the calling thread and returns its checksum.
absl::StatusOr<std::uint64_t> RunTask(const Task& task);

// What runs a task inside a worker: RunTask, or a stand-in that a test uses
// to make a worker crash, exit or hang.
using TaskRunner = absl::StatusOr<std::uint64_t> (*)(const Task& task);

// RunTask on the calling thread, with the thread's CPU time around it.
absl::StatusOr<TaskResult> RunTaskTimed(const Task& task);

}  // namespace parbench

#endif  // PARBENCH_LIB_TASK_H_
