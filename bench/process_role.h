// The role a bench process plays, decided once from its command line and
// environment before anything else runs: bench is one binary started four
// ways (by a user or mpirun, by a spawn launch, by MPI_Comm_spawn, as an
// mpirun rank other than 0), and main() dispatches on this once.
#ifndef PARBENCH_BENCH_PROCESS_ROLE_H_
#define PARBENCH_BENCH_PROCESS_ROLE_H_

namespace parbench {

enum class ProcessRole {
  // Started by a spawn launch: ProcessPerTask/spawn's one-task worker, or
  // ProcessPool/spawn's fork server (lib/strategies/process/spawn_worker.h).
  kSpawnWorker,
  // Started by a cold Mpi pool's MPI_Comm_spawn (--parbench_mpi_worker and
  // bench's own arguments): parses the flags, then serves the pool.
  kSpawnedMpiWorker,
  // A rank other than 0 under mpirun: parses the flags, then serves the Mpi
  // strategy's tasks until rank 0 is done.
  kMpiRank,
  // Runs the benchmarks: alone, or as rank 0 under mpirun.
  kDriver,
};

ProcessRole DecideRole(int argc, char** argv);

// A spawned Mpi worker's argv without --parbench_mpi_worker (argv[1]), so
// that the rest parses as rank 0's does; argv[argc] stays null.
void DropMpiWorkerFlag(int& argc, char** argv);

}  // namespace parbench

#endif  // PARBENCH_BENCH_PROCESS_ROLE_H_
