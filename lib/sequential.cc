#include "lib/sequential.h"

namespace parbench {

absl::StatusOr<std::vector<TaskResult>> Sequential::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  RunBatchTimed(tasks, absl::MakeSpan(slots));
  return GatherResults(std::move(slots));
}

}  // namespace parbench
