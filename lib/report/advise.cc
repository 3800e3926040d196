#include "lib/report/advise.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

// The parameters as table.sh --model wrote them (six significant digits,
// cv four), so that the answers are those advise.awk gave from that text.
double R6(double x) { return std::strtod(absl::StrFormat("%.6g", x).c_str(), nullptr); }
double R4(double x) { return std::strtod(absl::StrFormat("%.4g", x).c_str(), nullptr); }

std::string Short(double ns) { return FormatTime(ns, TimeStyle::kShort); }
std::string Cv(double x) { return absl::StrFormat("±%.1f %%", 100 * x); }
std::string Workers(int64_t w) { return absl::StrCat(w, w == 1 ? " worker" : " workers"); }

const char* DominantWords(stats::Dominant d) {
  switch (d) {
    case stats::Dominant::kStartUp:
      return "start-up";
    case stats::Dominant::kDispatch:
      return "dispatch per chunk";
    case stats::Dominant::kCeiling:
      return "the machine's ceiling";
    case stats::Dominant::kUnevenRounds:
      return "uneven rounds";
  }
  return "";
}

// How dear a choice is to run: fewer workers first, then threads before
// processes (or remote ranks), a warm pool before start-ups per call.
int Cost(const TableRow& row, int64_t w) {
  int k = static_cast<int>(w) * 100;
  if (row.worker_kind == WorkerKind::kProcesses || row.worker_kind == WorkerKind::kRemote) k += 20;
  if (row.life == "cold" ||
      (row.dispatch == Dispatch::kPerTask && row.worker_kind != WorkerKind::kInline)) {
    k += 10;
  }
  return k;
}

}  // namespace

absl::StatusOr<Advice> ComputeAdvice(const TableReport& report, const AdviseQuestion& q) {
  Advice a;
  bool seen_seq = false;
  std::optional<size_t> section;
  for (const size_t ti : report.table_order) {
    const Table& t = report.tables[ti];
    if (!t.size.empty() || !t.baseline || OneLine(t.workload) != q.family) continue;
    const Section& s = report.sections[t.section];
    if (!section) {
      section = t.section;
      a.host = s.host;
      a.source = s.source;
    }
    if (OneLine(s.host) != OneLine(a.host) || OneLine(s.source) != OneLine(a.source)) continue;
    a.usable = s.UsableCpus();
    const double base_cv = t.baseline->cv ? R4(*t.baseline->cv) : 0;
    for (const TableRow& row : t.rows) {
      if (row.role == RowRole::kCeiling) continue;
      for (size_t i = 0; i < t.columns.size(); ++i) {
        if (!row.cells[i].ok()) continue;
        if (row.role == RowRole::kBaseline) {
          seen_seq = true;
          continue;
        }
        const int64_t w = t.columns[i].workers;
        const CellModel& m = row.models[i];
        // One worker is no parallel choice; on CPU-bound tasks a strategy
        // on the caller's thread (an event loop) runs them one after another.
        if (!m.params || w < 2 || (!q.io && row.worker_kind == WorkerKind::kInline)) continue;
        const CostParams& p = *m.params;
        const double ceiling = q.io ? static_cast<double>(w) : R6(p.terms.ceiling.value);
        const int64_t chunk = stats::ChunkFor(p.rule, q.tasks, w);
        const double fixed =
            R6(p.fixed0.value) + R6(p.fixed_per_task.value) * static_cast<double>(q.tasks);
        const double dispatch = R6(p.terms.dispatch.value);
        const stats::MapShape shape{q.tasks, w, chunk};
        const stats::CostTerms terms{ceiling, fixed, dispatch};
        Candidate c;
        c.label = OneLine(row.Label());
        c.strategy = row.strategy;
        c.life = row.life;
        c.workers = w;
        c.time_ns = stats::ModelTime(q.task_ns, shape, terms);
        c.speedup = static_cast<double>(q.tasks) * q.task_ns / c.time_ns;
        const double cv = row.cells[i].cv ? R4(*row.cells[i].cv) : 0;
        c.spread = std::sqrt(cv * cv + base_cv * base_cv);
        c.dominant = stats::DominantTerm(q.task_ns, shape, terms);
        c.chunk = chunk;
        c.chunks = (q.tasks + chunk - 1) / chunk;
        c.fixed_ns = fixed;
        c.dispatch_ns = dispatch * static_cast<double>(c.chunks);
        c.effective_workers =
            q.io ? static_cast<double>(w) : std::min(ceiling, static_cast<double>(w));
        c.cost = Cost(row, w);
        a.candidates.push_back(c);
      }
    }
  }
  if (!seen_seq) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "has no %s results with Sequential (run the %s family)", q.family, q.family));
  }
  if (a.candidates.empty()) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "has no %s strategy the cost model covers (it needs the Overhead and Floor families of "
        "the same run)",
        q.family));
  }
  const std::vector<Candidate>& cs = a.candidates;
  for (size_t i = 1; i < cs.size(); ++i) {
    if (cs[i].speedup > cs[a.best].speedup) a.best = i;
  }
  const Candidate& best = cs[a.best];
  a.sequential = best.speedup <= 1 + best.spread;
  a.cheapest = a.best;
  for (size_t i = 0; i < cs.size(); ++i) {
    if (cs[i].speedup >= best.speedup * (1 - best.spread) && cs[i].cost < cs[a.cheapest].cost) {
      a.cheapest = i;
    }
  }
  return a;
}

