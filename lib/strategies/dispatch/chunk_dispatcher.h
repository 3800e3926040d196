// ChunkDispatcher: the one engine behind every process pool's Map(), over a
// Transport (transport.h). It splits the tasks into chunks (ChunkSize), keeps
// as many of each worker's next chunks queued behind the one it runs as the
// transport can hold (Transport::MaxInFlight), checks the answers
// as they come (answer_decoder.h) and puts them in task order, charges the
// workers' CPU time, and returns the lowest-numbered task's error or, when a
// worker fails, a typed WorkerFailure: that worker killed and reaped, the
// rest stopped.
#ifndef PARBENCH_LIB_STRATEGIES_DISPATCH_CHUNK_DISPATCHER_H_
#define PARBENCH_LIB_STRATEGIES_DISPATCH_CHUNK_DISPATCHER_H_

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "lib/core/task.h"
#include "lib/strategies/dispatch/in_flight_record.h"
#include "lib/strategies/dispatch/transport.h"
#include "lib/strategies/dispatch/worker_failure.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

// A task's own error (the workers are fine): the lowest-numbered failed
// task's, as "task N: message".
struct TaskError {
  absl::Status status;
};

using DispatchResult = std::variant<std::vector<TaskResult>, TaskError, WorkerFailure>;

class ChunkDispatcher {
 public:
  struct Options {
    int chunk_size = 0;  // Tasks per chunk; 0: ChunkSize's default.
    // The longest one Map() may run (WorkerSilent past it).
    absl::Duration map_deadline = absl::InfiniteDuration();
    // The longest a worker may leave an answer half sent: past it, the
    // answer is truncated (a worker writes a chunk's answers in one go).
    absl::Duration answer_stall = absl::Seconds(5);
    // Where to note the chunks each worker holds as they change, for a
    // reader after a crash (in_flight_record.h); null: nowhere. The pool
    // that sets it names its workers there (InFlightRecord::SetWorkers).
    // A worker then holds no more than the record's line does.
    InFlightRecord* in_flight = nullptr;
    // Chunks shorter than this (as the last Map() ran them) go out as deep
    // as the transport takes (Transport::MaxInFlight), so that a pool whose
    // thread parks is woken once a Map(), not per chunk: a wake-up is then a
    // large part of a chunk's time (docs/pools.md, "Waking once a Map()").
    // Longer ones keep kShallowQueue: a wake-up per chunk is then cheap,
    // and chunks queued to one worker cannot move to another that a busy
    // machine left with more CPU.
    absl::Duration deep_queue_below = absl::Microseconds(250);
    // A Map() whose work, as the last Map() ran it (its wall time times the
    // workers it used), is shorter than this goes to the first worker
    // alone: waking a second would cost more than the half it could take.
    // Zero: every Map() spreads over every worker.
    absl::Duration one_worker_below = absl::ZeroDuration();
  };

  // `transport` outlives the dispatcher.
  ChunkDispatcher(Transport& transport, Options options);
  ChunkDispatcher(const ChunkDispatcher&) = delete;
  ChunkDispatcher& operator=(const ChunkDispatcher&) = delete;

  // Runs `tasks` on the workers. After a WorkerFailure the transport is
  // stopped (Transport::Stop) and the dispatcher must not be used again.
  // After a TaskError it is: the chunks sent were answered first.
  DispatchResult Map(absl::Span<const Task> tasks);

  // CPU time spent for the workers elsewhere (a fork server's forks),
  // charged to the first result of the next Map() that succeeds.
  void ChargeOnce(std::int64_t cpu_nanos) { uncharged_cpu_nanos_ += cpu_nanos; }

  // Chunks sent since the start (see ProcessPool::chunks_sent).
  std::uint64_t chunks_sent() const { return chunks_sent_; }
  // Stops the transport (Transport::Stop) unless a failure did already.
  void Stop();

  // Chunks a worker holds at most, unless they are short: the one it runs
  // and the next, as many as an in-flight record's line holds.
  static constexpr std::size_t kShallowQueue = InFlightRecord::kChunksPerWorker;

 private:
  // One worker's chunks in flight, oldest first, and the answers to the
  // oldest as their bytes arrive. Buffers keep their capacity between calls.
  struct Lane {
    ChunkRange chunks[kMaxChunksInFlight];
    std::size_t queued = 0;     // Chunks in `chunks`.
    std::vector<char> answers;  // The oldest chunk's answers (ChunkAnswers' record).
    std::size_t bytes = 0;      // Of them, received.
    std::size_t due = 0;        // Of them, known to be due (AnswerCheck::due).
    absl::Time stalled_since = absl::InfiniteFuture();  // A partial answer waits since.
  };

  // The failure of `worker` from `fault`, that worker finished (killed if
  // alive, reaped) and the transport stopped.
  WorkerFailure Fail(int worker, const TransportFault& fault, bool sending);
  // The deadline passed: the busy workers are killed.
  WorkerFailure FailSilent(std::size_t unfinished);
  void StopAll();
  // Notes `worker`'s chunks in the in-flight record, if any.
  void NoteHeld(int worker, const Lane& lane) {
    if (options_.in_flight != nullptr) {
      options_.in_flight->Hold(worker, absl::MakeConstSpan(lane.chunks, lane.queued));
    }
  }

  Transport& transport_;
  Options options_;
  std::vector<Lane> lanes_;
  std::vector<int> busy_;   // Scratch: workers with chunks in flight.
  std::vector<int> ready_;  // Scratch: workers Wait() found ready.
  std::uint64_t chunks_sent_ = 0;
  std::int64_t uncharged_cpu_nanos_ = 0;
  // How long a chunk took the last Map() that ended, wall time; a pool's
  // first Map() counts as one of long chunks.
  absl::Duration chunk_time_ = absl::InfiniteDuration();
  // The last Map()'s work: its wall time times the workers it used.
  absl::Duration map_work_ = absl::InfiniteDuration();
  bool stopped_ = false;
};

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_DISPATCH_CHUNK_DISPATCHER_H_
