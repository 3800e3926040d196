#include "lib/report/run_reader.h"

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/report/facts_label.h"
#include "lib/report/json_text.h"
#include "lib/report/legacy_names.h"

namespace parbench::report {
namespace {

using nlohmann::json;

// The record keys Google Benchmark writes itself; any other numeric key is a
// user counter.
const absl::flat_hash_set<absl::string_view>& FixedKeys() {
  static const auto* const keys =
      new absl::flat_hash_set<absl::string_view>{"name",
                                                 "family_index",
                                                 "per_family_instance_index",
                                                 "run_name",
                                                 "run_type",
                                                 "repetitions",
                                                 "repetition_index",
                                                 "threads",
                                                 "aggregate_name",
                                                 "aggregate_unit",
                                                 "error_occurred",
                                                 "error_message",
                                                 "iterations",
                                                 "real_time",
                                                 "cpu_time",
                                                 "time_unit",
                                                 "bytes_per_second",
                                                 "items_per_second",
                                                 "label",
                                                 "big_o"};
  return *keys;
}

absl::string_view TypeName(const json& v) {
  if (JsonNumber(v)) return "a number";
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

// Reads the fields of one record; the first problem ends the reading.
class RecordReader {
 public:
  RecordReader(const json& r, size_t index) : r_(r) { record_.index = index; }

  absl::StatusOr<Record> Read() && {
    record_.name = r_.at("name").get<std::string>();
    String("run_name", record_.run_name);
    if (record_.run_name.empty() && !r_.contains("run_name")) record_.run_name = record_.name;
    Optional("run_type", record_.run_type);
    Optional("aggregate_name", record_.aggregate_name);
    Optional("aggregate_unit", record_.aggregate_unit);
    Optional("threads", record_.threads);
    Optional("repetition_index", record_.repetition_index);
    Optional("repetitions", record_.repetitions);
    Optional("iterations", record_.iterations);
    Optional("items_per_second", record_.items_per_second);
    Optional("bytes_per_second", record_.bytes_per_second);
    Optional("label", record_.label);
    Optional("error_message", record_.error_message);
    if (r_.contains("error_occurred")) {
      if (!r_["error_occurred"].is_boolean())
        Fail("error_occurred", "not a boolean");
      else
        record_.error = r_["error_occurred"].get<bool>();
    }
    ReadTimes();
    for (const auto& [key, value] : r_.items()) {
      if (FixedKeys().contains(key)) continue;
      if (const auto n = JsonNumber(value)) record_.counters.emplace(key, *n);
    }
    ReadFacts();
    if (!problem_.empty()) return absl::InvalidArgumentError(problem_);
    return std::move(record_);
  }

 private:
  void Fail(absl::string_view field, absl::string_view what) {
    if (problem_.empty()) {
      problem_ =
          absl::StrCat("record ", record_.index, " (", record_.name, "): ", field, " ", what);
    }
  }
  void WrongType(absl::string_view field, absl::string_view want) {
    Fail(field, absl::StrCat("is ", TypeName(r_[std::string(field)]), ", not ", want));
  }
  void String(const char* field, std::string& out) {
    if (!r_.contains(field)) return;
    if (!r_[field].is_string() || JsonNumber(r_[field])) return WrongType(field, "a string");
    out = r_[field].get<std::string>();
  }
  void Optional(const char* field, std::optional<std::string>& out) {
    if (!r_.contains(field) || r_[field].is_null()) return;
    std::string s;
    String(field, s);
    out = std::move(s);
  }
  void Optional(const char* field, std::optional<double>& out) {
    if (!r_.contains(field) || r_[field].is_null()) return;
    out = JsonNumber(r_[field]);
    if (!out) WrongType(field, "a number");
  }

  // bench's facts from the label when it carries them (facts_label.h), else
  // the legacy reader's from the name and label (runs made before them).
  void ReadFacts() {
    if (!problem_.empty()) return;
    const std::string label = record_.label.value_or("");
    if (!HasFactsLabel(label)) {
      record_.facts = LegacyFacts(record_.run_name, label);
      return;
    }
    absl::StatusOr<BenchFacts> facts = ReadFactsLabel(label);
    if (!facts.ok()) return Fail("label", facts.status().message());
    record_.facts = *std::move(facts);
    // Labels of bench before it wrote the Overhead and Floor operations
    // (facts=1 floor=... per=...), the workloads' bound and the rows' knobs
    // (spin=, caller_runs=): those from the legacy reader.
    BenchFacts& f = record_.facts;
    const bool knobs_said = f.spin || f.caller_runs || !f.lang.empty() || !f.api.empty();
    if (f.op.family == OperationFamily::kNone || f.bound == WorkloadBound::kUnknown ||
        !knobs_said) {
      const BenchFacts legacy = LegacyFacts(record_.run_name, label);
      if (f.op.family == OperationFamily::kNone) f.op = legacy.op;
      if (f.bound == WorkloadBound::kUnknown) f.bound = legacy.bound;
      if (!knobs_said) {
        f.spin = legacy.spin;
        f.caller_runs = legacy.caller_runs;
        f.lang = legacy.lang;
        f.api = legacy.api;
      }
    }
  }

  // Times in nanoseconds; cv (aggregate_unit "percentage") stays a fraction.
  void ReadTimes() {
    std::optional<double> real, cpu;
    Optional("real_time", real);
    Optional("cpu_time", cpu);
    if (!problem_.empty() || record_.error) return;
    if (!real) return Fail("real_time", "is missing");
    if (!cpu) return Fail("cpu_time", "is missing");
    std::optional<std::string> unit;
    Optional("time_unit", unit);
    if (!problem_.empty()) return;
    double scale = 0;
    if (unit == "ns")
      scale = 1;
    else if (unit == "us")
      scale = 1e3;
    else if (unit == "ms")
      scale = 1e6;
    else if (unit == "s")
      scale = 1e9;
    else
      return Fail("time_unit", unit ? absl::StrCat("is \"", *unit, "\", not ns, us, ms or s")
                                    : std::string("is missing"));
    const bool iteration = record_.run_type.value_or("iteration") == "iteration";
    if (iteration && !std::isfinite(*real)) return Fail("real_time", "is not finite");
    if (iteration && !std::isfinite(*cpu)) return Fail("cpu_time", "is not finite");
    if (record_.aggregate_unit == "percentage") scale = 1;
    record_.real_ns = *real * scale;
    record_.cpu_ns = *cpu * scale;
  }

  const json& r_;
  Record record_;
  std::string problem_;
};

ContextValue ContextOf(const json& v) {
  if (const auto n = JsonNumber(v)) return *n;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_null()) return std::monostate{};
  return v.dump();
}

}  // namespace

absl::StatusOr<Run> ReadRun(std::string_view text, const std::string& source) {
  auto fail = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(source, " ", what));
  };
  absl::StatusOr<json> doc = ParseJsonText(text);
  if (!doc.ok()) return fail(doc.status().message());
  if (!doc->is_object() || !doc->contains("benchmarks") || !(*doc)["benchmarks"].is_array()) {
    return fail("has no \"benchmarks\" array: not Google Benchmark JSON");
  }
  Run run;
  run.source = source;
  if (doc->contains("context")) {
    const json& ctx = (*doc)["context"];
    if (!ctx.is_object() && !ctx.is_null()) return fail("has a \"context\" that is not an object");
    if (ctx.is_object()) {
      for (const auto& [key, value] : ctx.items()) run.context.emplace(key, ContextOf(value));
    }
  }
  const json& records = (*doc)["benchmarks"];
  run.records.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const json& r = records[i];
    if (!r.is_object()) return fail(absl::StrCat("has record ", i, " that is not an object"));
    if (!r.contains("name") || !r["name"].is_string() || JsonNumber(r["name"])) {
      return fail(absl::StrCat("has record ", i, " without a name"));
    }
    absl::StatusOr<Record> record = RecordReader(r, i).Read();
    if (!record.ok())
      return absl::InvalidArgumentError(absl::StrCat(source, ": ", record.status().message()));
    run.records.push_back(*std::move(record));
  }
  return run;
}

}  // namespace parbench::report
