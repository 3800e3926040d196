// A progress line on stderr for a long run ("[k/N] name · ETA 4 min"),
// shown beside Google Benchmark's console output, which goes on unchanged.
// N is the number of benchmarks selected times their repetitions; k counts
// the repetitions reported, in whatever order random interleaving runs them.
#ifndef PARBENCH_BENCH_PROGRESS_REPORTER_H_
#define PARBENCH_BENCH_PROGRESS_REPORTER_H_

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"

namespace parbench {

class ProgressReporter : public benchmark::ConsoleReporter {
 public:
  // `options`: the console's (see ChooseDisplay); `selected`: how many
  // benchmarks the run will measure (see CountSelectedBenchmarks);
  // `progress` receives the progress lines.
  ProgressReporter(OutputOptions options, std::size_t selected, std::FILE* progress);

  bool ReportContext(const Context& context) override;
  void ReportRuns(const std::vector<Run>& reports) override;

  // The repetitions reported so far, and how many the run expects (0 until
  // the first report says how many repetitions a benchmark has).
  std::size_t reported() const { return reported_; }
  std::size_t expected() const { return expected_; }

 private:
  void PrintProgress(const std::string& name);

  std::size_t selected_;
  std::FILE* progress_;
  bool in_place_;  // A terminal: one line rewritten; otherwise every 10 %.
  std::size_t reported_ = 0;
  std::size_t expected_ = 0;
  std::size_t last_tenth_ = 0;
  std::chrono::steady_clock::time_point start_;
};

// Whether a run shows progress, and the console's options, from the
// command line before Google Benchmark takes its flags: no progress for a
// listing or for JSON or CSV on the console (a display reporter given to
// RunSpecifiedBenchmarks replaces the one --benchmark_format chooses);
// colour as Google Benchmark chooses it (--benchmark_color, else a
// terminal), tabular counters with --benchmark_counters_tabular.
struct DisplayChoice {
  bool progress = true;
  bool listing = false;  // --benchmark_list_tests: nothing runs.
  benchmark::ConsoleReporter::OutputOptions options = benchmark::ConsoleReporter::OO_None;
};
DisplayChoice ChooseDisplay(int argc, char** argv);

// The number of benchmarks the flags select (filter included), counted by a
// listing run into a discarded stream: Google Benchmark keeps its selection
// to itself. Leaves its flags as they were. `program`: main's argv[0].
std::size_t CountSelectedBenchmarks(char* program);

// "4 min", "35 s", "1 h 5 min": a duration for a progress line.
std::string FormatEta(double seconds);

}  // namespace parbench

#endif  // PARBENCH_BENCH_PROGRESS_REPORTER_H_
