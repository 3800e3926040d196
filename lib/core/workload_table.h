// The workload table: one row per kind of work parbench can time. A workload
// registers its row from its own file with PARBENCH_REGISTER_WORKLOAD, and
// everything else — benchmark registration, the size flags and --help, the
// JSON context, the tests' parameters — reads the table, never a list of
// names. A user's own workload is one more file with one more row:
//
//   absl::StatusOr<std::uint64_t> SortInts(std::uint64_t n) { ...; return checksum; }
//   PARBENCH_REGISTER_WORKLOAD({.name = "Sort", .size_flag = "sort_ints",
//                               .help = "Sort: integers each task sorts.",
//                               .default_size = 1'000'000, .max_size = 100'000'000,
//                               .run = &SortInts});
#ifndef PARBENCH_LIB_CORE_WORKLOAD_TABLE_H_
#define PARBENCH_LIB_CORE_WORKLOAD_TABLE_H_

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/core/task.h"
#include "lib/core/task_in_flight.h"

namespace parbench {

struct WorkloadSpec {
  // In benchmark names ("<name>/<Strategy>/..."): a letter, then letters and
  // digits.
  absl::string_view name;
  // The suite flag that sets the size (--<size_flag>=N; JSON context key
  // parbench_<size_flag>): lower case, digits and '_'.
  absl::string_view size_flag;
  absl::string_view help;          // One line for --help.
  std::uint64_t default_size = 0;  // At least 1.
  std::uint64_t max_size = 0;      // At least default_size: larger values are refused.
  // A task size that runs in well under a millisecond, for the correctness
  // tests (every strategy against Sequential, under sanitizers too); 0:
  // default_size.
  std::uint64_t test_size = 0;
  // Runs one task of `size` on the calling thread and returns its checksum:
  // equal inputs must give equal checksums, whichever thread or process runs
  // it. A failure is the task's error.
  absl::StatusOr<std::uint64_t> (*run)(std::uint64_t size) = nullptr;

  // Optional, the built-in workloads' needs:
  // I/O-bound: waiting is where pools with more workers than CPUs can still
  // pay, so the pools also get the suite's extra worker counts.
  bool io_bound = false;
  // The spawn launch's rows (<name>/<Strategy>/spawn: each strategy that can
  // start its workers as fresh programs) are measured on the rows that set
  // this: Cpu's, whose task costs the same in any process, so that the rows
  // differ by the launch alone.
  bool spawn_rows = false;
  // The reference workload (one row at most: Cpu's): the one the bare-thread
  // ceiling, the other transports, and the Chunk, CpuSweep, Knobs and
  // Overhead families run their tasks of, and written into its benchmarks'
  // facts as their workload's role (bench/facts.h).
  bool reference = false;
  // Task size from the flag's value when they differ (Io's flag is in ms,
  // its task in µs); null: the same.
  std::uint64_t (*task_size)(std::uint64_t flag_value) = nullptr;
  // Bytes one task moves, for Google Benchmark's bytes_per_second; null: none.
  std::uint64_t (*bytes_per_task)(std::uint64_t size) = nullptr;
  // Starts a task without blocking a thread, for EventLoop (see
  // TaskInFlight); null: the task runs to completion on the loop's thread.
  absl::StatusOr<std::unique_ptr<TaskInFlight>> (*start_in_flight)(std::uint64_t size) = nullptr;
  // A process-wide resource started before the first task, while no worker
  // thread runs and before any pool forks (so that workers inherit it), and
  // stopped at the end of the run (IoNet's loopback service).
  absl::Status (*start_shared)(std::uint64_t flag_value) = nullptr;
  void (*stop_shared)() = nullptr;
  // Place in listings and tables; ties by name. Users' workloads come after
  // the built-in ones unless they say otherwise.
  int order = 1000;
};

// Adds a row; called at static initialisation by PARBENCH_REGISTER_WORKLOAD.
// A bad row is kept aside and reported by ValidateWorkloads(), so that a
// mistake stops bench at start-up with a message rather than in a static
// constructor.
bool RegisterWorkload(const WorkloadSpec& spec);

// OK when every row is well formed and no two rows share a name or size
// flag, nor use one of `reserved_flags` (the binary's other flags). Call it
// once at start-up, before anything runs.
absl::Status ValidateWorkloads(absl::Span<const absl::string_view> reserved_flags = {});

// ValidateWorkloads' checks over any rows (the table's, or a test's): every
// problem found, joined into one line.
absl::Status ValidateWorkloadRows(absl::Span<const WorkloadSpec> rows,
                                  absl::Span<const absl::string_view> reserved_flags = {});

// The rows, in (order, name) order; a row's position is its WorkloadId.
absl::Span<const WorkloadSpec> Workloads();
const WorkloadSpec* FindWorkload(WorkloadId id);
std::optional<WorkloadId> FindWorkloadId(absl::string_view name);
// The row with `reference` set; nullopt when none has it.
std::optional<WorkloadId> ReferenceWorkload();

// A task of the named workload, for callers that name one in code.
absl::StatusOr<Task> MakeTask(absl::string_view workload, std::uint64_t size);

}  // namespace parbench

#define PARBENCH_WORKLOAD_CONCAT_INNER(a, b) a##b
#define PARBENCH_WORKLOAD_CONCAT(a, b) PARBENCH_WORKLOAD_CONCAT_INNER(a, b)
// PARBENCH_REGISTER_WORKLOAD({.name = ..., .size_flag = ..., ...}): one row.
#define PARBENCH_REGISTER_WORKLOAD(...)                                                      \
  [[maybe_unused]] static const bool PARBENCH_WORKLOAD_CONCAT(parbench_workload_registered_, \
                                                              __LINE__) =                    \
      ::parbench::RegisterWorkload(::parbench::WorkloadSpec __VA_ARGS__)

#endif  // PARBENCH_LIB_CORE_WORKLOAD_TABLE_H_
