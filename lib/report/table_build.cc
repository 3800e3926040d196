#include "lib/report/table_build.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "lib/report/csv.h"
#include "lib/report/order_key.h"
#include "lib/report/stats/summary.h"
#include "lib/report/table_cost.h"
#include "lib/report/table_fit.h"
#include "lib/report/table_roles.h"

namespace parbench::report {
namespace {

// What the records of one group said, before it is summed up.
struct Group {
  bool seen = false;
  std::optional<std::string> error;
  bool oversubscribed = false;
  std::vector<double> times, cpus, rss;  // the repetitions'
  std::optional<double> agg_median, agg_median_cpu, agg_median_rss, agg_cv, agg_mean, agg_sd;
};

std::optional<double> Finite(const std::optional<double>& v) {
  if (v && std::isfinite(*v)) return v;
  return std::nullopt;
}

std::optional<double> Counter(const Record& r, const std::string& name) {
  const auto it = r.counters.find(name);
  if (it == r.counters.end()) return std::nullopt;
  return Finite(it->second);
}

// Whether the record ran more workers than its run's usable CPUs: its
// counter when it has one, else the run's parbench_oversubscribed_workers.
bool Oversubscribed(const Record& r, const std::string& workers, const std::string& list) {
  if (const std::optional<double> ov = Counter(r, "oversubscribed")) return *ov > 0;
  return !workers.empty() &&
         absl::StrCat(",", list, ",").find(absl::StrCat(",", workers, ",")) != std::string::npos;
}

void AddValues(const Record& r, const std::string& workers, const Section& section, Group& g) {
  g.seen = true;
  if (r.error) {
    if (!g.error) g.error = r.error_message.value_or("");
    return;
  }
  if (Oversubscribed(r, workers, section.oversubscribed_workers)) g.oversubscribed = true;
  const std::optional<double> real = Finite(r.real_ns);
  if (!real) return;
  const std::optional<double> cpu = Counter(r, "total_cpu_s");
  const std::optional<double> rss = Counter(r, "peak_rss_mib");
  if (r.run_type.value_or("") == "aggregate") {
    const std::string agg = r.aggregate_name.value_or("");
    if (agg == "median") {
      g.agg_median = real;
      if (cpu) g.agg_median_cpu = cpu;
      if (rss) g.agg_median_rss = rss;
    } else if (agg == "cv") {
      g.agg_cv = real;
    } else if (agg == "mean") {
      g.agg_mean = real;
    } else if (agg == "stddev") {
      g.agg_sd = real;
    }
    return;
  }
  g.times.push_back(*real);
  if (cpu) g.cpus.push_back(*cpu);
  if (rss) g.rss.push_back(*rss);
}

// A group summed up: repetitions first, aggregates when a file has only
// those (table.awk's finish()).
CellSummary Finish(const Group& g) {
  CellSummary c;
  c.oversubscribed = g.oversubscribed;
  if (!g.seen) return c;
  if (g.error) {
    c.state = CellState::kError;
    c.error = *g.error;
    return c;
  }
  if (!g.times.empty()) {
    c.samples = g.times;
    c.median_ns = stats::Median(g.times);
    if (g.times.size() >= 2 && stats::Mean(g.times) > 0) {
      c.cv = stats::StdDev(g.times) / stats::Mean(g.times);
    }
    if (!g.cpus.empty()) c.cpu_s = stats::Median(g.cpus);
    if (!g.rss.empty()) c.rss_mib = stats::Median(g.rss);
  } else if (g.agg_median) {
    c.median_ns = *g.agg_median;
    if (g.agg_cv) {
      c.cv = g.agg_cv;
    } else if (g.agg_sd && g.agg_mean.value_or(0) > 0) {
      c.cv = *g.agg_sd / *g.agg_mean;
    }
    c.cpu_s = g.agg_median_cpu;
    c.rss_mib = g.agg_median_rss;
  } else if (g.agg_mean) {
    c.median_ns = *g.agg_mean;
  } else {
    c.state = CellState::kNoTime;
    return c;
  }
  c.state = c.median_ns > 0 ? CellState::kOk : CellState::kNoTime;
  return c;
}

// What tells rows of one table apart besides strategy and life: a pool's
// chunk size, its knobs, the seed's language and API; "" for none.
std::string RowQualifier(const BenchFacts& f) {
  std::string q;
  auto add = [&q](absl::string_view key, absl::string_view value) {
    if (!value.empty()) absl::StrAppend(&q, q.empty() ? "" : ", ", key, " ", value);
  };
  auto count = [](std::optional<int64_t> v) { return v ? absl::StrCat(*v) : std::string(); };
  add("chunk", count(f.chunk));
  add("spin", count(f.spin));
  add("caller_runs", count(f.caller_runs));
  add("lang", f.lang);
  add("api", f.api);
  return q;
}

// A row while the records are read: its groups by worker count.
struct RowBuild {
  std::string strategy, life, qualifier;
  const BenchFacts* facts = nullptr;  // the first record's: the row's roles
  std::map<int64_t, Group> groups;
};

struct TableBuild {
  std::vector<RowBuild> rows;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> row_index;
  std::vector<int64_t> workers;  // as first seen
};

Section SectionOf(const Run& run) {
  Section s;
  s.host = ContextText(run, "host_name");
  s.source = run.source;
  s.date = ContextText(run, "date");
  s.cpus = ContextText(run, "num_cpus");
  s.usable = ContextText(run, "parbench_usable_cpus");
  s.build = ContextText(run, "parbench_build_type");
  s.revision = ContextText(run, "parbench_revision");
  s.cpu_count = ContextText(run, "parbench_cpu_count");
  s.oversubscribed_workers = ContextText(run, "parbench_oversubscribed_workers");
  s.strategies = StrategyOrder(run);
  return s;
}

// The grid's columns ascending, its rows in the tables' order, every cell
// summed up.
void Prepare(const Section& section, TableBuild& build, Table& t) {
  std::vector<int64_t> workers = build.workers;
  std::sort(workers.begin(), workers.end());
  for (const int64_t w : workers) {
    Column c;
    c.workers = w;
    t.columns.push_back(c);
  }
  std::vector<std::string> keys;
  for (const RowBuild& r : build.rows) {
    keys.push_back(absl::StrFormat("%03d\t%s\t%s\t%s", StrategyRank(section.strategies, r.strategy),
                                   r.strategy, r.life, PadNumbers(r.qualifier)));
  }
  for (const size_t i : SortedIndexes(keys)) {
    RowBuild& b = build.rows[i];
    TableRow row;
    row.strategy = b.strategy;
    row.life = b.life;
    row.qualifier = b.qualifier;
    row.role = RowRoleOf(b.facts->table_role);
    row.worker_kind = b.facts->worker_kind;
    row.dispatch = b.facts->dispatch;
    row.table_role = b.facts->table_role;
    for (const int64_t w : workers) row.cells.push_back(Finish(b.groups[w]));
    t.rows.push_back(std::move(row));
  }
}

// The baseline: the first baseline row at its smallest clean worker count.
void FindBaseline(Table& t) {
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (t.rows[r].role != RowRole::kBaseline) continue;
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const CellSummary& c = t.rows[r].cells[i];
      if (!c.ok()) continue;
      t.baseline = Baseline{.row = r,
                            .column = i,
                            .median_ns = c.median_ns,
                            .cpu_s = c.cpu_s,
                            .cv = c.cv,
                            .median = c.Median()};
      return;
    }
    return;
  }
}

