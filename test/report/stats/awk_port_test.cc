// The port against the awk it replaces, to the last printed digit: every
// line of awk_port/cases.txt (random change-point series, U tests,
// quadratic fits, summaries, cost-model settings, polylines; made by
// awk_port/gen.awk) is run here and printed as awk_port/harness.awk printed
// d27df6f:scripts/lib/*.awk's results into awk_port/expected.txt, and the two must
// be equal, character for character.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "lib/report/stats/change_points.h"
#include "lib/report/stats/cost_model.h"
#include "lib/report/stats/linear_fit.h"
#include "lib/report/stats/mann_whitney.h"
#include "lib/report/stats/summary.h"
#include "lib/report/stats/usl_fit.h"

namespace parbench::stats {
namespace {

std::vector<double> Numbers(const std::string& s) {
  std::istringstream in(s);
  std::vector<double> v;
  double d = 0;
  while (in >> d) v.push_back(d);
  return v;
}

// A field the awk left empty ("") prints as nothing; else as %f.
std::string Fixed(const std::optional<double>& v) { return v ? absl::StrFormat("%f", *v) : ""; }

// The output lines of one case line, as harness.awk prints them.
std::string RunCase(const std::string& line) {
  const std::size_t colon = line.find(':');
  std::istringstream head(line.substr(0, colon));
  const std::string rest = line.substr(colon + 1);
  std::string kind;
  head >> kind;
  std::string out;
  if (kind == "cp") {
    double thr = 0;
    double alpha = 0;
    double low = 0;
    int minseg = 0;
    head >> thr >> alpha >> minseg >> low;
    const std::vector<double> x = Numbers(rest);
    const ChangePointOptions options{thr, alpha, minseg};
    const ChangePoints cp = FindChangePoints(x, options);
    out = absl::StrFormat("cp %d", cp.points.size());
    for (const ChangePoint& c : cp.points) {
      absl::StrAppendFormat(&out, " %d %.17g %.17g %.17g %.10g", c.at + 1, c.before, c.after,
                            c.change, c.p);
    }
    out += " seg";
    for (const double m : cp.segment_median) absl::StrAppendFormat(&out, " %.17g", m);
    if (!x.empty()) {
      const NewestRun r = CheckNewestRun(x, low, options, cp);
      absl::StrAppendFormat(&out, " newest %d %d %s %s", static_cast<int>(r.slower), r.runs,
                            Fixed(r.before), Fixed(r.change));
    }
  } else if (kind == "u") {
    const std::size_t bar = rest.find('|');
    const std::vector<double> x = Numbers(rest.substr(0, bar));
    const std::vector<double> y = Numbers(rest.substr(bar + 1));
    const UTest r = MannWhitneyU(x, y);
    out = r.exact ? absl::StrFormat("u %.17g %.17g %.17g %d", r.u, r.z, r.p, 1)
                  : absl::StrFormat("u %.17g %.17g %.10g %d", r.u, r.z, r.p, 0);
    absl::StrAppendFormat(&out, " | %.10g %.10g %.10g | %.4f %.3g\n", r.u, r.z, r.p, r.p, r.p);
    const int nx = static_cast<int>(x.size());
    const int ny = static_cast<int>(y.size());
    absl::StrAppendFormat(&out, "min %.17g %.10g", MinUPValue(nx, ny, true),
                          MinUPValue(nx, ny, false));
  } else if (kind == "q") {
    const std::vector<double> v = Numbers(rest);
    const std::size_t m = v.size() / 2;
    const std::vector<double> n(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m));
    const std::vector<double> c(v.begin() + static_cast<std::ptrdiff_t>(m), v.end());
    const absl::StatusOr<UslQuadratic> q = FitUslQuadratic(n, c);
    out = q.ok() ? absl::StrFormat("q 1 %.17g %.17g %.17g %.17g", q->sigma, q->kappa,
                                   q->amdahl_sigma, q->rms)
                 : "q 0";
  } else if (kind == "s") {
    const std::vector<double> x = Numbers(rest);
    out = absl::StrFormat("s %.17g %.17g %.17g %.17g %.17g %.17g", Median(x), Mean(x),
                          x.size() > 1 ? StdDev(x) : 0.0, Quantile(x, 0.25), Quantile(x, 0.75),
                          RelChange(x.front(), x.back()));
  } else if (kind == "m") {
    double task = 0;
    MapShape shape;
    CostTerms terms;
    head >> task >> shape.tasks >> shape.workers >> terms.ceiling >> shape.chunk >> terms.fixed >>
        terms.dispatch;
    const std::optional<double> be = BreakEven(shape, terms);
    static constexpr const char* kDominant[] = {"start-up", "dispatch per chunk",
                                                "the machine's ceiling", "uneven rounds"};
    out =
        absl::StrFormat("m %.17g %.17g %s %d %d %d", ModelTime(task, shape, terms), be.value_or(-1),
                        kDominant[static_cast<int>(DominantTerm(task, shape, terms))],
                        DefaultChunk(shape.tasks, shape.workers),
                        ChunkFor(ChunkRule::kBlock, shape.tasks, shape.workers),
                        ChunkFor(ChunkRule::kPerTask, shape.tasks, shape.workers));
  } else if (kind == "i") {
    const std::vector<double> v = Numbers(rest);
    const std::size_t m = (v.size() - 1) / 2;
    const std::vector<double> xs(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m));
    const std::vector<double> ys(v.begin() + static_cast<std::ptrdiff_t>(m),
                                 v.begin() + static_cast<std::ptrdiff_t>(2 * m));
    out = absl::StrFormat("i %.17g", Interpolate(xs, ys, v.back()).value_or(-1));
  } else {
    out = "unknown case kind " + kind;
  }
  return out + "\n";
}

TEST(AwkPort, EveryCaseAsTheAwkPrintedIt) {
  std::ifstream cases(PARBENCH_AWK_PORT_DIR "/cases.txt");
  std::ifstream expected(PARBENCH_AWK_PORT_DIR "/expected.txt");
  ASSERT_TRUE(cases) << "cannot read " PARBENCH_AWK_PORT_DIR "/cases.txt";
  ASSERT_TRUE(expected) << "cannot read " PARBENCH_AWK_PORT_DIR "/expected.txt";
  std::string got;
  std::string line;
  int count = 0;
  while (std::getline(cases, line)) {
    got += RunCase(line);
    ++count;
  }
  std::stringstream want;
  want << expected.rdbuf();
  EXPECT_EQ(count, 240);
  // Line by line, so that a difference names its case.
  std::istringstream g(got);
  std::istringstream w(want.str());
  std::string gl;
  std::string wl;
  int n = 0;
  while (std::getline(w, wl)) {
    ++n;
    ASSERT_TRUE(std::getline(g, gl)) << "output ends before expected line " << n;
    EXPECT_EQ(gl, wl) << "output line " << n;
  }
  EXPECT_FALSE(std::getline(g, gl)) << "more output than expected";
}

}  // namespace
}  // namespace parbench::stats
