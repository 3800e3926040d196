// Chunk: many tiny Cpu tasks, where the cost of a message per task shows and
// chunking has room to act; the pools at chunk 1, the default and all-in-one.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/families/families.h"
#include "bench/measure.h"
#include "bench/registration.h"
#include "lib/core/chunk_size.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

constexpr int kChunkTasks = 1000;
// Task sizes (Cpu counts) of well under a microsecond and of a few.
constexpr std::int64_t kChunkTaskSizes[] = {1'000, 10'000};

}  // namespace

void RegisterChunkFamily(const SuiteConfig& config) {
  const absl::StatusOr<Task> cpu = MakeTask("Cpu", 0);
  if (!cpu.ok()) return;
  const WorkloadId workload = cpu->workload;
  auto* sequential = Family(
      "Chunk/Sequential",
      [&config, workload](benchmark::State& state) {
        RunStrategyRecipe(state, config,
                          {.task = {workload, static_cast<std::uint64_t>(state.range(2))},
                           .make = [](int) { return MakeStrategy("Sequential", {}); }});
      },
      benchmark::kMillisecond);
  sequential->ArgNames({"workers", "tasks", "size"});
  for (std::int64_t size : kChunkTaskSizes) sequential->Args({1, kChunkTasks, size});

  const int workers = config.cpus.usable;
  const auto default_chunk = static_cast<std::int64_t>(ChunkSize(0, kChunkTasks, workers));
  // One task per message, the default, and everything in one message.
  std::vector<std::int64_t> chunks = {1, default_chunk, kChunkTasks};
  std::sort(chunks.begin(), chunks.end());
  chunks.erase(std::unique(chunks.begin(), chunks.end()), chunks.end());
  for (const StrategySpec& strategy : Strategies()) {
    if (!strategy.pool || !StrategyUsable(strategy)) continue;
    for (TransportKind transport : Transports(strategy)) {
      auto* family = Family(
          absl::StrCat("Chunk/", strategy.name, TransportSuffix(transport), "/warm"),
          [&config, workload, make = strategy.make, transport](benchmark::State& state) {
            const int chunk = static_cast<int>(state.range(3));
            RunStrategyRecipe(
                state, config,
                {.task = {workload, static_cast<std::uint64_t>(state.range(2))},
                 .make = [make, chunk, transport](int n) {
                   return make({.workers = n, .chunk_size = chunk, .transport = transport});
                 }});
          },
          benchmark::kMillisecond);
      family->ArgNames({"workers", "tasks", "size", "chunk"});
      for (std::int64_t size : kChunkTaskSizes) {
        for (std::int64_t chunk : chunks) family->Args({workers, kChunkTasks, size, chunk});
      }
    }
  }
}

}  // namespace parbench
