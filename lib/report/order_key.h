// The orders of the reports' rows, whatever order the JSON holds the
// records in: names with their numbers in numeric order (workers:2 before
// workers:10), and the tables' order of the grid (workload, tasks, size,
// strategy as the run lists them, life, chunk, workers).
#ifndef PARBENCH_LIB_REPORT_ORDER_KEY_H_
#define PARBENCH_LIB_REPORT_ORDER_KEY_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/report/model.h"

namespace parbench::report {

// s with every number in it written as %020.6f, so that comparing as
// strings puts workers:2 before workers:10 (stats.awk's pad_numbers).
std::string PadNumbers(absl::string_view s);

// The indexes of `keys` ordered by key, compared byte by byte; equal keys
// keep their order (stats.awk's sort_order, tie-break included).
std::vector<size_t> SortedIndexes(const std::vector<std::string>& keys);

// The strategies' order of a run: its parbench_strategies context key
// (the bench's own order, comma-separated), or for runs made before it the
// order the tables have always had.
std::vector<std::string> StrategyOrder(const Run& run);

// A strategy's place in the tables: its position in `order` from 1,
// 900 when it is not listed (then by name), 999 for BareThreads, the
// ceiling, which comes last (table.awk's rank()).
int StrategyRank(const std::vector<std::string>& order, absl::string_view strategy);

// Whether benchmark a comes before b in the tables' order: benchmarks of
// the grid (facts with a workload and workers) by workload, tasks, task
// size, strategy rank and name, life, chunk and workers; then those outside
// it; ties and the rest by name, numbers in numeric order.
bool TableOrderLess(const std::vector<std::string>& strategies, const BenchFacts& a,
                    absl::string_view a_name, const BenchFacts& b, absl::string_view b_name);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_ORDER_KEY_H_
