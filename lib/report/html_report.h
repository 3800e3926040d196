// The HTML report: one self-contained page (inline CSS and SVG; no script,
// font, image or style sheet fetched from anywhere) rendered from the page
// model (html_page.h): the runs' context, then per workload group its
// speedup chart and the table of its medians, which is also the chart's
// text fallback.
#ifndef PARBENCH_LIB_REPORT_HTML_REPORT_H_
#define PARBENCH_LIB_REPORT_HTML_REPORT_H_

#include <string>

#include "absl/status/statusor.h"
#include "lib/report/html_page.h"

namespace parbench::report {

// The whole document, from <!DOCTYPE html> on. InvalidArgument when a
// chart cannot be drawn (svg_chart.h).
absl::StatusOr<std::string> RenderHtmlReport(const Page& page);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HTML_REPORT_H_
