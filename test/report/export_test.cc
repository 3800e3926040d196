// The export for CI dashboards: the model (values, bounds, stable names,
// pooling, what is left out) on hand-made Google Benchmark JSON, and the
// rendered BMF and github-action-benchmark JSON checked field by field
// against each service's published shape (test/report/fixtures/README.md).
#include "lib/report/export.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/report/bmf.h"
#include "lib/report/gab.h"
#include "lib/report/run_reader.h"
#include "nlohmann/json.hpp"

namespace parbench::report {
namespace {

using nlohmann::json;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

json Fixture(const std::string& name) {
  return json::parse(Slurp(std::string(PARBENCH_SOURCE_DIR) + "/test/report/fixtures/" + name));
}

Run ReadOrDie(const std::string& text, const std::string& source = "in.json") {
  absl::StatusOr<Run> run = ReadRun(text, source);
  EXPECT_TRUE(run.ok()) << run.status();
  return run.ok() ? *std::move(run) : Run{};
}

// Bencher's schema (bmf.json): benchmarks → measures → {value required,
// lower_value and upper_value optional}, all numbers. Stricter than the
// schema on one point: no other key (a misspelt bound would pass the schema
// and be ignored).
std::vector<std::string> BmfProblems(const json& doc) {
  std::vector<std::string> problems;
  if (!doc.is_object()) return {"top level is not an object"};
  for (const auto& [bench, measures] : doc.items()) {
    if (bench.empty()) problems.push_back("empty benchmark name");
    if (!measures.is_object()) {
      problems.push_back(bench + ": not an object");
      continue;
    }
    for (const auto& [measure, metric] : measures.items()) {
      const std::string at = absl::StrCat(bench, "/", measure);
      if (measure.empty()) problems.push_back(bench + ": empty measure name");
      if (!metric.is_object()) {
        problems.push_back(at + ": not an object");
        continue;
      }
      if (!metric.contains("value")) problems.push_back(at + ": no value");
      for (const auto& [key, v] : metric.items()) {
        if (key != "value" && key != "lower_value" && key != "upper_value") {
          problems.push_back(absl::StrCat(at, ": unknown key ", key));
        } else if (!v.is_number()) {
          problems.push_back(absl::StrCat(at, ": ", key, " is not a number"));
        }
      }
    }
  }
  return problems;
}

// github-action-benchmark's BenchmarkResult (src/extract.ts): an array of
// {name, value, unit, range?, extra?}; value a number (we refuse the
// strings zod would coerce), the others strings or what coerces to one.
std::vector<std::string> GabProblems(const json& doc) {
  std::vector<std::string> problems;
  if (!doc.is_array()) return {"top level is not an array"};
  for (size_t i = 0; i < doc.size(); ++i) {
    const json& e = doc[i];
    const std::string at = "entry " + std::to_string(i);
    if (!e.is_object()) {
      problems.push_back(at + ": not an object");
      continue;
    }
    if (!e.contains("name") || !e["name"].is_string() || e["name"].get<std::string>().empty()) {
      problems.push_back(at + ": no name");
    }
    if (!e.contains("value") || !e["value"].is_number())
      problems.push_back(at + ": no number value");
    if (!e.contains("unit") || !e["unit"].is_string()) problems.push_back(at + ": no unit");
    for (const char* optional : {"range", "extra"}) {
      if (e.contains(optional) && !e[optional].is_string() && !e[optional].is_number()) {
        problems.push_back(absl::StrCat(at, ": ", optional, " is neither a string nor a number"));
      }
    }
    for (const auto& [key, v] : e.items()) {
      if (key != "name" && key != "value" && key != "unit" && key != "range" && key != "extra") {
        problems.push_back(absl::StrCat(at, ": unknown key ", key));
      }
    }
  }
  return problems;
}

// The half-width the action reads from a range (src/extractRangeInfo.ts:
// a "±" or "+-" prefix, then a number), or NaN when it reads none.
double RangeHalfWidth(const std::string& range) {
  std::string_view rest = range;
  if (rest.starts_with("±")) {
    rest.remove_prefix(std::string_view("±").size());
  } else if (rest.starts_with("+-")) {
    rest.remove_prefix(2);
  } else {
    return NAN;
  }
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) {
    rest.remove_prefix(1);
  }
  if (rest.empty() || !std::isdigit(static_cast<unsigned char>(rest.front()))) return NAN;
  // JavaScript's Number(): the whole rest is one number.
  const std::string number(rest);
  char* end = nullptr;
  const double x = std::strtod(number.c_str(), &end);
  return end == number.c_str() + number.size() ? x : NAN;
}

// --- the checkers check the published shape (they can fail) ---

TEST(ExportFormatTest, BmfCheckerAcceptsTheDocumentedShapeOnly) {
  json doc = Fixture("bmf_documented.json");
  EXPECT_TRUE(BmfProblems(doc).empty());
  json no_value = doc;
  no_value["fixture"]["latency"].erase("value");
  EXPECT_EQ(BmfProblems(no_value).size(), 1U);
  json string_value = doc;
  string_value["fixture"]["latency"]["value"] = "120.5";
  EXPECT_EQ(BmfProblems(string_value).size(), 1U);
  json misspelt = doc;
  misspelt["fixture"]["latency"]["lower"] = 1.0;
  EXPECT_EQ(BmfProblems(misspelt).size(), 1U);
  EXPECT_FALSE(BmfProblems(json::array()).empty());
}

TEST(ExportFormatTest, GabCheckerAcceptsTheDocumentedShapeOnly) {
  json doc = Fixture("gab_documented.json");
  EXPECT_TRUE(GabProblems(doc).empty());
  json no_unit = doc;
  no_unit[0].erase("unit");
  EXPECT_EQ(GabProblems(no_unit).size(), 1U);
  json string_value = doc;
  string_value[1]["value"] = "fast";
  EXPECT_EQ(GabProblems(string_value).size(), 1U);
  EXPECT_FALSE(GabProblems(json::object()).empty());
  EXPECT_DOUBLE_EQ(RangeHalfWidth(doc[1]["range"].get<std::string>()), 4.5);
  EXPECT_TRUE(std::isnan(RangeHalfWidth("5%")));
  EXPECT_TRUE(std::isnan(RangeHalfWidth("± fast")));
}

// --- the model ---

constexpr char kCell[] = "Cpu/ThreadPool/warm/workers:2/tasks:10/real_time";

// One repetition of kCell with the counters bench writes (total_cpu_s is
// worker_cpu_s + process_cpu_s, as for worker processes).
json Repetition(int index, double real_time, const char* time_unit, double items,
                double worker_cpu_s) {
  return {{"name", kCell},
          {"run_name", kCell},
          {"run_type", "iteration"},
          {"repetitions", 4},
          {"repetition_index", index},
          {"iterations", 1},
          {"real_time", real_time},
          {"cpu_time", 1},
          {"time_unit", time_unit},
          {"items_per_second", items},
          {"worker_cpu_s", worker_cpu_s},
          {"total_cpu_s", worker_cpu_s + 1},
          {"process_cpu_s", 1},
          {"peak_rss_mib", 8}};
}

// Four repetitions of 10, 20, 30, 40 ns (one written in us): the median 25,
// the type-7 quartiles 17.5 and 32.5; and a median aggregate that is not a
// repetition.
std::string FourRepetitions() {
  json median = {{"name", absl::StrCat(kCell, "_median")},
                 {"run_name", kCell},
                 {"run_type", "aggregate"},
                 {"aggregate_name", "median"},
                 {"repetitions", 4},
                 {"iterations", 4},
                 {"real_time", 999},
                 {"cpu_time", 1},
                 {"time_unit", "ns"}};
  const json doc = {{"context", json::object()},
                    {"benchmarks",
                     {Repetition(0, 10, "ns", 400, 4), Repetition(1, 40, "ns", 100, 1),
                      Repetition(2, 0.02, "us", 200, 2), Repetition(3, 30, "ns", 300, 3), median}}};
  return doc.dump();
}

const ExportMeasure* Find(const ExportBenchmark& b, const std::string& key) {
  for (const ExportMeasure& m : b.measures) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

TEST(ExportModelTest, MedianAndQuartilesOfTheRepetitions) {
  const Export e = BuildExport({ReadOrDie(FourRepetitions())});
  ASSERT_EQ(e.benchmarks.size(), 1U);
  const ExportBenchmark& b = e.benchmarks[0];
  EXPECT_EQ(b.name, "Cpu/ThreadPool/warm/workers:2/tasks:10/real_time");
  const ExportMeasure* latency = Find(b, "latency");
  ASSERT_NE(latency, nullptr);
  // The aggregate (999) is not a repetition: only the iterations count.
  EXPECT_DOUBLE_EQ(latency->value, 25);
  EXPECT_DOUBLE_EQ(latency->lower, 17.5);
  EXPECT_DOUBLE_EQ(latency->upper, 32.5);
  EXPECT_EQ(latency->unit, "ns");
  EXPECT_EQ(latency->better, Better::kSmaller);
  EXPECT_EQ(latency->from, BoundsFrom::kRepetitions);
  EXPECT_EQ(latency->samples, 4U);

  const ExportMeasure* throughput = Find(b, "throughput");
  ASSERT_NE(throughput, nullptr);
  EXPECT_EQ(throughput->unit, "items/s");
  EXPECT_EQ(throughput->better, Better::kBigger);
  EXPECT_DOUBLE_EQ(throughput->value, 250);
  EXPECT_DOUBLE_EQ(throughput->lower, 175);
  EXPECT_DOUBLE_EQ(throughput->upper, 325);

  const std::map<std::string, double> want = {
      {"worker_cpu_s", 2.5}, {"total_cpu_s", 3.5}, {"process_cpu_s", 1}, {"peak_rss_mib", 8}};
  for (const auto& [key, value] : want) {
    const ExportMeasure* m = Find(b, key);
    ASSERT_NE(m, nullptr) << key;
    EXPECT_DOUBLE_EQ(m->value, value) << key;
    EXPECT_EQ(m->better, Better::kSmaller) << key;
  }
  EXPECT_EQ(Find(b, "worker_cpu_s")->unit, "s");
  EXPECT_EQ(Find(b, "peak_rss_mib")->unit, "MiB");
  EXPECT_TRUE(e.skipped.empty());
}

TEST(ExportModelTest, WithoutItemsThroughputIsOperationsPerSecond) {
  const Export e = BuildExport({ReadOrDie(R"({"benchmarks": [
    {"name": "Floor/Fork/real_time", "run_type": "iteration", "iterations": 1, "real_time": 2, "cpu_time": 1, "time_unit": "ms"},
    {"name": "Floor/Fork/real_time", "run_type": "iteration", "iterations": 1, "real_time": 4, "cpu_time": 1, "time_unit": "ms"},
    {"name": "Floor/Fork/real_time", "run_type": "iteration", "iterations": 1, "real_time": 4, "cpu_time": 1, "time_unit": "ms"}
  ]})")});
  ASSERT_EQ(e.benchmarks.size(), 1U);
  const ExportBenchmark& b = e.benchmarks[0];
  ASSERT_EQ(b.measures.size(), 2U);  // no counters: latency and throughput only
  const ExportMeasure* ops = Find(b, "throughput");
  ASSERT_NE(ops, nullptr);
  EXPECT_EQ(ops->unit, "ops/s");
  EXPECT_DOUBLE_EQ(ops->value, 250);        // 1e9 / 4e6 ns
  EXPECT_DOUBLE_EQ(ops->lower, 250);        // 1e9 / the upper quartile (4 ms)
  EXPECT_DOUBLE_EQ(ops->upper, 1e9 / 3e6);  // 1e9 / the lower quartile (3 ms)
}

TEST(ExportModelTest, AggregatesOnlyGiveTheMedianAndNormalQuartiles) {
  const Export e = BuildExport({ReadOrDie(R"({"benchmarks": [
    {"name": "Io/Sequential/workers:1/real_time_mean", "run_name": "Io/Sequential/workers:1/real_time", "run_type": "aggregate",
     "aggregate_name": "mean", "repetitions": 9, "iterations": 9, "real_time": 111, "cpu_time": 1, "time_unit": "ns", "peak_rss_mib": 7},
    {"name": "Io/Sequential/workers:1/real_time_median", "run_name": "Io/Sequential/workers:1/real_time", "run_type": "aggregate",
     "aggregate_name": "median", "repetitions": 9, "iterations": 9, "real_time": 100, "cpu_time": 1, "time_unit": "ns", "peak_rss_mib": 6},
    {"name": "Io/Sequential/workers:1/real_time_stddev", "run_name": "Io/Sequential/workers:1/real_time", "run_type": "aggregate",
     "aggregate_name": "stddev", "repetitions": 9, "iterations": 9, "real_time": 10, "cpu_time": 1, "time_unit": "ns", "peak_rss_mib": 0},
    {"name": "Io/Sequential/workers:1/real_time_cv", "run_name": "Io/Sequential/workers:1/real_time", "run_type": "aggregate",
     "aggregate_name": "cv", "aggregate_unit": "percentage", "repetitions": 9, "iterations": 9, "real_time": 0.1, "cpu_time": 1, "time_unit": "ns"}
  ]})")});
  ASSERT_EQ(e.benchmarks.size(), 1U);
  const ExportMeasure* latency = Find(e.benchmarks[0], "latency");
  ASSERT_NE(latency, nullptr);
  EXPECT_EQ(latency->from, BoundsFrom::kAggregates);
  EXPECT_DOUBLE_EQ(latency->value, 100);  // the median, not the mean
  EXPECT_NEAR(latency->lower, 100 - 6.744897501960817, 1e-9);
  EXPECT_NEAR(latency->upper, 100 + 6.744897501960817, 1e-9);
  const ExportMeasure* rss = Find(e.benchmarks[0], "peak_rss_mib");
  ASSERT_NE(rss, nullptr);
  EXPECT_DOUBLE_EQ(rss->value, 6);
  EXPECT_DOUBLE_EQ(rss->lower, 6);
  EXPECT_DOUBLE_EQ(rss->upper, 6);
}

TEST(ExportModelTest, StableNamesDropTheAggregateAndRepeatsSuffixes) {
  Record r;
  r.name = "BM_x/8/repeats:5/real_time_mean";
  r.run_name = r.name;  // an old Google Benchmark without run_name
  r.aggregate_name = "mean";
  r.repetitions = 5;
  EXPECT_EQ(StableName(r), "BM_x/8/real_time");
  Record it;
  it.name = it.run_name = "BM_x/8/repeats:5";
  it.repetitions = 5;
  EXPECT_EQ(StableName(it), "BM_x/8");
  // Another count, or a component that only starts alike, stays.
  it.name = it.run_name = "BM_x/repeats:50/real_time";
  EXPECT_EQ(StableName(it), "BM_x/repeats:50/real_time");
  Record plain;
  plain.name = "Cpu/Sequential/workers:1/real_time_median";
  plain.run_name = "Cpu/Sequential/workers:1/real_time";
  plain.aggregate_name = "median";
  EXPECT_EQ(StableName(plain), "Cpu/Sequential/workers:1/real_time");
}

TEST(ExportModelTest, PoolsRunsAndLeavesOutBenchmarksThatOnlyFailed) {
  const std::string a = R"({"benchmarks": [
    {"name": "A/real_time", "run_type": "iteration", "iterations": 1, "real_time": 10, "cpu_time": 1, "time_unit": "ns"},
    {"name": "Broken/real_time", "run_type": "iteration", "error_occurred": true, "error_message": "boom"}
  ]})";
  const std::string b = R"({"benchmarks": [
    {"name": "A/real_time", "run_type": "iteration", "iterations": 1, "real_time": 30, "cpu_time": 1, "time_unit": "ns"},
    {"name": "Zero/real_time", "run_type": "iteration", "iterations": 1, "real_time": 5, "cpu_time": 1, "time_unit": "ns", "worker_cpu_s": 0}
  ]})";
  const Export e = BuildExport({ReadOrDie(a, "a.json"), ReadOrDie(b, "b.json")});
  ASSERT_EQ(e.benchmarks.size(), 2U);
  EXPECT_EQ(e.benchmarks[0].name, "A/real_time");
  EXPECT_DOUBLE_EQ(Find(e.benchmarks[0], "latency")->value, 20);
  EXPECT_EQ(Find(e.benchmarks[0], "latency")->samples, 2U);
  EXPECT_EQ(e.benchmarks[1].name, "Zero/real_time");
  // A zero counter gives no ratio a dashboard can alert on: left out.
  EXPECT_EQ(Find(e.benchmarks[1], "worker_cpu_s"), nullptr);
  ASSERT_EQ(e.skipped.size(), 1U);
  EXPECT_EQ(e.skipped[0], "Broken/real_time");
}

