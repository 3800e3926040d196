#include "lib/report/table_tsv.h"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

std::string G6(double x) { return absl::StrFormat("%.6g", x); }
std::string G4(double x) { return absl::StrFormat("%.4g", x); }

// A number as awk prints it: integers whole, others with six digits.
std::string AwkNumber(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e16) return absl::StrFormat("%.0f", x);
  return G6(x);
}

const char* StateWord(CellState s) {
  switch (s) {
    case CellState::kOk:
      return "ok";
    case CellState::kError:
      return "error";
    case CellState::kNoTime:
      return "none";
    case CellState::kNotRun:
      break;
  }
  return "";
}

const char* RuleWord(stats::ChunkRule r) {
  switch (r) {
    case stats::ChunkRule::kPerTask:
      return "per-task";
    case stats::ChunkRule::kBlock:
      return "block";
    case stats::ChunkRule::kDefault:
      break;
  }
  return "default";
}

}  // namespace

std::string RenderTableTsv(const TableReport& report) {
  std::string out =
      "host\tsource\tworkload\ttasks\tstrategy\tlife\trow\tworkers\tmedian_ns\tcv\tspeedup\t"
      "efficiency\tstate\treference\toversubscribed\tfit_sigma\tfit_kappa\tfit_scale\n";
  for (const size_t ti : report.table_order) {
    const Table& t = report.tables[ti];
    const Section& s = report.sections[t.section];
    const std::string workload =
        OneLine(t.size.empty() ? t.workload : absl::StrCat(t.workload, " ", t.Extra()));
    for (const TableRow& row : t.rows) {
      std::string fit = "\t\t";
      if (row.fit && row.fit->scale) {
        fit = absl::StrCat(G6(row.fit->usl.sigma.value), "\t", G6(row.fit->usl.kappa.value), "\t",
                           G6(*row.fit->scale * row.fit->usl.lambda.value));
      }
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const CellSummary& c = row.cells[i];
        if (c.state == CellState::kNotRun) continue;
        const int64_t w = t.columns[i].workers;
        const bool has_x = c.ok() && t.baseline;
        const double x = has_x ? t.baseline->median_ns / c.median_ns : 0;
        absl::StrAppend(&out, OneLine(s.host), "\t", OneLine(s.source), "\t", workload, "\t",
                        OneLine(t.tasks), "\t", OneLine(row.strategy), "\t", OneLine(row.life),
                        "\t", OneLine(row.Label()), "\t", w, "\t", c.ok() ? G6(c.median_ns) : "",
                        "\t", c.cv ? G4(*c.cv) : "", "\t", has_x ? G4(x) : "", "\t",
                        has_x ? G4(x / static_cast<double>(w)) : "", "\t", StateWord(c.state), "\t",
                        row.role == RowRole::kCeiling ? 1 : 0, "\t",
                        t.columns[i].oversubscribed ? 1 : 0, "\t", fit, "\n");
      }
    }
  }
  return out;
}

std::string RenderTableModel(const TableReport& report) {
  std::string out =
      "host\tsource\tworkload\ttasks\tstrategy\tlife\trow\tworkers\tmedian_ns\tcv\tbase_ns\t"
      "base_cv\tmodelled\tceiling\trule\tfixed0\tfixed_per_task\tdispatch\tusable\n";
  for (const size_t ti : report.table_order) {
    const Table& t = report.tables[ti];
    if (!t.size.empty() || !t.baseline) continue;
    const Section& s = report.sections[t.section];
    for (const TableRow& row : t.rows) {
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const CellSummary& c = row.cells[i];
        if (!c.ok() || row.role == RowRole::kCeiling) continue;
        const CostParams* p = nullptr;
        if (row.role == RowRole::kStrategy && row.models[i].params) p = &*row.models[i].params;
        absl::StrAppend(
            &out, OneLine(s.host), "\t", OneLine(s.source), "\t", OneLine(t.workload), "\t",
            t.tasks, "\t", OneLine(row.strategy), "\t", OneLine(row.life), "\t",
            OneLine(row.Label()), "\t", t.columns[i].workers, "\t", G6(c.median_ns), "\t",
            c.cv ? G4(*c.cv) : "", "\t", G6(t.baseline->median_ns), "\t",
            t.baseline->cv ? G4(*t.baseline->cv) : "", "\t", p != nullptr ? 1 : 0, "\t",
            G6(p != nullptr ? p->terms.ceiling.value : 1), "\t",
            p != nullptr ? RuleWord(p->rule) : "", "\t", G6(p != nullptr ? p->fixed0.value : 0),
            "\t", G6(p != nullptr ? p->fixed_per_task.value : 0), "\t",
            G6(p != nullptr ? p->terms.dispatch.value : 0), "\t", AwkNumber(s.UsableCpus()), "\n");
      }
    }
  }
  return out;
}

}  // namespace parbench::report
