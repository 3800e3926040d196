#include "bench/sweep_benchmarks.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/strategy_benchmarks.h"
#include "benchmark/benchmark.h"
#include "lib/chunk_size.h"
#include "lib/process_per_task.h"
#include "lib/process_pool.h"
#include "lib/sequential.h"
#include "lib/strategy_factory.h"
#include "lib/thread_pool.h"

namespace parbench {
namespace {

// Chunk (Cpu tasks): tasks of a few microseconds or less, where the cost of a message
// per task shows, and enough of them that chunking has room to act.
constexpr int kChunkTasks = 1000;
constexpr std::int64_t kChunkTaskSizes[] = {1'000, 10'000};
// CpuSweep: 1e3 (well under a microsecond) to 1e8 (about 30 ms) by factors
// of 10.
constexpr std::int64_t kSweepSizes[] = {1'000, 10'000, 100'000, 1'000'000, 10'000'000,
                                        100'000'000};

benchmark::internal::Benchmark* Register(const std::string& name,
                                         std::function<void(benchmark::State&)> run) {
  return benchmark::RegisterBenchmark(name.c_str(), std::move(run))
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

void RegisterSpawn(const SuiteConfig& config) {
  auto* family = Register("Cpu/ProcessPerTask/spawn", [&config](benchmark::State& state) {
    RunStrategyRecipe(state, config,
                      {.task = config.TaskFor(Workload::kCpu),
                       .make = [](int workers) -> absl::StatusOr<std::unique_ptr<Strategy>> {
                         return std::make_unique<ProcessPerTask>(workers, ProcessLaunch::kSpawn);
                       }});
  });
  family->ArgNames({"workers", "tasks"});
  for (int workers : config.workers) family->Args({workers, config.tasks});
}

void RegisterChunk(const SuiteConfig& config) {
  auto* sequential = Register("Chunk/Sequential", [&config](benchmark::State& state) {
    RunStrategyRecipe(state, config,
                      {.task = {Workload::kCpu, static_cast<std::uint64_t>(state.range(2))},
                       .make = [](int) -> absl::StatusOr<std::unique_ptr<Strategy>> {
                         return std::make_unique<Sequential>();
                       }});
  });
  sequential->ArgNames({"workers", "tasks", "size"});
  for (std::int64_t size : kChunkTaskSizes) sequential->Args({1, kChunkTasks, size});

  const int workers = config.cpus.usable;
  const auto default_chunk = static_cast<std::int64_t>(ChunkSize(0, kChunkTasks, workers));
  // One task per message, the default, and everything in one message.
  std::vector<std::int64_t> chunks = {1, default_chunk, kChunkTasks};
  std::sort(chunks.begin(), chunks.end());
  chunks.erase(std::unique(chunks.begin(), chunks.end()), chunks.end());
  for (StrategyKind kind : {StrategyKind::kThreadPool, StrategyKind::kProcessPool}) {
    auto* family = Register(
        absl::StrCat("Chunk/", StrategyName(kind), "/warm"),
        [&config, kind](benchmark::State& state) {
          const int chunk = static_cast<int>(state.range(3));
          RunStrategyRecipe(
              state, config,
              {.task = {Workload::kCpu, static_cast<std::uint64_t>(state.range(2))},
               .make = [kind, chunk](int n) -> absl::StatusOr<std::unique_ptr<Strategy>> {
                 if (kind == StrategyKind::kThreadPool) return ThreadPool::Create(n, chunk);
                 return ProcessPool::Create({.workers = n, .chunk_size = chunk});
               }});
        });
    family->ArgNames({"workers", "tasks", "size", "chunk"});
    for (std::int64_t size : kChunkTaskSizes) {
      for (std::int64_t chunk : chunks) family->Args({workers, kChunkTasks, size, chunk});
    }
  }
}

void RegisterSweep(const SuiteConfig& config) {
  for (StrategyKind kind : kAllStrategies) {
    std::vector<std::pair<std::string, bool>> lives = {{"", true}};
    if (IsPool(kind)) lives = {{"/cold", false}, {"/warm", true}};
    const std::vector<int> workers =
        kind == StrategyKind::kSequential ? std::vector<int>{1} : config.workers;
    for (const auto& [life, build_once] : lives) {
      auto* family = Register(
          absl::StrCat("CpuSweep/", StrategyName(kind), life),
          [&config, kind, build_once = build_once](benchmark::State& state) {
            RunStrategyRecipe(state, config,
                              {.task = {Workload::kCpu, static_cast<std::uint64_t>(state.range(2))},
                               .build_once = build_once,
                               .make = [kind](int n) { return MakeStrategy(kind, n); }});
          });
      family->ArgNames({"workers", "tasks", "size"});
      for (std::int64_t size : kSweepSizes) {
        for (int n : workers) family->Args({n, config.tasks, size});
      }
    }
  }
}

}  // namespace

void RegisterSweepBenchmarks(const SuiteConfig& config) {
  RegisterSpawn(config);
  RegisterChunk(config);
  if (config.sweep) RegisterSweep(config);
}

}  // namespace parbench
