#include "lib/report/legacy_names.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/report/number_text.h"

namespace parbench::report {
namespace {

bool IsSuffix(absl::string_view c) {
  return c == "real_time" || c == "process_time" || c == "manual_time";
}

bool IsKeyValue(absl::string_view c) { return absl::StrContains(c, ':'); }

// A plain number, as names.awk's /^[-+]?[0-9.]+$/.
bool IsPlainNumber(absl::string_view c) {
  if (!c.empty() && (c[0] == '-' || c[0] == '+')) c.remove_prefix(1);
  return !c.empty() && c.find_first_not_of("0123456789.") == absl::string_view::npos;
}

// Fills workload, strategy, life, workers and tasks when the name follows
// the grammar; returns whether it does.
bool ParseGrammar(absl::string_view name, BenchFacts& facts) {
  const std::vector<absl::string_view> c = absl::StrSplit(name, '/');
  if (c.size() < 4 || c[0].empty() || IsKeyValue(c[0]) || c[1].empty() || IsKeyValue(c[1])) {
    return false;
  }
  // A transport other than the default stays with the strategy:
  // "ProcessPool/shm" (names.awk's name_is_transport).
  const size_t s = LegacyIsTransport(c[2]) ? 3 : 2;
  if (s >= c.size()) return false;
  const size_t first = (!IsKeyValue(c[s]) && !IsSuffix(c[s])) ? s + 1 : s;
  absl::string_view workers, tasks;
  for (size_t i = first; i < c.size(); ++i) {
    if (!IsKeyValue(c[i])) {
      if (!IsSuffix(c[i])) return false;
    } else if (absl::StartsWith(c[i], "workers:")) {
      workers = c[i].substr(8);
    } else if (absl::StartsWith(c[i], "tasks:")) {
      tasks = c[i].substr(6);
    }
  }
  facts.workers = ParseCount(workers);
  facts.tasks = ParseCount(tasks);
  if (!facts.workers || !facts.tasks) {
    facts.workers = facts.tasks = std::nullopt;
    return false;
  }
  facts.workload = std::string(c[0]);
  facts.strategy = s == 3 ? absl::StrCat(c[1], "/", c[2]) : std::string(c[1]);
  facts.life = first == s + 1 ? std::string(c[s]) : "";
  return true;
}

// floor=NAME and per=N from the blank-separated items of an Overhead label;
// for runs before 2026-11-26, whose Overheads have no label, the floor the
// bench of that time meant (overheads.awk's pair_by_name()).
void ReadFloor(absl::string_view name, absl::string_view label, BenchFacts& facts) {
  bool labelled = false;
  for (absl::string_view item :
       absl::StrSplit(label, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (absl::ConsumePrefix(&item, "floor=")) {
      facts.floor = std::string(item);
      labelled = true;
    } else if (absl::ConsumePrefix(&item, "per=")) {
      facts.per = ParseCount(item);
      labelled = true;
    }
  }
  if (labelled || !absl::StartsWith(name, "Overhead/")) return;
  const std::vector<absl::string_view> c = absl::StrSplit(name, '/');
  const absl::string_view family = c.size() > 1 ? c[1] : "";
  const absl::string_view pool = c.size() > 2 ? c[2] : "";
  const std::string workers = LegacyNameValue(name, "workers");
  if (family == "StartStop" && pool == "ThreadPool") {
    facts.floor = absl::StrCat("Floor/ThreadCreateJoin/workers:", workers);
  } else if (family == "StartStop" || family == "ProcessStart") {
    facts.floor = absl::StrCat("Floor/Fork/workers:", workers);
  } else if (family == "RoundTrip") {
    facts.floor = pool == "ThreadPool" ? "Floor/ThreadWakeRoundTrip" : "Floor/PipeRoundTrip";
  } else if (family == "Fork") {
    facts.floor = "Floor/Fork/workers:1";
  } else if (family == "PerTask") {
    // Per task: both times over the batch, held against OpenMP's.
    const std::string batch = LegacyNameValue(name, "batch");
    if (pool != "OpenMp") {
      facts.floor = absl::StrCat("Overhead/PerTask/OpenMp/batch:", batch, "/workers:", workers);
    }
    facts.per = ParseCount(batch);
  }
}

// The operation of an Overhead or Floor name (runs before bench wrote it):
//   Overhead/<operation>[/<strategy>[/<transport>]][/spawn]/key:value...
//   Overhead/ProcessStart/{fork,spawn,pool}, Overhead/MemoryKernel/{fresh,reused}
//   Floor/<operation>/key:value...
// The same facts bench/facts.cc writes for them.
void ReadOperation(absl::string_view name, BenchFacts& facts) {
  const std::vector<absl::string_view> c = absl::StrSplit(name, '/');
  if (c.size() < 2 || c[1].empty() || IsKeyValue(c[1])) return;
  OperationFacts op;
  if (c[0] == "Overhead") {
    op.family = OperationFamily::kOverhead;
  } else if (c[0] == "Floor") {
    op.family = OperationFamily::kFloor;
  } else {
    return;
  }
  op.operation = std::string(c[1]);
  std::vector<absl::string_view> words;
  for (size_t i = 2; i < c.size(); ++i) {
    absl::string_view kv = c[i];
    if (IsSuffix(kv)) continue;
    if (!IsKeyValue(kv)) {
      words.push_back(kv);
    } else if (absl::ConsumePrefix(&kv, "workers:")) {
      op.workers = ParseCount(kv);
    } else if (absl::ConsumePrefix(&kv, "batch:")) {
      op.batch = ParseCount(kv);
    } else if (absl::ConsumePrefix(&kv, "chunk:")) {
      op.chunk = ParseCount(kv);
    } else if (absl::ConsumePrefix(&kv, "mib:") || absl::ConsumePrefix(&kv, "resident_mib:")) {
      op.mib = ParseCount(kv);
    }
  }
  if (op.family == OperationFamily::kOverhead && !words.empty()) {
    if (op.operation == "ProcessStart") {
      // A process per task forked or spawned, or a process pool started.
      op.strategy = words[0] == "pool" ? "ProcessPool" : "ProcessPerTask";
      op.launch = words[0] == "spawn" ? "spawn" : "fork";
    } else if (op.operation == "MemoryKernel") {
      op.pages = std::string(words[0]);
    } else {
      size_t next = 1;
      op.strategy = std::string(words[0]);
      if (words.size() > 1 && LegacyIsTransport(words[1])) {
        absl::StrAppend(&op.strategy, "/", words[1]);
        next = 2;
      }
      if (LegacyRoles(op.strategy).worker_kind == WorkerKind::kProcesses) {
        op.launch = words.size() > next && words[next] == "spawn" ? "spawn" : "fork";
      }
    }
  }
  facts.op = std::move(op);
}

}  // namespace

BenchFacts LegacyFacts(absl::string_view run_name, absl::string_view label) {
  BenchFacts facts;
  if (ParseGrammar(run_name, facts)) {
    facts.source = FactsSource::kLegacyName;
    facts.chunk = ParseCount(LegacyNameValue(run_name, "chunk"));
    facts.task_size = ParseCount(LegacyNameValue(run_name, "size"));
    const LegacyStrategyRoles roles = LegacyRoles(facts.strategy);
    facts.worker_kind = roles.worker_kind;
    facts.dispatch = roles.dispatch;
    facts.table_role = roles.table_role;
    facts.workload_role = LegacyWorkloadRole(facts.workload);
    facts.bound = LegacyWorkloadBound(facts.workload);
    // Process workers were forked, or spawned in the spawn rows.
    if (roles.worker_kind == WorkerKind::kProcesses) {
      facts.launch = facts.life == "spawn" ? "spawn" : "fork";
    }
    facts.spin = ParseCount(LegacyNameValue(run_name, "spin"));
    facts.caller_runs = ParseCount(LegacyNameValue(run_name, "caller_runs"));
    facts.lang = LegacyNameValue(run_name, "lang");
    facts.api = LegacyNameValue(run_name, "api");
  }
  ReadOperation(run_name, facts);
  ReadFloor(run_name, label, facts);
  return facts;
}

std::string LegacyNameValue(absl::string_view name, absl::string_view key) {
  const std::vector<absl::string_view> c = absl::StrSplit(name, '/');
  const std::string prefix = absl::StrCat(key, ":");
  absl::string_view value;
  for (size_t i = 2; i < c.size(); ++i) {
    if (absl::StartsWith(c[i], prefix)) value = c[i].substr(prefix.size());
  }
  return std::string(value);
}

LegacyStrategyRoles LegacyRoles(absl::string_view strategy) {
  // The strategy table's rows as of 2026-12-06, and the ceiling.
  struct Row {
    absl::string_view name;
    LegacyStrategyRoles roles;
  };
  static constexpr Row kRows[] = {
      {"Sequential", {WorkerKind::kInline, Dispatch::kBlock, TableRole::kBaseline}},
      {"ThreadPool", {WorkerKind::kThreads, Dispatch::kChunked, TableRole::kNone}},
      {"ProcessPool", {WorkerKind::kProcesses, Dispatch::kChunked, TableRole::kNone}},
      {"ThreadPerTask", {WorkerKind::kThreads, Dispatch::kPerTask, TableRole::kNone}},
      {"ProcessPerTask", {WorkerKind::kProcesses, Dispatch::kPerTask, TableRole::kNone}},
      {"EventLoop", {WorkerKind::kInline, Dispatch::kPerTask, TableRole::kNone}},
      {"OpenMp", {WorkerKind::kThreads, Dispatch::kBlock, TableRole::kPerTaskReference}},
      {"Tbb", {WorkerKind::kThreads, Dispatch::kChunked, TableRole::kPerTaskReference}},
      {"Mpi", {WorkerKind::kRemote, Dispatch::kChunked, TableRole::kNone}},
      {"BareThreads", {WorkerKind::kThreads, Dispatch::kBlock, TableRole::kCeiling}},
  };
  const absl::string_view row = strategy.substr(0, strategy.find('/'));
  for (const Row& r : kRows) {
    if (r.name == row) return r.roles;
  }
  return {};
}

WorkloadRole LegacyWorkloadRole(absl::string_view workload) {
  return workload == "Cpu" ? WorkloadRole::kReference : WorkloadRole::kNone;
}

WorkloadBound LegacyWorkloadBound(absl::string_view workload) {
  if (workload == "Cpu" || workload == "Memory" || workload == "Compress") {
    return WorkloadBound::kCpu;
  }
  if (workload == "Io" || workload == "IoFile" || workload == "IoNet") return WorkloadBound::kIo;
  return WorkloadBound::kUnknown;
}

std::vector<std::string> LegacyStrategyOrder() {
  return {"Sequential",     "ThreadPool", "ProcessPool", "ThreadPerTask",
          "ProcessPerTask", "EventLoop",  "OpenMp"};
}

bool LegacyIsCeiling(absl::string_view strategy) {
  return LegacyRoles(strategy).table_role == TableRole::kCeiling;
}

bool LegacyIsTransport(absl::string_view component) { return component == "shm"; }

std::string LegacyNameFamily(absl::string_view name) {
  std::vector<absl::string_view> kept;
  for (absl::string_view c : absl::StrSplit(name, '/')) {
    if (IsKeyValue(c) || IsPlainNumber(c) || IsSuffix(c)) continue;
    kept.push_back(c);
  }
  return absl::StrJoin(kept, "/");
}

}  // namespace parbench::report
