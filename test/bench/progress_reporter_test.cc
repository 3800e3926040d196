#include "bench/progress_reporter.h"

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace parbench {
namespace {

TEST(FormatEtaTest, SecondsMinutesHours) {
  EXPECT_EQ(FormatEta(0.2), "1 s");
  EXPECT_EQ(FormatEta(35), "35 s");
  EXPECT_EQ(FormatEta(240), "4 min");
  EXPECT_EQ(FormatEta(3900), "1 h 5 min");
  EXPECT_EQ(FormatEta(-1), "?");
}

TEST(ChooseDisplayTest, ProgressOnlyForTheConsole) {
  char program[] = "bench";
  char json[] = "--benchmark_format=json";
  char list[] = "--benchmark_list_tests";
  char console[] = "--benchmark_format=console";
  char tabular[] = "--benchmark_counters_tabular=true";
  char* with_json[] = {program, json};
  char* with_list[] = {program, list};
  char* with_console[] = {program, console, tabular};
  EXPECT_FALSE(ChooseDisplay(2, with_json).progress);
  EXPECT_FALSE(ChooseDisplay(2, with_list).progress);
  const DisplayChoice choice = ChooseDisplay(3, with_console);
  EXPECT_TRUE(choice.progress);
  EXPECT_TRUE(choice.options & benchmark::ConsoleReporter::OO_Tabular);
}

// Counts repetitions, not aggregates, against benchmarks × repetitions.
TEST(ProgressReporterTest, CountsRepetitionsAgainstTheExpected) {
  std::FILE* sink = std::tmpfile();
  ASSERT_NE(sink, nullptr);
  ProgressReporter reporter(benchmark::ConsoleReporter::OO_None, 2, sink);
  std::ostringstream console;
  reporter.SetOutputStream(&console);
  reporter.SetErrorStream(&console);
  benchmark::BenchmarkReporter::Run run;
  run.run_name.function_name = "Cpu/Sequential";
  run.repetitions = 3;
  run.iterations = 1;
  for (int i = 0; i < 3; ++i) reporter.ReportRuns({run});
  EXPECT_EQ(reporter.reported(), 3u);
  EXPECT_EQ(reporter.expected(), 6u);
  benchmark::BenchmarkReporter::Run aggregate = run;
  aggregate.run_type = benchmark::BenchmarkReporter::Run::RT_Aggregate;
  reporter.ReportRuns({run, aggregate});
  EXPECT_EQ(reporter.reported(), 4u);
  std::rewind(sink);
  char line[256] = {};
  ASSERT_NE(std::fgets(line, sizeof(line), sink), nullptr);
  EXPECT_EQ(line[0], '[') << line;
  std::fclose(sink);
}

}  // namespace
}  // namespace parbench
