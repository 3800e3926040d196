#include "lib/report/stats/change_points.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <set>
#include <utility>
#include <vector>

#include "lib/report/stats/mann_whitney.h"
#include "lib/report/stats/summary.h"

namespace parbench::stats {
namespace {

// How far from the rank statistic's best split the step may be placed.
constexpr int kWindow = 3;

// The search over one series. Indexes count from 1 and intervals are
// closed, as in d27df6f:scripts/lib/series.awk, so that the port reads line for
// line against it (and gives the same splits, in the same order).
class Search {
 public:
  Search(absl::Span<const double> x, const ChangePointOptions& options)
      : x_(x),
        n_(static_cast<int>(x.size())),
        thr_(options.threshold),
        alpha_(options.alpha),
        minseg_(std::max(1, options.min_segment)) {}

  // The change points (1-based: the first value after each step), sorted.
  std::vector<int> Run() {
    AddInterval(1, n_);
    int count = 1;
    for (double len = n_ / 2.0; len >= 2 * minseg_; len /= 2) {
      count = 2 * count + 1;
      const double shift = (n_ - len) / (count - 1);
      for (int j = 0; j < count; ++j) {
        // The awk's int(): truncation, which is the floor here (all >= 0).
        AddInterval(static_cast<int>(std::floor(j * shift)) + 1,
                    static_cast<int>(std::floor(j * shift + len + 0.5)));
      }
    }
    std::vector<int> b;
    while (true) {
      int best = -1;
      for (int i = 0; i < static_cast<int>(ivs_.size()); ++i) {
        const Interval& iv = ivs_[i];
        if (iv.dead || iv.k == 0) continue;
        if (best < 0 || iv.p < ivs_[best].p || (iv.p == ivs_[best].p && iv.z > ivs_[best].z)) {
          best = i;
        }
      }
      if (best < 0) break;
      const int k = ivs_[best].k;
      // The segment k lies in, between the change points taken so far.
      int lo = 1;
      int hi = n_;
      for (const int at : b) {
        if (at <= k && at > lo) lo = at;
        if (at > k + 1 && at - 1 < hi) hi = at - 1;
      }
      b.push_back(k + 1);
      for (Interval& iv : ivs_) {
        if (iv.a <= k && k < iv.b) iv.dead = true;
      }
      AddInterval(lo, k);
      AddInterval(k + 1, hi);
    }
    std::sort(b.begin(), b.end());
    Merge(b);
    return b;
  }

  // x[lo..hi], 1-based and closed.
  std::vector<double> Values(int lo, int hi) const {
    if (hi < lo) return {};
    return {x_.begin() + (lo - 1), x_.begin() + hi};
  }
  double SegmentMedian(int lo, int hi) const { return Median(Values(lo, hi)); }

 private:
  struct Interval {
    int a = 0;  // first value
    int b = 0;  // last value
    int k = 0;  // the last value before its step; 0: no step passes
    double p = 1;
    double z = 0;
    bool dead = false;
  };

  double X(int i) const { return x_[static_cast<std::size_t>(i - 1)]; }

  // Adds x[lo..hi] to the candidate intervals (once), with its best split
  // when that passes the threshold and the test.
  void AddInterval(int lo, int hi) {
    const int len = hi - lo + 1;
    if (len < 2 * minseg_ || !seen_.insert({lo, hi}).second) return;
    ivs_.push_back(Interval{.a = lo, .b = hi});
    const std::size_t iv = ivs_.size() - 1;
    // d: the sum over pairs (i before, j after the split) of sign(x[j] -
    // x[i]), kept up to date as the split moves right.
    // Each value's sum over the interval, the values above it less those
    // below, counted in the interval's values sorted (O(len log len), where
    // the awk compared every pair; the same whole numbers).
    std::vector<double> sorted = Values(lo, hi);
    std::sort(sorted.begin(), sorted.end());
    double d = 0;
    int best = 0;
    double bestz = -1;
    for (int i = lo; i < hi; ++i) {
      const auto below = std::lower_bound(sorted.begin(), sorted.end(), X(i)) - sorted.begin();
      const auto above = sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), X(i));
      d += static_cast<double>(above - below);
      const int kk = i - lo + 1;
      if (kk < minseg_ || len - kk < minseg_) continue;
      const double z =
          std::fabs(d / std::sqrt(static_cast<double>(kk) * (len - kk) * (len + 1) / 3));
      if (z > bestz) {
        bestz = z;
        best = i;
      }
    }
    if (best == 0) return;
    best = Refine(lo, hi, best);
    const std::vector<double> left = Values(lo, best);
    const std::vector<double> right = Values(best + 1, hi);
    const double chg = RelChange(Median(left), Median(right));
    if (chg <= thr_ && chg >= -thr_) return;
    const int m = len - 2 * minseg_ + 1;
    const double p = MannWhitneyU(left, right).p;
    if (p >= alpha_ / m) return;
    ivs_[iv].k = best;
    ivs_[iv].p = p;
    ivs_[iv].z = bestz;
  }

