// libFuzzer target for the pool side's answer check (answer_decoder.h): any
// bytes, for a chunk the first bytes choose, must give a verdict — valid
// answers (as far as they go) or a named violation — without a crash, a hang
// or a read out of bounds; and whole valid answers must decode to a failed
// task of the chunk, if any, with a bounded message.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "absl/types/span.h"
#include "lib/strategies/process/answer_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first 8 bytes: the chunk's first task and its task count (1..64).
  if (size < 8) return 0;
  std::uint32_t first = 0;
  std::uint32_t count = 0;
  std::memcpy(&first, data, 4);
  std::memcpy(&count, data + 4, 4);
  count = count % 64 + 1;
  // Only chunks the dispatcher can make: task indices are 32-bit, so a
  // chunk never runs past the last one (a first task near 2^32 would wrap).
  first = std::min(first, std::numeric_limits<std::uint32_t>::max() - count + 1);
  const parbench::ChunkRange chunk{first, count};
  const absl::Span<const char> bytes(reinterpret_cast<const char*>(data + 8), size - 8);
  const parbench::AnswerCheck check = parbench::CheckAnswers(bytes, chunk);
  // What is due lies between the answers at their least and at their most.
  if (check.due < parbench::MinAnswerBytes(count) || check.due > parbench::MaxAnswerBytes(count)) {
    __builtin_trap();
  }
  if (!check.violation.has_value()) {
    // Never more bytes than are due without a violation.
    if (bytes.size() > check.due) __builtin_trap();
    if (bytes.size() == check.due) {
      // Whole, valid answers decode: a failed task named is one of the chunk.
      std::vector<parbench::TaskResult> results(count);
      const std::optional<parbench::FailedAnswer> failed =
          parbench::TakeAnswers(bytes, absl::MakeSpan(results));
      if (failed.has_value() &&
          (failed->index < chunk.first || failed->index - chunk.first >= count ||
           failed->status.ok() || failed->status.message().size() > parbench::kMaxErrorMessage)) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
