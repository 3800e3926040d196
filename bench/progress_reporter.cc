#include "bench/progress_reporter.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <ostream>
#include <sstream>
#include <streambuf>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace parbench {
namespace {

// The longest name shown on a progress line; longer ones are cut.
constexpr std::size_t kMaxShownName = 60;

// A stream that discards what it is given.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
};

// The value of `--flag=value` (or "true" for a bare `--flag`) when `arg` is
// that flag.
std::optional<absl::string_view> FlagValue(absl::string_view arg, absl::string_view flag) {
  if (!absl::ConsumePrefix(&arg, flag)) return std::nullopt;
  if (arg.empty()) return absl::string_view("true");
  if (!absl::ConsumePrefix(&arg, "=")) return std::nullopt;
  return arg;
}

bool IsTrue(absl::string_view value) { return value == "true" || value == "1" || value == "yes"; }

}  // namespace

ProgressReporter::ProgressReporter(OutputOptions options, std::size_t selected, std::FILE* progress)
    : ConsoleReporter(options),
      selected_(selected),
      progress_(progress),
      in_place_(::isatty(::fileno(progress)) == 1),
      start_(std::chrono::steady_clock::now()) {}

bool ProgressReporter::ReportContext(const Context& context) {
  start_ = std::chrono::steady_clock::now();
  return ConsoleReporter::ReportContext(context);
}

void ProgressReporter::ReportRuns(const std::vector<Run>& reports) {
  std::string name;
  for (const Run& run : reports) {
    if (run.run_type != Run::RT_Iteration) continue;
    if (expected_ == 0) {
      expected_ = selected_ * static_cast<std::size_t>(std::max<std::int64_t>(1, run.repetitions));
    }
    ++reported_;
    name = run.benchmark_name();
  }
  ConsoleReporter::ReportRuns(reports);
  if (!name.empty()) PrintProgress(name);
}

void ProgressReporter::PrintProgress(const std::string& name) {
  const std::size_t total = std::max(expected_, reported_);
  const std::size_t tenth = total == 0 ? 0 : reported_ * 10 / total;
  if (!in_place_ && tenth == last_tenth_ && reported_ != total) return;
  last_tenth_ = tenth;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta =
      elapsed / static_cast<double>(reported_) * static_cast<double>(total - reported_);
  std::string shown = name.size() > kMaxShownName ? name.substr(0, kMaxShownName) + "…" : name;
  const std::string line = absl::StrFormat("[%d/%d] %s · ETA %s", reported_, total, shown,
                                           reported_ == total ? "done" : FormatEta(eta));
  if (in_place_) {
    std::fprintf(progress_, "\r\033[K%s%s", line.c_str(), reported_ == total ? "\n" : "");
  } else {
    std::fprintf(progress_, "%s\n", line.c_str());
  }
  std::fflush(progress_);
}

DisplayChoice ChooseDisplay(int argc, char** argv) {
  DisplayChoice choice;
  bool colour = ::isatty(STDOUT_FILENO) == 1;
  bool tabular = false;
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (auto v = FlagValue(arg, "--benchmark_list_tests")) choice.listing = IsTrue(*v);
    if (auto v = FlagValue(arg, "--benchmark_format"); v && *v != "console")
      choice.progress = false;
    if (auto v = FlagValue(arg, "--benchmark_color")) colour = IsTrue(*v) || *v == "force";
    if (auto v = FlagValue(arg, "--benchmark_counters_tabular")) tabular = IsTrue(*v);
  }
  if (choice.listing) choice.progress = false;
  int options = benchmark::ConsoleReporter::OO_None;
  if (colour) options |= benchmark::ConsoleReporter::OO_Color;
  if (tabular) options |= benchmark::ConsoleReporter::OO_Tabular;
  choice.options = static_cast<benchmark::ConsoleReporter::OutputOptions>(options);
  return choice;
}

std::size_t CountSelectedBenchmarks(char* program) {
  NullBuffer discard;
  std::ostream null_stream(&discard);
  benchmark::ConsoleReporter lister;
  lister.SetOutputStream(&null_stream);
  lister.SetErrorStream(&null_stream);
  // Google Benchmark's own flag parser: only the flags given change.
  // Google Benchmark keeps argv[0] for the JSON's "executable": the real
  // one, which outlives the run. The flags are static for the same reason.
  static char list_on[] = "--benchmark_list_tests=true";
  static char list_off[] = "--benchmark_list_tests=false";
  char* on_argv[] = {program, list_on, nullptr};
  char* off_argv[] = {program, list_off, nullptr};
  int argc = 2;
  benchmark::Initialize(&argc, on_argv);
  const std::size_t count = benchmark::RunSpecifiedBenchmarks(&lister);
  argc = 2;
  benchmark::Initialize(&argc, off_argv);
  return count;
}

std::string FormatEta(double seconds) {
  if (!(seconds >= 0)) return "?";
  if (seconds < 60) return absl::StrFormat("%d s", static_cast<int>(std::ceil(seconds)));
  const int minutes = static_cast<int>(std::round(seconds / 60));
  if (minutes < 60) return absl::StrFormat("%d min", minutes);
  return absl::StrFormat("%d h %d min", minutes / 60, minutes % 60);
}

}  // namespace parbench
