#include "lib/report/table_cost.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/report/stats/linear_fit.h"
#include "lib/report/table_build.h"
#include "lib/report/table_roles.h"

namespace parbench::report {
namespace {

// An overhead measured against the worker count: x ascending, y in ns with
// its error (per task, or per chunk of one task, where the name has a
// batch).
struct Curve {
  std::vector<double> x;
  std::vector<stats::Uncertain> y;
  bool empty() const { return x.empty(); }
};

// Whether an Overhead or Floor benchmark measures `operation` (of
// `strategy`, with its transport, when not ""; "ProcessPool" is not
// "ProcessPool/shm").
bool Measures(const OperationFacts& op, OperationFamily family, absl::string_view operation,
              absl::string_view strategy = "") {
  return op.family == family && op.operation == operation &&
         (strategy.empty() || op.strategy == strategy);
}

// The clean benchmarks of the section outside the grid that `take`s, by
// their workers; per task where they ran a batch of tasks.
template <typename Take>
Curve OperationCurve(const Section& s, Take take) {
  std::vector<double> xs;
  std::vector<stats::Uncertain> ys;
  for (const OtherBenchmark& o : s.others) {
    if (!take(o.op) || !o.op.workers || !o.cell.ok()) continue;
    stats::Uncertain v = o.cell.Median();
    if (o.op.batch && *o.op.batch > 0) {
      const auto batch = static_cast<double>(*o.op.batch);
      v.value /= batch;
      if (v.std_error) *v.std_error /= batch;
    }
    xs.push_back(static_cast<double>(*o.op.workers));
    ys.push_back(v);
  }
  std::vector<size_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return xs[a] < xs[b]; });
  Curve c;
  for (const size_t i : order) {
    c.x.push_back(xs[i]);
    c.y.push_back(ys[i]);
  }
  return c;
}

// y at x on the polyline through the curve (stats::Interpolate), with the
// error of the two points it interpolates between.
stats::Uncertain At(const Curve& c, double x) {
  std::vector<double> values;
  for (const stats::Uncertain& u : c.y) values.push_back(u.value);
  const double v = *stats::Interpolate(c.x, values, x);
  const size_t m = c.x.size();
  if (m == 1 || c.x[m - 1] == c.x[0]) return {v, c.y[0].std_error};
  size_t lo = 0;
  for (size_t i = 0; i + 1 < m; ++i) {
    if (c.x[i] <= x) lo = i;
  }
  const size_t hi = lo + 1;
  if (c.x[hi] == c.x[lo]) return {v, c.y[lo].std_error};
  if (!c.y[lo].std_error || !c.y[hi].std_error) return {v, std::nullopt};
  const double f = (x - c.x[lo]) / (c.x[hi] - c.x[lo]);
  const double se = std::hypot((1 - f) * *c.y[lo].std_error, f * *c.y[hi].std_error);
  return {v, se};
}

// The median of the section's first benchmark outside the grid that
// `take`s; none when it did not run cleanly.
template <typename Take>
std::optional<stats::Uncertain> OperationMedian(const Section& s, Take take) {
  for (const OtherBenchmark& o : s.others) {
    if (take(o.op)) {
      if (!o.cell.ok()) return std::nullopt;
      return o.cell.Median();
    }
  }
  return std::nullopt;
}

// The batch of the first benchmark outside the grid that `take`s; 1 none.
template <typename Take>
double OperationBatch(const Section& s, Take take) {
  for (const OtherBenchmark& o : s.others) {
    if (!take(o.op)) continue;
    return o.op.batch ? static_cast<double>(*o.op.batch) : 1;
  }
  return 1;
}

double CellMedian(const Table& t, size_t row, double workers) {
  const auto w = static_cast<int64_t>(workers);
  if (static_cast<double>(w) != workers) return -1;
  const std::optional<size_t> col = t.ColumnOf(w);
  if (!col || !t.rows[row].cells[*col].ok()) return -1;
  return t.rows[row].cells[*col].median_ns;
}

