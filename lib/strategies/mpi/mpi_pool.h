// MpiPool: the Mpi strategy. Rank 0 hands chunks of tasks to worker
// processes with MPI messages and gathers their answers, as ProcessPool
// does over pipes: chunks by ChunkSize, a worker's next chunk queued behind
// the one it runs, each answer carrying the worker's CPU time. Warm, the
// workers are ranks 1..n of the world mpirun started; cold, they are n
// fresh copies of this binary started by MPI_Comm_spawn (MPI's own process
// start) and disconnected when the pool is destroyed.
//
// Faults: Open MPI 4 has no fault tolerance (no ULFM); a worker that dies
// makes mpirun end the whole job, with a message naming the rank. Map()
// therefore never sees a dead worker.
#ifndef PARBENCH_LIB_STRATEGIES_MPI_MPI_POOL_H_
#define PARBENCH_LIB_STRATEGIES_MPI_MPI_POOL_H_

#include <mpi.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/core/strategy.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

class MpiPool final : public Strategy {
 public:
  struct Options {
    int workers = 1;     // At least 1; warm: at most the world's size - 1.
    int chunk_size = 0;  // Tasks per message; 0: ChunkSize's default.
    bool spawn = false;  // Cold: start the workers with MPI_Comm_spawn.
  };

  // Needs MPI initialised and rank 0 (see mpi_world.h). Warm: engages world
  // ranks 1..workers; cold: spawns `workers` copies of this binary.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<MpiPool>> Create(Options options);

  // Not copyable or movable: one owner for the workers.
  MpiPool(const MpiPool&) = delete;
  MpiPool& operator=(const MpiPool&) = delete;
  // Warm: sends its ranks back to lazy waiting. Cold: stops the spawned
  // workers and disconnects from them (they exit).
  ~MpiPool() override;

  // Hands each worker the next chunk until every task is answered; a task's
  // error comes back after the chunks already sent have been answered.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return true; }

  // The most workers a warm pool can have here: the world's ranks but rank 0
  // (0 outside mpirun, or on another rank).
  static int MaxWorkers();

 private:
  // Tasks [first, first + count) of the current Map() call.
  struct Chunk {
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  struct Worker {
    int rank = 0;  // In comm_.
    // Chunks sent and not yet answered, oldest first: the one it runs and
    // possibly the next, queued in MPI (see kMaxInFlight).
    std::deque<Chunk> running;
  };
  // A chunk on its way: its bytes must live until MPI_Isend completes.
  struct Sending {
    std::vector<char> bytes;
    MPI_Request request = MPI_REQUEST_NULL;
  };

  MpiPool(MPI_Comm comm, bool spawned, int chunk_size)
      : comm_(comm), spawned_(spawned), chunk_size_(chunk_size) {}
  void Send(Worker& worker, Chunk chunk, bool restart_clock, absl::Span<const Task> tasks);
  Worker* WorkerOfRank(int rank);

  // Chunks a worker holds at once at most: the one it runs and the next.
  static constexpr std::size_t kMaxInFlight = 2;

  MPI_Comm comm_;  // MPI_COMM_WORLD (warm) or the spawn's intercommunicator.
  bool spawned_;
  int chunk_size_;
  std::vector<Worker> workers_;
  std::deque<Sending> sending_;         // Chunks sent in this Map().
  std::vector<AnswerMessage> answers_;  // Receive buffer, kept between calls.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_MPI_MPI_POOL_H_
