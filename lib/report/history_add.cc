#include "lib/report/history_add.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "lib/report/csv.h"
#include "lib/report/csv_records.h"
#include "lib/report/history.h"
#include "lib/report/json_text.h"
#include "lib/report/number_text.h"
#include "lib/report/stats/summary.h"

namespace parbench::report {
namespace {

absl::Status Bad(const Run& run, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(run.source, ": ", what));
}

// A context value as jq's tostring gives it; nullopt for null.
std::optional<std::string> Text(const ContextValue& v) {
  if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const double* d = std::get_if<double>(&v)) return NumberText(*d);
  return std::get<std::string>(v);
}

std::optional<std::string> MachineContextText(const Run& run, const std::string& key) {
  const auto it = run.context.find(key);
  if (it == run.context.end()) return std::nullopt;
  return Text(it->second);
}

// A JSON value inside a string, as jq's string interpolation writes it.
std::string Interpolated(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (const std::optional<double> d = JsonNumber(v)) return NumberText(*d);
  return v.dump();
}

// The caches, "L1 Data 32768/1 ...", from the context's array; nullopt
// when it is not a non-empty array.
std::optional<std::string> Caches(const Run& run) {
  const auto it = run.context.find("caches");
  if (it == run.context.end() || !std::holds_alternative<std::string>(it->second)) {
    return std::nullopt;
  }
  const absl::StatusOr<nlohmann::json> caches = ParseJsonText(std::get<std::string>(it->second));
  if (!caches.ok() || !caches->is_array() || caches->empty()) return std::nullopt;
  std::vector<std::string> parts;
  for (const nlohmann::json& c : *caches) {
    auto field = [&c](const char* key) {
      return c.is_object() && c.contains(key) ? Interpolated(c[key]) : std::string("null");
    };
    parts.push_back(absl::StrCat("L", field("level"), " ", field("type"), " ", field("size"), "/",
                                 field("num_sharing")));
  }
  return absl::StrJoin(parts, " ");
}

bool Usable(const Record& r) { return !r.error && r.real_ns.has_value(); }

// The run is one history.sh takes: a date, and a benchmark with a time.
absl::Status CheckRun(const Run& run) {
  const auto date = run.context.find("date");
  if (date == run.context.end() || !std::holds_alternative<std::string>(date->second)) {
    return Bad(run, "is not Google Benchmark JSON (no context.date)");
  }
  if (std::none_of(run.records.begin(), run.records.end(), Usable)) {
    return Bad(run, "has no benchmark with a time");
  }
  return absl::OkStatus();
}

// The file-name part of a revision or a name: other bytes "_", 40 at most.
std::string FilePart(absl::string_view s) {
  std::string out;
  for (const char c : s.substr(0, 40)) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    out += ok ? c : '_';
  }
  return out;
}

// 0001-20261125-100000-REV-FINGERPRINT.json
std::string FileName(int64_t number, absl::string_view date, absl::string_view rev,
                     absl::string_view fingerprint) {
  std::string digits;
  for (const char c : date) {
    if (c >= '0' && c <= '9' && digits.size() < 14) digits += c;
  }
  if (digits.size() > 8) digits = absl::StrCat(digits.substr(0, 8), "-", digits.substr(8));
  return absl::StrFormat("%04d-%s-%s-%s.json", number, digits, FilePart(rev), fingerprint);
}

// awk's $1 + 0 of a line of CSV: its leading number, 0 when none.
double LeadingNumber(absl::string_view line) {
  const std::string field(line.substr(0, line.find(',')));
  return std::strtod(field.c_str(), nullptr);
}

// The number after every run of runs.csv and every row of history.csv: rows
// an interrupted add left belong to no run, and their number is not used
// again.
int64_t NextRun(absl::string_view runs_csv, absl::string_view rows_csv) {
  double last = 0;
  for (const absl::string_view text : {runs_csv, rows_csv}) {
    size_t at = text.find('\n');
    while (at != absl::string_view::npos && at + 1 < text.size()) {
      const size_t end = text.find('\n', at + 1);
      last = std::max(last, LeadingNumber(text.substr(at + 1, end == absl::string_view::npos
                                                                  ? absl::string_view::npos
                                                                  : end - at - 1)));
      at = end;
    }
  }
  return static_cast<int64_t>(last) + 1;
}

