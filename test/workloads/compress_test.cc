// The Compress workload (zlib): deterministic, size-dependent checksums.
// Every strategy against Sequential for it: strategy_test.cc.
#include "gtest/gtest.h"
#include "lib/core/task.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::TaskOf;

TEST(CompressTest, SameInputSameChecksum) {
  for (std::uint64_t size : {1u, 100u, 4096u, 1u << 20}) {
    absl::StatusOr<std::uint64_t> first = RunTask(TaskOf("Compress", size));
    absl::StatusOr<std::uint64_t> second = RunTask(TaskOf("Compress", size));
    ASSERT_TRUE(first.ok()) << first.status();
    ASSERT_TRUE(second.ok()) << second.status();
    EXPECT_EQ(*first, *second) << size << " bytes";
  }
}

TEST(CompressTest, SizesGiveDistinctChecksums) {
  absl::StatusOr<std::uint64_t> small = RunTask(TaskOf("Compress", 4096));
  absl::StatusOr<std::uint64_t> larger = RunTask(TaskOf("Compress", 4097));
  ASSERT_TRUE(small.ok() && larger.ok());
  EXPECT_NE(*small, *larger);
}

}  // namespace
}  // namespace parbench
