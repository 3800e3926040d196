// The command lines a binary answers to for the spawn launch:
// - ProcessPerTask's one-task worker: `<binary> --parbench_spawn_worker INDEX
//   WORKLOAD_NAME SIZE` runs that task, writes its answer (a chunk of one) to the
//   inherited descriptor ChildProcess::kSpawnedFd and exits;
// - ProcessPool's fork server: `<binary> --parbench_fork_server` serves
//   fork requests on that descriptor (fork_server_protocol.h).
// A binary that may be spawned calls RunSpawnWorkerIfAsked first thing in
// main().
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_SPAWN_WORKER_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_SPAWN_WORKER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/core/task.h"

namespace parbench {

inline constexpr char kSpawnWorkerFlag[] = "--parbench_spawn_worker";
// The lean worker program's file name (see DefaultSpawnBinary).
inline constexpr char kSpawnWorkerBinaryName[] = "parbench_worker";

// The program ProcessPerTask's spawn launch starts: `parbench_worker` beside
// the running executable when there is one (a lean program: the workloads and
// this protocol, none of bench's other libraries to load), else the running
// executable itself, which must then call RunSpawnWorkerIfAsked.
std::string DefaultSpawnBinary();

// The argv that runs task number `index` in `binary`.
std::vector<std::string> SpawnWorkerArgv(const std::string& binary, std::uint32_t index,
                                         const Task& task);

// When argv is a spawn-worker command line: runs the task and returns the
// process's exit status (0 when the answer was written, even for a task that
// failed — its error is in the answer; non-zero for a malformed command line
// or a failed write). When it is the fork server's: serves until the client
// closes the socket, and returns ServeForks' status. Otherwise nullopt, and
// the binary goes on as usual.
std::optional<int> RunSpawnWorkerIfAsked(int argc, char** argv);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_SPAWN_WORKER_H_
