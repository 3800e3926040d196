// compare.sh's comparison of two runs, benchmark by benchmark: the change
// of the median (or mean) of the repetitions, Google Benchmark's formula,
// counted only beyond a threshold and, with enough repetitions, when a
// two-sided Mann-Whitney U test agrees (on per-round medians for files
// regress.sh merged). Compute (Compare: plain rows) first, render second.
#ifndef PARBENCH_LIB_REPORT_COMPARE_H_
#define PARBENCH_LIB_REPORT_COMPARE_H_

#include <optional>
#include <string>
#include <vector>

#include "lib/report/model.h"

namespace parbench::report {

struct CompareOptions {
  std::string threshold = "5";  // percent, as the user wrote it (printed so)
  std::string alpha = "0.05";   // as the user wrote it
  bool cpu_time = false;        // the metric: cpu_time, else real_time
  bool mean = false;            // the statistic: mean, else median
};

enum class Verdict {
  kSlower,
  kFaster,
  kUnchanged,
  kError,
  kBaselineOnly,
  kContenderOnly,
  kSummary
};

struct ComparisonRow {
  std::string name;  // the run_name; OVERALL_GEOMEAN for the summary row
  std::optional<double> baseline_ns, contender_ns, change, p_value;
  std::string repetitions;  // "10/10"; "" when not compared
  Verdict verdict = Verdict::kUnchanged;
  std::string note;
};

struct Comparison {
  // The slower rows first, then the faster ones, then the rest, each in the
  // tables' order (workload, strategy, life, workers; names outside the
  // grid after, by name); the geometric mean last.
  std::vector<ComparisonRow> rows;
  int compared = 0, slower = 0, faster = 0, unchanged = 0;
  int baseline_only = 0, contender_only = 0, errored = 0;
  bool rounds_used = false;  // some U test ran on per-round medians
};

// Fewer repetitions a side and the U test cannot tell
// (docs/tracking-regressions.md).
inline constexpr int kMinRepetitions = 4;

Comparison Compare(const Run& baseline, const Run& contender, const CompareOptions& options);

// kSections: the Markdown table in two sections, as a CI job summary shows
// it (regress-summary.sh): "### Regressions", the slower rows alone (or a
// line saying there are none), then "### Every benchmark, the slower and
// the faster first", every row; the closing lines after.
enum class CompareFormat { kTable, kMarkdown, kCsv, kSections };

std::string RenderComparison(const Comparison& comparison, const CompareOptions& options,
                             CompareFormat format);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_COMPARE_H_
