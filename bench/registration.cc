#include "bench/registration.h"

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/facts.h"
#include "bench/families/families.h"

namespace parbench {

namespace {

// A family's name and its arguments' (ArgNames), for its benchmarks' full
// names.
struct FamilyNames {
  std::string family;
  std::vector<std::string> args;
};

// Registration and the runs are on one thread, one after the other.
std::map<const benchmark::internal::Benchmark*, std::shared_ptr<FamilyNames>>& NamesByFamily() {
  static auto* names =
      new std::map<const benchmark::internal::Benchmark*, std::shared_ptr<FamilyNames>>();
  return *names;
}

std::function<void(const std::string&)>& StartHook() {
  static auto* hook = new std::function<void(const std::string&)>();
  return *hook;
}

// As Google Benchmark 1.7.1 names a benchmark of Family(): its arguments
// as name:value, then the time it is timed by.
std::string FullName(const FamilyNames& names, const benchmark::State& state) {
  if (names.args.empty()) return names.family;
  std::string name = names.family;
  for (std::size_t i = 0; i < names.args.size(); ++i) {
    absl::StrAppend(&name, "/", names.args[i], ":", state.range(i));
  }
  absl::StrAppend(&name, "/real_time");
  return name;
}

}  // namespace

benchmark::internal::Benchmark* Family(const std::string& name,
                                       std::function<void(benchmark::State&)> run,
                                       benchmark::TimeUnit unit) {
  auto names = std::make_shared<FamilyNames>(FamilyNames{.family = name, .args = {}});
  // Every benchmark says it carries bench's facts, even with none beyond
  // its name's family (Floor/...); a run that knows more labels itself.
  auto labelled = [run = std::move(run), names](benchmark::State& state) {
    if (const auto& hook = StartHook()) hook(FullName(*names, state));
    state.SetLabel(FactsLabel({}));
    run(state);
  };
  benchmark::internal::Benchmark* family =
      benchmark::RegisterBenchmark(name.c_str(), std::move(labelled))->UseRealTime()->Unit(unit);
  NamesByFamily()[family] = std::move(names);
  return family;
}

benchmark::internal::Benchmark* ArgNames(benchmark::internal::Benchmark* family,
                                         const std::vector<std::string>& names) {
  if (auto it = NamesByFamily().find(family); it != NamesByFamily().end()) {
    it->second->args = names;
  }
  return family->ArgNames(names);
}

void OnBenchmarkStart(std::function<void(const std::string&)> hook) {
  StartHook() = std::move(hook);
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
