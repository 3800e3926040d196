// Reads json2csv.sh's CSV (as `parbench-report csv` writes it, csv.h) back
// into runs: one Run per source, host and date, its records with the
// facts of the workload, strategy, life, workers and tasks columns, the
// counters of the other numeric columns and the context of the parbench_*
// columns, so that every command that reads JSON reads the CSV alike.
#ifndef PARBENCH_LIB_REPORT_CSV_READER_H_
#define PARBENCH_LIB_REPORT_CSV_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/report/model.h"

namespace parbench::report {

// The runs of the CSV `text`, read from `source` (for messages). Bad input
// is InvalidArgument with one line naming the source and, for a bad row,
// its line, its name and the field:
//   "a.csv: line 3 (Cpu/Sequential/...): real_ns is not a number: 'fast'"
absl::StatusOr<std::vector<Run>> ReadCsvRuns(std::string_view text, const std::string& source);

// Whether text (after blanks) starts a JSON document ({ or [).
bool LooksLikeJson(std::string_view text);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_CSV_READER_H_
