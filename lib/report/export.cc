#include "lib/report/export.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/report/stats/distributions.h"
#include "lib/report/stats/summary.h"

namespace parbench::report {
namespace {

// One measure a record may carry: its key, its unit and direction, and its
// sample in one record (nullopt when the record lacks it). One row each; a
// measure a new bench counter brings is a new row.
struct MeasureRow {
  std::string_view key;
  std::string_view unit;
  Better better;
  std::optional<double> (*sample)(const Record&, std::string_view key);
};

std::optional<double> RealNs(const Record& r, std::string_view /*key*/) { return r.real_ns; }
std::optional<double> ItemsPerSecond(const Record& r, std::string_view /*key*/) {
  return r.items_per_second;
}
std::optional<double> Counter(const Record& r, std::string_view key) {
  const auto it = r.counters.find(std::string(key));
  if (it == r.counters.end()) return std::nullopt;
  return it->second;
}

// bench/measure.cc writes the CPU counters (seconds per iteration) and the
// peak resident memory; items_per_second is Google Benchmark's rate of
// SetItemsProcessed (bench: tasks per second).
constexpr MeasureRow kMeasureRows[] = {
    {"latency", "ns", Better::kSmaller, RealNs},
    {"throughput", "items/s", Better::kBigger, ItemsPerSecond},
    {"worker_cpu_s", "s", Better::kSmaller, Counter},
    {"total_cpu_s", "s", Better::kSmaller, Counter},
    {"process_cpu_s", "s", Better::kSmaller, Counter},
    {"peak_rss_mib", "MiB", Better::kSmaller, Counter},
};

// A benchmark's records, pooled over the runs.
struct Group {
  std::string label;
  std::vector<const Record*> iterations;
  std::vector<const Record*> centres;  // median aggregates (mean when no median)
  std::vector<const Record*> stddevs;
  bool has_median = false;
};

void AddAggregate(Group& g, const Record& r) {
  const std::string& kind = r.aggregate_name.value_or("");
  if (kind == "median") {
    if (!g.has_median) g.centres.clear();  // means read before give way
    g.has_median = true;
    g.centres.push_back(&r);
  } else if (kind == "mean" && !g.has_median) {
    g.centres.push_back(&r);
  } else if (kind == "stddev") {
    g.stddevs.push_back(&r);
  }
}

std::vector<double> Samples(const MeasureRow& row, const std::vector<const Record*>& records) {
  std::vector<double> out;
  out.reserve(records.size());
  for (const Record* r : records) {
    if (const std::optional<double> v = row.sample(*r, row.key)) out.push_back(*v);
  }
  return out;
}

bool Exportable(const ExportMeasure& m) {
  return std::isfinite(m.value) && std::isfinite(m.lower) && std::isfinite(m.upper) &&
         m.value > 0 && m.lower >= 0 && m.lower <= m.value && m.value <= m.upper;
}

std::optional<ExportMeasure> MeasureOf(const MeasureRow& row, const Group& g) {
  ExportMeasure m{.key = std::string(row.key), .unit = std::string(row.unit), .better = row.better};
  if (!g.iterations.empty()) {
    const std::vector<double> x = Samples(row, g.iterations);
    if (x.empty()) return std::nullopt;
    m.from = BoundsFrom::kRepetitions;
    m.value = stats::Median(x);
    m.lower = stats::Quantile(x, 0.25);
    m.upper = stats::Quantile(x, 0.75);
    m.samples = x.size();
  } else {
    const std::vector<double> centres = Samples(row, g.centres);
    if (centres.empty()) return std::nullopt;
    const std::vector<double> sds = Samples(row, g.stddevs);
    // The normal's quartiles lie 0.6745 standard deviations from its centre.
    const double half = stats::NormalQuantile(0.75) * (sds.empty() ? 0.0 : stats::Median(sds));
    m.from = BoundsFrom::kAggregates;
    m.value = stats::Median(centres);
    m.lower = std::max(0.0, m.value - half);
    m.upper = m.value + half;
    m.samples = centres.size();
  }
  if (!Exportable(m)) return std::nullopt;
  return m;
}

// Benchmarks without items processed (floors, overheads) still get a
// bigger-is-better measure: operations (iterations) per second, 1e9 / the
// latency in ns, its bounds the latency's bounds inverted.
std::optional<ExportMeasure> OpsPerSecond(const ExportMeasure& latency) {
  if (latency.lower <= 0) return std::nullopt;
  ExportMeasure m = latency;
  m.key = "throughput";
  m.unit = "ops/s";
  m.better = Better::kBigger;
  m.value = 1e9 / latency.value;
  m.lower = 1e9 / latency.upper;
  m.upper = 1e9 / latency.lower;
  if (!Exportable(m)) return std::nullopt;
  return m;
}

ExportBenchmark BenchmarkOf(std::string name, const Group& g) {
  ExportBenchmark b{.name = std::move(name), .label = g.label, .measures = {}};
  for (const MeasureRow& row : kMeasureRows) {
    if (std::optional<ExportMeasure> m = MeasureOf(row, g)) b.measures.push_back(*std::move(m));
  }
  const auto has = [&](std::string_view key) {
    return std::any_of(b.measures.begin(), b.measures.end(),
                       [&](const ExportMeasure& m) { return m.key == key; });
  };
  if (has("latency") && !has("throughput")) {
    if (std::optional<ExportMeasure> ops = OpsPerSecond(b.measures.front())) {
      b.measures.insert(b.measures.begin() + 1, *std::move(ops));
    }
  }
  return b;
}

}  // namespace

std::string StableName(const Record& record) {
  std::string name = record.run_name;
  // Google Benchmark before run_name existed: the aggregate's own suffix.
  if (record.aggregate_name && name == record.name) {
    const std::string suffix = absl::StrCat("_", *record.aggregate_name);
    if (name.size() > suffix.size() && name.ends_with(suffix))
      name.resize(name.size() - suffix.size());
  }
  // Benchmark::Repetitions(N) puts "repeats:N" in the name; a changed count
  // is the same benchmark measured more often.
  if (record.repetitions) {
    const std::string component =
        absl::StrCat("/repeats:", static_cast<long long>(*record.repetitions));
    const size_t at = name.find(component);
    const size_t end = at + component.size();
    if (at != std::string::npos && (end == name.size() || name[end] == '/')) {
      name.erase(at, component.size());
    }
  }
  return name;
}

Export BuildExport(const std::vector<Run>& runs) {
  std::vector<std::string> order;
  std::unordered_map<std::string, Group> groups;
  for (const Run& run : runs) {
    for (const Record& r : run.records) {
      std::string name = StableName(r);
      auto [it, added] = groups.try_emplace(name);
      if (added) {
        it->second.label = r.label.value_or("");
        order.push_back(std::move(name));
      }
      if (r.error) continue;
      if (r.run_type.value_or("iteration") == "iteration") {
        it->second.iterations.push_back(&r);
      } else {
        AddAggregate(it->second, r);
      }
    }
  }
  Export out;
  out.benchmarks.reserve(order.size());
  for (std::string& name : order) {
    ExportBenchmark b = BenchmarkOf(name, groups[name]);
    if (b.measures.empty() || b.measures.front().key != "latency") {
      out.skipped.push_back(std::move(name));
    } else {
      out.benchmarks.push_back(std::move(b));
    }
  }
  return out;
}

}  // namespace parbench::report
