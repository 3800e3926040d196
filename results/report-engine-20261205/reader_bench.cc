// Measures the two Debian JSON readers on a Google Benchmark file: parse,
// then visit every record's name, real_time and cpu_time (what the report
// engine does first). Prints the best of 5 runs in ms and the record count.
// Build and run: see reader.md in this folder.
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {
double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1]);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  double best_n = 1e9, best_s = 1e9;
  size_t records_n = 0, records_s = 0;
  double sum = 0;
  for (int rep = 0; rep < 5; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    auto doc = nlohmann::json::parse(text);
    records_n = 0;
    for (const auto& r : doc.at("benchmarks")) {
      sum += r.at("name").get_ref<const std::string&>().size();
      sum += r.value("real_time", 0.0) + r.value("cpu_time", 0.0);
      ++records_n;
    }
    best_n = std::min(best_n, Ms(std::chrono::steady_clock::now() - t0));
    t0 = std::chrono::steady_clock::now();
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.parse(text);
    records_s = 0;
    for (simdjson::dom::element r : root["benchmarks"].get_array()) {
      sum += std::string_view(r["name"]).size();
      double v;
      if (r["real_time"].get(v) == simdjson::SUCCESS) sum += v;
      if (r["cpu_time"].get(v) == simdjson::SUCCESS) sum += v;
      ++records_s;
    }
    best_s = std::min(best_s, Ms(std::chrono::steady_clock::now() - t0));
  }
  std::printf("bytes %zu records %zu/%zu nlohmann %.1f ms simdjson %.1f ms (%g)\n", text.size(),
              records_n, records_s, best_n, best_s, sum > 0 ? 1.0 : 0.0);
  return 0;
}