stats::Uncertain Scaled(stats::Uncertain u, double k) {
  u.value *= k;
  if (u.std_error) *u.std_error *= k;
  return u;
}

stats::Uncertain Sum(const stats::Uncertain& a, const stats::Uncertain& b) {
  stats::Uncertain s{a.value + b.value, std::nullopt};
  if (a.std_error && b.std_error) s.std_error = std::hypot(*a.std_error, *b.std_error);
  return s;
}

// The cost model's parameters of row r at w workers; none (why said) when
// its roles have no model or its overheads were not measured.
CellModel Params(const TableReport& report, const Table& t, const TableRow& row, int64_t w) {
  const Section& s = report.sections[t.section];
  const double ncpu = s.UsableCpus();
  const double k = (ncpu > 0 && static_cast<double>(w) > ncpu) ? ncpu : static_cast<double>(w);
  CostParams p;
  p.terms.ceiling = stats::Uncertain{CeilingAt(report, t.section, w), 0.0};
  CellModel m;
  const std::string& strat = row.strategy;
  switch (CostShapeOf(row)) {
    case CostShape::kPool: {
      // The RoundTrip overhead of this strategy at one worker.
      if (std::optional<stats::Uncertain> v = OperationMedian(s, [&](const OperationFacts& op) {
            return Measures(op, OperationFamily::kOverhead, "RoundTrip", strat) && op.workers == 1;
          })) {
        p.fixed0 = *v;
      }
      // A pool started in the timing: cold, or by the spawn launch.
      if (row.life == "cold" || row.life == "spawn") {
        const bool spawn = row.life == "spawn";
        const Curve c = OperationCurve(s, [&](const OperationFacts& op) {
          return Measures(op, OperationFamily::kOverhead, "StartStop", strat) &&
                 (op.launch == "spawn") == spawn;
        });
        if (c.empty()) {
          m.why = "no Overhead/StartStop";
          return m;
        }
        p.fixed0 = Sum(p.fixed0, At(c, static_cast<double>(w)));
      }
      Curve c = OperationCurve(s, [&](const OperationFacts& op) {
        return Measures(op, OperationFamily::kOverhead, "PerTask", strat) && op.chunk == 1;
      });
      // Without the per-chunk rows (MPI's runs before issue 20), a chunk
      // costs one round trip at that worker count: an upper bound, as a
      // round trip waits for the answer a pipelined dispatch overlaps.
      if (c.empty()) {
        c = OperationCurve(s, [&](const OperationFacts& op) {
          return Measures(op, OperationFamily::kOverhead, "RoundTrip", strat);
        });
      }
      if (c.empty()) {
        m.why = "no Overhead/PerTask";
        return m;
      }
      p.terms.dispatch = At(c, k);
      break;
    }
    case CostShape::kStarts: {
      p.rule = stats::ChunkRule::kPerTask;
      // A thread started and joined per task, or a process of this
      // strategy forked or spawned per task.
      const bool threads = row.worker_kind == WorkerKind::kThreads;
      const std::string launch = row.life == "spawn" ? "spawn" : "fork";
      const Curve c = OperationCurve(s, [&](const OperationFacts& op) {
        return threads ? Measures(op, OperationFamily::kFloor, "ThreadCreateJoin")
                       : Measures(op, OperationFamily::kOverhead, "ProcessStart", strat) &&
                             op.launch == launch;
      });
      if (c.empty()) {
        m.why = threads ? "no Floor/ThreadCreateJoin/workers:"
                        : absl::StrCat("no Overhead/ProcessStart/", launch, "/workers:");
        return m;
      }
      p.fixed0 = At(c, 0);
      const stats::Uncertain one = At(c, 1);
      p.fixed_per_task = stats::Uncertain{one.value - p.fixed0.value, std::nullopt};
      if (one.std_error && p.fixed0.std_error) {
        p.fixed_per_task.std_error = std::hypot(*one.std_error, *p.fixed0.std_error);
      }
      break;
    }
    case CostShape::kRegion: {
      // One parallel region: the time of a region of empty tasks, its
      // chunks one block per worker (OpenMP's static schedule) or the
      // pools' default (a chunked runtime: TBB).
      p.rule =
          row.dispatch == Dispatch::kBlock ? stats::ChunkRule::kBlock : stats::ChunkRule::kDefault;
      auto per_task = [&](const OperationFacts& op) {
        return Measures(op, OperationFamily::kOverhead, "PerTask", strat);
      };
      const Curve c = OperationCurve(s, per_task);
      if (!c.empty()) p.fixed0 = Scaled(At(c, k), OperationBatch(s, per_task));
      break;
    }
    case CostShape::kLoop:
      // The tasks run one after another on the loop's thread.
      p.rule = stats::ChunkRule::kPerTask;
      p.terms.ceiling = stats::Uncertain{1, 0.0};
      break;
    case CostShape::kNone:
      m.why = absl::StrCat("no model for ", strat);
      return m;
  }
  m.params = p;
  return m;
}

