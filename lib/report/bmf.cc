#include "lib/report/bmf.h"

#include <string>

#include "nlohmann/json.hpp"

namespace parbench::report {

std::string RenderBmf(const Export& e) {
  // ordered_json: the benchmarks in the run's order, the keys as documented.
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  for (const ExportBenchmark& b : e.benchmarks) {
    nlohmann::ordered_json& measures = doc[b.name];
    for (const ExportMeasure& m : b.measures) {
      measures[m.key] = {{"value", m.value}, {"lower_value", m.lower}, {"upper_value", m.upper}};
    }
  }
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace parbench::report
