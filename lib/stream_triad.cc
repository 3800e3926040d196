#include "lib/stream_triad.h"

#include <algorithm>

namespace parbench {

void Triad(double* a, const double* b, const double* c, std::size_t n, double s, int threads) {
  const auto count = static_cast<std::ptrdiff_t>(n);
  // STREAM's own form: OpenMP, static schedule, one contiguous block per
  // thread; the compiler vectorises the body.
#pragma omp parallel for schedule(static) num_threads(std::max(threads, 1))
  for (std::ptrdiff_t i = 0; i < count; ++i) a[i] = b[i] + s * c[i];
}

}  // namespace parbench
