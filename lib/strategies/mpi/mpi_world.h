// The MPI world bench runs in when started by mpirun: rank 0 runs Google
// Benchmark, the other ranks serve the Mpi strategy's tasks until rank 0
// stops them. MPI is initialised only under mpirun (OMPI_COMM_WORLD_SIZE in
// the environment); without it nothing here touches MPI and the Mpi rows are
// left out. Also the worker mode of a process started by MPI_Comm_spawn,
// and the bare 1-byte round trip the Mpi strategy is held against.
#ifndef PARBENCH_LIB_STRATEGIES_MPI_MPI_WORLD_H_
#define PARBENCH_LIB_STRATEGIES_MPI_MPI_WORLD_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace parbench {

class InFlightRecord;

inline constexpr char kMpiWorkerFlag[] = "--parbench_mpi_worker";

// The rank mpirun gave this process, read from the environment before MPI
// is initialised; nullopt when not launched by mpirun.
std::optional<int> MpirunRank();

// Initialises MPI (call only when MpirunRank() has a value) and learns the
// world: its size, the hosts, the transport.
absl::Status InitMpiWorld();

// 0 until InitMpiWorld() succeeded; then the world's size and this rank.
int MpiWorldSize();
int MpiWorldRank();

// On rank 0, the process id of world rank `rank` (on its own host); -1
// elsewhere, or for a rank the world does not have.
pid_t MpiWorldPid(int rank);

// The value of each workload's size flag, by WorkloadId, as this process
// parsed them. A worker starts a workload's process-wide resource (IoNet's
// loopback request service: one per worker, on its own host) with it before
// the first task that needs it, and stops it when it stops serving.
void SetWorkerFlagValues(std::vector<std::uint64_t> flag_values);

// For rank 0: every Mpi pool made from now on names its workers and notes
// the chunks they hold in `record` (lib/strategies/dispatch/in_flight_record.h),
// which outlives them; null (the default): none does. Open MPI ends the
// whole job when a worker dies, rank 0 included, and this record is what
// can still say what that worker was running.
void RecordMpiInFlight(InFlightRecord* record);
InFlightRecord* MpiInFlightRecord();

// bench's own arguments (argv without the program), given again to every
// worker a cold pool spawns, so that it parses the same flags.
void SetSpawnArguments(std::vector<std::string> arguments);
const std::vector<std::string>& SpawnArguments();

// For a rank other than 0: serves tasks until rank 0 stops the world.
// Returns the process's exit status; a rank that cannot go on aborts the
// job (MPI_Abort) rather than leave rank 0 waiting.
int ServeMpiWorld();

// For rank 0: tells every other rank to stop.
void StopMpiWorld();

// Finalises MPI, after InitMpiWorld or JoinSpawningPool (an RAII owner,
// bench's MpiSession, calls it once on every path out).
void FinalizeMpi();

// True when argv is the command line MPI_Comm_spawn gives a cold Mpi pool's
// workers: `<binary> --parbench_mpi_worker <bench's arguments>`. The caller
// then takes the flag out, parses the rest as usual (quietly), calls
// SetWorkerFlagValues, JoinSpawningPool and ServeSpawningPool.
bool IsSpawnedMpiWorker(int argc, char** argv);

// A spawned worker: initialises MPI and finds the pool that spawned it;
// FailedPrecondition when none did (started by hand).
absl::Status JoinSpawningPool();

// A spawned worker: serves the pool's chunks until it stops them, then
// disconnects from it; returns the exit status (a worker that cannot go
// on aborts, as a world rank does).
int ServeSpawningPool();

// What the JSON context records about the world (valid after InitMpiWorld).
struct MpiWorldInfo {
  int size = 0;
  std::string hosts;      // Distinct host names, comma-separated, rank order.
  int host_count = 0;     // How many distinct hosts that is.
  std::string btl;        // The byte transfer layers asked for ("default": Open MPI's choice).
  std::string transport;  // What a rank-0-to-rank-1 message crosses.
  std::string library;    // MPI_Get_library_version's first line.
};
MpiWorldInfo DescribeMpiWorld();

// The bare MPI round trip: a 1-byte MPI_Send/MPI_Recv ping-pong between
// rank 0 and rank 1, which echoes until the object is destroyed.
class MpiPingPong {
 public:
  // Needs a world of two ranks or more; call on rank 0.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<MpiPingPong>> Create();
  MpiPingPong(const MpiPingPong&) = delete;
  MpiPingPong& operator=(const MpiPingPong&) = delete;
  ~MpiPingPong();  // Sends rank 1 back to serving.

  void RoundTrip();

 private:
  MpiPingPong() = default;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_MPI_MPI_WORLD_H_
