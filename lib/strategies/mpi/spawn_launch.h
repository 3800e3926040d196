// How a cold Mpi pool starts and lets go of its workers: MPI_Comm_spawn of
// `count` copies of this binary in worker mode, and MPI_Comm_disconnect
// from them, each under a guard that ends the process with kSpawnHung if
// the call never returns (the Open MPI 4.1 + PMIx 4 hang; see the .cc):
// the job then ends, and scripts/run.sh resumes the run without what it
// finished. Internal to lib/strategies/mpi.
#ifndef PARBENCH_LIB_STRATEGIES_MPI_SPAWN_LAUNCH_H_
#define PARBENCH_LIB_STRATEGIES_MPI_SPAWN_LAUNCH_H_

#include <mpi.h>

#include "absl/status/statusor.h"
#include "lib/posix/exit_status.h"

namespace parbench::mpi_internal {

// Exit status of a rank 0 that gave up on a hung spawn or disconnect
// (scripts/run.sh knows it).
inline constexpr int kSpawnHung = exit_status::kMpiSpawnHung;

// Test hook: when the environment names a file holding a number K, the
// K-th spawn of this process removes the file and then hangs, as Open MPI
// does, so that the guard and the run's resume can be tested
// (test/bench/mpi_hang_test.sh). Unset, nothing changes.
inline constexpr char kHangTestEnv[] = "PARBENCH_MPI_TEST_HANG_AT";

// Spawns `count` workers (bench's arguments after the worker flag) and
// returns the intercommunicator to them. A spawn MPI refuses is an error.
[[nodiscard]] absl::StatusOr<MPI_Comm> SpawnWorkers(int count);

// Disconnects from spawned workers that were told to stop.
void DisconnectWorkers(MPI_Comm* workers);

}  // namespace parbench::mpi_internal

#endif  // PARBENCH_LIB_STRATEGIES_MPI_SPAWN_LAUNCH_H_
