#include "lib/core/strategy.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"

namespace parbench {

absl::StatusOr<std::vector<TaskResult>> GatherResults(
    std::vector<absl::StatusOr<TaskResult>> slots) {
  std::vector<TaskResult> results;
  results.reserve(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (!slots[i].ok()) {
      const absl::Status& error = slots[i].status();
      return absl::Status(error.code(), absl::StrFormat("task %d: %s", i, error.message()));
    }
    results.push_back(*std::move(slots[i]));
  }
  return results;
}

}  // namespace parbench
