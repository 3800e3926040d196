#include "lib/core/shared_resources.h"

#include <utility>

#include "lib/core/workload_table.h"

namespace parbench {

SharedResources::SharedResources(std::vector<std::uint64_t> flag_values)
    : flag_values_(std::move(flag_values)) {}

SharedResources::~SharedResources() {
  for (const auto& [id, outcome] : started_) {
    if (outcome.ok()) FindWorkload(id)->stop_shared();
  }
}

absl::Status SharedResources::Ensure(WorkloadId workload) {
  const WorkloadSpec* spec = FindWorkload(workload);
  if (spec == nullptr || spec->start_shared == nullptr) return absl::OkStatus();
  auto [it, first] = started_.try_emplace(workload);
  if (first) {
    it->second = spec->start_shared(workload < flag_values_.size() ? flag_values_[workload]
                                                                   : spec->default_size);
  }
  return it->second;
}

}  // namespace parbench
