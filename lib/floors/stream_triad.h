// The STREAM triad, a[i] = b[i] + s × c[i], over arrays the caller owns:
// the floor for any kernel that streams memory. Run over arrays far larger
// than the caches, already touched, it measures the memory bandwidth that
// `threads` cores can draw; nothing in it allocates or faults.
#ifndef PARBENCH_LIB_FLOORS_STREAM_TRIAD_H_
#define PARBENCH_LIB_FLOORS_STREAM_TRIAD_H_

#include <cstddef>

namespace parbench {

// Bytes one triad moves per element, by STREAM's convention (two reads, one
// write; the write-allocate read is not counted).
inline constexpr std::size_t kTriadBytesPerElement = 3 * sizeof(double);

// One pass of the triad with `threads` threads (static split, as STREAM).
void Triad(double* a, const double* b, const double* c, std::size_t n, double s, int threads);

}  // namespace parbench

#endif  // PARBENCH_LIB_FLOORS_STREAM_TRIAD_H_
