#include "lib/floors/stream_triad.h"

#include <algorithm>

#include "lib/posix/tsan_annotations.h"

namespace parbench {

void Triad(double* a, const double* b, const double* c, std::size_t n, double s, int threads) {
  const auto count = static_cast<std::ptrdiff_t>(n);
  // STREAM's own form: OpenMP, static schedule, one contiguous block per
  // thread; the compiler vectorises the body.
  // The annotations tell ThreadSanitizer about the region's start and end,
  // which uninstrumented libgomp hides from it; elsewhere they are nothing.
  TsanRelease(a);
#pragma omp parallel num_threads(std::max(threads, 1))
  {
    TsanAcquire(a);
#pragma omp for schedule(static)
    for (std::ptrdiff_t i = 0; i < count; ++i) a[i] = b[i] + s * c[i];
    TsanRelease(a);
  }
  TsanAcquire(a);
}

}  // namespace parbench
