#include "bench/registration.h"

#include <string>
#include <utility>

#include "bench/facts.h"
#include "bench/families/families.h"

namespace parbench {

benchmark::internal::Benchmark* Family(const std::string& name,
                                       std::function<void(benchmark::State&)> run,
                                       benchmark::TimeUnit unit) {
  // Every benchmark says it carries bench's facts, even with none beyond
  // its name's family (Floor/...); a run that knows more labels itself.
  auto labelled = [run = std::move(run)](benchmark::State& state) {
    state.SetLabel(FactsLabel({}));
    run(state);
  };
  return benchmark::RegisterBenchmark(name.c_str(), std::move(labelled))->UseRealTime()->Unit(unit);
}

void SkipWithStatus(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(std::string(status.ToString()).c_str());
}

std::vector<int> WorkerCounts(const SuiteConfig& config, const StrategySpec& strategy,
                              const WorkloadSpec& workload) {
  std::vector<int> counts = config.workers;
  switch (strategy.workers) {
    case WorkerPolicy::kOne:
      counts = {1};
      break;
    case WorkerPolicy::kListed:
      break;
    case WorkerPolicy::kListedPlusIo:
      if (workload.io_bound) counts = config.io_workers;
      break;
  }
  // Only the counts it can serve here (Mpi: the MPI world's worker ranks).
  if (strategy.max_workers != nullptr) {
    const int most = strategy.max_workers();
    std::erase_if(counts, [most](int n) { return n > most; });
  }
  return counts;
}

std::vector<int> StartUpWorkerCounts(const SuiteConfig& config) {
  if (config.workers.size() <= 1) return config.workers;
  return {config.workers.front(), config.workers.back()};
}

std::vector<std::string> PoolLives(const StrategySpec& strategy) {
  if (!strategy.pool) return {""};
  return {"cold", "warm"};
}

std::vector<TransportKind> Transports(const StrategySpec& strategy) {
  if (!strategy.shm) return {TransportKind::kPipe};
  return {TransportKind::kPipe, TransportKind::kShm};
}

absl::string_view TransportSuffix(TransportKind transport) {
  return transport == TransportKind::kShm ? "/shm" : "";
}

void RegisterAllFamilies(const SuiteConfig& config) {
  RegisterStrategyFamily(config);
  RegisterSpawnFamily(config);
  RegisterChunkFamily(config);
  if (config.sweep) RegisterSweepFamily(config);
  RegisterOverheadFamily(config);
  RegisterKnobsFamily(config);
  RegisterFloorFamily(config);
  RegisterMpiFamily(config);
}

}  // namespace parbench
