#include "lib/report/facts_label.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/report/number_text.h"

namespace parbench::report {
namespace {

constexpr absl::string_view kVersionKey = "facts";
constexpr absl::string_view kVersion = "1";

std::vector<absl::string_view> Items(absl::string_view label) {
  return absl::StrSplit(label, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
}

absl::Status BadItem(absl::string_view item, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("facts item ", item, " ", what));
}

// A word of one of the enums, by its spelling in bench/facts.cc.
template <typename Enum, size_t N>
std::optional<Enum> Word(absl::string_view value,
                         const std::pair<absl::string_view, Enum> (&words)[N]) {
  for (const auto& [word, e] : words) {
    if (word == value) return e;
  }
  return std::nullopt;
}

constexpr std::pair<absl::string_view, WorkerKind> kKinds[] = {
    {"inline", WorkerKind::kInline},
    {"threads", WorkerKind::kThreads},
    {"processes", WorkerKind::kProcesses},
    {"remote", WorkerKind::kRemote}};
constexpr std::pair<absl::string_view, Dispatch> kDispatches[] = {
    {"per_task", Dispatch::kPerTask}, {"chunked", Dispatch::kChunked}, {"block", Dispatch::kBlock}};
constexpr std::pair<absl::string_view, TableRole> kRoles[] = {
    {"baseline", TableRole::kBaseline},
    {"ceiling", TableRole::kCeiling},
    {"per_task_reference", TableRole::kPerTaskReference}};
constexpr std::pair<absl::string_view, WorkloadRole> kWorkloadRoles[] = {
    {"reference", WorkloadRole::kReference}};
constexpr std::pair<absl::string_view, WorkloadBound> kBounds[] = {{"cpu", WorkloadBound::kCpu},
                                                                   {"io", WorkloadBound::kIo}};
constexpr std::pair<absl::string_view, OperationFamily> kFamilies[] = {
    {"Overhead", OperationFamily::kOverhead}, {"Floor", OperationFamily::kFloor}};

}  // namespace

bool HasFactsLabel(absl::string_view label) {
  for (absl::string_view item : Items(label)) {
    if (absl::ConsumePrefix(&item, kVersionKey) && absl::StartsWith(item, "=")) return true;
  }
  return false;
}

absl::StatusOr<BenchFacts> ReadFactsLabel(absl::string_view label) {
  BenchFacts facts;
  facts.source = FactsSource::kFactsLabel;
  absl::flat_hash_set<absl::string_view> seen;
  for (absl::string_view item : Items(label)) {
    const size_t eq = item.find('=');
    if (eq == absl::string_view::npos || eq == 0) return BadItem(item, "is not key=value");
    const absl::string_view key = item.substr(0, eq);
    const absl::string_view value = item.substr(eq + 1);
    if (!seen.insert(key).second) return BadItem(item, "says its key a second time");
    auto text = [&](std::string& out) -> absl::Status {
      if (value.empty()) return BadItem(item, "is empty");
      out = std::string(value);
      return absl::OkStatus();
    };
    auto count = [&](std::optional<int64_t>& out) -> absl::Status {
      out = ParseCount(value);
      return out ? absl::OkStatus() : BadItem(item, "is not a count");
    };
    auto word = [&](auto& out, const auto& words, absl::string_view expected) -> absl::Status {
      const auto e = Word(value, words);
      if (!e) return BadItem(item, absl::StrCat("is not ", expected));
      out = *e;
      return absl::OkStatus();
    };
    absl::Status s;
    if (key == kVersionKey) {
      if (value != kVersion) {
        return absl::InvalidArgumentError(absl::StrCat(
            item, ": a version this reader does not know (it reads facts=", kVersion, ")"));
      }
    } else if (key == "workload") {
      s = text(facts.workload);
    } else if (key == "strategy") {
      s = text(facts.strategy);
    } else if (key == "life") {
      s = text(facts.life);
    } else if (key == "launch") {
      s = text(facts.launch);
    } else if (key == "workers") {
      s = count(facts.workers);
    } else if (key == "tasks") {
      s = count(facts.tasks);
    } else if (key == "chunk") {
      s = count(facts.chunk);
    } else if (key == "size") {
      s = count(facts.task_size);
    } else if (key == "floor") {
      s = text(facts.floor);
    } else if (key == "per") {
      s = count(facts.per);
    } else if (key == "spin") {
      s = count(facts.spin);
    } else if (key == "caller_runs") {
      s = count(facts.caller_runs);
    } else if (key == "lang") {
      s = text(facts.lang);
    } else if (key == "api") {
      s = text(facts.api);
    } else if (key == "kind") {
      s = word(facts.worker_kind, kKinds, "inline, threads, processes or remote");
    } else if (key == "dispatch") {
      s = word(facts.dispatch, kDispatches, "per_task, chunked or block");
    } else if (key == "role") {
      s = word(facts.table_role, kRoles, "baseline, ceiling or per_task_reference");
    } else if (key == "workload_role") {
      s = word(facts.workload_role, kWorkloadRoles, "reference");
    } else if (key == "bound") {
      s = word(facts.bound, kBounds, "cpu or io");
    } else if (key == "family") {
      s = word(facts.op.family, kFamilies, "Overhead or Floor");
    } else if (key == "operation") {
      s = text(facts.op.operation);
    } else if (key == "batch") {
      s = count(facts.op.batch);
    } else if (key == "mib") {
      s = count(facts.op.mib);
    } else if (key == "pages") {
      s = text(facts.op.pages);
    } else {
      return BadItem(item, "has a key facts=1 does not have");
    }
    if (!s.ok()) return s;
  }
  if (!seen.contains(kVersionKey)) {
    return absl::InvalidArgumentError("has no facts= item: not a facts label");
  }
  // An Overhead or Floor benchmark's strategy, launch, workers and chunk
  // are its operation's: it is no cell of the grid.
  if (facts.op.family != OperationFamily::kNone) {
    if (!facts.workload.empty() || facts.tasks) {
      return absl::InvalidArgumentError("says family= and a grid cell's workload= or tasks=");
    }
    facts.op.strategy = std::exchange(facts.strategy, "");
    facts.op.launch = std::exchange(facts.launch, "");
    facts.op.workers = std::exchange(facts.workers, std::nullopt);
    facts.op.chunk = std::exchange(facts.chunk, std::nullopt);
  } else if (!facts.op.operation.empty() || facts.op.batch || facts.op.mib ||
             !facts.op.pages.empty()) {
    return absl::InvalidArgumentError("says an operation's facts without its family=");
  }
  return facts;
}

}  // namespace parbench::report
