// A performance history as history.sh keeps it (docs/tracking-regressions.md):
// runs.csv, one row per run in the order added, and history.csv, one row per
// run and benchmark (the median of its repetitions and their spread). The
// typed model of the two files, plain data, and their reader, which checks
// every field the report uses: one line naming the file, the line and the
// field, else.
#ifndef PARBENCH_LIB_REPORT_HISTORY_H_
#define PARBENCH_LIB_REPORT_HISTORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace parbench::report {

inline constexpr absl::string_view kHistoryRunsHeader = "run,rev,date,fingerprint,file,machine";
inline constexpr absl::string_view kHistoryRowsHeader =
    "run,rev,date,fingerprint,benchmark,median_ns,n,min_ns,q1_ns,q3_ns,max_ns";

// One row of runs.csv.
struct HistoryRun {
  int64_t number = 0;       // its run number (not its place: numbers may skip)
  std::string rev;          // its revision
  std::string date;         // its context's date
  std::string fingerprint;  // its machine's fingerprint (8 hex digits)
  std::string machine;      // what the fingerprint is made of, "key=value; ..."
};

// A number of history.csv kept as written (series.csv prints it back so)
// and read (absent when the field is empty: a run of aggregates only).
struct HistoryNumber {
  std::string text;
  std::optional<double> value;
};

// One row of history.csv that belongs to a run of runs.csv.
struct HistoryRow {
  size_t run = 0;  // its run's place in History::runs
  std::string benchmark;
  double median_ns = 0;
  HistoryNumber n, min_ns, q1_ns, q3_ns, max_ns;
};

struct History {
  std::vector<HistoryRun> runs;  // in runs.csv's order: the order added
  std::vector<HistoryRow> rows;  // in history.csv's order
};

// The history of the two files' texts; runs_name and rows_name name them in
// messages. Rows of a run number that runs.csv does not hold were left by
// an add that stopped half-way: not part of the history, left out.
// InvalidArgument, one line, on a header that is not the history's, a record
// with too few fields, a run number that is not a whole number, a median
// that is not a finite number, or a spread that is neither empty nor one.
absl::StatusOr<History> ReadHistory(absl::string_view runs_text, absl::string_view runs_name,
                                    absl::string_view rows_text, absl::string_view rows_name);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HISTORY_H_
