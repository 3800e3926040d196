// The owner of the workloads' process-wide resources (WorkloadSpec::
// start_shared, e.g. IoNet's loopback service): each is started at most once,
// before the first task that needs it, and every one that started is stopped
// when the owner goes. bench's driver and every Mpi worker hold one.
#ifndef PARBENCH_LIB_CORE_SHARED_RESOURCES_H_
#define PARBENCH_LIB_CORE_SHARED_RESOURCES_H_

#include <cstdint>
#include <map>
#include <vector>

#include "absl/status/status.h"
#include "lib/core/task.h"

namespace parbench {

class SharedResources {
 public:
  // `flag_values`: each workload's size flag value by WorkloadId, which its
  // start_shared is given; a row past its end gets its default size.
  explicit SharedResources(std::vector<std::uint64_t> flag_values);
  SharedResources(const SharedResources&) = delete;
  SharedResources& operator=(const SharedResources&) = delete;
  // Stops every resource that started, in WorkloadId order.
  ~SharedResources();

  // Starts `workload`'s resource if it has one and it has not been tried;
  // returns the outcome of the one try (a failure stays the answer: the
  // tasks that need it report it as their error). OK for a workload with
  // none, or an id not in the table.
  absl::Status Ensure(WorkloadId workload);

 private:
  std::vector<std::uint64_t> flag_values_;
  std::map<WorkloadId, absl::Status> started_;  // Each try's outcome.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_CORE_SHARED_RESOURCES_H_
