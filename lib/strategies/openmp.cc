#include "lib/strategies/openmp.h"

#include <omp.h>

#include <algorithm>
#include <cstddef>
#include <utility>

#include "lib/core/strategy_table.h"

namespace parbench {

OpenMp::OpenMp(int workers) : workers_(std::max(workers, 1)) {}

absl::StatusOr<std::vector<TaskResult>> OpenMp::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  const std::size_t count = tasks.size();
  // What `#pragma omp for schedule(static)` (libgomp's default) does — one
  // contiguous block per thread — written out, so that each thread runs its
  // block as one batch and reads its CPU clock once, as every strategy does.
#pragma omp parallel num_threads(workers_)
  {
    const auto threads = static_cast<std::size_t>(omp_get_num_threads());
    const auto me = static_cast<std::size_t>(omp_get_thread_num());
    const std::size_t begin = count * me / threads;
    const std::size_t end = count * (me + 1) / threads;
    RunBatchTimed(tasks.subspan(begin, end - begin),
                  absl::MakeSpan(slots).subspan(begin, end - begin));
  }
  return GatherResults(std::move(slots));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeOpenMp(const StrategyOptions& options) {
  return std::make_unique<OpenMp>(options.workers);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "OpenMp",
                            .make = &MakeOpenMp,
                            .dispatch = Dispatch::kBlock,
                            .table_role = TableRole::kPerTaskReference,
                            .order = 6});

}  // namespace parbench
