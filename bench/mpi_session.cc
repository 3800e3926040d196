// MpiSession in a build with MPI (see mpi_session.h; no_mpi_session.cc is
// the stand-in without).
#include "bench/mpi_session.h"

#include <utility>

#include "lib/posix/exit_status.h"
#include "lib/strategies/mpi/mpi_world.h"

namespace parbench {

std::optional<int> LaunchRank() { return MpirunRank(); }

bool IsMpiWorkerCommandLine(int argc, char** argv) { return IsSpawnedMpiWorker(argc, argv); }

absl::StatusOr<std::unique_ptr<MpiSession>> MpiSession::Join(ProcessRole role,
                                                             std::vector<std::uint64_t> flag_values,
                                                             std::vector<std::string> arguments) {
  std::unique_ptr<MpiSession> session(new MpiSession(role));
  const bool world =
      role == ProcessRole::kMpiRank || (role == ProcessRole::kDriver && LaunchRank().has_value());
  if (!world && role != ProcessRole::kSpawnedMpiWorker) return session;
  SetWorkerFlagValues(std::move(flag_values));
  // Owed from here even when joining fails part-way (MPI_Init may have run).
  session->joined_ = true;
  const absl::Status joined = world ? InitMpiWorld() : JoinSpawningPool();
  if (!joined.ok()) return joined;
  if (role == ProcessRole::kDriver) SetSpawnArguments(std::move(arguments));
  return session;
}

MpiSession::~MpiSession() {
  if (!joined_) return;
  if (role_ == ProcessRole::kDriver && MpiWorldSize() > 0) StopMpiWorld();
  FinalizeMpi();
}

int MpiSession::Serve() {
  switch (role_) {
    case ProcessRole::kMpiRank:
      return ServeMpiWorld();
    case ProcessRole::kSpawnedMpiWorker:
      return ServeSpawningPool();
    default:
      return exit_status::kFailed;  // Not a serving role: a caller's mistake.
  }
}

}  // namespace parbench
