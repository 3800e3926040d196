// How a worker process failed, as types the dispatcher and the pools tell
// apart (never status codes used as private signals): it ended, it stayed
// silent past the deadline, it broke the protocol while alive, or the means
// of reaching it was lost. A pool turns one into an absl::Status only at its
// boundary (ToStatus), with a message naming the worker, its pid, its tasks
// and what went wrong.
#ifndef PARBENCH_LIB_STRATEGIES_DISPATCH_WORKER_FAILURE_H_
#define PARBENCH_LIB_STRATEGIES_DISPATCH_WORKER_FAILURE_H_

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace parbench {

// Tasks [first, first + count) of one Map() call.
struct ChunkRange {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};
// "task 3" or "tasks 3-5".
std::string DescribeTasks(ChunkRange chunk);

// The worker ended: its channel closed, or it was found dead. `how` is how
// its process ended: OK for exit status 0, else DecodeWaitStatus's error
// (the exit status or the signal).
struct WorkerEnded {
  absl::Status how;
};

// The Map() deadline passed with tasks unanswered; the busy workers were
// killed.
struct WorkerSilent {
  absl::Duration deadline;
  std::size_t unfinished = 0;  // Tasks unanswered.
};

// A live worker sent what the protocol does not allow; it was killed.
struct ProtocolViolation {
  enum class Kind {
    kOutOfOrder,  // An answer for another task than the one due.
    kGarbage,     // Bytes that are no answer (a status code or text out of range).
    kTruncated,   // Part of an answer, then nothing for too long.
    kWrongCount,  // More or fewer answers than the chunk had tasks.
  };
  Kind kind = Kind::kGarbage;
  std::string detail;  // What was wrong, never the junk itself.
};
absl::string_view KindName(ProtocolViolation::Kind kind);

// The transport itself broke (the fork server lost, a poll() failing).
struct TransportLost {
  absl::Status cause;
};

using FailureKind = std::variant<WorkerEnded, WorkerSilent, ProtocolViolation, TransportLost>;

struct WorkerFailure {
  int worker = -1;  // 0-based; -1 when no single worker failed (a deadline).
  pid_t pid = -1;   // -1 when unknown (an MPI rank) or no single worker.
  // What the worker was doing: nothing; running `chunk`; or dying before it
  // took `chunk`, its only one.
  enum class Doing { kIdle, kRunning, kBeforeTaking };
  Doing doing = Doing::kIdle;
  ChunkRange chunk;
  FailureKind kind;
};

// The failure as the pool reports it; `pool` names the pool ("process
// pool", "Mpi"). Codes: Internal (exited 0 without answering) or the wait
// status's (died), DeadlineExceeded (silent), DataLoss (protocol),
// Unavailable (transport).
absl::Status ToStatus(const WorkerFailure& failure, absl::string_view pool);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_DISPATCH_WORKER_FAILURE_H_
