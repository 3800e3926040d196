// ThreadPerTask: one fresh std::thread per task, the naive version people
// write first. At most `workers` threads run at once: tasks go in waves of
// `workers`, each wave joined before the next starts; with workers >= tasks
// it is "start them all, join them all".
#ifndef PARBENCH_LIB_STRATEGIES_THREAD_PER_TASK_H_
#define PARBENCH_LIB_STRATEGIES_THREAD_PER_TASK_H_

#include "lib/core/strategy.h"

namespace parbench {

class ThreadPerTask final : public Strategy {
 public:
  explicit ThreadPerTask(int workers);
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return false; }

 private:
  int workers_;  // Threads alive at once, at least 1.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_THREAD_PER_TASK_H_
