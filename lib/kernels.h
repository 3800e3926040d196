// The workload kernels: the real work every strategy runs, each returning a
// checksum so that results can be compared across strategies. Each one is
// written so that the compiler cannot fold it away.
#ifndef PARBENCH_LIB_KERNELS_H_
#define PARBENCH_LIB_KERNELS_H_

#include <cstdint>

namespace parbench {

// CPU-bound: counts from 0 to `n` one step at a time (the seed's `count()`).
// The counter passes through an empty asm statement on every step, so the
// loop really runs n times and its time grows linearly with n. Returns n.
std::uint64_t CountTo(std::uint64_t n);

// I/O-bound stand-in for an external request: waits `micros` microseconds
// without using the CPU (resumed after signals). Returns `micros`.
std::uint64_t WaitMicros(std::uint64_t micros);

// Memory-bound: appends n integers one by one to a vector that starts empty
// (the seed's "appended each integer to a list"), then folds the vector into
// a checksum. The vector's memory comes fresh from the kernel (mmap) whatever
// thread or process runs it, so its time is dominated by first touches of
// fresh pages and the copies of vector growth, not by cache bandwidth. The
// memory is returned (munmap) before returning.
std::uint64_t AppendInts(std::uint64_t n);

// AppendInts' work without its allocation: writes the same n integers into
// `buffer` (room for n, owned by the caller) and returns the same checksum.
// Over memory touched before, it streams — no page faults, no growth copies —
// and shows what the Memory workload would cost without them.
std::uint64_t FillAndFold(std::uint32_t* buffer, std::uint64_t n);

}  // namespace parbench

#endif  // PARBENCH_LIB_KERNELS_H_
