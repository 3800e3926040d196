// The report's typed model of a run: plain data, computed by run_reader.h
// from Google Benchmark JSON and rendered by the writers (csv.h, ...).
// Nothing here formats or parses; every fact has one field.
#ifndef PARBENCH_LIB_REPORT_MODEL_H_
#define PARBENCH_LIB_REPORT_MODEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace parbench::report {

// Where a record's facts came from: bench's own facts label (new runs), or
// the legacy reader of names (runs written before the facts existed).
enum class FactsSource { kNone, kFactsLabel, kLegacyName };

// The roles a row of bench's tables plays, as the report reads them. The
// strategy table's row says its worker kind and dispatch; its table role
// and the workload row's role say what the tables hold it against. A new
// strategy row brings its own roles, so nothing downstream lists names.

// Who runs a strategy's tasks.
enum class WorkerKind {
  kUnknown,    // not said (a record outside the grid, or a row without it)
  kInline,     // the calling thread itself (Sequential, EventLoop)
  kThreads,    // threads of this process (ThreadPool, OpenMp, Tbb, ...)
  kProcesses,  // processes on this machine (ProcessPool, ProcessPerTask)
  kRemote,     // processes that may be on other hosts (Mpi)
};

// How a strategy hands tasks to its workers.
enum class Dispatch {
  kUnknown,  // not said
  kPerTask,  // each task on its own: a thread, a process or a loop slot per task
  kChunked,  // tasks in chunks of ChunkSize() (the "chunk" fact), taken as workers free up
  kBlock,    // one contiguous block per worker, fixed up front (OpenMP's static
             // schedule; Sequential: one block, on the caller)
};

// What a strategy's rows are to the tables.
enum class TableRole {
  kNone,              // an ordinary strategy, compared with the others
  kBaseline,          // the speedups' denominator and the checksums' reference (Sequential)
  kCeiling,           // the machine's parallel ceiling, listed last (BareThreads)
  kPerTaskReference,  // a runtime the pools' per-task cost is measured beside
                      // (OpenMp, Tbb; the first in table order is the floor)
};

// What a workload's rows are to the tables.
enum class WorkloadRole {
  kNone,
  kReference,  // the workload the ceiling, the other transports and the
               // start-up rows are measured on (Cpu)
};

// Whether a workload's task keeps its CPU busy or waits (the workload
// row's io_bound): the tables apply their cost model to busy work when a run
// has no CPU counters to tell.
enum class WorkloadBound {
  kUnknown,  // not said (a family's own rows: Chunk, Knobs, CpuSweep)
  kCpu,      // keeps a CPU busy (Cpu, Memory, Compress)
  kIo,       // waits on I/O (Io, IoFile, IoNet)
};

// Which family of measurements outside the grid a benchmark belongs to.
enum class OperationFamily {
  kNone,      // a grid benchmark, or a family outside both (Chunk, Knobs, ...)
  kOverhead,  // what a strategy, or a way of starting processes, adds (Overhead/...)
  kFloor,     // a bare system operation the overheads rest on (Floor/...)
};

// What an Overhead or Floor benchmark measures: its operation, and the
// strategy and arguments it was measured with. The cost model and the
// overheads table find their rows by these ("the RoundTrip overhead of
// strategy S at 1 worker"), never by a name.
struct OperationFacts {
  OperationFamily family = OperationFamily::kNone;
  // Overhead: "StartStop" (a pool started and stopped), "RoundTrip" (one
  // empty task), "PerTask" (a batch of empty tasks), "ProcessStart",
  // "Fork" (from a fat parent), "MemoryKernel". Floor: the bare operation
  // ("Fork", "ForkHold", "ThreadCreateJoin", "PipeRoundTrip",
  // "ShmFutexRoundTrip", "ThreadWakeRoundTrip", "Triad", "MpiRoundTrip").
  std::string operation;
  std::string strategy;            // the strategy row measured, with its transport
                                   // ("ProcessPool/shm"); empty for none
  std::string launch;              // how its worker processes start: "fork" or "spawn";
                                   // empty for threads, ranks, or no strategy
  std::string pages;               // MemoryKernel: "fresh" or "reused" memory
  std::optional<int64_t> workers;  // workers, processes or threads started
  std::optional<int64_t> batch;    // empty tasks per Map() call: the time is per batch
  std::optional<int64_t> chunk;    // tasks per dispatched chunk, where set
  std::optional<int64_t> mib;      // MiB the operation works on or holds (Triad's
                                   // arrays, Fork's resident parent, MemoryKernel's)
  bool operator==(const OperationFacts&) const = default;
};

