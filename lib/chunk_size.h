// How many tasks a pool hands a worker per message (per queued closure for
// threads), like multiprocessing.Pool.map's chunksize: larger chunks pay the
// per-message cost once for several tasks but balance the load less finely.
#ifndef PARBENCH_LIB_CHUNK_SIZE_H_
#define PARBENCH_LIB_CHUNK_SIZE_H_

#include <algorithm>
#include <cstddef>

namespace parbench {

// `requested` when positive; otherwise Python's default, ceil(tasks ÷ (4 ×
// workers)): about four chunks per worker, enough to even out stragglers.
// Never less than 1.
inline std::size_t ChunkSize(int requested, std::size_t tasks, int workers) {
  if (requested > 0) return static_cast<std::size_t>(requested);
  const std::size_t per_round = 4 * static_cast<std::size_t>(std::max(workers, 1));
  return std::max<std::size_t>(1, (tasks + per_round - 1) / per_round);
}

}  // namespace parbench

#endif  // PARBENCH_LIB_CHUNK_SIZE_H_
