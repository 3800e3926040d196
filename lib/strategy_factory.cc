#include "lib/strategy_factory.h"

#include "lib/event_loop.h"
#include "lib/openmp_strategy.h"
#include "lib/process_per_task.h"
#include "lib/process_pool.h"
#include "lib/sequential.h"
#include "lib/thread_per_task.h"
#include "lib/thread_pool.h"

namespace parbench {

absl::string_view StrategyName(StrategyKind kind) {
  switch (kind) {
    case StrategyKind::kSequential:
      return "Sequential";
    case StrategyKind::kThreadPool:
      return "ThreadPool";
    case StrategyKind::kProcessPool:
      return "ProcessPool";
    case StrategyKind::kThreadPerTask:
      return "ThreadPerTask";
    case StrategyKind::kProcessPerTask:
      return "ProcessPerTask";
    case StrategyKind::kEventLoop:
      return "EventLoop";
    case StrategyKind::kOpenMp:
      return "OpenMp";
  }
  return "Unknown";
}

std::optional<StrategyKind> ParseStrategy(absl::string_view name) {
  for (StrategyKind kind : kAllStrategies) {
    if (StrategyName(kind) == name) return kind;
  }
  return std::nullopt;
}

bool IsPool(StrategyKind kind) {
  return kind == StrategyKind::kThreadPool || kind == StrategyKind::kProcessPool;
}

absl::StatusOr<std::unique_ptr<Strategy>> MakeStrategy(StrategyKind kind, int workers) {
  switch (kind) {
    case StrategyKind::kSequential:
      return std::make_unique<Sequential>();
    case StrategyKind::kThreadPool:
      return ThreadPool::Create(workers);
    case StrategyKind::kProcessPool:
      return ProcessPool::Create({.workers = workers});
    case StrategyKind::kThreadPerTask:
      return std::make_unique<ThreadPerTask>(workers);
    case StrategyKind::kProcessPerTask:
      return std::make_unique<ProcessPerTask>(workers);
    case StrategyKind::kEventLoop:
      return EventLoop::Create(workers);  // `workers`: tasks in flight at once.
    case StrategyKind::kOpenMp:
      return std::make_unique<OpenMp>(workers);
  }
  return absl::InvalidArgumentError("unknown strategy");
}

}  // namespace parbench
