#include "lib/strategies/mpi/mpi_pool.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/core/chunk_size.h"
#include "lib/core/strategy_table.h"
#include "lib/strategies/mpi/mpi_protocol.h"
#include "lib/strategies/mpi/mpi_world.h"

namespace parbench {
namespace {

using mpi_internal::ChunkPrefix;
using mpi_internal::kTagAnswer;
using mpi_internal::kTagChunk;
using mpi_internal::kTagEngage;
using mpi_internal::kTagRelease;
using mpi_internal::kTagStop;

// This binary's path, for MPI_Comm_spawn (which execs it through Open MPI's
// daemon, where /proc/self/exe would name the daemon): on a cluster, the
// same binary must sit at the same path on every host.
absl::StatusOr<std::string> OwnBinary() {
  char path[PATH_MAX] = {};
  const ssize_t length = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (length <= 0) return absl::ErrnoToStatus(errno, "readlink(/proc/self/exe)");
  return std::string(path, static_cast<std::size_t>(length));
}

// Open MPI 4.1 with an external PMIx 4 (Debian's build) now and then never
// returns from MPI_Comm_spawn or the disconnect after it (openpmix issue
// 2735; one spawn in some tens here). A cold pool must not hang the run:
// past this deadline the process says why and exits, and mpirun ends the
// job. A spawn takes about 0.3 s here.
constexpr absl::Duration kSpawnDeadline = absl::Seconds(20);
// Exit status of a rank 0 that gave up on a hung spawn.
constexpr int kSpawnHung = 75;

// Ends the process if it is not destroyed within kSpawnDeadline.
class HangGuard {
 public:
  explicit HangGuard(const char* what)
      : thread_([this, what] {
          absl::MutexLock lock(&mu_);
          if (!mu_.AwaitWithTimeout(absl::Condition(&done_), kSpawnDeadline)) {
            std::fprintf(stderr,
                         "bench: %s did not return within %s (a known Open MPI 4.1 + PMIx 4 "
                         "spawn hang); ending the job\n",
                         what, absl::FormatDuration(kSpawnDeadline).c_str());
            std::fflush(stderr);
            std::_Exit(kSpawnHung);
          }
        }) {}
  ~HangGuard() {
    {
      absl::MutexLock lock(&mu_);
      done_ = true;
    }
    thread_.join();
  }
  HangGuard(const HangGuard&) = delete;
  HangGuard& operator=(const HangGuard&) = delete;

 private:
  absl::Mutex mu_;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;  // Last: starts once the rest is built.
};

std::string MpiErrorText(int code) {
  char text[MPI_MAX_ERROR_STRING] = {};
  int length = 0;
  MPI_Error_string(code, text, &length);
  return std::string(text, static_cast<std::size_t>(length));
}

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
    pool.reset(new MpiPool(MPI_COMM_WORLD, /*spawned=*/false, options.chunk_size));
    for (int rank = 1; rank <= count; ++rank) {
      MPI_Send(nullptr, 0, MPI_BYTE, rank, kTagEngage, MPI_COMM_WORLD);
      pool->workers_.push_back(Worker{rank, {}});
    }
    return pool;
  }
  absl::StatusOr<std::string> binary = OwnBinary();
  if (!binary.ok()) return binary.status();
  // The worker flag, then bench's own arguments (MPI_Comm_spawn's argv has
  // no program name and ends with a null).
  std::vector<std::string> arguments = {kMpiWorkerFlag};
  arguments.insert(arguments.end(), SpawnArguments().begin(), SpawnArguments().end());
  std::vector<char*> argv;
  argv.reserve(arguments.size() + 1);
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::vector<int> errors(static_cast<std::size_t>(count), MPI_SUCCESS);
  MPI_Comm children = MPI_COMM_NULL;
  // A failed spawn is an error to report, not a reason to abort the job.
  MPI_Comm_set_errhandler(MPI_COMM_SELF, MPI_ERRORS_RETURN);
  const HangGuard guard("MPI_Comm_spawn");
  const int spawned = MPI_Comm_spawn(binary->c_str(), argv.data(), count, MPI_INFO_NULL, 0,
                                     MPI_COMM_SELF, &children, errors.data());
  if (spawned != MPI_SUCCESS) {
    return absl::UnavailableError(
        absl::StrCat("MPI_Comm_spawn of ", count, " workers: ", MpiErrorText(spawned)));
  }
  pool.reset(new MpiPool(children, /*spawned=*/true, options.chunk_size));
  for (int rank = 0; rank < count; ++rank) pool->workers_.push_back(Worker{rank, {}});
  return pool;
}

MpiPool::~MpiPool() {
  for (const Worker& worker : workers_) {
    MPI_Send(nullptr, 0, MPI_BYTE, worker.rank, spawned_ ? kTagStop : kTagRelease, comm_);
  }
  if (spawned_) {
    const HangGuard guard("MPI_Comm_disconnect");
    MPI_Comm_disconnect(&comm_);
  }
}

