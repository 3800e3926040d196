// Memory: the memory-bound workload, the seed's "append each integer to a
// list". Task size: how many 32-bit integers to append.
#ifndef PARBENCH_LIB_WORKLOADS_MEMORY_H_
#define PARBENCH_LIB_WORKLOADS_MEMORY_H_

#include <cstdint>

namespace parbench {

// Appends n integers one by one to a vector that starts empty, then folds
// the vector into a checksum. The vector's memory comes fresh from the
// kernel (mmap) whatever thread or process runs it, so its time is dominated
// by first touches of fresh pages and the copies of vector growth, not by
// cache bandwidth. The memory is returned (munmap) before returning.
std::uint64_t AppendInts(std::uint64_t n);

// AppendInts' work without its allocation: writes the same n integers into
// `buffer` (room for n, owned by the caller) and returns the same checksum.
// Over memory touched before, it streams — no page faults, no growth copies —
// and shows what the Memory workload would cost without them.
std::uint64_t FillAndFold(std::uint32_t* buffer, std::uint64_t n);

}  // namespace parbench

#endif  // PARBENCH_LIB_WORKLOADS_MEMORY_H_
