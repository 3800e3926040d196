// The peak resident memory of the calling process (Linux's VmHWM), and how
// to reset it, so that each benchmark can report the memory it needed, not
// the high-water mark of the whole run.
#ifndef PARBENCH_LIB_POSIX_RESIDENT_MEMORY_H_
#define PARBENCH_LIB_POSIX_RESIDENT_MEMORY_H_

#include <cstdint>

#include "absl/status/status.h"

namespace parbench {

// The calling process's peak resident set size in KiB: VmHWM from
// /proc/self/status, or getrusage's ru_maxrss (the peak since the process
// started, never reset) where that file cannot be read. Never 0 for a live
// process.
std::int64_t PeakResidentKib();

// The calling process's peak resident set size in KiB since it started
// (getrusage's ru_maxrss; for a forked child, since the fork): one system
// call, cheap enough for a worker to send with every answer.
std::int64_t PeakResidentSinceStartKib();

// Resets the peak to the current resident set size (writes 5 to
// /proc/self/clear_refs, Linux >= 4.0).
absl::Status ResetPeakResident();

}  // namespace parbench

#endif  // PARBENCH_LIB_POSIX_RESIDENT_MEMORY_H_
