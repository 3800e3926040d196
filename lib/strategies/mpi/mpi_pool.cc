#include "lib/strategies/mpi/mpi_pool.h"

#include <algorithm>
#include <cerrno>
#include <numeric>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "lib/core/strategy_table.h"
#include "lib/posix/exit_status.h"
#include "lib/strategies/dispatch/in_flight_record.h"
#include "lib/strategies/mpi/mpi_protocol.h"
#include "lib/strategies/mpi/mpi_world.h"
#include "lib/strategies/mpi/spawn_launch.h"

namespace parbench {
namespace {

using mpi_internal::kTagEngage;

}  // namespace

int MpiPool::MaxWorkers() {
  if (MpiWorldSize() == 0 || MpiWorldRank() != 0) return 0;
  return MpiWorldSize() - 1;
}

absl::StatusOr<std::unique_ptr<MpiPool>> MpiPool::Create(Options options) {
  if (MpiWorldSize() == 0 || MpiWorldRank() != 0) {
    return absl::FailedPreconditionError("Mpi runs only under mpirun, on rank 0");
  }
  const int count = std::max(options.workers, 1);
  std::unique_ptr<MpiPool> pool;
  if (!options.spawn) {
    if (count > MaxWorkers()) {
      return absl::FailedPreconditionError(
          absl::StrFormat("a warm Mpi pool of %d workers needs %d ranks; the MPI world has %d",
                          count, count + 1, MpiWorldSize()));
    }
    std::vector<int> ranks;
    for (int rank = 1; rank <= count; ++rank) {
      MPI_Send(nullptr, 0, MPI_BYTE, rank, kTagEngage, MPI_COMM_WORLD);
      ranks.push_back(rank);
    }
    pool.reset(
        new MpiPool(MPI_COMM_WORLD, /*spawned=*/false, std::move(ranks), options.chunk_size));
    return pool;
  }
  absl::StatusOr<MPI_Comm> children = mpi_internal::SpawnWorkers(count);
  if (!children.ok()) return children.status();
  std::vector<int> ranks(static_cast<std::size_t>(count));
  std::iota(ranks.begin(), ranks.end(), 0);
  pool.reset(new MpiPool(*children, /*spawned=*/true, std::move(ranks), options.chunk_size));
  return pool;
}

MpiPool::MpiPool(MPI_Comm comm, bool spawned, std::vector<int> ranks, int chunk_size)
    : comm_(comm), spawned_(spawned) {
  InFlightRecord* const in_flight = MpiInFlightRecord();
  if (in_flight != nullptr) {
    // Ranks as mpirun's messages name them: of the world, or of the spawn
    // (whose pids rank 0 does not learn).
    std::vector<pid_t> pids;
    if (!spawned) {
      for (int rank : ranks) pids.push_back(MpiWorldPid(rank));
    }
    in_flight->SetWorkers(spawned ? "spawned" : "rank", ranks, pids);
  }
  transport_ = std::make_unique<MpiTransport>(comm, spawned, std::move(ranks));
  dispatcher_ = std::make_unique<ChunkDispatcher>(
      *transport_, ChunkDispatcher::Options{.chunk_size = chunk_size, .in_flight = in_flight});
}

MpiPool::~MpiPool() {
  dispatcher_->Stop();
  dispatcher_.reset();
  transport_.reset();  // Ends the job if a worker was abandoned.
  if (spawned_) mpi_internal::DisconnectWorkers(&comm_);
}

absl::StatusOr<std::vector<TaskResult>> MpiPool::Map(absl::Span<const Task> tasks) {
  if (!broken_.ok()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("Mpi pool is broken by an earlier failure: %s", broken_.message()));
  }
  DispatchResult result = dispatcher_->Map(tasks);
  if (auto* failure = std::get_if<WorkerFailure>(&result)) {
    broken_ = ToStatus(*failure, "Mpi");
    return broken_;
  }
  if (auto* error = std::get_if<TaskError>(&result)) return std::move(error->status);
  return std::get<std::vector<TaskResult>>(std::move(result));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeMpiPool(const StrategyOptions& options) {
  return MpiPool::Create(
      {.workers = options.workers, .chunk_size = options.chunk_size, .spawn = options.cold});
}

}  // namespace

// Cold pools spawn, warm ones use the world's ranks; both are held to the
// world's worker ranks, so that the two rows compare the same counts.
PARBENCH_REGISTER_STRATEGY({.name = "Mpi",
                            .pool = true,
                            .workers = WorkerPolicy::kListed,
                            .make = &MakeMpiPool,
                            .worker_kind = WorkerKind::kRemote,
                            .order = 8,
                            .max_workers = &MpiPool::MaxWorkers,
                            .round_trip_floor = "Floor/MpiRoundTrip"});

}  // namespace parbench
