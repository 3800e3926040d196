#include "lib/report/table_markdown.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/report/stats/summary.h"
#include "lib/report/table_build.h"
#include "lib/report/table_roles.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

std::string Time(double ns) { return FormatTime(ns, TimeStyle::kSig3); }

// A fraction as a percentage, one decimal below 10 %: "5.8 %", "82 %".
std::string Util(double x) {
  return 100 * x < 9.95 ? absl::StrFormat("%.1f %%", 100 * x) : absl::StrFormat("%.0f %%", 100 * x);
}

std::string Cv(double x) { return absl::StrFormat("±%.1f %%", 100 * x); }

std::string Workers(int64_t w) { return absl::StrCat(w, w == 1 ? " worker" : " workers"); }

// A time with its 95 % interval, where it has an error: "1.20 ms [1.10 ms,
// 1.30 ms]".
std::string TimeWithInterval(const stats::Uncertain& u) {
  std::string s = Time(u.value);
  if (const std::optional<stats::Interval> ci = stats::IntervalOf(u, 0)) {
    absl::StrAppend(&s, " [", Time(ci->low), ", ", Time(ci->high), "]");
  }
  return s;
}

// An estimate with its 95 % interval: "0.0277 [0.0200, 0.0354]".
std::string Estimate(const stats::Estimate& e, int digits) {
  auto f = [digits](double v) { return absl::StrFormat("%.*f", digits, v); };
  std::string s = f(e.value);
  if (e.ci95) absl::StrAppend(&s, " [", f(e.ci95->low), ", ", f(e.ci95->high), "]");
  return s;
}

// A number as awk prints it: integers whole, others with six digits.
std::string AwkNumber(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e16) return absl::StrFormat("%.0f", x);
  return absl::StrFormat("%.6g", x);
}

bool SameNumberOrText(const std::string& a, const std::string& b) {
  if (IsPlainNumber(a) && IsPlainNumber(b)) {
    return std::strtod(a.c_str(), nullptr) == std::strtod(b.c_str(), nullptr);
  }
  return a == b;
}

class Writer {
 public:
  explicit Writer(const TableReport& report) : report_(report) {}

  std::string Render() {
    Line("# parbench results");
    Line("");
    if (report_.sections.empty()) {
      Line("No benchmark results in this input.");
      return out_;
    }
    bool reps = false;
    for (const Section& s : report_.sections) reps = reps || s.repetitions > 1;
    Line(absl::StrCat(
        "Cells: median wall time · speedup over Sequential · efficiency (speedup ÷ workers)",
        reps ? " · spread" : "", ". **Bold**: fastest in its column. See results/README.md."));
    Line("");
    const bool many = report_.sections.size() > 1;
    const std::string h = many ? "###" : "##";
    for (size_t s = 0; s < report_.sections.size(); ++s) {
      const Section& sec = report_.sections[s];
      if (many) {
        Line(absl::StrCat("## ", MarkdownCell(sec.host), " — ", MarkdownCell(sec.source)));
        Line("");
      }
      SectionLine(sec);
      Map(s, h);
      for (const size_t t : report_.table_order) {
        if (report_.tables[t].section == s) PrintTable(report_.tables[t], h);
      }
      Others(sec, h);
    }
    return out_;
  }

 private:
  void Line(const std::string& s) { absl::StrAppend(&out_, s, "\n"); }

  static std::string RowName(const TableRow& r) {
    return absl::StrCat(MarkdownCell(r.Label()), r.role == RowRole::kCeiling ? " (ceiling)" : "");
  }

  static std::string Head(const Column& c) {
    return absl::StrCat(Workers(c.workers), c.oversubscribed ? "†" : "");
  }

  void HeaderRow(const Table& t, const std::string& first) {
    std::string s = absl::StrCat("| ", first);
    std::string u = "|:--";
    for (const Column& c : t.columns) {
      absl::StrAppend(&s, " | ", Head(c));
      absl::StrAppend(&u, "|--:");
    }
    Line(s + " |");
    Line(u + "|");
  }

  static bool IsBaselineRow(const Table& t, size_t r) { return t.baseline && t.baseline->row == r; }

