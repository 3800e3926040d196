// bench's flag parsing: TakeWorkloadFlags (the workloads' size flags, taken
// out of argv before abseil parses the rest) and --help's list of the suite
// flags, which holds every flag the binary defines, whichever file defines
// it — this one's too.
#include "bench/suite_config.h"

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/core/workload_table.h"

// A suite flag defined outside bench/suite_config.cc.
ABSL_FLAG(std::string, parbench_test_flag, "seven", "A flag a test defines, for --help.");

namespace parbench {
namespace {

// An argv the parser can rewrite: owned strings, and a null after the last.
class Argv {
 public:
  explicit Argv(std::vector<std::string> args) : args_(std::move(args)) {
    args_.insert(args_.begin(), "bench");
    for (std::string& arg : args_) pointers_.push_back(arg.data());
    pointers_.push_back(nullptr);
    argc_ = static_cast<int>(args_.size());
  }
  int& argc() { return argc_; }
  char** argv() { return pointers_.data(); }
  // What is left after parsing, without the program.
  std::vector<std::string> Left() const {
    std::vector<std::string> left;
    for (int i = 1; i < argc_; ++i) left.emplace_back(pointers_[static_cast<std::size_t>(i)]);
    return left;
  }
  bool NullTerminated() const { return pointers_[static_cast<std::size_t>(argc_)] == nullptr; }

