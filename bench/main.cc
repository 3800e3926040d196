// bench: parbench's one binary. The tables are checked, then Google
// Benchmark's flags, the workloads' size flags and the suite's own (see
// --help) are parsed; bad values stop it before any work starts.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/strings/str_join.h"
#include "bench/measure.h"
#include "bench/registration.h"
#include "bench/suite_config.h"
#include "bench/suite_context.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "lib/strategies/process/spawn_worker.h"

namespace {

// Exit status for bad command-line input, as the scripts use.
constexpr int kBadInput = 2;
// Exit status for a bad registration in the tables: a build mistake.
constexpr int kBadRegistration = 3;

std::string WorkloadNames() {
  std::vector<absl::string_view> names;
  for (const parbench::WorkloadSpec& row : parbench::Workloads()) names.push_back(row.name);
  return absl::StrJoin(names, ", ");
}

void PrintHelp() {
  std::printf(
      "bench: when does parallelism pay off, and what does it cost?\n"
      "Runs each workload (%s) with each strategy and worker count.\n"
      "Names: <Workload>/<Strategy>[/cold|/warm]/workers:<n>/tasks:<t>/real_time\n"
      "\nSuite flags:\n%s\nGoogle Benchmark flags:\n",
      WorkloadNames().c_str(), parbench::SuiteFlagsHelp().c_str());
  benchmark::PrintDefaultHelp();
}

}  // namespace

int main(int argc, char** argv) {
  // A one-task worker started by a spawn launch: answer and go, before any
  // flag parsing or benchmark setup.
  if (const std::optional<int> status = parbench::RunSpawnWorkerIfAsked(argc, argv)) {
    return *status;
  }
  for (const absl::Status& tables : {parbench::ValidateWorkloads(parbench::ReservedFlagNames()),
                                     parbench::ValidateStrategies()}) {
    if (!tables.ok()) {
      std::fprintf(stderr, "bench: %s\n", std::string(tables.message()).c_str());
      return kBadRegistration;
    }
  }
  benchmark::Initialize(&argc, argv, PrintHelp);  // Takes the --benchmark_* flags.
  absl::StatusOr<std::vector<std::uint64_t>> sizes = parbench::TakeWorkloadFlags(argc, argv);
  if (!sizes.ok()) {
    std::fprintf(stderr, "bench: %s (see --help)\n", std::string(sizes.status().message()).c_str());
    return kBadInput;
  }
  // abseil takes the rest; an unknown flag stops the run here.
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() > 1) {
    std::fprintf(stderr, "bench: unexpected argument '%s' (see --help)\n", positional[1]);
    return kBadInput;
  }
  const absl::StatusOr<parbench::SuiteConfig> config =
      parbench::ReadSuiteConfig(*std::move(sizes), parbench::ProbeUsableCpus());
  if (!config.ok()) {
    std::fprintf(stderr, "bench: %s (see --help)\n",
                 std::string(config.status().message()).c_str());
    return kBadInput;
  }
  parbench::AddSuiteContext(*config);
  parbench::RegisterAllFamilies(*config);
  benchmark::RunSpecifiedBenchmarks();
  parbench::StopSharedResources();  // Started by the first benchmark that needed one.
  benchmark::Shutdown();
  return 0;
}
