// overheads.sh's report: each overhead of the Overhead family beside the
// floor it rests on (the record's facts: floor and per), from the same run,
// and the Memory kernels' bandwidth beside the STREAM triad. Compute
// (ComputeOverheads: plain data) first, render (RenderOverheads) second.
#ifndef PARBENCH_LIB_REPORT_OVERHEADS_H_
#define PARBENCH_LIB_REPORT_OVERHEADS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/report/model.h"

namespace parbench::report {

// A median time (ns) or bandwidth (bytes/s), or the error the benchmark
// ended with; neither when it has no value.
struct Measure {
  std::optional<double> value;
  std::optional<std::string> error;  // on one line
};

// One overhead against its floor; both times divided by `per` (per task).
struct OverheadRow {
  std::string name;  // without "Overhead/"
  Measure time;
  std::optional<std::string> floor;  // without "Overhead/"; none: no floor
  Measure floor_time;
  std::optional<double> ratio;  // time ÷ floor time, both > 0
};

// A Memory kernel against its floor, the STREAM triad on one core unless
// its label names another.
struct BandwidthRow {
  std::string name;   // without "Overhead/"
  std::string floor;  // the floor's full name; "" none
  Measure bandwidth;
  Measure floor_bandwidth;
  std::optional<double> share;  // kernel ÷ floor, both > 0
};

struct TriadRow {
  std::string name;
  Measure bandwidth;
};

struct Overheads {
  std::vector<OverheadRow> rows;  // by family, then name (numbers numeric)
  std::vector<BandwidthRow> kernels;
  std::vector<TriadRow> triads;
};

// The overheads of one run. Medians over the repetitions, else the median
// aggregate. InvalidArgument when the run has no Overhead benchmark.
absl::StatusOr<Overheads> ComputeOverheads(const Run& run);

// The Markdown report overheads.sh prints.
std::string RenderOverheads(const Overheads& overheads);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_OVERHEADS_H_
