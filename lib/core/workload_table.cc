#include "lib/core/workload_table.h"

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

struct Table {
  std::vector<WorkloadSpec> rows;  // Sorted by (order, name).
};

// Built on first use, so that registrations from any file's static
// initialisation find it ready whatever the initialisation order.
Table& TheTable() {
  static auto* table = new Table();
  return *table;
}

// What is wrong with one row on its own; empty when nothing.
std::string RowProblem(const WorkloadSpec& spec) {
  if (!IsRowName(spec.name)) {
    return absl::StrFormat("name '%s' must be a letter followed by letters and digits", spec.name);
  }
  if (!IsFlagName(spec.size_flag)) {
    return absl::StrFormat("size flag '%s' must be lower case letters, digits and '_'",
                           spec.size_flag);
  }
  if (spec.run == nullptr) return "has no run function";
  if (spec.default_size < 1 || spec.default_size > spec.max_size) {
    return absl::StrFormat("default size %d must be between 1 and the limit %d", spec.default_size,
                           spec.max_size);
  }
  if ((spec.start_shared == nullptr) != (spec.stop_shared == nullptr)) {
    return "start_shared and stop_shared go together";
  }
  return "";
}

}  // namespace

bool RegisterWorkload(const WorkloadSpec& spec) {
  std::vector<WorkloadSpec>& rows = TheTable().rows;
  const auto before = [](const WorkloadSpec& a, const WorkloadSpec& b) {
    return a.order != b.order ? a.order < b.order : a.name < b.name;
  };
  rows.insert(std::upper_bound(rows.begin(), rows.end(), spec, before), spec);
  return true;
}

absl::Status ValidateWorkloads(absl::Span<const absl::string_view> reserved_flags) {
  return ValidateWorkloadRows(TheTable().rows, reserved_flags);
}

absl::Status ValidateWorkloadRows(absl::Span<const WorkloadSpec> rows,
                                  absl::Span<const absl::string_view> reserved_flags) {
  std::vector<std::string> problems;
  if (rows.empty()) problems.push_back("no workload is registered");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const WorkloadSpec& row = rows[i];
    if (std::string problem = RowProblem(row); !problem.empty()) {
      problems.push_back(absl::StrFormat("workload '%s': %s", row.name, problem));
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (absl::EqualsIgnoreCase(rows[j].name, row.name)) {
        problems.push_back(absl::StrFormat("workload '%s' is registered twice", row.name));
      }
      if (rows[j].reference && row.reference) {
        problems.push_back(absl::StrFormat("workloads '%s' and '%s' are both the reference",
                                           rows[j].name, row.name));
      }
      if (rows[j].size_flag == row.size_flag) {
        problems.push_back(absl::StrFormat("workloads '%s' and '%s' share the size flag --%s",
                                           rows[j].name, row.name, row.size_flag));
      }
    }
    if (std::find(reserved_flags.begin(), reserved_flags.end(), row.size_flag) !=
        reserved_flags.end()) {
      problems.push_back(
          absl::StrFormat("workload '%s': size flag --%s is already one of bench's flags", row.name,
                          row.size_flag));
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("bad workload registration: ", absl::StrJoin(problems, "; ")));
}

absl::Span<const WorkloadSpec> Workloads() { return TheTable().rows; }

const WorkloadSpec* FindWorkload(WorkloadId id) {
  const std::vector<WorkloadSpec>& rows = TheTable().rows;
  return id < rows.size() ? &rows[id] : nullptr;
}

std::optional<WorkloadId> FindWorkloadId(absl::string_view name) {
  const std::vector<WorkloadSpec>& rows = TheTable().rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].name == name) return static_cast<WorkloadId>(i);
  }
  return std::nullopt;
}

std::optional<WorkloadId> ReferenceWorkload() {
  const std::vector<WorkloadSpec>& rows = TheTable().rows;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].reference) return static_cast<WorkloadId>(i);
  }
  return std::nullopt;
}

absl::StatusOr<Task> MakeTask(absl::string_view workload, std::uint64_t size) {
  const std::optional<WorkloadId> id = FindWorkloadId(workload);
  if (!id) return absl::NotFoundError(absl::StrFormat("no workload named '%s'", workload));
  return Task{*id, size};
}

}  // namespace parbench