void Predict(const Table& t, int64_t w, CellModel& m) {
  if (!m.params || !t.task_count || *t.task_count <= 0) return;
  const CostParams& p = *m.params;
  const int64_t tasks = *t.task_count;
  const auto T = static_cast<double>(tasks);
  const stats::MapShape shape{tasks, w, stats::ChunkFor(p.rule, tasks, w)};
  // fixed0 + fixed_per_task × tasks, as the awk summed them: one term.
  stats::UncertainTerms terms = p.terms;
  terms.fixed = Sum(p.fixed0, Scaled(p.fixed_per_task, T));
  terms.fixed.value = p.fixed0.value + p.fixed_per_task.value * T;
  const stats::Uncertain task = Scaled(t.baseline->median, 1 / T);
  stats::Uncertain predicted = stats::PredictTime(task, shape, terms);
  predicted.value = stats::ModelTime(
      t.baseline->median_ns / T, shape,
      stats::CostTerms{terms.ceiling.value, terms.fixed.value, terms.dispatch.value});
  m.predicted = predicted;
  const std::optional<double> be = stats::BreakEven(
      shape, stats::CostTerms{terms.ceiling.value, terms.fixed.value, terms.dispatch.value});
  if (!be) {
    m.never = true;
    return;
  }
  std::optional<stats::Uncertain> u = stats::PredictBreakEven(shape, terms);
  m.break_even = stats::Uncertain{*be, u ? u->std_error : std::nullopt};
}

}  // namespace

double CeilingAt(const TableReport& report, size_t section, int64_t n) {
  const double ncpu = report.sections[section].UsableCpus();
  const auto nd = static_cast<double>(n);
  const double k = (ncpu > 0 && nd > ncpu) ? ncpu : nd;
  for (const Table& t : report.tables) {
    if (t.section != section || t.workload_role != WorkloadRole::kReference || !t.size.empty())
      continue;
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (t.rows[r].role != RowRole::kCeiling) continue;
      const double b1 = t.baseline ? t.baseline->median_ns : 0;
      double bn = CellMedian(t, r, nd);
      if (bn <= 0) bn = CellMedian(t, r, k);
      if (b1 <= 0 || bn <= 0) continue;
      double c = (b1 / bn < k) ? b1 / bn : k;
      const double bk = (k < nd) ? CellMedian(t, r, k) : 0;
      if (bk > 0 && b1 / bk < c) c = b1 / bk;
      return c;
    }
  }
  return k;
}

void ModelRows(const TableReport& report, Table& table) {
  if (!table.size.empty() || !table.baseline) return;
  for (TableRow& row : table.rows) {
    if (row.role != RowRole::kStrategy) continue;
    for (const Column& col : table.columns) {
      CellModel m = Params(report, table, row, col.workers);
      Predict(table, col.workers, m);
      row.models.push_back(std::move(m));
    }
  }
}

}  // namespace parbench::report
