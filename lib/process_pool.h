// ProcessPool: n worker processes forked up front, fed tasks over one pipe
// each and answering over another, like Python's multiprocessing.Pool. Start
// costs n forks; each task then costs a pipe round trip. The pool owns every
// child and descriptor: destruction shuts the workers down and reaps them all.
#ifndef PARBENCH_LIB_PROCESS_POOL_H_
#define PARBENCH_LIB_PROCESS_POOL_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/posix/child_process.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategy.h"

namespace parbench {

class ProcessPool final : public Strategy {
 public:
  struct Options {
    int workers = 1;  // At least 1.
    // The longest one Map() may run. When it passes, the workers still busy
    // are killed and reaped and Map() returns DeadlineExceeded. Off (infinite)
    // unless asked for.
    absl::Duration map_deadline = absl::InfiniteDuration();
    // What the workers run each task with.
    TaskRunner run_task = &RunTask;
  };

  // Forks the workers. If a fork fails, the workers already forked are
  // reaped and the error says which fork failed and why.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ProcessPool>> Create(Options options);

  // Not copyable or movable: one owner for each child.
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  // Closes every task pipe (an idle worker exits at end of file), kills any
  // worker still busy, and reaps them all.
  ~ProcessPool() override;

  // Hands each idle worker the next task until all are answered. A worker
  // that dies, answers garbage or overruns the deadline makes Map() return
  // an error naming the worker, the task and how it ended; the pool is then
  // shut down, and later calls say it is broken. A task's own error is
  // returned after the tasks already running have answered; the pool stays
  // usable.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return true; }

  int workers() const { return static_cast<int>(workers_.size()); }
  // Process IDs of the live workers (for tests that inject faults).
  std::vector<pid_t> worker_pids() const;

 private:
  struct Worker {
    ChildProcess process;
    UniqueFd to_worker;    // Write end of the worker's task pipe.
    UniqueFd from_worker;  // Read end of the worker's answer pipe.
    std::optional<std::uint32_t> running;  // Index of the task it runs now.
  };

  explicit ProcessPool(absl::Duration map_deadline) : map_deadline_(map_deadline) {}
  absl::Status Send(Worker& worker, std::uint32_t index, const Task& task);
  // Reaps a worker whose pipe failed, shuts the pool down and returns the
  // error that Map() reports (and later calls repeat).
  absl::Status Break(Worker& worker, const absl::Status& cause);
  absl::Status BreakOnDeadline(std::size_t unfinished);
  void Shutdown();

  std::vector<Worker> workers_;
  absl::Duration map_deadline_;
  absl::Status broken_;  // OK while the pool is usable.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_PROCESS_POOL_H_
