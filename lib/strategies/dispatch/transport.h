// Transport: how a chunk dispatcher (chunk_dispatcher.h) reaches a fixed set
// of worker processes — send a chunk to worker i, wait for answers from any,
// read one worker's answer bytes, finish one worker, stop them all. The pipe
// (process/pipe_transport.h), MPI (mpi/mpi_transport.h) and shared-memory
// transports implement it; every rule of dispatch lives in the dispatcher.
#ifndef PARBENCH_LIB_STRATEGIES_DISPATCH_TRANSPORT_H_
#define PARBENCH_LIB_STRATEGIES_DISPATCH_TRANSPORT_H_

#include <sys/types.h>

#include <cstddef>
#include <limits>
#include <optional>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "absl/types/span.h"
#include "lib/core/task.h"
#include "lib/strategies/dispatch/worker_failure.h"

namespace parbench {

// What a transport call found wrong, before the dispatcher names the worker
// and its tasks. A closed channel is WorkerEnded with `how` unknown (OK): the
// dispatcher finishes the worker (Finish) to learn it.
using TransportFault = std::variant<WorkerEnded, ProtocolViolation, TransportLost>;

// One Read(): the bytes it put in the buffer, or what went wrong.
struct ReadOutcome {
  std::size_t bytes = 0;
  std::optional<TransportFault> fault;
  // The bytes are one whole record (an MPI message, a ring's record): the
  // answers must end there.
  bool record = false;
};

// The most chunks a transport lets one worker hold (Transport::MaxInFlight):
// enough for a Map() of the default chunks (four a worker, ChunkSize) to go
// out at once, so that the pool need not wake between them.
inline constexpr std::size_t kMaxChunksInFlight = 8;

// Called from one thread at a time (the dispatcher's). Worker numbers run
// from 0 to workers() - 1.
class Transport {
 public:
  virtual ~Transport() = default;

  virtual int workers() const = 0;
  // The worker's process id, for messages; -1 when not known here.
  virtual pid_t pid(int worker) const = 0;

  // Chunks of `chunk_tasks` tasks a worker may hold at once, 1 to
  // kMaxChunksInFlight: the one it runs and as many behind it as the
  // transport can queue without ever blocking the sender.
  virtual std::size_t MaxInFlight(std::size_t chunk_tasks) const = 0;

  // The most tasks one chunk may carry: the dispatcher cuts its chunks to
  // it (a transport of bounded records, the shared-memory rings).
  virtual std::size_t MaxChunkTasks() const { return std::numeric_limits<std::size_t>::max(); }

  // Hands `worker` tasks [chunk.first, chunk.first + chunk.count) of
  // `tasks`. `first_of_map`: its first chunk of this Map() call. Must not
  // allocate per chunk once warm, nor block on a worker busy running.
  virtual std::optional<TransportFault> Send(int worker, ChunkRange chunk,
                                             absl::Span<const Task> tasks, bool first_of_map) = 0;

  // Waits until one or more of `busy` may have answer bytes to read (or has
  // ended), or `deadline` passes; puts them in `ready` (cleared first; empty
  // when the deadline passed). A transport with no descriptor to poll (a
  // ring and a futex) watches the workers' lives itself (a pidfd), so that
  // a death never outlasts the wait. `wanted`: how many of the chunks in
  // flight the caller needs answered before it can act — all of them when
  // it has no chunk left to send, one otherwise. A transport whose waiter
  // sleeps (the rings' futex) need not wake it for fewer; one that polls
  // (the pipe, MPI) may return at the first.
  virtual std::optional<TransportFault> Wait(absl::Span<const int> busy, absl::Time deadline,
                                             std::size_t wanted, std::vector<int>& ready) = 0;

  // Reads what `worker` has sent into `into`, without waiting once Wait()
  // said it was ready (0 bytes is no answer yet). `into` holds the chunk's
  // answers at their largest; `known` of its bytes are surely this chunk's
  // (the rest may be the next chunk's). A byte stream (the pipe) reads at
  // most `known`; a transport of whole records (MPI, the rings) takes its
  // next record whole and says so (ReadOutcome::record), or reports one
  // larger than `into` as kWrongCount.
  virtual ReadOutcome Read(int worker, absl::Span<char> into, std::size_t known) = 0;

  // Kills `worker` if it still runs, reaps it, and says how it ended; or
  // TransportLost when the transport cannot. A transport that cannot kill
  // one worker (MPI) says so in the WorkerEnded it returns.
  virtual std::variant<WorkerEnded, TransportLost> Finish(int worker) = 0;

  // Ends every worker not finished: idle ones by closing their channel (they
  // exit), `busy` ones killed; reaps them all. Called once; nothing after.
  virtual void Stop(absl::Span<const int> busy) = 0;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_DISPATCH_TRANSPORT_H_
