// parbench's cost model of one Map(): the work on the effective workers,
// plus start-up, plus dispatch per chunk; its break-even task time and its
// dominant term (ported from d27df6f:scripts/lib/model.awk), and the same with the
// errors of measured inputs carried to a range (docs/statistics.md).
#ifndef PARBENCH_LIB_REPORT_STATS_COST_MODEL_H_
#define PARBENCH_LIB_REPORT_STATS_COST_MODEL_H_

#include <cstdint>
#include <optional>

#include "lib/report/stats/uncertain.h"

namespace parbench::stats {

// How a strategy splits its tasks into chunks: the pools' default, one per
// task (a thread, process or event each), or one block per worker (OpenMP's
// static schedule).
enum class ChunkRule { kDefault, kPerTask, kBlock };

// The tasks per chunk both pools use by default (lib/core/chunk_size.h):
// floor(tasks ÷ (4 × workers)), at least 1.
std::int64_t DefaultChunk(std::int64_t tasks, std::int64_t workers);

// The tasks per chunk of `rule`.
std::int64_t ChunkFor(ChunkRule rule, std::int64_t tasks, std::int64_t workers);

// One Map()'s setting: tasks, workers, tasks per chunk, and the measured
// quantities in ns (start-up and a round trip: fixed; per chunk: dispatch)
// and effective workers (the machine's ceiling).
struct MapShape {
  std::int64_t tasks = 1;
  std::int64_t workers = 1;
  std::int64_t chunk = 1;
};
struct CostTerms {
  double ceiling = 1;   // effective workers (BareThreads' speedup), > 0
  double fixed = 0;     // ns once per Map()
  double dispatch = 0;  // ns per chunk
};

// The share of the total work on the critical path: 1 / ceiling, or the
// busiest worker's chunks (ceil(chunks ÷ workers) of them) when more.
double WorkShare(const MapShape& shape, double ceiling);

// The predicted time (ns) of one Map() of tasks of task_ns each.
double ModelTime(double task_ns, const MapShape& shape, const CostTerms& terms);

// The task time (ns) from which parallel beats Sequential (tasks × s =
// ModelTime(s)); absent when it never does (the critical path holds all the
// work).
std::optional<double> BreakEven(const MapShape& shape, const CostTerms& terms);

// Which term costs most against the ideal (all work spread evenly over the
// workers).
enum class Dominant { kStartUp, kDispatch, kCeiling, kUnevenRounds };
Dominant DominantTerm(double task_ns, const MapShape& shape, const CostTerms& terms);

// The same terms with their standard errors (from the medians they come
// from: MedianWithError, or a fit's PredictMean).
struct UncertainTerms {
  Uncertain ceiling{1, 0.0};
  Uncertain fixed{0, 0.0};
  Uncertain dispatch{0, 0.0};
};

// ModelTime with its error propagated (first order) from task_ns's and the
// terms' errors.
Uncertain PredictTime(const Uncertain& task_ns, const MapShape& shape, const UncertainTerms& terms);

// BreakEven with its error propagated; absent when it never pays at the
// terms' values.
std::optional<Uncertain> PredictBreakEven(const MapShape& shape, const UncertainTerms& terms);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_COST_MODEL_H_
