// Renders the export model (export.h) as Bencher Metric Format JSON:
//   { "<benchmark>": { "<measure>": {"value", "lower_value", "upper_value"} } }
// (https://bencher.dev/bmf.json). Every measure of every benchmark, in the
// model's order; the output ends with a newline.
#ifndef PARBENCH_LIB_REPORT_BMF_H_
#define PARBENCH_LIB_REPORT_BMF_H_

#include <string>

#include "lib/report/export.h"

namespace parbench::report {

std::string RenderBmf(const Export& e);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_BMF_H_
