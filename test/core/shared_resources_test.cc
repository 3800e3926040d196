// SharedResources, with the one built-in row that has a shared resource
// (IoNet's loopback request service, a child process): it starts at most
// once, before which IoNet tasks fail, and it is stopped — its process
// reaped, its port withdrawn — when the owner goes.
#include "lib/core/shared_resources.h"

#include <vector>

#include "gtest/gtest.h"
#include "lib/core/task.h"
#include "lib/core/workload_table.h"
#include "lib/workloads/io_net.h"
#include "test/test_util.h"

namespace parbench {
namespace {

WorkloadId IoNet() { return *FindWorkloadId("IoNet"); }

std::vector<std::uint64_t> FlagValues(std::uint64_t ionet_latency_ms) {
  std::vector<std::uint64_t> values;
  for (const WorkloadSpec& row : Workloads()) values.push_back(row.default_size);
  values[IoNet()] = ionet_latency_ms;
  return values;
}

TEST(SharedResources, StartsOnFirstNeedOnceAndStopsWhenItGoes) {
  ASSERT_TRUE(testing::HasNoChildren());
  {
    SharedResources shared(FlagValues(1));
    EXPECT_EQ(RequestServicePort(), 0);  // Nothing before a task needs it.
    ASSERT_TRUE(shared.Ensure(IoNet()).ok());
    const std::uint16_t port = RequestServicePort();
    EXPECT_NE(port, 0);
    EXPECT_FALSE(testing::HasNoChildren());  // The service's process.
    ASSERT_TRUE(shared.Ensure(IoNet()).ok());
    EXPECT_EQ(RequestServicePort(), port);  // The same one: not started again.
    absl::StatusOr<std::uint64_t> answered = RunTask({IoNet(), 64});
    EXPECT_TRUE(answered.ok()) << answered.status();
  }
  EXPECT_EQ(RequestServicePort(), 0);
  EXPECT_TRUE(testing::HasNoChildren());
}

TEST(SharedResources, RowsWithoutOneAndUnknownIdsStartNothing) {
  {
    SharedResources shared({});
    EXPECT_TRUE(shared.Ensure(*FindWorkloadId("Cpu")).ok());
    EXPECT_TRUE(shared.Ensure(static_cast<WorkloadId>(Workloads().size() + 5)).ok());
    EXPECT_EQ(RequestServicePort(), 0);
  }
  EXPECT_TRUE(testing::HasNoChildren());
}

TEST(SharedResources, AMissingFlagValueIsTheRowsDefault) {
  SharedResources shared({});  // No values at all: IoNet's default latency.
  EXPECT_TRUE(shared.Ensure(IoNet()).ok());
  EXPECT_NE(RequestServicePort(), 0);
}

}  // namespace
}  // namespace parbench
