#include "bench/suite_config.h"

#include <algorithm>
#include "absl/strings/string_view.h"

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

ABSL_FLAG(std::string, workers, "",
          "Comma-separated worker counts, e.g. 1,2,4 (default: 1,2,4,8,10 and the usable CPU "
          "count).");
ABSL_FLAG(std::string, tasks, "10", "Tasks per run (the seed runs 10).");
ABSL_FLAG(std::string, cpu_count, "10000000", "Cpu workload: count to this number per task.");
ABSL_FLAG(std::string, io_latency_ms, "50", "Io workload: milliseconds each task waits.");
ABSL_FLAG(std::string, memory_ints, "10000000",
          "Memory workload: integers appended to a fresh vector per task.");
ABSL_FLAG(std::string, ionet_latency_ms, "50",
          "IoNet workload: milliseconds the loopback request service waits before each reply.");
ABSL_FLAG(std::string, fork_resident_mib, "0,256,2048",
          "Overhead/Fork: MiB of memory the parent touches before each fork, comma-separated "
          "(0 allowed).");
ABSL_FLAG(bool, sweep, false,
          "Also run CpuSweep: every strategy at Cpu task sizes 1e3..1e8 (long: see README).");
ABSL_FLAG(std::string, iofile_bytes, "65536",
          "IoFile workload: bytes each task writes, fsyncs and reads back.");

namespace parbench {
namespace {

// Limits that refuse absurd values before anything runs. Each worker may be a
// process, and 2 vCPUs gain nothing from thousands of them.
constexpr std::int64_t kMaxWorkers = 256;
constexpr std::int64_t kMaxTasks = 100'000;
// About 30 s of counting per task on this machine.
constexpr std::int64_t kMaxCpuCount = 100'000'000'000;
constexpr std::int64_t kMaxIoLatencyMs = 60'000;
// 1 GiB of integers per task: ten at once still fit in 24 GiB.
constexpr std::int64_t kMaxMemoryInts = 250'000'000;
// RequestService::kMaxLatency and kMaxFileBlock, spelled here for the flags.
constexpr std::int64_t kMaxIoNetLatencyMs = 60'000;
constexpr std::int64_t kMaxIoFileBytes = std::int64_t{64} << 20;
// IoNet's request is "small": a header and this much payload.
constexpr std::uint64_t kIoNetRequestBytes = 64;
// The I/O families' extra worker counts beyond the default list.
constexpr int kExtraIoWorkers[] = {16, 32, 64};

// 16 GiB: two thirds of this machine's memory.
constexpr std::int64_t kMaxForkResidentMib = 16 << 10;

// The flags are strings so that "-3", "abc" and "1e9" get one clear message
// from here rather than abseil's parser or a silent wrap-around.
absl::StatusOr<std::int64_t> ParsePositive(absl::string_view flag, absl::string_view text,
                                           std::int64_t max) {
  std::int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("--%s=%s: not a whole number", flag, text));
  }
  if (value < 1 || value > max) {
    return absl::InvalidArgumentError(
        absl::StrFormat("--%s=%s: must be between 1 and %d", flag, text, max));
  }
  return value;
}

absl::StatusOr<std::vector<int>> ParseWorkers(absl::string_view text, int usable_cpus) {
  std::vector<int> workers;
  if (text.empty()) {
    workers = {1, 2, 4, 8, 10, usable_cpus};
  } else {
    for (absl::string_view item : absl::StrSplit(text, ',')) {
      if (item.empty()) {
        return absl::InvalidArgumentError(
            absl::StrFormat("--workers=%s: empty item in the list", text));
      }
      absl::StatusOr<std::int64_t> count = ParsePositive("workers", item, kMaxWorkers);
      if (!count.ok()) return count.status();
      workers.push_back(static_cast<int>(*count));
    }
  }
  std::sort(workers.begin(), workers.end());
  workers.erase(std::unique(workers.begin(), workers.end()), workers.end());
  return workers;
}

}  // namespace

Task SuiteConfig::TaskFor(Workload workload) const {
  switch (workload) {
    case Workload::kCpu:
      return {workload, cpu_count};
    case Workload::kIo:
      return {workload, io_latency_ms * 1000};
    case Workload::kMemory:
      return {workload, memory_ints};
    case Workload::kIoNet:
      return {workload, kIoNetRequestBytes};
    case Workload::kIoFile:
      return {workload, iofile_bytes};
  }
  return {workload, 0};
}

