#include "lib/report/table_fit.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/report/stats/usl_fit.h"

namespace parbench::report {
namespace {

void FitRow(const Section& section, Table& table, TableRow& row) {
  const double ncpu = section.UsableCpus();
  std::vector<double> workers, times;
  std::string used;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const auto w = static_cast<double>(table.columns[i].workers);
    if (ncpu > 0 && w > ncpu) continue;
    if (!row.cells[i].ok()) continue;
    workers.push_back(w);
    times.push_back(row.cells[i].median_ns);
    absl::StrAppend(&used, used.empty() ? "" : ", ", table.columns[i].workers);
  }
  if (workers.size() < kFitMinPoints) {
    row.no_fit = absl::StrCat("needs ≥ ", kFitMinPoints, " worker counts ≤ usable CPUs",
                              used.empty() ? "" : "; here ", used);
    return;
  }
  const std::optional<size_t> one = table.ColumnOf(1);
  if (!one || !row.cells[*one].ok()) {
    row.no_fit = "no clean run at 1 worker";
    return;
  }
  const double t1 = row.cells[*one].median_ns;
  std::vector<double> speedup;
  speedup.reserve(times.size());
  for (const double t : times) speedup.push_back(t1 / t);
  absl::StatusOr<stats::UslFit> usl = stats::FitUsl(workers, speedup);
  absl::StatusOr<stats::UslFit> amdahl = stats::FitAmdahl(workers, speedup);
  if (!usl.ok() || !amdahl.ok()) {
    row.no_fit = "the points do not determine σ and κ";
    return;
  }
  RowFit fit{.usl = *usl, .amdahl = *amdahl, .workers = workers, .scale = std::nullopt};
  if (table.baseline) fit.scale = table.baseline->median_ns / t1;
  row.fit = fit;
}

}  // namespace

void FitRows(const Section& section, Table& table) {
  if (!table.size.empty()) return;
  for (TableRow& row : table.rows) {
    if (row.role != RowRole::kStrategy) continue;
    FitRow(section, table, row);
  }
}

}  // namespace parbench::report
