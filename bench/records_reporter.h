// RecordsReporter: each finished benchmark's records on disk as soon as it
// finishes, so that a run that dies (SIGKILL, the OOM killer, a guard that
// ends a hung job) keeps everything it finished: Google Benchmark writes its
// own JSON only at the end. It wraps the display reporter, which goes on
// unchanged.
//
// The records are JSON Lines in a LineFile (one write() and fdatasync() per
// line, see results/README.md): a first line {"context": {...}}, then one
// line per finished benchmark, {"benchmark": "<name>", "records": [...]},
// every record exactly as Google Benchmark's JSON reporter writes it.
#ifndef PARBENCH_BENCH_RECORDS_REPORTER_H_
#define PARBENCH_BENCH_RECORDS_REPORTER_H_

#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "benchmark/benchmark.h"
#include "lib/posix/line_file.h"

namespace parbench {

class RecordsReporter final : public benchmark::BenchmarkReporter {
 public:
  // Appends to `file`; reports to `display` too, which must outlive this.
  RecordsReporter(LineFile file, benchmark::BenchmarkReporter* display);

  RecordsReporter(const RecordsReporter&) = delete;
  RecordsReporter& operator=(const RecordsReporter&) = delete;

  // The context line first; false (so no benchmark runs) if it cannot be
  // written.
  bool ReportContext(const Context& context) override;
  // A benchmark's repetitions and then its aggregates come in two calls;
  // they go out as one line, as soon as nothing more of it can follow.
  void ReportRuns(const std::vector<Run>& reports) override;
  void Finalize() override;

  // The first append that failed, if any (nothing is appended after it).
  const absl::Status& status() const { return status_; }

 private:
  // One record as Google Benchmark's JSON reporter writes it, on one line.
  std::string RecordJson(const Run& run);
  // Appends the held benchmark's line, if any.
  void WriteHeld();

  LineFile file_;
  benchmark::BenchmarkReporter* display_;
  // Google Benchmark's own JSON writer, writing into `json_text_`: the
  // records keep exactly its keys and number format.
  benchmark::JSONReporter json_;
  std::ostringstream json_text_;
  // The benchmark whose aggregates are still to come, and its records.
  std::string held_name_;
  std::vector<std::string> held_records_;
  absl::Status status_;
};

// Whether Google Benchmark reports aggregates after these repetitions of a
// benchmark: when two or more of them ran without an error (its
// ComputeStats). A family with a complexity adds its own after the family's
// last benchmark; parbench has none, and such a line would only wait for
// the next benchmark.
bool AggregatesFollow(const std::vector<benchmark::BenchmarkReporter::Run>& repetitions);

// Google Benchmark's JSON text on one line: its line breaks are layout only
// (they never fall inside a string), so each one and the indent after it go.
std::string OneLine(const std::string& json);

// A JSON string literal for `text`.
std::string JsonString(const std::string& text);

}  // namespace parbench

#endif  // PARBENCH_BENCH_RECORDS_REPORTER_H_
