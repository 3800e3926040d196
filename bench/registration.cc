#include "bench/registration.h"

#include <string>
#include <utility>

#include "bench/families/families.h"

namespace parbench {

benchmark::internal::Benchmark* Family(const std::string& name,
                                       std::function<void(benchmark::State&)> run,
                                       benchmark::TimeUnit unit) {
  return benchmark::RegisterBenchmark(name.c_str(), std::move(run))->UseRealTime()->Unit(unit);
}

void SkipWithStatus(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(std::string(status.ToString()).c_str());
}

std::vector<int> WorkerCounts(const SuiteConfig& config, const StrategySpec& strategy,
                              const WorkloadSpec& workload) {
  switch (strategy.workers) {
    case WorkerPolicy::kOne:
      return {1};
    case WorkerPolicy::kListed:
      return config.workers;
    case WorkerPolicy::kListedPlusIo:
      return workload.io_bound ? config.io_workers : config.workers;
  }
  return config.workers;
}

std::vector<int> StartUpWorkerCounts(const SuiteConfig& config) {
  if (config.workers.size() <= 1) return config.workers;
  return {config.workers.front(), config.workers.back()};
}

std::vector<std::string> PoolLives(const StrategySpec& strategy) {
  if (!strategy.pool) return {""};
  return {"cold", "warm"};
}

void RegisterAllFamilies(const SuiteConfig& config) {
  RegisterStrategyFamily(config);
  RegisterSpawnFamily(config);
  RegisterChunkFamily(config);
  if (config.sweep) RegisterSweepFamily(config);
  RegisterOverheadFamily(config);
  RegisterFloorFamily(config);
}

}  // namespace parbench
