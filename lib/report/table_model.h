// The typed model of table.sh's report: sections (one run: host, source,
// date) hold tables (one workload, task count and size), tables hold rows
// (one strategy, life and qualifier), rows hold one cell per worker count.
// Plain data, computed by table_build.h and read by every renderer
// (table_markdown.h, table_tsv.h) and by whatever answers from it (advise,
// crossover, plots, an HTML report): nothing here is text to re-parse.
#ifndef PARBENCH_LIB_REPORT_TABLE_MODEL_H_
#define PARBENCH_LIB_REPORT_TABLE_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/report/model.h"
#include "lib/report/stats/cost_model.h"
#include "lib/report/stats/uncertain.h"
#include "lib/report/stats/usl_fit.h"

namespace parbench::report {

// What the records of one cell (or one benchmark outside the grid) say.
enum class CellState {
  kNotRun,  // no record
  kOk,      // a positive median
  kError,   // a record ended with an error (never counted as a result)
  kNoTime,  // records, but no usable time
};

struct CellSummary {
  CellState state = CellState::kNotRun;
  double median_ns = 0;           // kOk: the repetitions' median, else an aggregate's
  std::optional<double> cv;       // coefficient of variation
  std::optional<double> cpu_s;    // median total_cpu_s
  std::optional<double> rss_mib;  // median peak_rss_mib
  std::string error;              // kError: the first error message
  std::vector<double> samples;    // the repetitions' times (ns), for errors
  bool oversubscribed = false;    // a record said it ran more workers than CPUs

  bool ok() const { return state == CellState::kOk; }
  // The median with its standard error (stats::MedianWithError over the
  // repetitions; no error from aggregates alone).
  stats::Uncertain Median() const;
};

// A row's place in its table (from its facts' TableRole): the baseline
// every speedup is against (Sequential), the ceiling every share is against
// (BareThreads), or a strategy measured against both.
enum class RowRole { kStrategy, kBaseline, kCeiling };

// The cost model's parameters of one cell (stats/cost_model.h), each term
// with the standard error of the medians it comes from.
struct CostParams {
  stats::UncertainTerms terms;              // ceiling, and the per-chunk dispatch
  stats::Uncertain fixed0{0, 0.0};          // ns once per Map()
  stats::Uncertain fixed_per_task{0, 0.0};  // ns per task, once per Map()
  stats::ChunkRule rule = stats::ChunkRule::kDefault;
};

// The cost model at one cell: its parameters, or why there are none; its
// predicted time and break-even task time with their errors.
struct CellModel {
  std::optional<CostParams> params;
  std::string why;                             // no params: "no Overhead/PerTask", "no model for X"
  std::optional<stats::Uncertain> predicted;   // ns
  std::optional<stats::Uncertain> break_even;  // ns; absent: never (or no params)
  bool never = false;                          // params, but parallel never pays
};

// A row's scaling fit on its speedups over its own 1-worker time at the
// worker counts <= the usable CPUs.
struct RowFit {
  stats::UslFit usl;     // nonlinear least squares, σ, κ >= 0
  stats::UslFit amdahl;  // κ = 0 held
  std::vector<double> workers;
  // The 1-worker speedup over Sequential: scale × λ × C(N) is the fitted
  // speedup over Sequential; absent without a baseline.
  std::optional<double> scale;
};

struct TableRow {
  std::string strategy;
  std::string life;       // "cold", "warm", "spawn"; "" none
  std::string qualifier;  // "chunk 125", "spin 0, caller_runs 1", ""
  RowRole role = RowRole::kStrategy;
  // The facts' roles (model.h), from the row's first record: the cost
  // model is keyed on them, never on the strategy's name.
  WorkerKind worker_kind = WorkerKind::kUnknown;
  Dispatch dispatch = Dispatch::kUnknown;
  TableRole table_role = TableRole::kNone;
  std::vector<CellSummary> cells;  // one per column
  std::optional<RowFit> fit;
  std::string no_fit;             // why there is no fit
  std::vector<CellModel> models;  // one per column; empty: not modelled

  // "ThreadPool (warm)", "ProcessPool (warm, chunk 125)".
  std::string Label() const;
};

// The fastest strategy of a column and its runner-up (the baseline counted
// at every worker count, the ceiling never).
struct Placing {
  size_t row = 0;
  double median_ns = 0;
};

struct Column {
  int64_t workers = 0;
  bool oversubscribed = false;     // more workers than usable CPUs
  std::optional<size_t> best_row;  // the fastest measured cell (bold)
  std::optional<Placing> winner;
  std::optional<Placing> runner_up;
};

struct Baseline {
  size_t row = 0;     // the baseline row
  size_t column = 0;  // its smallest clean worker count
  double median_ns = 0;
  std::optional<double> cpu_s;
  std::optional<double> cv;
  stats::Uncertain median;  // with its error
};

struct Table {
  size_t section = 0;
  std::string workload;
  std::string tasks;  // as the input wrote it ("" none)
  std::optional<int64_t> task_count;
  std::string size;  // the size knob, "" none
  WorkloadRole workload_role = WorkloadRole::kNone;
  WorkloadBound bound = WorkloadBound::kUnknown;  // its workload row's (the first record's facts)
  std::vector<Column> columns;                    // worker counts ascending
  std::vector<TableRow> rows;                     // in the tables' order
  std::optional<Baseline> baseline;
  bool cpu_bound = false;  // the cost model applies

  // "Cpu, 10 tasks", "Chunk, 1000 tasks, size 1000".
  std::string Title() const;
  // "size 1000", "" none.
  std::string Extra() const;
  std::optional<size_t> ColumnOf(int64_t workers) const;
  std::optional<size_t> CeilingRow() const;
};

// A benchmark outside the grid (Overhead, Floor, a user's own), by name.
struct OtherBenchmark {
  std::string name;
  OperationFacts op;  // what an Overhead or Floor benchmark measures (its first record's)
  CellSummary cell;
};

struct Section {
  std::string host, source, date;
  std::string cpus;    // num_cpus as written, "" none
  std::string usable;  // parbench_usable_cpus, "" none
  std::string build, revision, cpu_count, oversubscribed_workers;
  double repetitions = 1;               // the most any record ran
  std::vector<std::string> strategies;  // the run's order of the rows
  bool any_oversubscribed = false;
  std::vector<OtherBenchmark> others;  // as first seen
  std::vector<size_t> other_order;     // by name
  bool has_overheads = false;          // ran the Overhead family

  // The usable CPUs (num_cpus without the context key); 0 unknown.
  double UsableCpus() const;
};

struct TableReport {
  std::vector<Section> sections;
  std::vector<Table> tables;        // as first seen
  std::vector<size_t> table_order;  // by section, workload, tasks, size
};

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TABLE_MODEL_H_
