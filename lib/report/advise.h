// advise.sh's answer, from the table model (table_model.h): for `tasks`
// tasks of `task_ns` each, CPU-bound or waiting, judged on one workload's
// table of the first run that has it, the strategy and worker count the
// cost model favours, its expected speedup and spread, the term that
// dominates its loss and the cheapest choice within the noise. Compute
// (ComputeAdvice) first, render (RenderAdvice) second.
#ifndef PARBENCH_LIB_REPORT_ADVISE_H_
#define PARBENCH_LIB_REPORT_ADVISE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/report/stats/cost_model.h"
#include "lib/report/table_model.h"

namespace parbench::report {

struct AdviseQuestion {
  double task_ns = 0;  // one task's time (CPU) or wait (io)
  int64_t tasks = 1;   // per call
  bool io = false;     // tasks that wait: n of them overlap whatever the CPUs
  std::string family;  // the workload judged on: "Cpu", "Io"
};

// One modelled strategy at one measured worker count.
struct Candidate {
  std::string label, strategy, life;
  int64_t workers = 0;
  double time_ns = 0;  // predicted for the question
  double speedup = 0;  // over tasks × task_ns
  double spread = 0;   // relative: the cell's cv and Sequential's, as √ of squares
  stats::Dominant dominant = stats::Dominant::kStartUp;
  double fixed_ns = 0, dispatch_ns = 0, effective_workers = 0;
  int64_t chunks = 0, chunk = 0;
  int cost = 0;  // how dear to run: fewer workers, threads, a warm pool first
};

struct Advice {
  std::string host, source;
  double usable = 0;
  std::vector<Candidate> candidates;
  size_t best = 0;
  size_t cheapest = 0;      // within the best one's noise
  bool sequential = false;  // the best is no gain beyond the noise
};

// InvalidArgument "has no Cpu results with Sequential (run the Cpu
// family)" or "has no Cpu strategy the cost model covers (...)".
absl::StatusOr<Advice> ComputeAdvice(const TableReport& report, const AdviseQuestion& q);

std::string RenderAdvice(const Advice& advice, const AdviseQuestion& q);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_ADVISE_H_
