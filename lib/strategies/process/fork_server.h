// ForkServer: a small process that forks pool workers on request, as
// Python's multiprocessing "forkserver" and Android's zygote do. It is the
// spawn-launched lean worker binary (DefaultSpawnBinary) in its server mode
// (fork_server_protocol.h), started once and kept.
//
// Why: a worker forked from the caller copies the caller's page tables, and
// when it ends the kernel tears that copy down; for a pool, whose workers
// all end together at its stop, those teardowns cannot overlap anything
// (docs/pools.md). A worker forked from the server copies only the server's
// small address space, so it starts and, above all, ends cheaply. The price
// is the spawn launch's: a worker starts from a fresh program, not from the
// caller's memory, so a workload that needs the caller's state (IoNet's
// service address) cannot run in it; and the server's start, a program
// load, is paid once per process.
//
// The workers are the server's children: it kills and reaps them on
// request, and kills and reaps any still there when the client goes (its
// socket closes, also when the client dies). The server itself is this
// object's child, stopped and reaped with it.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_FORK_SERVER_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_FORK_SERVER_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "lib/posix/child_process.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/fork_server_protocol.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

// The workers the server forked, with this process's ends of their pipes
// (their `process` empty: the server is their parent).
// The name the fork server's tests know a served worker by.
using ServedWorker = WorkerPipes;

struct ServedWorkers {
  std::vector<WorkerPipes> workers;
  // The CPU time the server spent starting them (the forks are its).
  std::int64_t server_cpu_nanos = 0;
};

class ForkServer {
 public:
  // Starts `binary` as a fork server and checks that it registers the same
  // workloads as this process, in the same rows.
  [[nodiscard]] static absl::StatusOr<std::shared_ptr<ForkServer>> Start(const std::string& binary);

  // This process's server of `binary`, started at the first call and again
  // after it died. The pools share it, as Python's pools share theirs.
  [[nodiscard]] static absl::StatusOr<std::shared_ptr<ForkServer>> Shared(
      const std::string& binary);

  // Lets go of the shared servers: each is stopped and reaped once its last
  // pool is gone. Runs at exit too, so that the process leaves no server
  // behind.
  static void StopShared();

  ForkServer(const ForkServer&) = delete;
  ForkServer& operator=(const ForkServer&) = delete;
  // Closes the socket (the server kills and reaps the workers it still has,
  // then exits) and reaps the server.
  ~ForkServer();

  // Forks `count` workers (1 to kMaxForkWorkers) that serve the chunk
  // protocol (ServeTasks with RunTask). On an error the workers started by
  // this call are reaped, and the error names the fork that failed.
  absl::StatusOr<ServedWorkers> StartWorkers(int count);

  // SIGKILL to each worker (the server's children, still unreaped).
  absl::Status Kill(absl::Span<const pid_t> pids);

  // Reaps each worker once it ends, and says how it ended: OK for exit
  // status 0, else as DecodeWaitStatus says. An error for the whole call
  // when the server cannot answer.
  absl::StatusOr<std::vector<absl::Status>> Reap(absl::Span<const pid_t> pids);

  // The server's process id (for tests that look at its children).
  pid_t pid() const { return pid_; }

  // False once a request found the server gone.
  bool usable() const;

 private:
  ForkServer(ChildProcess process, UniqueFd control)
      : pid_(process.pid()), process_(std::move(process)), control_(std::move(control)) {}
  // Sends `request` whole; false when the server is gone.
  bool Send(const ForkRequest& request) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The server is gone, or said something this client cannot read: it is
  // stopped and reaped, and the error says what went wrong (`what`) and how it
  // ended. Every later request returns the same error.
  absl::Status Lost(absl::string_view what) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const pid_t pid_;
  mutable absl::Mutex mu_;  // One request and its replies at a time.
  ChildProcess process_ ABSL_GUARDED_BY(mu_);
  UniqueFd control_ ABSL_GUARDED_BY(mu_);
  absl::Status lost_ ABSL_GUARDED_BY(mu_);  // Set once the server is gone.
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_FORK_SERVER_H_