// --- the renderers, field by field ---

TEST(ExportRenderTest, BmfHoldsEveryMeasureWithItsBounds) {
  const Export e = BuildExport({ReadOrDie(FourRepetitions())});
  const json doc = json::parse(RenderBmf(e));
  EXPECT_TRUE(BmfProblems(doc).empty());
  ASSERT_EQ(doc.size(), 1U);
  const json& measures = doc["Cpu/ThreadPool/warm/workers:2/tasks:10/real_time"];
  ASSERT_EQ(measures.size(), e.benchmarks[0].measures.size());
  for (const ExportMeasure& m : e.benchmarks[0].measures) {
    ASSERT_TRUE(measures.contains(m.key)) << m.key;
    const json& metric = measures[m.key];
    EXPECT_EQ(metric.size(), 3U) << m.key;
    EXPECT_EQ(metric["value"].get<double>(), m.value) << m.key;
    EXPECT_EQ(metric["lower_value"].get<double>(), m.lower) << m.key;
    EXPECT_EQ(metric["upper_value"].get<double>(), m.upper) << m.key;
  }
  EXPECT_EQ(measures["latency"]["value"].get<double>(), 25);
}

TEST(ExportRenderTest, GabSplitsTheMeasuresByDirection) {
  const Export e = BuildExport({ReadOrDie(FourRepetitions())});
  const json smaller = json::parse(RenderGab(e, Better::kSmaller));
  const json bigger = json::parse(RenderGab(e, Better::kBigger));
  EXPECT_TRUE(GabProblems(smaller).empty());
  EXPECT_TRUE(GabProblems(bigger).empty());
  const std::string name = "Cpu/ThreadPool/warm/workers:2/tasks:10/real_time";
  std::map<std::string, json> by_name;
  for (const json& entry : smaller) by_name[entry["name"].get<std::string>()] = entry;
  ASSERT_EQ(by_name.size(), 5U);  // latency and four counters, no throughput
  ASSERT_TRUE(by_name.count(name));
  const json& latency = by_name[name];
  EXPECT_EQ(latency["unit"], "ns");
  EXPECT_EQ(latency["value"].get<double>(), 25);
  // The larger side: 32.5 - 25 = 25 - 17.5 = 7.5.
  EXPECT_DOUBLE_EQ(RangeHalfWidth(latency["range"].get<std::string>()), 7.5);
  EXPECT_NE(latency["extra"].get<std::string>().find("median of 4 repetitions"), std::string::npos);
  for (const char* counter : {"worker_cpu_s", "total_cpu_s", "process_cpu_s", "peak_rss_mib"}) {
    EXPECT_TRUE(by_name.count(name + " - " + counter)) << counter;
  }
  EXPECT_EQ(by_name[name + " - peak_rss_mib"]["unit"], "MiB");
  ASSERT_EQ(bigger.size(), 1U);
  EXPECT_EQ(bigger[0]["name"], name);
  EXPECT_EQ(bigger[0]["unit"], "items/s");
  EXPECT_EQ(bigger[0]["value"].get<double>(), 250);
  EXPECT_DOUBLE_EQ(RangeHalfWidth(bigger[0]["range"].get<std::string>()), 75);
}

