#include "lib/strategies/tbb.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <utility>

#include "lib/core/strategy_table.h"
#include "lib/posix/tsan_annotations.h"

namespace parbench {

struct Tbb::Arena {
  // oneTBB caps its worker threads at the machine's concurrency by default,
  // so an arena of more threads than CPUs would silently run with fewer
  // (and print a warning): a Tbb row at 10 workers would be one at 2. The
  // cap is raised, while this arena lives, to what it asks for, as the other
  // strategies run the workers they are given.
  explicit Arena(int threads)
      : allowed(tbb::global_control::max_allowed_parallelism,
                std::max<std::size_t>(static_cast<std::size_t>(threads),
                                      tbb::global_control::active_value(
                                          tbb::global_control::max_allowed_parallelism))),
        arena(threads) {
    arena.initialize();
  }
  tbb::global_control allowed;
  tbb::task_arena arena;
};

Tbb::Tbb(int workers) : arena_(std::make_unique<Arena>(std::max(workers, 1))) {}

Tbb::~Tbb() = default;

int Tbb::threads_allowed() const {
  const auto cap = static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
  return std::min(arena_->arena.max_concurrency(), cap);
}

absl::StatusOr<std::vector<TaskResult>> Tbb::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  // libtbb is not built for ThreadSanitizer, so it cannot see the hand-off of
  // the tasks to TBB's threads and of the results back: said here (no-ops in
  // every other build).
  TsanRelease(&slots);
  arena_->arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks.size()),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        TsanAcquire(&slots);
                        const std::size_t n = range.end() - range.begin();
                        RunBatchTimed(tasks.subspan(range.begin(), n),
                                      absl::MakeSpan(slots).subspan(range.begin(), n));
                        TsanRelease(&slots);
                      });
  });
  TsanAcquire(&slots);
  return GatherResults(std::move(slots));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeTbb(const StrategyOptions& options) {
  return std::make_unique<Tbb>(options.workers);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "Tbb", .make = &MakeTbb, .order = 7});

}  // namespace parbench
