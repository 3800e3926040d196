#include "lib/strategies/sequential.h"

#include "lib/core/strategy_table.h"

namespace parbench {

absl::StatusOr<std::vector<TaskResult>> Sequential::Map(absl::Span<const Task> tasks) {
  std::vector<absl::StatusOr<TaskResult>> slots(tasks.size());
  RunBatchTimed(tasks, absl::MakeSpan(slots));
  return GatherResults(std::move(slots));
}

namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeSequential(const StrategyOptions& /*options*/) {
  return std::make_unique<Sequential>();
}

}  // namespace

PARBENCH_REGISTER_STRATEGY({.name = "Sequential",
                            .workers = WorkerPolicy::kOne,
                            .make = &MakeSequential,
                            .worker_kind = WorkerKind::kInline,
                            .dispatch = Dispatch::kBlock,
                            .table_role = TableRole::kBaseline,
                            .order = 0});

}  // namespace parbench