// Per column: the fastest measured cell, and the winner and runner-up of
// all strategies (the baseline counted at every worker count, at its
// baseline time where it did not run; the ceiling never).
void FindWinners(Table& t) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    Column& col = t.columns[i];
    std::optional<Placing> best;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const TableRow& row = t.rows[r];
      if (row.role == RowRole::kCeiling) continue;
      const CellSummary& c = row.cells[i];
      double m = 0;
      if (c.ok()) {
        m = c.median_ns;
        if (!best || m < best->median_ns) best = Placing{r, m};
      } else if (t.baseline && r == t.baseline->row && c.state != CellState::kError) {
        m = t.baseline->median_ns;
      } else {
        continue;
      }
      if (!col.winner || m < col.winner->median_ns) {
        col.runner_up = col.winner;
        col.winner = Placing{r, m};
      } else if (!col.runner_up || m < col.runner_up->median_ns) {
        col.runner_up = Placing{r, m};
      }
    }
    if (best) col.best_row = best->row;
  }
}

void MarkOversubscribed(Table& t, Section& section) {
  const double ncpu = section.UsableCpus();
  for (size_t i = 0; i < t.columns.size(); ++i) {
    Column& col = t.columns[i];
    if (ncpu > 0 && static_cast<double>(col.workers) > ncpu) col.oversubscribed = true;
    for (const TableRow& row : t.rows) {
      if (row.cells[i].oversubscribed) col.oversubscribed = true;
    }
    if (col.oversubscribed) section.any_oversubscribed = true;
  }
}

