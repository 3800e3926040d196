#include "lib/openmp_strategy.h"

#include <algorithm>
#include <cstddef>
#include <utility>

namespace parbench {

OpenMp::OpenMp(int workers) : workers_(std::max(workers, 1)) {}

absl::StatusOr<std::vector<TaskResult>> OpenMp::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  const auto count = static_cast<std::ptrdiff_t>(tasks.size());
  // The plain form on purpose (default schedule, i.e. static in libgomp):
  // what a user writes first, and the cheapest to hand out.
#pragma omp parallel for num_threads(workers_)
  for (std::ptrdiff_t i = 0; i < count; ++i) {
    slots[static_cast<std::size_t>(i)] = RunTaskTimed(tasks[static_cast<std::size_t>(i)]);
  }
  return GatherResults(std::move(slots));
}

}  // namespace parbench