  // Where, within kWindow of split k of x[lo..hi], the step is: the split
  // whose two parts lie closest to their own medians (Cost). Ranks alone do
  // not place a step exactly; magnitudes decide.
  int Refine(int lo, int hi, int k) const {
    int best = k;
    double bestcost = -1;
    for (int c = k - kWindow; c <= k + kWindow; ++c) {
      if (c - lo + 1 < minseg_ || hi - c < minseg_) continue;
      const double cost = Cost(lo, c) + Cost(c + 1, hi);
      if (bestcost < 0 || cost < bestcost) {
        bestcost = cost;
        best = c;
      }
    }
    return best;
  }

  // The sum of the absolute deviations of x[lo..hi] from their median m,
  // each at most 2 thr |m| (an outlier run costs no more than a value on
  // the wrong side of a step of 2 thr).
  double Cost(int lo, int hi) const {
    const double m = SegmentMedian(lo, hi);
    const double cap = 2 * thr_ * std::fabs(m);
    double t = 0;
    for (int i = lo; i <= hi; ++i) {
      const double d = std::fabs(X(i) - m);
      t += (d < cap) ? d : cap;
    }
    return t;
  }

  // The relative step at change point i (0-based) of b.
  double Step(const std::vector<int>& b, std::size_t i) const {
    const int lo = (i == 0) ? 1 : b[i - 1];
    const int hi = (i + 1 == b.size()) ? n_ : b[i + 1] - 1;
    return RelChange(SegmentMedian(lo, b[i] - 1), SegmentMedian(b[i], hi));
  }

  // Drops, one at a time and the smallest first, the change points whose
  // neighbouring segments' medians differ by thr or less.
  void Merge(std::vector<int>& b) const {
    while (!b.empty()) {
      std::size_t small = b.size();
      double smallest = 0;
      for (std::size_t i = 0; i < b.size(); ++i) {
        const double chg = std::fabs(Step(b, i));
        if (chg <= thr_ && (small == b.size() || chg < smallest)) {
          small = i;
          smallest = chg;
        }
      }
      if (small == b.size()) break;
      b.erase(b.begin() + static_cast<std::ptrdiff_t>(small));
    }
  }

  absl::Span<const double> x_;
  int n_;
  double thr_;
  double alpha_;
  int minseg_;
  std::vector<Interval> ivs_;
  std::set<std::pair<int, int>> seen_;
};

}  // namespace

ChangePoints FindChangePoints(absl::Span<const double> x, const ChangePointOptions& options) {
  Search search(x, options);
  const std::vector<int> b = search.Run();
  const int n = static_cast<int>(x.size());
  ChangePoints out;
  out.segment_median.resize(x.size());
  for (std::size_t i = 0; i <= b.size() && n > 0; ++i) {
    const int lo = (i == 0) ? 1 : b[i - 1];
    const int hi = (i == b.size()) ? n : b[i] - 1;
    const double m = search.SegmentMedian(lo, hi);
    for (int j = lo; j <= hi; ++j) out.segment_median[static_cast<std::size_t>(j - 1)] = m;
  }
  for (std::size_t i = 0; i < b.size(); ++i) {
    const int prev = (i == 0) ? 1 : b[i - 1];
    const int next = (i + 1 == b.size()) ? n : b[i + 1] - 1;
    const std::vector<double> left = search.Values(prev, b[i] - 1);
    const std::vector<double> right = search.Values(b[i], next);
    ChangePoint cp;
    cp.at = b[i] - 1;
    cp.before = Median(left);
    cp.after = Median(right);
    cp.change = RelChange(cp.before, cp.after);
    cp.p = MannWhitneyU(left, right).p;
    out.points.push_back(cp);
  }
  return out;
}

NewestRun CheckNewestRun(absl::Span<const double> x, double low, const ChangePointOptions& options,
                         const ChangePoints& found) {
  const int n = static_cast<int>(x.size());
  // 1-based, as the series.awk it ports: s is the first value of the
  // segment the newest value ends.
  int s = 1;
  for (const ChangePoint& cp : found.points) {
    if (cp.at + 1 < n) s = cp.at + 1;
  }
  NewestRun out;
  out.runs = n - s;
  if (out.runs < std::max(1, options.min_segment)) return out;
  const absl::Span<const double> seg =
      x.subspan(static_cast<std::size_t>(s - 1), static_cast<std::size_t>(out.runs));
  const double top = *std::max_element(seg.begin(), seg.end());
  out.before = Median(seg);
  out.change = RelChange(*out.before, x.back());
  out.slower = RelChange(top, low) > options.threshold;
  return out;
}

}  // namespace parbench::stats
