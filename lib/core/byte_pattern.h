// The bytes the I/O workloads move and how they are checked: a deterministic
// pattern that depends on its length, and a 64-bit FNV-1a checksum over it.
// Both ends of a transfer compute them independently, so a byte lost, added
// or changed anywhere shows up as a mismatch.
#ifndef PARBENCH_LIB_CORE_BYTE_PATTERN_H_
#define PARBENCH_LIB_CORE_BYTE_PATTERN_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace parbench {

// `size` bytes whose values depend on both the position and `size`, so that
// blocks of different sizes differ everywhere, not only in length.
std::vector<char> BytePattern(std::size_t size);

// 64-bit FNV-1a over `bytes`.
std::uint64_t Fnv1a64(absl::Span<const char> bytes);

}  // namespace parbench

#endif  // PARBENCH_LIB_CORE_BYTE_PATTERN_H_
