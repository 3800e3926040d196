// Chunk: many tiny tasks of the reference workload (Cpu), where the cost of a
// message per task shows and chunking has room to act; the baseline beside
// the pools at chunk 1, the default and all-in-one.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"
#include "bench/measure.h"
#include "bench/registration.h"
#include "lib/core/chunk_size.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

constexpr absl::string_view kFamily = "Chunk";
constexpr int kChunkTasks = 1000;
// Task sizes (Cpu counts) of well under a microsecond and of a few.
constexpr std::int64_t kChunkTaskSizes[] = {1'000, 10'000};

}  // namespace

void RegisterChunkFamily(const SuiteConfig& config) {
  const std::optional<WorkloadId> reference = ReferenceWorkload();
  const StrategySpec* baseline = BaselineStrategy();
  if (!reference || baseline == nullptr) return;
  const WorkloadId workload = *reference;
  BenchmarkFacts baseline_facts = StrategyFacts(*baseline, TransportKind::kPipe, "");
  baseline_facts.workload = std::string(kFamily);
  auto* sequential = Family(
      absl::StrCat(kFamily, "/", baseline->name),
      [&config, workload, make = baseline->make, baseline_facts](benchmark::State& state) {
        BenchmarkFacts facts = baseline_facts;
        facts.task_size = state.range(2);
        RunStrategyRecipe(state, config,
                          {.task = {workload, static_cast<std::uint64_t>(state.range(2))},
                           .make = [make](int) { return make({}); },
                           .facts = facts});
      },
      benchmark::kMillisecond);
  ArgNames(sequential, {"workers", "tasks", "size"});
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
      BenchmarkFacts pool_facts = StrategyFacts(strategy, transport, "warm");
      pool_facts.workload = std::string(kFamily);
      auto* family = Family(
          absl::StrCat(kFamily, "/", strategy.name, TransportSuffix(transport), "/warm"),
          [&config, workload, make = strategy.make, transport,
           pool_facts](benchmark::State& state) {
            const int chunk = static_cast<int>(state.range(3));
            BenchmarkFacts facts = pool_facts;
            facts.task_size = state.range(2);
            facts.chunk = chunk;
            RunStrategyRecipe(
                state, config,
                {.task = {workload, static_cast<std::uint64_t>(state.range(2))},
                 .make =
                     [make, chunk, transport](int n) {
                       return make({.workers = n, .chunk_size = chunk, .transport = transport});
                     },
                 .facts = facts});
          },
          benchmark::kMillisecond);
      ArgNames(family, {"workers", "tasks", "size", "chunk"});
      for (std::int64_t size : kChunkTaskSizes) {
        for (std::int64_t chunk : chunks) family->Args({workers, kChunkTasks, size, chunk});
      }
    }
  }
}

}  // namespace parbench
