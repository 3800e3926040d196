// How many tasks a pool hands a worker per message (per queued closure for
// threads), like multiprocessing.Pool.map's chunksize: larger chunks pay the
// per-message cost once for several tasks but balance the load less finely.
#ifndef PARBENCH_LIB_CORE_CHUNK_SIZE_H_
#define PARBENCH_LIB_CORE_CHUNK_SIZE_H_

#include <algorithm>
#include <cstddef>

namespace parbench {

// `requested` when positive; otherwise floor(tasks ÷ (4 × workers)), never
// less than 1: at least four chunks per worker, enough to even out
// stragglers. Python's default is the ceiling of the same ratio, which with
// few long tasks unbalances the pool: 10 tasks on 2 workers become 5 chunks
// of 2, so one worker runs 6 tasks and the other 4, and the run takes 6
// tasks' time instead of 5 (results/README.md has the measurement).
// Rounding down gives chunks of 1 there, and the same 125 for 1000 tasks on
// 2 workers.
inline std::size_t ChunkSize(int requested, std::size_t tasks, int workers) {
  if (requested > 0) return static_cast<std::size_t>(requested);
  const std::size_t per_round = 4 * static_cast<std::size_t>(std::max(workers, 1));
  return std::max<std::size_t>(1, tasks / per_round);
}

}  // namespace parbench

#endif  // PARBENCH_LIB_CORE_CHUNK_SIZE_H_
