#include "lib/task.h"

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "lib/file_kernel.h"
#include "lib/kernels.h"
#include "lib/net_request.h"
#include "lib/posix/cpu_clock.h"

namespace parbench {

absl::string_view WorkloadName(Workload workload) {
  switch (workload) {
    case Workload::kCpu:
      return "Cpu";
    case Workload::kIo:
      return "Io";
    case Workload::kMemory:
      return "Memory";
    case Workload::kIoNet:
      return "IoNet";
    case Workload::kIoFile:
      return "IoFile";
  }
  return "Unknown";
}

std::optional<Workload> ParseWorkload(absl::string_view name) {
  for (Workload w : {Workload::kCpu, Workload::kIo, Workload::kMemory, Workload::kIoNet,
                     Workload::kIoFile}) {
    if (WorkloadName(w) == name) return w;
  }
  return std::nullopt;
}

std::vector<Task> RepeatTask(Task task, int count) {
  return std::vector<Task>(static_cast<std::size_t>(count), task);
}

absl::StatusOr<std::uint64_t> RunTask(const Task& task) {
  switch (task.workload) {
    case Workload::kCpu:
      return CountTo(task.size);
    case Workload::kIo:
      return WaitMicros(task.size);
    case Workload::kMemory:
      return AppendInts(task.size);
    case Workload::kIoNet:
      return RequestOverLoopback(task.size);
    case Workload::kIoFile:
      return WriteSyncReadBack(task.size);
  }
  // Reachable only through a corrupted message from a child.
  return absl::InvalidArgumentError(
      absl::StrFormat("unknown workload %d", static_cast<int>(task.workload)));
}

void RunBatchTimed(absl::Span<const Task> tasks,
                   absl::Span<absl::StatusOr<TaskResult>> results) {
  if (tasks.empty()) return;
  const std::int64_t start = ThreadCpuNanos();
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    absl::StatusOr<std::uint64_t> checksum = RunTask(tasks[i]);
    if (!checksum.ok()) {
      results[i] = checksum.status();
      break;
    }
    results[i] = TaskResult{*checksum, 0};
  }
  if (results[0].ok()) results[0]->cpu_nanos = ThreadCpuNanos() - start;
}

}  // namespace parbench
