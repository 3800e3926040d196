// Fuzzes bench's flag parsing: the input, split at NUL bytes, is an argv.
// TakeWorkloadFlags takes the workloads' size flags out of it; every
// remaining --name=value of a suite flag is parsed by abseil as
// ParseCommandLine would (without its exit on a bad flag), and
// ReadSuiteConfig checks the lot. Whatever the argv: no crash, no leak, and
// what is accepted is within its limits; what is refused says which flag.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "bench/suite_config.h"
#include "lib/core/workload_table.h"

namespace parbench {
namespace {

absl::StatusOr<std::uint64_t> RunNothing(std::uint64_t size) { return size; }

// Two rows, so that the size flags have something to find: bench's own
// workloads are not linked here.
PARBENCH_REGISTER_WORKLOAD({.name = "Alpha",
                            .size_flag = "alpha_n",
                            .help = "A fuzzed row.",
                            .default_size = 10,
                            .max_size = 1000,
                            .run = &RunNothing});
PARBENCH_REGISTER_WORKLOAD({.name = "Beta",
                            .size_flag = "beta_count",
                            .help = "Another.",
                            .default_size = 1,
                            .max_size = 1,
                            .run = &RunNothing});

// At most this many arguments: beyond a few, only repetition.
constexpr std::size_t kMaxArguments = 64;

void Check(bool invariant) {
  if (!invariant) std::abort();
}

// The value of each remaining "--name=value" (or "-name=value") whose name is
// a flag of this binary, handed to abseil's parser for that flag; false when
// abseil refuses one (ParseCommandLine would then end the run).
bool ParseSuiteFlags(const std::vector<char*>& left) {
  for (const char* arg : left) {
    absl::string_view name = arg;
    if (!absl::ConsumePrefix(&name, "--") && !absl::ConsumePrefix(&name, "-")) continue;
    const std::size_t eq = name.find('=');
    if (eq == absl::string_view::npos) continue;
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name.substr(0, eq));
    if (flag == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(name.substr(eq + 1), &error)) return false;
  }
  return true;
}

}  // namespace
}  // namespace parbench

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace parbench;
  static const bool tables_valid = ValidateWorkloads(ReservedFlagNames()).ok();
  Check(tables_valid);
  const absl::FlagSaver restore_flags_after_this_input;

  std::vector<std::string> args = {"bench"};
  for (absl::string_view arg :
       absl::StrSplit(absl::string_view(reinterpret_cast<const char*>(data), size), '\0')) {
    if (args.size() > kMaxArguments) break;
    args.emplace_back(arg);
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  const int given = argc;

  const absl::StatusOr<std::vector<std::uint64_t>> values = TakeWorkloadFlags(argc, argv.data());
  if (!values.ok()) {
    Check(absl::IsInvalidArgument(values.status()));
    Check(absl::StartsWith(values.status().message(), "--"));
    return 0;
  }
  Check(argc >= 1 && argc <= given && argv[static_cast<std::size_t>(argc)] == nullptr);
  const absl::Span<const WorkloadSpec> rows = Workloads();
  Check(values->size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Check((*values)[i] >= 1 && (*values)[i] <= rows[i].max_size);
  }

  const std::vector<char*> left(argv.begin() + 1, argv.begin() + argc);
  if (!ParseSuiteFlags(left)) return 0;
  const UsableCpus cpus{.affinity = 4, .usable = 4};
  const absl::StatusOr<SuiteConfig> config = ReadSuiteConfig(*values, cpus);
  if (!config.ok()) {
    Check(absl::IsInvalidArgument(config.status()));
    Check(absl::StartsWith(config.status().message(), "--"));
    return 0;
  }
  Check(!config->workers.empty() && std::is_sorted(config->workers.begin(), config->workers.end()));
  Check(std::adjacent_find(config->workers.begin(), config->workers.end()) ==
        config->workers.end());
  Check(config->workers.front() >= 1 && config->workers.back() <= 256);
  Check(config->tasks >= 1 && config->tasks <= 100'000);
  Check(config->background_load >= 0 && config->background_load <= 256);
  for (const int mib : config->fork_resident_mib) Check(mib >= 0);
  return 0;
}
