// Numbers as text and back: written exactly as jq 1.6 prints them (shortest
// round-trip digits, exponent past 15 extra digits or below 1e-4), so that
// the C++ writers give the same bytes as the jq scripts they replace; a
// count read as every reader of facts reads one.
#ifndef PARBENCH_LIB_REPORT_NUMBER_TEXT_H_
#define PARBENCH_LIB_REPORT_NUMBER_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace parbench::report {

// "nan", "inf" and "-inf" for the non-finite values (json2csv.sh's words).
std::string NumberText(double value);

// A count: digits only (no sign, no space), small enough for int64; nullopt
// otherwise.
std::optional<int64_t> ParseCount(absl::string_view text);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_NUMBER_TEXT_H_
