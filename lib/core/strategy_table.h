// The strategy table: one row per way of running a list of tasks. A strategy
// registers its row from its own file with PARBENCH_REGISTER_STRATEGY, and
// bench, the tests and (through the JSON context) the report scripts read
// the table; nothing outside a strategy's own files names its class.
#ifndef PARBENCH_LIB_CORE_STRATEGY_TABLE_H_
#define PARBENCH_LIB_CORE_STRATEGY_TABLE_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "lib/core/strategy.h"

namespace parbench {

// How a process-based strategy starts each worker process.
enum class Launch {
  kFork,   // fork(): a copy of the caller, page tables and all.
  kSpawn,  // posix_spawn() + exec of a worker binary: nothing copied, but
           // the binary is loaded and linked afresh.
};

// How a process pool reaches its workers.
enum class TransportKind {
  kPipe,  // A task pipe and an answer pipe each: two system calls a side per chunk.
  kShm,   // Rings in shared memory and a futex: no system call while both spin.
};

// What a factory may be asked for; a strategy ignores what does not apply.
struct StrategyOptions {
  int workers = 1;     // At least 1.
  int chunk_size = 0;  // Tasks per message or closure; 0: ChunkSize's default.
  Launch launch = Launch::kFork;
  TransportKind transport = TransportKind::kPipe;
  // Knobs of the pools that have them (ThreadPool); unset: the strategy's
  // measured default (see StrategySpec::knobs).
  std::optional<absl::Duration> spin =
      std::nullopt;                                // How long an idle thread spins before it parks.
  std::optional<bool> caller_runs = std::nullopt;  // Map()'s caller runs tasks too.
  // Built inside the timing (a cold pool). A strategy whose cold start
  // differs from its warm one starts fresh workers (Mpi: MPI_Comm_spawn);
  // the others ignore it.
  bool cold = false;
};

// A row's roles: what the report needs to know of a strategy without its
// name. bench writes them into every benchmark's facts (bench/facts.h), so
// a new row brings its own and the tables and cost models need no edit.

// Who runs the tasks.
enum class WorkerKind {
  kInline,     // The calling thread (Sequential; EventLoop).
  kThreads,    // Threads of this process.
  kProcesses,  // Processes on this machine.
  kRemote,     // Processes that may be on other hosts (Mpi's ranks).
};

// How tasks reach the workers.
enum class Dispatch {
  kPerTask,  // Each task on its own: a thread, a process or a loop slot per task.
  kChunked,  // Chunks of ChunkSize() tasks, taken as workers free up.
  kBlock,    // One contiguous block per worker, fixed up front (OpenMP's static
             // schedule; Sequential: one block on the caller).
};

// What a row is to the tables.
enum class TableRole {
  kNone,              // An ordinary strategy.
  kBaseline,          // The speedups' denominator and the checksums' reference; one row.
  kCeiling,           // The machine's parallel ceiling: bench's bare threads (the
                      // Cpu/BareThreads family), never a row of this table.
  kPerTaskReference,  // A runtime whose per-task cost the pools are measured beside;
                      // the first such row in table order is their floor.
};

// Which worker counts a strategy is run at.
enum class WorkerPolicy {
  kOne,     // Always one (Sequential).
  kListed,  // The suite's --workers list.
  // The list, plus the I/O workloads' extra counts: a pool starts all n
  // workers whatever the task count, so for waiting work n > CPUs still
  // tells something; a per-task strategy never has more than `tasks` going,
  // so above it it would repeat the same run under another name.
  kListedPlusIo,
};

struct StrategySpec {
  absl::string_view name;  // In benchmark names: a letter, then letters and digits.
  // A pool has a start-up worth timing apart (cold) or leaving out (warm).
  bool pool = false;
  WorkerPolicy workers = WorkerPolicy::kListed;
  // Builds one. Errors are the system's (a thread or process refused).
  absl::StatusOr<std::unique_ptr<Strategy>> (*make)(const StrategyOptions& options) = nullptr;
  // Its roles (see WorkerKind, Dispatch, TableRole). The defaults are a
  // pool of threads that takes chunks. Processes (local or remote): starting
  // one costs a fork, handing it a task a message (the floors its overheads
  // are held against; see WorkersAreProcesses).
  WorkerKind worker_kind = WorkerKind::kThreads;
  Dispatch dispatch = Dispatch::kChunked;
  TableRole table_role = TableRole::kNone;
  // Launches it supports beyond kFork (ProcessPerTask: kSpawn too).
  bool spawns = false;
  // Its workers can be reached through shared memory too
  // (TransportKind::kShm): rows "<name>/shm" beside its own, held against
  // the shared-memory floor. Fork launch only.
  bool shm = false;
  int order = 1000;  // Place in listings and tables; ties by name.
  // Its knobs' defaults, "name=value ...", for the JSON context; null: none.
  std::string (*knobs)() = nullptr;
  // The most workers it can have in this process (Mpi: the worker ranks of
  // the MPI world); 0 leaves the row out of the run (Mpi outside mpirun).
  // Null: no limit.
  int (*max_workers)() = nullptr;
  // The floor its round trip is held against, when not the one its kind
  // implies (a pipe for processes, a futex for threads).
  absl::string_view round_trip_floor = {};
};

// True when `spec` can run here at all (see StrategySpec::max_workers).
bool StrategyUsable(const StrategySpec& spec);

// Its workers are other processes, on this machine or another.
bool WorkersAreProcesses(const StrategySpec& spec);

// Adds a row; see RegisterWorkload for how bad rows are reported.
bool RegisterStrategy(const StrategySpec& spec);

// OK when every row is well formed and names are unique.
absl::Status ValidateStrategies();

// ValidateStrategies' checks over any rows (the table's, or a test's): every
// problem found, joined into one line.
absl::Status ValidateStrategyRows(absl::Span<const StrategySpec> rows);

// The rows in (order, name) order.
absl::Span<const StrategySpec> Strategies();
const StrategySpec* FindStrategy(absl::string_view name);
// The row with TableRole::kBaseline; null when no row has it.
const StrategySpec* BaselineStrategy();

// Builds the named strategy.
absl::StatusOr<std::unique_ptr<Strategy>> MakeStrategy(absl::string_view name,
                                                       const StrategyOptions& options);

}  // namespace parbench

#define PARBENCH_STRATEGY_CONCAT_INNER(a, b) a##b
#define PARBENCH_STRATEGY_CONCAT(a, b) PARBENCH_STRATEGY_CONCAT_INNER(a, b)
// PARBENCH_REGISTER_STRATEGY({.name = ..., .make = ..., ...}): one row.
#define PARBENCH_REGISTER_STRATEGY(...)                                                      \
  [[maybe_unused]] static const bool PARBENCH_STRATEGY_CONCAT(parbench_strategy_registered_, \
                                                              __LINE__) =                    \
      ::parbench::RegisterStrategy(::parbench::StrategySpec __VA_ARGS__)

#endif  // PARBENCH_LIB_CORE_STRATEGY_TABLE_H_
