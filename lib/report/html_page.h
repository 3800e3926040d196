// The HTML report's page as plain data, computed from the runs before
// anything is rendered: each run's context (machine, date, build), and per
// workload group of the grid (speedup.h) its speedup chart (chart.h) and
// its series' names, shared by the chart's legend and the table of medians.
#ifndef PARBENCH_LIB_REPORT_HTML_PAGE_H_
#define PARBENCH_LIB_REPORT_HTML_PAGE_H_

#include <string>
#include <utility>
#include <vector>

#include "lib/report/chart.h"
#include "lib/report/model.h"
#include "lib/report/overheads.h"
#include "lib/report/speedup.h"
#include "lib/report/table_model.h"

namespace parbench::report {

// One run as the page introduces it: its label (the one its series carry
// when a group shows several runs of one language) and what its context says, in a fixed order
// of facts ("host", "vm"), those it does not say left out.
struct RunSummary {
  std::string label;
  std::string source;
  std::string language;
  std::vector<std::pair<std::string, std::string>> facts;
  // One line of the machine and the build: "vm, AMD EPYC, 2 CPUs, Release,
  // gcc 12.2.0, 2026-11-25T14:53:42+00:00".
  std::string headline;
};

// One workload group: its heading, its charts and the group they are drawn
// from; series_names[i] names group.series[i], chart.series[i] and
// time_chart.series[i]. The speedup chart then has the fitted USL curves
// (the table model's fits, with their 95 % bands) and the ideal line.
struct WorkloadSection {
  std::string id;  // the section's anchor, unique on the page
  std::string heading;
  SpeedupGroup group;
  std::vector<std::string> series_names;
  Chart chart;       // speedup against workers
  Chart time_chart;  // median time against workers, both axes log
  // Why strategies have no fit, as the table model says ("needs ≥ 3 worker
  // counts ≤ usable CPUs; here 1, 2"), each reason once.
  std::vector<std::string> no_fit;
};

// One run's overheads against their floors (overheads.h).
struct RunOverheads {
  std::string label;  // the run's, as RunSummary has it
  Overheads overheads;
};

struct Page {
  std::vector<RunSummary> runs;
  std::vector<WorkloadSection> sections;
  std::vector<std::string> left_out;  // grid rows not shown, and why
  // The table model of the runs (table_build.h): the decision map and each
  // family's table are rendered from it, as table.sh's Markdown is.
  TableReport tables;
  std::vector<RunOverheads> overheads;  // the runs that ran the Overhead family
};

// The page of `runs` (as given on the command line, in that order).
Page BuildPage(const std::vector<Run>& runs);

}  // namespace parbench::report

#endif  // PARBENCH_LIB_REPORT_HTML_PAGE_H_
