#include "lib/report/crossover.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/report/table_build.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

// A speedup as table.sh --tsv wrote it (four significant digits), so that
// the answers are those crossover.awk gave from that column.
double AsTsv(double x) { return std::strtod(absl::StrFormat("%.4g", x).c_str(), nullptr); }

std::string Size(double s) { return absl::StrFormat("%.0e", s); }

struct GroupBuild {
  std::vector<std::string> rows;    // labels, as first seen
  std::set<std::string> baselines;  // the labels of baseline rows: no crossover of their own
  std::vector<int64_t> workers;
  std::vector<double> sizes;
  std::map<std::tuple<std::string, int64_t, double>, double> speedup;
};

CrossoverCell CellOf(const GroupBuild& g, const std::string& row, int64_t w) {
  CrossoverCell c;
  // From the largest size down.
  for (auto it = g.sizes.rbegin(); it != g.sizes.rend(); ++it) {
    const auto sp = g.speedup.find({row, w, *it});
    if (sp == g.speedup.end()) continue;
    c.measured = true;
    if (sp->second > c.best) {
      c.best = sp->second;
      c.best_size = *it;
    }
  }
  for (auto it = g.sizes.rbegin(); it != g.sizes.rend(); ++it) {
    const auto sp = g.speedup.find({row, w, *it});
    if (sp == g.speedup.end()) continue;
    if (sp->second <= 1) break;
    c.from = *it;
    c.from_speedup = sp->second;
  }
  return c;
}

}  // namespace

std::vector<CrossoverGroup> ComputeCrossover(const TableReport& report) {
  std::vector<std::string> names;
  std::map<std::string, GroupBuild> builds;
  for (const size_t ti : report.table_order) {
    const Table& t = report.tables[ti];
    if (!IsPlainNumber(t.size)) continue;
    const std::string name = absl::StrCat(t.workload, " · ", t.tasks, " tasks");
    if (!builds.contains(name)) names.push_back(name);
    GroupBuild& g = builds[name];
    const double size = std::strtod(t.size.c_str(), nullptr);
    if (std::find(g.sizes.begin(), g.sizes.end(), size) == g.sizes.end()) g.sizes.push_back(size);
    for (const TableRow& row : t.rows) {
      const std::string label = row.Label();
      if (row.role == RowRole::kBaseline) g.baselines.insert(label);
      if (std::find(g.rows.begin(), g.rows.end(), label) == g.rows.end()) g.rows.push_back(label);
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const int64_t w = t.columns[i].workers;
        if (row.cells[i].state == CellState::kNotRun) continue;
        if (std::find(g.workers.begin(), g.workers.end(), w) == g.workers.end()) {
          g.workers.push_back(w);
        }
        if (row.cells[i].ok() && t.baseline) {
          g.speedup[{label, w, size}] = AsTsv(t.baseline->median_ns / row.cells[i].median_ns);
        }
      }
    }
  }
  std::vector<CrossoverGroup> groups;
  for (const std::string& name : names) {
    GroupBuild& g = builds[name];
    std::sort(g.workers.begin(), g.workers.end());
    std::sort(g.sizes.begin(), g.sizes.end());
    CrossoverGroup out{name, g.workers, {}};
    for (const std::string& label : g.rows) {
      if (g.baselines.contains(label)) continue;
      CrossoverRow row{label, {}};
      for (const int64_t w : g.workers) row.cells.push_back(CellOf(g, label, w));
      out.rows.push_back(row);
    }
    groups.push_back(out);
  }
  return groups;
}

std::string RenderCrossover(const std::vector<CrossoverGroup>& groups) {
  std::string out =
      "# Where parallelism starts to pay\n\nPer strategy and worker count: the smallest task size "
      "(counting steps per task) from which it beats Sequential at that size and every larger "
      "one, with its speedup there; or the best it reached.\n\n";
  for (const CrossoverGroup& g : groups) {
    absl::StrAppend(&out, "## ", g.name, "\n\n");
    std::string head = "| Strategy";
    std::string rule = "|:--";
    for (const int64_t w : g.workers) {
      absl::StrAppend(&head, " | ", w, w == 1 ? " worker" : " workers");
      absl::StrAppend(&rule, "|--:");
    }
    absl::StrAppend(&out, head, " |\n", rule, "|\n");
    for (const CrossoverRow& row : g.rows) {
      absl::StrAppend(&out, "| ", row.label);
      for (const CrossoverCell& c : row.cells) {
        std::string s;
        if (!c.measured) {
          s = "–";
        } else if (c.from) {
          s = absl::StrCat(Size(*c.from), " (", FormatRatio(c.from_speedup), ")");
        } else {
          s = absl::StrCat("never (best ", FormatRatio(c.best), " at ", Size(c.best_size), ")");
        }
        absl::StrAppend(&out, " | ", s);
      }
      absl::StrAppend(&out, " |\n");
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

}  // namespace parbench::report
