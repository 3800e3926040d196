#include "bench/records_reporter.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace parbench {

RecordsReporter::RecordsReporter(LineFile file, benchmark::BenchmarkReporter* display)
    : file_(std::move(file)), display_(display) {
  json_.SetOutputStream(&json_text_);
  json_.SetErrorStream(&json_text_);
}

bool RecordsReporter::ReportContext(const Context& context) {
  if (!display_->ReportContext(context)) return false;
  json_text_.str("");
  json_.ReportContext(context);
  // {"context": {...},"benchmarks": [   becomes   {"context": {...}}
  std::string text = OneLine(json_text_.str());
  const std::size_t benchmarks = text.rfind(",\"benchmarks\":");
  if (benchmarks == std::string::npos) {
    status_ = absl::InternalError("Google Benchmark's JSON context is not followed by benchmarks");
    return false;
  }
  text.resize(benchmarks);
  status_ = file_.Append(text + "}");
  return status_.ok();
}

void RecordsReporter::ReportRuns(const std::vector<Run>& reports) {
  if (!reports.empty()) {
    const std::string name = reports.front().run_name.str();
    const bool aggregates = reports.front().run_type == Run::RT_Aggregate;
    // Aggregates belong to the repetitions held; anything else means the
    // held benchmark is complete.
    if (!aggregates || name != held_name_) WriteHeld();
    held_name_ = name;
    for (const Run& run : reports) held_records_.push_back(RecordJson(run));
    if (aggregates || !AggregatesFollow(reports)) WriteHeld();
  }
  // The records first: on disk before the console shows the benchmark done.
  display_->ReportRuns(reports);
}

void RecordsReporter::Finalize() {
  WriteHeld();
  display_->Finalize();
}

std::string RecordsReporter::RecordJson(const Run& run) {
  json_text_.str("");
  json_.ReportRuns({run});
  // The JSON reporter indents a record, and after the first one starts
  // with the comma that separates it from the one before.
  std::string text = OneLine(json_text_.str());
  const std::size_t start = text.find('{');
  return start == std::string::npos ? text : text.substr(start);
}

void RecordsReporter::WriteHeld() {
  if (held_records_.empty()) return;
  const absl::Status appended =
      file_.Append(absl::StrCat("{\"benchmark\": ", JsonString(held_name_), ", \"records\": [",
                                absl::StrJoin(held_records_, ", "), "]}"));
  if (status_.ok()) status_ = appended;
  held_name_.clear();
  held_records_.clear();
}

bool AggregatesFollow(const std::vector<benchmark::BenchmarkReporter::Run>& repetitions) {
  int without_error = 0;
  for (const benchmark::BenchmarkReporter::Run& run : repetitions) {
    if (run.run_type == benchmark::BenchmarkReporter::Run::RT_Iteration && !run.error_occurred) {
      ++without_error;
    }
  }
  return without_error >= 2;
}

std::string OneLine(const std::string& json) {
  std::string line;
  line.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] != '\n') {
      line += json[i];
      continue;
    }
    while (i + 1 < json.size() && json[i + 1] == ' ') ++i;
  }
  return line;
}

std::string JsonString(const std::string& text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      quoted += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

}  // namespace parbench
