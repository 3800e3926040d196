// The I/O workloads, IoNet and IoFile: their failures are clear errors.
// (Every strategy against Sequential, for every workload: strategy_test.cc.)
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/core/byte_pattern.h"
#include "lib/loopback/request_service.h"
#include "lib/workloads/io_file.h"
#include "lib/workloads/io_net.h"
#include "test/scoped_request_service.h"
#include "test/test_util.h"

namespace parbench {
namespace {

using testing::Entries;
using testing::ScopedTmpDir;
using testing::TaskOf;

TEST(IoNetTest, WithoutAServiceIsAClearError) {
  SetRequestServicePort(0);
  absl::StatusOr<std::uint64_t> result = RunTask(TaskOf("IoNet", 64));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(result.status())) << result.status();
  EXPECT_NE(result.status().message().find("no request service"), absl::string_view::npos);
}

TEST(IoNetTest, AStoppedServiceIsAClearError) {
  absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(1));
  ASSERT_TRUE(service.ok()) << service.status();
  SetRequestServicePort(service->port());
  ASSERT_TRUE(service->Stop().ok());
  absl::StatusOr<std::uint64_t> result = RunTask(TaskOf("IoNet", 64));
  SetRequestServicePort(0);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("connect()"), absl::string_view::npos)
      << result.status();
}

TEST(IoNetTest, OversizedRequestIsRefused) {
  SetRequestServicePort(1);  // Never contacted: the size is checked first.
  absl::StatusOr<std::uint64_t> result = RunTask(TaskOf("IoNet", std::uint64_t{1} << 30));
  SetRequestServicePort(0);
  EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
}

TEST(IoFileTest, ChecksumIsThePatternsAndNoFileIsLeft) {
  const ScopedTmpDir tmp;
  for (std::uint64_t bytes : {0, 1, 4096, 65536, 100'003}) {
    absl::StatusOr<std::uint64_t> checksum = RunTask(TaskOf("IoFile", bytes));
    ASSERT_TRUE(checksum.ok()) << checksum.status();
    EXPECT_EQ(*checksum, Fnv1a64(BytePattern(bytes)));
  }
  EXPECT_TRUE(Entries(tmp.path()).empty());
}

TEST(IoFileTest, AMissingTemporaryDirectoryIsAClearError) {
  const ScopedTmpDir tmp;
  const std::string missing = tmp.path() + "/does-not-exist";
  setenv("TMPDIR", missing.c_str(), 1);
  absl::StatusOr<std::uint64_t> result = WriteSyncReadBack(4096);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("mkostemp()"), absl::string_view::npos)
      << result.status();
  EXPECT_NE(result.status().message().find(missing), absl::string_view::npos);
}

TEST(IoFileTest, OversizedBlockIsRefused) {
  EXPECT_TRUE(absl::IsInvalidArgument(WriteSyncReadBack(kMaxFileBlock + 1).status()));
}

}  // namespace
}  // namespace parbench
