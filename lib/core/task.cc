#include "lib/core/task.h"

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "lib/core/workload_table.h"
#include "lib/posix/cpu_clock.h"

namespace parbench {
namespace {

absl::StatusOr<const WorkloadSpec*> RowOf(const Task& task) {
  const WorkloadSpec* spec = FindWorkload(task.workload);
  if (spec == nullptr) {
    return absl::InvalidArgumentError(absl::StrFormat("unknown workload %d", task.workload));
  }
  return spec;
}

}  // namespace

std::vector<Task> RepeatTask(Task task, int count) {
  return std::vector<Task>(static_cast<std::size_t>(count), task);
}

absl::StatusOr<std::uint64_t> RunTask(const Task& task) {
  absl::StatusOr<const WorkloadSpec*> spec = RowOf(task);
  if (!spec.ok()) return spec.status();
  return (*spec)->run(task.size);
}

absl::StatusOr<std::unique_ptr<TaskInFlight>> StartTask(const Task& task) {
  absl::StatusOr<const WorkloadSpec*> spec = RowOf(task);
  if (!spec.ok()) return spec.status();
  if ((*spec)->start_in_flight == nullptr) return nullptr;
  return (*spec)->start_in_flight(task.size);
}

bool RunBatch(absl::Span<const Task> tasks, absl::Span<absl::StatusOr<TaskResult>> results) {
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    absl::StatusOr<std::uint64_t> checksum = RunTask(tasks[i]);
    if (!checksum.ok()) {
      results[i] = checksum.status();
      return false;
    }
    results[i] = TaskResult{*checksum, 0};
  }
  return true;
}

void RunBatchTimed(absl::Span<const Task> tasks, absl::Span<absl::StatusOr<TaskResult>> results) {
  if (tasks.empty()) return;
  const std::int64_t start = ThreadCpuNanos();
  RunBatch(tasks, results);
  if (results[0].ok()) results[0]->cpu_nanos = ThreadCpuNanos() - start;
}

}  // namespace parbench
