// IoFile: write a block to a fresh temporary file, fsync() it, read
// it back and verify it — a small durable write, the local-disk cousin of a
// database commit. No file outlives the call, even if the process is killed.
#ifndef PARBENCH_LIB_WORKLOADS_IO_FILE_H_
#define PARBENCH_LIB_WORKLOADS_IO_FILE_H_

#include <cstdint>

#include "absl/status/statusor.h"

namespace parbench {

// Writes `bytes` (at most kMaxFileBlock) of BytePattern to a file made by
// mkstemp() in $TMPDIR (or /tmp), fsync()s it, reads it back and returns
// its checksum (Fnv1a64), or an error naming the step that failed or the
// mismatch. The file is unlinked as soon as it is created: it lives only as
// an open descriptor, so nothing is left behind whatever happens next.
absl::StatusOr<std::uint64_t> WriteSyncReadBack(std::uint64_t bytes);

// 64 MiB: ten at once still fit in memory and on a small temporary disk.
inline constexpr std::uint64_t kMaxFileBlock = std::uint64_t{64} << 20;

}  // namespace parbench

#endif  // PARBENCH_LIB_WORKLOADS_IO_FILE_H_
