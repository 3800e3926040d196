// MpiSession in a build without MPI (see mpi_session.h): no process is ever
// an Mpi rank or an Mpi worker, and the driver joins nothing.
#include "bench/mpi_session.h"
#include "lib/posix/exit_status.h"

namespace parbench {

std::optional<int> LaunchRank() { return std::nullopt; }

bool IsMpiWorkerCommandLine(int /*argc*/, char** /*argv*/) { return false; }

absl::StatusOr<std::unique_ptr<MpiSession>> MpiSession::Join(
    ProcessRole role, std::vector<std::uint64_t> /*flag_values*/,
    std::vector<std::string> /*arguments*/) {
  return std::unique_ptr<MpiSession>(new MpiSession(role));
}

MpiSession::~MpiSession() = default;

// No role serves without MPI (DecideRole never gives one here).
int MpiSession::Serve() { return exit_status::kFailed; }

}  // namespace parbench