// The committed reference run: every benchmark once, in every format.
TEST(ExportRenderTest, ReferenceRunHasEveryBenchmarkOnceInEveryFormat) {
  const std::string path =
      std::string(PARBENCH_SOURCE_DIR) + "/results/vm-20261125-145342/bench.json";
  const report::Run run = ReadOrDie(Slurp(path), path);
  std::set<std::string> names;
  for (const Record& r : run.records) names.insert(r.run_name);
  const Export e = BuildExport({run});
  EXPECT_TRUE(e.skipped.empty());

  const json bmf = json::parse(RenderBmf(e));
  EXPECT_TRUE(BmfProblems(bmf).empty());
  EXPECT_EQ(bmf.size(), names.size());
  for (const std::string& n : names) EXPECT_TRUE(bmf.contains(n)) << n;

  for (const Better which : {Better::kSmaller, Better::kBigger}) {
    const json gab = json::parse(RenderGab(e, which));
    EXPECT_TRUE(GabProblems(gab).empty());
    std::map<std::string, int> seen;
    for (const json& entry : gab) {
      ++seen[entry["name"].get<std::string>()];
      EXPECT_FALSE(std::isnan(RangeHalfWidth(entry["range"].get<std::string>())));
    }
    for (const std::string& n : names) EXPECT_EQ(seen[n], 1) << n;
    for (const auto& [n, count] : seen) EXPECT_EQ(count, 1) << n;
  }
}

}  // namespace
}  // namespace parbench::report
