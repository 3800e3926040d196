#include "lib/report/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "lib/report/csv.h"
#include "lib/report/number_text.h"
#include "lib/report/order_key.h"
#include "lib/report/stats/mann_whitney.h"
#include "lib/report/stats/summary.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

// A change exactly at the threshold is not beyond it, even when the
// conversion to nanoseconds leaves it a few units in the last place over
// (1.05 against 1.00 is 0.050000000000000044): beyond means by more than
// this, a millionth of a percent.
constexpr double kEps = 1e-8;

// What one side says of one benchmark.
struct Side {
  std::vector<double> values;                // the repetitions, in the order read
  std::vector<std::string> rounds;           // each one's parbench_round; "" none
  bool unrounded = false;                    // some repetition has no round
  std::map<std::string, double> aggregates;  // "mean", "median"
  std::optional<std::string> error;
};

struct Bench {
  Side side[2];  // baseline, contender
  bool seen[2] = {false, false};
  const BenchFacts* facts = nullptr;
};

// Google Benchmark's error message as jq's @tsv wrote it (the awk read it so).
std::string TsvEscaped(absl::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else
      out += c;
  }
  return out;
}

class Comparer {
 public:
  explicit Comparer(const CompareOptions& o)
      : o_(o),
        thr_(std::strtod(o.threshold.c_str(), nullptr) / 100),
        alpha_(std::strtod(o.alpha.c_str(), nullptr)) {}

  void Read(const Run& run, int s) {
    for (const Record& r : run.records) {
      auto [it, added] = benches_.try_emplace(r.run_name);
      Bench& b = it->second;
      Side& side = b.side[s];
      bool used = true;
      if (r.error) {
        side.error = TsvEscaped(r.error_message.value_or("error"));
      } else if (r.run_type == "aggregate") {
        used = (r.aggregate_name == "mean" || r.aggregate_name == "median") &&
               r.aggregate_unit.value_or("time") == "time";
        if (used) side.aggregates[*r.aggregate_name] = Metric(r);
      } else {
        side.values.push_back(Metric(r));
        const auto round = r.counters.find("parbench_round");
        side.rounds.push_back(round == r.counters.end() ? "" : NumberText(round->second));
        side.unrounded |= round == r.counters.end();
      }
      if (!used) {
        if (added) benches_.erase(it);
        continue;
      }
      if (b.facts == nullptr) b.facts = &r.facts;
      if (!b.seen[0] && !b.seen[1]) order_.push_back(r.run_name);
      b.seen[s] = true;
    }
  }

  Comparison Finish(const std::vector<std::string>& strategies) {
    Comparison c;
    for (const std::string& key : order_) {
      const Bench& b = benches_.at(key);
      ComparisonRow row;
      row.name = key;
      if (!b.seen[0]) {
        ++c.contender_only;
        row.verdict = Verdict::kContenderOnly;
        row.note = "not in the baseline";
      } else if (!b.seen[1]) {
        ++c.baseline_only;
        row.verdict = Verdict::kBaselineOnly;
        row.note = "not in the contender";
      } else if (b.side[0].error || b.side[1].error) {
        ++c.errored;
        row.verdict = Verdict::kError;
        row.note = b.side[0].error ? absl::StrCat("baseline: ", *b.side[0].error)
                                   : absl::StrCat("contender: ", *b.side[1].error);
      } else {
        CompareOne(b, row, c);
      }
      rows_.push_back({std::move(row), b.facts});
    }
    // The rows to read first: slower, then faster, then the rest; each in
    // the tables' order.
    auto group = [](Verdict v) {
      return v == Verdict::kSlower ? 0 : v == Verdict::kFaster ? 1 : 2;
    };
    std::stable_sort(rows_.begin(), rows_.end(), [&](const Keyed& a, const Keyed& b) {
      const int ga = group(a.row.verdict), gb = group(b.row.verdict);
      if (ga != gb) return ga < gb;
      return TableOrderLess(strategies, *a.facts, a.row.name, *b.facts, b.row.name);
    });
    for (Keyed& k : rows_) c.rows.push_back(std::move(k.row));
    if (gn_ > 0) {
      ComparisonRow g;
      g.name = "OVERALL_GEOMEAN";
      g.baseline_ns = std::exp(gb_ / gn_);
      g.contender_ns = std::exp(gc_ / gn_);
      g.change = std::exp(glog_ / gn_) - 1;
      g.verdict = Verdict::kSummary;
      g.note = absl::StrFormat("geometric mean over the %d benchmarks compared", gn_);
      c.rows.push_back(std::move(g));
    }
    return c;
  }

 private:
  struct Keyed {
    ComparisonRow row;
    const BenchFacts* facts;
  };

  double Metric(const Record& r) const { return (o_.cpu_time ? r.cpu_ns : r.real_ns).value_or(0); }

