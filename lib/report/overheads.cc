#include "lib/report/overheads.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "lib/report/order_key.h"
#include "lib/report/stats/summary.h"
#include "lib/report/text_format.h"

namespace parbench::report {
namespace {

// What one benchmark of the two families said over its records.
struct Bench {
  std::vector<double> times;       // iterations' real times, ns
  std::vector<double> bandwidths;  // iterations' bytes per second
  std::optional<double> median_time;
  std::optional<double> median_bandwidth;
  std::optional<std::string> error;
  const BenchFacts* facts = nullptr;  // of its first labelled record, else its first
  bool labelled = false;
};

// The benchmarks of the Overhead and Floor families by name (without
// /real_time), and their names in the order first read.
struct Families {
  absl::flat_hash_map<std::string, Bench> by_name;
  std::vector<std::string> order;

  const Bench* Find(const std::string& name) const {
    const auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &it->second;
  }
};

Families Read(const Run& run) {
  Families f;
  for (const Record& r : run.records) {
    if (r.facts.op.family == OperationFamily::kNone) continue;
    const std::string name(absl::StripSuffix(r.run_name, "/real_time"));
    auto [it, added] = f.by_name.try_emplace(name);
    if (added) f.order.push_back(name);
    Bench& b = it->second;
    if (b.facts == nullptr) b.facts = &r.facts;
    if (!b.labelled && r.label && !OneLine(*r.label).empty()) {
      b.facts = &r.facts;
      b.labelled = true;
    }
    if (r.error) {
      b.error = OneLine(r.error_message.value_or(""));
      continue;
    }
    if (r.run_type == "aggregate") {
      if (r.aggregate_name == "median") {
        b.median_time = r.real_ns.value_or(0);
        if (r.bytes_per_second) b.median_bandwidth = r.bytes_per_second;
      }
      continue;
    }
    if (!r.real_ns) continue;
    b.times.push_back(*r.real_ns);
    if (r.bytes_per_second) b.bandwidths.push_back(*r.bytes_per_second);
  }
  return f;
}

// The median of the repetitions, else the median aggregate; the error
// instead when the benchmark failed.
Measure MeasureOf(const Bench* b, bool bandwidth) {
  Measure m;
  if (b == nullptr) return m;
  if (b->error) {
    m.error = b->error;
    return m;
  }
  const std::vector<double>& values = bandwidth ? b->bandwidths : b->times;
  if (!values.empty()) {
    m.value = stats::Median(values);
  } else {
    m.value = bandwidth ? b->median_bandwidth : b->median_time;
  }
  return m;
}

std::string Strip(absl::string_view name) {
  absl::ConsumePrefix(&name, "Overhead/");
  return std::string(name);
}

// The order of the table: the operations in overheads.sh's list, then by
// name with its numbers in numeric order.
std::string FamilyKey(const std::string& operation, const std::string& name) {
  constexpr absl::string_view kFamilies = "StartStop RoundTrip PerTask ProcessStart Fork";
  const size_t at = operation.empty() ? absl::string_view::npos : kFamilies.find(operation);
  const size_t rank = at == absl::string_view::npos ? 999 : at + 1;
  return absl::StrFormat("%03d %s", rank, PadNumbers(name));
}

bool Positive(const Measure& m) { return m.value && *m.value > 0; }

OverheadRow OverheadOf(const Families& f, const std::string& name) {
  const Bench& b = *f.Find(name);
  const double per = b.facts->per ? static_cast<double>(*b.facts->per) : 1;
  OverheadRow row;
  row.name = Strip(name);
  row.time = MeasureOf(&b, false);
  if (row.time.value) *row.time.value /= per;
  if (!b.facts->floor.empty()) {
    row.floor = Strip(b.facts->floor);
    row.floor_time = MeasureOf(f.Find(b.facts->floor), false);
    if (row.floor_time.value) *row.floor_time.value /= per;
  }
  if (Positive(row.time) && Positive(row.floor_time)) {
    row.ratio = *row.time.value / *row.floor_time.value;
  }
  return row;
}

const OperationFacts& OperationOf(const Families& f, const std::string& name) {
  return f.Find(name)->facts->op;
}

bool IsMemoryKernel(const OperationFacts& op) {
  return op.family == OperationFamily::kOverhead && op.operation == "MemoryKernel";
}

bool IsTriad(const OperationFacts& op) {
  return op.family == OperationFamily::kFloor && op.operation == "Triad";
}

}  // namespace

absl::StatusOr<Overheads> ComputeOverheads(const Run& run) {
  const Families f = Read(run);
  std::vector<std::string> names, keys;
  for (const std::string& name : f.order) {
    const OperationFacts& op = OperationOf(f, name);
    if (op.family != OperationFamily::kOverhead || IsMemoryKernel(op)) continue;
    names.push_back(name);
    keys.push_back(FamilyKey(op.operation, name));
  }
  bool any = !names.empty();
  std::string triad;
  for (const std::string& name : f.order) {
    const OperationFacts& op = OperationOf(f, name);
    if (IsMemoryKernel(op)) any = true;
    // The triad on one core: the kernels' floor.
    if (IsTriad(op) && op.workers == 1) {
      triad = name;
    }
  }
  if (!any) {
    return absl::InvalidArgumentError(
        "has no Overhead benchmarks (run bench with --benchmark_filter=Overhead|Floor)");
  }
  Overheads out;
  for (const size_t i : SortedIndexes(keys)) out.rows.push_back(OverheadOf(f, names[i]));
  for (const std::string& name : f.order) {
    const OperationFacts& op = OperationOf(f, name);
    if (IsMemoryKernel(op)) {
      const Bench& b = *f.Find(name);
      BandwidthRow row;
      row.name = Strip(name);
      row.floor = b.facts->floor.empty() ? triad : b.facts->floor;
      row.bandwidth = MeasureOf(&b, true);
      if (!row.floor.empty()) row.floor_bandwidth = MeasureOf(f.Find(row.floor), true);
      if (Positive(row.bandwidth) && Positive(row.floor_bandwidth)) {
        row.share = *row.bandwidth.value / *row.floor_bandwidth.value;
      }
      out.kernels.push_back(std::move(row));
    } else if (IsTriad(op)) {
      out.triads.push_back({name, MeasureOf(f.Find(name), true)});
    }
  }
  return out;
}

namespace {

constexpr absl::string_view kNone = "–";

std::string TimeCell(const Measure& m) {
  if (m.error) return absl::StrCat("error: ", *m.error);
  return m.value && *m.value >= 0 ? FormatTime(*m.value, TimeStyle::kShort) : std::string(kNone);
}

std::string GbCell(const Measure& m) {
  return m.value && *m.value >= 0 ? absl::StrFormat("%.2f", *m.value / 1e9) : std::string(kNone);
}

}  // namespace

std::string RenderOverheads(const Overheads& o) {
  std::string s =
      "# parbench overheads against their floors\n\n"
      "Medians over repetitions, from one run. Ratio: overhead ÷ floor (1.00× = no dearer than "
      "the bare system operation). PerTask rows are per task, held against OpenMP at the same "
      "worker count.\n\n"
      "| Overhead | Median | Floor | Floor median | Ratio |\n"
      "|:--|--:|:--|--:|--:|\n";
  for (const OverheadRow& r : o.rows) {
    absl::StrAppend(&s, "| ", r.name, " | ", TimeCell(r.time), " | ",
                    r.floor.value_or(std::string(kNone)), " | ",
                    r.floor ? TimeCell(r.floor_time) : kNone, " | ",
                    r.ratio ? FormatRatio(*r.ratio) : kNone, " |\n");
  }
  s += "\n";
  if (!o.kernels.empty()) {
    s += "Memory kernel against the STREAM triad on one core (bandwidth, bytes counted as STREAM "
         "does: what the kernel reads and writes). Share: kernel ÷ triad.\n\n"
         "| Kernel | GB/s | Floor | GB/s | Share |\n"
         "|:--|--:|:--|--:|--:|\n";
    for (const BandwidthRow& r : o.kernels) {
      absl::StrAppend(&s, "| ", r.name, " | ", GbCell(r.bandwidth), " | ",
                      r.floor.empty() ? kNone : r.floor, " | ", GbCell(r.floor_bandwidth), " | ",
                      r.share ? FormatWholePercent(*r.share) : kNone, " |\n");
    }
    s += "\n";
  }
  if (!o.triads.empty()) s += "| Triad | GB/s |\n|:--|--:|\n";
  for (const TriadRow& r : o.triads) {
    const std::string cell =
        r.bandwidth.value && *r.bandwidth.value >= 0
            ? GbCell(r.bandwidth)
            : (r.bandwidth.error ? absl::StrCat("error: ", *r.bandwidth.error) : std::string());
    absl::StrAppend(&s, "| ", r.name, " | ", cell, " |\n");
  }
  return s;
}

}  // namespace parbench::report
