#include "lib/report/html_report.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/report/html_page.h"
#include "lib/report/html_tables.h"
#include "lib/report/markup.h"
#include "lib/report/speedup.h"
#include "lib/report/svg_chart.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

// The page's only style: readable on a phone (tables scroll sideways, the
// charts shrink to the width) and in print (no navigation, no section cut
// across pages).
constexpr const char* kStyle = R"css(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
  max-width:1280px;padding:0 14px 2em;color:#1a1a1a;background:#fff}
h1{font-size:1.6em;margin:.7em 0 .2em}
h2{font-size:1.25em;margin:1.8em 0 .4em;padding-bottom:.15em;border-bottom:1px solid #ddd}
nav ul{columns:4 11em;padding-left:1.2em;margin:.3em 0;font-size:.9em}
ul.brief{padding-left:1.2em;margin:.2em 0}
figure{margin:.4em 0}
figcaption{font-size:.9em;color:#444;margin-top:.3em}
svg.chart{width:100%;height:auto;display:block;font-size:13px}
svg.chart .plot-area{stroke:#bbb}
svg.chart .axis-line,svg.chart .tick-mark{stroke:#333}
svg.chart .grid{stroke:#e8e8e8}
svg.chart .tick-label{fill:#333;font-size:12px}
svg.chart .axis-label{fill:#111;font-size:13px}
svg.chart .legend-label{fill:#111;font-size:12px}
svg.chart .line,svg.chart .legend-line{stroke-width:1.7}
svg.chart .err,svg.chart .err-cap{stroke-width:1.2}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:13px;margin:.6em 0}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:right;white-space:nowrap;vertical-align:top}
th[scope=row]{text-align:left;font-weight:normal}
thead th{background:#f4f4f4}
caption{text-align:left;font-weight:600;padding:4px 0}
td .s{font-weight:600}
td .r{color:#555;font-size:.9em}
.note{color:#444;font-size:.9em}
.charts{display:grid;grid-template-columns:1fr;gap:10px}
td.name,table.decision-map td{text-align:left}table.decision-map td{white-space:normal;min-width:7.5em}td.best{background:#eef6ee}td.sequential{background:#fbf1e6}td.error{color:#b2182b}
details{margin:.4em 0}summary{cursor:pointer;color:#333;font-size:.9em}
li,td,caption{overflow-wrap:anywhere}
@media (min-width:1000px){.charts{grid-template-columns:1fr 1fr}}
@media (max-width:600px){body{font-size:14px;padding:0 8px}nav ul{columns:1}
  figure{overflow-x:auto}svg.chart{min-width:540px}}
@media print{body{max-width:none;font-size:11pt}nav{display:none}h2,h3{break-after:avoid}
  figure,table{break-inside:avoid}.charts{grid-template-columns:1fr}
  details>summary{display:none}.table-wrap{overflow:visible}a{color:inherit;text-decoration:none}
  table{width:100%;table-layout:fixed;font-size:8pt}th,td{white-space:normal;overflow-wrap:anywhere}}
)css";

std::string RunsSection(const Page& page) {
  std::vector<std::string> labels;  // the facts' labels, in the runs' order
  for (const RunSummary& r : page.runs) {
    for (const auto& [label, value] : r.facts) {
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
    }
  }
  std::string out =
      "<section id=\"runs\"><h2>Machine and build</h2><div class=\"table-wrap\">"
      "<table class=\"context\"><caption>What each run's context says</caption><thead><tr>"
      "<th scope=\"col\">run</th>";
  for (const RunSummary& r : page.runs) {
    absl::StrAppend(&out, "<th scope=\"col\">", EscapeMarkup(r.label), "</th>");
  }
  absl::StrAppend(&out, "</tr></thead><tbody><tr><th scope=\"row\">file</th>");
  for (const RunSummary& r : page.runs) {
    absl::StrAppend(&out, "<td>", EscapeMarkup(r.source), "</td>");
  }
  absl::StrAppend(&out, "</tr><tr><th scope=\"row\">language</th>");
  for (const RunSummary& r : page.runs) {
    absl::StrAppend(&out, "<td>", EscapeMarkup(r.language), "</td>");
  }
  absl::StrAppend(&out, "</tr>");
  for (const std::string& label : labels) {
    absl::StrAppend(&out, "<tr><th scope=\"row\">", EscapeMarkup(label), "</th>");
    for (const RunSummary& r : page.runs) {
      std::string value = "—";
      for (const auto& [l, v] : r.facts) {
        if (l == label) value = v;
      }
      absl::StrAppend(&out, "<td>", EscapeMarkup(value), "</td>");
    }
    absl::StrAppend(&out, "</tr>");
  }
  absl::StrAppend(&out, "</tbody></table></div></section>");
  return out;
}

std::string Workers(int64_t n) { return absl::StrCat(n, n == 1 ? " worker" : " workers"); }

// The medians of a section, one row per series and one column per worker
// count: the chart's every value, as text.
std::string MediansTable(const WorkloadSection& s) {
  const SpeedupGroup& g = s.group;
  std::string out = absl::StrCat(
      "<div class=\"table-wrap\"><table class=\"medians\" id=\"table-", EscapeMarkup(s.id),
      "\"><caption>", EscapeMarkup(s.heading),
      ": median time, speedup, and the speedup's range over the repetitions</caption><thead><tr>"
      "<th scope=\"col\">series</th>");
  for (const int64_t w : g.workers)
    absl::StrAppend(&out, "<th scope=\"col\">", Workers(w), "</th>");
  absl::StrAppend(&out, "</tr></thead><tbody>");
  for (size_t i = 0; i < g.series.size(); ++i) {
    absl::StrAppend(&out, "<tr><th scope=\"row\">", EscapeMarkup(s.series_names[i]), "</th>");
    const std::vector<SpeedupCell>& cells = g.series[i].cells;
    for (const int64_t w : g.workers) {
      const auto c = std::find_if(cells.begin(), cells.end(),
                                  [w](const SpeedupCell& cell) { return cell.workers == w; });
      if (c == cells.end()) {
        absl::StrAppend(&out, "<td></td>");
        continue;
      }
      absl::StrAppend(&out, "<td title=\"", c->repetitions, " repetitions\"><span class=\"t\">",
                      FormatTime(c->median_ns, TimeStyle::kSig3), "</span> <span class=\"s\">",
                      FormatRatio(c->speedup), "</span><br><span class=\"r\">",
                      absl::StrFormat("%.2f–%.2f", c->speedup_low, c->speedup_high),
                      "</span></td>");
    }
    absl::StrAppend(&out, "</tr>");
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  return out;
}

// What the chart's marks mean, as far as this chart has them.
std::string Caption(const WorkloadSection& s) {
  bool ceiling = false, other_language = false;
  for (const SpeedupSeries& series : s.group.series) {
    ceiling = ceiling || series.role == SeriesRole::kCeiling;
    other_language = other_language || series.language != "C++";
  }
  const bool fitted = absl::c_any_of(
      s.chart.series, [](const ChartSeries& c) { return c.style == SeriesStyle::kFit; });
  std::string out = absl::StrCat(
      "Speedup over the baseline's median (higher is faster) against workers. Error bars: the "
      "range of the repetitions (fastest to slowest).",
      other_language ? " Dashed lines and hollow points: Python's rows (the seed's experiment), "
                       "held against Python's own baseline."
                     : "",
      ceiling ? " Black dashed line: the ceiling, bare threads measured in the same run." : "",
      " Grey dotted line: the ideal, speedup = workers (on the time chart: the first baseline's "
      "time ÷ workers).",
      fitted ? " Dash-dot curves over a shaded band: the USL fitted to a strategy's speedups "
               "(the table model's fit), with its 95 % interval."
             : "",
      " Beside it (below on a narrow screen): the median times on a log axis, same error bars. "
      "The tables below give every value.");
  if (!s.no_fit.empty()) absl::StrAppend(&out, " No USL fit: ", absl::StrJoin(s.no_fit, "; "), ".");
  return EscapeMarkup(out);
}

// The decision map of every run: which strategy wins at each worker count.
std::string DecisionMapSection(const Page& page) {
  std::string maps;
  for (size_t s = 0; s < page.tables.sections.size(); ++s) {
    absl::StrAppend(&maps, DecisionMapHtml(page.tables, s));
  }
  if (maps.empty()) return "";
  return absl::StrCat(
      "<section id=\"decision-map\"><h2>Decision map</h2><p class=\"note\">Each cell: the fastest "
      "strategy at that worker count (the ceiling, bare threads, left out), its speedup over the "
      "baseline and its lead over the runner-up. Bold on amber: the baseline (Sequential) wins, so "
      "parallelism does not pay there. † more workers than usable CPUs.</p>",
      maps, "</section>");
}

// The table model's tables of a workload group: every run's table of the
// same workload, tasks and size.
std::string FamilyTables(const Page& page, const WorkloadSection& w, std::vector<bool>& shown) {
  std::string out;
  const SpeedupGroup& g = w.group;
  for (const size_t ti : page.tables.table_order) {
    const Table& t = page.tables.tables[ti];
    if (t.workload != g.workload || t.task_count != g.tasks ||
        t.size != (g.task_size ? absl::StrCat(*g.task_size) : "")) {
      continue;
    }
    shown[ti] = true;
    absl::StrAppend(&out, FamilyTableHtml(page.tables, ti));
  }
  return out;
}

std::string OverheadsSection(const Page& page) {
  if (page.overheads.empty()) return "";
  std::string out =
      "<section id=\"overheads\"><h2>Overheads against their floors</h2><p class=\"note\">Medians "
      "over the repetitions, from one run. Ratio: the overhead ÷ its floor, the bare system "
      "operation it rests on (1.00× = no dearer). PerTask rows are per task.</p>";
  for (const RunOverheads& o : page.overheads) {
    absl::StrAppend(&out, OverheadsHtml(o.overheads,
                                        absl::StrCat(o.label, ": each overhead beside its floor")));
  }
  absl::StrAppend(&out, "</section>");
  return out;
}

}  // namespace

absl::StatusOr<std::string> RenderHtmlReport(const Page& page) {
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>parbench report</title><style>",
      kStyle,
      "</style></head><body><header><h1>parbench report: when does parallelism pay off?</h1>"
      "<ul class=\"brief\">");
  for (const RunSummary& r : page.runs) {
    absl::StrAppend(&out, "<li><strong>", EscapeMarkup(r.label), "</strong> (",
                    EscapeMarkup(r.language), "): ", EscapeMarkup(r.headline), "</li>");
  }
  absl::StrAppend(&out, "</ul><p class=\"note\">The decision map, then ", page.sections.size(),
                  " workload groups, each with its speedup and time charts and its tables, the "
                  "overheads against their floors, and the machine and build. Made "
                  "by <code>parbench-report html</code>; this file needs no network.</p>"
                  "<nav aria-label=\"contents\"><ul><li><a href=\"#decision-map\">Decision "
                  "map</a></li>");
  for (const WorkloadSection& s : page.sections) {
    absl::StrAppend(&out, "<li><a href=\"#", EscapeMarkup(s.id), "\">", EscapeMarkup(s.heading),
                    "</a></li>");
  }
  if (!page.overheads.empty()) {
    absl::StrAppend(&out, "<li><a href=\"#overheads\">Overheads against their floors</a></li>");
  }
  if (!page.left_out.empty()) absl::StrAppend(&out, "<li><a href=\"#left-out\">Left out</a></li>");
  absl::StrAppend(&out,
                  "<li><a href=\"#runs\">Machine and build</a></li></ul></nav></header><main>",
                  DecisionMapSection(page));
  std::vector<bool> shown(page.tables.tables.size(), false);
  for (const WorkloadSection& s : page.sections) {
    absl::StatusOr<std::string> svg = RenderSvgChart(s.chart);
    if (!svg.ok()) return svg.status();
    absl::StatusOr<std::string> time_svg = RenderSvgChart(s.time_chart);
    if (!time_svg.ok()) return time_svg.status();
    absl::StrAppend(&out, "<section class=\"workload\" id=\"", EscapeMarkup(s.id), "\"><h2>",
                    EscapeMarkup(s.heading), "</h2><figure><div class=\"charts\">", *svg, *time_svg,
                    "</div><figcaption>", Caption(s), "</figcaption></figure>",
                    FamilyTables(page, s, shown),
                    "<details><summary>The charts' values: median, speedup and its range over the "
                    "repetitions</summary>",
                    MediansTable(s), "</details></section>");
  }
  std::string rest;
  for (const size_t ti : page.tables.table_order) {
    if (!shown[ti]) absl::StrAppend(&rest, FamilyTableHtml(page.tables, ti));
  }
  if (!rest.empty()) {
    absl::StrAppend(&out, "<section id=\"other-tables\"><h2>Other tables</h2>", rest, "</section>");
  }
  absl::StrAppend(&out, OverheadsSection(page));
  if (!page.left_out.empty()) {
    absl::StrAppend(&out,
                    "<section id=\"left-out\"><h2>Left out</h2><p class=\"note\">Rows of the grid "
                    "that no chart shows, and why.</p><ul>");
    for (const std::string& line : page.left_out) {
      absl::StrAppend(&out, "<li>", EscapeMarkup(line), "</li>");
    }
    absl::StrAppend(&out, "</ul></section>");
  }
  absl::StrAppend(&out, RunsSection(page), "</main></body></html>\n");
  return out;
}

}  // namespace parbench::report
