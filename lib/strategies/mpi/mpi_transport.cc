#include "lib/strategies/mpi/mpi_transport.h"

#include <sched.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/strategies/mpi/mpi_protocol.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {
namespace {

using mpi_internal::ChunkPrefix;
using mpi_internal::kTagAnswer;
using mpi_internal::kTagChunk;
using mpi_internal::kTagRelease;
using mpi_internal::kTagStop;

// Exit status of a job ended because a worker rank could not be stopped.
constexpr int kWorkerAbandoned = 76;

}  // namespace

MpiTransport::MpiTransport(MPI_Comm comm, bool spawned, std::vector<int> ranks)
    : comm_(comm), spawned_(spawned) {
  workers_.resize(ranks.size());
  for (std::size_t w = 0; w < ranks.size(); ++w) workers_[w].rank = ranks[w];
}

MpiTransport::~MpiTransport() {
  Stop({});
  std::string abandoned;
  for (const Worker& worker : workers_) {
    if (worker.abandoned) abandoned += absl::StrFormat(" %d", worker.rank);
  }
  if (abandoned.empty()) return;
  std::fprintf(stderr,
               "bench: Mpi: worker rank(s)%s broke the protocol or were left busy, and Open MPI "
               "cannot stop one rank; ending the job\n",
               abandoned.c_str());
  std::fflush(stderr);
  MPI_Abort(MPI_COMM_WORLD, kWorkerAbandoned);
}

std::optional<TransportFault> MpiTransport::Send(int worker, ChunkRange chunk,
                                                 absl::Span<const Task> tasks, bool first_of_map) {
  Worker& target = workers_[static_cast<std::size_t>(worker)];
  Sending& sending = target.sending[target.next_slot];
  target.next_slot = (target.next_slot + 1) % target.sending.size();
  // Its last chunk was answered, so this returns at once.
  MPI_Wait(&sending.request, MPI_STATUS_IGNORE);
  // A warm rank's clock restarts at its first chunk of the call; a spawned
  // worker's runs from its start, which a cold pool pays for.
  const ChunkPrefix prefix{chunk.count, first_of_map && !spawned_ ? 1u : 0u};
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
  const int sent = MPI_Isend(sending.bytes.data(), static_cast<int>(sending.bytes.size()), MPI_BYTE,
                             target.rank, kTagChunk, comm_, &sending.request);
  if (sent != MPI_SUCCESS) {
    return TransportLost{absl::UnavailableError(absl::StrFormat("MPI_Isend() failed: %d", sent))};
  }
  return std::nullopt;
}

std::optional<TransportFault> MpiTransport::Wait(absl::Span<const int> busy, absl::Time deadline,
                                                 std::size_t /*wanted*/, std::vector<int>& ready) {
  ready.clear();
  if (deadline == absl::InfiniteFuture()) {
    // Blocking: Open MPI polls, and that CPU shows in process_cpu_s.
    if (MPI_Probe(MPI_ANY_SOURCE, kTagAnswer, comm_, &probed_) != MPI_SUCCESS) {
      return TransportLost{absl::UnavailableError("MPI_Probe() failed")};
    }
  } else {
    int arrived = 0;
    while (true) {
      if (MPI_Iprobe(MPI_ANY_SOURCE, kTagAnswer, comm_, &arrived, &probed_) != MPI_SUCCESS) {
        return TransportLost{absl::UnavailableError("MPI_Iprobe() failed")};
      }
      if (arrived != 0) break;
      if (absl::Now() >= deadline) return std::nullopt;
      sched_yield();
    }
  }
  for (int worker : busy) {
    if (workers_[static_cast<std::size_t>(worker)].rank == probed_.MPI_SOURCE) {
      ready.push_back(worker);
      return std::nullopt;
    }
  }
  return TransportLost{absl::DataLossError(
      absl::StrFormat("an answer from rank %d, which runs nothing", probed_.MPI_SOURCE))};
}

ReadOutcome MpiTransport::Read(int worker, absl::Span<char> into, std::size_t /*known*/) {
  const int rank = workers_[static_cast<std::size_t>(worker)].rank;
  int bytes = 0;
  MPI_Get_count(&probed_, MPI_BYTE, &bytes);
  if (bytes <= 0 || static_cast<std::size_t>(bytes) > into.size()) {
    // Taken off the queue all the same, into a scratch buffer.
    discard_.resize(static_cast<std::size_t>(std::max(bytes, 1)));
    MPI_Recv(discard_.data(), bytes, MPI_BYTE, rank, kTagAnswer, comm_, MPI_STATUS_IGNORE);
    return ReadOutcome{
        0, ProtocolViolation{ProtocolViolation::Kind::kWrongCount,
                             absl::StrFormat("a message of %d bytes where at most %d were due",
                                             bytes, into.size())}};
  }
  if (MPI_Recv(into.data(), bytes, MPI_BYTE, rank, kTagAnswer, comm_, MPI_STATUS_IGNORE) !=
      MPI_SUCCESS) {
    return ReadOutcome{0, TransportLost{absl::UnavailableError("MPI_Recv() failed")}};
  }
  return ReadOutcome{static_cast<std::size_t>(bytes), std::nullopt, /*record=*/true};
}

std::variant<WorkerEnded, TransportLost> MpiTransport::Finish(int worker) {
  workers_[static_cast<std::size_t>(worker)].abandoned = true;
  return TransportLost{absl::UnavailableError(
      "Open MPI cannot stop one rank (no fault tolerance): the job ends with the pool")};
}

void MpiTransport::Stop(absl::Span<const int> busy) {
  if (stopped_) return;
  stopped_ = true;
  for (int worker : busy) workers_[static_cast<std::size_t>(worker)].abandoned = true;
  for (Worker& worker : workers_) {
    if (worker.abandoned) continue;
    // Every chunk was answered, so every send has completed.
    for (Sending& sending : worker.sending) MPI_Wait(&sending.request, MPI_STATUS_IGNORE);
    MPI_Send(nullptr, 0, MPI_BYTE, worker.rank, spawned_ ? kTagStop : kTagRelease, comm_);
  }
}

}  // namespace parbench