MpiPool::Worker* MpiPool::WorkerOfRank(int rank) {
  for (Worker& worker : workers_) {
    if (worker.rank == rank) return &worker;
  }
  return nullptr;
}

void MpiPool::Send(Worker& worker, Chunk chunk, bool restart_clock, absl::Span<const Task> tasks) {
  worker.running.push_back(chunk);
  Sending& sending = sending_.emplace_back();
  const ChunkPrefix prefix{chunk.count, restart_clock ? 1u : 0u};
  sending.bytes.resize(sizeof(prefix) + chunk.count * sizeof(TaskMessage));
  std::memcpy(sending.bytes.data(), &prefix, sizeof(prefix));
  for (std::uint32_t i = 0; i < chunk.count; ++i) {
    const Task& task = tasks[chunk.first + i];
    const TaskMessage message{chunk.first + i, task.workload, task.size};
    std::memcpy(sending.bytes.data() + sizeof(prefix) + i * sizeof(message), &message,
                sizeof(message));
  }
  // Not blocking: a worker busy answering its previous chunk may not take
  // this one yet, and rank 0 must go on gathering answers meanwhile.
  MPI_Isend(sending.bytes.data(), static_cast<int>(sending.bytes.size()), MPI_BYTE, worker.rank,
            kTagChunk, comm_, &sending.request);
}

absl::StatusOr<std::vector<TaskResult>> MpiPool::Map(absl::Span<const Task> tasks) {
  std::vector<TaskResult> results(tasks.size());
  absl::Status first_task_error;
  const std::size_t chunk_size = std::min<std::size_t>(
      ChunkSize(chunk_size_, tasks.size(), static_cast<int>(workers_.size())), kMaxChunkTasks);
  std::size_t next = 0;  // The first task not sent yet.
  std::size_t busy = 0;  // Chunks sent and not yet answered.
  auto fill = [&](Worker& worker, std::size_t depth, bool first) {
    while (worker.running.size() < depth && next < tasks.size()) {
      const Chunk chunk{static_cast<std::uint32_t>(next),
                        static_cast<std::uint32_t>(std::min(chunk_size, tasks.size() - next))};
      next += chunk.count;
      ++busy;
      // A warm rank's clock restarts at its first chunk of the call; a
      // spawned worker's runs from its start, which a cold pool pays for.
      Send(worker, chunk, first && !spawned_ && worker.running.empty(), tasks);
    }
  };
  // One chunk each first, so that short lists still spread over every worker.
  for (std::size_t depth = 1; depth <= kMaxInFlight; ++depth) {
    for (Worker& worker : workers_) fill(worker, depth, depth == 1);
  }

  while (busy > 0) {
    MPI_Status status;
    // Blocking: Open MPI polls, and that CPU shows in process_cpu_s.
    MPI_Probe(MPI_ANY_SOURCE, kTagAnswer, comm_, &status);
    int bytes = 0;
    MPI_Get_count(&status, MPI_BYTE, &bytes);
    Worker* worker = WorkerOfRank(status.MPI_SOURCE);
    answers_.resize(static_cast<std::size_t>(bytes) / sizeof(AnswerMessage) + 1);
    MPI_Recv(answers_.data(), bytes, MPI_BYTE, status.MPI_SOURCE, kTagAnswer, comm_,
             MPI_STATUS_IGNORE);
    if (worker == nullptr || worker->running.empty()) {
      return absl::DataLossError(
          absl::StrFormat("Mpi: an answer from rank %d, which runs nothing", status.MPI_SOURCE));
    }
    const Chunk chunk = worker->running.front();
    if (static_cast<std::size_t>(bytes) != chunk.count * sizeof(AnswerMessage)) {
      return absl::DataLossError(absl::StrFormat("Mpi: rank %d answered %d bytes for %d tasks",
                                                 worker->rank, bytes, chunk.count));
    }
    for (std::uint32_t k = 0; k < chunk.count; ++k) {
      const AnswerMessage& answer = answers_[k];
      if (answer.index != chunk.first + k) {
        return absl::DataLossError(absl::StrFormat("Mpi: rank %d answered task %d for task %d",
                                                   worker->rank, answer.index, chunk.first + k));
      }
      absl::StatusOr<TaskResult> result = ResultFromAnswer(answer);
      if (result.ok()) {
        results[answer.index] = *result;
      } else if (first_task_error.ok()) {
        first_task_error =
            absl::Status(result.status().code(),
                         absl::StrFormat("task %d: %s", answer.index, result.status().message()));
      }
    }
    worker->running.pop_front();
    --busy;
    if (first_task_error.ok()) fill(*worker, kMaxInFlight, false);
  }
  // Every chunk was answered, so every send has completed.
  for (Sending& sending : sending_) MPI_Wait(&sending.request, MPI_STATUS_IGNORE);
  sending_.clear();
  if (!first_task_error.ok()) return first_task_error;
  return results;
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
                            .processes = true,
                            .order = 8,
                            .max_workers = &MpiPool::MaxWorkers,
                            .round_trip_floor = "Floor/MpiRoundTrip"});

}  // namespace parbench
