#include "bench/process_role.h"

#include <algorithm>
#include <cstring>

#include "bench/mpi_session.h"
#include "lib/strategies/process/fork_server_protocol.h"
#include "lib/strategies/process/spawn_worker.h"

namespace parbench {

ProcessRole DecideRole(int argc, char** argv) {
  if (argc >= 2 &&
      (std::strcmp(argv[1], kSpawnWorkerFlag) == 0 || std::strcmp(argv[1], kForkServerFlag) == 0)) {
    return ProcessRole::kSpawnWorker;
  }
  if (IsMpiWorkerCommandLine(argc, argv)) return ProcessRole::kSpawnedMpiWorker;
  if (LaunchRank().value_or(0) != 0) return ProcessRole::kMpiRank;
  return ProcessRole::kDriver;
}

void DropMpiWorkerFlag(int& argc, char** argv) {
  if (argc < 2) return;
  std::copy(argv + 2, argv + argc + 1, argv + 1);  // argv[argc] is null, and moves too.
  --argc;
}

}  // namespace parbench
