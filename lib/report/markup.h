// Text as it goes into HTML and SVG markup: escaped, and numbers of
// coordinates written short and locale-free.
#ifndef PARBENCH_LIB_REPORT_MARKUP_H_
#define PARBENCH_LIB_REPORT_MARKUP_H_

#include <string>

#include "absl/strings/string_view.h"

namespace parbench::report {

// s with &, <, >, " and ' escaped: safe as element text and as a quoted
// attribute's value.
std::string EscapeMarkup(absl::string_view s);

// A coordinate: two decimals, trailing zeros kept ("12.50").
std::string Coordinate(double v);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_MARKUP_H_
