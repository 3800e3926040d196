// ProcessPool: n worker processes forked up front, fed chunks of tasks over
// one pipe each and answering over another, like Python's
// multiprocessing.Pool. Start costs n forks; each chunk then costs a pipe
// round trip, hidden when a second small chunk waits in the pipe. Or, with
// the shared-memory transport, through a ring each way and a futex, with a
// short spin before either side parks. The dispatch is ChunkDispatcher's
// over the transport, which owns every child, descriptor and mapping:
// destruction shuts the workers down and reaps them all.
//
// Two launches, as Python's start methods: kFork forks the workers from the
// caller (they inherit its state); kSpawn has the process's fork server
// fork them (fork_server.h): fresh program state, but a start and, above
// all, a stop that do not copy and tear down the caller's page tables.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_POOL_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_POOL_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/core/strategy.h"
#include "lib/core/strategy_table.h"
#include "lib/strategies/dispatch/chunk_dispatcher.h"
#include "lib/strategies/dispatch/transport.h"

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
    // How chunks and answers travel: pipes, or rings in shared memory
    // (shm_transport.h; fork launch only, kSpawn with it is InvalidArgument).
    TransportKind transport = TransportKind::kPipe;
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
  // worker that dies, breaks the protocol (answers out of order, garbage, a
  // truncated answer) or overruns the deadline makes Map() return an error
  // naming the worker, its pid, the task(s) and what happened; that worker
  // is killed if alive and reaped, the pool is shut down, and later calls
  // say it is broken. A task's own error (the lowest-numbered one) is
  // returned after the tasks already running have answered; the pool stays
  // usable.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return true; }

  int workers() const { return workers_; }
  // Process IDs of the live workers (for tests that inject faults).
  std::vector<pid_t> worker_pids() const;
  // Task messages Map() has written to workers since the pool started: one
  // per chunk of tasks, so a test can tell that the chunk size given is the
  // one used. A plain counter: Map() is not called concurrently.
  std::uint64_t chunks_sent() const { return dispatcher_->chunks_sent(); }

 private:
  ProcessPool(std::unique_ptr<Transport> transport, const ChunkDispatcher::Options& options,
              bool writes_pipes);

  int workers_;
  bool writes_pipes_;  // Its transport writes to pipes (SIGPIPE to block).
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<ChunkDispatcher> dispatcher_;  // Over *transport_.
  absl::Status broken_;                          // OK while the pool is usable.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_PROCESS_POOL_H_
