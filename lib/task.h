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
#include "absl/types/span.h"

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
  // CPU time charged to this result, in nanoseconds. Workers read their CPU
  // clock once per batch of tasks (a read is a system call, ~0.5 us on these
  // VMs: dearer than a tiny task) and charge the batch to its first result,
  // so only the sum over a Map() is meaningful: the CPU its workers used. A
  // child process charges all its CPU since its previous answer, messaging
  // included.
  std::int64_t cpu_nanos = 0;
};

// Runs the task's kernel on the calling thread and returns its checksum.
absl::StatusOr<std::uint64_t> RunTask(const Task& task);

// What runs a task inside a worker: RunTask, or a stand-in that a test uses
// to make a worker crash, exit or hang.
using TaskRunner = absl::StatusOr<std::uint64_t> (*)(const Task& task);

// Runs `tasks` one after another on the calling thread, result i into
// `results[i]` (same size), and stops at the first error. Reads the thread's
// CPU clock once before and once after the batch; see TaskResult::cpu_nanos.
void RunBatchTimed(absl::Span<const Task> tasks,
                   absl::Span<absl::StatusOr<TaskResult>> results);

}  // namespace parbench

#endif  // PARBENCH_LIB_TASK_H_
