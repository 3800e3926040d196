// A Strategy maps a list of tasks to their results: the one thing parbench
// times. A strategy never knows which workload it runs, and a workload never
// knows which strategy runs it.
#ifndef PARBENCH_LIB_CORE_STRATEGY_H_
#define PARBENCH_LIB_CORE_STRATEGY_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "lib/core/task.h"

namespace parbench {

class Strategy {
 public:
  virtual ~Strategy() = default;

  // Runs every task exactly once; result i belongs to task i. The first
  // failure — a task's error, a worker that died, a deadline — comes back
  // instead of partial results; nothing is dropped silently.
  [[nodiscard]] virtual absl::StatusOr<std::vector<TaskResult>> Map(
      absl::Span<const Task> tasks) = 0;

  // True when tasks run in other processes, whose CPU time the calling
  // process's own clock does not include.
  virtual bool RunsInChildProcesses() const = 0;
};

// One result slot per task, as filled by concurrent workers: all results, or
// the error of the lowest-numbered task that failed.
absl::StatusOr<std::vector<TaskResult>> GatherResults(
    std::vector<absl::StatusOr<TaskResult>> slots);

}  // namespace parbench

#endif  // PARBENCH_LIB_CORE_STRATEGY_H_
