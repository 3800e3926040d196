// Numbers and text as parbench's reports print them (d27df6f:scripts/lib/fmt.awk):
// one time formatter in three styles, ratios, percentages and Markdown
// cells. Each gives the bytes the awk gave, so that the C++ reports are
// byte-identical to the scripts they replace.
#ifndef PARBENCH_LIB_REPORT_TEXT_FORMAT_H_
#define PARBENCH_LIB_REPORT_TEXT_FORMAT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace parbench::report {

// How FormatTime writes a time:
//   kSig3   three significant digits, zeros kept, µs: "52.0 ms", "1.50 µs"
//           (table.sh); rounded first, so 999.7 ns is "1.00 µs";
//   kShort  three significant digits, trailing zeros dropped: "6.5 ms"
//           (overheads.sh);
//   kAscii  fixed decimals, ASCII unit, not rounded first: "52.00 ms",
//           "1.50 us", "1.500 s" (compare.sh's columns, read in CI logs).
enum class TimeStyle { kSig3, kShort, kAscii };

// A time in nanoseconds in the unit that suits it; a negative time keeps
// its sign.
std::string FormatTime(double ns, TimeStyle style);

// A ratio: "1.92×".
std::string FormatRatio(double x);

// A fraction as a whole percentage: 0.96 -> "96 %".
std::string FormatWholePercent(double x);

// s as the text of a Markdown table cell: runs of tabs and line breaks
// become one space, "|" is escaped.
std::string MarkdownCell(absl::string_view s);

// s on one line: each run of tabs and line breaks becomes one space.
std::string OneLine(absl::string_view s);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_TEXT_FORMAT_H_
