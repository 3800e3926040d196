// Renders runs as json2csv.sh's CSV: a header row, then one row per record
// (iterations and aggregates alike), in the runs' order. The columns are
// listed in scripts/json2csv.sh; quoting follows RFC 4180; lines end in LF.
#ifndef PARBENCH_LIB_REPORT_CSV_H_
#define PARBENCH_LIB_REPORT_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "lib/report/model.h"

namespace parbench::report {

std::string RenderCsv(const std::vector<Run>& runs);

// s as a CSV field: quoted (RFC 4180) when it holds a comma, a quote or a
// line break.
std::string CsvQuote(std::string_view s);

// The run's context value `key` as its CSV column holds it ("" when absent;
// booleans 1 and 0, numbers as jq prints them).
std::string ContextText(const Run& run, const std::string& key);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_CSV_H_
