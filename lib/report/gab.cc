#include "lib/report/gab.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "lib/report/number_text.h"
#include "nlohmann/json.hpp"

namespace parbench::report {
namespace {

std::string EntryName(const ExportBenchmark& b, const ExportMeasure& m) {
  if (m.key == "latency" || m.key == "throughput") return b.name;
  return absl::StrCat(b.name, " - ", m.key);
}

// The action reads a range "± X" (src/extractRangeInfo.ts) and rescales X
// with the value when units change; one symmetric half-width, the larger
// side, so that the band covers both bounds. The bounds themselves are in
// the extra text.
std::string Range(const ExportMeasure& m) {
  return absl::StrCat("± ", NumberText(std::max(m.value - m.lower, m.upper - m.value)));
}

// The tooltip: how the value and its bounds were obtained.
std::string Extra(const ExportBenchmark& b, const ExportMeasure& m) {
  std::string text =
      m.from == BoundsFrom::kRepetitions
          ? absl::StrCat("median of ", m.samples, " repetitions\nquartiles: ", NumberText(m.lower),
                         " .. ", NumberText(m.upper), " ", m.unit)
          : absl::StrCat("median aggregate (", m.samples,
                         " file(s))\nmedian -/+ 0.6745 sd: ", NumberText(m.lower), " .. ",
                         NumberText(m.upper), " ", m.unit);
  if (!b.label.empty()) absl::StrAppend(&text, "\nlabel: ", b.label);
  return text;
}

}  // namespace

std::string RenderGab(const Export& e, Better which) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::array();
  for (const ExportBenchmark& b : e.benchmarks) {
    for (const ExportMeasure& m : b.measures) {
      if (m.better != which) continue;
      doc.push_back({{"name", EntryName(b, m)},
                     {"unit", m.unit},
                     {"value", m.value},
                     {"range", Range(m)},
                     {"extra", Extra(b, m)}});
    }
  }
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace parbench::report