std::string RenderAdvice(const Advice& a, const AdviseQuestion& q) {
  const Candidate& b = a.candidates[a.best];
  const std::string detail = [](const Candidate& c) {
    return absl::StrFormat(
        "start-up and round trip %s, dispatch %s (%d chunks of %d), %.2f effective workers of %d",
        Short(c.fixed_ns), Short(c.dispatch_ns), c.chunks, c.chunk, c.effective_workers, c.workers);
  }(b);
  std::string out =
      absl::StrFormat("%d tasks of %s (%s), judged on the %s family of %s (%d usable CPUs):\n",
                      q.tasks, Short(q.task_ns), q.io ? "waiting, not computing" : "CPU-bound",
                      q.family, OneLine(a.source), static_cast<int64_t>(a.usable));
  if (a.sequential) {
    absl::StrAppendFormat(&out,
                          "- Use: Sequential. The best parallel choice, %s with %s, would give %s "
                          "(%s): not a gain beyond the noise.\n",
                          b.label, Workers(b.workers), FormatRatio(b.speedup), Cv(b.spread));
    absl::StrAppendFormat(&out, "- Why: %s dominates (%s).\n", DominantWords(b.dominant), detail);
    return out;
  }
  absl::StrAppendFormat(&out, "- Use: %s with %s: expected %s (%s), %s instead of %s.\n", b.label,
                        Workers(b.workers), FormatRatio(b.speedup), Cv(b.spread), Short(b.time_ns),
                        Short(static_cast<double>(q.tasks) * q.task_ns));
  absl::StrAppendFormat(&out, "- Why: what it loses against an ideal %s is mostly %s (%s).\n",
                        FormatRatio(static_cast<double>(b.workers)), DominantWords(b.dominant),
                        detail);
  if (a.cheapest == a.best) {
    absl::StrAppendFormat(&out,
                          "- Cheapest within noise: this one; nothing cheaper comes within %s.\n",
                          Cv(b.spread));
  } else {
    const Candidate& c = a.candidates[a.cheapest];
    absl::StrAppendFormat(&out, "- Cheapest within noise: %s with %s, %s (%s), %s.\n", c.label,
                          Workers(c.workers), FormatRatio(c.speedup), Cv(c.spread),
                          Short(c.time_ns));
  }
  return out;
}

}  // namespace parbench::report
