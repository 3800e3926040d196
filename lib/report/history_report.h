// history.sh report's analysis of a history (history.h): per machine and
// benchmark, the series of run medians in the order the runs were added,
// its change points (stats/change_points.h), whether the newest run makes a
// slowdown appear, and the machines the runs were made on. Compute
// (AnalyseHistory: plain data) first; history_render.h renders it.
#ifndef PARBENCH_LIB_REPORT_HISTORY_REPORT_H_
#define PARBENCH_LIB_REPORT_HISTORY_REPORT_H_

#include <string>
#include <vector>

#include "lib/report/history.h"

namespace parbench::report {

struct HistoryOptions {
  std::string threshold = "5";  // percent, as the user wrote it (printed so)
  std::string alpha = "0.02";   // the U test's level, as the user wrote it
  int min_runs = 3;             // the fewest runs a segment may have
  std::string fingerprint;      // only this machine's runs; "" every run
};

// One run of a series: its history row, and what the search made of it.
struct SeriesPoint {
  const HistoryRow* row = nullptr;
  double segment_median = 0;  // the median of the segment holding it
  bool step = false;          // the first point after a change point
};

// One machine's series of one benchmark, in the order the runs were added.
struct HistorySeries {
  std::string fingerprint;
  std::string benchmark;
  std::vector<SeriesPoint> points;
};

// A change point: the step between two segments of a series.
struct HistoryStep {
  size_t series = 0;             // in HistoryReport::series
  size_t point = 0;              // the first point after the step
  double before = 0, after = 0;  // the two segments' medians (ns)
  double change = 0;             // from before to after: > 0 slower
  double p = 1;                  // the U test's p-value of the two segments
  bool new_with_newest = false;  // a slowdown the series without its newest run lacks
};

// The newest run alone far above its series (a hint: no exit status).
struct Unconfirmed {
  size_t series = 0;
  double change = 0;  // from `before` to the newest run's median
  double before = 0;  // the median of the runs since the last change point
  int runs = 0;       // how many those are
};

struct HistoryMachine {
  std::string fingerprint;
  int runs = 0;      // its runs shown
  size_t first = 0;  // its first and last run (in History::runs)
  size_t last = 0;
};

// Where two machine descriptions differ: one key.
struct MachineDifference {
  std::string key, before, after;  // "(none)" where a description lacks it
};

// A run made on another machine than the run shown before it.
struct MachineChange {
  size_t run = 0, previous = 0;                // in History::runs
  std::vector<MachineDifference> differences;  // by key
};

struct HistoryReport {
  const History* history = nullptr;
  HistoryOptions options;
  int runs_shown = 0;  // every run, or the chosen machine's
  int benchmarks = 0;  // distinct benchmark names among the series
  // Per run of History::runs: its place among its machine's runs shown,
  // from 1 (the charts' x); 0 when not shown.
  std::vector<int> position;
  std::vector<HistorySeries> series;     // in the order history.csv first has them
  std::vector<HistoryStep> steps;        // by series, then in time order
  std::vector<Unconfirmed> unconfirmed;  // by series
  std::vector<HistoryMachine> machines;  // in the order of their first run
  std::vector<MachineChange> machine_changes;
  int new_slowdowns = 0;  // steps new_with_newest: the report's exit status 1
};

// The report of `history` (which must outlive it). The threshold and alpha
// of `options` are numbers (the caller checked them).
HistoryReport AnalyseHistory(const History& history, const HistoryOptions& options);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HISTORY_REPORT_H_
