// bench: parbench's one binary. The tables are checked, then Google
// Benchmark's flags, the workloads' size flags and the suite's own (see
// --help) are parsed; bad values stop it before any work starts.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/strings/str_join.h"
#include "bench/background_load.h"
#include "bench/measure.h"
#include "bench/progress_reporter.h"
#include "bench/registration.h"
#include "bench/suite_config.h"
#include "bench/suite_context.h"
#include "benchmark/benchmark.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/spawn_worker.h"
#ifdef PARBENCH_HAVE_MPI
#include "lib/strategies/mpi/mpi_world.h"
#endif

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
      "The Mpi rows run only under mpirun (mpirun -np P bench ...; see README.md).\n"
      "\nSuite flags:\n%s\nGoogle Benchmark flags:\n",
      WorkloadNames().c_str(), parbench::SuiteFlagsHelp().c_str());
  benchmark::PrintDefaultHelp();
}

// Under mpirun every rank parses the same flags, but only rank 0 speaks: the
// others' stdout and stderr go to /dev/null while they parse (a bad flag is
// reported once, and every rank exits with the same status), and come back
// after, for errors of their own.
class QuietUnlessRankZero {
 public:
  explicit QuietUnlessRankZero(bool quiet) {
    if (!quiet) return;
    std::fflush(stdout);
    std::fflush(stderr);
    const parbench::UniqueFd null(::open("/dev/null", O_WRONLY | O_CLOEXEC));
    if (!null.valid()) return;
    for (int fd : {STDOUT_FILENO, STDERR_FILENO}) {
      saved_.emplace_back(fd, parbench::UniqueFd(::fcntl(fd, F_DUPFD_CLOEXEC, 3)));
      ::dup2(null.get(), fd);
    }
  }
  ~QuietUnlessRankZero() {
    std::fflush(stdout);
    std::fflush(stderr);
    for (const auto& [fd, saved] : saved_) {
      if (saved.valid()) ::dup2(saved.get(), fd);
    }
  }
  QuietUnlessRankZero(const QuietUnlessRankZero&) = delete;
  QuietUnlessRankZero& operator=(const QuietUnlessRankZero&) = delete;

 private:
  std::vector<std::pair<int, parbench::UniqueFd>> saved_;
};

// The rank mpirun gave this process; nullopt without mpirun or MPI.
std::optional<int> MpirunRank() {
#ifdef PARBENCH_HAVE_MPI
  return parbench::MpirunRank();
#else
  return std::nullopt;
#endif
}

// Takes Google Benchmark's flags, the workloads' size flags and the suite's
// own; a bad one is reported (unless `quiet`) and ends the run.
absl::StatusOr<parbench::SuiteConfig> ParseFlags(int& argc, char** argv, bool quiet) {
  const QuietUnlessRankZero quiet_guard(quiet);
  benchmark::Initialize(&argc, argv, PrintHelp);  // Takes the --benchmark_* flags.
  absl::StatusOr<std::vector<std::uint64_t>> sizes = parbench::TakeWorkloadFlags(argc, argv);
  if (!sizes.ok()) {
    std::fprintf(stderr, "bench: %s (see --help)\n", std::string(sizes.status().message()).c_str());
    return absl::InvalidArgumentError("bad flag");
  }
  // abseil takes the rest; an unknown flag stops the run here.
  const std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() > 1) {
    std::fprintf(stderr, "bench: unexpected argument '%s' (see --help)\n", positional[1]);
    return absl::InvalidArgumentError("bad flag");
  }
  absl::StatusOr<parbench::SuiteConfig> config =
      parbench::ReadSuiteConfig(*std::move(sizes), parbench::ProbeUsableCpus());
  if (!config.ok()) {
    std::fprintf(stderr, "bench: %s (see --help)\n",
                 std::string(config.status().message()).c_str());
    return absl::InvalidArgumentError("bad flag");
  }
  return config;
}

}  // namespace

int main(int argc, char** argv) {
  // A one-task worker started by a spawn launch: answer and go, before any
  // flag parsing or benchmark setup.
  if (const std::optional<int> status = parbench::RunSpawnWorkerIfAsked(argc, argv)) {
    return *status;
  }
  // A worker of a cold Mpi pool, started by MPI_Comm_spawn with bench's own
  // arguments after its flag: it parses them as every rank does.
  bool spawned_mpi_worker = false;
#ifdef PARBENCH_HAVE_MPI
  if (parbench::IsSpawnedMpiWorker(argc, argv)) {
    spawned_mpi_worker = true;
    std::copy(argv + 2, argv + argc + 1, argv + 1);  // Takes the flag out (argv[argc] is null).
    --argc;
  }
#endif
  for (const absl::Status& tables : {parbench::ValidateWorkloads(parbench::ReservedFlagNames()),
                                     parbench::ValidateStrategies()}) {
    if (!tables.ok()) {
      std::fprintf(stderr, "bench: %s\n", std::string(tables.message()).c_str());
      return kBadRegistration;
    }
  }
  const parbench::DisplayChoice display = parbench::ChooseDisplay(argc, argv);
  const std::vector<std::string> arguments(argv + 1, argv + argc);  // Before parsing takes them.
  const std::optional<int> mpirun_rank = MpirunRank();
  absl::StatusOr<parbench::SuiteConfig> config =
      ParseFlags(argc, argv, spawned_mpi_worker || mpirun_rank.value_or(0) != 0);
  if (!config.ok()) return kBadInput;
#ifdef PARBENCH_HAVE_MPI
  parbench::SetWorkerFlagValues(config->flag_values);
  if (spawned_mpi_worker) return parbench::RunSpawnedMpiWorker();
  // MPI only under mpirun, and only after the flags passed: a bad flag ends
  // every rank before any of them joins the world.
  if (mpirun_rank.has_value()) {
    if (const absl::Status init = parbench::InitMpiWorld(); !init.ok()) {
      std::fprintf(stderr, "bench: %s\n", std::string(init.message()).c_str());
      return 1;
    }
    // Every rank but 0 serves the Mpi strategy's tasks until rank 0 is done.
    if (parbench::MpiWorldRank() != 0) return parbench::ServeMpiWorld();
    parbench::SetSpawnArguments(arguments);
  }
#endif
  parbench::AddSuiteContext(*config);
  parbench::RegisterAllFamilies(*config);
  absl::StatusOr<std::unique_ptr<parbench::BackgroundLoad>> load =
      parbench::BackgroundLoad::Start(config->background_load);
  if (!load.ok()) {
    std::fprintf(stderr, "bench: %s\n", std::string(load.status().message()).c_str());
    return 1;
  }
  if (display.progress) {
    // A progress line on stderr; the console output and any JSON file stay
    // as they are.
    parbench::ProgressReporter progress(display.options, parbench::CountSelectedBenchmarks(argv[0]),
                                        stderr);
    benchmark::RunSpecifiedBenchmarks(&progress);
  } else {
    benchmark::RunSpecifiedBenchmarks();
  }
  load->reset();
  parbench::StopSharedResources();  // Started by the first benchmark that needed one.
  benchmark::Shutdown();
#ifdef PARBENCH_HAVE_MPI
  if (parbench::MpiWorldSize() > 0) parbench::StopMpiWorld();
#endif
  return 0;
}