// Whether the table's work keeps a CPU busy: the baseline kept 90 % of a
// CPU busy; without CPU counters, its workload row says it keeps one busy.
bool CpuBound(const Table& t) {
  if (!t.baseline) return false;
  if (t.baseline->cpu_s.value_or(-1) > 0) {
    return *t.baseline->cpu_s >= 0.9 * t.baseline->median_ns / 1e9;
  }
  return t.bound == WorkloadBound::kCpu;
}

}  // namespace

bool IsPlainNumber(const std::string& s) {
  size_t i = 0;
  const size_t n = s.size();
  if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
  auto digits = [&] {
    const size_t from = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < n && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < n && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == n;
}

TableReport BuildTableReport(const std::vector<Run>& runs) {
  TableReport report;
  std::vector<TableBuild> builds;
  std::map<std::tuple<size_t, std::string, std::string, std::string>, size_t> table_index;
  std::vector<std::vector<Group>> other_groups;  // by section, as first seen
  for (const Run& run : runs) {
    if (run.records.empty()) continue;
    const size_t s = report.sections.size();
    report.sections.push_back(SectionOf(run));
    other_groups.emplace_back();
    Section& section = report.sections.back();
    std::map<std::string, size_t> other_index;
    for (const Record& r : run.records) {
      if (const std::optional<double> reps = Finite(r.repetitions)) {
        section.repetitions = std::max(section.repetitions, *reps);
      }
      const BenchFacts& f = r.facts;
      const bool named = f.source != FactsSource::kNone;
      const std::string name = r.run_name.empty() ? r.name : r.run_name;
      const std::string workers = named && f.workers ? absl::StrCat(*f.workers) : "";
      if (f.workload.empty() || workers.empty()) {
        auto [it, added] = other_index.try_emplace(name, section.others.size());
        if (added) {
          section.others.push_back(OtherBenchmark{name, f.op, CellSummary{}});
          other_groups[s].emplace_back();
        }
        AddValues(r, workers, section, other_groups[s][it->second]);
        continue;
      }
      const std::string tasks = named && f.tasks ? absl::StrCat(*f.tasks) : "";
      const std::string size = f.task_size ? absl::StrCat(*f.task_size) : "";
      auto [tit, tadded] =
          table_index.try_emplace(std::make_tuple(s, f.workload, tasks, size), builds.size());
      if (tadded) {
        builds.emplace_back();
        Table t;
        t.section = s;
        t.workload = f.workload;
        t.tasks = tasks;
        if (IsPlainNumber(tasks)) t.task_count = f.tasks;
        t.size = size;
        t.workload_role = f.workload_role;
        t.bound = f.bound;
        report.tables.push_back(std::move(t));
      }
      TableBuild& tb = builds[tit->second];
      const std::string qualifier = RowQualifier(f);
      auto [rit, radded] =
          tb.row_index.try_emplace(std::make_tuple(f.strategy, f.life, qualifier), tb.rows.size());
      if (radded) tb.rows.push_back(RowBuild{f.strategy, f.life, qualifier, &f, {}});
      const int64_t w = *f.workers;
      if (std::find(tb.workers.begin(), tb.workers.end(), w) == tb.workers.end()) {
        tb.workers.push_back(w);
      }
      AddValues(r, workers, section, tb.rows[rit->second].groups[w]);
    }
    std::vector<std::string> keys;
    for (size_t i = 0; i < section.others.size(); ++i) {
      OtherBenchmark& o = section.others[i];
      o.cell = Finish(other_groups[s][i]);
      if (o.op.family == OperationFamily::kOverhead) section.has_overheads = true;
      keys.push_back(o.name);
    }
    section.other_order = SortedIndexes(keys);
  }
  for (size_t t = 0; t < report.tables.size(); ++t) {
    Table& table = report.tables[t];
    Section& section = report.sections[table.section];
    Prepare(section, builds[t], table);
    FindBaseline(table);
    FindWinners(table);
    MarkOversubscribed(table, section);
    table.cpu_bound = CpuBound(table);
  }
  std::vector<std::string> keys;
  for (const Table& t : report.tables) {
    keys.push_back(absl::StrFormat("%06d\t%s\t%012d\t%s", t.section + 1, t.workload,
                                   std::strtoll(t.tasks.c_str(), nullptr, 10),
                                   PadNumbers(t.Extra())));
  }
  report.table_order = SortedIndexes(keys);
  for (Table& t : report.tables) {
    FitRows(report.sections[t.section], t);
    ModelRows(report, t);
  }
  return report;
}

}  // namespace parbench::report
