#include "test/bench/scribbler.h"

#include <unistd.h>

#include <atomic>
#include <cstdint>

#include "lib/core/workload_table.h"
#include "test/scribble_junk.h"

namespace parbench::testing {
namespace {

// Set before main() at most, so that every process forked later sees it.
std::atomic<pid_t> spared{0};

absl::StatusOr<std::uint64_t> RunScribble(std::uint64_t size) {
  if (::getpid() == spared.load()) return size;
  ScribbleOnEveryPipe();
  return ComputeForLong(size);
}

// With spawn_rows, so that the spawn launches run it too.
PARBENCH_REGISTER_WORKLOAD({
    .name = "Scribble",
    .size_flag = "scribble_n",
    .help = "Scribble (a test row): junk into every pipe of its worker, then computes on.",
    .default_size = 1,
    .max_size = 1000,
    .run = &RunScribble,
    .spawn_rows = true,
});

}  // namespace

void SpareFromScribbling(pid_t pid) { spared.store(pid); }

}  // namespace parbench::testing
