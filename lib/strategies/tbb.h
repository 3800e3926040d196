// Tbb: oneTBB's parallel_for over the tasks in a task_arena of n threads,
// with its default (auto) partitioner — the work-stealing runtime a reader
// trusts, beside OpenMp, as the reference for what a pool can cost. TBB
// keeps its threads between calls (a warm pool of its own), splits the range
// adaptively and steals, and its idle threads spin with back-off before they
// sleep.
#ifndef PARBENCH_LIB_STRATEGIES_TBB_H_
#define PARBENCH_LIB_STRATEGIES_TBB_H_

#include <memory>

#include "lib/core/strategy.h"

namespace parbench {

class Tbb final : public Strategy {
 public:
  // An arena of `workers` threads (at least 1), the caller among them.
  explicit Tbb(int workers);
  ~Tbb() override;
  Tbb(const Tbb&) = delete;
  Tbb& operator=(const Tbb&) = delete;

  // Every task runs once on one of the arena's threads, each thread's CPU
  // clock read at its first subrange and once after the loop; a task's error
  // comes back as GatherResults gives it (the lowest-numbered failure).
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return false; }

  // The threads that can run tasks at once: the arena's, within oneTBB's
  // process-wide cap (which the constructor raises to `workers` if needed).
  int threads_allowed() const;

 private:
  struct Arena;  // oneTBB's task_arena, kept out of this header.
  std::unique_ptr<Arena> arena_;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_TBB_H_
