// libFuzzer target for the pool side's answer check (answer_decoder.h): any
// bytes, for a chunk the first bytes choose, must give a verdict — valid
// answers or a named violation — without a crash, a hang or a read out of
// bounds; and valid answers must decode.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

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
  if (check.valid > chunk.count) __builtin_trap();
  if (!check.violation.has_value()) {
    for (std::size_t k = 0; k < check.valid; ++k) {
      parbench::AnswerMessage answer;
      std::memcpy(&answer, bytes.data() + k * sizeof(answer), sizeof(answer));
      if (answer.index != chunk.first + k) __builtin_trap();
      (void)parbench::ResultFromAnswer(answer);
    }
  }
  return 0;
}
