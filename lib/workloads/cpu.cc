#include "lib/workloads/cpu.h"

#include "absl/status/statusor.h"
#include "lib/core/workload_table.h"

namespace parbench {

std::uint64_t CountTo(std::uint64_t n) {
  std::uint64_t counter = 0;
  while (counter < n) {
    ++counter;
    // Tells the compiler the counter may have changed behind its back, so it
    // can neither compute the result in closed form nor vectorise the loop.
    asm volatile("" : "+r"(counter));
  }
  return counter;
}

namespace {

absl::StatusOr<std::uint64_t> RunCpu(std::uint64_t n) { return CountTo(n); }

}  // namespace

// The limit is far beyond any useful task (tens of seconds of counting):
// beyond it a typo, not a measurement.
PARBENCH_REGISTER_WORKLOAD({
    .name = "Cpu",
    .size_flag = "cpu_count",
    .help = "Cpu workload: count to this number per task.",
    .default_size = 10'000'000,
    .max_size = 100'000'000'000,
    .test_size = 10'000,
    .run = &RunCpu,
    .spawn_rows = true,
    .reference = true,
    .order = 0,
});

}  // namespace parbench
