// How a bench process takes part in MPI, chosen at link time: mpi_session.cc
// in a build with MPI, no_mpi_session.cc without, so that main.cc needs no
// #ifdef. A session owns MPI for its process: it is finalised when the
// session goes (rank 0 stops the other ranks first), on every path out.
#ifndef PARBENCH_BENCH_MPI_SESSION_H_
#define PARBENCH_BENCH_MPI_SESSION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/process_role.h"

namespace parbench {

// The rank mpirun gave this process, from the environment before MPI starts;
// nullopt without mpirun, or in a build without MPI.
std::optional<int> LaunchRank();

// True when argv is a cold Mpi pool's worker command line (always false
// without MPI).
bool IsMpiWorkerCommandLine(int argc, char** argv);

class MpiSession {
 public:
  // Joins MPI as `role` needs, once the flags have been parsed (a bad flag
  // ends every rank before any of them joins): the world under mpirun
  // (kMpiRank, and kDriver when LaunchRank() has a value), the spawning
  // pool (kSpawnedMpiWorker); otherwise nothing. `flag_values`: the size
  // flags, for the workers' shared resources; `arguments`: bench's own,
  // given again to the workers a cold pool spawns.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<MpiSession>> Join(
      ProcessRole role, std::vector<std::uint64_t> flag_values, std::vector<std::string> arguments);
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  // Rank 0 tells the other ranks to stop; every process that joined MPI
  // finalises it.
  ~MpiSession();

  // For kMpiRank and kSpawnedMpiWorker: serves until rank 0 or the pool
  // stops this process; its exit status.
  int Serve();

 private:
  explicit MpiSession(ProcessRole role) : role_(role) {}
  ProcessRole role_;
  bool joined_ = false;  // MPI_Init was called: MPI_Finalize is owed.
};

}  // namespace parbench

#endif  // PARBENCH_BENCH_MPI_SESSION_H_
