// Change points of a benchmark's series over a history of runs (one value
// per run, in time order): seeded binary segmentation with the Mann-Whitney
// U test, and the check whether the newest run alone starts a slowdown.
// Ported from d27df6f:scripts/lib/series.awk; docs/tracking-regressions.md.
#ifndef PARBENCH_LIB_REPORT_STATS_CHANGE_POINTS_H_
#define PARBENCH_LIB_REPORT_STATS_CHANGE_POINTS_H_

#include <optional>
#include <vector>

#include "absl/types/span.h"

namespace parbench::stats {

struct ChangePointOptions {
  double threshold = 0.05;  // the least relative step between segment medians
  double alpha = 0.05;      // significance, before dividing by the splits tried
  int min_segment = 3;      // the fewest values a segment may have (at least 1)
};

struct ChangePoint {
  int at = 0;         // index (from 0) of the first value after the step
  double before = 0;  // the median of the segment before the step
  double after = 0;   // the median of the segment after it
  double change = 0;  // RelChange(before, after): > 0 is slower
  double p = 1;       // the U test's p-value of the two segments
};

struct ChangePoints {
  std::vector<ChangePoint> points;     // in time order
  std::vector<double> segment_median;  // per value: its segment's median
};

// The change points of x. Seeded binary segmentation (Kovacs, Li, Buehlmann
// and Munk, Biometrika 2023) with greedy selection: candidate intervals
// are the whole series, its halves, quarters, ... each level shifted by half
// a length; in each, the split where the standardised U statistic of
// "before" against "after" is largest, moved within 3 values to where the
// two parts lie closest to their medians, is a candidate when the medians
// differ by more than the threshold and the U test gives p < alpha / m (m
// the splits tried). The most significant candidate is taken, the intervals
// it cuts dropped, its two segments searched, and so on; last, steps left
// at or below the threshold are merged away, the smallest first.
ChangePoints FindChangePoints(absl::Span<const double> x, const ChangePointOptions& options);

struct NewestRun {
  bool slower = false;  // the newest value looks like the start of a slowdown
  int runs = 0;         // the values since the last change point before it
  // Their median, and the change from it to the newest value; absent when
  // there are fewer than min_segment of them.
  std::optional<double> before;
  std::optional<double> change;
};

// Whether the newest value x.back() alone looks like the start of a
// slowdown, given `found` = FindChangePoints(x, options): the values since
// the last change point before it are at least min_segment, and `low`, the
// newest run's lower bound (its lower quartile, or its value when it has
// none), is more than the threshold above every one of them. Only a hint:
// one value cannot be tested against the run-to-run noise as a segment can.
NewestRun CheckNewestRun(absl::Span<const double> x, double low, const ChangePointOptions& options,
                         const ChangePoints& found);

}  // namespace parbench::stats

#endif  // PARBENCH_LIB_REPORT_STATS_CHANGE_POINTS_H_
