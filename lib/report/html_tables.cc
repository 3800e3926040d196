#include "lib/report/html_tables.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/report/markup.h"
#include "lib/report/overheads.h"
#include "lib/report/table_model.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

constexpr const char* kNone = "–";

std::string Workers(int64_t w) { return absl::StrCat(w, w == 1 ? " worker" : " workers"); }

// A lead or a spread as table.sh writes it: "4.2 %", "37 %".
std::string Percent(double x) {
  return 100 * x < 9.95 ? absl::StrFormat("%.1f %%", 100 * x) : absl::StrFormat("%.0f %%", 100 * x);
}

bool IsBaselineRow(const Table& t, size_t r) { return t.baseline && t.baseline->row == r; }

std::string RowName(const TableRow& r) {
  return absl::StrCat(r.Label(), r.role == RowRole::kCeiling ? " (ceiling)" : "");
}

// A cell as table.sh's Markdown has it: median · speedup · efficiency ·
// ±cv; the baseline's own cell says so.
std::string CellHtml(const Table& t, size_t r, size_t i) {
  const TableRow& row = t.rows[r];
  const CellSummary& c = row.cells[i];
  if (c.state == CellState::kNotRun) return absl::StrCat("<td class=\"none\">", kNone, "</td>");
  if (c.state == CellState::kError) {
    return absl::StrCat("<td class=\"error\" title=\"", EscapeMarkup(c.error), "\">error</td>");
  }
  if (c.state == CellState::kNoTime) return "<td class=\"none\">n/a</td>";
  const bool best = t.columns[i].best_row == r;
  std::string s =
      absl::StrCat("<span class=\"t\">", FormatTime(c.median_ns, TimeStyle::kSig3), "</span>");
  if (row.role == RowRole::kBaseline && t.baseline && i == t.baseline->column) {
    absl::StrAppend(&s, " <span class=\"r\">(baseline)</span>");
  } else if (t.baseline) {
    const double x = t.baseline->median_ns / c.median_ns;
    absl::StrAppend(&s, " <span class=\"s\">", FormatRatio(x), "</span> <span class=\"r\">",
                    FormatWholePercent(x / static_cast<double>(t.columns[i].workers)), "</span>");
  }
  if (c.cv) absl::StrAppend(&s, "<br><span class=\"r\">±", Percent(*c.cv), "</span>");
  if (best) s = absl::StrCat("<strong>", s, "</strong>");
  return absl::StrCat("<td", best ? " class=\"best\"" : "", ">", s, "</td>");
}

}  // namespace

