// Io: the I/O-bound stand-in for an external request, the seed's
// `time.sleep`. Task size: microseconds to wait (the flag is in ms).
#ifndef PARBENCH_LIB_WORKLOADS_IO_WAIT_H_
#define PARBENCH_LIB_WORKLOADS_IO_WAIT_H_

#include <cstdint>

namespace parbench {

// Waits `micros` microseconds without using the CPU (resumed after
// signals). Returns `micros`.
std::uint64_t WaitMicros(std::uint64_t micros);

}  // namespace parbench

#endif  // PARBENCH_LIB_WORKLOADS_IO_WAIT_H_