absl::StatusOr<SuiteConfig> ReadSuiteConfig(const UsableCpus& cpus) {
  SuiteConfig config;
  config.cpus = cpus;
  absl::StatusOr<std::vector<int>> workers = ParseWorkers(absl::GetFlag(FLAGS_workers), cpus.usable);
  if (!workers.ok()) return workers.status();
  config.workers = *std::move(workers);

  struct Limited {
    absl::string_view name;
    std::string text;
    std::int64_t max;
    std::int64_t* out;
  };
  std::int64_t tasks = 0, cpu_count = 0, io_latency_ms = 0, memory_ints = 0;
  std::int64_t ionet_latency_ms = 0, iofile_bytes = 0;
  for (const Limited& flag : {
           Limited{"tasks", absl::GetFlag(FLAGS_tasks), kMaxTasks, &tasks},
           Limited{"cpu_count", absl::GetFlag(FLAGS_cpu_count), kMaxCpuCount, &cpu_count},
           Limited{"io_latency_ms", absl::GetFlag(FLAGS_io_latency_ms), kMaxIoLatencyMs,
                   &io_latency_ms},
           Limited{"memory_ints", absl::GetFlag(FLAGS_memory_ints), kMaxMemoryInts,
                   &memory_ints},
           Limited{"ionet_latency_ms", absl::GetFlag(FLAGS_ionet_latency_ms),
                   kMaxIoNetLatencyMs, &ionet_latency_ms},
           Limited{"iofile_bytes", absl::GetFlag(FLAGS_iofile_bytes), kMaxIoFileBytes,
                   &iofile_bytes},
       }) {
    absl::StatusOr<std::int64_t> value = ParsePositive(flag.name, flag.text, flag.max);
    if (!value.ok()) return value.status();
    *flag.out = *value;
  }
  config.tasks = static_cast<int>(tasks);
  config.cpu_count = static_cast<std::uint64_t>(cpu_count);
  config.io_latency_ms = static_cast<std::uint64_t>(io_latency_ms);
  config.memory_ints = static_cast<std::uint64_t>(memory_ints);
  config.ionet_latency_ms = static_cast<std::uint64_t>(ionet_latency_ms);
  config.iofile_bytes = static_cast<std::uint64_t>(iofile_bytes);
  config.io_workers = config.workers;
  if (absl::GetFlag(FLAGS_workers).empty()) {
    config.io_workers.insert(config.io_workers.end(), std::begin(kExtraIoWorkers),
                             std::end(kExtraIoWorkers));
    std::sort(config.io_workers.begin(), config.io_workers.end());
    config.io_workers.erase(std::unique(config.io_workers.begin(), config.io_workers.end()),
                            config.io_workers.end());
  }
  for (absl::string_view item : absl::StrSplit(absl::GetFlag(FLAGS_fork_resident_mib), ',')) {
    // Zero is a valid size here (a bare parent), so ParsePositive's floor is
    // moved by one.
    std::int64_t mib = 0;
    if (!absl::SimpleAtoi(item, &mib) || mib < 0 || mib > kMaxForkResidentMib) {
      return absl::InvalidArgumentError(
          absl::StrFormat("--fork_resident_mib=%s: each item must be a whole number from 0 to %d",
                          absl::GetFlag(FLAGS_fork_resident_mib), kMaxForkResidentMib));
    }
    config.fork_resident_mib.push_back(static_cast<int>(mib));
  }
  std::sort(config.fork_resident_mib.begin(), config.fork_resident_mib.end());
  config.fork_resident_mib.erase(
      std::unique(config.fork_resident_mib.begin(), config.fork_resident_mib.end()),
      config.fork_resident_mib.end());
  config.sweep = absl::GetFlag(FLAGS_sweep);
  return config;
}

std::string SuiteFlagsHelp() {
  // Every flag defined in this file, in name order: one list to maintain.
  std::vector<const absl::CommandLineFlag*> suite_flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::EndsWith(flag->Filename(), "bench/suite_config.cc")) suite_flags.push_back(flag);
  }
  std::sort(suite_flags.begin(), suite_flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  std::string help;
  for (const absl::CommandLineFlag* flag : suite_flags) {
    absl::StrAppendFormat(&help, "  --%s=%s\n      %s\n", flag->Name(), flag->DefaultValue(),
                          flag->Help());
  }
  return help;
}

}  // namespace parbench
