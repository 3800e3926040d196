// ProcessPerTask: one new process per task, the naive version people write
// first. At most `workers` children live at once: tasks go in waves of
// `workers`, each wave reaped before the next starts. Each child runs its
// task, writes the answer to its own pipe and exits. A child starts either as
// a fork() of the caller or as a fresh program (posix_spawn of a binary that
// answers SpawnWorkerArgv, by default this one).
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_PER_TASK_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_PER_TASK_H_

#include <string>

#include "lib/core/strategy.h"
#include "lib/core/strategy_table.h"
#include "lib/strategies/process/spawn_worker.h"

namespace parbench {

class ProcessPerTask final : public Strategy {
 public:
  // `spawn_binary` is used with kSpawn only; it must call
  // RunSpawnWorkerIfAsked() at the top of main() (bench does).
  // `run_task` is used with kFork only (a spawned child runs RunTask).
  explicit ProcessPerTask(int workers, Launch launch = Launch::kFork,
                          std::string spawn_binary = DefaultSpawnBinary(),
                          TaskRunner run_task = &RunTask);
  // A child that dies, breaks the protocol (junk, a truncated answer) or a
  // fork that fails is an error naming the task and the child's pid; the
  // children already forked are killed and reaped first.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return true; }

 private:
  int workers_;  // Children alive at once, at least 1.
  Launch launch_;
  std::string spawn_binary_;
  TaskRunner run_task_;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_PER_TASK_H_
