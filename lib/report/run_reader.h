// Reads one Google Benchmark JSON document into the typed model (model.h),
// checking every field it uses: a wrong type, a missing time or unit, a
// non-finite time of an iteration, or another tool's JSON is refused.
#ifndef PARBENCH_LIB_REPORT_RUN_READER_H_
#define PARBENCH_LIB_REPORT_RUN_READER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "lib/report/model.h"

namespace parbench::report {

// The run in `text`, read from `source` (a file name, "-" for stdin). On bad
// input, InvalidArgument with one line that names the source and, for a bad
// record, its index, its name and the field:
//   "a.json: record 3 (Cpu/Sequential/...): real_time is a string, not a number"
absl::StatusOr<Run> ReadRun(std::string_view text, const std::string& source);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_RUN_READER_H_
