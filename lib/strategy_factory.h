// The strategies parbench compares, by name, and one way to build each.
#ifndef PARBENCH_LIB_STRATEGY_FACTORY_H_
#define PARBENCH_LIB_STRATEGY_FACTORY_H_

#include <memory>
#include <optional>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "lib/strategy.h"

namespace parbench {

enum class StrategyKind {
  kSequential,
  kThreadPool,
  kProcessPool,
  kThreadPerTask,
  kProcessPerTask,
  kEventLoop,
  kOpenMp,
};

inline constexpr StrategyKind kAllStrategies[] = {
    StrategyKind::kSequential,    StrategyKind::kThreadPool,     StrategyKind::kProcessPool,
    StrategyKind::kThreadPerTask, StrategyKind::kProcessPerTask, StrategyKind::kEventLoop,
    StrategyKind::kOpenMp,
};

// "Sequential", "ThreadPool", ...: the names used in benchmark names.
absl::string_view StrategyName(StrategyKind kind);
std::optional<StrategyKind> ParseStrategy(absl::string_view name);

// Pools have a start-up worth timing apart (cold) or leaving out (warm).
bool IsPool(StrategyKind kind);

// Builds a strategy with `workers` workers (ignored by Sequential).
[[nodiscard]] absl::StatusOr<std::unique_ptr<Strategy>> MakeStrategy(StrategyKind kind,
                                                                     int workers);

}  // namespace parbench

#endif  // PARBENCH_LIB_STRATEGY_FACTORY_H_
