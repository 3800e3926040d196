// Linked into bench_with_bad_row (test/CMakeLists.txt): the real bench with
// one more, bad, table row, chosen at start-up by PARBENCH_TEST_BAD_ROW
// (none when unset), so that bad_row_test.sh sees the real binary refuse
// each kind with one line and exit status 3.
#include <cstdlib>
#include <string>

#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

absl::StatusOr<std::uint64_t> RunNothing(std::uint64_t size) { return size; }

absl::StatusOr<std::unique_ptr<Strategy>> MakeNothing(const StrategyOptions& /*options*/) {
  return absl::UnimplementedError("a bad row's strategy");
}

WorkloadSpec Row(absl::string_view name, absl::string_view flag) {
  return {.name = name,
          .size_flag = flag,
          .help = "A bad row.",
          .default_size = 1,
          .max_size = 10,
          .run = &RunNothing};
}

bool RegisterTheBadRow() {
  const char* kind = std::getenv("PARBENCH_TEST_BAD_ROW");
  if (kind == nullptr) return false;
  const std::string chosen = kind;
  if (chosen == "duplicate_name") return RegisterWorkload(Row("cpu", "bad_row_n"));
  if (chosen == "no_run") {
    WorkloadSpec row = Row("BadRow", "bad_row_n");
    row.run = nullptr;
    return RegisterWorkload(row);
  }
  if (chosen == "flag_of_another_row") return RegisterWorkload(Row("BadRow", "cpu_count"));
  if (chosen == "flag_of_bench") return RegisterWorkload(Row("BadRow", "workers"));
  if (chosen == "strategy_without_factory") return RegisterStrategy({.name = "BadRow"});
  if (chosen == "strategy_duplicate") {
    return RegisterStrategy({.name = "threadpool", .make = &MakeNothing});
  }
  return false;
}

[[maybe_unused]] const bool registered = RegisterTheBadRow();

}  // namespace
}  // namespace parbench
