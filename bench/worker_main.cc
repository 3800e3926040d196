// parbench_worker: the program the spawn launch starts — for each task of
// ProcessPerTask (`parbench_worker --parbench_spawn_worker INDEX WORKLOAD
// SIZE`), and once as ProcessPool's fork server (`parbench_worker
// --parbench_fork_server`). It holds the workloads and the worker protocol
// and nothing else, so a spawn costs what starting a small program costs, not
// the loading of every library bench links (MPI, TBB, Google Benchmark...),
// and a worker forked from the server copies a small address space.
#include <cstdio>
#include <optional>

#include "lib/posix/exit_status.h"
#include "lib/strategies/process/fork_server_protocol.h"
#include "lib/strategies/process/spawn_worker.h"

int main(int argc, char** argv) {
  if (const std::optional<int> status = parbench::RunSpawnWorkerIfAsked(argc, argv)) {
    return *status;
  }
  std::fprintf(stderr,
               "parbench_worker: started by bench's spawn launch only (%s INDEX WORKLOAD SIZE, "
               "or %s)\n",
               parbench::kSpawnWorkerFlag, parbench::kForkServerFlag);
  return parbench::exit_status::kBadInput;
}
