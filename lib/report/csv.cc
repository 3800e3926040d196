#include "lib/report/csv.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/report/number_text.h"

namespace parbench::report {
namespace {

constexpr std::string_view kFixedColumns =
    "source,host,date,num_cpus,name,run_name,workload,strategy,life,workers,tasks,threads,"
    "run_type,aggregate,aggregate_unit,repetition,repetitions,iterations,real_ns,cpu_ns,"
    "items_per_second,bytes_per_second,label,error,error_message";

// Context keys with this prefix get a column each.
constexpr std::string_view kContextPrefix = "parbench_";

}  // namespace

std::string CsvQuote(std::string_view s) {
  if (s.find_first_of("\",\r\n") == std::string_view::npos) return std::string(s);
  std::string q = "\"";
  for (const char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

namespace {

std::string Cell(const std::optional<double>& v) { return v ? NumberText(*v) : ""; }
std::string Cell(const std::optional<std::string>& v) { return v.value_or(""); }
std::string Cell(const std::optional<int64_t>& v) { return v ? absl::StrCat(*v) : ""; }

std::string Cell(const ContextValue* v) {
  if (v == nullptr) return "";
  struct Visit {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "1" : "0"; }
    std::string operator()(double d) const { return NumberText(d); }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visit{}, *v);
}

const ContextValue* Find(const Run& run, const std::string& key) {
  const auto it = run.context.find(key);
  return it == run.context.end() ? nullptr : &it->second;
}

}  // namespace

std::string ContextText(const Run& run, const std::string& key) { return Cell(Find(run, key)); }

std::string RenderCsv(const std::vector<Run>& runs) {
  std::set<std::string> counters, context_keys;
  for (const Run& run : runs) {
    for (const auto& [key, value] : run.context) {
      if (key.rfind(kContextPrefix, 0) == 0) context_keys.insert(key);
    }
    for (const Record& r : run.records) {
      for (const auto& [key, value] : r.counters) counters.insert(key);
    }
  }

  const std::vector<std::string> fixed =
      absl::StrSplit(absl::string_view(kFixedColumns.data(), kFixedColumns.size()), ',');
  std::vector<std::string> header(fixed.begin(), fixed.end());
  for (const std::string& c : counters) {
    const bool clash = std::find(fixed.begin(), fixed.end(), c) != fixed.end();
    header.push_back(clash ? absl::StrCat("counter.", c) : c);
  }
  header.insert(header.end(), context_keys.begin(), context_keys.end());

  std::string out;
  std::vector<std::string> row;
  auto emit = [&out, &row] {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      out += CsvQuote(row[i]);
    }
    out += '\n';
  };
  row = header;
  emit();
  for (const Run& run : runs) {
    const std::string host = Cell(Find(run, "host_name"));
    const std::string date = Cell(Find(run, "date"));
    const std::string cpus = Cell(Find(run, "num_cpus"));
    for (const Record& r : run.records) {
      const BenchFacts& f = r.facts;
      const bool named = f.source != FactsSource::kNone;
      row = {run.source,
             host,
             date,
             cpus,
             r.name,
             r.run_name,
             f.workload,
             f.strategy,
             f.life,
             named ? Cell(f.workers) : "",
             named ? Cell(f.tasks) : "",
             Cell(r.threads),
             Cell(r.run_type),
             Cell(r.aggregate_name),
             Cell(r.aggregate_unit),
             Cell(r.repetition_index),
             Cell(r.repetitions),
             Cell(r.iterations),
             Cell(r.real_ns),
             Cell(r.cpu_ns),
             r.error ? "" : Cell(r.items_per_second),
             r.error ? "" : Cell(r.bytes_per_second),
             Cell(r.label),
             r.error ? "1" : "0",
             Cell(r.error_message)};
      for (const std::string& c : counters) {
        const auto it = r.counters.find(c);
        row.push_back(it == r.counters.end() ? "" : NumberText(it->second));
      }
      for (const std::string& k : context_keys) row.push_back(Cell(Find(run, k)));
      emit();
    }
  }
  return out;
}

}  // namespace parbench::report