 private:
  std::vector<std::string> args_;
  std::vector<char*> pointers_;
  int argc_ = 0;
};

struct Row {
  WorkloadId id;
  const WorkloadSpec* spec;
};

// The Cpu row: a built-in workload with a size flag and a limit.
Row Cpu() {
  const std::optional<WorkloadId> id = FindWorkloadId("Cpu");
  EXPECT_TRUE(id.has_value());
  return {*id, FindWorkload(*id)};
}

absl::StatusOr<std::vector<std::uint64_t>> Take(Argv& args) {
  return TakeWorkloadFlags(args.argc(), args.argv());
}

TEST(TakeWorkloadFlags, AbsentFlagsGiveTheDefaults) {
  Argv args({});
  absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
  ASSERT_TRUE(values.ok()) << values.status();
  ASSERT_EQ(values->size(), Workloads().size());
  for (std::size_t i = 0; i < values->size(); ++i) {
    EXPECT_EQ((*values)[i], Workloads()[i].default_size) << Workloads()[i].name;
  }
}

TEST(TakeWorkloadFlags, TakesEverySpelling) {
  const Row cpu = Cpu();
  const std::string flag(cpu.spec->size_flag);
  for (const std::vector<std::string>& spelling :
       std::vector<std::vector<std::string>>{{absl::StrCat("--", flag, "=42")},
                                             {absl::StrCat("--", flag), "42"},
                                             {absl::StrCat("-", flag, "=42")}}) {
    Argv args(spelling);
    absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
    ASSERT_TRUE(values.ok()) << values.status();
    EXPECT_EQ((*values)[cpu.id], 42u) << spelling[0];
    EXPECT_TRUE(args.Left().empty()) << spelling[0];
    EXPECT_TRUE(args.NullTerminated());
  }
}

TEST(TakeWorkloadFlags, TheLastValueWins) {
  const Row cpu = Cpu();
  const std::string flag(cpu.spec->size_flag);
  Argv args({absl::StrCat("--", flag, "=5"), absl::StrCat("--", flag, "=6")});
  absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
  ASSERT_TRUE(values.ok()) << values.status();
  EXPECT_EQ((*values)[cpu.id], 6u);
}

TEST(TakeWorkloadFlags, OtherArgumentsPassThroughInOrder) {
  const Row cpu = Cpu();
  Argv args({"--workers=2", absl::StrCat("--", cpu.spec->size_flag, "=9"), "--benchmark_filter=x",
             "positional", "--not_a_flag_of_anyone", "-", "--"});
  absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
  ASSERT_TRUE(values.ok()) << values.status();
  EXPECT_EQ((*values)[cpu.id], 9u);
  EXPECT_EQ(args.Left(),
            (std::vector<std::string>{"--workers=2", "--benchmark_filter=x", "positional",
                                      "--not_a_flag_of_anyone", "-", "--"}));
  EXPECT_TRUE(args.NullTerminated());
}

TEST(TakeWorkloadFlags, NothingAfterDoubleDashIsTaken) {
  const Row cpu = Cpu();
  const std::string after = absl::StrCat("--", cpu.spec->size_flag, "=9");
  Argv args({"--", after});
  absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
  ASSERT_TRUE(values.ok()) << values.status();
  EXPECT_EQ((*values)[cpu.id], cpu.spec->default_size);
  EXPECT_EQ(args.Left(), (std::vector<std::string>{"--", after}));
}

TEST(TakeWorkloadFlags, ANameThatOnlyStartsLikeASizeFlagIsNotOne) {
  const Row cpu = Cpu();
  const std::string longer = absl::StrCat("--", cpu.spec->size_flag, "_more=3");
  Argv args({longer, std::string(cpu.spec->size_flag)});  // No dash: positional.
  absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
  ASSERT_TRUE(values.ok()) << values.status();
  EXPECT_EQ((*values)[cpu.id], cpu.spec->default_size);
  EXPECT_EQ(args.Left().size(), 2u);
}

TEST(TakeWorkloadFlags, BadValuesSayWhichFlagAndWhy) {
  const Row cpu = Cpu();
  const std::string flag(cpu.spec->size_flag);
  const std::string above = absl::StrCat(cpu.spec->max_size + 1);
  const struct {
    std::string value;
    std::string message;
  } cases[] = {
      {"abc", absl::StrCat("--", flag, "=abc: not a whole number")},
      {"", absl::StrCat("--", flag, "=: not a whole number")},
      {"1e9", absl::StrCat("--", flag, "=1e9: not a whole number")},
      {"0", absl::StrCat("--", flag, "=0: must be between 1 and ", cpu.spec->max_size)},
      {"-3", absl::StrCat("--", flag, "=-3: must be between 1 and ", cpu.spec->max_size)},
      {above, absl::StrCat("--", flag, "=", above, ": must be between 1 and ", cpu.spec->max_size)},
      {"99999999999999999999999",
       absl::StrCat("--", flag, "=99999999999999999999999: not a whole number")},
  };
  for (const auto& c : cases) {
    Argv args({absl::StrCat("--", flag, "=", c.value)});
    absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
    ASSERT_FALSE(values.ok()) << c.value;
    EXPECT_TRUE(absl::IsInvalidArgument(values.status()));
    EXPECT_EQ(values.status().message(), c.message);
  }
}

TEST(TakeWorkloadFlags, AMissingValueIsAnError) {
  const Row cpu = Cpu();
  Argv args({"--workers=2", absl::StrCat("--", cpu.spec->size_flag)});
  absl::StatusOr<std::vector<std::uint64_t>> values = Take(args);
  ASSERT_FALSE(values.ok());
  EXPECT_EQ(values.status().message(), absl::StrCat("--", cpu.spec->size_flag, ": missing value"));
}

TEST(SuiteFlagsHelp, ListsEveryFlagWhicheverFileDefinesIt) {
  const std::string help = SuiteFlagsHelp();
  // This file's flag, with its default and help.
  EXPECT_TRUE(absl::StrContains(help, "  --parbench_test_flag=seven\n")) << help;
  EXPECT_TRUE(absl::StrContains(help, "A flag a test defines, for --help.")) << help;
  // suite_config.cc's own.
  for (const char* flag :
       {"--workers=", "--tasks=", "--fork_resident_mib=", "--background_load=", "--sweep="}) {
    EXPECT_TRUE(absl::StrContains(help, flag)) << flag;
  }
  // Every workload's size flag.
  for (const WorkloadSpec& row : Workloads()) {
    EXPECT_TRUE(
        absl::StrContains(help, absl::StrCat("  --", row.size_flag, "=", row.default_size, "\n")))
        << row.name;
  }
}

TEST(SuiteFlagsHelp, LeavesOutAbseilsOwnFlags) {
  const std::string help = SuiteFlagsHelp();
  for (const char* flag : {"--flagfile=", "--fromenv=", "--tryfromenv=", "--undefok="}) {
    EXPECT_FALSE(absl::StrContains(help, flag)) << flag;
  }
}

TEST(ReservedFlagNames, HoldEveryFlagTheBinaryDefines) {
  const std::vector<absl::string_view> names = ReservedFlagNames();
  for (absl::string_view flag : {"workers", "tasks", "parbench_test_flag"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), flag), names.end()) << flag;
  }
}

}  // namespace
}  // namespace parbench
