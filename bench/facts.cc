#include "bench/facts.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/registration.h"

namespace parbench {
namespace {

// The vocabulary's version: a reader refuses a version it does not know.
constexpr absl::string_view kFactsVersion = "facts=1";

absl::string_view KindWord(WorkerKind kind) {
  switch (kind) {
    case WorkerKind::kInline:
      return "inline";
    case WorkerKind::kThreads:
      return "threads";
    case WorkerKind::kProcesses:
      return "processes";
    case WorkerKind::kRemote:
      return "remote";
  }
  return "";
}

absl::string_view DispatchWord(Dispatch dispatch) {
  switch (dispatch) {
    case Dispatch::kPerTask:
      return "per_task";
    case Dispatch::kChunked:
      return "chunked";
    case Dispatch::kBlock:
      return "block";
  }
  return "";
}

absl::string_view RoleWord(TableRole role) {
  switch (role) {
    case TableRole::kNone:
      return "";
    case TableRole::kBaseline:
      return "baseline";
    case TableRole::kCeiling:
      return "ceiling";
    case TableRole::kPerTaskReference:
      return "per_task_reference";
  }
  return "";
}

void Item(std::string& label, absl::string_view key, absl::string_view value) {
  if (!value.empty()) absl::StrAppend(&label, " ", key, "=", value);
}
void Item(std::string& label, absl::string_view key, std::optional<std::int64_t> value) {
  if (value) absl::StrAppend(&label, " ", key, "=", *value);
}

}  // namespace

BenchmarkFacts StrategyFacts(const StrategySpec& strategy, TransportKind transport,
                             absl::string_view life, Launch launch) {
  BenchmarkFacts facts;
  facts.strategy = absl::StrCat(strategy.name, TransportSuffix(transport));
  facts.life = std::string(life);
  if (strategy.worker_kind == WorkerKind::kProcesses) {
    facts.launch = launch == Launch::kSpawn ? "spawn" : "fork";
  }
  facts.worker_kind = strategy.worker_kind;
  facts.dispatch = strategy.dispatch;
  facts.table_role = strategy.table_role;
  return facts;
}

BenchmarkFacts GridFacts(const WorkloadSpec& workload, const StrategySpec& strategy,
                         TransportKind transport, absl::string_view life, Launch launch) {
  BenchmarkFacts facts = StrategyFacts(strategy, transport, life, launch);
  facts.workload = std::string(workload.name);
  facts.reference_workload = workload.reference;
  facts.io_bound = workload.io_bound;
  return facts;
}

BenchmarkFacts CeilingFacts(const WorkloadSpec& workload) {
  BenchmarkFacts facts;
  facts.workload = std::string(workload.name);
  facts.strategy = std::string(kCeilingStrategy);
  facts.worker_kind = WorkerKind::kThreads;
  facts.dispatch = Dispatch::kBlock;
  facts.table_role = TableRole::kCeiling;
  facts.reference_workload = workload.reference;
  facts.io_bound = workload.io_bound;
  return facts;
}

BenchmarkFacts OperationFacts(absl::string_view family, absl::string_view operation) {
  BenchmarkFacts facts;
  facts.family = std::string(family);
  facts.operation = std::string(operation);
  return facts;
}

void SetMeasuredStrategy(BenchmarkFacts& facts, const StrategySpec& strategy,
                         TransportKind transport, Launch launch) {
  facts.strategy = absl::StrCat(strategy.name, TransportSuffix(transport));
  if (strategy.worker_kind == WorkerKind::kProcesses) {
    facts.launch = launch == Launch::kSpawn ? "spawn" : "fork";
  }
}

std::string FactsLabel(const BenchmarkFacts& facts) {
  std::string label(kFactsVersion);
  Item(label, "family", facts.family);
  Item(label, "operation", facts.operation);
  Item(label, "workload", facts.workload);
  Item(label, "strategy", facts.strategy);
  Item(label, "life", facts.life);
  Item(label, "launch", facts.launch);
  Item(label, "workers", facts.workers);
  Item(label, "tasks", facts.tasks);
  Item(label, "chunk", facts.chunk);
  Item(label, "batch", facts.batch);
  Item(label, "size", facts.task_size);
  Item(label, "mib", facts.mib);
  Item(label, "pages", facts.pages);
  Item(label, "floor", facts.floor);
  Item(label, "per", facts.per);
  Item(label, "spin", facts.spin);
  Item(label, "caller_runs", facts.caller_runs);
  if (facts.worker_kind) Item(label, "kind", KindWord(*facts.worker_kind));
  if (facts.dispatch) Item(label, "dispatch", DispatchWord(*facts.dispatch));
  Item(label, "role", RoleWord(facts.table_role));
  if (facts.reference_workload) Item(label, "workload_role", "reference");
  if (facts.io_bound) Item(label, "bound", *facts.io_bound ? "io" : "cpu");
  return label;
}

void SetFactsLabel(benchmark::State& state, BenchmarkFacts facts) {
  facts.workers = state.range(0);
  facts.tasks = state.range(1);
  state.SetLabel(FactsLabel(facts));
}

}  // namespace parbench
