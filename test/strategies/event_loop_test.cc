// EventLoop: many requests in flight on one thread, Sequential's results for
// every workload (those it cannot overlap included), errors that name the
// task, and no descriptor left behind. No timing is asserted.
#include "lib/strategies/event_loop.h"

#include <optional>
#include <vector>

#include "gtest/gtest.h"
#include "lib/core/byte_pattern.h"
#include "lib/loopback/request_service.h"
#include "lib/strategies/sequential.h"
#include "lib/workloads/io_net.h"
#include "test/scoped_request_service.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::TaskOf;

using testing::Checksums;

class EventLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_.emplace(absl::Milliseconds(20));
    ASSERT_TRUE(service_->status().ok()) << service_->status();
  }
  void TearDown() override {
    service_.reset();
    EXPECT_TRUE(testing::HasNoChildren());
  }

  std::optional<testing::ScopedRequestService> service_;
};

TEST_F(EventLoopTest, ManyRequestsInFlight) {
  std::vector<Task> tasks;
  tasks.reserve(300);
  for (int i = 0; i < 300; ++i)
    tasks.push_back(TaskOf("IoNet", 10 + static_cast<std::uint64_t>(i)));
  // What Sequential would return, without waiting 300 latencies for it.
  std::vector<std::uint64_t> expected;
  expected.reserve(tasks.size());
  for (const Task& task : tasks) expected.push_back(Fnv1a64(BytePattern(task.size)));

  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create(64);
  ASSERT_TRUE(loop.ok()) << loop.status();
  const int fds_before = testing::OpenDescriptorCount();
  absl::StatusOr<std::vector<TaskResult>> results = (*loop)->Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(Checksums(*results), expected);
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);
}

TEST_F(EventLoopTest, ManyTimersInFlight) {
  std::vector<Task> tasks;
  tasks.reserve(200);
  for (int i = 0; i < 200; ++i)
    tasks.push_back(TaskOf("Io", static_cast<std::uint64_t>(i % 7) * 100));
  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create(200);
  ASSERT_TRUE(loop.ok()) << loop.status();
  absl::StatusOr<std::vector<TaskResult>> results = (*loop)->Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  for (std::size_t i = 0; i < tasks.size(); ++i) EXPECT_EQ((*results)[i].checksum, tasks[i].size);
}

TEST_F(EventLoopTest, MixedWorkloadsMatchSequential) {
  const std::vector<Task> tasks = {
      TaskOf("Cpu", 10'000),   TaskOf("IoNet", 5),     TaskOf("Io", 1'000),
      TaskOf("Memory", 1'000), TaskOf("IoFile", 4096), TaskOf("IoNet", 7),
  };
  absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();
  for (int in_flight : {0, 1, 2, 64}) {
    absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create(in_flight);
    ASSERT_TRUE(loop.ok()) << loop.status();
    EXPECT_GE((*loop)->max_in_flight(), 1);
    absl::StatusOr<std::vector<TaskResult>> results = (*loop)->Map(tasks);
    ASSERT_TRUE(results.ok()) << results.status();
    EXPECT_EQ(Checksums(*results), Checksums(*expected));
  }
}

TEST_F(EventLoopTest, ATaskErrorNamesTheTaskAndLeavesTheLoopUsable) {
  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create(8);
  ASSERT_TRUE(loop.ok()) << loop.status();
  const int fds_before = testing::OpenDescriptorCount();
  const std::vector<Task> tasks = {TaskOf("IoNet", 5), TaskOf("IoNet", 5),
                                   TaskOf("IoNet", std::uint64_t{1} << 30)};
  absl::StatusOr<std::vector<TaskResult>> failed = (*loop)->Map(tasks);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(failed.status())) << failed.status();
  EXPECT_NE(failed.status().message().find("task 2"), absl::string_view::npos) << failed.status();
  EXPECT_EQ(testing::OpenDescriptorCount(), fds_before);

  absl::StatusOr<std::vector<TaskResult>> again = (*loop)->Map({TaskOf("IoNet", 5)});
  EXPECT_TRUE(again.ok()) << again.status();
}

TEST_F(EventLoopTest, ARefusedConnectionIsAnError) {
  ASSERT_TRUE(service_->Stop().ok());  // Its port now refuses connections.
  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create(4);
  ASSERT_TRUE(loop.ok()) << loop.status();
  absl::StatusOr<std::vector<TaskResult>> results =
      (*loop)->Map({TaskOf("IoNet", 5), TaskOf("IoNet", 5)});
  ASSERT_FALSE(results.ok());
  EXPECT_NE(results.status().message().find("task 0"), absl::string_view::npos) << results.status();
  EXPECT_NE(results.status().message().find("connect"), absl::string_view::npos)
      << results.status();
}

TEST_F(EventLoopTest, NoTasksIsNoResults) {
  absl::StatusOr<std::unique_ptr<EventLoop>> loop = EventLoop::Create(4);
  ASSERT_TRUE(loop.ok()) << loop.status();
  absl::StatusOr<std::vector<TaskResult>> results = (*loop)->Map({});
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_TRUE(results->empty());
}

}  // namespace
}  // namespace parbench
