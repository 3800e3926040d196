#include "bench/suite_config.h"

#include <algorithm>
#include <map>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lib/core/workload_table.h"

ABSL_FLAG(std::string, workers, "",
          "Comma-separated worker counts, e.g. 1,2,4 (default: 1,2,4,8,10 and the usable CPU "
          "count).");
ABSL_FLAG(std::string, tasks, "10", "Tasks per run (the seed runs 10).");
ABSL_FLAG(std::string, fork_resident_mib, "0,256,2048",
          "Overhead/Fork: MiB of memory the parent touches before each fork, comma-separated "
          "(0 allowed).");
ABSL_FLAG(std::string, background_load, "0",
          "Busy threads that compete for the CPUs during the whole run (0: none), to read the "
          "same benchmarks on a machine whose CPUs are all busy.");
ABSL_FLAG(std::string, records, "",
          "A new file to which each finished benchmark's records are appended as it finishes "
          "(JSON Lines; see results/README.md), so that a run that dies keeps what it finished.");
ABSL_FLAG(bool, sweep, false,
          "Also run CpuSweep: every strategy at Cpu task sizes 1e3..1e8 (long: see README).");

namespace parbench {
namespace {

// Limits that refuse absurd values before anything runs. Each worker may be a
// process, and a small machine gains nothing from thousands of them.
constexpr std::int64_t kMaxWorkers = 256;
constexpr std::int64_t kMaxTasks = 100'000;
// The I/O-bound workloads' extra worker counts beyond the default list.
constexpr int kExtraIoWorkers[] = {16, 32, 64};
// Beyond a few per CPU a load only measures the scheduler.
constexpr std::int64_t kMaxBackgroundLoad = 256;
// Two thirds of a 24 GiB machine: more would make the parent swap, not fork.
constexpr std::int64_t kMaxForkResidentMib = 16 << 10;

// The flags are strings so that "-3", "abc" and "1e9" get one clear message
// from here rather than abseil's parser or a silent wrap-around.
absl::StatusOr<std::int64_t> ParsePositive(absl::string_view flag, absl::string_view text,
                                           std::int64_t max) {
  std::int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value)) {
    return absl::InvalidArgumentError(absl::StrFormat("--%s=%s: not a whole number", flag, text));
  }
  if (value < 1 || value > max) {
    return absl::InvalidArgumentError(
        absl::StrFormat("--%s=%s: must be between 1 and %d", flag, text, max));
  }
  return value;
}

// Sorted, without duplicates.
std::vector<int> Normalised(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

absl::StatusOr<std::vector<int>> ParseWorkers(absl::string_view text, int usable_cpus) {
  if (text.empty()) return Normalised({1, 2, 4, 8, 10, usable_cpus});
  std::vector<int> workers;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    if (item.empty()) {
      return absl::InvalidArgumentError(
          absl::StrFormat("--workers=%s: empty item in the list", text));
    }
    absl::StatusOr<std::int64_t> count = ParsePositive("workers", item, kMaxWorkers);
    if (!count.ok()) return count.status();
    workers.push_back(static_cast<int>(*count));
  }
  return Normalised(std::move(workers));
}

absl::StatusOr<std::vector<int>> ParseForkResidentMib(absl::string_view text) {
  std::vector<int> mibs;
  for (absl::string_view item : absl::StrSplit(text, ',')) {
    // Zero is a valid size here (a bare parent), unlike the other flags.
    std::int64_t mib = 0;
    if (!absl::SimpleAtoi(item, &mib) || mib < 0 || mib > kMaxForkResidentMib) {
      return absl::InvalidArgumentError(
          absl::StrFormat("--fork_resident_mib=%s: each item must be a whole number from 0 to %d",
                          text, kMaxForkResidentMib));
    }
    mibs.push_back(static_cast<int>(mib));
  }
  return Normalised(std::move(mibs));
}

// True for a flag abseil defines for itself (absl/flags/parse.cc's
// --flagfile and the like), by the file it was defined in.
bool IsAbseilsOwnFlag(const absl::CommandLineFlag& flag) {
  const std::string file = flag.Filename();
  return absl::StartsWith(file, "absl/") || absl::StrContains(file, "/absl/");
}

// The workload whose size flag is `name`, if any.
std::optional<WorkloadId> WorkloadWithFlag(absl::string_view name) {
  const absl::Span<const WorkloadSpec> rows = Workloads();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size_flag == name) return static_cast<WorkloadId>(i);
  }
  return std::nullopt;
}

}  // namespace

Task SuiteConfig::TaskFor(WorkloadId workload) const {
  const WorkloadSpec& spec = Workloads()[workload];
  const std::uint64_t value = flag_values[workload];
  return {workload, spec.task_size != nullptr ? spec.task_size(value) : value};
}