std::string DecisionMapHtml(const TableReport& report, size_t s) {
  std::vector<int64_t> ws;
  for (const Table& t : report.tables) {
    if (t.section != s) continue;
    for (const Column& c : t.columns) {
      if (std::find(ws.begin(), ws.end(), c.workers) == ws.end()) ws.push_back(c.workers);
    }
  }
  if (ws.empty()) return "";
  std::sort(ws.begin(), ws.end());
  const Section& sec = report.sections[s];
  std::string out = absl::StrCat(
      "<div class=\"table-wrap\"><table class=\"decision-map\"><caption>", EscapeMarkup(sec.host),
      sec.cpus.empty() ? "" : absl::StrCat(", ", EscapeMarkup(sec.cpus), " CPUs"), " — ",
      EscapeMarkup(sec.source), "</caption><thead><tr><th scope=\"col\">workload</th>");
  for (const int64_t w : ws) {
    bool over = false;
    for (const Table& t : report.tables) {
      if (t.section != s) continue;
      if (const std::optional<size_t> i = t.ColumnOf(w))
        over = over || t.columns[*i].oversubscribed;
    }
    absl::StrAppend(&out, "<th scope=\"col\">", Workers(w), over ? "†" : "", "</th>");
  }
  absl::StrAppend(&out, "</tr></thead><tbody>");
  for (const size_t ti : report.table_order) {
    const Table& t = report.tables[ti];
    if (t.section != s) continue;
    absl::StrAppend(&out, "<tr><th scope=\"row\"><a href=\"#family-", ti, "\">",
                    EscapeMarkup(t.Title()), "</a></th>");
    for (const int64_t w : ws) {
      const std::optional<size_t> i = t.ColumnOf(w);
      if (!i) {
        absl::StrAppend(&out, "<td class=\"none\">", kNone, "</td>");
        continue;
      }
      const Column& col = t.columns[*i];
      if (!col.winner) {
        absl::StrAppend(&out, "<td class=\"error\">error</td>");
        continue;
      }
      const bool seq = IsBaselineRow(t, col.winner->row);
      std::string c = EscapeMarkup(t.rows[col.winner->row].Label());
      if (!seq && t.baseline) {
        absl::StrAppend(&c, " <span class=\"s\">",
                        FormatRatio(t.baseline->median_ns / col.winner->median_ns), "</span>");
      }
      if (col.runner_up) {
        absl::StrAppend(&c, "<br><span class=\"r\">+",
                        Percent(col.runner_up->median_ns / col.winner->median_ns - 1),
                        " over the runner-up</span>");
      }
      absl::StrAppend(&out, "<td", seq ? " class=\"sequential\"" : "", ">",
                      seq ? absl::StrCat("<strong>", c, "</strong>") : c, "</td>");
    }
    absl::StrAppend(&out, "</tr>");
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  return out;
}

std::string FamilyTableHtml(const TableReport& report, size_t ti) {
  const Table& t = report.tables[ti];
  const Section& sec = report.sections[t.section];
  std::string out = absl::StrCat(
      "<div class=\"table-wrap\"><table class=\"family\" id=\"family-", ti, "\"><caption>",
      EscapeMarkup(t.Title()),
      report.sections.size() > 1 ? absl::StrCat(" (", EscapeMarkup(sec.source), ")") : "",
      "</caption><thead><tr><th scope=\"col\">strategy</th>");
  for (const Column& c : t.columns) {
    absl::StrAppend(&out, "<th scope=\"col\">", Workers(c.workers), c.oversubscribed ? "†" : "",
                    "</th>");
  }
  absl::StrAppend(&out, "</tr></thead><tbody>");
  for (size_t r = 0; r < t.rows.size(); ++r) {
    absl::StrAppend(&out, "<tr><th scope=\"row\">", EscapeMarkup(RowName(t.rows[r])), "</th>");
    for (size_t i = 0; i < t.columns.size(); ++i) absl::StrAppend(&out, CellHtml(t, r, i));
    absl::StrAppend(&out, "</tr>");
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  return out;
}

namespace {

std::string TimeCell(const Measure& m) {
  if (m.error) return absl::StrCat("error: ", *m.error);
  return m.value && *m.value >= 0 ? FormatTime(*m.value, TimeStyle::kShort) : kNone;
}

std::string GbCell(const Measure& m) {
  return m.value && *m.value >= 0 ? absl::StrFormat("%.2f", *m.value / 1e9) : kNone;
}

}  // namespace

std::string OverheadsHtml(const Overheads& o, const std::string& caption) {
  std::string out = absl::StrCat(
      "<div class=\"table-wrap\"><table class=\"overheads\"><caption>", EscapeMarkup(caption),
      "</caption><thead><tr><th scope=\"col\">overhead</th><th scope=\"col\">median</th>"
      "<th scope=\"col\">floor</th><th scope=\"col\">floor median</th>"
      "<th scope=\"col\">ratio</th></tr></thead><tbody>");
  for (const OverheadRow& r : o.rows) {
    absl::StrAppend(&out, "<tr><th scope=\"row\">", EscapeMarkup(r.name), "</th><td>",
                    EscapeMarkup(TimeCell(r.time)), "</td><td class=\"name\">",
                    EscapeMarkup(r.floor.value_or(kNone)), "</td><td>",
                    r.floor ? EscapeMarkup(TimeCell(r.floor_time)) : kNone, "</td><td>",
                    r.ratio ? FormatRatio(*r.ratio) : kNone, "</td></tr>");
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  if (!o.kernels.empty()) {
    absl::StrAppend(&out,
                    "<div class=\"table-wrap\"><table class=\"overheads\"><caption>Memory kernels "
                    "against the STREAM triad on one core (GB/s)</caption><thead><tr>"
                    "<th scope=\"col\">kernel</th><th scope=\"col\">GB/s</th>"
                    "<th scope=\"col\">floor</th><th scope=\"col\">GB/s</th>"
                    "<th scope=\"col\">share</th></tr></thead><tbody>");
    for (const BandwidthRow& r : o.kernels) {
      absl::StrAppend(&out, "<tr><th scope=\"row\">", EscapeMarkup(r.name), "</th><td>",
                      GbCell(r.bandwidth), "</td><td class=\"name\">",
                      EscapeMarkup(r.floor.empty() ? kNone : r.floor), "</td><td>",
                      GbCell(r.floor_bandwidth), "</td><td>",
                      r.share ? FormatWholePercent(*r.share) : kNone, "</td></tr>");
    }
    absl::StrAppend(&out, "</tbody></table></div>");
  }
  return out;
}

}  // namespace parbench::report