// The last run of runs.csv with this revision and fingerprint.
std::optional<std::string> Duplicate(absl::string_view runs_csv, absl::string_view rev,
                                     absl::string_view fingerprint) {
  std::optional<std::string> dup;
  const std::vector<CsvRecord> records = ReadCsvRecords(runs_csv);
  for (size_t i = 1; i < records.size(); ++i) {
    const std::vector<std::string>& f = records[i].fields;
    if (f.size() >= 4 && f[1] == rev && f[3] == fingerprint) dup = f[0];
  }
  return dup;
}

std::string Num(double x) { return absl::StrFormat("%.10g", x); }

// A count as awk prints a number: whole numbers as integers.
std::string Count(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15)
    return absl::StrFormat("%d", static_cast<int64_t>(x));
  return absl::StrFormat("%.6g", x);
}

// The benchmarks' rows, one per benchmark in the order first read: the
// repetitions' median, count, extremes and quartiles, or when it has only
// aggregates, its median aggregate (n: the repetitions it sums up).
std::vector<std::string> BenchmarkRows(const Run& run, absl::string_view prefix) {
  struct Values {
    std::vector<double> times;
    std::optional<double> median, repetitions;
  };
  std::vector<std::string> order;
  absl::flat_hash_map<std::string, Values> by_key;
  for (const Record& r : run.records) {
    if (!Usable(r)) continue;
    const bool aggregate = r.run_type == "aggregate";
    const std::string a = aggregate ? r.aggregate_name.value_or("") : "";
    std::string key = r.run_name;
    // A record without run_name: its name less the aggregate's suffix.
    if (key == r.name && !a.empty()) {
      absl::string_view k = key;
      if (absl::ConsumeSuffix(&k, absl::StrCat("_", a))) key = std::string(k);
    }
    if (aggregate && (a != "median" || r.aggregate_unit.value_or("time") != "time")) continue;
    const auto [it, added] = by_key.try_emplace(key);
    if (added) order.push_back(key);
    if (aggregate) {
      it->second.median = r.real_ns;
      it->second.repetitions = r.repetitions.value_or(1);
    } else {
      it->second.times.push_back(*r.real_ns);
    }
  }
  std::vector<std::string> rows;
  for (const std::string& key : order) {
    const Values& v = by_key[key];
    const std::string head = absl::StrCat(prefix, CsvQuote(key), ",");
    if (v.times.empty()) {
      const double n = v.repetitions.value_or(0);
      rows.push_back(absl::StrCat(head, Num(*v.median), ",", n > 0 ? Count(n) : "1", ",,,,\n"));
      continue;
    }
    rows.push_back(absl::StrCat(
        head, Num(stats::Median(v.times)), ",", v.times.size(), ",",
        Num(stats::Quantile(v.times, 0)), ",", Num(stats::Quantile(v.times, 0.25)), ",",
        Num(stats::Quantile(v.times, 0.75)), ",", Num(stats::Quantile(v.times, 1)), "\n"));
  }
  return rows;
}

}  // namespace

uint32_t PosixCksum(absl::string_view text) {
  uint32_t crc = 0;
  auto byte = [&crc](uint8_t b) {
    crc ^= static_cast<uint32_t>(b) << 24;
    for (int i = 0; i < 8; ++i) crc = (crc & 0x80000000U) ? (crc << 1) ^ 0x04C11DB7U : crc << 1;
  };
  for (const char c : text) byte(static_cast<uint8_t>(c));
  for (uint64_t n = text.size(); n != 0; n >>= 8) byte(static_cast<uint8_t>(n & 0xff));
  return ~crc;
}