  // The repetitions; for a file with aggregates only, the chosen aggregate
  // (or the other one) as the one sample, and sets *aggregates_only.
  std::vector<double> Samples(const Side& s, bool* aggregates_only) const {
    if (!s.values.empty()) return s.values;
    const char* chosen = o_.mean ? "mean" : "median";
    const char* other = o_.mean ? "median" : "mean";
    for (const char* name : {chosen, other}) {
      if (const auto it = s.aggregates.find(name); it != s.aggregates.end()) {
        *aggregates_only = true;
        return {it->second};
      }
    }
    return {};
  }

  // The median of each round, in the order the rounds were first read.
  // Repetitions of one round ran in one process, back to back: they are not
  // independent samples; rounds are (docs/tracking-regressions.md).
  static std::vector<double> RoundMedians(const Side& s) {
    std::vector<std::string> ids;
    std::vector<std::vector<double>> by_round;
    for (size_t i = 0; i < s.values.size(); ++i) {
      const auto at =
          static_cast<size_t>(std::find(ids.begin(), ids.end(), s.rounds[i]) - ids.begin());
      if (at == ids.size()) {
        ids.push_back(s.rounds[i]);
        by_round.emplace_back();
      }
      by_round[at].push_back(s.values[i]);
    }
    std::vector<double> medians;
    medians.reserve(by_round.size());
    for (const std::vector<double>& v : by_round) medians.push_back(stats::Median(v));
    return medians;
  }

  static bool HasRounds(const Side& s) { return !s.values.empty() && !s.unrounded; }

  double Statistic(const std::vector<double>& x) const {
    return o_.mean ? stats::Mean(x) : stats::Median(x);
  }

  void CompareOne(const Bench& bench, ComparisonRow& row, Comparison& c) {
    bool aggregates_only = false;
    const std::vector<double> xb = Samples(bench.side[0], &aggregates_only);
    const std::vector<double> xc = Samples(bench.side[1], &aggregates_only);
    if (xb.empty() || xc.empty()) {
      ++c.errored;
      row.verdict = Verdict::kError;
      row.note = absl::StrCat("no ", o_.cpu_time ? "cpu" : "real", " time");
      return;
    }
    ++c.compared;
    const double b = Statistic(xb), ct = Statistic(xc);
    const double change = stats::RelChange(b, ct);
    if (b > 0 && ct > 0) {
      glog_ += std::log(ct / b);
      gb_ += std::log(b);
      gc_ += std::log(ct);
      ++gn_;
    }
    const bool by_round = !aggregates_only && HasRounds(bench.side[0]) && HasRounds(bench.side[1]);
    const std::vector<double> ub = by_round ? RoundMedians(bench.side[0]) : xb;
    const std::vector<double> uc = by_round ? RoundMedians(bench.side[1]) : xc;
    if (by_round) c.rounds_used = true;
    const int nub = static_cast<int>(ub.size()), nuc = static_cast<int>(uc.size());
    std::optional<double> p;
    bool exact = false;
    if (nub >= 2 && nuc >= 2) {
      const stats::UTest u = stats::MannWhitneyU(ub, uc);
      p = u.p;
      exact = u.exact;
    }
    const bool utest = nub >= kMinRepetitions && nuc >= kMinRepetitions &&
                       stats::MinUPValue(nub, nuc, exact) < alpha_;
    // Strictly beyond the threshold, on either side.
    int beyond = change - thr_ > kEps ? 1 : -thr_ - change > kEps ? -1 : 0;
    if (aggregates_only) {
      row.note = "aggregates only: threshold only";
    } else if (!utest) {
      row.note = absl::StrFormat("threshold only: too few %s for the U test (%d/%d)",
                                 by_round ? "rounds" : "repetitions", nub, nuc);
    } else if (by_round) {
      row.note = absl::StrFormat("U test on %d/%d round medians", nub, nuc);
    }
    if (beyond != 0 && utest && *p >= alpha_) {
      beyond = 0;
      row.note = absl::StrCat(
          absl::StrFormat("within noise: p=%.3g >= alpha", *p),
          by_round ? absl::StrFormat(" (%d/%d round medians)", nub, nuc) : std::string());
    }
    row.verdict = beyond > 0   ? Verdict::kSlower
                  : beyond < 0 ? Verdict::kFaster
                               : Verdict::kUnchanged;
    ++(beyond > 0 ? c.slower : beyond < 0 ? c.faster : c.unchanged);
    row.baseline_ns = b;
    row.contender_ns = ct;
    row.change = change;
    row.p_value = p;
    row.repetitions = absl::StrCat(xb.size(), "/", xc.size());
  }

  const CompareOptions& o_;
  const double thr_, alpha_;
  absl::flat_hash_map<std::string, Bench> benches_;
  std::vector<std::string> order_;  // the benchmarks as first read
  std::vector<Keyed> rows_;
  double glog_ = 0, gb_ = 0, gc_ = 0;
  int gn_ = 0;
};

}  // namespace

Comparison Compare(const Run& baseline, const Run& contender, const CompareOptions& options) {
  Comparer comparer(options);
  comparer.Read(baseline, 0);
  comparer.Read(contender, 1);
  const bool own = baseline.context.contains("parbench_strategies");
  return comparer.Finish(StrategyOrder(own ? baseline : contender));
}

