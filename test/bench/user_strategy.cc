// A user's own strategy row, as one more file beside bench's: UserBlocks runs
// its tasks on ThreadPool's threads but says roles of its own (one block per
// worker, a per-task reference), so bench_facts_test.sh can check that its
// benchmarks carry the roles of its row, with no edit anywhere else.
#include <memory>

#include "absl/status/statusor.h"
#include "lib/core/strategy_table.h"

namespace parbench::testing {
namespace {

absl::StatusOr<std::unique_ptr<Strategy>> MakeUserBlocks(const StrategyOptions& options) {
  return MakeStrategy("ThreadPool", options);
}

PARBENCH_REGISTER_STRATEGY({.name = "UserBlocks",
                            .make = &MakeUserBlocks,
                            .dispatch = Dispatch::kBlock,
                            .table_role = TableRole::kPerTaskReference,
                            .order = 20});

}  // namespace
}  // namespace parbench::testing
