#include "lib/sequential.h"

namespace parbench {

absl::StatusOr<std::vector<TaskResult>> Sequential::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots;
  slots.reserve(tasks.size());
  for (const Task& task : tasks) {
    slots.push_back(RunTaskTimed(task));
    if (!slots.back().ok()) break;  // Later tasks would only be thrown away.
  }
  return GatherResults(std::move(slots));
}

}  // namespace parbench