namespace {

absl::string_view VerdictText(Verdict v) {
  switch (v) {
    case Verdict::kSlower:
      return "slower";
    case Verdict::kFaster:
      return "faster";
    case Verdict::kUnchanged:
      return "unchanged";
    case Verdict::kError:
      return "error";
    case Verdict::kBaselineOnly:
      return "baseline-only";
    case Verdict::kContenderOnly:
      return "contender-only";
    case Verdict::kSummary:
      break;
  }
  return "-";
}

std::string TimeCell(const std::optional<double>& ns) {
  return ns ? FormatTime(*ns, TimeStyle::kAscii) : "-";
}
std::string ChangeCell(const std::optional<double>& x) {
  return x ? absl::StrFormat("%+.2f%%", *x * 100) : "-";
}
std::string PCell(const std::optional<double>& x) { return x ? absl::StrFormat("%.4f", *x) : "-"; }
std::string Num(const std::optional<double>& x) { return x ? absl::StrFormat("%.10g", *x) : ""; }

std::string Closing(const Comparison& c, const CompareOptions& o) {
  std::string s = absl::StrFormat(
      "\n%d compared: %d slower, %d faster, %d unchanged; %d baseline-only, %d contender-only, "
      "%d errored.\n",
      c.compared, c.slower, c.faster, c.unchanged, c.baseline_only, c.contender_only, c.errored);
  absl::StrAppendFormat(&s,
                        "%s time, %s of repetitions; a change counts beyond %s%% and, with at "
                        "least %d repetitions per side, at p < %s (two-sided Mann-Whitney U).",
                        o.cpu_time ? "cpu" : "real", o.mean ? "mean" : "median", o.threshold,
                        kMinRepetitions, o.alpha);
  if (c.rounds_used) {
    absl::StrAppend(&s,
                    " Where both files mark rounds (regress.sh), the U test compares per-round "
                    "medians, at least ",
                    kMinRepetitions, " rounds per side.");
  }
  return s + "\n";
}

}  // namespace

std::string RenderComparison(const Comparison& c, const CompareOptions& o, CompareFormat format) {
  std::string s;
  if (format == CompareFormat::kCsv) {
    s = "benchmark,baseline_ns,contender_ns,change,p_value,repetitions,verdict,note\n";
    for (const ComparisonRow& r : c.rows) {
      absl::StrAppend(&s, CsvQuote(r.name), ",", Num(r.baseline_ns), ",", Num(r.contender_ns), ",",
                      Num(r.change), ",", Num(r.p_value), ",", CsvQuote(r.repetitions), ",",
                      VerdictText(r.verdict), ",", CsvQuote(r.note), "\n");
    }
    return s;
  }
  if (format == CompareFormat::kMarkdown || format == CompareFormat::kSections) {
    const std::string head =
        "| Benchmark | Baseline | Contender | Change | p-value | Reps | Verdict | Note |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n";
    std::string slower, every;
    for (const ComparisonRow& r : c.rows) {
      const std::string row =
          absl::StrCat("| `", r.name, "` | ", TimeCell(r.baseline_ns), " | ",
                       TimeCell(r.contender_ns), " | ", ChangeCell(r.change), " | ",
                       PCell(r.p_value), " | ", r.repetitions.empty() ? "-" : r.repetitions, " | ",
                       r.verdict == Verdict::kSlower ? "**slower**" : VerdictText(r.verdict), " | ",
                       MarkdownCell(r.note), " |\n");
      if (r.verdict == Verdict::kSlower) slower += row;
      every += row;
    }
    if (format == CompareFormat::kMarkdown) return head + every + Closing(c, o);
    // The rows come slower first, then faster (Compare): every row in order.
    s = "### Regressions\n\n";
    absl::StrAppend(&s,
                    slower.empty() ? "None: no benchmark is slower beyond the threshold and, with "
                                     "enough repetitions, significantly.\n"
                                   : head + slower,
                    "\n### Every benchmark, the slower and the faster first\n\n", head, every,
                    Closing(c, o));
    return s;
  }
  size_t w = std::string("Benchmark").size();
  for (const ComparisonRow& r : c.rows) w = std::max(w, r.name.size());
  const int width = static_cast<int>(w);
  const std::string header =
      absl::StrFormat("%-*s  %12s  %12s  %9s  %7s  %7s  %-14s  %s", width, "Benchmark", "Baseline",
                      "Contender", "Change", "p-value", "Reps", "Verdict", "Note");
  s = absl::StrCat(header, "\n", std::string(header.size(), '-'), "\n");
  for (const ComparisonRow& r : c.rows) {
    absl::StrAppendFormat(&s, "%-*s  %12s  %12s  %9s  %7s  %7s  %-14s  %s\n", width, r.name,
                          TimeCell(r.baseline_ns), TimeCell(r.contender_ns), ChangeCell(r.change),
                          PCell(r.p_value), r.repetitions.empty() ? "-" : r.repetitions,
                          VerdictText(r.verdict), r.note);
  }
  return s + Closing(c, o);
}

}  // namespace parbench::report
