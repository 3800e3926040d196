// The pool side's check of a chunk's answers as their bytes arrive: a pure
// function of the bytes and the task indices due, so that the pipe, MPI and
// shared-memory transports share it and a fuzzer can drive it. Junk is never
// read as a message: an answer must carry the index due, a status code absl
// knows, and a NUL-terminated printable message with nothing after the NUL.
#ifndef PARBENCH_LIB_STRATEGIES_PROCESS_ANSWER_DECODER_H_
#define PARBENCH_LIB_STRATEGIES_PROCESS_ANSWER_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "lib/strategies/dispatch/worker_failure.h"
#include "lib/strategies/process/worker_protocol.h"

namespace parbench {

struct AnswerCheck {
  // Whole answers found valid, from the start of the bytes.
  std::size_t valid = 0;
  // Set when the bytes cannot be (the start of) the chunk's answers.
  std::optional<ProtocolViolation> violation;
};

// Checks `bytes`, the first bytes of the answers to `chunk`'s tasks, from
// whole answer number `checked` on (those before it were checked already).
// A trailing part of an answer is checked as far as it goes (its index
// first), so that junk is caught before a whole answer's worth of it came.
// More bytes than `chunk.count` answers is kWrongCount.
AnswerCheck CheckAnswers(absl::Span<const char> bytes, ChunkRange chunk, std::size_t checked = 0);

// The outcome a checked answer (see CheckAnswers) carries: its result, or
// the task's own error.
absl::StatusOr<TaskResult> ResultFromAnswer(const AnswerMessage& answer);

// The status a valid StatusMessage carries; nullopt when it is not one (a
// code absl does not know, a message not NUL-terminated, a control byte in
// it, or bytes after its NUL).
std::optional<absl::Status> DecodeStatusMessage(const StatusMessage& encoded);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGIES_PROCESS_ANSWER_DECODER_H_
