// bench: parbench's one binary, started in one of four roles (see
// process_role.h): each is decided once, here, and dispatched once. For every
// role but the spawn worker the tables are checked, then Google Benchmark's
// flags, the workloads' size flags and the suite's own (see --help) are
// parsed; bad values stop it before any work starts.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/background_load.h"
#include "bench/mpi_session.h"
#include "bench/process_role.h"
#include "bench/progress_reporter.h"
#include "bench/records_reporter.h"
#include "bench/registration.h"
#include "bench/suite_config.h"
#include "bench/suite_context.h"
#include "benchmark/benchmark.h"
#include "lib/core/shared_resources.h"
#include "lib/core/strategy_table.h"
#include "lib/core/workload_table.h"
#include "lib/posix/exit_status.h"
#include "lib/posix/line_file.h"
#include "lib/posix/unique_fd.h"
#include "lib/strategies/process/spawn_worker.h"

namespace {

namespace exit_status = parbench::exit_status;

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

// Says which call failed, on stderr, as it goes on: silencing is a courtesy
// that a failure must not turn into a stop.
void ReportFailedCall(const char* call) {
  std::fprintf(stderr, "bench: %s: %s\n", call, std::strerror(errno));
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
    if (!null.valid()) {
      ReportFailedCall("open(/dev/null)");
      return;
    }
    for (int fd : {STDOUT_FILENO, STDERR_FILENO}) {
      // Silenced only when it can be given back.
      parbench::UniqueFd saved(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
      if (!saved.valid()) {
        ReportFailedCall("fcntl(F_DUPFD_CLOEXEC)");
        continue;
      }
      if (::dup2(null.get(), fd) < 0) {
        ReportFailedCall("dup2(/dev/null)");
        continue;
      }
      saved_.emplace_back(fd, std::move(saved));
    }
  }
  ~QuietUnlessRankZero() {
    std::fflush(stdout);
    std::fflush(stderr);
    for (const auto& [fd, saved] : saved_) {
      if (::dup2(saved.get(), fd) < 0) ReportFailedCall("dup2(restoring stdout or stderr)");
    }
  }
  QuietUnlessRankZero(const QuietUnlessRankZero&) = delete;
  QuietUnlessRankZero& operator=(const QuietUnlessRankZero&) = delete;

 private:
  std::vector<std::pair<int, parbench::UniqueFd>> saved_;  // Each silenced descriptor's copy.
};

// How long a rank other than 0 waits before it ends on a bad flag (see
// RunBench): far longer than rank 0 takes to print its report.
constexpr absl::Duration kSilentRankLinger = absl::Seconds(2);

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

// The driver: registers and runs the benchmarks, and appends each finished
// one to the records file if there is one. The workloads' shared resources
// (started by the first benchmark that needs one) and the background load
// stop on every way out.
int RunDriver(parbench::SuiteConfig config, const parbench::DisplayChoice& display, char* program,
              std::optional<parbench::LineFile> records_file) {
  parbench::SharedResources shared(config.flag_values);
  config.shared_resources = &shared;
  parbench::AddSuiteContext(config);
  parbench::RegisterAllFamilies(config);
  absl::StatusOr<std::unique_ptr<parbench::BackgroundLoad>> load =
      parbench::BackgroundLoad::Start(config.background_load);
  if (!load.ok()) {
    std::fprintf(stderr, "bench: %s\n", std::string(load.status().message()).c_str());
    return exit_status::kFailed;
  }
  // A progress line on stderr, or the default console output; any JSON file
  // stays as it is.
  std::unique_ptr<parbench::ProgressReporter> progress;
  if (display.progress) {
    progress = std::make_unique<parbench::ProgressReporter>(
        display.options, parbench::CountSelectedBenchmarks(program), stderr);
  }
  // Google Benchmark owns its default display reporter (a static it keeps).
  benchmark::BenchmarkReporter* shown =
      progress ? progress.get() : benchmark::CreateDefaultDisplayReporter();
  int status = exit_status::kOk;
  if (records_file.has_value()) {
    parbench::RecordsReporter records(*std::move(records_file), shown);
    benchmark::RunSpecifiedBenchmarks(&records);
    if (!records.status().ok()) {
      std::fprintf(stderr, "bench: the records: %s\n",
                   std::string(records.status().message()).c_str());
      status = exit_status::kFailed;
    }
  } else {
    benchmark::RunSpecifiedBenchmarks(shown);
  }
  benchmark::Shutdown();
  return status;
}

// Every role but the spawn worker: the tables, the flags, then MPI if the
// role takes part in it, then the role's work.
int RunBench(parbench::ProcessRole role, int argc, char** argv) {
  using parbench::ProcessRole;
  // A cold Mpi pool's worker gets bench's own arguments after its flag.
  if (role == ProcessRole::kSpawnedMpiWorker) parbench::DropMpiWorkerFlag(argc, argv);
  for (const absl::Status& tables : {parbench::ValidateWorkloads(parbench::ReservedFlagNames()),
                                     parbench::ValidateStrategies()}) {
    if (!tables.ok()) {
      std::fprintf(stderr, "bench: %s\n", std::string(tables.message()).c_str());
      return exit_status::kBadRegistration;
    }
  }
  const parbench::DisplayChoice display = parbench::ChooseDisplay(argc, argv);
  std::vector<std::string> arguments(argv + 1, argv + argc);  // Before parsing takes them.
  absl::StatusOr<parbench::SuiteConfig> config =
      ParseFlags(argc, argv, /*quiet=*/role != ProcessRole::kDriver);
  if (!config.ok()) {
    // mpirun aborts the job at the first rank that exits non-zero, and may
    // cut rank 0's one report of the bad flag short if a silent rank ends
    // first (seen under load): the silent ranks give it time, and rank 0's
    // own exit ends their wait (mpirun kills them then).
    if (role != ProcessRole::kDriver) absl::SleepFor(kSilentRankLinger);
    return exit_status::kBadInput;
  }
  // The records file, created before any rank joins an MPI world: a path it
  // cannot create stops the run before any work.
  std::optional<parbench::LineFile> records_file;
  if (role == ProcessRole::kDriver && !config->records.empty() && !display.listing) {
    absl::StatusOr<parbench::LineFile> file = parbench::LineFile::Create(config->records);
    if (!file.ok()) {
      std::fprintf(stderr, "bench: --records: %s\n", std::string(file.status().message()).c_str());
      return exit_status::kBadInput;
    }
    records_file = *std::move(file);
  }
  // MPI only now that the flags passed: a bad flag ends every rank before
  // any of them joins the world.
  absl::StatusOr<std::unique_ptr<parbench::MpiSession>> mpi =
      parbench::MpiSession::Join(role, config->flag_values, std::move(arguments));
  if (!mpi.ok()) {
    std::fprintf(stderr, "bench: %s\n", std::string(mpi.status().message()).c_str());
    return exit_status::kFailed;
  }
  if (role != ProcessRole::kDriver) return (*mpi)->Serve();
  return RunDriver(*std::move(config), display, argv[0], std::move(records_file));
}

}  // namespace

int main(int argc, char** argv) {
  const parbench::ProcessRole role = parbench::DecideRole(argc, argv);
  switch (role) {
    case parbench::ProcessRole::kSpawnWorker:
      // Answers and goes, before any flag parsing or benchmark setup.
      return parbench::RunSpawnWorkerIfAsked(argc, argv).value_or(exit_status::kBadInput);
    case parbench::ProcessRole::kSpawnedMpiWorker:
    case parbench::ProcessRole::kMpiRank:
    case parbench::ProcessRole::kDriver:
      return RunBench(role, argc, argv);
  }
  return exit_status::kFailed;  // Not reached: every role is handled above.
}
