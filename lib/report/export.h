// The export model for CI dashboards (Bencher, github-action-benchmark):
// per benchmark a name stable across runs and its measures, each a value
// with lower and upper bounds. Plain data computed from runs; the renderers
// (bmf.h, gab.h) only format it.
#ifndef PARBENCH_LIB_REPORT_EXPORT_H_
#define PARBENCH_LIB_REPORT_EXPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "lib/report/model.h"

namespace parbench::report {

// Which way a measure improves: a dashboard's alert direction.
enum class Better { kSmaller, kBigger };

// Where a measure's value and bounds come from.
enum class BoundsFrom {
  // The median of the repetitions (iteration records) with the first and
  // third quartiles (type 7) as bounds.
  kRepetitions,
  // Only aggregates were written (--benchmark_report_aggregates_only): the
  // median aggregate, bounded by median ∓ 0.6745 × the stddev aggregate, the
  // quartiles a normal spread would have, so both kinds bound the middle half.
  kAggregates,
};

struct ExportMeasure {
  std::string key;   // "latency", "throughput", or bench's counter name
  std::string unit;  // "ns", "items/s", "ops/s", "s", "MiB"
  Better better = Better::kSmaller;
  BoundsFrom from = BoundsFrom::kRepetitions;
  double value = 0;    // finite and > 0
  double lower = 0;    // 0 <= lower <= value
  double upper = 0;    // value <= upper, finite
  size_t samples = 0;  // repetitions (or files' aggregates) behind the value
};

struct ExportBenchmark {
  // The run_name (Google Benchmark's name without the aggregate's suffix),
  // less a "/repeats:N" component: the key Google Benchmark's compare.py and
  // the dashboards' own Google Benchmark adapters match runs by.
  std::string name;
  std::string label;  // the first record's label ("" when none)
  std::vector<ExportMeasure> measures;
};

struct Export {
  // In the order the benchmarks first appear in the runs.
  std::vector<ExportBenchmark> benchmarks;
  // Benchmarks left out: every record an error, or no positive latency.
  std::vector<std::string> skipped;
};

// The export of `runs`: records of one stable name are pooled across the
// runs (files). A measure is kept when its value is finite and positive
// (a ratio-based alert cannot compare against 0).
Export BuildExport(const std::vector<Run>& runs);

// The stable name of one record (see ExportBenchmark::name).
std::string StableName(const Record& record);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_EXPORT_H_
