// bench: parbench's one binary. Google Benchmark's flags and the suite's own
// (see --help) are parsed first; bad values stop it before any work starts.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "bench/floor_benchmarks.h"
#include "bench/io_service.h"
#include "bench/overhead_benchmarks.h"
#include "bench/strategy_benchmarks.h"
#include "bench/suite_config.h"
#include "bench/suite_context.h"
#include "bench/sweep_benchmarks.h"
#include "benchmark/benchmark.h"
#include "lib/spawn_worker.h"

namespace {

// Exit status for bad command-line input, as the scripts use.
constexpr int kBadInput = 2;

void PrintHelp() {
  std::printf(
      "bench: when does parallelism pay off, and what does it cost?\n"
      "Runs each workload (Cpu, Io, Memory, IoNet, IoFile) with each strategy and worker count.\n"
      "Names: <Workload>/<Strategy>[/cold|/warm]/workers:<n>/tasks:<t>/real_time\n"
      "\nSuite flags:\n%s\nGoogle Benchmark flags:\n",
      parbench::SuiteFlagsHelp().c_str());
  benchmark::PrintDefaultHelp();
}

}  // namespace

int main(int argc, char** argv) {
  // A one-task worker started by ProcessPerTask's spawn launch: answer and go,
  // before any flag parsing or benchmark setup.
  if (const std::optional<int> status = parbench::RunSpawnWorkerIfAsked(argc, argv)) {
    return *status;
  }
  benchmark::Initialize(&argc, argv, PrintHelp);  // Takes the --benchmark_* flags.
  // abseil takes the rest; an unknown flag stops the run here.
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() > 1) {
    std::fprintf(stderr, "bench: unexpected argument '%s' (see --help)\n", positional[1]);
    return kBadInput;
  }
  const absl::StatusOr<parbench::SuiteConfig> config =
      parbench::ReadSuiteConfig(parbench::ProbeUsableCpus());
  if (!config.ok()) {
    std::fprintf(stderr, "bench: %s (see --help)\n", std::string(config.status().message()).c_str());
    return kBadInput;
  }
  parbench::AddSuiteContext(*config);
  parbench::RegisterSuite(*config);
  parbench::RegisterSweepBenchmarks(*config);
  parbench::RegisterOverheadBenchmarks(*config);
  parbench::RegisterFloorBenchmarks(*config);
  benchmark::RunSpecifiedBenchmarks();
  parbench::StopIoService();  // Started by the first IoNet benchmark, if any ran.
  benchmark::Shutdown();
  return 0;
}
