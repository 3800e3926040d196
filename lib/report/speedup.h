// The speedups of the grid, grouped by facts (never by names): one group per
// workload, tasks and task size, one series per run and strategy row
// (strategy, life, chunk, api), one cell per worker count, each held
// against the baseline row of its own run (Sequential: another language's
// run has its own). The HTML report charts and tabulates these groups.
#ifndef PARBENCH_LIB_REPORT_SPEEDUP_H_
#define PARBENCH_LIB_REPORT_SPEEDUP_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/report/model.h"

namespace parbench::report {

// What a series is to its group: the baseline every speedup is held
// against, a strategy, or the ceiling (bare threads, measured in the run).
enum class SeriesRole { kBaseline, kStrategy, kCeiling };

// One worker count of a series: the median time of its repetitions and
// their spread, and the speedup over the baseline's median.
struct SpeedupCell {
  int64_t workers = 0;
  int64_t repetitions = 0;  // the measurements behind the median
  double median_ns = 0;
  // The repetitions' range (fastest, slowest); from a run that kept only
  // aggregates, the median ± one standard deviation.
  double low_ns = 0;
  double high_ns = 0;
  double speedup = 0;       // baseline median / median
  double speedup_low = 0;   // baseline median / high_ns
  double speedup_high = 0;  // baseline median / low_ns
};

struct SpeedupSeries {
  size_t run = 0;        // its run's index in the runs given
  std::string language;  // the run's parbench_language ("python"), "C++" by default
  SeriesRole role = SeriesRole::kStrategy;
  std::string strategy;
  std::string life;
  std::optional<int64_t> chunk;
  std::string api;
  std::vector<SpeedupCell> cells;  // by workers
};

struct SpeedupGroup {
  std::string workload;
  std::optional<int64_t> tasks;
  std::optional<int64_t> task_size;
  std::vector<SpeedupSeries> series;  // by run, then as the tables order strategies
  std::vector<int64_t> workers;       // every worker count of its series, ascending
};

struct Speedups {
  std::vector<SpeedupGroup> groups;
  // Why grid rows were left out: a run without a baseline in a group, or
  // two rows whose facts do not tell them apart.
  std::vector<std::string> left_out;
};

// The speedups of every run's grid rows (facts with a workload, a worker
// count and tasks). Iterations give the median and the range; a run with
// only aggregates gives its "median" and "stddev". Errored records count
// for nothing. Groups come in the first run's workload order
// (parbench_workloads), then by workload, tasks and task size.
Speedups GroupSpeedups(const std::vector<Run>& runs);

// A run's language: its context's parbench_language, "C++" without one.
std::string RunLanguage(const Run& run);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_SPEEDUP_H_
