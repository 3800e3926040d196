#include "lib/core/byte_pattern.h"

namespace parbench {

std::vector<char> BytePattern(std::size_t size) {
  std::vector<char> bytes(size);
  for (std::size_t i = 0; i < size; ++i) {
    bytes[i] = static_cast<char>((i * 131 + size * 7 + (i >> 8)) & 0xff);
  }
  return bytes;
}

std::uint64_t Fnv1a64(absl::Span<const char> bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace parbench
