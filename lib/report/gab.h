// Renders the export model (export.h) as github-action-benchmark's custom
// tools' JSON: an array of {name, unit, value, range, extra}, the
// smaller-is-better measures for `customSmallerIsBetter`, the bigger-is-better
// ones for `customBiggerIsBetter`. Latency and throughput carry the
// benchmark's name alone (as the action's `googlecpp` tool names them); the
// other measures "<benchmark> - <measure>".
#ifndef PARBENCH_LIB_REPORT_GAB_H_
#define PARBENCH_LIB_REPORT_GAB_H_

#include <string>

#include "lib/report/export.h"

namespace parbench::report {

// The measures of `e` that improve in direction `which`; the output ends
// with a newline.
std::string RenderGab(const Export& e, Better which);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_GAB_H_
