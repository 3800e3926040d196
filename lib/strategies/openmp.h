// OpenMp: `#pragma omp parallel for` over the tasks with n threads — the
// reference a C++ programmer reaches for before writing a pool. libgomp keeps
// its threads between calls (a warm pool of its own), splits the loop
// statically by default, and its threads spin before they sleep
// (OMP_WAIT_POLICY): while CPUs are idle that saves a wake-up per call; when
// every CPU is busy the spinning steals the CPU the work needs.
#ifndef PARBENCH_LIB_STRATEGIES_OPENMP_H_
#define PARBENCH_LIB_STRATEGIES_OPENMP_H_

#include "lib/core/strategy.h"

namespace parbench {

class OpenMp final : public Strategy {
 public:
  explicit OpenMp(int workers);
  // Every task runs once on one of the team's threads; a task's error comes
  // back as GatherResults gives it (the lowest-numbered failure).
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return false; }

 private:
  int workers_;  // Threads in the team, at least 1.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_OPENMP_H_
