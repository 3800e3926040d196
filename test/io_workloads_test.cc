// The I/O workloads, IoNet and IoFile: every strategy returns Sequential's
// results for them, their failures are clear errors, and IoFile leaves no
// temporary file behind.
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/byte_pattern.h"
#include "lib/file_kernel.h"
#include "lib/net_request.h"
#include "lib/request_service.h"
#include "lib/sequential.h"
#include "lib/strategy_factory.h"
#include "test/scoped_request_service.h"
#include "test/test_util.h"

namespace parbench {
namespace {

// Distinct sizes give distinct checksums, so a result at the wrong index is caught.
std::vector<Task> DistinctTasks(Workload workload, int count) {
  std::vector<Task> tasks;
  for (int i = 0; i < count; ++i)
    tasks.push_back({workload, 1'000 + 37 * static_cast<std::uint64_t>(i)});
  return tasks;
}

using testing::Checksums;

// Names of the entries of `dir`, less "." and "..".
std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return {"<cannot open " + dir + ">"};
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(d);
  return names;
}

// A fresh $TMPDIR for the test, so that IoFile's temporaries can be counted.
class ScopedTmpDir {
 public:
  ScopedTmpDir() {
    std::string pattern = ::testing::TempDir() + "parbench-io-test.XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : "";
    const char* old = getenv("TMPDIR");
    if (old != nullptr) old_ = old;
    had_old_ = old != nullptr;
    setenv("TMPDIR", path_.c_str(), 1);
  }
  ~ScopedTmpDir() {
    if (had_old_) {
      setenv("TMPDIR", old_.c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
    rmdir(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string old_;
  bool had_old_ = false;
};

using Param = std::tuple<StrategyKind, Workload, int>;

class IoStrategyMatchesSequential : public ::testing::TestWithParam<Param> {
 protected:
  // Started before any strategy forks, so its workers inherit the port.
  void SetUp() override {
    service_.emplace(absl::Milliseconds(2));
    ASSERT_TRUE(service_->status().ok()) << service_->status();
  }
  void TearDown() override {
    service_.reset();
    EXPECT_TRUE(testing::HasNoChildren());
  }

  std::optional<testing::ScopedRequestService> service_;
};

TEST_P(IoStrategyMatchesSequential, SameResultsInTaskOrder) {
  const auto [kind, workload, workers] = GetParam();
  const ScopedTmpDir tmp;  // Set before any thread or child starts.
  const std::vector<Task> tasks = DistinctTasks(workload, 10);
  absl::StatusOr<std::vector<TaskResult>> expected = Sequential().Map(tasks);
  ASSERT_TRUE(expected.ok()) << expected.status();

  absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeStrategy(kind, workers);
  ASSERT_TRUE(strategy.ok()) << strategy.status();
  absl::StatusOr<std::vector<TaskResult>> results = (*strategy)->Map(tasks);
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(Checksums(*results), Checksums(*expected));
  for (const TaskResult& r : *results) EXPECT_GE(r.cpu_nanos, 0);
  strategy->reset();
  EXPECT_TRUE(Entries(tmp.path()).empty());
}

INSTANTIATE_TEST_SUITE_P(AllStrategies, IoStrategyMatchesSequential,
                         ::testing::Combine(::testing::ValuesIn(kAllStrategies),
                                            ::testing::Values(Workload::kIoNet, Workload::kIoFile),
                                            ::testing::Values(1, 3, 16)),
                         [](const ::testing::TestParamInfo<Param>& info) {
                           return absl::StrCat(StrategyName(std::get<0>(info.param)),
                                               WorkloadName(std::get<1>(info.param)), "Workers",
                                               std::get<2>(info.param));
                         });

TEST(IoNetTest, WithoutAServiceIsAClearError) {
  SetRequestServicePort(0);
  absl::StatusOr<std::uint64_t> result = RunTask({Workload::kIoNet, 64});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(result.status())) << result.status();
  EXPECT_NE(result.status().message().find("no request service"), absl::string_view::npos);
}

TEST(IoNetTest, AStoppedServiceIsAClearError) {
  absl::StatusOr<RequestService> service = RequestService::Start(absl::Milliseconds(1));
  ASSERT_TRUE(service.ok()) << service.status();
  SetRequestServicePort(service->port());
  ASSERT_TRUE(service->Stop().ok());
  absl::StatusOr<std::uint64_t> result = RunTask({Workload::kIoNet, 64});
  SetRequestServicePort(0);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("connect()"), absl::string_view::npos)
      << result.status();
}

TEST(IoNetTest, OversizedRequestIsRefused) {
  SetRequestServicePort(1);  // Never contacted: the size is checked first.
  absl::StatusOr<std::uint64_t> result = RunTask({Workload::kIoNet, std::uint64_t{1} << 30});
  SetRequestServicePort(0);
  EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
}

TEST(IoFileTest, ChecksumIsThePatternsAndNoFileIsLeft) {
  const ScopedTmpDir tmp;
  for (std::uint64_t bytes : {0, 1, 4096, 65536, 100'003}) {
    absl::StatusOr<std::uint64_t> checksum = RunTask({Workload::kIoFile, bytes});
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

TEST(IoWorkloadTest, NamesRoundTrip) {
  EXPECT_EQ(ParseWorkload("IoNet"), Workload::kIoNet);
  EXPECT_EQ(ParseWorkload("IoFile"), Workload::kIoFile);
  EXPECT_EQ(WorkloadName(Workload::kIoNet), "IoNet");
  EXPECT_EQ(WorkloadName(Workload::kIoFile), "IoFile");
}

}  // namespace
}  // namespace parbench
