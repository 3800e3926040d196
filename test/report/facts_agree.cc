// facts_agree FILE: every record of a bench run carries bench's facts label,
// and those facts equal what the legacy reader derives from the record's
// name (and label): the proof that the writer (bench/facts.cc) and the one
// legacy reader (lib/report/legacy_names.cc) agree. Prints each family's
// count of records that agree; each disagreement as "name: field: label X,
// name Y". Exit 0 when all agree, 1 when one does not, 2 on a bad file.
// Run by test/bench/bench_facts_test.sh on a real run.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/report/legacy_names.h"
#include "lib/report/model.h"
#include "lib/report/run_reader.h"

namespace parbench::report {
namespace {

std::string Text(const std::optional<int64_t>& v) { return v ? absl::StrCat(*v) : "(none)"; }
std::string Text(const std::string& v) { return v.empty() ? "(none)" : v; }
template <typename Enum>
std::string Text(Enum e) {
  return absl::StrCat(static_cast<int>(e));
}

// Each field that differs, one line each.
int Disagreements(const Record& r, const BenchFacts& label, const BenchFacts& name) {
  int n = 0;
  auto check = [&](const char* field, const auto& a, const auto& b) {
    if (a == b) return;
    std::cout << r.name << ": " << field << ": label " << Text(a) << ", name " << Text(b) << "\n";
    ++n;
  };
  check("workload", label.workload, name.workload);
  check("strategy", label.strategy, name.strategy);
  check("life", label.life, name.life);
  check("launch", label.launch, name.launch);
  check("workers", label.workers, name.workers);
  check("tasks", label.tasks, name.tasks);
  check("chunk", label.chunk, name.chunk);
  check("size", label.task_size, name.task_size);
  check("spin", label.spin, name.spin);
  check("caller_runs", label.caller_runs, name.caller_runs);
  check("lang", label.lang, name.lang);
  check("api", label.api, name.api);
  check("floor", label.floor, name.floor);
  check("per", label.per, name.per);
  check("kind", label.worker_kind, name.worker_kind);
  check("dispatch", label.dispatch, name.dispatch);
  check("role", label.table_role, name.table_role);
  check("workload_role", label.workload_role, name.workload_role);
  check("bound", label.bound, name.bound);
  check("family", label.op.family, name.op.family);
  check("operation", label.op.operation, name.op.operation);
  check("operation's strategy", label.op.strategy, name.op.strategy);
  check("operation's launch", label.op.launch, name.op.launch);
  check("operation's pages", label.op.pages, name.op.pages);
  check("operation's workers", label.op.workers, name.op.workers);
  check("operation's batch", label.op.batch, name.op.batch);
  check("operation's chunk", label.op.chunk, name.op.chunk);
  check("operation's mib", label.op.mib, name.op.mib);
  return n;
}

int Main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: facts_agree FILE\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  absl::StatusOr<Run> run = ReadRun(text, argv[1]);
  if (!run.ok()) {
    std::cerr << run.status().message() << "\n";
    return 2;
  }
  int bad = 0;
  std::map<std::string, int> agree;  // by family: the name's first component
  for (const Record& r : run->records) {
    if (r.facts.source != FactsSource::kFactsLabel) {
      std::cout << r.name << ": no facts label\n";
      ++bad;
      continue;
    }
    const BenchFacts legacy = LegacyFacts(r.run_name, r.label.value_or(""));
    int n = Disagreements(r, r.facts, legacy);
    // The reader fills what older labels lacked from the legacy reader:
    // bench must say it itself.
    for (const auto& [item, said] :
         {std::pair{" family=", legacy.op.family != OperationFamily::kNone},
          std::pair{" bound=", legacy.bound != WorkloadBound::kUnknown},
          std::pair{" spin=", legacy.spin.has_value()},
          std::pair{" caller_runs=", legacy.caller_runs.has_value()}}) {
      if (said && !absl::StrContains(r.label.value_or(""), item)) {
        std::cout << r.name << ": the label does not say" << item << "\n";
        ++n;
      }
    }
    bad += n;
    if (n == 0) ++agree[r.name.substr(0, r.name.find('/'))];
  }
  for (const auto& [family, count] : agree) std::cout << family << " " << count << " agree\n";
  return bad == 0 && !run->records.empty() ? 0 : 1;
}

}  // namespace
}  // namespace parbench::report

int main(int argc, char** argv) { return parbench::report::Main(argc, argv); }
