// MpiPool: the Mpi strategy. Rank 0 hands chunks of tasks to worker
// processes with MPI messages and gathers their answers, as ProcessPool
// does over pipes: chunks by ChunkSize, a worker's next chunk queued behind
// the one it runs, each answer carrying the worker's CPU time. Warm, the
// workers are ranks 1..n of the world mpirun started; cold, they are n
// fresh copies of this binary started by MPI_Comm_spawn (MPI's own process
// start) and disconnected when the pool is destroyed.
//
// The dispatch is ChunkDispatcher's over an MpiTransport, as ProcessPool's
// is over pipes. Faults: Open MPI 4 has no fault tolerance (no ULFM); a
// worker that dies makes mpirun end the whole job, with a message naming the
// rank, so Map() never sees a dead worker; what it was running is in rank
// 0's in-flight record when bench keeps one (RecordMpiInFlight,
// mpi_world.h). One that breaks the protocol makes Map() return the error,
// and the job ends when the pool goes (see mpi_transport.h).
#ifndef PARBENCH_LIB_STRATEGIES_MPI_MPI_POOL_H_
#define PARBENCH_LIB_STRATEGIES_MPI_MPI_POOL_H_

#include <mpi.h>

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/core/strategy.h"
#include "lib/strategies/dispatch/chunk_dispatcher.h"
#include "lib/strategies/mpi/mpi_transport.h"

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
  // error (the lowest-numbered one) comes back after the chunks already
  // sent have been answered. A protocol violation breaks the pool.
  absl::StatusOr<std::vector<TaskResult>> Map(absl::Span<const Task> tasks) override;
  bool RunsInChildProcesses() const override { return true; }

  // The most workers a warm pool can have here: the world's ranks but rank 0
  // (0 outside mpirun, or on another rank).
  static int MaxWorkers();

 private:
  MpiPool(MPI_Comm comm, bool spawned, std::vector<int> ranks, int chunk_size);

  MPI_Comm comm_;  // MPI_COMM_WORLD (warm) or the spawn's intercommunicator.
  bool spawned_;
  std::unique_ptr<MpiTransport> transport_;
  std::unique_ptr<ChunkDispatcher> dispatcher_;  // Over *transport_.
  absl::Status broken_;                          // OK while the pool is usable.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_MPI_MPI_POOL_H_
