#include "lib/core/strategy_table.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/core/names.h"

namespace parbench {
namespace {

// Built on first use: see workload_table.cc.
std::vector<StrategySpec>& Rows() {
  static auto* rows = new std::vector<StrategySpec>();
  return *rows;
}

}  // namespace

bool RegisterStrategy(const StrategySpec& spec) {
  std::vector<StrategySpec>& rows = Rows();
  const auto before = [](const StrategySpec& a, const StrategySpec& b) {
    return a.order != b.order ? a.order < b.order : a.name < b.name;
  };
  rows.insert(std::upper_bound(rows.begin(), rows.end(), spec, before), spec);
  return true;
}

absl::Status ValidateStrategies() { return ValidateStrategyRows(Rows()); }

absl::Status ValidateStrategyRows(absl::Span<const StrategySpec> rows) {
  std::vector<std::string> problems;
  if (rows.empty()) problems.push_back("no strategy is registered");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StrategySpec& row = rows[i];
    if (!IsRowName(row.name)) {
      problems.push_back(absl::StrFormat(
          "strategy name '%s' must be a letter followed by letters and digits", row.name));
    }
    if (row.make == nullptr) {
      problems.push_back(absl::StrFormat("strategy '%s' has no factory", row.name));
    }
    if (row.table_role == TableRole::kCeiling) {
      problems.push_back(absl::StrFormat(
          "strategy '%s' says it is the ceiling, which is bench's bare threads, not a row",
          row.name));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (absl::EqualsIgnoreCase(rows[j].name, row.name)) {
        problems.push_back(absl::StrFormat("strategy '%s' is registered twice", row.name));
      }
      if (row.table_role == TableRole::kBaseline && rows[j].table_role == TableRole::kBaseline) {
        problems.push_back(absl::StrFormat("strategies '%s' and '%s' are both the baseline",
                                           rows[j].name, row.name));
      }
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("bad strategy registration: ", absl::StrJoin(problems, "; ")));
}

absl::Span<const StrategySpec> Strategies() { return Rows(); }

bool WorkersAreProcesses(const StrategySpec& spec) {
  return spec.worker_kind == WorkerKind::kProcesses || spec.worker_kind == WorkerKind::kRemote;
}

const StrategySpec* BaselineStrategy() {
  for (const StrategySpec& row : Rows()) {
    if (row.table_role == TableRole::kBaseline) return &row;
  }
  return nullptr;
}

bool StrategyUsable(const StrategySpec& spec) {
  return spec.max_workers == nullptr || spec.max_workers() > 0;
}

const StrategySpec* FindStrategy(absl::string_view name) {
  for (const StrategySpec& row : Rows()) {
    if (row.name == name) return &row;
  }
  return nullptr;
}

absl::StatusOr<std::unique_ptr<Strategy>> MakeStrategy(absl::string_view name,
                                                       const StrategyOptions& options) {
  const StrategySpec* spec = FindStrategy(name);
  if (spec == nullptr || spec->make == nullptr) {
    return absl::NotFoundError(absl::StrFormat("no strategy named '%s'", name));
  }
  if (options.launch == Launch::kSpawn && !spec->spawns) {
    return absl::InvalidArgumentError(absl::StrFormat("strategy '%s' has no spawn launch", name));
  }
  if (options.transport == TransportKind::kShm && !spec->shm) {
    return absl::InvalidArgumentError(
        absl::StrFormat("strategy '%s' has no shared-memory transport", name));
  }
  return spec->make(options);
}

}  // namespace parbench
