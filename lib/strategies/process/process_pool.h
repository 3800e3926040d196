// ProcessPool: n worker processes forked up front, fed chunks of tasks over
// one pipe each and answering over another, like Python's
// multiprocessing.Pool. Start costs n forks; each chunk then costs a pipe
// round trip, hidden when a second small chunk waits in the pipe. The pool owns every
// child and descriptor: destruction shuts the workers down and reaps them all.
//
// Two launches, as Python's start methods: kFork forks the workers from the
// caller (they inherit its state); kSpawn has the process's fork server
// fork them (fork_server.h): fresh program state, but a start and, above
// all, a stop that do not copy and tear down the caller's page tables.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_POOL_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_POOL_H_

#include <sys/types.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/core/strategy.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/child_process.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/fork_server.h"
#include "lib/strategies/process/worker_protocol.h"

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
    // Tasks per message; 0 for the default (see ChunkSize). A worker
    // answers a whole chunk at once.
    int chunk_size = 0;
    // Where the workers come from (see above). kSpawn runs RunTask only:
    // another `run_task` cannot cross a program start.
    Launch launch = Launch::kFork;
    // kSpawn: the fork server's program; empty for DefaultSpawnBinary().
    std::string spawn_binary = {};
  };

  // Starts the workers. If a fork fails, the workers already forked are
  // reaped and the error says which fork failed and why.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ProcessPool>> Create(const Options& options);

  // Not copyable or movable: one owner for each child.
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  // Closes every task pipe (an idle worker exits at end of file), kills any
  // worker still busy, and reaps them all.
  ~ProcessPool() override;

  // Hands each idle worker the next chunk of tasks until all are answered. A
  // worker that dies, answers garbage or overruns the deadline makes Map()
  // return an error naming the worker, the task(s) and how it ended; the pool is then
  // shut down, and later calls say it is broken. A task's own error is
  // returned after the tasks already running have answered; the pool stays
  // usable.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return true; }

  int workers() const { return static_cast<int>(workers_.size()); }
  // Process IDs of the live workers (for tests that inject faults).
  std::vector<pid_t> worker_pids() const;
  // Task messages Map() has written to workers since the pool started: one
  // per chunk of tasks, so a test can tell that the chunk size given is the
  // one used. A plain counter: Map() is not called concurrently.
  std::uint64_t chunks_sent() const { return chunks_sent_; }

 private:
  // Tasks [first, first + count) of the current Map() call.
  struct Chunk {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  struct Worker {
    pid_t pid = -1;  // -1 once reaped.
    // kFork: the pool's own child. kSpawn: empty, the fork server's child.
    std::optional<ChildProcess> process;
    UniqueFd to_worker;    // Write end of the worker's task pipe.
    UniqueFd from_worker;  // Read end of the worker's answer pipe.
    // Chunks sent and not yet answered, oldest first: the one it runs, and
    // possibly the next, waiting in its pipe (see kMaxInFlight).
    std::deque<Chunk> running;
  };

  ProcessPool(absl::Duration map_deadline, int chunk_size)
      : map_deadline_(map_deadline), chunk_size_(chunk_size) {}
  absl::Status Send(Worker& worker, Chunk chunk, absl::Span<const Task> tasks);
  // Reaps a worker whose pipe failed, shuts the pool down and returns the
  // error that Map() reports (and later calls repeat).
  absl::Status Break(Worker& worker, const absl::Status& cause);
  absl::Status BreakOnDeadline(std::size_t unfinished);
  void Shutdown();
  // Kills, or reaps and says how it ended, through whoever its parent is.
  void Kill(absl::Span<Worker* const> workers);
  absl::Status Reap(Worker& worker);

  std::vector<Worker> workers_;
  std::shared_ptr<ForkServer> server_;  // kSpawn: the workers' parent.
  // Chunks a worker holds at once at most: the one it runs and the next.
  static constexpr std::size_t kMaxInFlight = 2;

  absl::Duration map_deadline_;
  int chunk_size_;                      // As Options::chunk_size.
  std::vector<AnswerMessage> answers_;  // Read buffer, kept between calls.
  absl::Status broken_;                 // OK while the pool is usable.
  std::uint64_t chunks_sent_ = 0;       // See chunks_sent().
  // The fork server's CPU for starting the workers, charged to the first
  // result of the first Map() (see TaskResult::cpu_nanos).
  std::int64_t uncharged_cpu_nanos_ = 0;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_POOL_H_
