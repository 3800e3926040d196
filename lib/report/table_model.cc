#include "lib/report/table_model.h"

#include <cstdlib>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "lib/report/table_build.h"

namespace parbench::report {

stats::Uncertain CellSummary::Median() const {
  if (samples.empty()) return stats::Uncertain{median_ns, std::nullopt};
  stats::Uncertain u = stats::MedianWithError(samples);
  u.value = median_ns;
  return u;
}

std::string TableRow::Label() const {
  if (life.empty() && qualifier.empty()) return strategy;
  return absl::StrCat(strategy, " (", life, !life.empty() && !qualifier.empty() ? ", " : "",
                      qualifier, ")");
}

std::string Table::Extra() const { return size.empty() ? "" : absl::StrCat("size ", size); }

std::string Table::Title() const {
  std::string t = workload;
  if (!tasks.empty()) absl::StrAppend(&t, ", ", tasks, " tasks");
  if (!size.empty()) absl::StrAppend(&t, ", ", Extra());
  return t;
}

std::optional<size_t> Table::ColumnOf(int64_t workers) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].workers == workers) return i;
  }
  return std::nullopt;
}

std::optional<size_t> Table::CeilingRow() const {
  std::optional<size_t> found;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].role == RowRole::kCeiling) found = r;
  }
  return found;
}

double Section::UsableCpus() const {
  if (IsPlainNumber(usable)) return std::strtod(usable.c_str(), nullptr);
  if (IsPlainNumber(cpus)) return std::strtod(cpus.c_str(), nullptr);
  return 0;
}

}  // namespace parbench::report
