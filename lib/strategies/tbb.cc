#include "lib/strategies/tbb.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "lib/core/strategy_table.h"
#include "lib/posix/cpu_clock.h"
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
  // The auto partitioner cuts the range into many subranges; a CPU-clock read
  // per subrange (a system call, dearer than an empty task) would make TBB
  // look several times slower than it is. So each thread taking part reads
  // its clock once, at its first subrange, and the caller reads each such
  // thread's clock once after the loop (TBB's threads outlive it): twice
  // per thread per Map(), as in ThreadPool and OpenMp. A thread's CPU time,
  // stealing and spinning until then included, goes to the first result it
  // ran (see TaskResult::cpu_nanos).
  struct Charge {
    clockid_t clock;
    std::int64_t start;
    std::size_t first;
  };
  tbb::enumerable_thread_specific<std::optional<Charge>> charges;
  // libtbb is not built for ThreadSanitizer, so it cannot see the hand-off of
  // the tasks to TBB's threads and of the results back: said here (no-ops in
  // every other build).
  TsanRelease(&slots);
  arena_->arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks.size()),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        TsanAcquire(&slots);
                        std::optional<Charge>& charge = charges.local();
                        if (!charge)
                          charge = Charge{ThisThreadCpuClock(), ThreadCpuNanos(), range.begin()};
                        const std::size_t n = range.end() - range.begin();
                        RunBatch(tasks.subspan(range.begin(), n),
                                 absl::MakeSpan(slots).subspan(range.begin(), n));
                        TsanRelease(&slots);
                      });
  });
  TsanAcquire(&slots);
  for (const std::optional<Charge>& charge : charges) {
    if (charge && slots[charge->first].ok()) {
      slots[charge->first]->cpu_nanos = CpuNanos(charge->clock) - charge->start;
    }
  }
  return GatherResults(std::move(slots));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeTbb(const StrategyOptions& options) {
  return std::make_unique<Tbb>(options.workers);
}

}  // namespace

PARBENCH_REGISTER_STRATEGY(
    {.name = "Tbb", .make = &MakeTbb, .table_role = TableRole::kPerTaskReference, .order = 7});

}  // namespace parbench
