#include "lib/report/speedup.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/report/model.h"
#include "lib/report/order_key.h"

namespace parbench::report {
namespace {

// A run's aggregates give no range; their spread is the median ± one
// standard deviation, kept above this share of the median so that the
// speedup's upper end stays finite.
constexpr double kLowestShareOfMedian = 0.1;

using GroupKey = std::tuple<std::string, std::optional<int64_t>, std::optional<int64_t>>;
// run, strategy, life, chunk, api
using SeriesKey = std::tuple<size_t, std::string, std::string, std::optional<int64_t>, std::string>;

// What one benchmark of a series at one worker count measured.
struct Samples {
  std::string run_name;  // the benchmark's; another name here is a clash
  std::vector<double> times_ns;
  std::optional<double> median_ns;  // the aggregates, for runs without iterations
  std::optional<double> stddev_ns;
  int64_t repetitions = 0;
  TableRole table_role = TableRole::kNone;  // the row's, from its facts
};

using SeriesSamples = std::map<int64_t, Samples>;  // by workers

std::optional<std::string> ContextString(const Run& run, const std::string& key) {
  const auto it = run.context.find(key);
  if (it == run.context.end()) return std::nullopt;
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return std::nullopt;
}

std::string GroupName(const GroupKey& key) {
  const auto& [workload, tasks, size] = key;
  return absl::StrCat(workload, tasks ? absl::StrCat(" tasks:", *tasks) : "",
                      size ? absl::StrCat(" size:", *size) : "");
}

std::optional<SpeedupCell> Cell(int64_t workers, Samples& s) {
  SpeedupCell cell;
  cell.workers = workers;
  if (!s.times_ns.empty()) {
    std::vector<double>& t = s.times_ns;
    std::sort(t.begin(), t.end());
    const size_t n = t.size();
    cell.median_ns = n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
    cell.low_ns = t.front();
    cell.high_ns = t.back();
    cell.repetitions = static_cast<int64_t>(n);
  } else if (s.median_ns && *s.median_ns > 0) {
    const double sd = s.stddev_ns.value_or(0);
    cell.median_ns = *s.median_ns;
    cell.low_ns = std::max(cell.median_ns - sd, kLowestShareOfMedian * cell.median_ns);
    cell.high_ns = cell.median_ns + sd;
    cell.repetitions = s.repetitions;
  } else {
    return std::nullopt;
  }
  if (!(cell.median_ns > 0 && cell.low_ns > 0)) return std::nullopt;
  return cell;
}

// A series' table role: its cells', all read from one row's facts.
TableRole RoleOf(const SeriesSamples& samples) {
  return samples.empty() ? TableRole::kNone : samples.begin()->second.table_role;
}

// Rows that the facts cannot tell apart, by group: the first two names.
using Clashes = std::map<GroupKey, std::string>;

void AddRecord(const Record& r, size_t run,
               std::map<GroupKey, std::map<SeriesKey, SeriesSamples>>& grid, Clashes& clashes) {
  const BenchFacts& f = r.facts;
  if (f.workload.empty() || f.strategy.empty() || !f.workers || !f.tasks || r.error || !r.real_ns) {
    return;
  }
  const bool aggregate = r.run_type.value_or("iteration") == "aggregate";
  const std::string aggregate_name = r.aggregate_name.value_or("");
  if (aggregate && aggregate_name != "median" && aggregate_name != "stddev") return;
  const GroupKey group{f.workload, f.tasks, f.task_size};
  Samples& s = grid[group][SeriesKey{run, f.strategy, f.life, f.chunk, f.api}][*f.workers];
  if (s.run_name.empty()) s.run_name = r.run_name;
  s.table_role = f.table_role;
  if (s.run_name != r.run_name) {
    clashes.emplace(group, absl::StrCat(s.run_name, " and ", r.run_name));
    return;
  }
  if (!aggregate) {
    s.times_ns.push_back(*r.real_ns);
  } else if (aggregate_name == "median") {
    s.median_ns = *r.real_ns;
    s.repetitions = static_cast<int64_t>(r.repetitions.value_or(0));
  } else {
    s.stddev_ns = *r.real_ns;
  }
}

// The group of one key: every run's series held against that run's
// baseline; runs without one are left out, and said.
SpeedupGroup BuildGroup(const GroupKey& key, std::map<SeriesKey, SeriesSamples>& series,
                        const std::vector<Run>& runs, std::vector<std::string>& left_out) {
  SpeedupGroup group;
  std::tie(group.workload, group.tasks, group.task_size) = key;
  std::map<size_t, double> baseline_ns;  // by run
  for (auto& [skey, samples] : series) {
    const size_t run = std::get<0>(skey);
    if (RoleOf(samples) != TableRole::kBaseline || baseline_ns.contains(run)) continue;
    for (auto& [workers, s] : samples) {
      if (std::optional<SpeedupCell> c = Cell(workers, s)) {
        baseline_ns[run] = c->median_ns;
        break;
      }
    }
  }
  std::map<size_t, size_t> dropped;  // rows by run
  for (auto& [skey, samples] : series) {
    const auto& [run, strategy, life, chunk, api] = skey;
    const auto base = baseline_ns.find(run);
    if (base == baseline_ns.end()) {
      ++dropped[run];
      continue;
    }
    SpeedupSeries out;
    out.run = run;
    out.language = RunLanguage(runs[run]);
    const TableRole role = RoleOf(samples);
    out.role = role == TableRole::kBaseline  ? SeriesRole::kBaseline
               : role == TableRole::kCeiling ? SeriesRole::kCeiling
                                             : SeriesRole::kStrategy;
    out.strategy = strategy;
    out.life = life;
    out.chunk = chunk;
    out.api = api;
    for (auto& [workers, s] : samples) {
      std::optional<SpeedupCell> c = Cell(workers, s);
      if (!c) continue;
      c->speedup = base->second / c->median_ns;
      c->speedup_low = base->second / c->high_ns;
      c->speedup_high = base->second / c->low_ns;
      out.cells.push_back(*c);
      group.workers.push_back(workers);
    }
    if (!out.cells.empty()) group.series.push_back(std::move(out));
  }
  for (const auto& [run, rows] : dropped) {
    left_out.push_back(absl::StrCat(runs[run].source, ": ", GroupName(key), ": ", rows,
                                    " series without a baseline row to hold them against"));
  }
  std::sort(group.workers.begin(), group.workers.end());
  group.workers.erase(std::unique(group.workers.begin(), group.workers.end()), group.workers.end());
  std::vector<std::vector<std::string>> orders;
  orders.reserve(runs.size());
  for (const Run& run : runs) orders.push_back(StrategyOrder(run));
  auto order = [&](const SpeedupSeries& s) {
    return std::make_tuple(s.run, static_cast<int>(s.role), StrategyRank(orders[s.run], s.strategy),
                           s.strategy, s.life, s.chunk.has_value(), s.chunk.value_or(0), s.api);
  };
  std::stable_sort(
      group.series.begin(), group.series.end(),
      [&](const SpeedupSeries& a, const SpeedupSeries& b) { return order(a) < order(b); });
  return group;
}

}  // namespace

std::string RunLanguage(const Run& run) {
  std::optional<std::string> language = ContextString(run, "parbench_language");
  return language && !language->empty() ? *language : "C++";
}

Speedups GroupSpeedups(const std::vector<Run>& runs) {
  std::map<GroupKey, std::map<SeriesKey, SeriesSamples>> grid;
  Clashes clashes;
  for (size_t i = 0; i < runs.size(); ++i) {
    for (const Record& r : runs[i].records) AddRecord(r, i, grid, clashes);
  }
  Speedups out;
  std::vector<std::string> workload_order;
  if (!runs.empty()) {
    if (std::optional<std::string> list = ContextString(runs.front(), "parbench_workloads")) {
      workload_order = absl::StrSplit(*list, ',', absl::SkipEmpty());
    }
  }
  auto rank = [&](const std::string& workload) {
    const auto it = std::find(workload_order.begin(), workload_order.end(), workload);
    return it - workload_order.begin();
  };
  std::vector<const GroupKey*> keys;
  keys.reserve(grid.size());
  for (const auto& [key, series] : grid) keys.push_back(&key);
  std::stable_sort(keys.begin(), keys.end(), [&](const GroupKey* a, const GroupKey* b) {
    return rank(std::get<0>(*a)) < rank(std::get<0>(*b));
  });
  for (const GroupKey* key : keys) {
    // Rows the facts cannot tell apart would mix two benchmarks in one cell.
    if (const auto clash = clashes.find(*key); clash != clashes.end()) {
      out.left_out.push_back(
          absl::StrCat(GroupName(*key), ": left out, the facts do not tell apart ", clash->second));
      continue;
    }
    SpeedupGroup group = BuildGroup(*key, grid[*key], runs, out.left_out);
    if (!group.series.empty()) out.groups.push_back(std::move(group));
  }
  return out;
}

}  // namespace parbench::report
