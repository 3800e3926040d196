// ProcessPerTask: one fork() per task, the naive version people write first.
// At most `workers` children live at once: tasks go in waves of `workers`,
// each wave reaped before the next is forked. Each child runs its task, writes
// the answer to its own pipe and _exit()s.
#ifndef PARBENCH_LIB_PROCESS_PER_TASK_H_
#define PARBENCH_LIB_PROCESS_PER_TASK_H_

#include "lib/strategy.h"

namespace parbench {

class ProcessPerTask final : public Strategy {
 public:
  explicit ProcessPerTask(int workers);
  // A child that dies or a fork that fails is an error naming the task; the
  // children already forked are killed and reaped first.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return true; }

 private:
  int workers_;  // Children alive at once, at least 1.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_PROCESS_PER_TASK_H_
