// A workload of your own: sort n pseudo-random integers. Build it into bench
// with  cmake -S . -B build -DPARBENCH_WORKLOADS=$PWD/examples/my_workload.cc
#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/core/workload_table.h"

namespace {

// One task: equal sizes must give equal checksums in any thread or process.
absl::StatusOr<std::uint64_t> SortInts(std::uint64_t n) {
  std::vector<std::uint32_t> values(n);
  std::uint32_t x = 2463534242u;  // xorshift32: the same input everywhere.
  for (std::uint32_t& v : values) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    v = x;
  }
  std::sort(values.begin(), values.end());
  std::uint64_t checksum = 0;
  for (std::uint32_t v : values) checksum = checksum * 31 + v;
  return checksum;
}

}  // namespace

PARBENCH_REGISTER_WORKLOAD({
    .name = "Sort",
    .size_flag = "sort_ints",
    .help = "Sort workload: integers each task sorts.",
    .default_size = 1'000'000,
    .max_size = 100'000'000,
    .run = &SortInts,
});