absl::StatusOr<MachineId> MachineOfRun(const Run& run) {
  if (absl::Status s = CheckRun(run); !s.ok()) return s;
  const std::optional<std::string> cpu_model = MachineContextText(run, "parbench_cpu_model");
  std::optional<std::string> library = MachineContextText(run, "library_version");
  if (!library || library == "false")
    library = MachineContextText(run, "parbench_benchmark_version");
  const std::pair<const char*, std::optional<std::string>> keys[] = {
      {"cpu_model", cpu_model},
      {"num_cpus", MachineContextText(run, "num_cpus")},
      {"usable_cpus", MachineContextText(run, "parbench_usable_cpus")},
      {"mhz_per_cpu",
       cpu_model.value_or("").empty() ? MachineContextText(run, "mhz_per_cpu") : std::nullopt},
      {"caches", Caches(run)},
      {"kernel", MachineContextText(run, "parbench_kernel")},
      {"compiler", MachineContextText(run, "parbench_compiler")},
      {"build_type", MachineContextText(run, "parbench_build_type")},
      {"library_version", library},
      {"library_build_type", MachineContextText(run, "library_build_type")},
  };
  std::vector<std::string> parts;
  for (const auto& [key, value] : keys) {
    if (!value || value->empty()) continue;
    std::string v = *value;
    for (char& c : v) {
      if (c == '\n' || c == '\r' || c == '\t' || c == ';' || c == ',' || c == '"') c = ' ';
    }
    parts.push_back(absl::StrCat(key, "=", v));
  }
  MachineId id;
  id.description = absl::StrJoin(parts, "; ");
  id.fingerprint = absl::StrFormat("%08x", PosixCksum(id.description));
  return id;
}

absl::StatusOr<AddedRun> AddToHistory(const Run& run, absl::string_view runs_csv,
                                      absl::string_view rows_csv, absl::string_view dir,
                                      const AddOptions& options) {
  AddedRun added;
  absl::StatusOr<MachineId> machine = MachineOfRun(run);
  if (!machine.ok()) return machine.status();
  added.machine = *std::move(machine);
  const std::string& fp = added.machine.fingerprint;
  if (!options.expect_fingerprint.empty() && options.expect_fingerprint != fp) {
    return Bad(run, absl::StrCat("made on machine ", fp, ", not the expected ",
                                 options.expect_fingerprint, " (", added.machine.description, ")"));
  }
  added.rev = options.rev;
  if (added.rev.empty()) added.rev = MachineContextText(run, "parbench_revision").value_or("");
  if (added.rev.empty()) {
    return Bad(run, "no revision: give --rev REV (its context has no parbench_revision)");
  }
  for (const char c : added.rev) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad revision '", added.rev, "': printable characters only"));
    }
  }
  added.date = std::get<std::string>(run.context.at("date"));
  if (const std::optional<std::string> dup = Duplicate(runs_csv, added.rev, fp);
      dup && !options.force) {
    return absl::InvalidArgumentError(absl::StrCat(dir, " already has rev ", added.rev,
                                                   " on machine ", fp, " (run ", *dup,
                                                   "); --force adds it again"));
  }
  added.number = NextRun(runs_csv, rows_csv);
  added.file = FileName(added.number, added.date, added.rev, fp);
  const std::vector<std::string> rows =
      BenchmarkRows(run, absl::StrCat(added.number, ",", CsvQuote(added.rev), ",",
                                      CsvQuote(added.date), ",", fp, ","));
  if (rows.empty()) return Bad(run, "has no benchmark with a time");
  added.benchmarks = static_cast<int>(rows.size());
  added.rows = absl::StrJoin(rows, "");
  added.runs_row = absl::StrCat(added.number, ",", CsvQuote(added.rev), ",", CsvQuote(added.date),
                                ",", fp, ",", CsvQuote(absl::StrCat("runs/", added.file)), ",",
                                CsvQuote(added.machine.description), "\n");
  return added;
}

}  // namespace parbench::report
