// Cpu: the CPU-bound workload, the seed's `count()`. Task size: how far to count.
#ifndef PARBENCH_LIB_WORKLOADS_CPU_H_
#define PARBENCH_LIB_WORKLOADS_CPU_H_

#include <cstdint>

namespace parbench {

// Counts from 0 to `n` one step at a time. The counter passes through an
// empty asm statement on every step, so the loop really runs n times and its
// time grows linearly with n. Returns n.
std::uint64_t CountTo(std::uint64_t n);

}  // namespace parbench

#endif  // PARBENCH_LIB_WORKLOADS_CPU_H_
