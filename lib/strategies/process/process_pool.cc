#include "lib/strategies/process/process_pool.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_format.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/fd_io.h"
#include "lib/strategies/process/pipe_transport.h"
#include "lib/strategies/process/shm_transport.h"
#include "lib/strategies/process/spawn_worker.h"

namespace parbench {

ProcessPool::ProcessPool(std::unique_ptr<Transport> transport,
                         const ChunkDispatcher::Options& options, bool writes_pipes)
    : workers_(transport->workers()),
      writes_pipes_(writes_pipes),
      transport_(std::move(transport)),
      dispatcher_(std::make_unique<ChunkDispatcher>(*transport_, options)) {}

absl::StatusOr<std::unique_ptr<ProcessPool>> ProcessPool::Create(const Options& options) {
  const int count = std::max(options.workers, 1);
  ChunkDispatcher::Options dispatch{.chunk_size = options.chunk_size,
                                    .map_deadline = options.map_deadline};
  if (options.transport == TransportKind::kShm) {
    dispatch.one_worker_below = ShmTransport::kOneWorkerBelow;
    // A spawned worker would need its channel passed as a memfd: not built.
    if (options.launch == Launch::kSpawn) {
      return absl::InvalidArgumentError(
          "a process pool's shared-memory transport has the fork launch only");
    }
    absl::StatusOr<std::unique_ptr<ShmTransport>> transport =
        ShmTransport::Fork(count, options.run_task);
    if (!transport.ok()) return transport.status();
    return std::unique_ptr<ProcessPool>(
        new ProcessPool(*std::move(transport), dispatch, /*writes_pipes=*/false));
  }
  if (options.launch == Launch::kSpawn) {
    if (options.run_task != &RunTask) {
      return absl::InvalidArgumentError("a process pool's spawn launch runs RunTask only");
    }
    const std::string binary =
        options.spawn_binary.empty() ? DefaultSpawnBinary() : options.spawn_binary;
    absl::StatusOr<std::shared_ptr<ForkServer>> server = ForkServer::Shared(binary);
    if (!server.ok()) return server.status();
    std::int64_t server_cpu_nanos = 0;
    absl::StatusOr<std::unique_ptr<PipeTransport>> transport =
        PipeTransport::Serve(*std::move(server), count, server_cpu_nanos);
    if (!transport.ok()) return transport.status();
    std::unique_ptr<ProcessPool> pool(
        new ProcessPool(*std::move(transport), dispatch, /*writes_pipes=*/true));
    // The server's forks are the pool's start, charged as a forking caller's
    // own CPU would be.
    pool->dispatcher_->ChargeOnce(server_cpu_nanos);
    return pool;
  }
  absl::StatusOr<std::unique_ptr<PipeTransport>> transport =
      PipeTransport::Fork(count, options.run_task);
  if (!transport.ok()) return transport.status();
  return std::unique_ptr<ProcessPool>(
      new ProcessPool(*std::move(transport), dispatch, /*writes_pipes=*/true));
}

ProcessPool::~ProcessPool() { dispatcher_->Stop(); }

std::vector<pid_t> ProcessPool::worker_pids() const {
  std::vector<pid_t> pids;
  if (!broken_.ok()) return pids;
  for (int w = 0; w < transport_->workers(); ++w) pids.push_back(transport_->pid(w));
  return pids;
}

absl::StatusOr<std::vector<TaskResult>> ProcessPool::Map(absl::Span<const Task> tasks) {
  if (!broken_.ok()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("process pool is broken by an earlier failure: %s", broken_.message()));
  }
  // Over pipes, a dead worker is an error, not our death; a ring raises no
  // SIGPIPE, and the block costs three system calls a Map().
  std::optional<SigpipeBlock> sigpipe_block;
  if (writes_pipes_) sigpipe_block.emplace();
  DispatchResult result = dispatcher_->Map(tasks);
  if (auto* failure = std::get_if<WorkerFailure>(&result)) {
    broken_ = ToStatus(*failure, "process pool");
    return broken_;
  }
  if (auto* error = std::get_if<TaskError>(&result)) return std::move(error->status);
  return std::get<std::vector<TaskResult>>(std::move(result));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeProcessPool(const StrategyOptions& options) {
  return ProcessPool::Create({.workers = options.workers,
                              .chunk_size = options.chunk_size,
                              .launch = options.launch,
                              .transport = options.transport});
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "ProcessPool",
                            .pool = true,
                            .workers = WorkerPolicy::kListedPlusIo,
                            .make = &MakeProcessPool,
                            .worker_kind = WorkerKind::kProcesses,
                            .spawns = true,
                            .shm = true,
                            .order = 2});

}  // namespace parbench
