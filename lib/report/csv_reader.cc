#include "lib/report/csv_reader.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/report/legacy_names.h"
#include "lib/report/number_text.h"

namespace parbench::report {
namespace {

// The columns csv.h writes before the counters; "counter." prefixes a
// counter whose name clashes with one of them.
const std::set<std::string>& FixedColumns() {
  static const auto* const kFixed = new std::set<std::string>(absl::StrSplit(
      "source,host,date,num_cpus,name,run_name,workload,strategy,life,workers,tasks,threads,"
      "run_type,aggregate,aggregate_unit,repetition,repetitions,iterations,real_ns,cpu_ns,"
      "items_per_second,bytes_per_second,label,error,error_message",
      ','));
  return *kFixed;
}

// The columns a table needs (table.sh's REQUIRED).
constexpr const char* kRequired[] = {"source",  "host",    "name",         "workload", "strategy",
                                     "life",    "workers", "tasks",        "run_type", "aggregate",
                                     "real_ns", "error",   "error_message"};

// Splits RFC 4180 CSV into rows of fields, each with its first line.
struct CsvRow {
  size_t line = 0;
  std::vector<std::string> fields;
};

absl::StatusOr<std::vector<CsvRow>> SplitCsv(std::string_view text, const std::string& source) {
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string field;
  size_t line = 1;
  bool quoted = false;
  bool any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.fields.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) row.fields.push_back(field);
      if (!row.fields.empty()) rows.push_back(row);
      ++line;
      row = CsvRow{line, {}};
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": line ", row.line, ": a quoted field is not closed"));
  }
  if (any || !field.empty()) row.fields.push_back(field);
  if (!row.fields.empty()) rows.push_back(row);
  return rows;
}

// A number as the CSV writes it: jq's digits, or nan, inf, -inf.
std::optional<double> CsvNumber(const std::string& s) {
  if (s == "nan") return std::nan("");
  if (s == "inf") return HUGE_VAL;
  if (s == "-inf") return -HUGE_VAL;
  double v = 0;
  if (s.empty() || !absl::SimpleAtod(s, &v)) return std::nullopt;
  return v;
}

}  // namespace

bool LooksLikeJson(std::string_view text) {
  const size_t i = text.find_first_not_of(" \t\r\n");
  return i != std::string_view::npos && (text[i] == '{' || text[i] == '[');
}

absl::StatusOr<std::vector<Run>> ReadCsvRuns(std::string_view text, const std::string& source) {
  absl::StatusOr<std::vector<CsvRow>> rows = SplitCsv(text, source);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InvalidArgumentError(absl::StrCat(source, " is empty"));
  std::map<std::string, size_t> col;
  const std::vector<std::string>& header = rows->front().fields;
  for (size_t i = 0; i < header.size(); ++i) col.emplace(header[i], i);
  for (const char* name : kRequired) {
    if (!col.contains(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, " is not json2csv.sh output: no \"", name, "\" column"));
    }
  }
  std::vector<Run> runs;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> run_index;
  for (size_t k = 1; k < rows->size(); ++k) {
    const CsvRow& row = (*rows)[k];
    auto fv = [&](const std::string& name) -> std::string {
      const auto it = col.find(name);
      if (it == col.end() || it->second >= row.fields.size()) return "";
      return row.fields[it->second];
    };
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;
    Record r;
    r.index = k - 1;
    r.name = fv("name");
    r.run_name = fv("run_name").empty() ? r.name : fv("run_name");
    auto bad = [&](const std::string& field, const std::string& value) {
      return absl::InvalidArgumentError(absl::StrCat(source, ": line ", row.line, " (", r.name,
                                                     "): ", field, " is not a number: '", value,
                                                     "'"));
    };
    // The numeric fields: empty, or a number.
    auto number = [&](const std::string& field, std::optional<double>& into) -> absl::Status {
      const std::string v = fv(field);
      if (v.empty()) return absl::OkStatus();
      into = CsvNumber(v);
      if (!into) return bad(field, v);
      return absl::OkStatus();
    };
    for (const auto& [field, into] :
         {std::pair<const char*, std::optional<double>*>{"real_ns", &r.real_ns},
          {"cpu_ns", &r.cpu_ns},
          {"repetitions", &r.repetitions},
          {"repetition", &r.repetition_index},
          {"iterations", &r.iterations},
          {"threads", &r.threads},
          {"items_per_second", &r.items_per_second},
          {"bytes_per_second", &r.bytes_per_second}}) {
      if (absl::Status s = number(field, *into); !s.ok()) return s;
    }
    if (!fv("run_type").empty()) r.run_type = fv("run_type");
    if (!fv("aggregate").empty()) r.aggregate_name = fv("aggregate");
    if (!fv("aggregate_unit").empty()) r.aggregate_unit = fv("aggregate_unit");
    if (!fv("label").empty()) r.label = fv("label");
    const std::string error = fv("error");
    if (!error.empty() && error != "0" && error != "1" && error != "true" && error != "false") {
      return absl::InvalidArgumentError(absl::StrCat(source, ": line ", row.line, " (", r.name,
                                                     "): error is not 0 or 1: '", error, "'"));
    }
    r.error = error == "1" || error == "true";
    if (!fv("error_message").empty()) r.error_message = fv("error_message");
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string& name = header[i];
      if (FixedColumns().contains(name) || name.rfind("parbench_", 0) == 0) continue;
      if (i >= row.fields.size() || row.fields[i].empty()) continue;
      const std::optional<double> v = CsvNumber(row.fields[i]);
      if (!v) return bad(name, row.fields[i]);
      const std::string counter = name.rfind("counter.", 0) == 0 ? name.substr(8) : name;
      r.counters[counter] = *v;
    }
    r.facts = LegacyFacts(r.run_name, r.label.value_or(""));
    r.facts.workload = fv("workload");
    r.facts.strategy = fv("strategy");
    r.facts.life = fv("life");
    r.facts.workers = ParseCount(fv("workers"));
    r.facts.tasks = ParseCount(fv("tasks"));
    // The roles the legacy reader gives the columns' strategy and workload
    // (the CSV has no role columns).
    const LegacyStrategyRoles roles = LegacyRoles(r.facts.strategy);
    r.facts.worker_kind = roles.worker_kind;
    r.facts.dispatch = roles.dispatch;
    r.facts.table_role = roles.table_role;
    r.facts.workload_role = LegacyWorkloadRole(r.facts.workload);
    r.facts.bound = LegacyWorkloadBound(r.facts.workload);
    const bool named = !r.facts.workload.empty() || r.facts.workers.has_value();
    r.facts.source = named ? FactsSource::kLegacyName : FactsSource::kNone;
    const auto key = std::make_tuple(fv("source"), fv("host"), fv("date"));
    auto [it, added] = run_index.try_emplace(key, runs.size());
    if (added) {
      Run run;
      run.source = fv("source");
      if (!fv("host").empty()) run.context["host_name"] = fv("host");
      if (!fv("date").empty()) run.context["date"] = fv("date");
      if (!fv("num_cpus").empty()) run.context["num_cpus"] = fv("num_cpus");
      for (size_t i = 0; i < header.size(); ++i) {
        if (header[i].rfind("parbench_", 0) == 0 && i < row.fields.size() &&
            !row.fields[i].empty()) {
          run.context[header[i]] = row.fields[i];
        }
      }
      runs.push_back(std::move(run));
    }
    runs[it->second].records.push_back(std::move(r));
  }
  return runs;
}

}  // namespace parbench::report
