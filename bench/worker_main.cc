// parbench_worker: the program ProcessPerTask's spawn launch starts for each
// task (`parbench_worker --parbench_spawn_worker INDEX WORKLOAD SIZE`). It
// holds the workloads and the worker protocol and nothing else, so a spawn
// costs what starting a small program costs, not the loading of every
// library bench links (MPI, TBB, Google Benchmark...).
#include <cstdio>
#include <optional>

#include "lib/strategies/process/spawn_worker.h"

int main(int argc, char** argv) {
  if (const std::optional<int> status = parbench::RunSpawnWorkerIfAsked(argc, argv)) {
    return *status;
  }
  std::fprintf(stderr,
               "parbench_worker: started by bench's spawn launch only (%s INDEX WORKLOAD SIZE)\n",
               parbench::kSpawnWorkerFlag);
  return 2;
}
