// MpiTransport: the Mpi strategy's workers behind the Transport interface —
// chunks and answers as MPI messages (mpi_protocol.h) between rank 0 and
// world ranks 1..n (warm) or the ranks of a spawn's intercommunicator
// (cold). Open MPI 4 cannot stop one rank (no ULFM): a worker that broke the
// protocol or was left busy is abandoned, and destroying the transport then
// ends the whole job with a message saying why. Internal to lib/strategies/mpi.
#ifndef PARBENCH_LIB_STRATEGIES_MPI_MPI_TRANSPORT_H_
#define PARBENCH_LIB_STRATEGIES_MPI_MPI_TRANSPORT_H_

#include <mpi.h>

#include <array>
#include <cstddef>
#include <vector>

#include "lib/strategies/dispatch/transport.h"

namespace parbench {

class MpiTransport final : public Transport {
 public:
  // Workers are `ranks` of `comm`. `spawned`: they were started by
  // MPI_Comm_spawn and are told to stop (else released to lazy waiting).
  MpiTransport(MPI_Comm comm, bool spawned, std::vector<int> ranks);
  MpiTransport(const MpiTransport&) = delete;
  MpiTransport& operator=(const MpiTransport&) = delete;
  // Stop({}) unless stopped; ends the job (MPI_Abort) if a worker was
  // abandoned.
  ~MpiTransport() override;

  int workers() const override { return static_cast<int>(workers_.size()); }
  pid_t pid(int /*worker*/) const override { return -1; }
  std::size_t MaxInFlight(std::size_t /*chunk_tasks*/) const override { return 2; }
  std::optional<TransportFault> Send(int worker, ChunkRange chunk, absl::Span<const Task> tasks,
                                     bool first_of_map) override;
  std::optional<TransportFault> Wait(absl::Span<const int> busy, absl::Time deadline,
                                     std::size_t wanted, std::vector<int>& ready) override;
  ReadOutcome Read(int worker, absl::Span<char> into, std::size_t known) override;
  std::variant<WorkerEnded, TransportLost> Finish(int worker) override;
  void Stop(absl::Span<const int> busy) override;

 private:
  // A chunk on its way: its bytes live until MPI_Isend completes. Two per
  // worker, used in turn: a slot is reused only once its chunk was answered,
  // so its send has completed.
  struct Sending {
    std::vector<char> bytes;
    MPI_Request request = MPI_REQUEST_NULL;
  };
  struct Worker {
    int rank = 0;  // In comm_.
    std::array<Sending, 2> sending;
    std::size_t next_slot = 0;
    bool abandoned = false;  // Broke the protocol, or left busy.
  };

  MPI_Comm comm_;
  bool spawned_;
  std::vector<Worker> workers_;
  MPI_Status probed_{};  // The answer Wait() found, for Read().
  std::vector<char> discard_;
  bool stopped_ = false;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_MPI_MPI_TRANSPORT_H_
