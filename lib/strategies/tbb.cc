#include "lib/strategies/tbb.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <utility>

#include "lib/core/strategy_table.h"
#include "lib/posix/tsan_annotations.h"

namespace parbench {

struct Tbb::Arena {
  explicit Arena(int threads) : arena(threads) { arena.initialize(); }
  tbb::task_arena arena;
};

Tbb::Tbb(int workers) : arena_(std::make_unique<Arena>(std::max(workers, 1))) {}

Tbb::~Tbb() = default;

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