  static std::string Cell(const Table& t, size_t r, size_t i) {
    const TableRow& row = t.rows[r];
    const CellSummary& c = row.cells[i];
    if (c.state == CellState::kNotRun) return "–";
    if (c.state == CellState::kError) return "error";
    if (c.state == CellState::kNoTime) return "n/a";
    std::string s = Time(c.median_ns);
    if (row.role == RowRole::kBaseline && t.baseline && i == t.baseline->column) {
      absl::StrAppend(&s, " (baseline)");
    } else if (t.baseline) {
      const double x = t.baseline->median_ns / c.median_ns;
      absl::StrAppend(&s, " · ", FormatRatio(x), " · ",
                      FormatWholePercent(x / static_cast<double>(t.columns[i].workers)));
    }
    if (c.cv) absl::StrAppend(&s, " · ", Cv(*c.cv));
    if (t.columns[i].best_row == r) s = absl::StrCat("**", s, "**");
    return s;
  }

  void SectionLine(const Section& s) {
    std::string line = absl::StrCat("Host `", MarkdownCell(s.host), "`");
    if (!s.cpus.empty()) {
      absl::StrAppend(&line, ", ", s.cpus, " CPUs");
      if (!s.usable.empty() && !SameNumberOrText(s.usable, s.cpus)) {
        absl::StrAppend(&line, " (", s.usable, " usable)");
      }
    }
    if (!s.date.empty()) absl::StrAppend(&line, ", ", MarkdownCell(s.date));
    if (!s.build.empty()) absl::StrAppend(&line, ", ", MarkdownCell(s.build), " build");
    if (!s.revision.empty()) absl::StrAppend(&line, ", revision ", MarkdownCell(s.revision));
    absl::StrAppend(&line, ", from `", MarkdownCell(s.source), "`.");
    if (s.repetitions > 1) {
      absl::StrAppend(&line, " ", AwkNumber(s.repetitions),
                      " repetitions: times are medians, ± the coefficient of variation.");
    }
    Line(line);
    std::string build = s.build;
    for (char& c : build) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!s.build.empty() && build != "release") {
      Line("**Warning:** not a release build; its times mislead.");
    }
    if (s.any_oversubscribed) {
      const std::string cpus = IsPlainNumber(s.usable) ? s.usable : s.cpus;
      Line(absl::StrCat("† more workers than ",
                        cpus.empty() ? "usable" : absl::StrCat("the ", cpus, " usable"),
                        " CPUs: the workers share cores."));
    }
    Line("");
  }

  void Map(size_t s, const std::string& h) {
    std::vector<int64_t> ws;
    for (const Table& t : report_.tables) {
      if (t.section != s) continue;
      for (const Column& c : t.columns) {
        if (std::find(ws.begin(), ws.end(), c.workers) == ws.end()) ws.push_back(c.workers);
      }
    }
    if (ws.empty()) return;
    std::sort(ws.begin(), ws.end());
    Line(absl::StrCat(h, " Decision map"));
    Line("");
    std::string line = "| Workload";
    std::string u = "|:--";
    for (const int64_t w : ws) {
      bool over = false;
      for (const Table& t : report_.tables) {
        if (t.section != s) continue;
        if (const std::optional<size_t> i = t.ColumnOf(w))
          over = over || t.columns[*i].oversubscribed;
      }
      absl::StrAppend(&line, " | ", Workers(w), over ? "†" : "");
      absl::StrAppend(&u, "|:--");
    }
    Line(line + " |");
    Line(u + "|");
    for (const size_t ti : report_.table_order) {
      const Table& t = report_.tables[ti];
      if (t.section != s) continue;
      line = absl::StrCat("| ", MarkdownCell(t.Title()));
      for (const int64_t w : ws) {
        const std::optional<size_t> i = t.ColumnOf(w);
        std::string c;
        if (!i) {
          c = "–";
        } else if (!t.columns[*i].winner) {
          c = "error";
        } else {
          const Column& col = t.columns[*i];
          c = MarkdownCell(t.rows[col.winner->row].Label());
          const bool seq = IsBaselineRow(t, col.winner->row);
          if (!seq && t.baseline) {
            absl::StrAppend(&c, " ", FormatRatio(t.baseline->median_ns / col.winner->median_ns));
          }
          if (col.runner_up) {
            absl::StrAppend(&c, " · +", Util(col.runner_up->median_ns / col.winner->median_ns - 1));
          }
          if (seq) c = absl::StrCat("**", c, "**");
        }
        absl::StrAppend(&line, " | ", c);
      }
      Line(line + " |");
    }
    Line("");
    Line(
        "Each cell: the fastest strategy at that worker count (BareThreads left out), its speedup "
        "over Sequential and its lead over the runner-up. **Bold**: Sequential wins, so "
        "parallelism does not pay there.");
    Line("");
  }

  void PrintTable(const Table& t, const std::string& h) {
    Main(t, h);
    if (!t.baseline) Line("- No clean Sequential run here: speedups need one.");
    Fastest(t);
    FirstPays(t);
    Errors(t);
    Line("");
    CpuUse(t);
    KarpFlatt(t);
    Ceiling(t);
    Memory(t);
    ScalingFit(t);
    CostModel(t);
    BreakEvenTable(t);
  }

  void Main(const Table& t, const std::string& h) {
    Line(absl::StrCat(h, " ", MarkdownCell(t.Title())));
    Line("");
    HeaderRow(t, "Strategy");
    for (size_t r = 0; r < t.rows.size(); ++r) {
      std::string line = absl::StrCat("| ", RowName(t.rows[r]));
      for (size_t i = 0; i < t.columns.size(); ++i) absl::StrAppend(&line, " | ", Cell(t, r, i));
      Line(line + " |");
    }
    Line("");
  }

  void Fastest(const Table& t) {
    std::vector<std::string> parts;
    for (const Column& col : t.columns) {
      if (!col.winner) continue;
      std::string s =
          absl::StrCat(Workers(col.workers), ": ", MarkdownCell(t.rows[col.winner->row].Label()));
      if (IsBaselineRow(t, col.winner->row)) {
        absl::StrAppend(&s, ", ", Time(col.winner->median_ns));
      } else if (t.baseline) {
        absl::StrAppend(&s, ", ", FormatRatio(t.baseline->median_ns / col.winner->median_ns));
      }
      if (col.runner_up) {
        absl::StrAppend(&s, ", ", Util(col.runner_up->median_ns / col.winner->median_ns - 1),
                        " ahead of ", MarkdownCell(t.rows[col.runner_up->row].Label()));
      }
      parts.push_back(s);
    }
    if (!parts.empty()) Line(absl::StrCat("- **Fastest:** ", absl::StrJoin(parts, "; "), "."));
  }

  void FirstPays(const Table& t) {
    if (!t.baseline) return;
    int64_t first = 0;
    std::vector<std::string> parts;
    for (const TableRow& row : t.rows) {
      if (row.role != RowRole::kStrategy) continue;
      std::string s;
      double bx = 0;
      int64_t bw = 0;
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const CellSummary& c = row.cells[i];
        const int64_t w = t.columns[i].workers;
        if (!c.ok()) continue;
        const double x = t.baseline->median_ns / c.median_ns;
        if (x > bx) {
          bx = x;
          bw = w;
        }
        if (x > 1 && s.empty()) {
          s = absl::StrCat(MarkdownCell(row.Label()), " at ", Workers(w), " (", FormatRatio(x));
          const bool noisy = c.cv && t.baseline->cv && x - 1 <= *c.cv + *t.baseline->cv;
          if (noisy) absl::StrAppend(&s, ", within noise");
          absl::StrAppend(&s, ")");
          if (!noisy && (first == 0 || w < first)) first = w;
        }
      }
      if (s.empty() && bw != 0) {
        s = absl::StrCat(MarkdownCell(row.Label()), " never (best ", FormatRatio(bx), " at ",
                         Workers(bw), ")");
      }
      if (s.empty()) s = absl::StrCat(MarkdownCell(row.Label()), " never ran cleanly");
      parts.push_back(s);
    }
    if (parts.empty()) return;
    const std::string line = absl::StrJoin(parts, "; ");
    if (first != 0) {
      Line(absl::StrCat("- **Parallelism first pays at ", Workers(first),
                        ".** Per strategy: ", line, "."));
    } else {
      Line(absl::StrCat("- **No parallel strategy beats Sequential beyond the noise here.** ", line,
                        "."));
    }
  }

  void Errors(const Table& t) {
    std::vector<std::string> parts;
    for (const TableRow& row : t.rows) {
      for (size_t i = 0; i < t.columns.size(); ++i) {
        if (row.cells[i].state != CellState::kError) continue;
        parts.push_back(absl::StrCat(MarkdownCell(row.Label()), " at ",
                                     Workers(t.columns[i].workers), ": ",
                                     MarkdownCell(row.cells[i].error)));
      }
    }
    if (!parts.empty()) {
      Line(absl::StrCat("- **Errors** (never counted as results): ", absl::StrJoin(parts, "; "),
                        "."));
    }
  }

  void CpuUse(const Table& t) {
    bool any = false;
    for (const TableRow& row : t.rows) {
      for (const CellSummary& c : row.cells) any = any || c.cpu_s.has_value();
    }
    if (!any) return;
    Line("**CPU use** (total CPU ÷ (wall time × workers) · total CPU relative to Sequential):");
    Line("");
    HeaderRow(t, "Strategy");
    for (const TableRow& row : t.rows) {
      std::string line = absl::StrCat("| ", RowName(row));
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const CellSummary& c = row.cells[i];
        std::string s;
        if (c.state == CellState::kError) {
          s = "error";
        } else if (!c.ok() || !c.cpu_s) {
          s = "–";
        } else {
          s = Util(*c.cpu_s / (c.median_ns / 1e9 * static_cast<double>(t.columns[i].workers)));
          if (t.baseline && t.baseline->cpu_s.value_or(-1) > 0) {
            absl::StrAppend(&s, " · ", FormatRatio(*c.cpu_s / *t.baseline->cpu_s), " CPU");
          }
        }
        absl::StrAppend(&line, " | ", s);
      }
      Line(line + " |");
    }
    Line("");
  }

  void KarpFlatt(const Table& t) {
    bool any = false;
    for (const Column& c : t.columns) any = any || c.workers > 1;
    if (!any || !t.baseline) return;
    Line(
        "**Karp–Flatt serial fraction** e = (1/S − 1/p) ÷ (1 − 1/p) (lower is better; rising with "
        "p means growing overhead):");
    Line("");
    std::string s = "| Strategy";
    std::string u = "|:--";
    for (const Column& c : t.columns) {
      if (c.workers <= 1) continue;
      absl::StrAppend(&s, " | p = ", c.workers, c.oversubscribed ? "†" : "");
      absl::StrAppend(&u, "|--:");
    }
    Line(s + " |");
    Line(u + "|");
    for (const TableRow& row : t.rows) {
      if (row.role == RowRole::kBaseline) continue;
      std::string line = absl::StrCat("| ", RowName(row));
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const auto p = static_cast<double>(t.columns[i].workers);
        if (t.columns[i].workers <= 1) continue;
        const CellSummary& c = row.cells[i];
        std::string cell;
        if (c.state == CellState::kError) {
          cell = "error";
        } else if (!c.ok()) {
          cell = "–";
        } else {
          const double x = t.baseline->median_ns / c.median_ns;
          cell = absl::StrFormat("%.3f", (1 / x - 1 / p) / (1 - 1 / p));
        }
        absl::StrAppend(&line, " | ", cell);
      }
      Line(line + " |");
    }
    Line("");
  }

  void Ceiling(const Table& t) {
    const std::optional<size_t> ref = t.CeilingRow();
    if (!ref || t.rows.size() <= 1) return;
    Line(
        "**Share of the BareThreads ceiling** (BareThreads time ÷ strategy time at the same "
        "worker count; 100 % = as fast as bare threads):");
    Line("");
    HeaderRow(t, "Strategy");
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (r == *ref) continue;
      std::string line = absl::StrCat("| ", RowName(t.rows[r]));
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const CellSummary& c = t.rows[r].cells[i];
        const CellSummary& rc = t.rows[*ref].cells[i];
        std::string s;
        if (c.state == CellState::kError) {
          s = "error";
        } else if (!c.ok() || !rc.ok()) {
          s = "–";
        } else {
          s = FormatWholePercent(rc.median_ns / c.median_ns);
        }
        absl::StrAppend(&line, " | ", s);
      }
      Line(line + " |");
    }
    Line("");
  }

  void Memory(const Table& t) {
    bool any = false;
    for (const TableRow& row : t.rows) {
      for (const CellSummary& c : row.cells) any = any || c.rss_mib.has_value();
    }
    if (!any) return;
    Line(
        "**Peak memory** (resident MiB at the high-water mark: the calling process plus every "
        "worker process):");
    Line("");
    HeaderRow(t, "Strategy");
    for (const TableRow& row : t.rows) {
      std::string line = absl::StrCat("| ", RowName(row));
      for (const CellSummary& c : row.cells) {
        std::string s;
        if (c.state == CellState::kError) {
          s = "error";
        } else if (!c.rss_mib) {
          s = "–";
        } else {
          s = *c.rss_mib < 9.95 ? absl::StrFormat("%.1f MiB", *c.rss_mib)
                                : absl::StrFormat("%.0f MiB", *c.rss_mib);
        }
        absl::StrAppend(&line, " | ", s);
      }
      Line(line + " |");
    }
    Line("");
  }

  void ScalingFit(const Table& t) {
    if (!t.size.empty() || !t.baseline) return;
    bool any = false;
    std::string why;
    for (const TableRow& row : t.rows) {
      if (row.role != RowRole::kStrategy) continue;
      if (row.fit) {
        any = true;
      } else if (why.empty()) {
        why = row.no_fit;
      }
    }
    if (!any) {
      if (!why.empty()) Line(absl::StrCat("- **Scaling fit** (Amdahl, USL): no fit (", why, ")."));
      Line("");
      return;
    }
    Line(
        "**Scaling fit** at worker counts ≤ usable CPUs, on each strategy's speedup over its own "
        "1-worker time, by nonlinear least squares with σ, κ ≥ 0 (as R's usl): Amdahl's serial "
        "fraction σ, the USL's C(N) = λN ÷ (1 + σ(N−1) + κN(N−1)), its peak N_max = √((1−σ)/κ), "
        "each with its 95 % interval in brackets, and the fit's RMS error against the measured "
        "speedups:");
    Line("");
    Line("| Strategy | Amdahl σ | USL σ | USL κ | N_max | fit error |");
    Line("|:--|--:|--:|--:|--:|--:|");
    for (const TableRow& row : t.rows) {
      if (row.role != RowRole::kStrategy) continue;
      std::string line = absl::StrCat("| ", RowName(row), " | ");
      if (!row.fit) {
        absl::StrAppend(&line, "no fit (", row.no_fit, ") | | | | |");
      } else {
        const stats::UslFit& u = row.fit->usl;
        std::string peak;
        if (u.peak) {
          peak = Estimate(*u.peak, 1);
        } else if (u.kappa_at_bound || u.kappa.value <= 0) {
          peak = "κ = 0: no peak";
        } else {
          peak = "none (σ ≥ 1)";
        }
        absl::StrAppend(&line, Estimate(row.fit->amdahl.sigma, 4), " | ", Estimate(u.sigma, 4),
                        u.sigma_at_bound ? " (at bound 0)" : "", " | ", Estimate(u.kappa, 5),
                        u.kappa_at_bound ? " (at bound 0)" : "", " | ", peak, " | ",
                        Util(u.rms_relative_error), " |");
      }
      Line(line);
    }
    Line("");
  }

  void CostModel(const Table& t) {
    if (!t.size.empty() || !t.task_count || !t.cpu_bound) return;
    if (!report_.sections[t.section].has_overheads) {
      Line(
          "- **Cost model:** needs the Overhead and Floor families in the same run; this one has "
          "none.");
      Line("");
      return;
    }
    Line(
        "**Cost model** (predicted [95 % interval] · measured · error): Sequential's time ÷ the "
        "effective workers (BareThreads' speedup), plus start-up (cold pools, a thread or process "
        "per task) and a pool's round trip, plus dispatch per chunk, all from this run's Overhead "
        "and Floor families; **miss**: off by more than 25 %:");
    Line("");
    HeaderRow(t, "Strategy");
    std::vector<double> errs;
    int miss = 0;
    for (const TableRow& row : t.rows) {
      if (row.role != RowRole::kStrategy) continue;
      std::string line = absl::StrCat("| ", RowName(row));
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const CellModel& m = row.models[i];
        const CellSummary& c = row.cells[i];
        std::string s;
        if (!m.predicted) {
          s = m.why.empty() ? "–" : MarkdownCell(m.why);
        } else if (!c.ok()) {
          s = absl::StrCat(TimeWithInterval(*m.predicted), " · –");
        } else {
          const double e = m.predicted->value / c.median_ns - 1;
          const double ae = std::fabs(e);
          errs.push_back(ae);
          s = absl::StrCat(TimeWithInterval(*m.predicted), " · ", Time(c.median_ns), " · ",
                           absl::StrFormat("%+.0f %%", 100 * e));
          if (ae > 0.25) {
            absl::StrAppend(&s, " **miss**");
            ++miss;
          }
        }
        absl::StrAppend(&line, " | ", s);
      }
      Line(line + " |");
    }
    Line("");
    if (!errs.empty()) {
      Line(absl::StrCat("- **Median absolute error:** ", Util(stats::Median(errs)), " over ",
                        errs.size(), " cells; ", miss, " miss by more than 25 %."));
    }
    Line("");
  }

  void BreakEvenTable(const Table& t) {
    const Section& sec = report_.sections[t.section];
    if (!t.size.empty() || !t.task_count || !t.cpu_bound || !sec.has_overheads) return;
    const auto T = static_cast<double>(*t.task_count);
    const double rate =
        t.workload_role == WorkloadRole::kReference && IsPlainNumber(sec.cpu_count)
            ? std::strtod(sec.cpu_count.c_str(), nullptr) / (t.baseline->median_ns / T)
            : 0;
    Line(absl::StrCat(
        "**Break-even task time** by the cost model (the task time from which the strategy beats "
        "Sequential at ",
        *t.task_count, " tasks",
        rate != 0 ? absl::StrFormat("; ≈ counting steps, at this run's %.3g steps per ns", rate)
                  : "",
        "; 95 % interval in brackets):"));
    Line("");
    HeaderRow(t, "Strategy");
    for (const TableRow& row : t.rows) {
      if (row.role != RowRole::kStrategy) continue;
      std::string line = absl::StrCat("| ", RowName(row));
      for (const CellModel& m : row.models) {
        std::string s;
        if (!m.params) {
          s = "–";
        } else if (m.never || !m.break_even) {
          s = "never";
        } else {
          s = TimeWithInterval(*m.break_even);
          if (rate != 0) {
            absl::StrAppend(&s, absl::StrFormat(" (≈ %.2g steps)", m.break_even->value * rate));
          }
        }
        absl::StrAppend(&line, " | ", s);
      }
      Line(line + " |");
    }
    Line("");
  }

  void Others(const Section& s, const std::string& h) {
    if (s.others.empty()) return;
    Line(absl::StrCat(h, " Other benchmarks"));
    Line("");
    Line("| Benchmark | Median | Spread |");
    Line("|:--|--:|--:|");
    for (const size_t i : s.other_order) {
      const OtherBenchmark& o = s.others[i];
      std::string line = absl::StrCat("| ", MarkdownCell(o.name), " | ");
      if (o.cell.state == CellState::kError) {
        absl::StrAppend(&line, "error: ", MarkdownCell(o.cell.error), " | –");
      } else if (!o.cell.ok()) {
        absl::StrAppend(&line, "n/a | –");
      } else {
        absl::StrAppend(&line, Time(o.cell.median_ns), " | ", o.cell.cv ? Cv(*o.cell.cv) : "–");
      }
      Line(line + " |");
    }
    Line("");
  }

  const TableReport& report_;
  std::string out_;
};

}  // namespace

std::string RenderTableMarkdown(const TableReport& report) { return Writer(report).Render(); }

}  // namespace parbench::report