// What bench knows about one benchmark, written once by bench and read here.
// Empty strings and nullopt mean "not said" (a name outside the scheme, or
// a family without that knob).
struct BenchFacts {
  FactsSource source = FactsSource::kNone;
  std::string workload;  // a workload row's name ("Cpu"); empty outside the grid (see op)
  std::string strategy;  // a strategy row's name; empty outside the grid
  std::string life;      // "cold", "warm", "spawn"; empty without a pool life
  std::string launch;    // how worker processes start: "fork" or "spawn"; empty for
                         // threads, the caller, or ranks mpirun started
  std::optional<int64_t> workers;
  std::optional<int64_t> tasks;
  std::optional<int64_t> chunk;      // tasks per dispatched chunk
  std::optional<int64_t> task_size;  // the workload's size knob ("size:")
  std::string floor;                 // the floor an overhead is held against
  std::optional<int64_t> per;        // the floor is per this many (workers, tasks)
  // The roles, from the rows of the strategy and workload tables.
  WorkerKind worker_kind = WorkerKind::kUnknown;
  Dispatch dispatch = Dispatch::kUnknown;
  TableRole table_role = TableRole::kNone;
  WorkloadRole workload_role = WorkloadRole::kNone;
  WorkloadBound bound = WorkloadBound::kUnknown;  // from the workload row
  // A row's knobs, which tell rows of one table apart besides strategy
  // and life: a pool's spin and caller_runs (0 or 1; the Knobs family),
  // and a seed row's language ("python") and library interface
  // ("futures"); unset or empty for bench's other rows.
  std::optional<int64_t> spin;
  std::optional<int64_t> caller_runs;
  std::string lang;
  std::string api;
  OperationFacts op;  // an Overhead or Floor benchmark's operation; family kNone otherwise
};

// A JSON scalar as the run said it (context values, which any tool may set).
// Objects and arrays are kept as their compact JSON text.
using ContextValue = std::variant<std::monostate, bool, double, std::string>;

// One entry of the JSON "benchmarks" array: an iteration or an aggregate.
struct Record {
  size_t index = 0;      // position in its file's array, from 0 (for messages)
  std::string name;      // as Google Benchmark wrote it
  std::string run_name;  // the name without the aggregate's suffix
  std::optional<std::string> run_type;
  std::optional<std::string> aggregate_name;
  std::optional<std::string> aggregate_unit;
  std::optional<double> threads;
  std::optional<double> repetition_index;
  std::optional<double> repetitions;
  std::optional<double> iterations;
  // Nanoseconds whatever time_unit said; a raw fraction for aggregate_unit
  // "percentage" (cv). Empty for an errored record.
  std::optional<double> real_ns;
  std::optional<double> cpu_ns;
  std::optional<double> items_per_second;
  std::optional<double> bytes_per_second;
  std::optional<std::string> label;
  bool error = false;
  std::optional<std::string> error_message;
  std::map<std::string, double> counters;  // every other numeric key
  BenchFacts facts;
};

// One Google Benchmark JSON document.
struct Run {
  std::string source;  // the file name as given ("-": stdin)
  std::map<std::string, ContextValue> context;
  std::vector<Record> records;
};

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_MODEL_H_
