// Numbers as text, exactly as jq 1.6 prints them (shortest round-trip
// digits, exponent past 15 extra digits or below 1e-4), so that the C++
// writers give the same bytes as the jq scripts they replace.
#ifndef PARBENCH_LIB_REPORT_NUMBER_TEXT_H_
#define PARBENCH_LIB_REPORT_NUMBER_TEXT_H_

#include <string>

namespace parbench::report {

// "nan", "inf" and "-inf" for the non-finite values (json2csv.sh's words).
std::string NumberText(double value);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_NUMBER_TEXT_H_
