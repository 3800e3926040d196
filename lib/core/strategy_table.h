// The strategy table: one row per way of running a list of tasks. A strategy
// registers its row from its own file with PARBENCH_REGISTER_STRATEGY, and
// bench, the tests and (through the JSON context) the report scripts read
// the table; nothing outside a strategy's own files names its class.
#ifndef PARBENCH_LIB_CORE_STRATEGY_TABLE_H_
#define PARBENCH_LIB_CORE_STRATEGY_TABLE_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/core/strategy.h"

namespace parbench {

// How a process-based strategy starts each worker process.
enum class Launch {
  kFork,   // fork(): a copy of the caller, page tables and all.
  kSpawn,  // posix_spawn() + exec of a worker binary: nothing copied, but
           // the binary is loaded and linked afresh.
};

// What a factory may be asked for; a strategy ignores what does not apply.
struct StrategyOptions {
  int workers = 1;     // At least 1.
  int chunk_size = 0;  // Tasks per message or closure; 0: ChunkSize's default.
  Launch launch = Launch::kFork;
};

// Which worker counts a strategy is run at.
enum class WorkerPolicy {
  kOne,     // Always one (Sequential).
  kListed,  // The suite's --workers list.
  // The list, plus the I/O workloads' extra counts: a pool starts all n
  // workers whatever the task count, so for waiting work n > CPUs still
  // tells something; a per-task strategy never has more than `tasks` going,
  // so above it it would repeat the same run under another name.
  kListedPlusIo,
};

struct StrategySpec {
  absl::string_view name;  // In benchmark names: a letter, then letters and digits.
  // A pool has a start-up worth timing apart (cold) or leaving out (warm).
  bool pool = false;
  WorkerPolicy workers = WorkerPolicy::kListed;
  // Builds one. Errors are the system's (a thread or process refused).
  absl::StatusOr<std::unique_ptr<Strategy>> (*make)(const StrategyOptions& options) = nullptr;
  // Its workers are processes: starting one costs a fork, handing it a task
  // a message through a pipe (the floors its overheads are held against).
  bool processes = false;
  // Launches it supports beyond kFork (ProcessPerTask: kSpawn too).
  bool spawns = false;
  int order = 1000;  // Place in listings and tables; ties by name.
};

// Adds a row; see RegisterWorkload for how bad rows are reported.
bool RegisterStrategy(const StrategySpec& spec);

// OK when every row is well formed and names are unique.
absl::Status ValidateStrategies();

// The rows in (order, name) order.
absl::Span<const StrategySpec> Strategies();
const StrategySpec* FindStrategy(absl::string_view name);

// Builds the named strategy.
absl::StatusOr<std::unique_ptr<Strategy>> MakeStrategy(absl::string_view name,
                                                       const StrategyOptions& options);

}  // namespace parbench

#define PARBENCH_STRATEGY_CONCAT_INNER(a, b) a##b
#define PARBENCH_STRATEGY_CONCAT(a, b) PARBENCH_STRATEGY_CONCAT_INNER(a, b)
// PARBENCH_REGISTER_STRATEGY({.name = ..., .make = ..., ...}): one row.
#define PARBENCH_REGISTER_STRATEGY(...)                                                      \
  [[maybe_unused]] static const bool PARBENCH_STRATEGY_CONCAT(parbench_strategy_registered_, \
                                                              __LINE__) =                    \
      ::parbench::RegisterStrategy(::parbench::StrategySpec __VA_ARGS__)

#endif  // PARBENCH_LIB_CORE_STRATEGY_TABLE_H_
