// Sequential runs the tasks one after another on the calling thread: the
// baseline every parallel strategy has to beat.
#ifndef PARBENCH_LIB_STRATEGIES_SEQUENTIAL_H_
#define PARBENCH_LIB_STRATEGIES_SEQUENTIAL_H_

#include "lib/core/strategy.h"

namespace parbench {

class Sequential final : public Strategy {
 public:
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return false; }
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_SEQUENTIAL_H_
