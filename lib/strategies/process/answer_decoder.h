// The pool side's check of a chunk's answers (worker_protocol.h's
// ChunkAnswers record) as their bytes arrive: a pure function of the bytes
// and the chunk due, so that the pipe, MPI and shared-memory transports share
// it and a fuzzer can drive it. Junk is never read as a message: the answers
// must echo the chunk, count failed tasks and their error bytes within
// bounds, and each error must name a task of the chunk in order, carry a
// status code absl knows and printable text of a length in bounds.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_ANSWER_DECODER_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_ANSWER_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "lib/core/task.h"
#include "lib/strategies/dispatch/worker_failure.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

struct AnswerCheck {
  // The bytes the chunk's answers take, as far as the bytes tell:
  // MinAnswerBytes(count) until the header says how many error bytes follow,
  // then exactly. The answers are whole when that many came.
  std::size_t due = 0;
  // Set when the bytes cannot be (the start of) the chunk's answers.
  std::optional<ProtocolViolation> violation;
};

// Checks `bytes`, the first bytes of the answers to `chunk`'s tasks, as far
// as they go: the header field by field (so that junk is caught by its first
// four bytes, before a whole answer's worth of it came), the errors record
// by record. More bytes than are due is kWrongCount. Reads the bytes in
// place; they need not be aligned.
AnswerCheck CheckAnswers(absl::Span<const char> bytes, ChunkRange chunk);

// The lowest-numbered failed task of a chunk and its own error.
struct FailedAnswer {
  std::uint32_t index = 0;
  absl::Status status;
};

// Takes `bytes`, a chunk's whole answers that CheckAnswers found valid:
// each fine task's result into `results` (the chunk's tasks', in order; the
// first also gets the worker's CPU time, pid and memory), and returns the
// first failed task's error, if any (a failed task's result is left as it
// was: its checksum 0).
std::optional<FailedAnswer> TakeAnswers(absl::Span<const char> bytes,
                                        absl::Span<TaskResult> results);

// The status a valid StatusMessage carries (the fork server's replies);
// nullopt when it is not one (a code absl does not know, a message not
// NUL-terminated, a control byte in it, or bytes after its NUL).
std::optional<absl::Status> DecodeStatusMessage(const StatusMessage& encoded);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_ANSWER_DECODER_H_