absl::StatusOr<std::vector<std::uint64_t>> TakeWorkloadFlags(int& argc, char** argv) {
  const absl::Span<const WorkloadSpec> rows = Workloads();
  std::vector<std::uint64_t> values;
  for (const WorkloadSpec& row : rows) values.push_back(row.default_size);
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") {  // Everything after it is positional, as for abseil.
      while (i < argc) argv[kept++] = argv[i++];
      break;
    }
    absl::string_view name = arg;
    if (!absl::ConsumePrefix(&name, "--")) absl::ConsumePrefix(&name, "-");
    std::optional<absl::string_view> text;
    if (const std::size_t eq = name.find('='); eq != absl::string_view::npos) {
      text = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const std::optional<WorkloadId> id = name != arg ? WorkloadWithFlag(name) : std::nullopt;
    if (!id) {
      argv[kept++] = argv[i];
      continue;
    }
    if (!text) {
      if (i + 1 == argc) {
        return absl::InvalidArgumentError(absl::StrFormat("--%s: missing value", name));
      }
      text = argv[++i];
    }
    const WorkloadSpec& row = rows[*id];
    absl::StatusOr<std::int64_t> value =
        ParsePositive(name, *text, static_cast<std::int64_t>(row.max_size));
    if (!value.ok()) return value.status();
    values[*id] = static_cast<std::uint64_t>(*value);
  }
  argc = kept;
  argv[argc] = nullptr;
  return values;
}

absl::StatusOr<SuiteConfig> ReadSuiteConfig(std::vector<std::uint64_t> flag_values,
                                            const UsableCpus& cpus) {
  SuiteConfig config;
  config.cpus = cpus;
  config.flag_values = std::move(flag_values);
  const std::string workers_flag = absl::GetFlag(FLAGS_workers);
  absl::StatusOr<std::vector<int>> workers = ParseWorkers(workers_flag, cpus.usable);
  if (!workers.ok()) return workers.status();
  config.workers = *std::move(workers);
  absl::StatusOr<std::int64_t> tasks =
      ParsePositive("tasks", absl::GetFlag(FLAGS_tasks), kMaxTasks);
  if (!tasks.ok()) return tasks.status();
  config.tasks = static_cast<int>(*tasks);
  config.io_workers = config.workers;
  if (workers_flag.empty()) {
    config.io_workers.insert(config.io_workers.end(), std::begin(kExtraIoWorkers),
                             std::end(kExtraIoWorkers));
    config.io_workers = Normalised(std::move(config.io_workers));
  }
  absl::StatusOr<std::vector<int>> mibs =
      ParseForkResidentMib(absl::GetFlag(FLAGS_fork_resident_mib));
  if (!mibs.ok()) return mibs.status();
  config.fork_resident_mib = *std::move(mibs);
  config.sweep = absl::GetFlag(FLAGS_sweep);
  config.records = absl::GetFlag(FLAGS_records);
  // Zero is valid here (no load), unlike for the other counts.
  std::int64_t load = 0;
  const std::string load_flag = absl::GetFlag(FLAGS_background_load);
  if (!absl::SimpleAtoi(load_flag, &load) || load < 0 || load > kMaxBackgroundLoad) {
    return absl::InvalidArgumentError(
        absl::StrFormat("--background_load=%s: must be a whole number from 0 to %d", load_flag,
                        kMaxBackgroundLoad));
  }
  config.background_load = static_cast<int>(load);
  return config;
}

std::vector<absl::string_view> ReservedFlagNames() {
  std::vector<absl::string_view> names;
  for (const auto& [name, flag] : absl::GetAllFlags()) names.push_back(flag->Name());
  return names;
}

std::string SuiteFlagsHelp() {
  // Every abseil flag the binary defines, whichever file defines it, and the
  // workloads' size flags, in name order: one list. abseil's own flags
  // (--flagfile, --fromenv, ...) are not the suite's: their files are
  // abseil's.
  std::map<std::string, std::string> help;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (IsAbseilsOwnFlag(*flag)) continue;
    help[std::string(flag->Name())] =
        absl::StrFormat("  --%s=%s\n      %s\n", flag->Name(), flag->DefaultValue(), flag->Help());
  }
  for (const WorkloadSpec& row : Workloads()) {
    help[std::string(row.size_flag)] = absl::StrFormat(
        "  --%s=%d\n      %s (1 to %d)\n", row.size_flag, row.default_size, row.help, row.max_size);
  }
  std::string text;
  for (const auto& [name, line] : help) text += line;
  return text;
}

}  // namespace parbench
