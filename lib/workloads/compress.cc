// Compress: a task people really parallelise — deflate a buffer with zlib,
// as a log shipper, a backup tool or a web server does for each file or
// response. Task size: bytes of input. The input is text-like (words from a
// small vocabulary, so it compresses about as well as logs do) and made
// afresh by each task from its size alone, so every worker compresses the
// same bytes; the checksum is over the compressed output.
//
// It is registered exactly as a user's own workload is (README.md, "Your own
// workload"): one function, one row, nothing else in parbench edited.
#include <zlib.h>

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "lib/core/byte_pattern.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

// `size` bytes of space-separated words, chosen by a fixed linear
// congruential sequence: deterministic, and as compressible as prose.
std::vector<char> WordsOfSize(std::uint64_t size) {
  static constexpr const char* kWords[] = {"the",   "pool",   "thread", "process", "task", "worker",
                                           "chunk", "result", "wait",   "fork",    "pipe", "memory",
                                           "cpu",   "queue",  "time",   "error"};
  std::vector<char> text;
  text.reserve(size);
  std::uint32_t state = 12345;
  while (text.size() < size) {
    state = state * 1664525u + 1013904223u;
    for (const char* c = kWords[state >> 28]; *c != '\0' && text.size() < size; ++c) {
      text.push_back(*c);
    }
    if (text.size() < size) text.push_back(' ');
  }
  return text;
}

absl::StatusOr<std::uint64_t> CompressText(std::uint64_t size) {
  const std::vector<char> input = WordsOfSize(size);
  uLongf compressed_size = compressBound(static_cast<uLong>(input.size()));
  std::vector<char> output(compressed_size);
  const int status = compress2(reinterpret_cast<Bytef*>(output.data()), &compressed_size,
                               reinterpret_cast<const Bytef*>(input.data()),
                               static_cast<uLong>(input.size()), Z_DEFAULT_COMPRESSION);
  if (status != Z_OK) {
    return absl::InternalError(absl::StrFormat("compress2(): zlib error %d", status));
  }
  output.resize(compressed_size);
  return Fnv1a64(output);
}

}  // namespace

PARBENCH_REGISTER_WORKLOAD({
    .name = "Compress",
    .size_flag = "compress_bytes",
    .help = "Compress workload: bytes of text each task deflates with zlib.",
    .default_size = 1 << 20,
    .max_size = 64 << 20,
    .test_size = 4096,
    .run = &CompressText,
});

}  // namespace parbench
