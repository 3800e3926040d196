// PipeTransport: ProcessPool's workers behind the Transport interface — one
// task pipe and one answer pipe each, the workers forked by this process
// (Launch::kFork) or by the fork server (Launch::kSpawn). It owns every
// worker and descriptor: destruction stops and reaps whatever is left.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_PIPE_TRANSPORT_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_PIPE_TRANSPORT_H_

#include <poll.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/core/task.h"
#include "lib/strategies/dispatch/transport.h"
#include "lib/strategies/process/fork_server.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

class PipeTransport final : public Transport {
 public:
  // `count` workers forked here, running `run_task`. If a fork fails, those
  // forked already are reaped and the error names the fork.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<PipeTransport>> Fork(int count,
                                                                           TaskRunner run_task);
  // `count` workers forked by `server`; `server_cpu_nanos` gets the CPU
  // time the server spent starting them.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<PipeTransport>> Serve(
      std::shared_ptr<ForkServer> server, int count, std::int64_t& server_cpu_nanos);

  PipeTransport(const PipeTransport&) = delete;
  PipeTransport& operator=(const PipeTransport&) = delete;
  ~PipeTransport() override;  // Stop({}) unless stopped.

  int workers() const override { return static_cast<int>(workers_.size()); }
  pid_t pid(int worker) const override { return workers_[static_cast<std::size_t>(worker)].pid; }
  // Send: the caller holds a SigpipeBlock (fd_io.h) around its sends, so
  // that a dead worker is an error, not its death.
  std::size_t MaxInFlight(std::size_t chunk_tasks) const override;
  std::optional<TransportFault> Send(int worker, ChunkRange chunk, absl::Span<const Task> tasks,
                                     bool first_of_map) override;
  std::optional<TransportFault> Wait(absl::Span<const int> busy, absl::Time deadline,
                                     std::size_t wanted, std::vector<int>& ready) override;
  ReadOutcome Read(int worker, absl::Span<char> into, std::size_t known) override;
  std::variant<WorkerEnded, TransportLost> Finish(int worker) override;
  void Stop(absl::Span<const int> busy) override;

 private:
  PipeTransport() = default;
  // SIGKILL to each, through whoever is its parent.
  absl::Status Kill(absl::Span<const int> workers);

  std::vector<WorkerPipes> workers_;
  std::shared_ptr<ForkServer> server_;  // kSpawn: the workers' parent.
  std::vector<char> send_buffer_;       // Kept between chunks.
  std::vector<pollfd> polled_;          // Scratch for Wait().
  bool stopped_ = false;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_PIPE_TRANSPORT_H_
