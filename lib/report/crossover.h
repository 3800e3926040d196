// crossover.sh's answer, from the table model (table_model.h) of a run with
// task-size sweeps (bench --sweep): per sweep workload and task count, per
// strategy and worker count, the smallest task size from which it beats
// Sequential at that size and every larger one measured, with its speedup
// there; or the best it reached. Compute (ComputeCrossover) first, render
// (RenderCrossover) second.
#ifndef PARBENCH_LIB_REPORT_CROSSOVER_H_
#define PARBENCH_LIB_REPORT_CROSSOVER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/report/table_model.h"

namespace parbench::report {

// One strategy at one worker count: from `from` (a task size) on it wins,
// with speedup `from_speedup`; else its best speedup and where.
struct CrossoverCell {
  bool measured = false;  // any clean cell with a speedup
  std::optional<double> from;
  double from_speedup = 0;
  double best = 0;
  double best_size = 0;
};

struct CrossoverRow {
  std::string label;
  std::vector<CrossoverCell> cells;  // one per worker count
};

// One sweep family at one task count, over every section.
struct CrossoverGroup {
  std::string name;                // "CpuSweep · 10 tasks"
  std::vector<int64_t> workers;    // ascending
  std::vector<CrossoverRow> rows;  // the baseline left out
};

// The groups in the tables' order; empty when the run has no size sweep.
std::vector<CrossoverGroup> ComputeCrossover(const TableReport& report);

std::string RenderCrossover(const std::vector<CrossoverGroup>& groups);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_CROSSOVER_H_
