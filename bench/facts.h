// A benchmark's facts, written once by bench into its label: blank-separated
// key=value items after "facts=1" (the vocabulary's version), in this order
//   facts=1 family= operation= workload= strategy= life= launch= workers= tasks=
//   chunk= batch= size= mib= pages= floor= per= kind= dispatch= role= workload_role= bound=
// each left out when the benchmark has no such fact. The report reads them
// back (lib/report/facts_label.h); older readers read the floor= and per=
// items they always read (d27df6f:scripts/overheads.awk) and pass over the rest.
// The roles come from the rows of the strategy and workload tables.
#ifndef PARBENCH_BENCH_FACTS_H_
#define PARBENCH_BENCH_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"

namespace parbench {

// The ceiling's name in benchmark names and facts: bare threads are no row
// of the strategy table, so this family names itself.
inline constexpr absl::string_view kCeilingStrategy = "BareThreads";

// What one benchmark is. The same facts its name spells: the grid's
// workload, strategy and life, and its key:value arguments; plus what the
// name never said (launch, floor, per, the roles).
struct BenchmarkFacts {
  std::string workload;  // A workload row's name, or the family's ("Chunk", "Knobs").
  std::string strategy;  // A strategy row's name, with its transport ("ProcessPool/shm").
  std::string life;      // "cold", "warm", "spawn"; empty for a strategy that is no pool.
  std::string launch;    // Process workers: "fork" or "spawn"; empty otherwise.
  std::optional<std::int64_t> workers;
  std::optional<std::int64_t> tasks;
  std::optional<std::int64_t> chunk;      // Where the family sets it ("chunk:").
  std::optional<std::int64_t> task_size;  // Where the family varies it ("size:").
  std::string floor;                      // The benchmark an overhead is held against.
  std::optional<std::int64_t> per;        // Both times are per this many.
  // A row's knobs where the family varies them (Knobs: 0 or 1).
  std::optional<std::int64_t> spin;
  std::optional<std::int64_t> caller_runs;
  // An Overhead or Floor benchmark's operation: its family ("Overhead",
  // "Floor") and what it measures ("RoundTrip", "ThreadCreateJoin", ...); its
  // strategy, launch, workers and chunk above are then the operation's.
  std::string family;
  std::string operation;
  std::optional<std::int64_t> batch;  // Empty tasks per Map() call.
  std::optional<std::int64_t> mib;    // MiB the operation works on or holds.
  std::string pages;                  // MemoryKernel: "fresh" or "reused".
  // The roles: from the strategy row (or the ceiling's, for bare threads)
  // and the workload row.
  std::optional<WorkerKind> worker_kind;
  std::optional<Dispatch> dispatch;
  TableRole table_role = TableRole::kNone;
  bool reference_workload = false;
  // The workload row's io_bound: its task waits ("io") or keeps a CPU busy
  // ("cpu"); unset outside the workload rows.
  std::optional<bool> io_bound;
};

// The facts every benchmark of `strategy` over `transport` shares: its
// name, life and roles, and the launch when its workers are local
// processes ("spawn" for Launch::kSpawn, else "fork").
BenchmarkFacts StrategyFacts(const StrategySpec& strategy, TransportKind transport,
                             absl::string_view life, Launch launch = Launch::kFork);

// The same, on a row of the workload table (its name and role).
BenchmarkFacts GridFacts(const WorkloadSpec& workload, const StrategySpec& strategy,
                         TransportKind transport, absl::string_view life,
                         Launch launch = Launch::kFork);

// The ceiling's facts on `workload`: bare threads, one block each.
BenchmarkFacts CeilingFacts(const WorkloadSpec& workload);

// An Overhead or Floor benchmark's: its family and operation (outside the
// grid, as its name is); the caller adds what it measures with.
BenchmarkFacts OperationFacts(absl::string_view family, absl::string_view operation);

// The strategy an overhead measures: its name with its transport, and the
// launch when its workers are local processes.
void SetMeasuredStrategy(BenchmarkFacts& facts, const StrategySpec& strategy,
                         TransportKind transport, Launch launch = Launch::kFork);

// The label that carries `facts`.
std::string FactsLabel(const BenchmarkFacts& facts);

// Sets the label of `state` to `facts`, with workers and tasks from its
// first two arguments: the strategy benchmarks' (workers, tasks, ...).
void SetFactsLabel(benchmark::State& state, BenchmarkFacts facts);

}  // namespace parbench

#endif  // PARBENCH_BENCH_FACTS_H_
