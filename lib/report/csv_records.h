// CSV text as records of fields, read as RFC 4180 has it and as
// d27df6f:scripts/lib/csv.awk read it: a field with a comma, a quote or a line
// break is quoted, a quote inside is doubled, a quoted field may span
// lines, and a CR before a line break is dropped. Each record keeps the
// line it starts on, for messages. (Writing a field: CsvQuote, csv.h.)
#ifndef PARBENCH_LIB_REPORT_CSV_RECORDS_H_
#define PARBENCH_LIB_REPORT_CSV_RECORDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace parbench::report {

struct CsvRecord {
  int line = 0;                     // the line it starts on, from 1
  std::vector<std::string> fields;  // an empty line has none
};

// The records of `text`, the header included. A last line without its line
// break is a record too; a quote left open runs to the end of the text.
std::vector<CsvRecord> ReadCsvRecords(absl::string_view text);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_CSV_RECORDS_H_
